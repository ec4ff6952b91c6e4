"""The metro stations group both transit doors compose: STATIONS (points), STATION_ID_FIELD and
STATION_NAME_FIELD, declared and read into a frame in a metric working CRS. Each door turns the
frame into its own station table. Messages use `algorithm.tr` (context 'algorithm', base.py)."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import vector

STATIONS = "STATIONS"
STATION_ID_FIELD = "STATION_ID_FIELD"
STATION_NAME_FIELD = "STATION_NAME_FIELD"


def add_parameters(algorithm, description: str, id_description: str, id_default: str | None = None) -> None:
    """STATIONS, STATION_ID_FIELD and STATION_NAME_FIELD (optional). The id field is optional
    when it has no default (the door then numbers stations by feature id)."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(STATIONS, description, [QgsProcessing.SourceType.TypeVectorPoint])
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            STATION_ID_FIELD,
            id_description,
            defaultValue=id_default,
            parentLayerParameterName=STATIONS,
            optional=id_default is None,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            STATION_NAME_FIELD, algorithm.tr("Station name field"), parentLayerParameterName=STATIONS, optional=True
        )
    )


@dataclass
class StationLayer:
    """The station points in the `metric` CRS with the id and name fields (and the door's own
    fields), the layer's CRS for the outputs and its label for messages."""

    frame: object  # geopandas.GeoDataFrame
    metric: object  # QgsCoordinateReferenceSystem
    source_crs: object  # QgsCoordinateReferenceSystem
    label: str
    id_field: str
    name_field: str


def read(algorithm, parameters, context, feedback, fields=()) -> StationLayer:
    """The STATIONS layer (checked: points, at least one) with its id and name fields and `fields`."""
    source = algorithm.parameterAsSource(parameters, STATIONS, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, STATIONS))
    label = source.sourceName() or algorithm.tr("Metro stations")
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PointGeometry,), label)
    id_field = algorithm.parameterAsString(parameters, STATION_ID_FIELD, context)
    name_field = algorithm.parameterAsString(parameters, STATION_NAME_FIELD, context)
    metric = crs_utils.metric_crs_for_source(source, context)
    frame = vector.source_to_frame(
        source,
        context=context,
        feedback=feedback,
        fields=list(dict.fromkeys(f for f in (id_field, name_field, *fields) if f)),
        target_crs=metric,
        label=label,
    )
    vector.require_features(frame, label)
    return StationLayer(frame, metric, source.sourceCrs(), label, id_field, name_field)
