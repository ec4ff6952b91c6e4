"""The HTML report of the station catchments: stations ranked by ped-shed ratio and by population
of the outer band, with bar charts. Pure (algorithms/report.py); text comes translated in `labels`."""

from __future__ import annotations

import pandas as pd

from .. import report

POOR_PEDSHED = 0.5  # docs/STANDARDS.md: below about 0.5 the surroundings are poorly walkable


def build(summary: pd.DataFrame, bands: list[float], people: dict[str, float] | None, labels: dict[str, str],
          lang: str = "en") -> str:
    """`summary`: one row per station with name, on_network and per band b (metres, as int)
    area_<b>, population_<b>, pedshed_<b> columns. `people`: walking.population_row of the outer
    band (None without a population layer)."""
    outer = int(round(bands[-1]))
    on = summary[summary["on_network"]]
    by_pedshed = on.sort_values(f"pedshed_{outer}", ascending=False)
    sections = []
    overview = [[labels["stations"], len(summary)], [labels["off_network"], int((~summary["on_network"]).sum())],
                [labels["poor"], int((on[f"pedshed_{outer}"] < POOR_PEDSHED).sum())]]
    if people is not None:
        for key, column in (("population_total", "population"), ("covered", "population_covered"),
                            ("not_covered", "population_not_covered"), ("unreachable", "population_unreachable")):
            overview.append([labels[key], round(people[column])])
    sections.append((labels["summary"], report.table(["", ""], overview)))
    sections.append((labels["pedshed_chart"].format(outer), report.bar_chart(
        list(by_pedshed["name"]), list(by_pedshed[f"pedshed_{outer}"]), title=labels["pedshed_note"])))
    has_population = f"population_{outer}" in on and on[f"population_{outer}"].notna().any()
    if has_population:
        by_population = on.sort_values(f"population_{outer}", ascending=False)
        sections.append((labels["population_chart"].format(outer), report.bar_chart(
            list(by_population["name"]), list(by_population[f"population_{outer}"]), unit=labels["people"],
            color=report.PALETTE[2])))
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
    return report.page(labels["title"], sections, notes=[labels["method_note"]], lang=lang)


def summary_table(names: list[str], catchments: pd.DataFrame, stations: pd.DataFrame, bands: list[float]) -> pd.DataFrame:
    """One row per station: name, snap distance, flags, and area_/population_/pedshed_/length_<band>."""
    table = pd.DataFrame({"name": names})
    table = table.join(stations.set_index("station")[["snap_m", "on_network", "small_island", "access_points"]])
    for band in bands:
        b = int(round(band))
        rows = catchments[catchments["band_m"] == band].set_index("station")
        table[f"area_{b}"] = rows["area_m2"]
        table[f"population_{b}"] = rows["population"]
        table[f"pedshed_{b}"] = rows["pedshed_ratio"]
        table[f"length_{b}"] = rows["reached_length_m"]
    return table
