"""城镇建设适宜性评价 (城镇上山): slope, relief and the 双评价 town-building grades of a DEM, the
Yunnan 坝区 / 山区宜建地 classes, what the exclusion layers take away, per evaluation unit and on the
城镇开发边界. The door: parameters, the DEM read once (drainage's DEM input group: one reader for
the whole-raster and the tiled path), the engine (algorithms/terrain), the outputs and the report."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import styling
from ...base import UrbanizationAlgorithm, label_options
from ...drainage.processing import dem_input
from . import inputs, outputs
from .preset import presets


class ConstructionSuitabilityAlgorithm(UrbanizationAlgorithm):
    """Suitability classes of a DEM for town building, with the area summary per unit."""

    ALGORITHM_ID = "constructionsuitability"
    GROUP_ID = "multiplan"
    REQUIRES = ("shapely", "geopandas", "scipy", "rasterio")
    TASK = "depressions"  # drainage's whole-DEM memory estimate per cell (64 B) fits this engine's peak

    SCHEME = "SCHEME"
    RELIEF_WINDOW = "RELIEF_WINDOW"
    CLASSES = "CLASSES"
    SLOPE = "SLOPE"
    POLYGONS = "POLYGONS"
    SUMMARY = "SUMMARY"
    CONFLICTS = "CONFLICTS"
    REPORT = "REPORT"
    EVALUATED_M2 = "EVALUATED_M2"
    BAZI_M2 = "BAZI_M2"
    MOUNTAIN_M2 = "MOUNTAIN_M2"
    EXCLUDED_M2 = "EXCLUDED_M2"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Town construction suitability (城镇建设适宜性评价, 城镇上山)")

    def tags(self) -> list[str]:
        return self.tr(
            "slope,relief,suitability,mountain city,双评价,城镇建设适宜性,城镇上山,坝区,山区宜建地,坡度,地形起伏度"
        ).split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        guide, _ = presets()
        dem_input.add_parameters(self)
        scheme = QgsProcessingParameterEnum(
            self.SCHEME,
            self.tr("Classes of the suitability raster"),  # the options show their own labels
            options=["guide", "yunnan"],
            defaultValue="guide",
        )
        scheme.setUsesStaticStrings(True)
        label_options(
            scheme,
            {
                "guide": self.tr("双评价 town-building grades (高 to 低)"),
                "yunnan": self.tr("Yunnan 城镇上山: 坝区, 山区宜建地, too steep"),
            },
        )
        self.addParameter(scheme)
        self.addParameter(
            QgsProcessingParameterDistance(
                self.RELIEF_WINDOW,
                self.tr("Relief window side (m; 地形起伏度 = highest minus lowest cell in the window)"),
                defaultValue=float(guide["relief_window_m"]),
                minValue=1.0,
            )
        )
        inputs.add_parameters(self, float(guide["fault_buffer_m"]))
        self.addParameter(
            QgsProcessingParameterRasterDestination(self.CLASSES, self.tr("Construction suitability classes"))
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.SLOPE, self.tr("Slope (degrees)"), optional=True, createByDefault=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.POLYGONS,
                self.tr("Suitability class polygons"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Suitability summary by unit"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CONFLICTS,
                self.tr("Development boundary on excluded land"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            )
        )
        for name, text in (
            (self.EVALUATED_M2, self.tr("Evaluated area (m²)")),
            (self.BAZI_M2, self.tr("坝区 area (m²)")),
            (self.MOUNTAIN_M2, self.tr("山区宜建地 area (m²)")),
            (self.EXCLUDED_M2, self.tr("Excluded area (m²)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, text))

    def process(self, parameters, context, feedback):
        from ..grading import Grading
        from ..overlays import prepare
        from ..suitability import Settings
        from ..surface import window_cells

        guide, yunnan = presets(strict=True)
        scheme = self.parameterAsEnumString(parameters, self.SCHEME, context) or "guide"
        window_m = self.parameterAsDouble(parameters, self.RELIEF_WINDOW, context)
        fault_buffer = self.parameterAsDouble(parameters, inputs.FAULT_BUFFER, context)
        dem = dem_input.read(self, parameters, context, feedback, self.TASK)
        relief_cells = window_cells(window_m, min(dem.cell_metres))
        rows, cols = dem.source.header().shape
        if relief_cells > 2 * max(rows, cols) + 1:
            raise QgsProcessingException(
                self.tr(
                    "Relief window side of {} m is {} cells wide, larger than twice the DEM '{}' ({} x {} cells): "
                    "choose a window of at most a few kilometres (the default is {} m)."
                ).format(window_m, relief_cells, dem.name, rows, cols, float(guide["relief_window_m"]))
            )
        feedback.pushInfo(
            self.tr("Relief window: {} x {} cells ({} m asked, cells of {} x {} m).").format(
                relief_cells, relief_cells, window_m, f"{dem.cell_metres[0]:.2f}", f"{dem.cell_metres[1]:.2f}"
            )
        )
        vectors = inputs.read(self, parameters, context, feedback, dem.metric)
        overlays = prepare(
            vectors.exclusions,
            vectors.units,
            vectors.boundary,
            dem.metric_pyproj,
            dem.crs_pyproj,
            fault_buffer,
            vectors.cropland,
        )
        polygons = bool(parameters.get(self.POLYGONS))  # an optional output left out is None
        settings = Settings(Grading.from_presets(guide, yunnan), scheme, relief_cells, polygons)
        feedback.setProgress(5)
        progress = lambda fraction: feedback.setProgress(5 + 75 * fraction)  # noqa: E731
        if dem.tiles is None:
            from ..suitability import evaluate

            result = evaluate(
                dem.elevation, dem.transform, dem.crs_pyproj, overlays, settings, progress, feedback.isCanceled
            )
            dem.elevation = None
            results = outputs.write_rasters(
                self, parameters, context, feedback, result, dem, scheme, (self.CLASSES, self.SLOPE)
            )
        else:
            result, results = self.run_tiled(parameters, context, feedback, dem, overlays, settings, scheme, progress)
        self.raise_if_canceled(feedback)
        return self.write_outputs(parameters, context, feedback, result, results, dem, vectors, scheme, settings)

    def run_tiled(self, parameters, context, feedback, dem, overlays, settings, scheme, progress):
        """(result, rasters written) of the tiled engine, which writes the rasters window by window."""
        from ...drainage.tiled.grid import TileGrid
        from ..tiled import TILE_BYTES_PER_CELL, evaluate_tiled

        plan = dem.tiles
        budget = int(plan.available * 0.5) // max(1, plan.runner.workers) // TILE_BYTES_PER_CELL
        grid = TileGrid.by_cells(dem.source.header().shape, max(256 * 256, budget))
        feedback.pushInfo(
            self.tr("Tiled path: {} x {} tiles of at most {} x {} cells, each read with a {}-cell halo, on {}.").format(
                grid.down, grid.across, grid.tile_rows, grid.tile_cols, settings.halo, plan.runner.description
            )
        )
        paths = {
            name: self.parameterAsOutputLayer(parameters, name, context) or None for name in (self.CLASSES, self.SLOPE)
        }
        with plan.runner as runner:
            result = evaluate_tiled(
                dem.source, grid, dem.transform, dem.crs_pyproj, overlays, settings, runner,
                classes_path=paths[self.CLASSES], slope_path=paths[self.SLOPE],
                raster_crs=crs_utils.crs_wkt(dem.crs), progress=progress, is_canceled=feedback.isCanceled,
            )  # fmt: skip
        styling.style_output(
            context, paths[self.CLASSES], outputs.class_style(scheme), self.tr("Construction suitability")
        )
        if paths[self.SLOPE]:
            styling.style_output(context, paths[self.SLOPE], "terrain_slope", self.tr("Slope (degrees)"))
        result.notes.append(
            self.tr("Computed tile by tile ({} x {} tiles, {}); every cell equals the whole-raster path's.").format(
                grid.down, grid.across, plan.runner.description
            )
        )
        return result, paths

    def write_outputs(self, parameters, context, feedback, result, results, dem, vectors, scheme, settings) -> dict:
        """Polygons, summary, conflicts, report and the output numbers (the whole DEM's)."""
        from ....translation import current_language
        from ..summary import conflicts_frame, coverage, footprint, summary_frame

        zh = current_language() == "zh-Hans"
        shape = dem.source.header().shape
        box = footprint(dem.transform, shape, dem.crs_pyproj, dem.metric_pyproj)
        names = [*vectors.unit_names, self.tr("(whole DEM)")]
        if vectors.units is not None:
            unit_m2, outside = coverage(vectors.units, dem.metric_pyproj, box)
        else:
            unit_m2, outside = [], []
        import geopandas as gpd

        whole_m2, _ = coverage(gpd.GeoDataFrame(geometry=[box], crs=dem.metric_pyproj), dem.metric_pyproj, box)
        summary = summary_frame(result.sums, names, [*unit_m2, *whole_m2], [*outside, 0.0])
        for name, out in zip(vectors.unit_names, outside):
            if out > 0:
                feedback.pushWarning(
                    self.tr("Unit '{}': {} ha lie outside the DEM and are not evaluated (outside_dem_m2).").format(
                        name, f"{out / 1e4:,.2f}"
                    )
                )
        nodata = float(summary["nodata_m2"].iloc[-1])
        if nodata > 0:
            feedback.pushWarning(
                self.tr("DEM '{}': {} ha without elevation (nodata) are left out and counted in nodata_m2.").format(
                    dem.name, f"{nodata / 1e4:,.2f}"
                )
            )
        conflicts = conflicts_frame(result.conflicts, vectors.boundary_names) if vectors.boundary is not None else None
        polygons = (
            None if result.polygons is None else outputs.polygons_frame(result.polygons, scheme, dem.crs_pyproj, zh)
        )
        title = self.tr("Construction suitability")
        frames = [
            (self.POLYGONS, polygons, QgsWkbTypes.Type.MultiPolygon, f"terrain_polygons_{scheme}", title),
            (self.SUMMARY, summary, QgsWkbTypes.Type.NoGeometry, None, None),
            (self.CONFLICTS, conflicts, QgsWkbTypes.Type.NoGeometry, None, None),
        ]
        results.update(outputs.write_vectors(self, parameters, context, feedback, frames, dem))
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ... import report

            notes = [*self.method_notes(settings, dem), *result.notes]
            language = "zh-Hans" if zh else "en"
            bands = settings.grading.elevation_bands
            html = outputs.report_html(self, summary, conflicts, scheme, notes, language, bands)
            results[self.REPORT] = report.write(report_path, html)
        whole = summary.iloc[-1]
        results.update(
            {
                self.EVALUATED_M2: float(whole["evaluated_m2"]),
                self.BAZI_M2: float(whole["bazi_m2"]),
                self.MOUNTAIN_M2: float(whole["mountain_m2"]),
                self.EXCLUDED_M2: float(whole["excluded_m2"]),
            }
        )
        feedback.pushInfo(
            self.tr("Evaluated {} ha: 坝区 {} ha, 山区宜建地 {} ha, excluded {} ha (CGCS2000 ellipsoidal).").format(
                *(f"{float(whole[k]) / 1e4:,.2f}" for k in ("evaluated_m2", "bazi_m2", "mountain_m2", "excluded_m2"))
            )
        )
        feedback.setProgress(100)
        return results

    def method_notes(self, settings, dem) -> list[str]:
        grading = settings.grading
        return [
            self.tr(
                "Slope: Horn's method on the ground size of each row's cells ({} x {} m at the DEM's centre; "
                "per row on the ellipsoid for a geographic DEM). Relief (地形起伏度): highest minus lowest "
                "elevation in a {} x {} cell window."
            ).format(
                f"{dem.cell_metres[0]:.2f}", f"{dem.cell_metres[1]:.2f}", settings.relief_cells, settings.relief_cells
            ),
            self.tr(
                "Grades (screening): slope classes at {}°, lowered by relief {} and elevation {} ([threshold m, "
                "grades]); the guide's own table was not found in public text, so the preset is marked unverified."
            ).format(
                list(grading.slope_breaks),
                [list(r) for r in grading.relief_downgrades],
                [list(r) for r in grading.elevation_downgrades],
            ),
            self.tr(
                "坝区: slope below {}°; 山区宜建地: slope {}-{}° outside every exclusion (Yunnan 城镇上山, "
                "secondary source). A cell belongs to a polygon when its centre lies inside; a cell excluded "
                "for two reasons counts once in the excluded total and once under each reason."
            ).format(grading.bazi_max_slope, *grading.mountain_slope),
            self.tr("Areas: cell areas on the ellipsoid (CGCS2000/GRS80), per row."),
        ]
