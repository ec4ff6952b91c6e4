"""The station catchments door's outputs: the catchment polygons, the station summary, the optional
report and the population numbers, declared and written. Text uses `algorithm.tr` (context
'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ....translation import current_language
from ...network.processing import terrain_report

CATCHMENTS = "CATCHMENTS"
CATCHMENTS_TERRAIN = "CATCHMENTS_TERRAIN"
STATION_SUMMARY = "STATION_SUMMARY"
REPORT = "REPORT"
POPULATION_COVERED = "POPULATION_COVERED"
POPULATION_TOTAL = "POPULATION_TOTAL"
POPULATION_NOT_COVERED = "POPULATION_NOT_COVERED"
POPULATION_UNREACHABLE = "POPULATION_UNREACHABLE"
# output number -> column of walking.population_row
POPULATION_COLUMNS = {
    POPULATION_COVERED: "population_covered",
    POPULATION_TOTAL: "population",
    POPULATION_NOT_COVERED: "population_not_covered",
    POPULATION_UNREACHABLE: "population_unreachable",
}


def add_parameters(algorithm) -> None:
    """CATCHMENTS, STATION_SUMMARY, REPORT (optional, off by default) and the population numbers."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            CATCHMENTS, algorithm.tr("Station catchments"), QgsProcessing.SourceType.TypeVectorPolygon
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            STATION_SUMMARY, algorithm.tr("Station summary"), QgsProcessing.SourceType.TypeVector
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            CATCHMENTS_TERRAIN,
            algorithm.tr("Station catchments in walking time on the terrain (screening; with a terrain DEM)"),
            QgsProcessing.SourceType.TypeVectorPolygon,
            optional=True,
            createByDefault=False,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFileDestination(
            REPORT, algorithm.tr("Report"), algorithm.tr("HTML files (*.html)"), optional=True, createByDefault=False
        )
    )
    descriptions = _population_texts(algorithm)
    for name in POPULATION_COLUMNS:
        algorithm.addOutput(QgsProcessingOutputNumber(name, descriptions[name]))


def _population_texts(algorithm) -> dict[str, str]:
    """The population numbers' descriptions (also the report's labels)."""
    return {
        POPULATION_COVERED: algorithm.tr("Population covered by the outer band (no double counting)"),
        POPULATION_TOTAL: algorithm.tr("Population of the population layer"),
        POPULATION_NOT_COVERED: algorithm.tr("Population that can reach a street but no station within the outer band"),
        POPULATION_UNREACHABLE: algorithm.tr("Population farther than the snap distance from every street"),
    }


def write_catchments(
    algorithm, parameters, context, feedback, result, stations, speed, allocation, name: str = CATCHMENTS
) -> str | None:
    """CATCHMENTS (or CATCHMENTS_TERRAIN, `name`): one polygon per station and band (outer bands
    first, so inner ones draw on top), with the station's id and name, the band in metres and
    minutes and the allocation. `stations`: catchment_inputs.Stations. None: not requested."""
    import geopandas as gpd

    ids, names = stations.ids, stations.names
    rows = result.catchments.copy()
    rows.insert(0, "station_id", [ids[k] for k in rows["station"]])
    rows.insert(1, "name", [names[k] for k in rows["station"]])
    rows.insert(3, "band_min", rows["band_m"] / (60.0 * speed))
    rows["allocation"] = allocation
    rows = rows.drop(columns=["station"])
    keep = [p is not None and not p.is_empty for p in result.polygons]
    frame = gpd.GeoDataFrame(rows[keep].reset_index(drop=True), geometry=list(result.polygons[keep]), crs=None)
    frame = frame.iloc[::-1].reset_index(drop=True)  # outer bands first: inner ones draw on top
    dest = vector.write_frame(
        algorithm,
        parameters,
        name,
        context,
        frame,
        wkb_type=QgsWkbTypes.Type.MultiPolygon,
        frame_crs=stations.layer.metric,
        output_crs=stations.layer.source_crs,
        feedback=feedback,
    )
    if dest is None:
        return None
    label = (
        algorithm.tr("Station walking catchments")
        if name == CATCHMENTS
        else algorithm.tr("Station walking catchments on the terrain")
    )
    styling.style_output(context, dest, "transit_catchments", label)
    return dest


def write_summary(algorithm, parameters, context, feedback, result, stations, bands) -> tuple:
    """STATION_SUMMARY: per station the area, ped-shed ratio and population of each band and the
    rank by the outer band's ped-shed ratio. Returns (destination, the summary table)."""
    from .. import catchments

    summary = catchments.summary_table(stations.names, result.catchments, result.stations, bands)
    summary.insert(0, "station_id", stations.ids)
    outer = int(round(bands[-1]))
    summary[f"rank_pedshed_{outer}"] = summary[f"pedshed_{outer}"].rank(ascending=False, method="min").astype("int64")
    dest = vector.write_frame(
        algorithm, parameters, STATION_SUMMARY, context, summary.reset_index(drop=True), feedback=feedback
    )
    return dest, summary


def population_numbers(algorithm, feedback, result, population, bands) -> tuple[dict, dict | None]:
    """The population numbers (None each without a population layer), told in the log, and the
    population row (walking.population_row) for the report."""
    from ... import walking

    people = None
    if population is not None:
        covered = result.population_covered if result.population_covered == result.population_covered else 0.0
        people = walking.population_row(population.total, covered, population.unreachable)
        feedback.pushInfo(
            algorithm.tr(
                "Population within {:g} m on the network of any station: {:,.0f} of {:,.0f} "
                "({:,.0f} not covered, {:,.0f} unreachable)."
            ).format(
                bands[-1],
                people["population_covered"],
                people["population"],
                people["population_not_covered"],
                people["population_unreachable"],
            )
        )
    numbers = {name: people[column] if people is not None else None for name, column in POPULATION_COLUMNS.items()}
    return numbers, people


def write_report(algorithm, path, summary, bands, people) -> str:
    """The HTML report: overview, ped-shed and population charts, the station ranking."""
    from ... import report
    from .. import report_pages

    report.write(path, report_pages.catchment_page(summary, bands, people, labels(algorithm), current_language()))
    return path


def labels(algorithm) -> dict[str, str]:
    """The catchment report's text in the user's language."""
    population = _population_texts(algorithm)
    return {
        "title": algorithm.tr("Station walking catchments"),
        "summary": algorithm.tr("Overview"),
        "stations": algorithm.tr("Stations"),
        "off_network": algorithm.tr("Stations off the network"),
        "poor": algorithm.tr("Stations with a ped-shed ratio below 0.5 (poor walkability)"),
        "covered": population[POPULATION_COVERED],
        "population_total": population[POPULATION_TOTAL],
        "not_covered": population[POPULATION_NOT_COVERED],
        "unreachable": population[POPULATION_UNREACHABLE],
        "pedshed_chart": algorithm.tr("Ped-shed ratio within {} m, best first"),
        "pedshed_note": algorithm.tr("Catchment area / circle area"),
        "population_chart": algorithm.tr("Population within {} m on the network"),
        "people": algorithm.tr("people"),
        "rank": algorithm.tr("Rank"),
        "station": algorithm.tr("Station"),
        "pedshed_col": algorithm.tr("Ped-shed {} m"),
        "area_col": algorithm.tr("Area {} m (ha)"),
        "population_col": algorithm.tr("Population {} m"),
        "ranking": algorithm.tr("Stations ranked by ped-shed ratio of the outer band"),
        "method_note": algorithm.tr(
            "Catchment = streets reachable on foot within the band (partial streets at the limit included), "
            "buffered by 50 m. Ped-shed ratio = catchment area / area of the circle of the band's radius; "
            "below about 0.5 the surroundings are poorly walkable. Population apportioned by area."
        ),
        "band_col": algorithm.tr("Band (m)"),
        "pedshed_flat": algorithm.tr("Ped-shed (distance)"),
        "pedshed_terrain": algorithm.tr("Ped-shed (terrain, screening)"),
        **terrain_report.labels(algorithm),
    }
