"""Parameter groups of the green-city doors and their readers: walking network, residential land,
districts, the report, the sites (parks, facilities) and the writers; the parks and their standard
are in park_inputs.py. Each door composes the groups it needs (the city health check too), as
algorithms/network/processing/walking_network.py does for the network. Messages use the
module-level tr() (context '@default'), shared by every door that composes a group."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import styling, vector
from ....translation import tr
from ...network.processing import terrain_input, walking_network

POINTS_POLYGONS = (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.PolygonGeometry)

NETWORK = walking_network.NETWORK
SNAP_DISTANCE = walking_network.SNAP_DISTANCE
RESIDENTIAL = "RESIDENTIAL"
POPULATION_FIELD = "POPULATION_FIELD"
DISTRICTS = "DISTRICTS"
DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
REPORT = "REPORT"
MODE = "MODE"


# -- parameters ---------------------------------------------------------------------------------


def add_network(algorithm, optional: bool = True, terrain: bool = False) -> None:
    """The shared walking network; optional: straight-line distances without it; `terrain`: with
    the optional terrain DEM."""
    walking_network.add_parameters(
        algorithm,
        tr("Walking network (lines; empty: straight-line distance)") if optional else tr("Walking network (lines)"),
        optional=optional,
        terrain=terrain,
    )


def add_residential(algorithm, population_optional: bool = True) -> None:
    """RESIDENTIAL (polygons or points) and its POPULATION_FIELD."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            RESIDENTIAL,
            tr("Residential land or homes (polygons or points)"),
            [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint],
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            POPULATION_FIELD,
            tr("Population field"),
            parentLayerParameterName=RESIDENTIAL,
            type=QgsProcessingParameterField.DataType.Numeric,
            optional=population_optional,
        )
    )


def add_districts(algorithm) -> None:
    """The optional DISTRICTS polygons and their DISTRICT_NAME_FIELD."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            DISTRICTS, tr("Districts (polygons, optional)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            DISTRICT_NAME_FIELD, tr("District name field"), parentLayerParameterName=DISTRICTS, optional=True
        )
    )


def add_report(algorithm) -> None:
    """The optional HTML REPORT and the MODE output (network or euclidean)."""
    algorithm.addParameter(
        QgsProcessingParameterFileDestination(
            REPORT, tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
        )
    )
    algorithm.addOutput(QgsProcessingOutputString(MODE, tr("Distance mode (network or euclidean)")))


# -- reading ------------------------------------------------------------------------------------


def source(algorithm, parameters, name, context, optional: bool = False):
    """The feature source of parameter `name`; a required one that is missing is an error."""
    found = algorithm.parameterAsSource(parameters, name, context)
    if found is None and not optional:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, name))
    return found


def read_residential(algorithm, parameters, context, feedback, population_required: bool = False):
    """(source, metric CRS, frame with src_fid and geometry, population array or None)."""
    from ..inputs import merge_duplicates

    res_source = source(algorithm, parameters, RESIDENTIAL, context)
    label = tr("Residential land or homes")
    vector.require_geometry_type(res_source, POINTS_POLYGONS, label)
    metric = crs_utils.metric_crs_for_source(res_source, context)
    field = algorithm.parameterAsString(parameters, POPULATION_FIELD, context)
    if population_required and not field:
        raise QgsProcessingException(
            tr("Choose the population field of '{}': park equity weighs homes by population.").format(label)
        )
    frame = vector.source_to_frame(
        res_source, context=context, feedback=feedback, fields=[field] if field else [], target_crs=metric, label=label
    )
    vector.require_features(frame, label)
    population = walking_network.population_values(frame[field].tolist(), label, field, feedback) if field else None
    keep, population = merge_duplicates(frame.geometry.to_numpy(), population)
    if len(keep) < len(frame):
        feedback.pushWarning(
            tr("{} duplicate geometry(ies) in '{}' were counted once, their population added to the kept copy.").format(
                len(frame) - len(keep), label
            )
        )
        frame = frame.iloc[keep].reset_index(drop=True)
    if field:
        if population.sum() <= 0:
            if population_required:
                raise QgsProcessingException(
                    tr("The population field '{}' of '{}' sums to zero: choose the field that holds residents.").format(
                        field, label
                    )
                )
            feedback.pushWarning(
                tr("The population field '{}' sums to zero: coverage by population is left empty.").format(field)
            )
            population = None
        frame = frame.drop(columns=[field])
    return res_source, metric, frame, population


def read_network(algorithm, parameters, context, feedback, metric, required: bool = False):
    """The shared walking network (algorithms/network/processing/walking_network.py), None when the optional input
    is empty (straight-line distances, labelled so)."""
    walk = read_walk(algorithm, parameters, context, feedback, metric, required)
    return None if walk is None else walk.network


def read_walk(algorithm, parameters, context, feedback, metric, required: bool = False):
    """The WalkingNetwork (with `draped` when a terrain DEM is given), None without a network."""
    walk = walking_network.read(algorithm, parameters, context, feedback, metric, required)
    if walk is None:
        feedback.pushWarning(
            tr("No walking network given: distances are straight-line (euclidean) and labelled so in every output.")
        )
        if terrain_input.wanted(algorithm, parameters, context):
            feedback.pushWarning(tr("The terrain DEM needs a walking network: it is not used."))
    return walk


def read_districts(algorithm, parameters, context, feedback, metric):
    """Districts (name, geometry) in the metric CRS; None when not given."""
    districts = source(algorithm, parameters, DISTRICTS, context, optional=True)
    if districts is None:
        return None
    label = tr("Districts")
    field = algorithm.parameterAsString(parameters, DISTRICT_NAME_FIELD, context)
    frame = vector.source_to_frame(
        districts, context=context, feedback=feedback, fields=[field] if field else [], target_crs=metric, label=label
    )
    frame["name"] = frame[field].astype(str) if field else frame[vector.FID].astype(str)
    return frame[["name", "geometry"]]


def read_sites(algorithm, parameters, name, context, feedback, metric, label, fields):
    """Parks or facilities (points or polygons), duplicates counted once."""
    from ..inputs import duplicate_mask

    sites = source(algorithm, parameters, name, context)
    vector.require_geometry_type(sites, POINTS_POLYGONS, label)
    frame = vector.source_to_frame(
        sites, context=context, feedback=feedback, fields=[f for f in fields if f], target_crs=metric, label=label
    )
    vector.require_features(frame, label)
    duplicates = duplicate_mask(frame.geometry.to_numpy())
    if duplicates.any():
        feedback.pushWarning(
            tr("{} duplicate geometry(ies) in '{}' were counted once.").format(int(duplicates.sum()), label)
        )
        frame = frame[~duplicates].reset_index(drop=True)
    return frame


# -- writing ------------------------------------------------------------------------------------


def progress_to_feedback(feedback, start: float, end: float):
    """An engine's progress callback (0-1 fraction) shown as start..end percent of the feedback."""

    def report(fraction: float) -> None:
        feedback.setProgress(start + (end - start) * fraction)

    return report


def write(
    algorithm, parameters, name, context, frame, wkb_type, metric, output_crs, feedback, style=None, layer_name=None
):
    """Write `frame` (metric CRS) to sink `name` in `output_crs`, styled when `style` is given."""
    dest = vector.write_frame(
        algorithm,
        parameters,
        name,
        context,
        frame,
        wkb_type=wkb_type,
        frame_crs=metric,
        output_crs=output_crs,
        feedback=feedback,
    )
    if style:
        styling.style_output(context, dest, style, layer_name)
    return dest


def output_type(layer, polygon_type=QgsWkbTypes.Type.MultiPolygon):
    """Polygon layers give multi-polygons, point layers points (multi-points when multi)."""
    if is_polygon(layer):
        return polygon_type
    return QgsWkbTypes.Type.MultiPoint if QgsWkbTypes.isMultiType(layer.wkbType()) else QgsWkbTypes.Type.Point


def is_polygon(layer) -> bool:
    """True for a polygon layer (its outputs take the polygon styles)."""
    return QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
