"""The door of the planning-layer topology check (规划图斑拓扑检查): overlaps, gaps, slivers,
invalid geometries, duplicates and parcels outside the planning boundary, in memory or partitioned."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ...base import UrbanizationAlgorithm
from .. import pipeline
from . import mode, plan
from .plan import POLYGONS, flat
from .progress import to_feedback


class PlanTopologyAlgorithm(UrbanizationAlgorithm):
    """Topology errors of a planning layer, counted by kind."""

    ALGORITHM_ID = "plantopology"
    GROUP_ID = plan.GROUP_ID
    REQUIRES = plan.REQUIRES

    PLAN = "PLAN"
    BOUNDARY = "BOUNDARY"
    TOLERANCE = "TOLERANCE"
    SLIVER_WIDTH = "SLIVER_WIDTH"
    ERRORS = "ERRORS"
    ERROR_COUNT = "ERROR_COUNT"
    COUNT_OUTPUTS = {
        "overlap": "OVERLAP_COUNT",
        "gap": "GAP_COUNT",
        "sliver": "SLIVER_COUNT",
        "invalid": "INVALID_COUNT",
        "duplicate": "DUPLICATE_COUNT",
        "outside_boundary": "OUTSIDE_BOUNDARY_COUNT",
    }

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Planning layer topology check (规划图斑拓扑检查)")

    def tags(self) -> list[str]:
        return self.tr("topology,overlap,gap,sliver,duplicate,invalid geometry,拓扑检查,重叠,缝隙,碎片").split(",")

    def error_names(self) -> dict[str, str]:
        return {
            "overlap": self.tr("overlap"),
            "gap": self.tr("gap"),
            "sliver": self.tr("sliver"),
            "invalid": self.tr("invalid geometry"),
            "duplicate": self.tr("duplicate"),
            "outside_boundary": self.tr("outside the planning boundary"),
        }

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PLAN, self.tr("Planning layer (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BOUNDARY,
                self.tr("Planning area boundary (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOLERANCE,
                self.tr("Tolerance (m): overlaps and gaps no wider than this are ignored"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=0.01,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SLIVER_WIDTH,
                self.tr("Sliver width (m): parcels nowhere wider than this are slivers"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=1.0,
                minValue=0.0,
            )
        )
        mode.add_mode_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ERRORS, self.tr("Topology errors"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.ERROR_COUNT, self.tr("Number of topology errors")))
        labels = {
            "overlap": self.tr("Number of overlaps"),
            "gap": self.tr("Number of gaps"),
            "sliver": self.tr("Number of slivers"),
            "invalid": self.tr("Number of invalid geometries"),
            "duplicate": self.tr("Number of duplicates"),
            "outside_boundary": self.tr("Number of parcels reaching outside the boundary"),
        }
        for kind, name in self.COUNT_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(name, labels[kind]))

    def process(self, parameters, context, feedback):
        from ..topology import check

        label = self.tr("Planning layer")
        source, metric = plan.open_plan(self, parameters, context, self.PLAN, label)
        layer = mode.choose_partitions(self, parameters, context, feedback, source, metric, [])
        boundary = self.read_boundary(parameters, context, feedback, metric)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        sliver_width = self.parameterAsDouble(parameters, self.SLIVER_WIDTH, context)
        if layer is not None:
            return self.process_partitioned(
                parameters, context, feedback, source, metric, layer, boundary, tolerance, sliver_width
            )
        # read as stored: invalid geometries are one of the things this check reports
        whole = vector.source_to_frame(
            source, context=context, feedback=feedback, fields=[], target_crs=metric, label=label, repair=False
        )
        vector.require_features(whole, label)
        result = check(
            flat(whole),
            boundary,
            tolerance=tolerance,
            sliver_width=sliver_width,
            crs=whole.crs,
            progress=to_feedback(feedback),
            is_canceled=feedback.isCanceled,
        )
        fids = whole[vector.FID].to_numpy()
        errors = result.errors
        out = self.error_rows(errors, [tuple(int(fids[r]) for r in rows) for rows in errors["rows"]])
        errors_id = vector.write_frame(
            self,
            parameters,
            self.ERRORS,
            context,
            out,
            wkb_type=QgsWkbTypes.Type.MultiPolygon,
            frame_crs=metric,
            output_crs=source.sourceCrs(),
            feedback=feedback,
        )
        return self.finish(context, feedback, errors_id, result.counts())

    def process_partitioned(
        self, parameters, context, feedback, source, metric, layer, boundary, tolerance, sliver_width
    ):
        """The same checks partition by partition on Dask (pairs across partition borders through
        each partition's halo, gaps from the union of all partitions), errors written as they come."""
        from ..partitioned import topology_check

        _, parts, runner = mode.partition_plan(self, parameters, context, feedback, layer, pipeline.PlanFields(None))
        margin = pipeline.halo_margin(tolerance, source.sourceCrs().isGeographic())
        sink = mode.polygon_sink(self, parameters, self.ERRORS, context, metric, source, feedback)

        def consume(_, errors):
            sink.add(self.error_rows(errors, errors["fids"]))

        with runner:
            result = topology_check(
                pipeline.topology_reader(layer),
                parts,
                boundary,
                runner=runner,
                consume=consume,
                tolerance=tolerance,
                sliver_width=sliver_width,
                margin=margin,
                crs=layer.target_crs,
                progress=to_feedback(feedback),
                is_canceled=feedback.isCanceled,
            )
        return self.finish(context, feedback, sink.dest_id, result.counts)

    def read_boundary(self, parameters, context, feedback, metric):
        boundary_source = self.parameterAsSource(parameters, self.BOUNDARY, context)
        if boundary_source is None:
            return None
        boundary_label = self.tr("Planning area boundary")
        vector.require_geometry_type(boundary_source, POLYGONS, boundary_label)
        frame = vector.source_to_frame(
            boundary_source, context=context, feedback=feedback, fields=[], target_crs=metric, label=boundary_label
        )
        vector.require_features(frame, boundary_label)
        return flat(frame)

    def error_rows(self, errors, feature_ids):
        """The errors layer's columns; `feature_ids`: a tuple of plan fids per error."""
        out = pipeline.error_rows(
            errors,
            error_name=errors["error_type"].map(self.error_names()),
            feature_ids=pipeline.joined_fids(feature_ids),
            n_features=[len(ids) for ids in feature_ids],
            detail=[d or None for d in errors["detail"]],
        )
        out["n_features"] = out["n_features"].astype("int64")
        return out

    def finish(self, context, feedback, errors_id, counts):
        styling.style_output(context, errors_id, "zoning_topology", self.tr("Topology errors"))
        names = self.error_names()
        feedback.pushInfo(
            self.tr("Topology errors: {}").format(", ".join(f"{names[k]} {v}" for k, v in counts.items()))
        )
        outputs = {self.ERRORS: errors_id, self.ERROR_COUNT: sum(counts.values())}
        outputs.update({self.COUNT_OUTPUTS[k]: v for k, v in counts.items()})
        feedback.setProgress(100)
        return outputs
