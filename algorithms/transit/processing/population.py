"""The population group of the transit doors: optional POPULATION polygons (apportioned by area)
and their POPULATION_FIELD, declared and read against the walking network (which polygons can
reach a street). Messages use `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSource, QgsProcessingParameterField

from ...network.processing import walking_network

POPULATION = "POPULATION"
POPULATION_FIELD = "POPULATION_FIELD"


def add_parameters(algorithm) -> None:
    """POPULATION (polygons) and POPULATION_FIELD (numeric), both optional."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            POPULATION,
            algorithm.tr("Population (optional polygons, apportioned by area)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            POPULATION_FIELD,
            algorithm.tr("Population field"),
            parentLayerParameterName=POPULATION,
            type=QgsProcessingParameterField.DataType.Numeric,
            optional=True,
        )
    )


def read(algorithm, parameters, context, feedback, metric, walk) -> walking_network.PopulationPolygons | None:
    """The population polygons in the `metric` CRS, None when no layer is given."""
    return walking_network.read_population_polygons(
        algorithm, parameters, POPULATION, POPULATION_FIELD, context, feedback, metric, walk
    )
