"""The parks group of the green-city doors: PARKS with their name and area fields and ENTRANCES,
the park STANDARD with its CUSTOM_RULES, declared beside their readers (park frame, park rules).
Park coverage and park equity compose it; the city health check reads its parks through it.
Messages use the module-level tr() (context '@default'), as groups.py does."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ....layers import vector
from ....translation import tr
from ...base import user_standards_dir
from .groups import read_sites, source

PARK_STANDARDS = ("garden_city", "gbt51346", "green300_park500", "city_checkup", "custom")

PARKS = "PARKS"
PARK_NAME_FIELD = "PARK_NAME_FIELD"
PARK_SIZE_FIELD = "PARK_SIZE_FIELD"
ENTRANCES = "ENTRANCES"
STANDARD = "STANDARD"
CUSTOM_RULES = "CUSTOM_RULES"


# -- parameters ---------------------------------------------------------------------------------


def add_standard(algorithm) -> None:
    """The park STANDARD preset and the CUSTOM_RULES text used when it is 'custom'."""
    parameter = QgsProcessingParameterEnum(
        STANDARD,
        tr("Park service standard"),  # the options show their own labels (ui/enum_labels.py)
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
