"""The door of the control-line conflict check (三区三线冲突检查): the plan against the ecological
red line, permanent basic farmland and urban development boundary, in memory or partitioned."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ....translation import tr
from ...base import UrbanizationAlgorithm
from .. import pipeline
from . import mode, plan
from .plan import POLYGONS, flat, html_lang, language
from .progress import to_feedback


class ControlLineConflictsAlgorithm(UrbanizationAlgorithm):
    """Conflicts of the plan's land uses with the control lines' rules, control-line overlaps, a summary."""

    ALGORITHM_ID = "controllineconflicts"
    GROUP_ID = plan.GROUP_ID
    REQUIRES = plan.REQUIRES

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
        return self.tr(
            "three control lines,ecological red line,permanent basic farmland,"
            "urban development boundary,conflict,overlay,三区三线,多规合一"
        ).split(",")

    def line_layers(self) -> dict[str, str]:
        """Control-line id (rules.CONTROL_LINES) -> parameter name."""
        return {
            "ecological_redline": self.ECOLOGICAL_REDLINE,
            "ecological_core": self.ECOLOGICAL_CORE,
            "permanent_farmland": self.PERMANENT_FARMLAND,
            "development_boundary": self.DEVELOPMENT_BOUNDARY,
        }

    def line_names(self) -> dict[str, str]:
        return {
            "ecological_redline": self.tr("Ecological protection red line"),
            "ecological_core": self.tr("Core protected area (in the red line)"),
            "permanent_farmland": self.tr("Permanent basic farmland"),
            "development_boundary": self.tr("Urban development boundary"),
        }

    def outcome_names(self) -> dict[str, str]:
        from ..conflicts import UNKNOWN_OUTCOME
        from ..rules import ALLOWED, APPROVAL, PROHIBITED

        return {
            PROHIBITED: self.tr("prohibited"),
            APPROVAL: self.tr("needs approval"),
            UNKNOWN_OUTCOME: self.tr("cannot be judged (unknown code)"),
            ALLOWED: self.tr("allowed, area listed (not a conflict)"),
        }

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PLAN,
                self.tr("Planned land use or 三调 status parcels (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LANDUSE_FIELD,
                self.tr("Land-use code field (07, 0701, or class name; 三调: DLBM or DLMC)"),
                parentLayerParameterName=self.PLAN,
            )
        )
        plan.add_classification_parameter(self)
        for name, line in zip(self.line_layers().values(), self.line_names().values()):
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    name,
                    self.tr("{} (polygons)").format(line),
                    [QgsProcessing.SourceType.TypeVectorPolygon],
                    optional=True,
                )
            )
        rules = QgsProcessingParameterEnum(
            self.RULES,
            self.tr("Conflict rules (national = default rules, file = rules file below)"),
            options=list(self.RULE_SETS),
            defaultValue="national",
        )
        rules.setUsesStaticStrings(True)
        self.addParameter(rules)
        self.addParameter(
            QgsProcessingParameterFile(
                self.RULES_FILE, self.tr("Rules file (JSON or CSV)"), optional=True, fileFilter="Rules (*.json *.csv)"
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_AREA,
                self.tr("Ignore pieces smaller than (m², plane)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=1.0,
                minValue=0.0,
            )
        )
        mode.add_mode_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CONFLICTS, self.tr("Conflicts"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.LINE_OVERLAPS, self.tr("Control line overlaps"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Conflict summary by control line, outcome and land-use class"),
                QgsProcessing.SourceType.TypeVector,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            )
        )
        for name, label in (
            (self.CONFLICT_COUNT, self.tr("Number of conflicts (prohibited, needs approval, unknown code)")),
            (self.CONFLICT_AREA_M2, self.tr("Conflict area (m², CGCS2000 ellipsoidal)")),
            (self.PROHIBITED_COUNT, self.tr("Number of prohibited uses")),
            (self.PROHIBITED_AREA_M2, self.tr("Prohibited area (m², CGCS2000 ellipsoidal)")),
            (self.APPROVAL_COUNT, self.tr("Number of uses that need approval")),
            (self.APPROVAL_AREA_M2, self.tr("Area that needs approval (m², CGCS2000 ellipsoidal)")),
            (self.OVERLAP_COUNT, self.tr("Number of control line overlaps")),
            (self.OVERLAP_AREA_M2, self.tr("Control line overlap area (m², CGCS2000 ellipsoidal)")),
            (self.UNKNOWN_CODE_COUNT, self.tr("Parcels with an unknown land-use code")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def load_rules(self, parameters, context, feedback, table):
        from ..rules import RulesError, load_rules, national_rules

        choice = self.parameterAsEnumString(parameters, self.RULES, context)
        path = self.parameterAsFile(parameters, self.RULES_FILE, context)
        try:
            if choice == "file":
                if not path:
                    raise QgsProcessingException(
                        self.tr("Conflict rules is set to 'file': choose a rules file (JSON or CSV).")
                    )
                return load_rules(path, table)
            if path:
                feedback.pushWarning(
                    self.tr("A rules file is given but Conflict rules is 'national': the file is not used.")
                )
            return plan.preset("conflict_rules", national_rules, table)
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
                polygons = flat(
                    vector.source_to_frame(
                        source, context=context, feedback=feedback, fields=[], target_crs=metric, label=names[line]
                    )
                )
            if len(polygons) == 0:
                feedback.pushWarning(
                    self.tr("Layer '{}' has no features with geometry: the checks against it are skipped.").format(
                        names[line]
                    )
                )
                continue
            lines[line] = polygons
        if not (set(lines) - {"ecological_core"}):
            raise QgsProcessingException(
                self.tr(
                    "Give at least one control line layer with features: ecological protection "
                    "red line, permanent basic farmland or urban development boundary."
                )
            )
        return lines

    @staticmethod
    def control_layer(source, metric, context, feedback):
        """A ControlLayer read from the file of a plain GeoPackage layer, or None."""
        from ..control_lines import ControlLayer

        layer = mode.file_source(source, metric, context, [])
        return None if layer is None else ControlLayer.from_file(layer, feedback.isCanceled)

    def process(self, parameters, context, feedback):
        from ..conflicts import check

        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        source, metric = plan.open_plan(self, parameters, context, self.PLAN)
        fields = plan.fields_of(source, field)
        layer = mode.choose_partitions(self, parameters, context, feedback, source, metric, fields.names)
        if layer is not None:
            return self.process_partitioned(parameters, context, feedback, source, metric, layer, fields)
        whole = plan.read_plan(self, parameters, context, feedback, source, metric, field)
        rules = self.load_rules(parameters, context, feedback, whole.table)
        lines = self.read_lines(parameters, context, feedback, whole.metric)
        self.report_unchecked(rules, lines, feedback)
        min_area = self.parameterAsDouble(parameters, self.MIN_AREA, context)
        feedback.setProgress(0)
        result = check(
            whole.frame.geometry.values,
            whole.codes,
            lines,
            rules,
            min_area=min_area,
            crs=whole.frame.crs,
            deducted_share=whole.deducted_share,
            progress=feedback.setProgress,  # check() counts percent
            is_canceled=feedback.isCanceled,
        )
        conflicts_id = self.write_conflicts(parameters, context, feedback, whole, rules, result)
        return self.finish(
            parameters, context, feedback, result, conflicts_id, whole.metric, whole.source.sourceCrs(), whole.table
        )

    def process_partitioned(self, parameters, context, feedback, source, metric, layer, fields):
        """The same check partition by partition on Dask, each partition's pieces written as it finishes."""
        from ..partitioned import conflicts

        table, crosswalk = plan.code_tables()
        found, parts, runner = mode.partition_plan(self, parameters, context, feedback, layer, fields)
        reader = plan.partition_reader(self, parameters, context, feedback, layer, found, fields, table, crosswalk)
        rules = self.load_rules(parameters, context, feedback, table)
        lines = self.read_lines(parameters, context, feedback, metric, partitioned=True)
        self.report_unchecked(rules, lines, feedback)
        sink = mode.polygon_sink(self, parameters, self.CONFLICTS, context, metric, source, feedback)

        def consume(_, pieces):
            sink.add(
                self.conflict_rows(
                    pieces,
                    pieces["fid"].to_numpy(),
                    pieces["landuse"].to_numpy(),
                    pieces["deducted_share"].to_numpy(),
                    table,
                    rules,
                )
            )

        with runner:
            result = conflicts(
                reader,
                parts,
                lines,
                rules,
                runner=runner,
                consume=consume,
                min_area=self.parameterAsDouble(parameters, self.MIN_AREA, context),
                crs=layer.target_crs,
                progress=to_feedback(feedback),
                is_canceled=feedback.isCanceled,
            )
        if result.unknown_parcels:
            feedback.pushWarning(
                tr(
                    "{} of {} parcels have an empty or unknown land-use code "
                    "in field '{}': they are reported as the class 'unknown'."
                ).format(result.unknown_parcels, result.parcels, fields.code)
            )
        styling.style_output(context, sink.dest_id, "zoning_conflicts", self.tr("Control line conflicts"))
        return self.finish(parameters, context, feedback, result, sink.dest_id, metric, source.sourceCrs(), table)

    def report_unchecked(self, rules, lines, feedback) -> None:
        line_names = self.line_names()
        for rule in rules:
            if rule.control_line not in lines:
                feedback.pushInfo(
                    self.tr("Rule '{}' is not checked: no {} layer with features.").format(
                        rule.id, line_names[rule.control_line]
                    )
                )

    def finish(self, parameters, context, feedback, result, conflicts_id, metric, source_crs, table):
        """Overlaps, summary, report and the output numbers of a result (in memory or partitioned)."""
        outputs = {
            self.CONFLICTS: conflicts_id,
            self.LINE_OVERLAPS: self.write_overlaps(parameters, context, feedback, metric, source_crs, result),
        }
        summary = self.summary_frame(table, result)
        outputs[self.SUMMARY] = vector.write_frame(self, parameters, self.SUMMARY, context, summary, feedback=feedback)
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            self.write_report(report_path, summary, result)
            outputs[self.REPORT] = report_path
        feedback.pushInfo(
            self.tr(
                "{} prohibited ({:.1f} m²), {} need approval ({:.1f} m²), {} with an unknown "
                "code; {} control line overlaps ({:.1f} m²). Areas: CGCS2000 ellipsoidal."
            ).format(
                result.count("prohibited"),
                result.area("prohibited"),
                result.count("approval"),
                result.area("approval"),
                result.count("unknown"),
                len(result.overlaps),
                result.overlap_area,
            )
        )
        ridges = result.recorded_area("permanent_farmland", "2303")
        if ridges:
            feedback.pushInfo(
                self.tr(
                    "田坎 inside permanent basic farmland: {:.1f} m², part of the cultivated land it divides, not a "
                    "conflict (listed in the summary)."
                ).format(ridges)
            )
        feedback.setProgress(100)
        outputs.update(
            {
                self.CONFLICT_COUNT: result.conflict_count,
                self.CONFLICT_AREA_M2: result.conflict_area,
                self.PROHIBITED_COUNT: result.count("prohibited"),
                self.PROHIBITED_AREA_M2: result.area("prohibited"),
                self.APPROVAL_COUNT: result.count("approval"),
                self.APPROVAL_AREA_M2: result.area("approval"),
                self.OVERLAP_COUNT: len(result.overlaps),
                self.OVERLAP_AREA_M2: result.overlap_area,
                self.UNKNOWN_CODE_COUNT: result.unknown_parcels,
            }
        )
        return outputs

    def conflict_rows(self, conflicts, plan_fid, landuse, deducted_share, table, rules):
        """The conflicts layer's columns for pieces with their plan fid, raw land-use value and 田坎 share."""
        import numpy as np

        from ..conflicts import UNKNOWN_RULE

        rule_text = {r.id: r.label(language()) for r in rules}
        rule_text[UNKNOWN_RULE] = self.tr("Land-use code empty or not in the 2023 classification: check by hand")
        return pipeline.conflict_rows(
            conflicts,
            plan_fid=np.asarray(plan_fid, dtype=np.int64),
            landuse=[None if v is None else str(v) for v in landuse],
            code_name=[table.name(c, language()) or self.tr("unknown code") for c in conflicts["code"]],
            line_name=conflicts["control_line"].map(self.line_names()),
            outcome_name=conflicts["outcome"].map(self.outcome_names()),
            rule_text=conflicts["rule_id"].map(rule_text),
            deducted_share=np.asarray(deducted_share, dtype=float),
        )

    def write_conflicts(self, parameters, context, feedback, whole, rules, result):
        conflicts = result.conflicts
        rows = conflicts["row"].to_numpy()
        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        out = self.conflict_rows(
            conflicts,
            whole.frame[vector.FID].to_numpy()[rows],
            whole.frame[field].to_numpy()[rows],
            whole.deducted_share[rows],
            whole.table,
            rules,
        )
        output_id = vector.write_frame(
            self,
            parameters,
            self.CONFLICTS,
            context,
            out,
            wkb_type=QgsWkbTypes.Type.MultiPolygon,
            frame_crs=whole.metric,
            output_crs=whole.source.sourceCrs(),
            feedback=feedback,
        )
        styling.style_output(context, output_id, "zoning_conflicts", self.tr("Control line conflicts"))
        return output_id

    def write_overlaps(self, parameters, context, feedback, metric, source_crs, result):
        names = self.line_names()
        overlaps = result.overlaps.assign(
            line_a_name=result.overlaps["line_a"].map(names), line_b_name=result.overlaps["line_b"].map(names)
        )
        overlaps = overlaps[
            ["line_a", "line_a_name", "line_b", "line_b_name", "plane_area_m2", "ellipsoid_area_m2", "geometry"]
        ]
        output_id = vector.write_frame(
            self,
            parameters,
            self.LINE_OVERLAPS,
            context,
            overlaps,
            wkb_type=QgsWkbTypes.Type.MultiPolygon,
            frame_crs=metric,
            output_crs=source_crs,
            feedback=feedback,
        )
        styling.style_output(context, output_id, "zoning_overlaps", self.tr("Control line overlaps"))
        return output_id

    def summary_frame(self, table, result):
        lang = language()
        summary = result.summary
        return summary.assign(
            line_name=summary["control_line"].map(self.line_names()),
            outcome_name=summary["outcome"].map(self.outcome_names()),
            class_name=[table.name(c, lang) or self.tr("unknown code") for c in summary["class_code"]],
        )[
            [
                "control_line",
                "line_name",
                "outcome",
                "outcome_name",
                "class_code",
                "class_name",
                "conflict_count",
                "plane_area_m2",
                "ellipsoid_area_m2",
                "net_ellipsoid_area_m2",
            ]
        ]

    def write_report(self, path, summary, result) -> None:
        from ... import report
        from ..report_pages import conflict_page

        names = self.line_names()
        overlaps = result.overlaps.assign(
            line_a_name=result.overlaps["line_a"].map(names), line_b_name=result.overlaps["line_b"].map(names)
        )
        labels = {
            "summary": self.tr("{}: by control line and land-use class"),
            "chart": self.tr("Conflict area by control line (hectares, CGCS2000 ellipsoidal)"),
            "overlaps": self.tr("Overlaps between control lines"),
            "line": self.tr("Control line"),
            "class": self.tr("Class"),
            "name": self.tr("Name"),
            "count": self.tr("Count"),
            "area": self.tr("Area (m², CGCS2000 ellipsoidal)"),
            "plane": self.tr("Area (m², plane)"),
            "hectares": self.tr("ha"),
            "none": self.tr("None found."),
            "line_a": self.tr("Control line A"),
            "line_b": self.tr("Control line B"),
        }
        notes = [
            self.tr("{} prohibited, {} need approval, {} cannot be judged (unknown land-use code: {} parcels).").format(
                result.count("prohibited"), result.count("approval"), result.count("unknown"), result.unknown_parcels
            ),
            self.tr(
                "'Needs approval': the rules allow the use only as a listed exception, after "
                "approval or recognition; each row of the conflicts layer names its clause."
            ),
            self.tr(
                "Areas are CGCS2000 ellipsoidal areas (as 三调 statistics), plane areas in the "
                "metric CRS beside them; 田坎 shares of 三调 parcels are in net_ellipsoid_area_m2."
            ),
        ]
        report.write(
            path, conflict_page(self.tr("Control line conflict check"), summary, overlaps, labels, notes, html_lang())
        )
