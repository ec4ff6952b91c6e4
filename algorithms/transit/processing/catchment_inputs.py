"""The station catchments door's inputs: the stations (the shared stations group) with their ids and
names, the optional entrances and the bands with their unit and walking speed, declared and read.
Messages use `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import vector
from .. import values
from . import stations

ENTRANCES = "ENTRANCES"
ENTRANCE_STATION_FIELD = "ENTRANCE_STATION_FIELD"
BANDS = "BANDS"
BAND_UNIT = "BAND_UNIT"
WALK_SPEED = "WALK_SPEED"
UNITS = ("metres", "minutes")


def add_stations(algorithm) -> None:
    """The stations group (id field optional: feature ids), ENTRANCES and ENTRANCE_STATION_FIELD."""
    stations.add_parameters(
        algorithm, algorithm.tr("Metro stations"), algorithm.tr("Station id field (empty: feature id)")
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            ENTRANCES,
            algorithm.tr("Station entrances (optional)"),
            [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            ENTRANCE_STATION_FIELD,
            algorithm.tr("Station id field of the entrances"),
            parentLayerParameterName=ENTRANCES,
            optional=True,
        )
    )


@dataclass
class Stations:
    """The station layer with each station's id and name, in the layer's order."""

    layer: stations.StationLayer
    ids: list[str]
    names: list[str]


def read_stations(algorithm, parameters, context, feedback) -> Stations:
    """The stations with ids from the id field (else the feature ids) and names from the name
    field (else the ids)."""
    layer = stations.read(algorithm, parameters, context, feedback)
    frame, id_field, name_field = layer.frame, layer.id_field, layer.name_field
    ids = [values.text(v) for v in frame[id_field]] if id_field else [str(v) for v in frame[vector.FID]]
    names = [values.text(v) or ids[i] for i, v in enumerate(frame[name_field])] if name_field else ids
    return Stations(layer, ids, names)


def read_entrances(algorithm, parameters, context, feedback, metric, ids) -> tuple:
    """Entrance points and the index of the station each belongs to (-1: unknown station);
    (None, None) without an entrance layer."""
    import numpy as np

    source = algorithm.parameterAsSource(parameters, ENTRANCES, context)
    if source is None:
        return None, None
    label = source.sourceName() or algorithm.tr("Station entrances")
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PointGeometry,), label)
    field = algorithm.parameterAsString(parameters, ENTRANCE_STATION_FIELD, context)
    if not field:
        raise QgsProcessingException(
            algorithm.tr("Choose the field of layer '{}' that holds the station id of each entrance.").format(label)
        )
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=[field], target_crs=metric, label=label
    )
    index = {sid: k for k, sid in enumerate(ids)}
    owner = np.array([index.get(values.text(v), -1) for v in frame[field]], dtype=np.int64)
    unknown = int((owner < 0).sum())
    if unknown:
        feedback.pushWarning(
            algorithm.tr(
                "Layer '{}': {} entrance(s) name no station of the station layer in field '{}' and are left out."
            ).format(label, unknown, field)
        )
    return frame.geometry.values, owner


def add_bands(algorithm) -> None:
    """BANDS (default: the TOD bands of resources/standards/transit.json), BAND_UNIT and WALK_SPEED."""
    from ... import standards

    bands = standards.preset("transit", "tod_bands")["bands_m"]
    algorithm.addParameter(
        QgsProcessingParameterString(
            BANDS, algorithm.tr("Bands (comma separated)"), defaultValue=",".join(f"{b:g}" for b in bands)
        )
    )
    unit = QgsProcessingParameterEnum(BAND_UNIT, algorithm.tr("Band unit"), options=list(UNITS), defaultValue="metres")
    unit.setUsesStaticStrings(True)
    algorithm.addParameter(unit)
    algorithm.addParameter(
        QgsProcessingParameterNumber(
            WALK_SPEED,
            algorithm.tr("Walking speed (m/s, for bands in minutes)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=values.preset_value("walking_speed", "walk_speed_ms"),
            minValue=0.1,
            maxValue=3.0,
        )
    )


def read_bands(algorithm, parameters, context) -> tuple[list[float], float]:
    """(the bands in metres, ascending; the walking speed in m/s that converts minutes)."""
    from .. import catchments

    text = algorithm.parameterAsString(parameters, BANDS, context)
    speed = algorithm.parameterAsDouble(parameters, WALK_SPEED, context)
    try:
        bands = catchments.parse_bands(text, algorithm.parameterAsEnumString(parameters, BAND_UNIT, context), speed)
    except catchments.CatchmentInputError as error:
        raise QgsProcessingException(
            algorithm.tr(
                "Bands '{}' cannot be read: give positive numbers separated by commas, e.g. 300,500,800."
            ).format(text)
        ) from error
    return bands, speed
