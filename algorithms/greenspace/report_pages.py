"""HTML report pages of the green-city algorithms (tables + inline SVG charts via report.py).
Pure: the processing module passes translated labels in; field headers, rates (as percentages),
people (whole numbers) and placeholder values come from algorithms/field_labels.py."""

from __future__ import annotations

import numpy as np

from .. import field_labels, report
from .inputs import ALL, OUTSIDE

_ZH = "zh-Hans"


def _status(rate, target) -> str:
    """达标 / 未达标 against the target, '-' when either is missing."""
    if target is None or rate is None or (isinstance(rate, float) and np.isnan(rate)):
        return "-"
    return report.translate(field_labels.MEETS if rate >= target else field_labels.FAILS)


def _districts_given(summary) -> object:
    """`summary` without its 'outside districts' row when no districts were given (every home is
    then 'outside', and the row would repeat the whole-city row under a misleading name)."""
    named = set(summary["district"]) - {ALL}
    return summary[summary["district"] != OUTSIDE] if named <= {OUTSIDE} else summary


def _names(values) -> list[str]:
    return [str(field_labels.value_label(v, report.translate)) for v in values]


def _preset_notes(preset, language: str, labels: dict) -> list[str]:
    """The standard the rates are read against: its Chinese name under zh-Hans (the citation and the
    English reading note are English), the citation and note otherwise."""
    if not preset:
        return []
    if language == _ZH:
        return [f"{labels['source']}: {preset.get('label_zh') or preset.get('source', '')}"] + (
            [preset["note_zh"]] if preset.get("note_zh") else []
        )
    return [f"{labels['source']}: {preset.get('source', '')}"] + ([preset["note"]] if preset.get("note") else [])


def coverage_page(path: str, title: str, result, rules, preset, language: str, labels: dict) -> str:
    """Rates against the target (达标/未达标), the district table with a bar chart, grades and the
    distance mode."""
    zh = language == _ZH
    target = preset.get("coverage_target") if preset else None
    status = report.translate(field_labels.STATUS)
    rates = report.table(
        [labels["by_area"], labels["by_population"], labels["target"], status],
        [
            [
                field_labels.percent(result.rate_area),
                field_labels.percent(result.rate_population),
                field_labels.percent(target),
                _status(result.rate_area, target),
            ]
        ],
    )
    summary = _districts_given(result.summary)
    names = _names(summary["district"])
    line = None if target is None else 100 * float(target)
    chart = report.bar_chart(
        names,
        (summary["rate_area"] * 100).tolist(),
        title=labels["by_area"],
        unit="%",
        target=line,
        target_label=labels["target"],
    )
    if "rate_population" in summary:
        chart += report.bar_chart(
            names,
            (summary["rate_population"].fillna(0) * 100).tolist(),
            title=labels["by_population"],
            unit="%",
            color=report.PALETTE[2],
            target=line,
            target_label=labels["target"],
        )
    district_table = report.frame_table(summary.drop(columns=["mode"], errors="ignore"))
    if target is not None:
        rows = [
            [name, field_labels.percent(rate), _status(rate, target)] for name, rate in zip(names, summary["rate_area"])
        ]
        district_table += report.table(
            [field_labels.label("district", report.translate), labels["by_area"], status], rows
        )
    grade_rows = [[(r.grade_zh or r.grade) if zh else r.grade, r.min_area_m2, r.radius_m] for r in rules]
    grades = report.table(
        [field_labels.label(c, report.translate) for c in ("grade", "min_area_m2", "radius_m")], grade_rows, digits=0
    )
    parks = result.parks
    if zh:  # grade ids in words
        names_zh = {r.grade: r.grade_zh or r.grade for r in rules}
        parks = parks.assign(
            **{c: [names_zh.get(g, g) for g in parks[c]] for c in ("grade", "park_grade") if c in parks}
        )
    areas = result.service_areas.drop(columns=["geometry", "mode", "grade" if zh else "grade_zh"], errors="ignore")
    notes = [labels["mode_network"] if result.mode == "network" else labels["mode_euclidean"]]
    notes += _preset_notes(preset, language, labels)
    notes.extend(labels["message"](m) for m in result.messages)
    sections = [
        (labels["rates"], rates),
        (labels["districts"], district_table + chart),
        (labels["rules"], grades),
        (labels["grades"], report.frame_table(areas)),
        (labels["parks"], report.frame_table(parks)),
    ]
    if result.terrain is not None and "terrain" in labels:
        sections.insert(1, (labels["terrain"], _terrain_table(result, labels)))
        notes.append(labels["terrain_note"])
    return report.write(path, report.page(title, sections, notes, lang=language))


def _terrain_table(result, labels: dict) -> str:
    """Flat vs terrain: the standard's figure (distance) beside the terrain-aware screening one
    (walking time on the DEM), homes and residents that lose coverage."""
    t = result.terrain
    rows = [[labels["homes_covered"], t["homes_covered"], t["homes_covered_terrain"]]]
    if t["rate_population_terrain"] is not None:
        rows.append([labels["by_population"], result.rate_population, t["rate_population_terrain"]])
    rows.append([labels["homes_losing"], "", t["homes_losing_coverage"]])
    if t["population_losing_coverage"] is not None:
        rows.append([labels["population_losing"], "", t["population_losing_coverage"]])
    return report.table(["", labels["flat"], labels["terrain_screening"]], rows)


def equity_page(path: str, title: str, result, language: str, labels: dict) -> str:
    """District table (mean, Gini, population below target), Lorenz curve, score distribution; with a
    terrain DEM (the summary's *_terrain columns) a "flat vs terrain" section."""
    summary = _districts_given(result.summary)
    lorenz = report.line_chart(
        result.lorenz_x.tolist(),
        {labels["lorenz"]: result.lorenz_y.tolist(), labels["equality"]: result.lorenz_x.tolist()},
        title=labels["lorenz"],
        x_label=labels["population_share"],
        y_label=labels["access_share"],
    )
    names = _names(summary["district"])
    chart = report.bar_chart(
        names,
        summary["mean_m2"].fillna(0).tolist(),
        title=labels["mean"],
        unit="m²/人" if language == _ZH else "m²/person",
    )
    notes = [labels["mode_network"] if result.mode == "network" else labels["mode_euclidean"], labels["method"]]
    notes.extend(labels["message"](m) for m in result.messages)
    sections = [
        (labels["districts"], report.frame_table(summary.drop(columns=["mode"], errors="ignore")) + chart),
        (
            labels["lorenz"],
            f"<p>{report.escape(field_labels.label('gini', report.translate))} = {result.gini:.3f}</p>" + lorenz,
        ),
    ]
    if result.classes is not None:
        sections.append(
            (labels["classes"], _class_section(_districts_given(result.classes.summary), language, labels, notes))
        )
    sections.append((labels["parks"], report.frame_table(result.parks)))
    if "mean_m2_terrain" in result.summary and "terrain" in labels:
        sections.insert(1, (labels["terrain"], _equity_terrain(result.summary.iloc[-1], labels)))
        notes.append(labels["terrain_note"])
    return report.write(path, report.page(title, sections, notes, lang=language))


def _people(value) -> int | float:
    """A number of people as a whole number (NaN stays NaN: an empty cell)."""
    value = float(value)
    return value if value != value else round(value)


def _equity_terrain(total, labels: dict) -> str:
    """Flat vs terrain of the whole city (the 'All' row): mean score, Gini and people below the
    target with decay on distance (the standard's) and on walking time (screening), and the change."""
    rows = []
    for label, column, people in (
        (labels["mean_value"], "mean_m2", False),
        (field_labels.label("gini", report.translate), "gini", False),
        (labels["population_below"], "population_below", True),
    ):
        flat, terrain = float(total[column]), float(total[f"{column}_terrain"])
        if people:
            rows.append([label, _people(flat), _people(terrain), _people(terrain - flat)])
        else:
            rows.append([label, flat, terrain, round(terrain - flat, 3) + 0.0])  # + 0.0: no "-0.000"
    return report.table(["", labels["flat"], labels["terrain_screening"], labels["difference"]], rows, digits=3)


def _class_section(summary, language: str, labels: dict, notes: list[str]) -> str:
    """GB 55014-2021 2.1.4 table (per-capita area per class and district, 达标/未达标 strictly above the
    target) with a bar chart per class; the clause and the screening caveat go to the notes."""
    verdict = [report.translate(field_labels.MEETS if meets else field_labels.FAILS) for meets in summary["meets"]]
    table = report.frame_table(
        summary.assign(meets=verdict),
        columns=[
            "district",
            "park_class",
            "basis",
            "parks",
            "park_area_m2",
            "population",
            "per_capita_m2",
            "target_m2",
            "meets",
            "mean_m2",
            "population_covered",
            "population_not_covered",
            "population_unreachable",
        ],
    )
    unit = "m²/人" if language == _ZH else "m²/person"
    charts = "".join(
        report.bar_chart(
            _names(rows["district"]),
            rows["per_capita_m2"].fillna(0).tolist(),
            title=str(field_labels.value_label(name, report.translate)),
            unit=unit,
            color=report.PALETTE[index],
            target=rows["target_m2"].tolist(),
        )
        for index, (name, rows) in enumerate(summary.groupby("park_class", sort=False))
    )
    notes.insert(0, labels["classes_note"].format(f"{summary['target_m2'].max():g}"))
    return table + charts


def facility_page(path: str, title: str, result, types: dict, language: str, labels: dict) -> str:
    """Per type: share of homes and people covered; completeness distribution; missing types; with a
    terrain DEM (completeness_terrain) a "flat vs terrain" section."""
    zh = language == _ZH
    summary = _districts_given(result.summary).drop(columns=["mode"], errors="ignore").copy()

    def name(type_id):
        spec = types.get(type_id, {})
        return spec.get("label_zh" if zh else "label", type_id) or type_id

    summary["type"] = [name(t) for t in summary["type"]]
    summary = summary.drop(columns=["type_label"], errors="ignore")
    overall = summary[summary["district"] == "(all)"]
    chart = report.bar_chart(
        overall["type"].tolist(), (overall["share_homes"] * 100).tolist(), title=labels["share_homes"], unit="%"
    )
    completeness = result.residential["completeness"].fillna(0).to_numpy()
    bins = [0, 0.25, 0.5, 0.75, 1.0 + 1e-9]
    counts = np.histogram(completeness, bins=bins)[0]
    dist = report.bar_chart(["0-25%", "25-50%", "50-75%", "75-100%"], counts.tolist(), title=labels["completeness"])
    notes = [labels["mode_network"] if result.mode == "network" else labels["mode_euclidean"]]
    if result.missing_types:
        notes.append(labels["missing"] + ", ".join(name(t) for t in result.missing_types))
    notes.extend(labels["message"](m) for m in result.messages)
    sections = [
        (labels["by_type"], report.frame_table(overall.drop(columns=["district"])) + chart),
        (labels["completeness"], dist),
        (labels["districts"], report.frame_table(summary)),
    ]
    if "completeness_terrain" in result.residential and "terrain" in labels:
        sections.insert(1, (labels["terrain"], _facility_terrain(result.residential, overall, labels)))
        notes.append(labels["terrain_note"])
    return report.write(path, report.page(title, sections, notes, lang=language))


def _facility_terrain(residential, overall, labels: dict) -> str:
    """Flat vs terrain: mean completeness, then per facility type the homes (and residents) covered
    by distance (the standard's) and in walking time on the DEM (screening), and those losing coverage."""
    rows = [
        [
            labels["completeness_mean"],
            field_labels.percent(float(residential["completeness"].mean())),
            field_labels.percent(float(residential["completeness_terrain"].mean())),
            "",
        ]
    ]
    for r in overall.to_dict("records"):
        rows.append(
            [f"{r['type']}: {labels['homes_covered']}"]
            + [int(r[c]) for c in ("homes_covered", "homes_covered_terrain", "homes_losing_coverage")]
        )
        if "population_losing_coverage" in r and r["population_losing_coverage"] == r["population_losing_coverage"]:
            rows.append(
                [
                    f"{r['type']}: {labels['population_covered']}",
                    _people(r["population_covered"]),
                    _people(r["population_covered_terrain"]),
                    _people(r["population_losing_coverage"]),
                ]
            )
    return report.table(["", labels["flat"], labels["terrain_screening"], labels["losing"]], rows)
