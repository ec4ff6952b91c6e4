"""HTML report pages of the green-city algorithms (tables + inline SVG charts via report.py).
Pure: the processing module passes translated labels in."""

from __future__ import annotations

import numpy as np

from .. import report

_ZH = "zh-Hans"


def _pct(value) -> str:
    return "-" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.1%}"


def coverage_page(path: str, title: str, result, rules, preset, language: str, labels: dict) -> str:
    """Rates, the district table with a bar chart, grades and the distance mode."""
    zh = language == _ZH
    rates = report.table(
        [labels["by_area"], labels["by_population"], labels["target"]],
        [[_pct(result.rate_area), _pct(result.rate_population),
          _pct(preset.get("coverage_target")) if preset else "-"]],
    )
    summary = result.summary
    names = summary["district"].astype(str).tolist()
    chart = report.bar_chart(names, (summary["rate_area"] * 100).tolist(), title=labels["by_area"], unit="%")
    if "rate_population" in summary:
        chart += report.bar_chart(names, (summary["rate_population"].fillna(0) * 100).tolist(),
                                  title=labels["by_population"], unit="%", color=report.PALETTE[2])
    grade_rows = [[(r.grade_zh or r.grade) if zh else r.grade, r.min_area_m2, r.radius_m] for r in rules]
    grades = report.table(["grade", "min_area_m2", "radius_m"], grade_rows, digits=0)
    areas = result.service_areas.drop(columns="geometry")
    notes = [labels["mode_network"] if result.mode == "network" else labels["mode_euclidean"]]
    if preset:
        notes.append(f"{labels['source']}: {preset.get('source', '')}")
        if preset.get("note"):
            notes.append(preset["note"])
    notes.extend(labels["message"](m) for m in result.messages)
    sections = [
        (labels["rates"], rates),
        (labels["districts"], report.frame_table(summary) + chart),
        (labels["rules"], grades),
        (labels["grades"], report.frame_table(areas)),
        (labels["parks"], report.frame_table(result.parks)),
    ]
    return report.write(path, report.page(title, sections, notes, lang=language))


def equity_page(path: str, title: str, result, language: str, labels: dict) -> str:
    """District table (mean, Gini, population below target), Lorenz curve, score distribution."""
    summary = result.summary
    lorenz = report.line_chart(
        result.lorenz_x.tolist(), {labels["lorenz"]: result.lorenz_y.tolist(), labels["equality"]: result.lorenz_x.tolist()},
        title=labels["lorenz"], x_label=labels["population_share"], y_label=labels["access_share"],
    )
    names = summary["district"].astype(str).tolist()
    chart = report.bar_chart(names, summary["mean_m2"].fillna(0).tolist(), title=labels["mean"], unit="m²/person")
    notes = [labels["mode_network"] if result.mode == "network" else labels["mode_euclidean"], labels["method"]]
    notes.extend(labels["message"](m) for m in result.messages)
    sections = [
        (labels["districts"], report.frame_table(summary) + chart),
        (labels["lorenz"], f"<p>Gini = {result.gini:.3f}</p>" + lorenz),
        (labels["parks"], report.frame_table(result.parks)),
    ]
    return report.write(path, report.page(title, sections, notes, lang=language))


def facility_page(path: str, title: str, result, types: dict, language: str, labels: dict) -> str:
    """Per type: share of homes and people covered; completeness distribution; missing types."""
    zh = language == _ZH
    summary = result.summary
    overall = summary[summary["district"] == "(all)"]

    def name(type_id):
        spec = types.get(type_id, {})
        return spec.get("label_zh" if zh else "label", type_id) or type_id

    chart = report.bar_chart([name(t) for t in overall["type"]], (overall["share_homes"] * 100).tolist(),
                             title=labels["share_homes"], unit="%")
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
    return report.write(path, report.page(title, sections, notes, lang=language))
