"""The plan parameter group of the multi-plan doors: the planning layer read with canonical 2023
codes and its 三调 田坎 deduction, the classification parameter, and the standards presets
(the planner's copies first). Messages use the module-level tr() (context '@default')."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsProcessingException, QgsProcessingParameterEnum, QgsWkbTypes

from ....layers import crs as crs_utils
from ....layers import vector
from ....translation import tr
from ...base import label_options, user_standards_dir
from .. import pipeline

POLYGONS = (QgsWkbTypes.GeometryType.PolygonGeometry,)
GROUP_ID = "multiplan"
REQUIRES = ("shapely", "geopandas")  # geopandas brings pyproj (ellipsoidal areas)
CLASSIFICATION = "CLASSIFICATION"
CLASSIFICATIONS = ("gb2023", "sandiao", "auto")


def flat(frame):
    """The frame's geometries as a 2D numpy array (Z and M of 3D data play no part in these checks);
    2D data pass as they are (force_2d would copy every geometry)."""
    import shapely

    geometries = frame.geometry.values
    return shapely.force_2d(geometries) if shapely.has_z(geometries).any() else geometries.to_numpy()


def language() -> str:
    """'zh' or 'en': the language of names read from the standards files."""
    from ....translation import current_language

    return "zh" if current_language() == "zh-Hans" else "en"


def html_lang() -> str:
    return "zh-Hans" if language() == "zh" else "en"


def preset(name: str, loader, *args):
    """loader(*args, the planner's standards folder) of resources/standards/<name>.json; a broken or
    incomplete file (the built-in one or the planner's copy) becomes a QgsProcessingException naming it."""
    from ...standards import StandardsError

    folder = user_standards_dir()
    try:
        return loader(*args, folder)
    except (StandardsError, KeyError, TypeError, AttributeError, ValueError) as error:
        raise QgsProcessingException(
            tr(
                "The standards file '{}.json' cannot be used ({}). "
                "Fix it, or delete your copy in {} to use the built-in one."
            ).format(name, error, folder)
        ) from error


@dataclass
class Plan:
    """A planning layer read for the multi-plan checks."""

    source: object
    metric: object  # the metric CRS the frame is in
    frame: object  # GeoDataFrame: src_fid, the land-use field, geometry
    codes: object  # canonical 2023 codes per row
    table: object  # codes.CodeTable
    deducted_share: object  # 田坎 share per row (0 without 三调 deduction fields)
    deducted_codes: object  # 2023 code of the deducted class per row


def add_classification_parameter(algorithm) -> None:
    parameter = QgsProcessingParameterEnum(
        CLASSIFICATION,
        tr(
            "Classification of the codes (gb2023 = 用地用海分类 2023, "
            "sandiao = 三调工作分类 via the guide's crosswalk, auto = detect)"
        ),
        options=list(CLASSIFICATIONS),
        defaultValue="gb2023",
    )
    parameter.setUsesStaticStrings(True)
    # gb2023 is shown by its preset's label (resources/standards)
    labels = {"sandiao": tr("Third national land survey work classification"), "auto": tr("Detect from the codes")}
    label_options(parameter, labels)
    algorithm.addParameter(parameter)


def open_plan(algorithm, parameters, context, plan_name, label=None):
    """(the plan source, the metric CRS it is checked in)."""
    source = algorithm.parameterAsSource(parameters, plan_name, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, plan_name))
    vector.require_geometry_type(source, POLYGONS, label or tr("Planned land use"))
    return source, crs_utils.metric_crs_for_source(source, context)


def fields_of(source, field_name) -> pipeline.PlanFields:
    """The land-use field and the 三调 deduction fields the plan source has."""
    return pipeline.plan_fields([f.name() for f in source.fields()], field_name)


def code_tables():
    """(the 2023 code table, the 三调 crosswalk), the planner's copies where present."""
    from ..codes import CodeTable
    from ..sandiao import Crosswalk

    return preset("landuse_codes", CodeTable.load), preset("sandiao_crosswalk", Crosswalk.load)


def read_plan(algorithm, parameters, context, feedback, source, metric, field_name) -> Plan:
    """The whole plan in memory with its canonical codes and 田坎 shares."""
    import numpy as np
    from geopandas.array import GeometryArray

    from ..codes import UNKNOWN

    label = tr("Planned land use")
    fields = fields_of(source, field_name)
    frame = vector.source_to_frame(
        source, context=context, feedback=feedback, fields=fields.names, target_crs=metric, label=label
    )
    vector.require_features(frame, label)
    frame = frame.set_geometry(GeometryArray(flat(frame), crs=frame.crs))  # as it is: no per-row check
    table, crosswalk = code_tables()
    if field_name:
        codes, _ = read_codes(
            algorithm, parameters, context, feedback, frame[field_name].values, field_name, table, crosswalk
        )
    else:
        codes = np.full(len(frame), UNKNOWN, dtype=object)
    unknown = int((codes == UNKNOWN).sum())
    if unknown:
        feedback.pushWarning(
            tr(
                "{} of {} parcels have an empty or unknown land-use code "
                "in field '{}': they are reported as the class 'unknown'."
            ).format(unknown, len(frame), field_name)
        )
    share, deducted = pipeline.deduction(fields, frame, len(frame), crosswalk)
    if (share > 0).any():
        feedback.pushInfo(
            tr(
                "田坎 deduction from the fields {}: {} parcels; their land-use areas exclude the deducted share."
            ).format(", ".join(fields.deduction.values()), int((share > 0).sum()))
        )
    return Plan(source, metric, frame, codes, table, share, deducted)


def read_codes(algorithm, parameters, context, feedback, values, field_name, table, crosswalk):
    """(canonical 2023 codes, classification used) of the land-use field's values."""
    from ..sandiao import GB2023, SANDIAO, ClassificationError, evidence, to_2023

    choice = algorithm.parameterAsEnumString(parameters, CLASSIFICATION, context) or GB2023
    try:
        codes, used = to_2023(values, choice, table, crosswalk)
    except ClassificationError as error:
        raise QgsProcessingException(
            tr("Field '{}': {}. Set the classification to gb2023 (用地用海分类) or sandiao (三调工作分类).").format(
                field_name, error
            )
        ) from error
    if used == GB2023 and choice != "auto":
        only_sandiao = evidence(values, table, crosswalk).only_sandiao
        if only_sandiao:
            feedback.pushWarning(
                tr(
                    "Field '{}' holds 三调 working-classification codes ({}): if the "
                    "layer is 三调 status data, set the classification to sandiao."
                ).format(field_name, ", ".join(str(v) for v in only_sandiao[:3]))
            )
    say_encoding(feedback, values, codes, field_name)
    names = {
        GB2023: tr("the 2023 land-use classification (用地用海分类)"),
        SANDIAO: tr("the 三调 working classification, converted through the 2023 guide's crosswalk"),
    }
    feedback.pushInfo(tr("Land-use codes in field '{}' read as {}.").format(field_name, names[used]))
    return codes, used


def say_encoding(feedback, values, codes, field_name) -> None:
    """When most codes are unknown and the text looks like GBK read with the wrong encoding, say so
    and how to set the layer's encoding (a GBK Shapefile without .cpg reads as mojibake)."""
    import numpy as np

    from ..codes import UNKNOWN
    from ..encoding import misread_gbk

    examples = misread_gbk(values, np.asarray(codes, dtype=object) == UNKNOWN)
    if examples:
        shown = ", ".join(f"'{stored}' = '{gbk}'" if gbk else f"'{stored}'" for stored, gbk in examples)
        feedback.pushWarning(
            tr(
                "Most land-use codes in field '{}' are unknown and the text looks like Chinese (GBK) read with the "
                "wrong encoding: {}. Set the layer's encoding to GBK (Layer Properties > Source > Data source "
                "encoding; 图层属性 → 源 → 数据源编码 GBK), or put a .cpg file containing GBK next to the .shp, "
                "and run again."
            ).format(field_name, shown)
        )


def partition_reader(algorithm, parameters, context, feedback, layer, found, fields, table, crosswalk):
    """How the partitioned tasks read the plan: the canonical code of every distinct value the
    first pass `found` in the land-use field."""
    values = pipeline.distinct_values(found, fields)
    codes, _ = read_codes(algorithm, parameters, context, feedback, values, fields.code, table, crosswalk)
    return pipeline.plan_reader(layer, fields, values, codes)
