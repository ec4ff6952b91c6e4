"""The door of the production-living-ecological space structure (三生空间结构): the plan's land-use
codes mapped to space classes, area and share per planning unit, in memory or partitioned."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ...base import UrbanizationAlgorithm
from .. import pipeline
from . import mode, plan
from .plan import POLYGONS, flat, html_lang, language
from .progress import to_feedback


class LivingSpaceStructureAlgorithm(UrbanizationAlgorithm):
    """The plan's pieces by space class (and unit), the structure per unit, a report."""

    ALGORITHM_ID = "livingspacestructure"
    GROUP_ID = plan.GROUP_ID
    REQUIRES = plan.REQUIRES

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
        return self.tr(
            "production space,living space,ecological space,land use structure,三生空间,生产空间,生活空间,生态空间"
        ).split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PLAN, self.tr("Planned land use (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]
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
        mapping = QgsProcessingParameterEnum(
            self.MAPPING,
            self.tr("Space mapping (default = research convention, file = mapping file below)"),
            options=list(self.MAPPINGS),
            defaultValue="default",
        )
        mapping.setUsesStaticStrings(True)
        self.addParameter(mapping)
        self.addParameter(
            QgsProcessingParameterFile(
                self.MAPPING_FILE,
                self.tr("Mapping file (JSON or CSV: code,space_class)"),
                optional=True,
                fileFilter="Mapping (*.json *.csv)",
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Planning units, e.g. districts or towns (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.UNIT_NAME_FIELD, self.tr("Unit name field"), parentLayerParameterName=self.UNITS, optional=True
            )
        )
        mode.add_mode_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Space classes"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Space structure by unit"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            )
        )

    def load_mapping(self, parameters, context, feedback, table):
        from ..space import MappingError, default_mapping, load_mapping

        try:
            defaults = plan.preset("space_mapping", default_mapping, table)
            path = self.parameterAsFile(parameters, self.MAPPING_FILE, context)
            if self.parameterAsEnumString(parameters, self.MAPPING, context) != "file":
                if path:
                    feedback.pushWarning(
                        self.tr("A mapping file is given but Space mapping is 'default': the file is not used.")
                    )
                return defaults
            if not path:
                raise QgsProcessingException(
                    self.tr("Space mapping is set to 'file': choose a mapping file (JSON or CSV).")
                )
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
        frame = vector.source_to_frame(
            source,
            context=context,
            feedback=feedback,
            fields=[name_field] if name_field else [],
            target_crs=metric,
            label=label,
        )
        vector.require_features(frame, label)
        if name_field:
            names = [
                self.tr("unit {}").format(fid) if value is None else str(value)
                for fid, value in zip(frame[vector.FID], frame[name_field])
            ]
        else:
            names = [self.tr("unit {}").format(fid) for fid in frame[vector.FID]]
        return flat(frame), names

    def process(self, parameters, context, feedback):
        from ..space import structure

        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        source, metric = plan.open_plan(self, parameters, context, self.PLAN)
        fields = plan.fields_of(source, field)
        layer = mode.choose_partitions(self, parameters, context, feedback, source, metric, fields.names)
        if layer is not None:
            return self.process_partitioned(parameters, context, feedback, source, metric, layer, fields)
        whole = plan.read_plan(self, parameters, context, feedback, source, metric, field)
        mapping = self.load_mapping(parameters, context, feedback, whole.table)
        units, unit_names = self.read_units(parameters, context, feedback, whole.metric)
        feedback.setProgress(30)
        result = structure(
            whole.frame.geometry.values,
            mapping.classify(whole.codes),
            units,
            crs=whole.frame.crs,
            deducted_share=whole.deducted_share,
            deducted_classes=mapping.classify(whole.deducted_codes),
            is_canceled=feedback.isCanceled,
        )
        feedback.setProgress(70)
        class_names, unit_name = self.class_names(mapping), self.unit_namer(unit_names)
        output_id = self.write_pieces(
            parameters, context, feedback, whole, result, class_names, unit_name, units is not None
        )
        return self.finish(parameters, context, feedback, result, output_id, mapping, unit_names)

    def process_partitioned(self, parameters, context, feedback, source, metric, layer, fields):
        """The same structure partition by partition on Dask, each partition's pieces written as it finishes."""
        from ..partitioned import space

        table, crosswalk = plan.code_tables()
        found, parts, runner = mode.partition_plan(self, parameters, context, feedback, layer, fields)
        reader = plan.partition_reader(self, parameters, context, feedback, layer, found, fields, table, crosswalk)
        mapping = self.load_mapping(parameters, context, feedback, table)
        units, unit_names = self.read_units(parameters, context, feedback, metric)
        class_names, unit_name = self.class_names(mapping), self.unit_namer(unit_names)
        sink = mode.polygon_sink(self, parameters, self.OUTPUT, context, metric, source, feedback)

        def consume(_, pieces):
            sink.add(
                self.space_rows(
                    pieces,
                    pieces["fid"].to_numpy(),
                    pieces["landuse"].to_numpy(),
                    pieces["code"].to_numpy(),
                    class_names,
                    unit_name,
                    units is not None,
                )
            )

        with runner:
            result = space(
                reader,
                parts,
                mapping,
                crosswalk,
                units,
                runner=runner,
                consume=consume,
                crs=layer.target_crs,
                progress=to_feedback(feedback),
                is_canceled=feedback.isCanceled,
            )
        styling.style_output(context, sink.dest_id, "zoning_space", self.tr("Production-living-ecological space"))
        return self.finish(parameters, context, feedback, result, sink.dest_id, mapping, unit_names)

    def class_names(self, mapping) -> dict:
        from ..space import UNMAPPED

        names = {cid: mapping.name(cid, language()) for cid in mapping.classes}
        names[UNMAPPED] = self.tr("unmapped")
        return names

    def finish(self, parameters, context, feedback, result, output_id, mapping, unit_names):
        """Summary, report and warnings of a result (in memory or partitioned)."""
        from ..space import UNMAPPED

        class_names, unit_name = self.class_names(mapping), self.unit_namer(unit_names)
        outputs = {self.OUTPUT: output_id}
        summary, fields = self.summary_frames(result, mapping, unit_names, unit_name)
        outputs[self.SUMMARY] = vector.write_frame(self, parameters, self.SUMMARY, context, fields, feedback=feedback)
        unmapped = float(summary.iloc[-1][f"{UNMAPPED}_m2"])
        if unmapped > 0:
            feedback.pushWarning(
                self.tr(
                    "{:.1f} m² of the plan has no space class (codes without a mapping or unknown codes): shown as 'unmapped'."
                ).format(unmapped)
            )
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            self.write_report(report_path, summary, mapping, class_names)
            outputs[self.REPORT] = report_path
        feedback.setProgress(100)
        return outputs

    def unit_namer(self, unit_names):
        from ..space import ALL_UNITS, OUTSIDE_UNITS

        special = {OUTSIDE_UNITS: self.tr("outside all units"), ALL_UNITS: self.tr("whole plan")}
        return lambda unit: special[unit] if unit < 0 else unit_names[unit]

    def space_rows(self, pieces, plan_fid, landuse, codes, class_names, unit_name, with_units):
        """The space layer's columns for pieces with their plan fid, raw land-use value and code."""
        import numpy as np

        columns = {"unit": [unit_name(u) for u in pieces["unit"]]} if with_units else {}
        return pipeline.space_rows(
            pieces,
            with_units,
            plan_fid=np.asarray(plan_fid, dtype=np.int64),
            landuse=[None if v is None else str(v) for v in landuse],
            code=np.asarray(codes, dtype=object),
            space_name=pieces["space_class"].map(class_names),
            **columns,
        )

    def write_pieces(self, parameters, context, feedback, whole, result, class_names, unit_name, with_units):
        pieces = result.pieces
        rows = pieces["row"].to_numpy()
        field = self.parameterAsString(parameters, self.LANDUSE_FIELD, context)
        out = self.space_rows(
            pieces,
            whole.frame[vector.FID].to_numpy()[rows],
            whole.frame[field].to_numpy()[rows],
            whole.codes[rows],
            class_names,
            unit_name,
            with_units,
        )
        output_id = vector.write_frame(
            self,
            parameters,
            self.OUTPUT,
            context,
            out,
            wkb_type=QgsWkbTypes.Type.MultiPolygon,
            frame_crs=whole.metric,
            output_crs=whole.source.sourceCrs(),
            feedback=feedback,
        )
        styling.style_output(context, output_id, "zoning_space", self.tr("Production-living-ecological space"))
        return output_id

    def summary_frames(self, result, mapping, unit_names, unit_name):
        """(the wide summary with generic names, for the report; the same with field names that say
        the measure: total_ellipsoid_m2, <class>_ellipsoid_m2, <class>_pct)."""
        from ..space import wide

        summary = wide(result.summary, list(mapping.classes), len(unit_names))
        summary.insert(0, "unit_name", [unit_name(u) for u in summary.pop("unit")])
        measure = result.measure
        renamed = {
            c: c.replace("_area_m2", f"_{measure}_m2") if c.startswith("total_") else c.replace("_m2", f"_{measure}_m2")
            for c in summary.columns
            if c.endswith("_m2")
        }
        return summary, summary.rename(columns=renamed)

    def write_report(self, path, summary, mapping, class_names) -> None:
        from ... import report
        from ..report_pages import space_page
        from ..space import UNMAPPED

        legend = [(cid, class_names[cid], entry.get("color", "#999999")) for cid, entry in mapping.classes.items()]
        legend.append((UNMAPPED, class_names[UNMAPPED], "#c8c8c8"))
        labels = {
            "chart": self.tr("Space structure by unit (hectares, CGCS2000 ellipsoidal)"),
            "table": self.tr("Area and share by unit"),
            "unit": self.tr("Unit"),
            "total": self.tr("Total (m², CGCS2000 ellipsoidal)"),
            "hectares": self.tr("ha"),
        }
        notes = [
            self.tr(
                "The production-living-ecological mapping is a research convention, not a national table: check it in the mapping file."
            ),
            self.tr(
                "Areas are CGCS2000 ellipsoidal areas (as 三调 statistics); the 田坎 share of 三调 parcels is counted in the class of 田坎."
            ),
        ]
        report.write(
            path,
            space_page(
                self.tr("Production-living-ecological space structure"), summary, legend, labels, notes, html_lang()
            ),
        )
