"""Waterlogging-prone depressions (易涝点识别): closed hollows of a DEM where runoff ponds, ranked
by volume, with the roads and buildings inside. The door: parameters, the DEM read once
(dem_input), the whole-DEM or the tiled engine, the outputs and the report."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import styling
from . import dem_input, exposure, outputs
from .base import DrainageAlgorithm
from .preset import drainage_preset


class WaterloggingSpotsAlgorithm(DrainageAlgorithm):
    """Depressions of a DEM deep and large enough to screen, ranked by ponding volume."""

    ALGORITHM_ID = "waterloggingspots"
    TASK = "depressions"

    MIN_DEPTH = "MIN_DEPTH"
    MIN_AREA = "MIN_AREA"
    DEPRESSIONS = "DEPRESSIONS"
    DEPTH = "DEPTH"
    REPORT = "REPORT"
    DEPRESSION_COUNT = "DEPRESSION_COUNT"
    TOTAL_VOLUME_M3 = "TOTAL_VOLUME_M3"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Waterlogging-prone depressions (易涝点识别)")

    def tags(self) -> list[str]:
        return self.tr("flood,waterlogging,depression,sink,ponding,易涝点,内涝,洼地").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        preset = drainage_preset()
        dem_input.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_DEPTH,
                self.tr("Screening depth: minimum depth of a filled hollow (m)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=float(preset["min_depth_m"]),
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_AREA,
                self.tr("Minimum depression area (m²)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=float(preset["min_depression_area_m2"]),
                minValue=0.0,
            )
        )
        exposure.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.DEPRESSIONS, self.tr("Waterlogging-prone depressions"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(self.DEPTH, self.tr("Ponding depth (filled minus original, m)"))
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.DEPRESSION_COUNT, self.tr("Number of depressions")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_VOLUME_M3, self.tr("Total ponding volume (m³)")))

    def process(self, parameters, context, feedback):
        min_depth = self.parameterAsDouble(parameters, self.MIN_DEPTH, context)
        min_area = self.parameterAsDouble(parameters, self.MIN_AREA, context)
        drainage_preset(strict=True)
        dem = dem_input.read(self, parameters, context, feedback, self.TASK)
        roads, buildings = exposure.read(self, parameters, context, feedback, dem.metric)
        feedback.setProgress(5)
        arguments = {  # the engine's keywords, the same on both paths
            "crs": dem.crs_pyproj,
            "metric_crs": dem.metric_pyproj,
            "latlon": dem.latlon,
            "row_areas": dem.row_areas,
            "cell_metres": dem.cell_metres,
            "min_depth": min_depth,
            "min_area_m2": min_area,
            "roads": roads,
            "buildings": buildings,
            "progress": outputs.engine_progress(feedback, 5, 80),
            "is_canceled": feedback.isCanceled,
        }
        run = self.run_whole if dem.tiles is None else self.run_tiled
        results, result, notes = run(dem, parameters, context, feedback, arguments)
        return self.write_outputs(
            parameters, context, feedback, results, result, dem.metric, dem.crs, min_depth, min_area, dem.name, notes
        )

    def run_whole(self, dem, parameters, context, feedback, arguments: dict) -> tuple:
        """(rasters written, result, report notes) of the engine on the cells in memory."""
        from ..depressions import find_depressions

        result = find_depressions(dem.elevation, dem.transform, **arguments)
        dem.elevation = None  # the cells go before the outputs are written
        depth = outputs.write_raster(
            self,
            parameters,
            self.DEPTH,
            context,
            result.depth,
            dem.transform,
            dem.crs,
            -9999.0,
            "float32",
            "drainage_depth",
            self.tr("Ponding depth (m)"),
            feedback=feedback,
        )
        return {self.DEPTH: depth}, result, []

    def run_tiled(self, dem, parameters, context, feedback, arguments: dict) -> tuple:
        """(rasters written, result, report notes) of the tiled engine, which writes the raster itself."""
        from ..tiled.analyses import find_depressions_tiled

        tiles = dem.tiles
        depth_path = outputs.raster_destination(self, parameters, self.DEPTH, context)
        with tiles.runner as runner:
            result = find_depressions_tiled(
                dem.source,
                tiles.grid,
                dem.transform,
                runner,
                depth_path=depth_path,
                raster_crs=crs_utils.crs_wkt(dem.crs),
                scratch_dir=tiles.scratch,
                **arguments,
            )
        if depth_path:
            styling.style_output(context, depth_path, "drainage_depth", self.tr("Ponding depth (m)"))
        note = tiles.method_note(result.flat_rounds)
        feedback.pushInfo(note)
        return {self.DEPTH: depth_path}, result, [note]

    def write_outputs(
        self, parameters, context, feedback, results, result, metric, crs, min_depth, min_area, dem_name, extra_notes=()
    ) -> dict:
        """The depressions layer, the report and the output numbers of a run (whole-DEM or tiled:
        `result` has depressions, count, candidates, total_volume_m3); `results` holds the depth raster."""
        self.raise_if_canceled(feedback)
        results.update(
            outputs.write_frames(
                self,
                parameters,
                context,
                feedback,
                [
                    (
                        self.DEPRESSIONS,
                        result.depressions,
                        QgsWkbTypes.Type.MultiPolygon,
                        "drainage_depressions",
                        self.tr("Waterlogging-prone depressions"),
                    )
                ],
                {},
                metric,
                crs,
            )
        )
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            results[self.REPORT] = self.write_report(report_path, result, min_depth, min_area, dem_name, extra_notes)
        results[self.DEPRESSION_COUNT] = result.count
        results[self.TOTAL_VOLUME_M3] = result.total_volume_m3
        feedback.pushInfo(
            self.tr("{} depression(s) at least {} m deep (of {} hollows), {} m³ of ponding in total.").format(
                result.count, min_depth, result.candidates, f"{result.total_volume_m3:,.0f}"
            )
        )
        feedback.setProgress(100)
        return results

    def write_report(self, path, result, min_depth, min_area, dem_name, extra_notes=()):
        from ... import report

        frame = result.depressions
        summary = report.table(
            [self.tr("Measure"), self.tr("Value")],
            [
                [self.tr("DEM"), dem_name],
                [self.tr("Screening depth: minimum depth of a filled hollow (m)"), min_depth],
                [self.tr("Minimum depression area (m²)"), min_area],
                [self.tr("Hollows before the thresholds"), result.candidates],
                [self.tr("Number of depressions"), result.count],
                [self.tr("Total ponding volume (m³)"), result.total_volume_m3],
            ],
        )
        top = frame.head(30)
        rows = [
            [
                int(r.rank),
                int(r.depression_id),
                float(r.max_depth_m),
                float(r.mean_depth_m),
                float(r.area_m2),
                float(r.volume_m3),
                float(r.upstream_km2),
                float(r.road_length_m),
                int(r.buildings),
            ]
            for r in top.itertuples()
        ]
        table = report.table(
            [
                self.tr("Rank"),
                self.tr("Depression id"),
                self.tr("Max depth (m)"),
                self.tr("Mean depth (m)"),
                self.tr("Area (m²)"),
                self.tr("Volume (m³)"),
                self.tr("Upstream area (km²)"),
                self.tr("Road length inside (m)"),
                self.tr("Buildings inside"),
            ],
            rows,
        )
        chart = report.bar_chart(
            [str(r[1]) for r in rows[:15]],
            [r[5] for r in rows[:15]],
            title=self.tr("Largest ponding volumes"),
            unit="m³",
        )
        notes = [
            self.tr(
                "Depth is the depression-filled surface minus the DEM (priority flood), in metres: the water a "
                "hollow holds when full to its rim."
            ),
            self.tr(
                "The screening depth is a screening threshold, not the standard's criterion. GB 51222-2017 "
                "§3.2.3 (Table 3.2.3) sets, under the design return period of waterlogging prevention, that "
                "ground floors of homes and commercial buildings take in no water and that the water in one "
                "traffic lane is no deeper than 15 cm; the default 0.15 m borrows that number to leave out "
                "shallow hollows. A DEM sees neither pipes nor inlets: treat the list as places to check, not "
                "as a flood model or a compliance check."
            ),
        ] + list(extra_notes)
        return report.write(
            path,
            report.page(
                self.tr("Waterlogging-prone depressions (易涝点识别)"),
                [(self.tr("Summary"), summary), (self.tr("Depressions by volume"), table + chart)],
                notes,
            ),
        )
