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
) -> str:
    """Horizontal bar chart as inline SVG (one bar per label)."""
    return stacked_bar_chart(
        labels, {title or unit: values}, title=title, unit=unit, colors=[color], width=width, legend=False
    )


def stacked_bar_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    title: str = "",
    unit: str = "",
    colors: Sequence[str] | None = None,
    width: int = 640,
    legend: bool = True,
) -> str:
    """Horizontal stacked bars as inline SVG: one bar per label, one coloured segment per series."""
    colors = list(colors or PALETTE)
    names = list(series)
    totals = [sum(max(float(series[n][i] or 0), 0.0) for n in names) for i in range(len(labels))]
    top = max(totals, default=0.0) or 1.0
    bar, gap, left, right = 18, 6, 160, 90
    plot = width - left - right
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
    height = 30 + legend_height + len(labels) * (bar + gap)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="12">']
    if title:
        parts.append(f'<text x="{left}" y="16" font-weight="bold">{escape(title)}</text>')
    for r, row in enumerate(legend_rows):
        y = 24 + 20 * r
        for k, x in row:
            parts.append(f'<rect x="{x:.0f}" y="{y}" width="12" height="12" fill="{colors[k % len(colors)]}"/>')
            parts.append(f'<text x="{x + 16:.0f}" y="{y + 10}">{escape(names[k])}</text>')
    for i, label in enumerate(labels):
        y = 26 + legend_height + i * (bar + gap)
        parts.append(f'<text x="{left - 6}" y="{y + bar - 5}" text-anchor="end">{escape(label)}</text>')
        x = float(left)
        for k, name in enumerate(names):
            w = plot * max(float(series[name][i] or 0), 0.0) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colors[k % len(colors)]}">'
                f"<title>{escape(name)}: {float(series[name][i] or 0):,.2f} {escape(unit)}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar - 5}">{totals[i]:,.2f} {escape(unit)}</text>')
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
