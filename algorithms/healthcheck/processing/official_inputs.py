"""The layers the official forms of three health-check indicators count (issue 28): commuting
home-work pairs, communities (社区) and blocks (地段). A parameter group the health-check door
composes; module-level tr() (context '@default')."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)

from ....layers import vector
from ....translation import tr
from ...greenspace.processing import groups

COMMUTES = "COMMUTES"
COMMUTE_WEIGHT_FIELD = "COMMUTE_WEIGHT_FIELD"
COMMUNITIES = "COMMUNITIES"
BLOCKS = "BLOCKS"
POLYGONS = [QgsProcessing.SourceType.TypeVectorPolygon]


def add_parameters(algorithm) -> None:
    """The three optional inputs, after the door's own parameters (saved models keep their order)."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            COMMUTES,
            tr("Commutes: one line per commuter or OD pair, from home to workplace (轨道站点周边覆盖通勤比例)"),
            [QgsProcessing.SourceType.TypeVectorLine],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            COMMUTE_WEIGHT_FIELD,
            tr("Commuters per line (empty: one each)"),
            parentLayerParameterName=COMMUTES,
            type=QgsProcessingParameterField.DataType.Numeric,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            COMMUNITIES,
            tr("Communities (社区, polygons): facility indicators as shares of communities"),
            POLYGONS,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            BLOCKS, tr("Blocks (地段 / 街坊, polygons): population density over gross land"), POLYGONS, optional=True
        )
    )


def read(algorithm, parameters, context, feedback, metric, layers) -> None:
    """Fill `layers` (indicators.CityLayers) with the commutes, communities and blocks given."""
    import numpy as np
    import shapely

    for name, attribute in ((COMMUNITIES, "communities"), (BLOCKS, "blocks")):
        source = groups.source(algorithm, parameters, name, context, optional=True)
        if source is not None:
            label = algorithm.parameterDefinition(name).description()
            vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PolygonGeometry,), label)
            frame = vector.source_to_frame(
                source, context=context, feedback=feedback, fields=[], target_crs=metric, label=label
            )
            setattr(layers, attribute, frame.geometry.to_numpy())
    source = groups.source(algorithm, parameters, COMMUTES, context, optional=True)
    if source is None:
        return
    weight = algorithm.parameterAsString(parameters, COMMUTE_WEIGHT_FIELD, context)
    label = algorithm.parameterDefinition(COMMUTES).description()
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.LineGeometry,), label)
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=[weight] if weight else [], target_crs=metric, label=label
    )
    ends = [shapely.get_coordinates(line) for line in frame.geometry.to_numpy()]
    if any(len(xy) < 2 for xy in ends):
        raise QgsProcessingException(tr("Every commute line needs a home and a workplace end: {}").format(label))
    layers.commute_homes = shapely.points(np.array([xy[0] for xy in ends]))
    layers.commute_works = shapely.points(np.array([xy[-1] for xy in ends]))
    if weight:
        layers.commute_weights = frame[weight].astype(float).fillna(0.0).to_numpy()
