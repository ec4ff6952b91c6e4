"""The control-line inputs of the conflict check: the four control-line layers and the conflict
rules (RULES with its RULES_FILE), declared beside their readers. Messages use `algorithm.tr`
(context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
)

from ....layers import vector
from . import mode, plan
from .plan import POLYGONS, flat

ECOLOGICAL_REDLINE = "ECOLOGICAL_REDLINE"
ECOLOGICAL_CORE = "ECOLOGICAL_CORE"
PERMANENT_FARMLAND = "PERMANENT_FARMLAND"
DEVELOPMENT_BOUNDARY = "DEVELOPMENT_BOUNDARY"
RULES = "RULES"
RULES_FILE = "RULES_FILE"
RULE_SETS = ("national", "file")
#: Control-line id (rules.CONTROL_LINES) -> parameter name, in the order the parameters are declared.
LINE_LAYERS = {
    "ecological_redline": ECOLOGICAL_REDLINE,
    "ecological_core": ECOLOGICAL_CORE,
    "permanent_farmland": PERMANENT_FARMLAND,
    "development_boundary": DEVELOPMENT_BOUNDARY,
}


def line_names(algorithm) -> dict[str, str]:
    """Control-line id -> its name in the user's language."""
    return {
        "ecological_redline": algorithm.tr("Ecological protection red line"),
        "ecological_core": algorithm.tr("Core protected area (in the red line)"),
        "permanent_farmland": algorithm.tr("Permanent basic farmland"),
        "development_boundary": algorithm.tr("Urban development boundary"),
    }


def add_lines(algorithm) -> None:
    """The four optional control-line polygon layers."""
    for name, line in zip(LINE_LAYERS.values(), line_names(algorithm).values()):
        algorithm.addParameter(
            QgsProcessingParameterFeatureSource(
                name,
                algorithm.tr("{} (polygons)").format(line),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )


def add_rules(algorithm) -> None:
    """RULES (national or file) and the RULES_FILE it reads when 'file'."""
    rules = QgsProcessingParameterEnum(
        RULES,
        algorithm.tr("Conflict rules (national = default rules, file = rules file below)"),
        options=list(RULE_SETS),
        defaultValue="national",
    )
    rules.setUsesStaticStrings(True)
    algorithm.addParameter(rules)
    algorithm.addParameter(
        QgsProcessingParameterFile(
            RULES_FILE, algorithm.tr("Rules file (JSON or CSV)"), optional=True, fileFilter="Rules (*.json *.csv)"
        )
    )


def load_rules(algorithm, parameters, context, feedback, table):
    """The national rules (the planner's preset copy first) or those of the rules file."""
    from ..rules import RulesError, load_rules, national_rules

    choice = algorithm.parameterAsEnumString(parameters, RULES, context)
    path = algorithm.parameterAsFile(parameters, RULES_FILE, context)
    try:
        if choice == "file":
            if not path:
                raise QgsProcessingException(
                    algorithm.tr("Conflict rules is set to 'file': choose a rules file (JSON or CSV).")
                )
            return load_rules(path, table)
        if path:
            feedback.pushWarning(
                algorithm.tr("A rules file is given but Conflict rules is 'national': the file is not used.")
            )
        return plan.preset("conflict_rules", national_rules, table)
    except RulesError as error:
        raise QgsProcessingException(algorithm.tr("The conflict rules cannot be used: {}").format(error)) from error


def read_lines(algorithm, parameters, context, feedback, metric, partitioned: bool = False) -> dict:
    """Control line id -> polygons (metric CRS); `partitioned`: a plain GeoPackage layer stays in
    its file (control_lines.ControlLayer: boxes only, each partition reads the polygons near it)."""
    names = line_names(algorithm)
    lines = {}
    for line, parameter in LINE_LAYERS.items():
        source = algorithm.parameterAsSource(parameters, parameter, context)
        if source is None:
            continue
        vector.require_geometry_type(source, POLYGONS, names[line])
        polygons = control_layer(source, metric, context, feedback) if partitioned else None
        if polygons is None:
            polygons = flat(
                vector.source_to_frame(
                    source, context=context, feedback=feedback, fields=[], target_crs=metric, label=names[line]
                )
            )
        if len(polygons) == 0:
            feedback.pushWarning(
                algorithm.tr("Layer '{}' has no features with geometry: the checks against it are skipped.").format(
                    names[line]
                )
            )
            continue
        lines[line] = polygons
    if not (set(lines) - {"ecological_core"}):
        raise QgsProcessingException(
            algorithm.tr(
                "Give at least one control line layer with features: ecological protection "
                "red line, permanent basic farmland or urban development boundary."
            )
        )
    return lines


def files_read_by_tasks(algorithm, parameters, context, metric) -> tuple:
    """The control layers a partitioned run leaves in their files (plain GeoPackage layers, see
    read_lines): its Dask tasks read them there, so a cluster's workers must see their folders."""
    sources = (algorithm.parameterAsSource(parameters, parameter, context) for parameter in LINE_LAYERS.values())
    found = (mode.file_source(source, metric, context, []) for source in sources if source is not None)
    return tuple(layer for layer in found if layer is not None)


def control_layer(source, metric, context, feedback):
    """A ControlLayer read from the file of a plain GeoPackage layer, or None."""
    from ..control_lines import ControlLayer

    layer = mode.file_source(source, metric, context, [])
    return None if layer is None else ControlLayer.from_file(layer, feedback.isCanceled)


def report_unchecked(algorithm, rules, lines, feedback) -> None:
    """Say which rules are not checked because their control line has no layer."""
    names = line_names(algorithm)
    for rule in rules:
        if rule.control_line not in lines:
            feedback.pushInfo(
                algorithm.tr("Rule '{}' is not checked: no {} layer with features.").format(
                    rule.id, names[rule.control_line]
                )
            )
