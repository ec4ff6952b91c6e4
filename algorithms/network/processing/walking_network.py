"""The walking network as every green-city and transit algorithm asks for it and reads it: one set
of parameters (same names, labels and metre units everywhere; defaults from algorithms/walking.py)
and one reader that builds the engine's Network. The same streets and homes therefore give the
same walking distances in park coverage, facility coverage, park equity, station catchments and
the express service's commute isochrones.

Lengths are metres for any layer CRS: the length parameters are distance parameters with no
parent layer and metres as their unit, so the toolbox shows (and converts to) metres even for an
OSM network in EPSG:4326, and the reader applies them in the metric CRS the inputs are projected to.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ....layers import vector
from ....translation import tr
from ... import walking
from . import terrain_input

NETWORK = "NETWORK"
EXCLUDE_FIELD = "EXCLUDE_FIELD"
EXCLUDE_VALUES = "EXCLUDE_VALUES"
TOLERANCE = "TOLERANCE"
SNAP_DISTANCE = "SNAP_DISTANCE"

try:  # QGIS >= 3.30
    from qgis.core import Qgis

    METRES = Qgis.DistanceUnit.Meters
except AttributeError:  # QGIS 3.22-3.28
    METRES = QgsUnitTypes.DistanceUnit.DistanceMeters


def metres_parameter(
    name: str,
    description: str,
    default: float,
    minimum: float = 0.0,
    maximum: float | None = None,
    advanced: bool = False,
) -> QgsProcessingParameterDistance:
    """A length in metres, shown as metres in the toolbox, batch and modeller dialogs whatever the
    CRS of the layers: no parent layer (whose CRS unit, e.g. degrees, QGIS would show instead)
    and metres as the default unit. The description ends in '(m)' for the batch and modeller
    columns, which show no unit."""
    parameter = QgsProcessingParameterDistance(
        name, description, defaultValue=default, minValue=minimum, **({} if maximum is None else {"maxValue": maximum})
    )
    parameter.setDefaultUnit(METRES)
    if advanced:
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    return parameter


def add_parameters(algorithm, description: str, optional: bool, terrain: bool = False) -> None:
    """NETWORK, EXCLUDE_FIELD, EXCLUDE_VALUES, TOLERANCE (advanced) and SNAP_DISTANCE; with
    `terrain`, the terrain DEM group (terrain_input.py) of the doors that walk it."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            NETWORK, description, [QgsProcessing.SourceType.TypeVectorLine], optional=optional
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            EXCLUDE_FIELD,
            tr("Road class field (classes pedestrians cannot use are excluded)"),
            defaultValue=walking.EXCLUDE_FIELD,
            parentLayerParameterName=NETWORK,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            EXCLUDE_VALUES,
            tr("Excluded road classes (comma separated)"),
            defaultValue=",".join(walking.EXCLUDED_CLASSES),
            optional=True,
        )
    )
    algorithm.addParameter(
        metres_parameter(
            TOLERANCE,
            tr("Network snapping tolerance (m): line ends and vertices closer than this connect"),
            walking.TOLERANCE_M,
            minimum=0.0,
            maximum=50.0,
            advanced=True,
        )
    )
    algorithm.addParameter(
        metres_parameter(
            SNAP_DISTANCE,
            tr("Maximum distance from a street (m): farther is unreachable"),
            walking.SNAP_DISTANCE_M,
            minimum=0.1,
        )
    )
    if terrain:
        terrain_input.add_parameters(algorithm)


@dataclass
class WalkingNetwork:
    """The built network and the snap distance (m) every home, park, facility or station uses."""

    network: object  # algorithms.network.Network
    snap_distance: float
    tolerance: float
    draped: object = None  # the network draped on TERRAIN_DEM (directed), None without a DEM


def snap_distance(algorithm, parameters, context, legacy: str | None = None) -> float:
    """SNAP_DISTANCE in metres (or the value of a renamed parameter a saved model still sets)."""
    return _metres(algorithm, parameters, SNAP_DISTANCE, context, legacy)


def _metres(algorithm, parameters, name, context, legacy: str | None) -> float:
    if legacy and parameters.get(legacy) not in (None, ""):
        return algorithm.parameterAsDouble(parameters, legacy, context)
    return algorithm.parameterAsDouble(parameters, name, context)


def read(
    algorithm, parameters, context, feedback, metric, required: bool, legacy: dict[str, str] | None = None
) -> WalkingNetwork | None:
    """The walking network of NETWORK in the `metric` CRS, road classes excluded, reported
    (size, excluded lines, disconnected parts) through feedback; None when the optional layer is
    not given. `legacy`: {current name: old name} of renamed parameters saved models may still set."""
    from .. import NetworkError, build_network, component_report, excluded_mask

    legacy = legacy or {}
    source = algorithm.parameterAsSource(parameters, NETWORK, context)
    if source is None:
        if required:
            raise QgsProcessingException(algorithm.invalidSourceError(parameters, NETWORK))
        return None
    label = tr("Walking network")
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.LineGeometry,), label)
    field = algorithm.parameterAsString(parameters, EXCLUDE_FIELD, context)
    if field and source.fields().lookupField(field) < 0:
        feedback.pushInfo(tr("The network has no field '{}': no road class is excluded.").format(field))
        field = ""
    with_terrain = terrain_input.wanted(algorithm, parameters, context)
    undraped = terrain_input.undraped_fields(source) if with_terrain else []
    frame = vector.source_to_frame(
        source,
        context=context,
        feedback=feedback,
        fields=([field] if field else []) + undraped,
        target_crs=metric,
        label=label,
    )
    vector.require_features(frame, label)
    excluded = None
    if field:
        values = [v for v in algorithm.parameterAsString(parameters, EXCLUDE_VALUES, context).split(",") if v.strip()]
        excluded = excluded_mask(frame[field].tolist(), values)
    tolerance = _metres(algorithm, parameters, TOLERANCE, context, legacy.get(TOLERANCE))
    try:
        network = build_network(frame.geometry.to_numpy(), tolerance=tolerance, excluded=excluded)
    except NetworkError as error:
        raise QgsProcessingException(tr("Walking network: {}.").format(error)) from error
    parts = component_report(network)
    feedback.pushInfo(
        tr("Walking network: {} nodes, {} edges, {:.1f} km; {} line(s) excluded by road class.").format(
            network.n_nodes, network.n_edges, network.total_length / 1000, network.excluded_lines
        )
    )
    if parts.n_components > 1:
        feedback.pushWarning(
            tr(
                "The walking network has {} disconnected parts; the largest holds {:.0%} of its length. "
                "Homes on small islands are flagged (on_island)."
            ).format(parts.n_components, parts.main_share)
        )
    draped = None
    if with_terrain:
        draped = terrain_input.drape(algorithm, parameters, context, feedback, metric, network, frame, field, undraped)
    snap = snap_distance(algorithm, parameters, context, legacy.get(SNAP_DISTANCE))
    return WalkingNetwork(network, snap, tolerance, draped)


def population_values(values, label: str, field: str, feedback):
    """Population counts with nulls and negatives as 0, each reported through feedback (the same
    rule and messages in every green-city and transit algorithm)."""
    population, nulls, negative = walking.clean_population(values)
    if nulls:
        feedback.pushWarning(
            tr("{} feature(s) of '{}' have no population value in '{}': counted as 0.").format(nulls, label, field)
        )
    if negative:
        feedback.pushWarning(
            tr("{} feature(s) of '{}' have a negative population in '{}': counted as 0.").format(negative, label, field)
        )
    return population


@dataclass
class PopulationPolygons:
    """Population polygons (apportioned by area) and which of them can reach a street (measured,
    like every home, from a point inside; see walking.reachable_homes)."""

    geometries: object  # numpy array of polygons, metric CRS
    values: object  # numpy array, nulls and negatives as 0
    reachable: object  # numpy bool array

    @property
    def total(self) -> float:
        return float(self.values.sum())

    @property
    def unreachable(self) -> float:
        return float(self.values[~self.reachable].sum())

    def reachable_part(self):
        """(geometries, values) of the polygons that can reach a street: the only ones whose
        people are apportioned to catchments and isochrones."""
        return self.geometries[self.reachable], self.values[self.reachable]


def read_population_polygons(
    algorithm, parameters, name: str, field_name: str, context, feedback, metric, walk: WalkingNetwork
) -> PopulationPolygons | None:
    """The optional population polygons of parameters `name` / `field_name`, None when not given."""
    source = algorithm.parameterAsSource(parameters, name, context)
    if source is None:
        return None
    label = source.sourceName() or algorithm.parameterDefinition(name).description()
    vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PolygonGeometry,), label)
    field = algorithm.parameterAsString(parameters, field_name, context)
    if not field:
        raise QgsProcessingException(tr("Choose the population field of layer '{}'.").format(label))
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=[field], target_crs=metric, label=label
    )
    values = population_values(frame[field].tolist(), label, field, feedback)
    geometries = frame.geometry.to_numpy()
    reachable = walking.reachable_homes(walk.network, geometries, walk.snap_distance)
    if not reachable.all():
        feedback.pushWarning(
            tr(
                "{} population feature(s) of '{}' ({:,.0f} people) lie farther "
                "than {:g} m from every street: counted as unreachable."
            ).format(int((~reachable).sum()), label, float(values[~reachable].sum()), walk.snap_distance)
        )
    return PopulationPolygons(geometries, values, reachable)
