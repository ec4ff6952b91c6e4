"""HTML report pages of the multi-plan checks, through algorithms/report.py. Pure: the caller passes
every heading and label already translated."""

from __future__ import annotations

import pandas as pd

from .. import report


def conflict_page(
    title: str,
    summary: pd.DataFrame,
    overlaps: pd.DataFrame,
    labels: dict[str, str],
    notes: list[str],
    lang: str = "en",
) -> str:
    """One table per outcome (prohibited, needs approval, unknown code, allowed areas listed as
    such: 田坎 in farmland; control line x land-use class), a stacked bar chart of conflict area in
    hectares per control line by class, and the control-line overlaps.

    `summary` columns: line_name, outcome_name, class_code, class_name, conflict_count,
    ellipsoid_area_m2, plane_area_m2, in outcome order; `overlaps` columns: line_a_name,
    line_b_name, ellipsoid_area_m2; `labels` keys: summary (with {} for the outcome), chart,
    overlaps, line, class, name, count, area, plane, hectares, none, line_a, line_b."""
    sections = []
    columns = ["line_name", "class_code", "class_name", "conflict_count", "ellipsoid_area_m2", "plane_area_m2"]
    headers = [labels["line"], labels["class"], labels["name"], labels["count"], labels["area"], labels["plane"]]
    for outcome, rows in summary.groupby("outcome_name", sort=False):
        sections.append((labels["summary"].format(outcome), report.table(headers, rows[columns].values.tolist())))
    charted = summary[summary["outcome"] != "allowed"] if "outcome" in summary else summary  # conflicts only
    if len(charted):
        pivot = charted.pivot_table(
            index="line_name",
            columns="class_code",
            values="ellipsoid_area_m2",
            aggfunc="sum",
            fill_value=0.0,
            sort=False,
        )
        names = dict(zip(charted["class_code"], charted["class_name"]))
        series = {f"{c} {names.get(c, '')}".strip(): (pivot[c] / 10_000.0).tolist() for c in pivot.columns}
        sections.append((labels["chart"], report.stacked_bar_chart(list(pivot.index), series, unit=labels["hectares"])))
    else:
        sections.append((labels["summary"].format(""), f"<p>{report.escape(labels['none'])}</p>"))
    overlap_rows = overlaps.groupby(["line_a_name", "line_b_name"], sort=False)["ellipsoid_area_m2"].agg(
        ["size", "sum"]
    )
    overlap_rows = [[a, b, int(n), float(s)] for (a, b), (n, s) in overlap_rows.iterrows()]
    body = (
        report.table([labels["line_a"], labels["line_b"], labels["count"], labels["area"]], overlap_rows)
        if overlap_rows
        else f"<p>{report.escape(labels['none'])}</p>"
    )
    sections.append((labels["overlaps"], body))
    return report.page(title, sections, notes, lang)


def space_page(
    title: str,
    table: pd.DataFrame,
    classes: list[tuple[str, str, str]],
    labels: dict[str, str],
    notes: list[str],
    lang: str = "en",
) -> str:
    """Stacked bar chart of each unit's area by space class (hectares), then the table of areas
    and shares. `table` columns: unit_name, total_area_m2, <class>_m2, <class>_pct; `classes`:
    (class id, display name, colour) in legend order; `labels` keys: chart, table, unit, total,
    hectares."""
    units = table["unit_name"].tolist()
    series = {name: (table[f"{cid}_m2"] / 10_000.0).tolist() for cid, name, _ in classes}
    chart = report.stacked_bar_chart(units, series, unit=labels["hectares"], colors=[c for _, _, c in classes])
    headers = [labels["unit"], labels["total"]]
    for _, name, _ in classes:
        headers += [f"{name} (m²)", f"{name} (%)"]
    rows = []
    for values in table.to_dict("records"):
        row = [values["unit_name"], float(values["total_area_m2"])]
        for cid, _, _ in classes:
            row += [float(values[f"{cid}_m2"]), float(values[f"{cid}_pct"])]
        rows.append(row)
    return report.page(title, [(labels["chart"], chart), (labels["table"], report.table(headers, rows))], notes, lang)
