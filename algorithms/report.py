"""HTML reports with tables and inline SVG charts, shared by every algorithm's REPORT output. Pure:
no QGIS, no matplotlib; the page opens in any browser and in QGIS's results viewer."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from . import field_labels

PALETTE = ("#2f7fc1", "#e15759", "#59a14f", "#f28e2b", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px} h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ccc;padding:4px 8px}
th{background:#f0f0f0} td.num{text-align:right;font-variant-numeric:tabular-nums}
p.note{color:#555;font-size:12px}
"""


def _english(text: str) -> str:
    return text


# Per thread (a context variable): parallel runs in QGIS's worker threads each keep their own.
_translator: ContextVar[Callable[[str], str]] = ContextVar("report_translator", default=_english)


@contextmanager
def translated_by(translate: Callable[[str], str]) -> Iterator[None]:
    """Field labels and placeholder values of the reports built inside the block go through
    `translate` (the algorithm door passes Qt's translator, context field_labels.CONTEXT); outside
    such a block, and on import, they stay English."""
    token = _translator.set(translate)
    try:
        yield
    finally:
        _translator.reset(token)


def translate(text: str) -> str:
    """`text` through the translator of the enclosing translated_by() block (English outside one)."""
    return _translator.get()(text)


def escape(value) -> str:
    return html.escape("" if value is None else str(value))


def _cell(value, digits: int) -> str:
    if isinstance(value, bool) or value is None:
        return f"<td>{escape(value if value is not None else '')}</td>"
    if isinstance(value, int):
        return f'<td class="num">{value:,}</td>'
    if isinstance(value, float):
        return '<td class="num"></td>' if math.isnan(value) else f'<td class="num">{value:,.{digits}f}</td>'
    return f"<td>{escape(value)}</td>"


def text_width(text: str, font_size: float = 12.0) -> float:
    """Rough rendered width in pixels: CJK characters are about a full em, Latin about half."""
    return sum(font_size if ord(ch) >= 0x2E80 else font_size * 0.6 for ch in text)


def table(headers: Sequence[str], rows: Sequence[Sequence], digits: int = 2) -> str:
    """An HTML table; ints get thousands separators, floats `digits` decimals, text is escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v, digits) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def frame_table(frame, digits: int = 2, columns: Sequence[str] | None = None) -> str:
    """A pandas DataFrame as an HTML table: headers are the fields' labels (field_labels), rates
    shown as percentages, people as whole numbers, placeholder values in words; `columns` picks
    and orders the columns (default: all)."""
    columns = list(columns) if columns is not None else [str(c) for c in frame.columns]
    rows = [
        [field_labels.display(c, v.item() if hasattr(v, "item") else v, translate) for c, v in zip(columns, row)]
        for row in frame[columns].itertuples(index=False)
    ]
    return table([field_labels.label(c, translate) for c in columns], rows, digits)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    title: str = "",
    unit: str = "",
    color: str = PALETTE[0],
    width: int = 640,
    target: float | Sequence[float | None] | None = None,
    target_label: str = "",
) -> str:
    """Horizontal bar chart as inline SVG (one bar per label); see stacked_bar_chart for the axis
    of rates and the target marks."""
    return stacked_bar_chart(
        labels,
        {title or unit: values},
        title=title,
        unit=unit,
        colors=[color],
        width=width,
        legend=False,
        target=target,
        target_label=target_label,
    )


PERCENT = "%"
_TICKS = 4  # axis ticks of a rate chart: 0, 25, 50, 75, 100 %


def _number(value) -> float:
    value = float(value or 0)
    return 0.0 if math.isnan(value) else value


def stacked_bar_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    title: str = "",
    unit: str = "",
    colors: Sequence[str] | None = None,
    width: int = 640,
    legend: bool = True,
    target: float | Sequence[float | None] | None = None,
    target_label: str = "",
) -> str:
    """Horizontal stacked bars as inline SVG: one bar per label, one coloured segment per series.
    Rates (unit '%') stand on a 0-100 % axis with ticks, so 18 % reads as 18 % of the width (other
    units scale to the largest bar); `target` draws a dashed line across the bars (one number) or a
    mark on each bar (one number or None per bar), labelled `target_label`. The label column and the
    picture widen to the longest label and value: no text is cut."""
    colors = list(colors or PALETTE)
    names = list(series)
    totals = [sum(max(_number(series[n][i]), 0.0) for n in names) for i in range(len(labels))]
    line = float(target) if isinstance(target, (int, float)) else None  # one target for every bar
    per_bar = [] if target is None or line is not None else list(target)
    marks = [None if t is None or t != t else float(t) for t in per_bar] + [None] * (len(labels) - len(per_bar))
    rate = unit == PERCENT
    top = max([*totals, *(m for m in marks if m is not None), line or 0.0], default=0.0)
    top = max(top, 100.0) if rate else (top or 1.0)
    values = [f"{t:,.2f} {unit}".strip() for t in totals]
    bar, gap = 18, 6
    left = 12 + max([text_width(str(label)) for label in labels] + [48.0])
    right = 12 + max([text_width(v) for v in values] + [36.0])
    plot = max(width - left - right, 240.0)
    width = max(left + plot + right, text_width(title, 13.0) + 8)
    legend_rows: list[list[tuple[int, float]]] = []  # per row: (series index, x)
    if legend and names:
        x, row = float(left), []
        for k, name in enumerate(names):
            item = 16 + text_width(str(name)) + 14
            if row and x + item > width:
                legend_rows.append(row)
                x, row = float(left), []
            row.append((k, x))
            x += item
        legend_rows.append(row)
    legend_height = 20 * len(legend_rows) + (2 if legend_rows else 0)
    target_text = f"{target_label} {line:g} {unit}".strip() if line is not None else ""
    target_height = 16 if target_text else 0
    bars_top = 26 + legend_height + target_height
    bars_bottom = bars_top + len(labels) * (bar + gap)
    axis_height = 20 if rate else 0
    height = bars_bottom + axis_height + 4

    def at(value: float) -> float:
        return left + plot * value / top

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" font-size="12">']
    if title:
        parts.append(f'<text x="4" y="16" font-weight="bold">{escape(title)}</text>')
    for r, row in enumerate(legend_rows):
        y = 24 + 20 * r
        for k, x in row:
            parts.append(f'<rect x="{x:.0f}" y="{y}" width="12" height="12" fill="{colors[k % len(colors)]}"/>')
            parts.append(f'<text x="{x + 16:.0f}" y="{y + 10}">{escape(names[k])}</text>')
    if rate:  # the 0-100 % axis: grid lines and tick labels under the bars
        for k in range(_TICKS + 1):
            value = 100.0 * k / _TICKS
            parts.append(
                f'<line x1="{at(value):.1f}" y1="{bars_top - 2}" x2="{at(value):.1f}" y2="{bars_bottom}" '
                'stroke="#ddd"/>'
            )
            parts.append(
                f'<text x="{at(value):.1f}" y="{bars_bottom + 14}" text-anchor="middle" fill="#555">{value:g} %</text>'
            )
    for i, label in enumerate(labels):
        y = bars_top + i * (bar + gap)
        parts.append(f'<text x="{left - 6:.1f}" y="{y + bar - 5}" text-anchor="end">{escape(label)}</text>')
        x = float(left)
        for k, name in enumerate(names):
            w = plot * max(_number(series[name][i]), 0.0) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colors[k % len(colors)]}">'
                f"<title>{escape(name)}: {_number(series[name][i]):,.2f} {escape(unit)}</title></rect>"
            )
            x += w
        mark = None if marks[i] is None else at(marks[i])
        after = x if mark is None else max(x, mark + 1)  # the value beside the bar and its target mark
        parts.append(f'<text x="{after + 4:.1f}" y="{y + bar - 5}">{escape(values[i])}</text>')
        if mark is not None:
            parts.append(
                f'<line x1="{mark:.1f}" y1="{y - 2}" x2="{mark:.1f}" y2="{y + bar + 2}" stroke="#222" '
                f'stroke-width="2"><title>{escape(target_label)} {marks[i]:g} {escape(unit)}</title></line>'
            )
    if line is not None:
        x = at(line)
        parts.append(
            f'<line x1="{x:.1f}" y1="{bars_top - 4}" x2="{x:.1f}" y2="{bars_bottom}" stroke="#c0392b" '
            'stroke-width="1.5" stroke-dasharray="5,3"/>'
        )
        anchor = "end" if x + text_width(target_text) > width else "start"
        parts.append(
            f'<text x="{x + (-3 if anchor == "end" else 3):.1f}" y="{bars_top - 6}" text-anchor="{anchor}" '
            f'fill="#c0392b">{escape(target_text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    x: Sequence[float],
    series: dict[str, Sequence[float]],
    title: str = "",
    x_label: str = "",
    y_label: str = "",
    x_ticks: Sequence[str] | None = None,
    width: int = 640,
    height: int = 320,
) -> str:
    """Line chart as inline SVG: one polyline per series over a shared x; optional category ticks."""
    names = list(series)
    xs = [float(v) for v in x]
    ys = [float(v) for n in names for v in series[n] if v is not None and not math.isnan(float(v))]
    if not xs or not ys:
        return ""
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = min(0.0, min(ys)), max(ys) if max(ys) > min(0.0, min(ys)) else 1.0
    left, bottom, top_pad, right = 60, 50, 40, 20
    pw, ph = width - left - right, height - bottom - top_pad

    def px(v):
        return left + pw * (v - x0) / (x1 - x0)

    def py(v):
        return top_pad + ph * (1 - (v - y0) / (y1 - y0))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="12">']
    if title:
        parts.append(f'<text x="{left}" y="16" font-weight="bold">{escape(title)}</text>')
    parts.append(f'<line x1="{left}" y1="{py(y0)}" x2="{left + pw}" y2="{py(y0)}" stroke="#888"/>')
    parts.append(f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + ph}" stroke="#888"/>')
    for k in range(5):
        v = y0 + (y1 - y0) * k / 4
        parts.append(f'<text x="{left - 4}" y="{py(v) + 4:.1f}" text-anchor="end">{v:,.3g}</text>')
    if x_ticks:
        for xv, tick in zip(xs, x_ticks):
            parts.append(
                f'<text x="{px(xv):.1f}" y="{top_pad + ph + 14}" text-anchor="end" '
                f'transform="rotate(-45 {px(xv):.1f} {top_pad + ph + 14})" font-size="10">{escape(tick)}</text>'
            )
    parts.append(f'<text x="{left + pw / 2}" y="{height - 4}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(
        f'<text x="12" y="{top_pad + ph / 2}" transform="rotate(-90 12 {top_pad + ph / 2})" '
        f'text-anchor="middle">{escape(y_label)}</text>'
    )
    for k, name in enumerate(names):
        points = " ".join(
            f"{px(xv):.1f},{py(float(yv)):.1f}"
            for xv, yv in zip(xs, series[name])
            if yv is not None and not math.isnan(float(yv))
        )
        color = PALETTE[k % len(PALETTE)]
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        parts.append(
            f'<text x="{left + pw - 4}" y="{top_pad + 14 * (k + 1)}" text-anchor="end" fill="{color}">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def page(title: str, sections: Sequence[tuple[str, str]], notes: Sequence[str] = (), lang: str = "en") -> str:
    """A complete UTF-8 HTML page: title, then (heading, html body) sections, then notes."""
    body = [f"<h1>{escape(title)}</h1>"]
    for heading, content in sections:
        body.append(f"<h2>{escape(heading)}</h2>{content}")
    body.extend(f'<p class="note">{escape(n)}</p>' for n in notes)
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>{''.join(body)}</body></html>"
    )


def write(path: str, html_text: str) -> str:
    with open(path, "w", encoding="utf-8") as f:
        f.write(html_text)
    return path
