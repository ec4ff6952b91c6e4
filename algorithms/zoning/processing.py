"""Processing algorithms of the multi-plan integration group (多规合一): control-line conflicts,
production-living-ecological space structure, topology of planning layers."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ...layers import crs as crs_utils
from ...layers import styling, vector
from ...translation import tr
from ..base import UrbanizationAlgorithm, user_standards_dir

POLYGONS = (QgsWkbTypes.GeometryType.PolygonGeometry,)


def _flat(frame):
    """The frame's geometries as a 2D numpy array (Z and M of 3D data play no part in these checks)."""
    import shapely

    return shapely.force_2d(frame.geometry.values)


def _language() -> str:
    from ...translation import current_language

    return "zh" if current_language() == "zh-Hans" else "en"


def _html_lang() -> str:
    return "zh-Hans" if _language() == "zh" else "en"


def load_preset(name: str, loader, *args):
    """Call a preset loader of resources/standards/<name>.json; a broken or incomplete file (the
    built-in one or the planner's copy) becomes a QgsProcessingException naming it."""
    from ..standards import StandardsError

    try:
        return loader(*args)
    except (StandardsError, KeyError, TypeError, AttributeError, ValueError) as error:
        raise QgsProcessingException(tr(
            "The standards file '{}.json' cannot be used ({}). Fix it, or delete your copy in {} to use the built-in one."
        ).format(name, error, user_standards_dir())) from error


@dataclass
class Plan:
    """A planning layer read for the multi-plan checks."""

    source: object
    metric: object  # the metric CRS the frame is in
    frame: object  # GeoDataFrame: src_fid, the land-use field, geometry
    codes: object  # canonical 2023 codes per row
    table: object  # codes.CodeTable
    classification: str  # sandiao.GB2023 or sandiao.SANDIAO
    deducted_share: object  # 田坎 share per row (0 without 三调 deduction fields)
    deducted_codes: object  # 2023 code of the deducted class per row


class ZoningAlgorithm(UrbanizationAlgorithm):
    """Shared plumbing of the group: reading the plan with canonical codes. Its messages use the
    module-level tr() (context '@default'): self.tr() would look them up under each subclass."""

    GROUP_ID = "multiplan"
    REQUIRES = ("shapely", "geopandas")  # geopandas brings pyproj (ellipsoidal areas)
    CLASSIFICATION = "CLASSIFICATION"
    CLASSIFICATIONS = ("gb2023", "sandiao", "auto")

    MODE = "MODE"
    MODES = ("auto", "in-memory", "partitioned")
    PARTITION_SIZE = "PARTITION_SIZE"
    PARTITION_PACKAGES = ("dask", "distributed", "dask_geopandas")

    def polygon_sink(self, parameters, name: str, context, metric, source, feedback) -> vector.FirstFrameSink:
        """Partitioned output `name`: multipolygons in `metric`, written in the plan's CRS; its
        fields come from the first partition's frame."""
        return vector.FirstFrameSink(self, parameters, name, context, wkb_type=QgsWkbTypes.Type.MultiPolygon,
                                     frame_crs=metric, output_crs=source.sourceCrs(), feedback=feedback)

    def add_mode_parameters(self) -> None:
        """Advanced: in memory, or partitioned on Dask (province-scale data), or auto (by size)."""
        mode = QgsProcessingParameterEnum(
            self.MODE, tr("Processing mode (auto = partitioned on Dask for large GeoPackage layers, else in memory)"),
            options=list(self.MODES), defaultValue="auto")
        mode.setUsesStaticStrings(True)
        size = QgsProcessingParameterNumber(
            self.PARTITION_SIZE, tr("Parcels per partition (partitioned mode)"), QgsProcessingParameterNumber.Type.Integer,
            defaultValue=50000, minValue=100)
        for parameter in (mode, size):
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(parameter)

    def choose_partitions(self, parameters, context, feedback, source, metric, fields):
        """The plan as a partition_io.LayerSource when it is checked partitioned, else None (in
        memory); says which path runs and why."""
        from ...layers import partitions
        from .. import dependencies
        from .partitioned import IN_MEMORY_LIMIT

        requested = self.parameterAsEnumString(parameters, self.MODE, context) or "auto"
        count = source.featureCount()
        if requested == "in-memory" or (requested == "auto" and 0 <= count <= IN_MEMORY_LIMIT):
            feedback.pushInfo(tr("Processing mode: in memory ({} parcels).").format(count))
            return None
        missing = dependencies.find_missing(self.PARTITION_PACKAGES)
        if missing:
            hint = dependencies.install_hint(missing)
            if requested == "partitioned":
                raise QgsProcessingException(tr("The partitioned mode needs {}. Install with:\n{}").format(
                    dependencies.describe(missing), hint))
            feedback.pushWarning(tr("{} parcels are checked in memory because {} are missing; for data of this size install them (partitioned on Dask, memory bounded by the partition size):\n{}").format(
                count, dependencies.describe(missing), hint))
            return None
        layer = partitions.layer_source(source, metric, context, fields)
        if layer is None:
            if requested == "partitioned":
                raise QgsProcessingException(tr("The partitioned mode reads the plan from a GeoPackage layer as stored: save the layer (without selection or filter) as a GeoPackage, or choose the in-memory mode."))
            feedback.pushInfo(tr("Processing mode: in memory ({} parcels; only a GeoPackage layer as stored can be partitioned).").format(count))
            return None
        return layer

    def partition_plan(self, parameters, context, feedback, layer, code_field):
        """(partitions, the first pass's distinct land-use values, the Dask runner) of a plan layer."""
        from ..dask_runtime import runner_for
        from ..provider import dask_settings
        from .partitioned import make_partitions, plan_reader_scan

        found = plan_reader_scan(layer, code_field, feedback.isCanceled)
        vector.require_features(found.fids, tr("Planned land use"))
        size = self.parameterAsInt(parameters, self.PARTITION_SIZE, context)
        parts = make_partitions(found, size, layer.transformer())
        runner = runner_for(dask_settings()[0])
        feedback.pushInfo(tr("Processing mode: partitioned, {} parcels in {} partitions of up to {}, on {}.").format(
            len(found.fids), len(parts), size, runner.description))
        return parts, found.distinct.get(code_field, set()), runner

    def deduction_fields(self, source, field_name) -> dict:
        from .sandiao import DEDUCTION_FIELDS

        present = {f.name().upper(): f.name() for f in source.fields()}
        return {key: present[key] for key in DEDUCTION_FIELDS if key in present and present[key] != field_name}

    def partition_reader(self, parameters, context, feedback, layer, distinct, field_name, table, crosswalk, source):
        """A PlanReader with the canonical code of every distinct value of the land-use field."""
        import numpy as np

        from .partitioned import PlanReader

        values = np.array(sorted((v for v in distinct if v is not None), key=str), dtype=object)
        codes, _ = self.read_codes(parameters, context, feedback, values, field_name, table, crosswalk)
        return PlanReader(layer, field_name, dict(zip(values.tolist(), codes.tolist())),
                          deduction_fields=self.deduction_fields(source, field_name))

    def add_classification_parameter(self) -> None:
        parameter = QgsProcessingParameterEnum(
            self.CLASSIFICATION,
            tr("Classification of the codes (gb2023 = 用地用海分类 2023, sandiao = 三调工作分类 via the guide's crosswalk, auto = detect)"),
            options=list(self.CLASSIFICATIONS), defaultValue="gb2023")
        parameter.setUsesStaticStrings(True)
        self.addParameter(parameter)

    def read_plan(self, parameters, context, feedback, plan_name, field_name) -> Plan:
        import numpy as np

        from .codes import UNKNOWN
        from .sandiao import deducted_codes, deduction_share

        source, metric = self.open_plan(parameters, context, plan_name)
        label = tr("Planned land use")
        deduction_fields = self.deduction_fields(source, field_name)
        fields = ([field_name] if field_name else []) + list(deduction_fields.values())
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=fields,
                                       target_crs=metric, label=label)
        vector.require_features(frame, label)
        frame["geometry"] = _flat(frame)
        table, crosswalk = self.code_tables()
        if field_name:
            codes, used = self.read_codes(parameters, context, feedback, frame[field_name].values, field_name, table, crosswalk)
        else:
            codes, used = np.full(len(frame), UNKNOWN, dtype=object), "gb2023"
        unknown = int((codes == UNKNOWN).sum())
        if unknown:
            feedback.pushWarning(
                tr("{} of {} parcels have an empty or unknown land-use code in field '{}': they are reported as the class 'unknown'.").format(
                    unknown, len(frame), field_name)
            )
        columns = {key: frame[name].to_numpy() for key, name in deduction_fields.items()}
        share = deduction_share(columns, len(frame))
        if (share > 0).any():
            feedback.pushInfo(tr("田坎 deduction from the fields {}: {} parcels; their land-use areas exclude the deducted share.").format(
                ", ".join(deduction_fields.values()), int((share > 0).sum())))
        return Plan(source, metric, frame, codes, table, used, share, deducted_codes(columns, len(frame), crosswalk))

    def open_plan(self, parameters, context, plan_name, label=None):
        """(the plan source, the metric CRS it is checked in)."""
        source = self.parameterAsSource(parameters, plan_name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, plan_name))
        vector.require_geometry_type(source, POLYGONS, label or tr("Planned land use"))
        return source, crs_utils.metric_crs_for_source(source, context)

    def code_tables(self):
        """(the 2023 code table, the 三调 crosswalk), the planner's copies where present."""
        from .codes import CodeTable
        from .sandiao import Crosswalk

        return (load_preset("landuse_codes", CodeTable.load, user_standards_dir()),
                load_preset("sandiao_crosswalk", Crosswalk.load, user_standards_dir()))

    def read_codes(self, parameters, context, feedback, values, field_name, table, crosswalk):
        """(canonical 2023 codes, classification used) of the land-use field's values."""
        from .sandiao import GB2023, SANDIAO, ClassificationError, evidence, to_2023

        choice = self.parameterAsEnumString(parameters, self.CLASSIFICATION, context) or GB2023
        try:
            codes, used = to_2023(values, choice, table, crosswalk)
        except ClassificationError as error:
            raise QgsProcessingException(tr(
                "Field '{}': {}. Set the classification to gb2023 (用地用海分类) or sandiao (三调工作分类).").format(
                field_name, error)) from error
        if used == GB2023 and choice != "auto":
            only_sandiao = evidence(values, table, crosswalk).only_sandiao
            if only_sandiao:
                feedback.pushWarning(tr(
                    "Field '{}' holds 三调 working-classification codes ({}): if the layer is 三调 status data, set the classification to sandiao.").format(
                    field_name, ", ".join(str(v) for v in only_sandiao[:3])))
        names = {GB2023: tr("the 2023 land-use classification (用地用海分类)"),
                 SANDIAO: tr("the 三调 working classification, converted through the 2023 guide's crosswalk")}
        feedback.pushInfo(tr("Land-use codes in field '{}' read as {}.").format(field_name, names[used]))
        return codes, used


class ControlLineConflictsAlgorithm(ZoningAlgorithm):
    ALGORITHM_ID = "controllineconflicts"

    PLAN = "PLAN"
    LANDUSE_FIELD = "LANDUSE_FIELD"
    ECOLOGICAL_CORE = "ECOLOGICAL_CORE"
    ECOLOGICAL_REDLINE = "ECOLOGICAL_REDLINE"
    PERMANENT_FARMLAND = "PERMANENT_FARMLAND"
    DEVELOPMENT_BOUNDARY = "DEVELOPMENT_BOUNDARY"
    RULES = "RULES"
    RULES_FILE = "RULES_FILE"
    MIN_AREA = "MIN_AREA"
    CONFLICTS = "CONFLICTS"
    LINE_OVERLAPS = "LINE_OVERLAPS"
    SUMMARY = "SUMMARY"
    REPORT = "REPORT"
    CONFLICT_COUNT = "CONFLICT_COUNT"
    CONFLICT_AREA_M2 = "CONFLICT_AREA_M2"
    PROHIBITED_COUNT = "PROHIBITED_COUNT"
    PROHIBITED_AREA_M2 = "PROHIBITED_AREA_M2"
    APPROVAL_COUNT = "APPROVAL_COUNT"
    APPROVAL_AREA_M2 = "APPROVAL_AREA_M2"
    OVERLAP_COUNT = "OVERLAP_COUNT"
    OVERLAP_AREA_M2 = "OVERLAP_AREA_M2"
    UNKNOWN_CODE_COUNT = "UNKNOWN_CODE_COUNT"
    RULE_SETS = ("national", "file")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Control line conflict check (三区三线冲突检查)")

    def tags(self) -> list[str]:
        return self.tr("three control lines,ecological red line,permanent basic farmland,urban development boundary,conflict,overlay,三区三线,多规合一").split(",")

    def line_layers(self) -> dict[str, str]:
        """Control-line id (rules.CONTROL_LINES) -> parameter name."""
        return {"ecological_redline": self.ECOLOGICAL_REDLINE, "ecological_core": self.ECOLOGICAL_CORE,
                "permanent_farmland": self.PERMANENT_FARMLAND, "development_boundary": self.DEVELOPMENT_BOUNDARY}

    def line_names(self) -> dict[str, str]:
        return {"ecological_redline": self.tr("Ecological protection red line"),
                "ecological_core": self.tr("Core protected area (in the red line)"),
                "permanent_farmland": self.tr("Permanent basic farmland"),
                "development_boundary": self.tr("Urban development boundary")}

    def outcome_names(self) -> dict[str, str]:
        from .conflicts import UNKNOWN_OUTCOME
        from .rules import APPROVAL, PROHIBITED

        return {PROHIBITED: self.tr("prohibited"), APPROVAL: self.tr("needs approval"),
                UNKNOWN_OUTCOME: self.tr("cannot be judged (unknown code)")}

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PLAN, self.tr("Planned land use or 三调 status parcels (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.LANDUSE_FIELD, self.tr("Land-use code field (07, 0701, or class name; 三调: DLBM or DLMC)"),
            parentLayerParameterName=self.PLAN))
        self.add_classification_parameter()
        for name, line in zip(self.line_layers().values(), self.line_names().values()):
            self.addParameter(QgsProcessingParameterFeatureSource(
                name, self.tr("{} (polygons)").format(line), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        rules = QgsProcessingParameterEnum(
            self.RULES, self.tr("Conflict rules (national = default rules, file = rules file below)"),
            options=list(self.RULE_SETS), defaultValue="national")
        rules.setUsesStaticStrings(True)
        self.addParameter(rules)
        self.addParameter(QgsProcessingParameterFile(
            self.RULES_FILE, self.tr("Rules file (JSON or CSV)"), optional=True, fileFilter="Rules (*.json *.csv)"))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_AREA, self.tr("Ignore pieces smaller than (m², plane)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=1.0, minValue=0.0))
        self.add_mode_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CONFLICTS, self.tr("Conflicts"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.LINE_OVERLAPS, self.tr("Control line overlaps"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Conflict summary by control line, outcome and land-use class"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False))
        for name, label in ((self.CONFLICT_COUNT, self.tr("Number of conflicts (prohibited, needs approval, unknown code)")),
                            (self.CONFLICT_AREA_M2, self.tr("Conflict area (m², CGCS2000 ellipsoidal)")),
                            (self.PROHIBITED_COUNT, self.tr("Number of prohibited uses")),
                            (self.PROHIBITED_AREA_M2, self.tr("Prohibited area (m², CGCS2000 ellipsoidal)")),
                            (self.APPROVAL_COUNT, self.tr("Number of uses that need approval")),
                            (self.APPROVAL_AREA_M2, self.tr("Area that needs approval (m², CGCS2000 ellipsoidal)")),
                            (self.OVERLAP_COUNT, self.tr("Number of control line overlaps")),
                            (self.OVERLAP_AREA_M2, self.tr("Control line overlap area (m², CGCS2000 ellipsoidal)")),
                            (self.UNKNOWN_CODE_COUNT, self.tr("Parcels with an unknown land-use code"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def load_rules(self, parameters, context, feedback, table):
        from .rules import RulesError, load_rules, national_rules

        choice = self.parameterAsEnumString(parameters, self.RULES, context)
        path = self.parameterAsFile(parameters, self.RULES_FILE, context)
        try:
            if choice == "file":
                if not path:
                    raise QgsProcessingException(self.tr("Conflict rules is set to 'file': choose a rules file (JSON or CSV)."))
                return load_rules(path, table)
            if path:
                feedback.pushWarning(self.tr("A rules file is given but Conflict rules is 'national': the file is not used."))
            return load_preset("conflict_rules", national_rules, table, user_standards_dir())
        except RulesError as error:
            raise QgsProcessingException(self.tr("The conflict rules cannot be used: {}").format(error)) from error

    def read_lines(self, parameters, context, feedback, metric, partitioned: bool = False) -> dict:
        """Control line id -> polygons (metric CRS); `partitioned`: a plain GeoPackage layer stays in
        its file (control_lines.ControlLayer: boxes only, each partition reads the polygons near it)."""
        names = self.line_names()
        lines = {}
        for line, parameter in self.line_layers().items():
            source = self.parameterAsSource(parameters, parameter, context)
            if source is None:
                continue
            vector.require_geometry_type(source, POLYGONS, names[line])
            polygons = self.control_layer(source, metric, context, feedback) if partitioned else None
            if polygons is None:
                polygons = _flat(vector.source_to_frame(source, context=context, feedback=feedback, fields=[],
                                                        target_crs=metric, label=names[line]))
            if len(polygons) == 0:
                feedback.pushWarning(self.tr("Layer '{}' has no features with geometry: the checks against it are skipped.").format(names[line]))
                continue
            lines[line] = polygons
        if not (set(lines) - {"ecological_core"}):
            raise QgsProcessingException(self.tr(
                "Give at least one control line layer with features: ecological protection red line, permanent basic farmland or urban development boundary."))
        return lines

    @staticmethod
    def control_layer(source, metric, context, feedback):
        """A ControlLayer read from the file of a plain GeoPackage layer, or None."""
        from ...layers import partitions
        from .control_lines import ControlLayer

        layer = partitions.layer_source(source, metric, context, [])
        return None if layer is None else ControlLayer.from_file(layer, feedback.isCanceled)

    def process(self, parameters, context, feedback):
        from .conflicts import check

        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        source, metric = self.open_plan(parameters, context, self.PLAN)
        layer = self.choose_partitions(parameters, context, feedback, source, metric,
                                       [field, *self.deduction_fields(source, field).values()])
        if layer is not None:
            return self.process_partitioned(parameters, context, feedback, source, metric, layer, field)
        plan = self.read_plan(parameters, context, feedback, self.PLAN, field)
        rules = self.load_rules(parameters, context, feedback, plan.table)
        lines = self.read_lines(parameters, context, feedback, plan.metric)
        self.report_unchecked(rules, lines, feedback)
        min_area = self.parameterAsDouble(parameters, self.MIN_AREA, context)
        feedback.setProgress(0)
        result = check(plan.frame.geometry.values, plan.codes, lines, rules, min_area=min_area, crs=plan.frame.crs,
                       deducted_share=plan.deducted_share, progress=feedback.setProgress,
                       is_canceled=feedback.isCanceled)
        conflicts_id = self.write_conflicts(parameters, context, feedback, plan, rules, result)
        return self.finish(parameters, context, feedback, result, conflicts_id, plan.metric, plan.source.sourceCrs(),
                           plan.table)

    def process_partitioned(self, parameters, context, feedback, source, metric, layer, field):
        """The same check partition by partition on Dask, each partition's pieces written as it finishes."""
        from .partitioned import conflicts

        table, crosswalk = self.code_tables()
        parts, distinct, runner = self.partition_plan(parameters, context, feedback, layer, field)
        reader = self.partition_reader(parameters, context, feedback, layer, distinct, field, table, crosswalk, source)
        rules = self.load_rules(parameters, context, feedback, table)
        lines = self.read_lines(parameters, context, feedback, metric, partitioned=True)
        self.report_unchecked(rules, lines, feedback)
        sink = self.polygon_sink(parameters, self.CONFLICTS, context, metric, source, feedback)

        def consume(_, pieces):
            out = self.conflict_rows(pieces, pieces["fid"].to_numpy(), pieces["landuse"].to_numpy(),
                                     pieces["deducted_share"].to_numpy(), table, rules)
            sink.add(out)

        with runner:
            result = conflicts(reader, parts, lines, rules, runner=runner, consume=consume,
                               min_area=self.parameterAsDouble(parameters, self.MIN_AREA, context), crs=layer.target_crs,
                               progress=feedback.setProgress, is_canceled=feedback.isCanceled)
        if result.unknown_parcels:
            feedback.pushWarning(tr("{} of {} parcels have an empty or unknown land-use code in field '{}': they are reported as the class 'unknown'.").format(
                result.unknown_parcels, result.parcels, field))
        styling.style_output(context, sink.dest_id, "zoning_conflicts", self.tr("Control line conflicts"))
        return self.finish(parameters, context, feedback, result, sink.dest_id, metric, source.sourceCrs(), table)

    def report_unchecked(self, rules, lines, feedback) -> None:
        line_names = self.line_names()
        for rule in rules:
            if rule.control_line not in lines:
                feedback.pushInfo(self.tr("Rule '{}' is not checked: no {} layer with features.").format(
                    rule.id, line_names[rule.control_line]))

    def finish(self, parameters, context, feedback, result, conflicts_id, metric, source_crs, table):
        """Overlaps, summary, report and the output numbers of a result (in memory or partitioned)."""
        outputs = {self.CONFLICTS: conflicts_id,
                   self.LINE_OVERLAPS: self.write_overlaps(parameters, context, feedback, metric, source_crs, result)}
        summary = self.summary_frame(table, result)
        outputs[self.SUMMARY] = vector.write_frame(self, parameters, self.SUMMARY, context, summary, feedback=feedback)
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            self.write_report(report_path, summary, result)
            outputs[self.REPORT] = report_path
        feedback.pushInfo(self.tr(
            "{} prohibited ({:.1f} m²), {} need approval ({:.1f} m²), {} with an unknown code; {} control line overlaps ({:.1f} m²). Areas: CGCS2000 ellipsoidal.").format(
            result.count("prohibited"), result.area("prohibited"), result.count("approval"), result.area("approval"),
            result.count("unknown"), len(result.overlaps), result.overlap_area))
        feedback.setProgress(100)
        outputs.update({
            self.CONFLICT_COUNT: result.conflict_count, self.CONFLICT_AREA_M2: result.conflict_area,
            self.PROHIBITED_COUNT: result.count("prohibited"), self.PROHIBITED_AREA_M2: result.area("prohibited"),
            self.APPROVAL_COUNT: result.count("approval"), self.APPROVAL_AREA_M2: result.area("approval"),
            self.OVERLAP_COUNT: len(result.overlaps), self.OVERLAP_AREA_M2: result.overlap_area,
            self.UNKNOWN_CODE_COUNT: result.unknown_parcels,
        })
        return outputs

    def conflict_rows(self, conflicts, plan_fid, landuse, deducted_share, table, rules):
        """The conflicts layer's columns for pieces with their plan fid, raw land-use value and 田坎 share."""
        import numpy as np

        from .conflicts import UNKNOWN_RULE

        language = _language()
        rule_text = {r.id: r.label(language) for r in rules}
        rule_text[UNKNOWN_RULE] = self.tr("Land-use code empty or not in the 2023 classification: check by hand")
        out = conflicts.assign(
            plan_fid=np.asarray(plan_fid, dtype=np.int64),
            landuse=[None if v is None else str(v) for v in landuse],
            code_name=[table.name(c, language) or self.tr("unknown code") for c in conflicts["code"]],
            line_name=conflicts["control_line"].map(self.line_names()),
            outcome_name=conflicts["outcome"].map(self.outcome_names()),
            rule_text=conflicts["rule_id"].map(rule_text),
            deducted_share=np.asarray(deducted_share, dtype=float),
        )
        return out[["plan_fid", "landuse", "code", "code_name", "class_code", "control_line", "line_name", "outcome",
                    "outcome_name", "rule_id", "rule_text", "clause", "plane_area_m2", "ellipsoid_area_m2",
                    "deducted_share", "net_ellipsoid_area_m2", "geometry"]]

    def write_conflicts(self, parameters, context, feedback, plan, rules, result):
        conflicts = result.conflicts
        rows = conflicts["row"].to_numpy()
        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        out = self.conflict_rows(conflicts, plan.frame[vector.FID].to_numpy()[rows], plan.frame[field].to_numpy()[rows],
                                 plan.deducted_share[rows], plan.table, rules)
        output_id = vector.write_frame(self, parameters, self.CONFLICTS, context, out, wkb_type=QgsWkbTypes.Type.MultiPolygon,
                                       frame_crs=plan.metric, output_crs=plan.source.sourceCrs(), feedback=feedback)
        styling.style_output(context, output_id, "zoning_conflicts", self.tr("Control line conflicts"))
        return output_id

    def write_overlaps(self, parameters, context, feedback, metric, source_crs, result):
        names = self.line_names()
        overlaps = result.overlaps.assign(line_a_name=result.overlaps["line_a"].map(names),
                                          line_b_name=result.overlaps["line_b"].map(names))
        overlaps = overlaps[["line_a", "line_a_name", "line_b", "line_b_name", "plane_area_m2", "ellipsoid_area_m2",
                             "geometry"]]
        output_id = vector.write_frame(self, parameters, self.LINE_OVERLAPS, context, overlaps,
                                       wkb_type=QgsWkbTypes.Type.MultiPolygon, frame_crs=metric,
                                       output_crs=source_crs, feedback=feedback)
        styling.style_output(context, output_id, "zoning_overlaps", self.tr("Control line overlaps"))
        return output_id

    def summary_frame(self, table, result):
        language = _language()
        summary = result.summary
        return summary.assign(
            line_name=summary["control_line"].map(self.line_names()),
            outcome_name=summary["outcome"].map(self.outcome_names()),
            class_name=[table.name(c, language) or self.tr("unknown code") for c in summary["class_code"]],
        )[["control_line", "line_name", "outcome", "outcome_name", "class_code", "class_name", "conflict_count",
           "plane_area_m2", "ellipsoid_area_m2", "net_ellipsoid_area_m2"]]

    def write_report(self, path, summary, result) -> None:
        from .. import report
        from .report_pages import conflict_page

        names = self.line_names()
        overlaps = result.overlaps.assign(line_a_name=result.overlaps["line_a"].map(names),
                                          line_b_name=result.overlaps["line_b"].map(names))
        labels = {
            "summary": self.tr("{}: by control line and land-use class"),
            "chart": self.tr("Conflict area by control line (hectares, CGCS2000 ellipsoidal)"),
            "overlaps": self.tr("Overlaps between control lines"),
            "line": self.tr("Control line"), "class": self.tr("Class"), "name": self.tr("Name"),
            "count": self.tr("Count"), "area": self.tr("Area (m², CGCS2000 ellipsoidal)"),
            "plane": self.tr("Area (m², plane)"), "hectares": self.tr("ha"),
            "none": self.tr("None found."), "line_a": self.tr("Control line A"), "line_b": self.tr("Control line B"),
        }
        notes = [
            self.tr("{} prohibited, {} need approval, {} cannot be judged (unknown land-use code: {} parcels).").format(
                result.count("prohibited"), result.count("approval"), result.count("unknown"), result.unknown_parcels),
            self.tr("'Needs approval': the rules allow the use only as a listed exception, after approval or recognition; each row of the conflicts layer names its clause."),
            self.tr("Areas are CGCS2000 ellipsoidal areas (as 三调 statistics), plane areas in the metric CRS beside them; 田坎 shares of 三调 parcels are in net_ellipsoid_area_m2."),
        ]
        report.write(path, conflict_page(self.tr("Control line conflict check"), summary, overlaps, labels, notes,
                                         _html_lang()))


class LivingSpaceStructureAlgorithm(ZoningAlgorithm):
    ALGORITHM_ID = "livingspacestructure"

    PLAN = "PLAN"
    LANDUSE_FIELD = "LANDUSE_FIELD"
    MAPPING = "MAPPING"
    MAPPING_FILE = "MAPPING_FILE"
    UNITS = "UNITS"
    UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    REPORT = "REPORT"
    MAPPINGS = ("default", "file")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Production-living-ecological space structure (三生空间结构)")

    def tags(self) -> list[str]:
        return self.tr("production space,living space,ecological space,land use structure,三生空间,生产空间,生活空间,生态空间").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PLAN, self.tr("Planned land use (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.LANDUSE_FIELD, self.tr("Land-use code field (07, 0701, or class name; 三调: DLBM or DLMC)"),
            parentLayerParameterName=self.PLAN))
        self.add_classification_parameter()
        mapping = QgsProcessingParameterEnum(
            self.MAPPING, self.tr("Space mapping (default = research convention, file = mapping file below)"),
            options=list(self.MAPPINGS), defaultValue="default")
        mapping.setUsesStaticStrings(True)
        self.addParameter(mapping)
        self.addParameter(QgsProcessingParameterFile(
            self.MAPPING_FILE, self.tr("Mapping file (JSON or CSV: code,space_class)"), optional=True,
            fileFilter="Mapping (*.json *.csv)"))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.UNITS, self.tr("Planning units, e.g. districts or towns (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.UNIT_NAME_FIELD, self.tr("Unit name field"), parentLayerParameterName=self.UNITS, optional=True))
        self.add_mode_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Space classes"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Space structure by unit"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False))

    def load_mapping(self, parameters, context, feedback, table):
        from .space import MappingError, default_mapping, load_mapping

        try:
            defaults = load_preset("space_mapping", default_mapping, table, user_standards_dir())
            path = self.parameterAsFile(parameters, self.MAPPING_FILE, context)
            if self.parameterAsEnumString(parameters, self.MAPPING, context) != "file":
                if path:
                    feedback.pushWarning(self.tr("A mapping file is given but Space mapping is 'default': the file is not used."))
                return defaults
            if not path:
                raise QgsProcessingException(self.tr("Space mapping is set to 'file': choose a mapping file (JSON or CSV)."))
            return load_mapping(path, table, defaults)
        except MappingError as error:
            raise QgsProcessingException(self.tr("The space mapping cannot be used: {}").format(error)) from error

    def read_units(self, parameters, context, feedback, metric):
        """(unit geometries, unit names) or (None, []) when no units are given."""
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None:
            return None, []
        label = self.tr("Planning units")
        vector.require_geometry_type(source, POLYGONS, label)
        name_field = self.parameterAsString(parameters, self.UNIT_NAME_FIELD, context)
        frame = vector.source_to_frame(source, context=context, feedback=feedback,
                                       fields=[name_field] if name_field else [], target_crs=metric, label=label)
        vector.require_features(frame, label)
        if name_field:
            names = [self.tr("unit {}").format(fid) if value is None else str(value)
                     for fid, value in zip(frame[vector.FID], frame[name_field])]
        else:
            names = [self.tr("unit {}").format(fid) for fid in frame[vector.FID]]
        return _flat(frame), names

    def process(self, parameters, context, feedback):
        from .space import structure

        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        source, metric = self.open_plan(parameters, context, self.PLAN)
        layer = self.choose_partitions(parameters, context, feedback, source, metric,
                                       [field, *self.deduction_fields(source, field).values()])
        if layer is not None:
            return self.process_partitioned(parameters, context, feedback, source, metric, layer, field)
        plan = self.read_plan(parameters, context, feedback, self.PLAN, field)
        mapping = self.load_mapping(parameters, context, feedback, plan.table)
        units, unit_names = self.read_units(parameters, context, feedback, plan.metric)
        feedback.setProgress(30)
        result = structure(plan.frame.geometry.values, mapping.classify(plan.codes), units, crs=plan.frame.crs,
                           deducted_share=plan.deducted_share, deducted_classes=mapping.classify(plan.deducted_codes),
                           is_canceled=feedback.isCanceled)
        feedback.setProgress(70)
        class_names, unit_name = self.class_names(mapping), self.unit_namer(unit_names)
        output_id = self.write_pieces(parameters, context, feedback, plan, result, class_names, unit_name,
                                      units is not None)
        return self.finish(parameters, context, feedback, result, output_id, mapping, unit_names)

    def process_partitioned(self, parameters, context, feedback, source, metric, layer, field):
        """The same structure partition by partition on Dask, each partition's pieces written as it finishes."""
        from .partitioned import space

        table, crosswalk = self.code_tables()
        parts, distinct, runner = self.partition_plan(parameters, context, feedback, layer, field)
        reader = self.partition_reader(parameters, context, feedback, layer, distinct, field, table, crosswalk, source)
        mapping = self.load_mapping(parameters, context, feedback, table)
        units, unit_names = self.read_units(parameters, context, feedback, metric)
        class_names, unit_name = self.class_names(mapping), self.unit_namer(unit_names)
        sink = self.polygon_sink(parameters, self.OUTPUT, context, metric, source, feedback)

        def consume(_, pieces):
            out = self.space_rows(pieces, pieces["fid"].to_numpy(), pieces["landuse"].to_numpy(), pieces["code"].to_numpy(),
                                  class_names, unit_name, units is not None)
            sink.add(out)

        with runner:
            result = space(reader, parts, mapping, crosswalk, units, runner=runner, consume=consume,
                           crs=layer.target_crs, progress=feedback.setProgress, is_canceled=feedback.isCanceled)
        styling.style_output(context, sink.dest_id, "zoning_space", self.tr("Production-living-ecological space"))
        return self.finish(parameters, context, feedback, result, sink.dest_id, mapping, unit_names)

    def class_names(self, mapping) -> dict:
        from .space import UNMAPPED

        names = {cid: mapping.name(cid, _language()) for cid in mapping.classes}
        names[UNMAPPED] = self.tr("unmapped")
        return names

    def finish(self, parameters, context, feedback, result, output_id, mapping, unit_names):
        """Summary, report and warnings of a result (in memory or partitioned)."""
        from .space import UNMAPPED

        class_names, unit_name = self.class_names(mapping), self.unit_namer(unit_names)
        outputs = {self.OUTPUT: output_id}
        summary, fields = self.summary_frames(result, mapping, unit_names, unit_name)
        outputs[self.SUMMARY] = vector.write_frame(self, parameters, self.SUMMARY, context, fields, feedback=feedback)
        unmapped = float(summary.iloc[-1][f"{UNMAPPED}_m2"])
        if unmapped > 0:
            feedback.pushWarning(self.tr("{:.1f} m² of the plan has no space class (codes without a mapping or unknown codes): shown as 'unmapped'.").format(unmapped))
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            self.write_report(report_path, summary, mapping, class_names)
            outputs[self.REPORT] = report_path
        feedback.setProgress(100)
        return outputs

    def unit_namer(self, unit_names):
        from .space import ALL_UNITS, OUTSIDE_UNITS

        special = {OUTSIDE_UNITS: self.tr("outside all units"), ALL_UNITS: self.tr("whole plan")}
        return lambda unit: special[unit] if unit < 0 else unit_names[unit]

    def space_rows(self, pieces, plan_fid, landuse, codes, class_names, unit_name, with_units):
        """The space layer's columns for pieces with their plan fid, raw land-use value and code."""
        import numpy as np

        out = pieces.assign(
            plan_fid=np.asarray(plan_fid, dtype=np.int64),
            landuse=[None if v is None else str(v) for v in landuse],
            code=np.asarray(codes, dtype=object),
            space_name=pieces["space_class"].map(class_names),
        )
        columns = ["plan_fid", "landuse", "code", "space_class", "space_name"]
        if with_units:
            out["unit"] = [unit_name(u) for u in pieces["unit"]]
            columns.append("unit")
        return out[[*columns, "plane_area_m2", "ellipsoid_area_m2", "deducted_share", "net_ellipsoid_area_m2", "geometry"]]

    def write_pieces(self, parameters, context, feedback, plan, result, class_names, unit_name, with_units):
        pieces = result.pieces
        rows = pieces["row"].to_numpy()
        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        out = self.space_rows(pieces, plan.frame[vector.FID].to_numpy()[rows], plan.frame[field].to_numpy()[rows],
                              plan.codes[rows], class_names, unit_name, with_units)
        output_id = vector.write_frame(self, parameters, self.OUTPUT, context, out, wkb_type=QgsWkbTypes.Type.MultiPolygon,
                                       frame_crs=plan.metric, output_crs=plan.source.sourceCrs(), feedback=feedback)
        styling.style_output(context, output_id, "zoning_space", self.tr("Production-living-ecological space"))
        return output_id

    def summary_frames(self, result, mapping, unit_names, unit_name):
        """(the wide summary with generic names, for the report; the same with field names that say
        the measure: total_ellipsoid_m2, <class>_ellipsoid_m2, <class>_pct)."""
        from .space import wide

        summary = wide(result.summary, list(mapping.classes), len(unit_names))
        summary.insert(0, "unit_name", [unit_name(u) for u in summary.pop("unit")])
        measure = result.measure
        renamed = {c: c.replace("_area_m2", f"_{measure}_m2") if c.startswith("total_") else c.replace("_m2", f"_{measure}_m2")
                   for c in summary.columns if c.endswith("_m2")}
        return summary, summary.rename(columns=renamed)

    def write_report(self, path, summary, mapping, class_names) -> None:
        from .. import report
        from .report_pages import space_page
        from .space import UNMAPPED

        legend = [(cid, class_names[cid], entry.get("color", "#999999")) for cid, entry in mapping.classes.items()]
        legend.append((UNMAPPED, class_names[UNMAPPED], "#c8c8c8"))
        labels = {"chart": self.tr("Space structure by unit (hectares, CGCS2000 ellipsoidal)"),
                  "table": self.tr("Area and share by unit"),
                  "unit": self.tr("Unit"), "total": self.tr("Total (m², CGCS2000 ellipsoidal)"), "hectares": self.tr("ha")}
        notes = [self.tr("The production-living-ecological mapping is a research convention, not a national table: check it in the mapping file."),
                 self.tr("Areas are CGCS2000 ellipsoidal areas (as 三调 statistics); the 田坎 share of 三调 parcels is counted in the class of 田坎.")]
        report.write(path, space_page(self.tr("Production-living-ecological space structure"), summary,
                                      legend, labels, notes, _html_lang()))


class PlanTopologyAlgorithm(ZoningAlgorithm):
    ALGORITHM_ID = "plantopology"

    PLAN = "PLAN"
    BOUNDARY = "BOUNDARY"
    TOLERANCE = "TOLERANCE"
    SLIVER_WIDTH = "SLIVER_WIDTH"
    ERRORS = "ERRORS"
    ERROR_COUNT = "ERROR_COUNT"
    COUNT_OUTPUTS = {"overlap": "OVERLAP_COUNT", "gap": "GAP_COUNT", "sliver": "SLIVER_COUNT",
                     "invalid": "INVALID_COUNT", "duplicate": "DUPLICATE_COUNT",
                     "outside_boundary": "OUTSIDE_BOUNDARY_COUNT"}

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Planning layer topology check (规划图斑拓扑检查)")

    def tags(self) -> list[str]:
        return self.tr("topology,overlap,gap,sliver,duplicate,invalid geometry,拓扑检查,重叠,缝隙,碎片").split(",")

    def error_names(self) -> dict[str, str]:
        return {"overlap": self.tr("overlap"), "gap": self.tr("gap"), "sliver": self.tr("sliver"),
                "invalid": self.tr("invalid geometry"), "duplicate": self.tr("duplicate"),
                "outside_boundary": self.tr("outside the planning boundary")}

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PLAN, self.tr("Planning layer (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BOUNDARY, self.tr("Planning area boundary (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOLERANCE, self.tr("Tolerance (m): overlaps and gaps no wider than this are ignored"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=0.01, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_WIDTH, self.tr("Sliver width (m): parcels nowhere wider than this are slivers"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=1.0, minValue=0.0))
        self.add_mode_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.ERRORS, self.tr("Topology errors"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber(self.ERROR_COUNT, self.tr("Number of topology errors")))
        labels = {"overlap": self.tr("Number of overlaps"), "gap": self.tr("Number of gaps"),
                  "sliver": self.tr("Number of slivers"), "invalid": self.tr("Number of invalid geometries"),
                  "duplicate": self.tr("Number of duplicates"),
                  "outside_boundary": self.tr("Number of parcels reaching outside the boundary")}
        for kind, name in self.COUNT_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(name, labels[kind]))

    def process(self, parameters, context, feedback):
        from .topology import check

        label = self.tr("Planning layer")
        source, metric = self.open_plan(parameters, context, self.PLAN, label)
        layer = self.choose_partitions(parameters, context, feedback, source, metric, [])
        boundary = self.read_boundary(parameters, context, feedback, metric)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        sliver_width = self.parameterAsDouble(parameters, self.SLIVER_WIDTH, context)
        if layer is not None:
            return self.process_partitioned(parameters, context, feedback, source, metric, layer, boundary, tolerance,
                                            sliver_width)
        # read as stored: invalid geometries are one of the things this check reports
        plan = vector.source_to_frame(source, context=context, feedback=feedback, fields=[], target_crs=metric,
                                      label=label, repair=False)
        vector.require_features(plan, label)
        result = check(_flat(plan), boundary, tolerance=tolerance, sliver_width=sliver_width,
                       crs=plan.crs, progress=feedback.setProgress, is_canceled=feedback.isCanceled)
        fids = plan[vector.FID].to_numpy()
        errors = result.errors
        out = self.error_rows(errors, [tuple(int(fids[r]) for r in rows) for rows in errors["rows"]])
        errors_id = vector.write_frame(self, parameters, self.ERRORS, context, out, wkb_type=QgsWkbTypes.Type.MultiPolygon,
                                       frame_crs=metric, output_crs=source.sourceCrs(), feedback=feedback)
        return self.finish(context, feedback, errors_id, result.counts())

    def process_partitioned(self, parameters, context, feedback, source, metric, layer, boundary, tolerance,
                            sliver_width):
        """The same checks partition by partition on Dask (pairs across partition borders through
        each partition's halo, gaps from the union of all partitions), errors written as they come."""
        from .partitioned import PlanReader, topology_check

        layer.fields = []
        parts, _, runner = self.partition_plan(parameters, context, feedback, layer, None)
        # the halo reaches the tolerance beyond each partition (stored CRS: degrees need a generous margin)
        margin = tolerance / 50000.0 if source.sourceCrs().isGeographic() else tolerance
        sink = self.polygon_sink(parameters, self.ERRORS, context, metric, source, feedback)

        def consume(_, errors):
            out = self.error_rows(errors, errors["fids"])
            sink.add(out)

        with runner:
            result = topology_check(PlanReader(layer, repair=False), parts, boundary, runner=runner, consume=consume,
                                    tolerance=tolerance, sliver_width=sliver_width, margin=margin,
                                    crs=layer.target_crs, progress=feedback.setProgress,
                                    is_canceled=feedback.isCanceled)
        return self.finish(context, feedback, sink.dest_id, result.counts)

    def read_boundary(self, parameters, context, feedback, metric):
        boundary_source = self.parameterAsSource(parameters, self.BOUNDARY, context)
        if boundary_source is None:
            return None
        boundary_label = self.tr("Planning area boundary")
        vector.require_geometry_type(boundary_source, POLYGONS, boundary_label)
        frame = vector.source_to_frame(boundary_source, context=context, feedback=feedback, fields=[],
                                       target_crs=metric, label=boundary_label)
        vector.require_features(frame, boundary_label)
        return _flat(frame)

    def error_rows(self, errors, feature_ids):
        """The errors layer's columns; `feature_ids`: a tuple of plan fids per error."""
        out = errors.assign(
            error_name=errors["error_type"].map(self.error_names()),
            feature_ids=[";".join(str(f) for f in ids) for ids in feature_ids],
            n_features=[len(ids) for ids in feature_ids],
            detail=[d or None for d in errors["detail"]],
        )[["error_type", "error_name", "feature_ids", "n_features", "plane_area_m2", "ellipsoid_area_m2", "detail",
           "geometry"]]
        out["n_features"] = out["n_features"].astype("int64")
        return out

    def finish(self, context, feedback, errors_id, counts):
        styling.style_output(context, errors_id, "zoning_topology", self.tr("Topology errors"))
        names = self.error_names()
        feedback.pushInfo(self.tr("Topology errors: {}").format(
            ", ".join(f"{names[k]} {v}" for k, v in counts.items())))
        outputs = {self.ERRORS: errors_id, self.ERROR_COUNT: sum(counts.values())}
        outputs.update({self.COUNT_OUTPUTS[k]: v for k, v in counts.items()})
        feedback.setProgress(100)
        return outputs


ALGORITHMS = [ControlLineConflictsAlgorithm, LivingSpaceStructureAlgorithm, PlanTopologyAlgorithm]
