"""The express service door's station and line layers, read into the engine's plain tables.
Messages use `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsProcessingException, QgsWkbTypes

from ....layers import crs as crs_utils
from ....layers import vector
from .. import values


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

    source = algorithm.parameterAsSource(parameters, algorithm.STATIONS, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, algorithm.STATIONS))
    label = source.sourceName() or algorithm.tr("Metro stations")
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PointGeometry,), label)
    id_field = algorithm.parameterAsString(parameters, algorithm.STATION_ID_FIELD, context)
    name_field = algorithm.parameterAsString(parameters, algorithm.STATION_NAME_FIELD, context)
    line_field = algorithm.parameterAsString(parameters, algorithm.LINE_FIELD, context)
    order_field = algorithm.parameterAsString(parameters, algorithm.ORDER_FIELD, context)
    express_field = algorithm.parameterAsString(parameters, algorithm.EXPRESS_FIELD, context)
    fields = list(dict.fromkeys(f for f in (id_field, name_field, line_field, order_field, express_field) if f))
    metric = crs_utils.metric_crs_for_source(source, context)
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=fields, target_crs=metric, label=label
    )
    vector.require_features(frame, label)
    points = frame.geometry.representative_point()
    import pandas as pd

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
    return Stations(table, metric, source.sourceCrs(), geometries, label, order_field)


def read_lines(algorithm, parameters, context, feedback, metric) -> dict:
    """{line id: LineString} in the metric CRS from the optional LINES layer (parts merged)."""
    source = algorithm.parameterAsSource(parameters, algorithm.LINES, context)
    if source is None:
        return {}
    import shapely

    label = source.sourceName() or algorithm.tr("Metro line geometry")
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.LineGeometry,), label)
    field = algorithm.parameterAsString(parameters, algorithm.LINES_ID_FIELD, context) or algorithm.parameterAsString(
        parameters, algorithm.LINE_FIELD, context
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
