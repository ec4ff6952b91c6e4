"""The city health check's map outputs and optional geometry layers: which sink holds the map
behind which indicator, and how each is written and styled. No translated text here."""

from __future__ import annotations

from qgis.core import QgsWkbTypes

from ....layers import styling, vector
from ...greenspace.processing import groups

#: Output of each map: (sink, geometry, style, engine methods whose maps it holds).
MAPS = (
    ("PARK_SERVICE_AREAS", QgsWkbTypes.Type.MultiPolygon, "greenspace_service_areas", ("park_coverage",)),
    ("GREENWAY_SERVICE_AREAS", QgsWkbTypes.Type.MultiPolygon, "greenspace_service_areas", ("greenway_coverage",)),
    ("FACILITY_GAPS", QgsWkbTypes.Type.Point, "greenspace_facility_gaps", ("facility_coverage",)),
    ("STATION_CATCHMENTS", QgsWkbTypes.Type.MultiPolygon, "transit_catchments", ("station_coverage",)),
    ("WATERLOGGING_SPOTS", QgsWkbTypes.Type.Point, "healthcheck_waterlogging", ("waterlogging_density",)),
    ("DENSE_LAND", QgsWkbTypes.Type.MultiPolygon, "healthcheck_dense_land", ("dense_land",)),
    ("CLUSTERS", QgsWkbTypes.Type.MultiPolygon, "healthcheck_clusters", ("cluster_size",)),
    ("CITY_ROADS", QgsWkbTypes.Type.MultiLineString, "healthcheck_roads", ("road_density",)),
    ("WIDE_CORRIDORS", QgsWkbTypes.Type.MultiPolygon, "healthcheck_corridors", ("eco_corridor",)),
)


def geometries(algorithm, parameters, name, context, feedback, metric, allowed):
    """Geometries of the optional layer `name` in the metric CRS (None when not given); errors
    name the layer by its parameter's description."""
    source = groups.source(algorithm, parameters, name, context, optional=True)
    if source is None:
        return None
    label = algorithm.parameterDefinition(name).description()
    vector.require_geometry_type(source, allowed, label)
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=[], target_crs=metric, label=label
    )
    return frame.geometry.to_numpy()


def write_maps(algorithm, parameters, context, feedback, result, metric, output_crs) -> dict:
    """Each map sink that was asked for: the maps of the indicators it holds, styled."""
    import geopandas as gpd
    import pandas as pd

    outputs = {}
    for sink, wkb, style, methods in MAPS:
        frames = []
        for r in result.results:
            if r.computed and r.indicator.method in methods and r.map is not None:
                frame = r.map.copy()
                frame.insert(0, "indicator", r.indicator.key)
                frame.insert(1, "name_zh", r.indicator.name_zh)
                frames.append(frame)
        if not frames:
            continue
        frame = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry")
        dest = vector.write_frame(
            algorithm,
            parameters,
            sink,
            context,
            frame,
            wkb_type=wkb,
            frame_crs=metric,
            output_crs=output_crs,
            feedback=feedback,
        )
        if dest:
            styling.style_output(context, dest, style, algorithm.parameterDefinition(sink).description())
            outputs[sink] = dest
    return outputs
