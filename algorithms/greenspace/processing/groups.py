"""Parameter groups of the green-city doors and their readers: walking network, residential land,
districts, parks with their standard, the report. Each door composes the groups it needs (the city
health check too), as algorithms/network/processing/walking_network.py does for the network. Messages use the
module-level tr() (context '@default'), shared by every door that composes a group."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import styling, vector
from ....translation import tr
from ...base import user_standards_dir
from ...network.processing import walking_network

POINTS_POLYGONS = (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.PolygonGeometry)
PARK_STANDARDS = ("garden_city", "gbt51346", "green300_park500", "city_checkup", "custom")

NETWORK = walking_network.NETWORK
SNAP_DISTANCE = walking_network.SNAP_DISTANCE
RESIDENTIAL = "RESIDENTIAL"
POPULATION_FIELD = "POPULATION_FIELD"
DISTRICTS = "DISTRICTS"
DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
REPORT = "REPORT"
MODE = "MODE"
PARKS = "PARKS"
PARK_NAME_FIELD = "PARK_NAME_FIELD"
PARK_SIZE_FIELD = "PARK_SIZE_FIELD"
ENTRANCES = "ENTRANCES"
STANDARD = "STANDARD"
CUSTOM_RULES = "CUSTOM_RULES"


# -- parameters ---------------------------------------------------------------------------------


def add_network(algorithm, optional: bool = True) -> None:
    """The shared walking network; optional: straight-line distances without it."""
    walking_network.add_parameters(
        algorithm,
        tr("Walking network (lines; empty: straight-line distance)") if optional else tr("Walking network (lines)"),
        optional=optional,
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


def add_standard(algorithm) -> None:
    """The park STANDARD preset and the CUSTOM_RULES text used when it is 'custom'."""
    parameter = QgsProcessingParameterEnum(
        STANDARD,
        tr(
            "Standard (garden_city = GB/T 50563, gbt51346 = GB/T 51346 park grades, green300_park500 = 300 m to green, 500 m to a park, custom)"
        ),
        options=list(PARK_STANDARDS),
        defaultValue="green300_park500",
    )
    parameter.setUsesStaticStrings(True)
    algorithm.addParameter(parameter)
    algorithm.addParameter(
        QgsProcessingParameterString(
            CUSTOM_RULES,
            tr("Custom rules, one per line: minimum park area (m²): service radius (m): grade name [: historic]"),
            defaultValue="400: 300: green\n10000: 500: park",
            multiLine=True,
            optional=True,
        )
    )


def add_parks(algorithm) -> None:
    """PARKS with their name and area fields, and the optional park ENTRANCES."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            PARKS,
            tr("Parks and green spaces (polygons or points)"),
            [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint],
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            PARK_NAME_FIELD, tr("Park name field"), parentLayerParameterName=PARKS, optional=True
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            PARK_SIZE_FIELD,
            tr("Park area field in m² (empty: polygon area; needed for park points)"),
            parentLayerParameterName=PARKS,
            type=QgsProcessingParameterField.DataType.Numeric,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            ENTRANCES,
            tr("Park entrances (points, optional; empty: derived along park boundaries)"),
            [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True,
        )
    )


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
    walk = walking_network.read(algorithm, parameters, context, feedback, metric, required)
    if walk is None:
        feedback.pushWarning(
            tr("No walking network given: distances are straight-line (euclidean) and labelled so in every output.")
        )
        return None
    return walk.network


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


def read_parks(algorithm, parameters, context, feedback, metric, class_field: str = ""):
    """Parks frame with park_id (source feature id), name and size_m2 (field or geometry area),
    and the raw values of `class_field` as class_value when one is named; the entrance points
    (None when not given)."""
    import shapely

    name_field = algorithm.parameterAsString(parameters, PARK_NAME_FIELD, context)
    size_field = algorithm.parameterAsString(parameters, PARK_SIZE_FIELD, context)
    label = tr("Parks and green spaces")
    frame = read_sites(
        algorithm, parameters, PARKS, context, feedback, metric, label, [name_field, size_field, class_field]
    )
    if class_field:
        frame["class_value"] = frame[class_field].tolist()
    frame["park_id"] = frame[vector.FID].astype("int64")
    frame["name"] = [None if v is None else str(v) for v in frame[name_field]] if name_field else None
    if size_field:
        from ...walking import clean_population

        sizes, nulls, negative = clean_population(frame[size_field].tolist())
        if nulls or negative:
            feedback.pushWarning(
                tr("{} park(s) have no usable area in '{}': their polygon area is used (0 for points).").format(
                    nulls + negative, size_field
                )
            )
            sizes = [s if s > 0 else a for s, a in zip(sizes, shapely.area(frame.geometry.to_numpy()))]
        frame["size_m2"] = sizes
    from ....layers.input_checks import require_park_areas

    require_park_areas(frame["size_m2"] if size_field else shapely.area(frame.geometry.to_numpy()), label, size_field)
    if not size_field and (shapely.area(frame.geometry.to_numpy()) <= 0).any():
        feedback.pushWarning(
            tr("Park points have no area: choose the park area field, or they fall below every size threshold.")
        )
    entrances = None
    entrance_source = source(algorithm, parameters, ENTRANCES, context, optional=True)
    if entrance_source is not None:
        entrance_frame = vector.source_to_frame(
            entrance_source,
            context=context,
            feedback=feedback,
            fields=[],
            target_crs=metric,
            label=tr("Park entrances"),
        )
        entrances = entrance_frame.geometry.to_numpy()
    return frame, entrances


def rules_for(algorithm, parameters, context):
    """Park rules from the chosen STANDARD (the planner's copies in the profile folder first) or
    the CUSTOM_RULES text; the preset dict is returned too (None for custom)."""
    from ... import standards
    from ..rules import RulesError, parse_rules, rules_from_preset

    standard = algorithm.parameterAsEnumString(parameters, STANDARD, context)
    try:
        if standard == "custom":
            return parse_rules(algorithm.parameterAsString(parameters, CUSTOM_RULES, context)), None
        preset = standards.preset("park_service", standard, user_standards_dir())
        return rules_from_preset(preset), preset
    except (RulesError, standards.StandardsError) as error:
        raise QgsProcessingException(tr("Park service rules: {}").format(error)) from error


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
