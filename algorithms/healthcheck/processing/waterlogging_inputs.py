"""The waterlogging group of the city health check: recorded WATERLOGGING_POINTS and the DEM whose
depressions stand in for them when none are recorded, declared beside their reader. Messages use
`algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ....layers import vector
from .maps import geometries

WATERLOGGING_POINTS = "WATERLOGGING_POINTS"
DEM = "DEM"


def add_parameters(algorithm) -> None:
    """WATERLOGGING_POINTS (points) and DEM, both optional."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            WATERLOGGING_POINTS,
            algorithm.tr("Recorded waterlogging spots (points)"),
            [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterRasterLayer(
            DEM, algorithm.tr("DEM (screening for waterlogging spots when none are recorded)"), optional=True
        )
    )


def read(algorithm, parameters, context, feedback, metric):
    """Recorded points, else one point inside each depression waterloggingspots finds on the
    DEM (run as a child algorithm, so the DEM is read and checked exactly as there); None when
    neither is given."""
    import processing
    import shapely

    points = geometries(
        algorithm,
        parameters,
        WATERLOGGING_POINTS,
        context,
        feedback,
        metric,
        (QgsWkbTypes.GeometryType.PointGeometry,),
    )
    dem = algorithm.parameterAsRasterLayer(parameters, DEM, context)
    if points is not None or dem is None:
        return points
    feedback.pushInfo(
        algorithm.tr("No recorded waterlogging spots: depressions of the DEM stand in for them (screening).")
    )
    result = processing.run(
        "urbanization:waterloggingspots",
        {"DEM": dem, "DEPRESSIONS": "TEMPORARY_OUTPUT", "DEPTH": "TEMPORARY_OUTPUT"},
        context=context,
        feedback=feedback,
        is_child_algorithm=True,
    )
    layer = QgsProcessingUtils.mapLayerFromString(result["DEPRESSIONS"], context)
    frame = vector.source_to_frame(
        layer,
        context=context,
        feedback=feedback,
        fields=[],
        target_crs=metric,
        label=algorithm.tr("Waterlogging-prone depressions"),
    )
    return shapely.point_on_surface(frame.geometry.to_numpy())
