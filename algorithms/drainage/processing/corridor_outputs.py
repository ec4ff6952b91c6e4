"""The drainage corridors door's outputs: the flow rasters, the corridor, zone, crossing and
building layers, the report and the output numbers, declared and written (whole-DEM or tiled
result alike). Text uses `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)

from ....layers import styling
from . import outputs

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


def add_parameters(algorithm) -> None:
    """ACCUMULATION, FLOW_DIRECTION (optional, off by default), the four layers (crossings and
    buildings optional), REPORT (optional) and the three numbers."""
    algorithm.addParameter(
        QgsProcessingParameterRasterDestination(ACCUMULATION, algorithm.tr("Flow accumulation (contributing area, m²)"))
    )
    algorithm.addParameter(
        QgsProcessingParameterRasterDestination(
            FLOW_DIRECTION, algorithm.tr("Flow direction (D8)"), optional=True, createByDefault=False
        )
    )
    for name, description, kind, optional in (
        (CORRIDORS, algorithm.tr("Drainage corridors"), QgsProcessing.SourceType.TypeVectorLine, False),
        (CORRIDOR_ZONES, algorithm.tr("Corridor zones"), QgsProcessing.SourceType.TypeVectorPolygon, False),
        (CROSSINGS, algorithm.tr("Corridor-road crossings"), QgsProcessing.SourceType.TypeVectorPoint, True),
        (
            FLAGGED_BUILDINGS,
            algorithm.tr("Buildings in corridor zones"),
            QgsProcessing.SourceType.TypeVectorPolygon,
            True,
        ),
    ):
        algorithm.addParameter(QgsProcessingParameterFeatureSink(name, description, kind, optional=optional))
    algorithm.addParameter(
        QgsProcessingParameterFileDestination(
            REPORT, algorithm.tr("Report"), algorithm.tr("HTML files (*.html)"), optional=True
        )
    )
    algorithm.addOutput(QgsProcessingOutputNumber(TOTAL_LENGTH_KM, algorithm.tr("Total corridor length (km)")))
    algorithm.addOutput(QgsProcessingOutputNumber(CROSSING_COUNT, algorithm.tr("Number of corridor-road crossings")))
    algorithm.addOutput(
        QgsProcessingOutputNumber(BUILDING_COUNT, algorithm.tr("Number of buildings in corridor zones"))
    )


def write_rasters(algorithm, parameters, context, result, dem, feedback=None) -> dict:
    """ACCUMULATION and FLOW_DIRECTION (when asked) of a whole-DEM result, on the DEM's grid; a
    cancelled `feedback` stops the writing."""
    from ..hydrology import D8_NODATA

    grid = (dem.transform, dem.crs)
    return {
        ACCUMULATION: outputs.write_raster(
            algorithm,
            parameters,
            ACCUMULATION,
            context,
            result.accumulation,
            *grid,
            -9999.0,
            "float32",
            "drainage_accumulation",
            _accumulation_title(algorithm),
            feedback=feedback,
        ),
        FLOW_DIRECTION: outputs.write_raster(
            algorithm,
            parameters,
            FLOW_DIRECTION,
            context,
            result.d8,
            *grid,
            D8_NODATA,
            "uint8",
            None,
            None,
            feedback=feedback,
        ),
    }


def raster_paths(algorithm, parameters, context) -> dict:
    """{ACCUMULATION, FLOW_DIRECTION: the file each goes to, None when not asked}: the tiled
    engine writes the rasters itself."""
    return {
        name: outputs.raster_destination(algorithm, parameters, name, context)
        for name in (ACCUMULATION, FLOW_DIRECTION)
    }


def style_accumulation(algorithm, context, path: str | None) -> None:
    """Style a flow accumulation raster the tiled engine wrote."""
    if path:
        styling.style_output(context, path, "drainage_accumulation", _accumulation_title(algorithm))


def _accumulation_title(algorithm) -> str:
    return algorithm.tr("Flow accumulation (m²)")


def write(
    algorithm, parameters, context, feedback, result, *, rasters, dem, roads, buildings, area_ha, widths, notes=()
) -> dict:
    """The vector outputs, the report and the output numbers of a corridor run (`result` has
    lines, zones, crossings, buildings); `rasters` holds the rasters written."""
    algorithm.raise_if_canceled(feedback)
    feedback.setProgress(88)
    if result.lines.empty:
        feedback.pushWarning(
            algorithm.tr(
                "No cell drains {} ha or more: no corridor was found. Lower the contributing "
                "area threshold or use a larger DEM."
            ).format(area_ha)
        )
    layers = (
        (
            CORRIDORS,
            result.lines,
            QgsWkbTypes.Type.LineString,
            "drainage_corridors",
            algorithm.tr("Drainage corridors"),
        ),
        (CORRIDOR_ZONES, result.zones, QgsWkbTypes.Type.MultiPolygon, "drainage_zones", algorithm.tr("Corridor zones")),
        (
            CROSSINGS,
            result.crossings,
            QgsWkbTypes.Type.Point,
            "drainage_crossings",
            algorithm.tr("Corridor-road crossings"),
        ),
        (
            FLAGGED_BUILDINGS,
            result.buildings,
            QgsWkbTypes.Type.MultiPolygon,
            "drainage_buildings",
            algorithm.tr("Buildings in corridor zones"),
        ),
    )
    results = dict(rasters)
    skipped = {CROSSINGS: roads is None, FLAGGED_BUILDINGS: buildings is None}
    results.update(outputs.write_frames(algorithm, parameters, context, feedback, layers, skipped, dem.metric, dem.crs))
    report_path = algorithm.parameterAsFileOutput(parameters, REPORT, context)
    if report_path:
        results[REPORT] = write_report(
            algorithm, report_path, result, area_ha, widths, dem.name, roads is not None, notes
        )
    results[TOTAL_LENGTH_KM] = result.total_length_km
    results[CROSSING_COUNT] = result.crossing_count
    results[BUILDING_COUNT] = len(result.buildings)
    feedback.pushInfo(
        algorithm.tr(
            "{} corridor segment(s), {} km in total; {} road crossing(s); {} building(s) in corridor zones."
        ).format(len(result.lines), f"{result.total_length_km:.2f}", result.crossing_count, len(result.buildings))
    )
    feedback.setProgress(100)
    return results


def write_report(algorithm, path, result, area_ha, widths, dem_name, with_roads, notes=()):
    """The HTML report: summary, corridors by Strahler order, the crossings to check, the method."""
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
        [algorithm.tr("Measure"), algorithm.tr("Value")],
        [
            [algorithm.tr("DEM"), dem_name],
            [algorithm.tr("Contributing area where a corridor starts (hectares)"), area_ha],
            [algorithm.tr("Corridor segments"), len(lines)],
            [algorithm.tr("Total corridor length (km)"), result.total_length_km],
            [
                algorithm.tr("Number of corridor-road crossings"),
                result.crossing_count if with_roads else algorithm.tr("no roads given"),
            ],
            [algorithm.tr("Number of buildings in corridor zones"), len(result.buildings)],
        ],
    )
    orders = report.table(
        [
            algorithm.tr("Strahler order"),
            algorithm.tr("Segments"),
            algorithm.tr("Length (km)"),
            algorithm.tr("Half-width (m)"),
            algorithm.tr("Zone area (ha)"),
            algorithm.tr("Largest upstream area (km²)"),
        ],
        by_order,
    )
    chart = report.bar_chart(
        [str(row[0]) for row in by_order],
        [row[2] for row in by_order],
        title=algorithm.tr("Corridor length by Strahler order"),
        unit="km",
    )
    sections = [(algorithm.tr("Summary"), summary), (algorithm.tr("Corridors by Strahler order"), orders + chart)]
    if with_roads:
        top = result.crossings.head(30)
        rows = [
            [int(r.road_fid), r.road_name or "", int(r.corridor_id), int(r.strahler), float(r.upstream_km2)]
            for r in top.itertuples()
        ]
        headers = [
            algorithm.tr("Road id"),
            algorithm.tr("Road name"),
            algorithm.tr("Corridor id"),
            algorithm.tr("Strahler order"),
            algorithm.tr("Upstream area (km²)"),
        ]
        sections.append(
            (
                algorithm.tr("Crossings to check (culverts, underpasses), largest upstream area first"),
                report.table(headers, rows, digits=3),
            )
        )
    method = algorithm.tr(
        "Method: priority-flood depression filling, D8 flow directions and flow accumulation "
        "(pyflwdir); a corridor starts where the contributing area reaches the threshold; Strahler "
        "order is counted on the corridor network. Half-widths are planning defaults, not standard "
        "values: check them against the hydraulic design."
    )
    title = algorithm.tr("Drainage corridors (排涝通道识别)")
    return report.write(path, report.page(title, sections, [method, *notes]))
