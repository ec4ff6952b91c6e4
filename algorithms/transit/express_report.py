"""The HTML report of the express service evaluation: per express line a chart of minutes saved
along the line and of door-to-door times, then the station table. Pure (algorithms/report.py).

Text comes in `labels` (already translated by the caller), so the page speaks the planner's language.
"""

from __future__ import annotations

from .. import report
from .express import ExpressEvaluation

LABEL_KEYS = ("title", "summary", "destination", "pattern", "parameters", "line", "saved_chart", "times_chart",
              "distance_km", "minutes", "all_stop", "express", "stations", "station", "lines", "express_stop",
              "all_total", "express_total", "saved", "route", "method_note", "yes", "no",
              "isochrones", "pattern_col", "area_km2", "population", "gained", "unreachable")


def build(evaluation: ExpressEvaluation, labels: dict[str, str], parameters: list[tuple[str, str]],
          lang: str = "en", isochrones=None) -> str:
    """A complete HTML page. `parameters`: (label, value) pairs of the run-time model and service;
    `isochrones`: the commute isochrone table (isochrones.Isochrones.table) when computed."""
    stations = evaluation.stations.set_index("station_id")
    names = stations["name"].to_dict()
    sections = []
    pattern_rows = [[line.line_id, " - ".join(line.names[i] for i in line.express_stops),
                     f"{len(line.express_stops)} / {len(line.station_ids)}"]
                    for line in evaluation.lines if line.has_express]
    summary = report.table([labels["destination"]], [[names[evaluation.destination]]])
    summary += report.table([labels["line"], labels["pattern"], labels["stations"]], pattern_rows)
    summary += report.table([labels["parameters"], ""], [list(p) for p in parameters])
    sections.append((labels["summary"], summary))
    for line in evaluation.lines:
        if not line.has_express:
            continue
        rows = stations.loc[line.station_ids]
        saved = [float(v) for v in rows["minutes_saved"].fillna(0.0)]
        chart = report.bar_chart(line.names, saved, title=labels["saved_chart"].format(line.line_id),
                                 unit=labels["minutes"])
        chart += report.line_chart(
            [p / 1000 for p in line.positions_m],
            {labels["all_stop"]: list(rows["allstop_total_min"]), labels["express"]: list(rows["express_total_min"])},
            title=labels["times_chart"].format(line.line_id), x_label=labels["distance_km"],
            y_label=labels["minutes"], x_ticks=line.names,
        )
        sections.append((f"{labels['line']} {line.line_id}", chart))
    if isochrones is not None and len(isochrones):
        rows = [[labels["express"] if r.pattern == "express" else labels["all_stop"], r.minutes, r.area_m2 / 1e6,
                 r.population_covered, r.population_gained, r.population_unreachable]
                for r in isochrones.itertuples(index=False)]
        sections.append((labels["isochrones"], report.table(
            [labels["pattern_col"], labels["minutes"], labels["area_km2"], labels["population"], labels["gained"],
             labels["unreachable"]],
            rows, digits=1)))
    table = evaluation.stations.sort_values(["minutes_saved", "allstop_total_min"], ascending=[False, True])
    rows = [[r.name, r.lines, labels["yes"] if r.express_stop else labels["no"], r.allstop_total_min,
             r.express_total_min, r.minutes_saved, r.express_route or ""] for r in table.itertuples(index=False)]
    sections.append((labels["stations"], report.table(
        [labels["station"], labels["lines"], labels["express_stop"], labels["all_total"], labels["express_total"],
         labels["saved"], labels["route"]], rows, digits=1)))
    return report.page(labels["title"], sections, notes=[labels["method_note"]], lang=lang)
