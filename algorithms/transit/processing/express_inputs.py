"""The express service door's inputs: the station layer (the shared stations group plus the line,
order and express stop fields), the optional line geometry and the express pattern with its
destination, declared and read into the engine's plain tables. Messages use `algorithm.tr`
(context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import vector
from .. import values
from . import stations

LINE_FIELD = "LINE_FIELD"
ORDER_FIELD = "ORDER_FIELD"
LINES = "LINES"
LINES_ID_FIELD = "LINES_ID_FIELD"
EXPRESS_FIELD = "EXPRESS_FIELD"
EXPRESS_STATIONS = "EXPRESS_STATIONS"
EXPRESS_LINES = "EXPRESS_LINES"
DESTINATION = "DESTINATION"


def add_parameters(algorithm) -> None:
    """The stations group, LINE_FIELD, ORDER_FIELD, LINES, LINES_ID_FIELD, EXPRESS_FIELD,
    EXPRESS_STATIONS, EXPRESS_LINES and DESTINATION."""
    stations.add_parameters(
        algorithm,
        algorithm.tr("Metro stations (one point per station and line)"),
        algorithm.tr("Station id field (same id for an interchange on every line)"),
        id_default="station_id",
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            LINE_FIELD, algorithm.tr("Line id field"), defaultValue="line", parentLayerParameterName=stations.STATIONS
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            ORDER_FIELD,
            algorithm.tr("Order along the line field (empty: order along the line geometry)"),
            parentLayerParameterName=stations.STATIONS,
            type=QgsProcessingParameterField.DataType.Numeric,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            LINES,
            algorithm.tr("Metro line geometry (optional: distances along the track)"),
            [QgsProcessing.SourceType.TypeVectorLine],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            LINES_ID_FIELD,
            algorithm.tr("Line id field of the line geometry (default: same name as the line id field)"),
            parentLayerParameterName=LINES,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            EXPRESS_FIELD,
            algorithm.tr("Express stop field (1/true/yes where the express stops)"),
            parentLayerParameterName=stations.STATIONS,
            optional=True,
        )
    )
    _add_pattern(algorithm)


def _add_pattern(algorithm) -> None:
    """EXPRESS_STATIONS, EXPRESS_LINES (optional) and DESTINATION: the scenario to evaluate."""
    algorithm.addParameter(
        QgsProcessingParameterString(
            EXPRESS_STATIONS, algorithm.tr("Express stops (station ids or names, comma separated)"), optional=True
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            EXPRESS_LINES,
            algorithm.tr(
                "Lines the express runs on (comma separated; empty: every line with two or more express stops)"
            ),
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(DESTINATION, algorithm.tr("Destination station (id or name, e.g. 东风广场)"))
    )


def read_pattern(algorithm, parameters, context) -> dict:
    """The destination and the express pattern as keyword arguments of express.evaluate."""
    from ..express import parse_list

    return {
        "destination": algorithm.parameterAsString(parameters, DESTINATION, context),
        "express_stations": parse_list(algorithm.parameterAsString(parameters, EXPRESS_STATIONS, context)),
        "express_lines": parse_list(algorithm.parameterAsString(parameters, EXPRESS_LINES, context)),
    }


@dataclass
class Stations:
    """Station rows in a metric CRS (station_id, name, line, order, express, x, y), the metric and
    source CRS, one point per station id for the output, and the layer's label and order field
    (for the messages that explain the engine's input errors)."""

    table: object  # pandas.DataFrame
    metric: object  # QgsCoordinateReferenceSystem
    source_crs: object  # QgsCoordinateReferenceSystem
    geometries: dict
    label: str
    order_field: str


def read_stations(algorithm, parameters, context, feedback) -> Stations:
    """The STATIONS layer read with its id, name, line, order and express fields."""
    import math

    import pandas as pd

    line_field = algorithm.parameterAsString(parameters, LINE_FIELD, context)
    order_field = algorithm.parameterAsString(parameters, ORDER_FIELD, context)
    express_field = algorithm.parameterAsString(parameters, EXPRESS_FIELD, context)
    layer = stations.read(algorithm, parameters, context, feedback, fields=(line_field, order_field, express_field))
    frame, label, id_field, name_field = layer.frame, layer.label, layer.id_field, layer.name_field
    points = frame.geometry.representative_point()
    table = pd.DataFrame(
        {
            "station_id": [values.text(v) for v in frame[id_field]],
            "line": [values.text(v) for v in frame[line_field]],
            "x": points.x.to_numpy(),
            "y": points.y.to_numpy(),
        }
    )
    table["name"] = [values.text(v) for v in frame[name_field]] if name_field else table["station_id"]
    for column, field in (("station_id", id_field), ("line", line_field)):
        empty = table[column] == ""
        if empty.any():
            raise QgsProcessingException(
                algorithm.tr(
                    "Layer '{}': {} feature(s) have no value in field '{}'. Fill the field or remove those stations."
                ).format(label, int(empty.sum()), field)
            )
    if order_field:
        try:
            table["order"] = [math.nan if v is None else float(v) for v in frame[order_field]]
        except (TypeError, ValueError) as error:
            raise QgsProcessingException(
                algorithm.tr(
                    "Layer '{}': field '{}' must hold numbers (the position of each station along its line)."
                ).format(label, order_field)
            ) from error
    else:
        table["order"] = math.nan
    table["express"] = [values.truthy(v) for v in frame[express_field]] if express_field else False
    geometries = {}
    for sid, geometry in zip(table["station_id"], frame.geometry):
        geometries.setdefault(sid, geometry)
    return Stations(table, layer.metric, layer.source_crs, geometries, label, order_field)


def read_lines(algorithm, parameters, context, feedback, metric) -> dict:
    """{line id: LineString} in the metric CRS from the optional LINES layer (parts merged)."""
    source = algorithm.parameterAsSource(parameters, LINES, context)
    if source is None:
        return {}
    import shapely

    label = source.sourceName() or algorithm.tr("Metro line geometry")
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.LineGeometry,), label)
    field = algorithm.parameterAsString(parameters, LINES_ID_FIELD, context) or algorithm.parameterAsString(
        parameters, LINE_FIELD, context
    )
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=[field], target_crs=metric, label=label
    )
    vector.require_features(frame, label)
    result = {}
    for line_id, rows in frame.groupby(frame[field].map(values.text)):
        merged = shapely.line_merge(shapely.union_all(rows.geometry.values))
        if merged.geom_type != "LineString":
            raise QgsProcessingException(
                algorithm.tr(
                    "Layer '{}': the geometry of line '{}' is not one continuous line ({} pieces). Join the pieces "
                    "(e.g. with Dissolve and Merge lines) or leave the line layer out to use straight distances."
                ).format(label, line_id, len(getattr(merged, "geoms", [])) or 0)
            )
        result[line_id] = merged
    return result
