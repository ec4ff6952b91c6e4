"""The exposure input group of the flood doors: optional ROADS (lines) and BUILDINGS (polygons),
read as frames in the working CRS for the crossings, flagged buildings and depression exposure."""

from __future__ import annotations

from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSource, QgsWkbTypes

from ....layers import vector

ROADS = "ROADS"
BUILDINGS = "BUILDINGS"


def add_parameters(algorithm) -> None:
    """ROADS and BUILDINGS, both optional."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            ROADS, algorithm.tr("Roads (lines)"), [QgsProcessing.SourceType.TypeVectorLine], optional=True
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            BUILDINGS, algorithm.tr("Buildings (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
        )
    )


def read(algorithm, parameters, context, feedback, metric, road_fields=()) -> tuple:
    """(roads, buildings) as frames in the `metric` CRS, None for a layer not given; the roads
    keep `road_fields`."""
    frames = []
    for name, kind, label in (
        (ROADS, QgsWkbTypes.GeometryType.LineGeometry, algorithm.tr("Roads")),
        (BUILDINGS, QgsWkbTypes.GeometryType.PolygonGeometry, algorithm.tr("Buildings")),
    ):
        source = algorithm.parameterAsSource(parameters, name, context)
        if source is None:
            frames.append(None)
            continue
        vector.require_geometry_type(source, (kind,), source.sourceName() or label)
        fields = list(road_fields) if name == ROADS else []
        frames.append(
            vector.source_to_frame(
                source,
                context=context,
                feedback=feedback,
                fields=fields,
                target_crs=metric,
                label=source.sourceName() or label,
            )
        )
    return tuple(frames)
