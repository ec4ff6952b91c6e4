"""The streets group of the city health check: the walking network (which also gives the road
lines and their class field) and ROAD_CLASSES, the classes counted in the road network density,
declared beside their readers. Messages use `algorithm.tr` (context 'algorithm', see
algorithms/base.py)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterString

from ....layers import vector
from ...greenspace.processing import groups
from ...network.processing import walking_network

ROAD_CLASSES = "ROAD_CLASSES"


def add_parameters(algorithm) -> None:
    """The optional walking network (streets) and ROAD_CLASSES."""
    walking_network.add_parameters(
        algorithm,
        algorithm.tr("Walking network and streets (lines; empty: straight-line distance)"),
        optional=True,
        terrain=True,
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            ROAD_CLASSES,
            algorithm.tr(
                "Road classes counted as city roads in the road network density (comma separated; "
                "the road class field; empty: the edition's GB/T 51328 classes)"
            ),
            defaultValue="",
            optional=True,
        )
    )


def read_network(algorithm, parameters, context, feedback, metric):
    """The walking network and its terrain-draped copy ((None, None) when not given: straight-line
    distances, said in the log; draped None without a terrain DEM)."""
    walk = walking_network.read(algorithm, parameters, context, feedback, metric, required=False)
    if walk is None:
        feedback.pushWarning(
            algorithm.tr(
                "No walking network given: distances are straight-line (euclidean) and labelled so in every output."
            )
        )
        return None, None
    return walk.network, walk.draped


def read_roads(algorithm, parameters, context, feedback, metric):
    """(road lines of the network layer, their class values or None): the classes listed when
    the planner lists some (every listed class counts), else every line with its class for the
    edition's counted classes (all lines count when the layer has no road class field)."""
    import numpy as np

    source = groups.source(algorithm, parameters, walking_network.NETWORK, context, optional=True)
    if source is None:
        return None, None
    field = algorithm.parameterAsString(parameters, walking_network.EXCLUDE_FIELD, context)
    field = field if field and source.fields().lookupField(field) >= 0 else ""
    frame = vector.source_to_frame(
        source,
        context=context,
        feedback=feedback,
        fields=[field] if field else [],
        target_crs=metric,
        label=algorithm.tr("Walking network"),
    )
    if not field:
        feedback.pushInfo(
            algorithm.tr("The network has no road class field: every line counts in the road network density.")
        )
        return frame.geometry.to_numpy(), None
    classes = {
        c.strip() for c in algorithm.parameterAsString(parameters, ROAD_CLASSES, context).split(",") if c.strip()
    }
    values = frame[field].astype(str).to_numpy()
    if not classes:
        return frame.geometry.to_numpy(), values
    keep = np.isin(values, sorted(classes))
    return frame.geometry.to_numpy()[keep], None
