"""The door of the control-line conflict check (三区三线冲突检查): the plan against the ecological
red line, permanent basic farmland and urban development boundary, in memory or partitioned. The
control lines and rules are read by conflict_inputs.py, the outputs written by conflict_outputs.py."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ....layers import styling
from ....translation import tr
from ...base import UrbanizationAlgorithm
from . import conflict_inputs, conflict_outputs, mode, plan
from .progress import to_feedback


class ControlLineConflictsAlgorithm(UrbanizationAlgorithm):
    """Conflicts of the plan's land uses with the control lines' rules, control-line overlaps, a summary."""

    ALGORITHM_ID = "controllineconflicts"
    GROUP_ID = plan.GROUP_ID
    REQUIRES = plan.REQUIRES

    PLAN = "PLAN"
    LANDUSE_FIELD = "LANDUSE_FIELD"
    MIN_AREA = "MIN_AREA"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Control line conflict check (三区三线冲突检查)")

    def tags(self) -> list[str]:
        return self.tr(
            "three control lines,ecological red line,permanent basic farmland,"
            "urban development boundary,conflict,overlay,三区三线,多规合一"
        ).split(",")

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
        conflict_inputs.add_lines(self)
        conflict_inputs.add_rules(self)
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
        conflict_outputs.add_parameters(self)

    def process(self, parameters, context, feedback):
        from ..conflicts import check

        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        source, metric = plan.open_plan(self, parameters, context, self.PLAN)
        fields = plan.fields_of(source, field)
        layer = mode.choose_partitions(self, parameters, context, feedback, source, metric, fields.names)
        if layer is not None:
            return self.process_partitioned(parameters, context, feedback, source, metric, layer, fields)
        whole = plan.read_plan(self, parameters, context, feedback, source, metric, field)
        rules = conflict_inputs.load_rules(self, parameters, context, feedback, whole.table)
        lines = conflict_inputs.read_lines(self, parameters, context, feedback, whole.metric)
        conflict_inputs.report_unchecked(self, rules, lines, feedback)
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
        conflicts_id = conflict_outputs.write_conflicts(
            self, parameters, context, feedback, whole, field, rules, result
        )
        return conflict_outputs.finish(
            self,
            parameters,
            context,
            feedback,
            result,
            conflicts_id,
            whole.metric,
            whole.source.sourceCrs(),
            whole.table,
        )

    def process_partitioned(self, parameters, context, feedback, source, metric, layer, fields):
        """The same check partition by partition on Dask, each partition's pieces written as it finishes."""
        from ..partitioned import conflicts

        table, crosswalk = plan.code_tables()
        read_by_tasks = conflict_inputs.files_read_by_tasks(self, parameters, context, metric)
        found, parts, runner = mode.partition_plan(self, parameters, context, feedback, layer, fields, read_by_tasks)
        reader = plan.partition_reader(self, parameters, context, feedback, layer, found, fields, table, crosswalk)
        rules = conflict_inputs.load_rules(self, parameters, context, feedback, table)
        lines = conflict_inputs.read_lines(self, parameters, context, feedback, metric, partitioned=True)
        conflict_inputs.report_unchecked(self, rules, lines, feedback)
        sink = mode.polygon_sink(self, parameters, conflict_outputs.CONFLICTS, context, metric, source, feedback)

        def consume(_, pieces):
            sink.add(
                conflict_outputs.conflict_rows(
                    self,
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
        return conflict_outputs.finish(
            self, parameters, context, feedback, result, sink.dest_id, metric, source.sourceCrs(), table
        )
