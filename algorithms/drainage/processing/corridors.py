"""Drainage corridors (排涝通道识别): where concentrated surface flow runs on a DEM, the strip each
corridor needs, its road crossings and the buildings in it. The door: parameters, the DEM read
once (dem_input), the whole-DEM or the tiled engine, the outputs and the report."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import styling
from . import dem_input, exposure, outputs
from .base import DrainageAlgorithm
from .preset import drainage_preset


class DrainageCorridorsAlgorithm(DrainageAlgorithm):
    """The corridor network of a DEM, its strips, road crossings and flagged buildings."""

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
        preset = drainage_preset()
        dem_input.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_CONTRIBUTING_AREA,
                self.tr("Contributing area where a corridor starts (hectares)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=float(preset["min_contributing_area_ha"]),
                minValue=0.01,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CORRIDOR_WIDTHS,
                self.tr("Corridor half-widths by Strahler order (order:metres, ...)"),
                defaultValue=preset["corridor_half_widths"],
            )
        )
        exposure.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterField(
                self.ROAD_NAME_FIELD, self.tr("Road name field"), parentLayerParameterName=exposure.ROADS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.ACCUMULATION, self.tr("Flow accumulation (contributing area, m²)")
            )
        )
        direction = QgsProcessingParameterRasterDestination(
            self.FLOW_DIRECTION, self.tr("Flow direction (D8)"), optional=True, createByDefault=False
        )
        self.addParameter(direction)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CORRIDORS, self.tr("Drainage corridors"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CORRIDOR_ZONES, self.tr("Corridor zones"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CROSSINGS,
                self.tr("Corridor-road crossings"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.FLAGGED_BUILDINGS,
                self.tr("Buildings in corridor zones"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_LENGTH_KM, self.tr("Total corridor length (km)")))
        self.addOutput(QgsProcessingOutputNumber(self.CROSSING_COUNT, self.tr("Number of corridor-road crossings")))
        self.addOutput(QgsProcessingOutputNumber(self.BUILDING_COUNT, self.tr("Number of buildings in corridor zones")))

    def process(self, parameters, context, feedback):
        from ..corridors import CorridorSettingsError, parse_widths

        area_ha = self.parameterAsDouble(parameters, self.MIN_CONTRIBUTING_AREA, context)
        try:
            widths = parse_widths(self.parameterAsString(parameters, self.CORRIDOR_WIDTHS, context))
        except CorridorSettingsError as error:
            raise QgsProcessingException(
                self.tr("Corridor half-widths: {}. Write them as order:metres pairs, e.g. 1:10,2:15,3:25,4:40.").format(
                    error
                )
            ) from error
        drainage_preset(strict=True)
        name_field = self.parameterAsString(parameters, self.ROAD_NAME_FIELD, context) or None
        dem = dem_input.read(self, parameters, context, feedback, self.TASK)
        roads, buildings = exposure.read(
            self, parameters, context, feedback, dem.metric, road_fields=[name_field] if name_field else []
        )
        feedback.setProgress(5)
        arguments = {
            "crs": dem.crs_pyproj,
            "metric_crs": dem.metric_pyproj,
            "latlon": dem.latlon,
            "row_areas": dem.row_areas,
            "cell_metres": dem.cell_metres,
            "min_area_m2": area_ha * 1e4,
            "widths": widths,
            "roads": roads,
            "buildings": buildings,
            "road_name_column": name_field,
            "progress": outputs.engine_progress(feedback, 5, 80),
            "is_canceled": feedback.isCanceled,
        }
        run = self.run_whole if dem.tiles is None else self.run_tiled
        results, result, notes = run(dem, parameters, context, feedback, arguments)
        return self.write_outputs(
            parameters,
            context,
            feedback,
            results,
            result,
            roads,
            buildings,
            dem.metric,
            dem.crs,
            area_ha,
            widths,
            dem.name,
            notes,
        )

    def run_whole(self, dem, parameters, context, feedback, arguments: dict) -> tuple:
        """(rasters written, result, report notes) of the engine on the cells in memory."""
        from ..corridors import identify_corridors
        from ..hydrology import D8_NODATA

        result = identify_corridors(dem.elevation, dem.transform, **arguments)
        dem.elevation = None  # the cells go before the outputs are written
        rasters = {
            self.ACCUMULATION: outputs.write_raster(
                self,
                parameters,
                self.ACCUMULATION,
                context,
                result.accumulation,
                dem.transform,
                dem.crs,
                -9999.0,
                "float32",
                "drainage_accumulation",
                self.tr("Flow accumulation (m²)"),
                feedback=feedback,
            ),
            self.FLOW_DIRECTION: outputs.write_raster(
                self,
                parameters,
                self.FLOW_DIRECTION,
                context,
                result.d8,
                dem.transform,
                dem.crs,
                D8_NODATA,
                "uint8",
                None,
                None,
                feedback=feedback,
            ),
        }
        return rasters, result, []

    def run_tiled(self, dem, parameters, context, feedback, arguments: dict) -> tuple:
        """(rasters written, result, report notes) of the tiled engine, which writes the rasters itself."""
        from ..tiled.analyses import identify_corridors_tiled

        tiles = dem.tiles
        accumulation_path = outputs.raster_destination(self, parameters, self.ACCUMULATION, context)
        direction_path = outputs.raster_destination(self, parameters, self.FLOW_DIRECTION, context)
        with tiles.runner as runner:
            result = identify_corridors_tiled(
                dem.source,
                tiles.grid,
                dem.transform,
                runner,
                accumulation_path=accumulation_path,
                direction_path=direction_path,
                raster_crs=crs_utils.crs_wkt(dem.crs),
                scratch_dir=tiles.scratch,
                **arguments,
            )
        if accumulation_path:
            styling.style_output(context, accumulation_path, "drainage_accumulation", self.tr("Flow accumulation (m²)"))
        note = tiles.method_note(result.flat_rounds)
        feedback.pushInfo(note)
        return {self.ACCUMULATION: accumulation_path, self.FLOW_DIRECTION: direction_path}, result, [note]

    def write_outputs(
        self,
        parameters,
        context,
        feedback,
        results,
        result,
        roads,
        buildings,
        metric,
        crs,
        area_ha,
        widths,
        dem_name,
        extra_notes=(),
    ) -> dict:
        """The vector outputs, the report and the output numbers of a corridor run (whole-DEM or
        tiled: `result` has lines, zones, crossings, buildings); `results` holds the rasters."""
        self.raise_if_canceled(feedback)
        feedback.setProgress(88)
        if result.lines.empty:
            feedback.pushWarning(
                self.tr(
                    "No cell drains {} ha or more: no corridor was found. Lower the contributing "
                    "area threshold or use a larger DEM."
                ).format(area_ha)
            )
        layers = (
            (
                self.CORRIDORS,
                result.lines,
                QgsWkbTypes.Type.LineString,
                "drainage_corridors",
                self.tr("Drainage corridors"),
            ),
            (
                self.CORRIDOR_ZONES,
                result.zones,
                QgsWkbTypes.Type.MultiPolygon,
                "drainage_zones",
                self.tr("Corridor zones"),
            ),
            (
                self.CROSSINGS,
                result.crossings,
                QgsWkbTypes.Type.Point,
                "drainage_crossings",
                self.tr("Corridor-road crossings"),
            ),
            (
                self.FLAGGED_BUILDINGS,
                result.buildings,
                QgsWkbTypes.Type.MultiPolygon,
                "drainage_buildings",
                self.tr("Buildings in corridor zones"),
            ),
        )
        results.update(
            outputs.write_frames(
                self,
                parameters,
                context,
                feedback,
                layers,
                {self.CROSSINGS: roads is None, self.FLAGGED_BUILDINGS: buildings is None},
                metric,
                crs,
            )
        )
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            results[self.REPORT] = self.write_report(
                report_path, result, area_ha, widths, dem_name, roads is not None, extra_notes
            )
        results[self.TOTAL_LENGTH_KM] = result.total_length_km
        results[self.CROSSING_COUNT] = result.crossing_count
        results[self.BUILDING_COUNT] = len(result.buildings)
        feedback.pushInfo(
            self.tr(
                "{} corridor segment(s), {} km in total; {} road crossing(s); {} building(s) in corridor zones."
            ).format(
                len(result.lines), f"{result.total_length_km:.2f}", results[self.CROSSING_COUNT], len(result.buildings)
            )
        )
        feedback.setProgress(100)
        return results

    def write_report(self, path, result, area_ha, widths, dem_name, with_roads, extra_notes=()):
        from ... import report
        from ..corridors import half_width

        lines, zones = result.lines, result.zones
        by_order = []
        for order in sorted(lines["strahler"].unique()):
            part = lines[lines["strahler"] == order]
            zone_area = zones.loc[zones["strahler"] == order, "area_m2"].sum()
            by_order.append(
                [
                    int(order),
                    len(part),
                    float(part["length_m"].sum()) / 1000.0,
                    half_width(int(order), widths),
                    float(zone_area) / 1e4,
                    float(part["upstream_km2"].max()),
                ]
            )
        summary = report.table(
            [self.tr("Measure"), self.tr("Value")],
            [
                [self.tr("DEM"), dem_name],
                [self.tr("Contributing area where a corridor starts (hectares)"), area_ha],
                [self.tr("Corridor segments"), len(lines)],
                [self.tr("Total corridor length (km)"), result.total_length_km],
                [
                    self.tr("Number of corridor-road crossings"),
                    result.crossing_count if with_roads else self.tr("no roads given"),
                ],
                [self.tr("Number of buildings in corridor zones"), len(result.buildings)],
            ],
        )
        orders = report.table(
            [
                self.tr("Strahler order"),
                self.tr("Segments"),
                self.tr("Length (km)"),
                self.tr("Half-width (m)"),
                self.tr("Zone area (ha)"),
                self.tr("Largest upstream area (km²)"),
            ],
            by_order,
        )
        chart = report.bar_chart(
            [str(row[0]) for row in by_order],
            [row[2] for row in by_order],
            title=self.tr("Corridor length by Strahler order"),
            unit="km",
        )
        sections = [(self.tr("Summary"), summary), (self.tr("Corridors by Strahler order"), orders + chart)]
        if with_roads:
            top = result.crossings.head(30)
            rows = [
                [int(r.road_fid), r.road_name or "", int(r.corridor_id), int(r.strahler), float(r.upstream_km2)]
                for r in top.itertuples()
            ]
            sections.append(
                (
                    self.tr("Crossings to check (culverts, underpasses), largest upstream area first"),
                    report.table(
                        [
                            self.tr("Road id"),
                            self.tr("Road name"),
                            self.tr("Corridor id"),
                            self.tr("Strahler order"),
                            self.tr("Upstream area (km²)"),
                        ],
                        rows,
                        digits=3,
                    ),
                )
            )
        notes = [
            self.tr(
                "Method: priority-flood depression filling, D8 flow directions and flow accumulation "
                "(pyflwdir); a corridor starts where the contributing area reaches the threshold; Strahler "
                "order is counted on the corridor network. Half-widths are planning defaults, not standard "
                "values: check them against the hydraulic design."
            )
        ] + list(extra_notes)
        return report.write(path, report.page(self.tr("Drainage corridors (排涝通道识别)"), sections, notes))
