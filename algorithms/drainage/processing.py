"""Processing algorithms of the flood-resilience group: drainage corridors (排涝通道识别) and
waterlogging-prone depressions (易涝点识别) from a DEM."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...layers import crs as crs_utils
from ...layers import raster, styling, vector
from ...translation import tr
from ..base import UrbanizationAlgorithm, user_standards_dir

STANDARD = "drainage"
PRESET_NUMBERS = ("min_contributing_area_ha", "min_depth_m", "min_depression_area_m2")
# metres per unit of the DEM's elevations (static strings: models and batch files keep working)
ELEVATION_UNITS = {"metres": 1.0, "feet": 0.3048, "us_survey_feet": 1200.0 / 3937.0}


def _preset(strict: bool = False) -> dict:
    """The drainage defaults (resources/standards/drainage.json, the planner's copy first).

    `strict` (in a run): a broken planner's copy is a QgsProcessingException naming the file.
    Otherwise (building the parameter list, where an error would hide the algorithm) the built-in
    defaults are used and the problem goes to the QGIS message log, naming the file."""
    from .. import standards

    folder = user_standards_dir()
    try:
        values = standards.preset(STANDARD, "default", folder)
        for key in PRESET_NUMBERS:
            float(values[key])
        return values
    except (OSError, ValueError, KeyError, TypeError) as error:  # StandardsError is a ValueError
        message = tr("The drainage preset (planner's copy in {}) cannot be used: {}. Fix or delete the file "
                     "(menu Urbanization Planning > Standards presets...) and run again.").format(
            folder / f"{STANDARD}.json", error)
        if strict:
            raise QgsProcessingException(message) from error
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(message, "Urbanization planning", Qgis.MessageLevel.Warning)
        return standards.preset(STANDARD, "default")


@dataclass
class DemInput:
    elevation: object  # float32 array, metres, NaN nodata
    transform: object  # affine.Affine of the DEM
    layer: object  # the QgsRasterLayer
    latlon: bool
    metric: object  # working QgsCoordinateReferenceSystem
    row_areas: object  # float64 m² of one cell per row
    cell_metres: tuple  # ground width and height of a cell (m) at the DEM's centre
    crs_pyproj: object  # the DEM's CRS for pyproj
    metric_pyproj: object  # the working CRS for pyproj


class DrainageAlgorithm(UrbanizationAlgorithm):
    """DEM reading, metric CRS and vector inputs shared by the two drainage algorithms."""

    GROUP_ID = "flood"
    REQUIRES = ("shapely", "geopandas", "scipy", "rasterio", "pyflwdir")
    TASK = "corridors"

    DEM = "DEM"
    BAND = "BAND"
    ELEVATION_UNIT = "ELEVATION_UNIT"
    ROADS = "ROADS"
    BUILDINGS = "BUILDINGS"

    def add_dem_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("Digital elevation model (DEM)")))
        self.addParameter(QgsProcessingParameterBand(self.BAND, self.tr("Elevation band"), 1, self.DEM, optional=True))
        unit = QgsProcessingParameterEnum(
            self.ELEVATION_UNIT,
            self.tr("Elevation unit of the DEM (metres, feet = international foot, us_survey_feet)"),
            options=list(ELEVATION_UNITS), defaultValue="metres", optional=True)
        unit.setUsesStaticStrings(True)
        self.addParameter(unit)

    def add_exposure_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ROADS, self.tr("Roads (lines)"), [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, self.tr("Buildings (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))

    def read_dem(self, parameters, context, feedback):
        """A DemInput: elevation (float32, metres, NaN nodata), transform, layer, latlon, the
        working CRS and the true area (m²) of one cell per row. Checked for size and memory before
        the cells are read. Horizontal units come from the DEM's CRS (metres, feet, degrees), the
        elevation unit from ELEVATION_UNIT; a CRS whose metres are not metres on the ground (Web
        Mercator) has its cell areas corrected by the projection's scale."""
        import numpy as np
        import rasterio

        from ..projection import WorkingCrsError, grid_cell_measures
        from .hydrology import MemoryEstimateError, check_memory

        layer = self.parameterAsRasterLayer(parameters, self.DEM, context)
        if layer is None:
            raise QgsProcessingException(self.invalidRasterError(parameters, self.DEM))
        label = layer.name()
        band = self.parameterAsInt(parameters, self.BAND, context) or 1
        unit_name = self.parameterAsEnumString(parameters, self.ELEVATION_UNIT, context) or "metres"
        crs = layer.crs()
        if not crs.isValid():
            raise QgsProcessingException(self.tr("DEM '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label))
        path = raster.raster_path(layer, label)
        with rasterio.open(path) as dataset:
            if band < 1 or band > dataset.count:
                raise QgsProcessingException(
                    self.tr("Raster layer '{}' has {} band(s); band {} does not exist. Choose the elevation band.").format(
                        label, dataset.count, band))
            rows, cols = dataset.height, dataset.width
            if rows < 3 or cols < 3:
                raise QgsProcessingException(
                    self.tr("DEM '{}' has {} x {} cells; a flow network needs at least 3 x 3. Use a larger DEM.").format(
                        label, rows, cols))
            try:
                needed = check_memory((rows, cols), self.TASK)
            except MemoryEstimateError as error:
                raise QgsProcessingException(
                    self.tr("DEM '{}' has {} cells and needs about {} GiB of memory, but only {} GiB are available. "
                            "Clip the DEM to the study area or resample it to a coarser cell size.").format(
                        label, f"{error.cells:,}", f"{error.needed / 2**30:.1f}", f"{error.available / 2**30:.1f}")) from error
            feedback.pushInfo(self.tr("DEM '{}': {} x {} cells, estimated peak memory {} MiB.").format(
                label, rows, cols, f"{needed / 2**20:,.0f}"))
            elevation = dataset.read(band, out_dtype="float32")
            nodata = dataset.nodatavals[band - 1]
            transform = dataset.transform
        if nodata is not None:
            elevation[elevation == np.float32(nodata)] = np.nan
        elevation[~np.isfinite(elevation)] = np.nan
        if not np.isfinite(elevation).any():
            raise QgsProcessingException(
                self.tr("Raster layer '{}' holds only nodata cells in band {}: there is nothing to analyse.").format(label, band))
        if ELEVATION_UNITS[unit_name] != 1.0:
            elevation *= np.float32(ELEVATION_UNITS[unit_name])
        latlon = crs.isGeographic()
        metric = crs_utils.metric_crs_for(crs, layer.extent(), context, label)
        own = crs_utils.to_pyproj(crs, label)
        try:
            row_areas, cell_metres = grid_cell_measures(own, transform, (rows, cols))
        except WorkingCrsError as error:
            raise QgsProcessingException(self.tr("DEM '{}': cell areas cannot be measured in its CRS {} ({}). "
                                                 "Reproject the DEM to a Gauss-Kruger or UTM CRS.").format(
                label, crs.authid() or crs.description(), error)) from error
        feedback.pushInfo(self.tr("DEM '{}': elevations in {}, cells of {} m² (mean); lengths and areas are measured "
                                  "in {}.").format(label, unit_name, f"{float(np.mean(row_areas)):,.2f}", metric.authid()))
        return DemInput(elevation, transform, layer, latlon, metric, row_areas, cell_metres, own,
                        crs_utils.to_pyproj(metric, label))

    def read_lines_and_buildings(self, parameters, context, feedback, metric, extra_fields=()):
        """Optional roads and buildings as frames in the metric CRS (None when not given)."""
        frames = []
        for name, kind, label in ((self.ROADS, QgsWkbTypes.GeometryType.LineGeometry, self.tr("Roads")),
                                  (self.BUILDINGS, QgsWkbTypes.GeometryType.PolygonGeometry, self.tr("Buildings"))):
            source = self.parameterAsSource(parameters, name, context)
            if source is None:
                frames.append(None)
                continue
            vector.require_geometry_type(source, (kind,), source.sourceName() or label)
            fields = list(extra_fields) if name == self.ROADS else []
            frames.append(vector.source_to_frame(source, context=context, feedback=feedback, fields=fields,
                                                 target_crs=metric, label=source.sourceName() or label))
        return frames

    def progress(self, feedback, start: float, span: float):
        return lambda value: feedback.setProgress(start + span * value / 100.0)

    def write_frames(self, parameters, context, feedback, outputs, skipped, metric, crs) -> dict:
        """Write the vector outputs `(name, frame, wkb type, style, title)` (None for a name in
        `skipped`), styled on load: {name: destination}."""
        results = {}
        for name, frame, wkb_type, style, title in outputs:
            if skipped.get(name):
                results[name] = None
                continue
            dest = vector.write_frame(self, parameters, name, context, frame, wkb_type=wkb_type, frame_crs=metric,
                                      output_crs=crs, feedback=feedback)
            styling.style_output(context, dest, style, title)
            results[name] = dest
        return results

    def write_raster(self, parameters, name, context, array, transform, crs, nodata, dtype, style, title):
        """Write an optional raster output (None when not requested) and style it on load."""
        path = self.parameterAsOutputLayer(parameters, name, context)
        if not path:
            return None
        raster.write_geotiff(path, array, transform, crs, nodata, dtype)
        if style:
            styling.style_output(context, path, style, title)
        return path


class DrainageCorridorsAlgorithm(DrainageAlgorithm):
    ALGORITHM_ID = "drainagecorridors"

    MIN_CONTRIBUTING_AREA = "MIN_CONTRIBUTING_AREA"
    CORRIDOR_WIDTHS = "CORRIDOR_WIDTHS"
    ROAD_NAME_FIELD = "ROAD_NAME_FIELD"
    ACCUMULATION = "ACCUMULATION"
    FLOW_DIRECTION = "FLOW_DIRECTION"
    CORRIDORS = "CORRIDORS"
    CORRIDOR_ZONES = "CORRIDOR_ZONES"
    CROSSINGS = "CROSSINGS"
    FLAGGED_BUILDINGS = "FLAGGED_BUILDINGS"
    REPORT = "REPORT"
    TOTAL_LENGTH_KM = "TOTAL_LENGTH_KM"
    CROSSING_COUNT = "CROSSING_COUNT"
    BUILDING_COUNT = "BUILDING_COUNT"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Drainage corridors (排涝通道识别)")

    def tags(self) -> list[str]:
        return self.tr("flood,drainage,corridor,flow accumulation,stream,culvert,排涝通道,汇水,内涝").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        preset = _preset()
        self.add_dem_parameters()
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_CONTRIBUTING_AREA, self.tr("Contributing area where a corridor starts (hectares)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=float(preset["min_contributing_area_ha"]),
            minValue=0.01))
        self.addParameter(QgsProcessingParameterString(
            self.CORRIDOR_WIDTHS, self.tr("Corridor half-widths by Strahler order (order:metres, ...)"),
            defaultValue=preset["corridor_half_widths"]))
        self.add_exposure_parameters()
        self.addParameter(QgsProcessingParameterField(
            self.ROAD_NAME_FIELD, self.tr("Road name field"), parentLayerParameterName=self.ROADS, optional=True))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.ACCUMULATION, self.tr("Flow accumulation (contributing area, m²)")))
        direction = QgsProcessingParameterRasterDestination(
            self.FLOW_DIRECTION, self.tr("Flow direction (D8)"), optional=True, createByDefault=False)
        self.addParameter(direction)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CORRIDORS, self.tr("Drainage corridors"), QgsProcessing.SourceType.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CORRIDOR_ZONES, self.tr("Corridor zones"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CROSSINGS, self.tr("Corridor-road crossings"), QgsProcessing.SourceType.TypeVectorPoint, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.FLAGGED_BUILDINGS, self.tr("Buildings in corridor zones"), QgsProcessing.SourceType.TypeVectorPolygon,
            optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_LENGTH_KM, self.tr("Total corridor length (km)")))
        self.addOutput(QgsProcessingOutputNumber(self.CROSSING_COUNT, self.tr("Number of corridor-road crossings")))
        self.addOutput(QgsProcessingOutputNumber(self.BUILDING_COUNT, self.tr("Number of buildings in corridor zones")))

    def process(self, parameters, context, feedback):
        from .corridors import CorridorSettingsError, identify_corridors, parse_widths
        from .hydrology import D8_NODATA

        area_ha = self.parameterAsDouble(parameters, self.MIN_CONTRIBUTING_AREA, context)
        try:
            widths = parse_widths(self.parameterAsString(parameters, self.CORRIDOR_WIDTHS, context))
        except CorridorSettingsError as error:
            raise QgsProcessingException(
                self.tr("Corridor half-widths: {}. Write them as order:metres pairs, e.g. 1:10,2:15,3:25,4:40.").format(error)) from error
        _preset(strict=True)
        name_field = self.parameterAsString(parameters, self.ROAD_NAME_FIELD, context) or None
        from .tiled import processing as tiled  # DEMs larger than memory: tile by tile on Dask

        if (plan := tiled.plan(self, parameters, context, feedback)) is not None:
            return tiled.run_corridors(self, plan, parameters, context, feedback, area_ha, widths, name_field)
        dem = self.read_dem(parameters, context, feedback)
        transform, layer, metric = dem.transform, dem.layer, dem.metric
        roads, buildings = self.read_lines_and_buildings(
            parameters, context, feedback, metric, extra_fields=[name_field] if name_field else [])
        feedback.setProgress(5)
        result = identify_corridors(
            dem.elevation, transform, crs=dem.crs_pyproj, metric_crs=dem.metric_pyproj, latlon=dem.latlon,
            row_areas=dem.row_areas, cell_metres=dem.cell_metres, min_area_m2=area_ha * 1e4, widths=widths, roads=roads, buildings=buildings,
            road_name_column=name_field, progress=self.progress(feedback, 5, 80), is_canceled=feedback.isCanceled)
        del dem
        crs = layer.crs()
        results = {}
        results[self.ACCUMULATION] = self.write_raster(
            parameters, self.ACCUMULATION, context, result.accumulation, transform, crs, -9999.0, "float32",
            "drainage_accumulation", self.tr("Flow accumulation (m²)"))
        results[self.FLOW_DIRECTION] = self.write_raster(
            parameters, self.FLOW_DIRECTION, context, result.d8, transform, crs, D8_NODATA, "uint8", None, None)
        return self.write_outputs(parameters, context, feedback, results, result, roads, buildings, metric, crs, area_ha,
                                  widths, layer.name())

    def write_outputs(self, parameters, context, feedback, results, result, roads, buildings, metric, crs, area_ha,
                      widths, dem_name, extra_notes=()) -> dict:
        """The vector outputs, the report and the output numbers of a corridor run (whole-DEM or
        tiled: `result` has lines, zones, crossings, buildings); `results` holds the rasters."""
        self.raise_if_canceled(feedback)
        feedback.setProgress(88)
        if result.lines.empty:
            feedback.pushWarning(self.tr("No cell drains {} ha or more: no corridor was found. Lower the contributing "
                                         "area threshold or use a larger DEM.").format(area_ha))
        outputs = (
            (self.CORRIDORS, result.lines, QgsWkbTypes.Type.LineString, "drainage_corridors", self.tr("Drainage corridors")),
            (self.CORRIDOR_ZONES, result.zones, QgsWkbTypes.Type.MultiPolygon, "drainage_zones", self.tr("Corridor zones")),
            (self.CROSSINGS, result.crossings, QgsWkbTypes.Type.Point, "drainage_crossings", self.tr("Corridor-road crossings")),
            (self.FLAGGED_BUILDINGS, result.buildings, QgsWkbTypes.Type.MultiPolygon, "drainage_buildings",
             self.tr("Buildings in corridor zones")),
        )
        results.update(self.write_frames(parameters, context, feedback, outputs,
                                         {self.CROSSINGS: roads is None, self.FLAGGED_BUILDINGS: buildings is None}, metric, crs))
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            results[self.REPORT] = self.write_report(report_path, result, area_ha, widths, dem_name, roads is not None,
                                                     extra_notes)
        results[self.TOTAL_LENGTH_KM] = result.total_length_km
        results[self.CROSSING_COUNT] = result.crossing_count
        results[self.BUILDING_COUNT] = len(result.buildings)
        feedback.pushInfo(self.tr("{} corridor segment(s), {} km in total; {} road crossing(s); {} building(s) in "
                                  "corridor zones.").format(len(result.lines), f"{result.total_length_km:.2f}",
                                                            results[self.CROSSING_COUNT], len(result.buildings)))
        feedback.setProgress(100)
        return results

    def write_report(self, path, result, area_ha, widths, dem_name, with_roads, extra_notes=()):
        from .. import report
        from .corridors import half_width

        lines, zones = result.lines, result.zones
        by_order = []
        for order in sorted(lines["strahler"].unique()):
            part = lines[lines["strahler"] == order]
            zone_area = zones.loc[zones["strahler"] == order, "area_m2"].sum()
            by_order.append([int(order), len(part), float(part["length_m"].sum()) / 1000.0,
                             half_width(int(order), widths), float(zone_area) / 1e4,
                             float(part["upstream_km2"].max())])
        summary = report.table([self.tr("Measure"), self.tr("Value")], [
            [self.tr("DEM"), dem_name],
            [self.tr("Contributing area where a corridor starts (hectares)"), area_ha],
            [self.tr("Corridor segments"), len(lines)],
            [self.tr("Total corridor length (km)"), result.total_length_km],
            [self.tr("Number of corridor-road crossings"), result.crossing_count if with_roads else self.tr("no roads given")],
            [self.tr("Number of buildings in corridor zones"), len(result.buildings)],
        ])
        orders = report.table([self.tr("Strahler order"), self.tr("Segments"), self.tr("Length (km)"),
                               self.tr("Half-width (m)"), self.tr("Zone area (ha)"), self.tr("Largest upstream area (km²)")],
                              by_order)
        chart = report.bar_chart([str(row[0]) for row in by_order], [row[2] for row in by_order],
                                 title=self.tr("Corridor length by Strahler order"), unit="km")
        sections = [(self.tr("Summary"), summary), (self.tr("Corridors by Strahler order"), orders + chart)]
        if with_roads:
            top = result.crossings.head(30)
            rows = [[int(r.road_fid), r.road_name or "", int(r.corridor_id), int(r.strahler), float(r.upstream_km2)]
                    for r in top.itertuples()]
            sections.append((self.tr("Crossings to check (culverts, underpasses), largest upstream area first"),
                             report.table([self.tr("Road id"), self.tr("Road name"), self.tr("Corridor id"),
                                           self.tr("Strahler order"), self.tr("Upstream area (km²)")], rows, digits=3)))
        notes = [self.tr("Method: priority-flood depression filling, D8 flow directions and flow accumulation "
                         "(pyflwdir); a corridor starts where the contributing area reaches the threshold; Strahler "
                         "order is counted on the corridor network. Half-widths are planning defaults, not standard "
                         "values: check them against the hydraulic design.")] + list(extra_notes)
        return report.write(path, report.page(self.tr("Drainage corridors (排涝通道识别)"), sections, notes))


class WaterloggingSpotsAlgorithm(DrainageAlgorithm):
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
        preset = _preset()
        self.add_dem_parameters()
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_DEPTH, self.tr("Screening depth: minimum depth of a filled hollow (m)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=float(preset["min_depth_m"]), minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_AREA, self.tr("Minimum depression area (m²)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=float(preset["min_depression_area_m2"]), minValue=0.0))
        self.add_exposure_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.DEPRESSIONS, self.tr("Waterlogging-prone depressions"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.DEPTH, self.tr("Ponding depth (filled minus original, m)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber(self.DEPRESSION_COUNT, self.tr("Number of depressions")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_VOLUME_M3, self.tr("Total ponding volume (m³)")))

    def process(self, parameters, context, feedback):
        from .depressions import find_depressions

        min_depth = self.parameterAsDouble(parameters, self.MIN_DEPTH, context)
        min_area = self.parameterAsDouble(parameters, self.MIN_AREA, context)
        _preset(strict=True)
        from .tiled import processing as tiled  # DEMs larger than memory: tile by tile on Dask

        if (plan := tiled.plan(self, parameters, context, feedback)) is not None:
            return tiled.run_depressions(self, plan, parameters, context, feedback, min_depth, min_area)
        dem = self.read_dem(parameters, context, feedback)
        transform, layer, metric = dem.transform, dem.layer, dem.metric
        roads, buildings = self.read_lines_and_buildings(parameters, context, feedback, metric)
        feedback.setProgress(5)
        result = find_depressions(
            dem.elevation, transform, crs=dem.crs_pyproj, metric_crs=dem.metric_pyproj, latlon=dem.latlon,
            row_areas=dem.row_areas, cell_metres=dem.cell_metres, min_depth=min_depth, min_area_m2=min_area, roads=roads, buildings=buildings,
            progress=self.progress(feedback, 5, 80), is_canceled=feedback.isCanceled)
        del dem
        crs = layer.crs()
        results = {self.DEPTH: self.write_raster(parameters, self.DEPTH, context, result.depth, transform, crs,
                                                 -9999.0, "float32", "drainage_depth", self.tr("Ponding depth (m)"))}
        return self.write_outputs(parameters, context, feedback, results, result, metric, crs, min_depth, min_area,
                                  layer.name())

    def write_outputs(self, parameters, context, feedback, results, result, metric, crs, min_depth, min_area, dem_name,
                      extra_notes=()) -> dict:
        """The depressions layer, the report and the output numbers of a run (whole-DEM or tiled:
        `result` has depressions, count, candidates, total_volume_m3); `results` holds the depth raster."""
        self.raise_if_canceled(feedback)
        results.update(self.write_frames(parameters, context, feedback, [
            (self.DEPRESSIONS, result.depressions, QgsWkbTypes.Type.MultiPolygon, "drainage_depressions",
             self.tr("Waterlogging-prone depressions"))], {}, metric, crs))
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            results[self.REPORT] = self.write_report(report_path, result, min_depth, min_area, dem_name, extra_notes)
        results[self.DEPRESSION_COUNT] = result.count
        results[self.TOTAL_VOLUME_M3] = result.total_volume_m3
        feedback.pushInfo(self.tr("{} depression(s) at least {} m deep (of {} hollows), {} m³ of ponding in total.").format(
            result.count, min_depth, result.candidates, f"{result.total_volume_m3:,.0f}"))
        feedback.setProgress(100)
        return results

    def write_report(self, path, result, min_depth, min_area, dem_name, extra_notes=()):
        from .. import report

        frame = result.depressions
        summary = report.table([self.tr("Measure"), self.tr("Value")], [
            [self.tr("DEM"), dem_name],
            [self.tr("Screening depth: minimum depth of a filled hollow (m)"), min_depth],
            [self.tr("Minimum depression area (m²)"), min_area],
            [self.tr("Hollows before the thresholds"), result.candidates],
            [self.tr("Number of depressions"), result.count],
            [self.tr("Total ponding volume (m³)"), result.total_volume_m3],
        ])
        top = frame.head(30)
        rows = [[int(r.rank), int(r.depression_id), float(r.max_depth_m), float(r.mean_depth_m), float(r.area_m2),
                 float(r.volume_m3), float(r.upstream_km2), float(r.road_length_m), int(r.buildings)]
                for r in top.itertuples()]
        table = report.table([self.tr("Rank"), self.tr("Depression id"), self.tr("Max depth (m)"),
                              self.tr("Mean depth (m)"), self.tr("Area (m²)"), self.tr("Volume (m³)"),
                              self.tr("Upstream area (km²)"), self.tr("Road length inside (m)"), self.tr("Buildings inside")],
                             rows)
        chart = report.bar_chart([str(r[1]) for r in rows[:15]], [r[5] for r in rows[:15]],
                                 title=self.tr("Largest ponding volumes"), unit="m³")
        notes = [self.tr("Depth is the depression-filled surface minus the DEM (priority flood), in metres: the water a "
                         "hollow holds when full to its rim."),
                 self.tr("The screening depth is a screening threshold, not the standard's criterion. GB 51222-2017 "
                         "§3.2.3 (Table 3.2.3) sets, under the design return period of waterlogging prevention, that "
                         "ground floors of homes and commercial buildings take in no water and that the water in one "
                         "traffic lane is no deeper than 15 cm; the default 0.15 m borrows that number to leave out "
                         "shallow hollows. A DEM sees neither pipes nor inlets: treat the list as places to check, not "
                         "as a flood model or a compliance check.")] + list(extra_notes)
        return report.write(path, report.page(self.tr("Waterlogging-prone depressions (易涝点识别)"),
                                              [(self.tr("Summary"), summary),
                                               (self.tr("Depressions by volume"), table + chart)], notes))


ALGORITHMS = [DrainageCorridorsAlgorithm, WaterloggingSpotsAlgorithm]
