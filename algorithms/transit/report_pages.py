"""The HTML report pages of metropolitan commuting: station catchments and the express service
evaluation. Pure (algorithms/report.py); text comes translated by the caller in `labels`, so the
pages speak the planner's language."""

from __future__ import annotations

import pandas as pd

from .. import report
from .express import ExpressEvaluation

POOR_PEDSHED = 0.5  # docs/STANDARDS.md: below about 0.5 the surroundings are poorly walkable


def catchment_page(
    summary: pd.DataFrame, bands: list[float], people: dict[str, float] | None, labels: dict[str, str], lang: str = "en"
) -> str:
    """The station catchments page: stations ranked by ped-shed ratio and by population of the
    outer band, with bar charts. `summary`: one row per station with name, on_network and per band b (metres, as int)
    area_<b>, population_<b>, pedshed_<b> columns. `people`: walking.population_row of the outer
    band (None without a population layer). With the terrain columns (pedshed_terrain_<b>, a DEM
    given) a "flat vs terrain" section follows the overview."""
    outer = int(round(bands[-1]))
    on = summary[summary["on_network"]]
    by_pedshed = on.sort_values(f"pedshed_{outer}", ascending=False)
    sections = []
    overview = [
        [labels["stations"], len(summary)],
        [labels["off_network"], int((~summary["on_network"]).sum())],
        [labels["poor"], int((on[f"pedshed_{outer}"] < POOR_PEDSHED).sum())],
    ]
    if people is not None:
        for key, column in (
            ("population_total", "population"),
            ("covered", "population_covered"),
            ("not_covered", "population_not_covered"),
            ("unreachable", "population_unreachable"),
        ):
            overview.append([labels[key], round(people[column])])
    sections.append((labels["summary"], report.table(["", ""], overview)))
    sections.append(
        (
            labels["pedshed_chart"].format(outer),
            report.bar_chart(
                list(by_pedshed["name"]), list(by_pedshed[f"pedshed_{outer}"]), title=labels["pedshed_note"]
            ),
        )
    )
    has_population = f"population_{outer}" in on and on[f"population_{outer}"].notna().any()
    if has_population:
        by_population = on.sort_values(f"population_{outer}", ascending=False)
        sections.append(
            (
                labels["population_chart"].format(outer),
                report.bar_chart(
                    list(by_population["name"]),
                    list(by_population[f"population_{outer}"]),
                    unit=labels["people"],
                    color=report.PALETTE[2],
                ),
            )
        )
    headers = [labels["rank"], labels["station"]]
    for band in bands:
        b = int(round(band))
        headers += [labels["pedshed_col"].format(b), labels["area_col"].format(b)]
        if has_population:
            headers.append(labels["population_col"].format(b))
    rows = []
    for rank, row in enumerate(by_pedshed.itertuples(index=False), start=1):
        values = [rank, row.name]
        for band in bands:
            b = int(round(band))
            values += [getattr(row, f"pedshed_{b}"), getattr(row, f"area_{b}") / 10_000]
            if has_population:
                values.append(getattr(row, f"population_{b}"))
        rows.append(values)
    sections.append((labels["ranking"], report.table(headers, rows, digits=2)))
    notes = [labels["method_note"]]
    if f"pedshed_terrain_{outer}" in on and "terrain" in labels:
        sections.insert(1, (labels["terrain"], _catchment_terrain(by_pedshed, bands, has_population, labels)))
        notes.append(labels["terrain_note"])
    return report.page(labels["title"], sections, notes=notes, lang=lang)


def _people(value) -> int | float:
    """A number of people as a whole number (NaN stays NaN: an empty cell)."""
    value = float(value)
    return value if value != value else round(value)


def _catchment_terrain(stations: pd.DataFrame, bands: list[float], has_population: bool, labels: dict) -> str:
    """Flat vs terrain per station and band: ped-shed ratio (and population) of the catchment by
    distance (as today) and in walking time on the DEM (screening), and the people it loses."""
    headers = [labels["station"], labels["band_col"], labels["pedshed_flat"], labels["pedshed_terrain"]]
    if has_population:
        headers += [labels["population_flat"], labels["population_terrain"], labels["difference"]]
    rows = []
    for row in stations.to_dict("records"):
        for band in bands:
            b = int(round(band))
            values = [row["name"], b, float(row[f"pedshed_{b}"]), float(row[f"pedshed_terrain_{b}"])]
            if has_population:
                flat, terrain = _people(row[f"population_{b}"]), _people(row[f"population_terrain_{b}"])
                values += [flat, terrain, terrain - flat]
            rows.append(values)
    return report.table(headers, rows, digits=2)


def express_page(
    evaluation: ExpressEvaluation,
    labels: dict[str, str],
    parameters: list[tuple[str, str]],
    lang: str = "en",
    isochrones=None,
) -> str:
    """The express service page: per express line a chart of minutes saved along the line and of
    door-to-door times, then the station table. `parameters`: (label, value) pairs of the run-time model and service;
    `isochrones`: the commute isochrone table (isochrones.Isochrones.table) when computed; its *_terrain
    columns (a DEM given) add a "flat vs terrain" section."""
    stations = evaluation.stations.set_index("station_id")
    names = stations["name"].to_dict()
    sections = []
    pattern_rows = [
        [
            line.line_id,
            " - ".join(line.names[i] for i in line.express_stops),
            f"{len(line.express_stops)} / {len(line.station_ids)}",
        ]
        for line in evaluation.lines
        if line.has_express
    ]
    summary = report.table([labels["destination"]], [[names[evaluation.destination]]])
    summary += report.table([labels["line"], labels["pattern"], labels["stations"]], pattern_rows)
    summary += report.table([labels["parameters"], ""], [list(p) for p in parameters])
    sections.append((labels["summary"], summary))
    for line in evaluation.lines:
        if not line.has_express:
            continue
        rows = stations.loc[line.station_ids]
        saved = [float(v) for v in rows["minutes_saved"].fillna(0.0)]
        chart = report.bar_chart(
            line.names, saved, title=labels["saved_chart"].format(line.line_id), unit=labels["minutes"]
        )
        chart += report.line_chart(
            [p / 1000 for p in line.positions_m],
            {labels["all_stop"]: list(rows["allstop_total_min"]), labels["express"]: list(rows["express_total_min"])},
            title=labels["times_chart"].format(line.line_id),
            x_label=labels["distance_km"],
            y_label=labels["minutes"],
            x_ticks=line.names,
        )
        sections.append((f"{labels['line']} {line.line_id}", chart))
    if isochrones is not None and len(isochrones):
        rows = [
            [
                labels["express"] if r.pattern == "express" else labels["all_stop"],
                r.minutes,
                r.area_m2 / 1e6,
                r.population_covered,
                r.population_gained,
                r.population_unreachable,
            ]
            for r in isochrones.itertuples(index=False)
        ]
        sections.append(
            (
                labels["isochrones"],
                report.table(
                    [
                        labels["pattern_col"],
                        labels["minutes"],
                        labels["area_km2"],
                        labels["population"],
                        labels["gained"],
                        labels["unreachable"],
                    ],
                    rows,
                    digits=1,
                ),
            )
        )
        if "population_covered_terrain" in isochrones and "terrain" in labels:
            sections.append((labels["terrain"], _isochrone_terrain(isochrones, labels)))
    table = evaluation.stations.sort_values(["minutes_saved", "allstop_total_min"], ascending=[False, True])
    rows = [
        [
            r.name,
            r.lines,
            labels["yes"] if r.express_stop else labels["no"],
            r.allstop_total_min,
            r.express_total_min,
            r.minutes_saved,
            r.express_route or "",
        ]
        for r in table.itertuples(index=False)
    ]
    sections.append(
        (
            labels["stations"],
            report.table(
                [
                    labels["station"],
                    labels["lines"],
                    labels["express_stop"],
                    labels["all_total"],
                    labels["express_total"],
                    labels["saved"],
                    labels["route"],
                ],
                rows,
                digits=1,
            ),
        )
    )
    notes = [labels["method_note"]]
    if isochrones is not None and "population_covered_terrain" in isochrones and "terrain" in labels:
        notes.append(labels["terrain_note"])
    return report.page(labels["title"], sections, notes=notes, lang=lang)


def _isochrone_terrain(isochrones, labels: dict) -> str:
    """Flat vs terrain of the commute isochrones: the people and area within each time with the
    walk legs on the flat (as today) and on the DEM (screening), and the people lost."""
    rows = []
    for r in isochrones.to_dict("records"):
        flat, terrain = _people(r["population_covered"]), _people(r["population_covered_terrain"])
        rows.append(
            [
                labels["express"] if r["pattern"] == "express" else labels["all_stop"],
                r["minutes"],
                flat,
                terrain,
                terrain - flat,
                r["area_m2"] / 1e6,
                r["area_terrain_m2"] / 1e6,
            ]
        )
    headers = [labels["pattern_col"], labels["minutes"], labels["population_flat"], labels["population_terrain"]]
    headers += [labels["difference"], labels["area_flat"], labels["area_terrain"]]
    return report.table(headers, rows, digits=1)
