"""The city health check report (城市体检空间指标报告): indicator table for the city, values per
district, indicators not computed and why, and the edition's non-spatial indicators. Pure: labels
arrive translated from the processing module."""

from __future__ import annotations

import numpy as np

from .. import report
from .indicators import CITY, HealthCheckResult


def _value(value) -> str:
    return "" if value is None or value != value else f"{value:,.2f}"


def _item_sections(result: HealthCheckResult, labels: dict, name, verdict) -> list:
    """One table per indicator that lists items against its target (each 组团 of 组团规模)."""
    sections = []
    for r in result.results:
        if not r.computed or r.items is None or not len(r.items):
            continue
        ind = r.indicator
        rows = [[int(i), _value(v), ind.unit, verdict[p]] for i, v, p in r.items[["item", "value", "passed"]].values]
        title = labels["items_title"].format(name({"name_zh": ind.name_zh, "name_en": ind.name}))
        sections.append(
            (title, report.table([labels["item"], labels["value"], labels["unit"], labels["verdict"]], rows))
        )
    return sections


def _target_value(target: str) -> float | None:
    """The number of a target cell ('≥ 60' -> 60.0), None without one."""
    try:
        return float(str(target).split()[-1])
    except (IndexError, ValueError):
        return None


def health_check_page(result: HealthCheckResult, labels: dict, notes: dict[str, str], lang: str) -> str:
    """HTML page. `labels`: translated headings and words (keys used below); `notes`: method note
    per indicator key (translated, with the distance mode). With a terrain DEM (value_terrain) a
    "flat vs terrain" table of the walking indicators follows the city's table."""
    table = result.table()
    city = table[table["scope"] == CITY]
    verdict = {True: labels["pass"], False: labels["fail"], None: labels["no_target"]}
    name = (lambda r: r["name_zh"]) if lang.startswith("zh") else (lambda r: f"{r['name_en']} ({r['name_zh']})")
    rows = []
    for _, r in city.iterrows():
        rows.append(
            [
                r["group_zh"],
                name(r),
                r["kind_zh"],
                _value(r["value"]) if r["computed"] else labels["not_computed"],
                r["unit"],
                r["target"],
                verdict[r["passed"]] if r["computed"] else "",
                labels["status_" + r["status"]],
                labels["basis_" + r["basis"]],
                notes.get(r["indicator"], ""),
            ]
        )
    computed = city[city["computed"]]
    counts = report.table(
        [labels["measure"], labels["count"]],
        [
            [labels["indicators"], len(city)],
            [labels["computed"], len(computed)],
            [labels["pass"], int((computed["passed"] == True).sum())],  # noqa: E712 (object column)
            [labels["fail"], int((computed["passed"] == False).sum())],  # noqa: E712
            [labels["not_computed"], len(city) - len(computed)],
        ],
    )
    sections = [
        (
            labels["edition"],
            f"<p>{report.escape(result.edition.label_zh if lang.startswith('zh') else result.edition.label)}</p>"
            f'<p class="note">{report.escape(result.edition.citation(lang))}</p>' + counts,
        ),
        (
            labels["city_table"],
            report.table(
                [
                    labels["group"],
                    labels["indicator"],
                    labels["kind"],
                    labels["value"],
                    labels["unit"],
                    labels["target"],
                    labels["verdict"],
                    labels["status"],
                    labels["basis"],
                    labels["method"],
                ],
                rows,
            ),
        ),
    ]
    notes = [labels["note_screening"], labels["note_status"]]
    if "value_terrain" in city and city["value_terrain"].notna().any() and "terrain" in labels:
        sections.append((labels["terrain"], _terrain_table(city, labels, name)))
        notes.append(labels["terrain_note"])
    sections += _item_sections(result, labels, name, verdict)
    districts = table[(table["scope"] != CITY) & table["computed"]]
    if len(districts):
        pivot = districts.pivot_table(index="scope", columns="name_zh", values="value", aggfunc="first", sort=True)
        order = [n for n in city["name_zh"] if n in pivot.columns]
        pivot = pivot[order]
        district_rows = [[scope, *[_value(v) for v in values]] for scope, values in zip(pivot.index, pivot.to_numpy())]
        units = dict(zip(city["name_zh"], city["unit"]))
        sections.append(
            (
                labels["district_table"],
                report.table([labels["district"], *[f"{n} ({units[n]})" for n in order]], district_rows),
            )
        )
    missing = city[~city["computed"]]
    if len(missing):
        sections.append(
            (
                labels["not_computed_title"],
                report.table(
                    [labels["indicator"], labels["needs"]],
                    [
                        [
                            name(r),
                            ", ".join(
                                labels.get("layer_" + n.split(":")[0], n)
                                + (f" ({n.split(':')[1]})" if ":" in n else "")
                                for n in r["needs"].split(",")
                            ),
                        ]
                        for _, r in missing.iterrows()
                    ],
                ),
            )
        )
    if result.edition.not_spatial:
        rows = [[group, "、".join(names)] for group, names in result.edition.not_spatial.items()]
        sections.append((labels["not_spatial_title"], report.table([labels["group"], labels["indicator"]], rows)))
    chart_rows = computed[computed["unit"] == "%"]
    if len(chart_rows):
        sections.append(
            (
                labels["chart_title"],
                report.bar_chart(
                    [str(n) for n in chart_rows["name_zh"]],
                    [float(np.nan_to_num(v)) for v in chart_rows["value"]],
                    unit="%",
                    target=[_target_value(t) for t in chart_rows["target"]],
                    target_label=labels["target"],
                ),
            )
        )
    return report.page(labels["title"], sections, notes, lang=lang)


def _terrain_table(city, labels: dict, name) -> str:
    """Flat vs terrain: each walking indicator of the city by distance (the definition's value)
    beside its value in walking time on the DEM (screening), and the change."""
    rows = [
        [name(r), r["unit"], _value(r["value"]), _value(r["value_terrain"]), _value(r["value_terrain"] - r["value"])]
        for _, r in city.iterrows()
        if r["computed"] and r["value_terrain"] == r["value_terrain"]
    ]
    headers = [labels["indicator"], labels["unit"], labels["flat"], labels["terrain_screening"], labels["difference"]]
    return report.table(headers, rows)
