"""What the results panel shows: the key numbers of a run and the first chart of its report."""

from __future__ import annotations

import re
from pathlib import Path

NUMBER_TYPES = ("outputNumber", "outputString", "outputBoolean")
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def format_value(value) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.3g}"
    return str(value)


def key_numbers(algorithm, results: dict) -> list[tuple[str, str]]:
    """(description, formatted value) of every number/text/boolean output of the run, in the
    algorithm's order."""
    rows = []
    for output in algorithm.outputDefinitions():
        if output.type() in NUMBER_TYPES and results.get(output.name()) not in (None, ""):
            rows.append((output.description(), format_value(results[output.name()])))
    return rows


def report_path(algorithm, results: dict) -> str | None:
    """The HTML report written by the run (an HTML output or an .html file destination)."""
    for output in algorithm.outputDefinitions():
        value = results.get(output.name())
        if isinstance(value, str) and value.lower().endswith((".html", ".htm")) and Path(value).exists():
            return value
    return None


def first_chart(html_path: str | None) -> bytes | None:
    """The first inline SVG chart of the report, ready for QSvgWidget.load()."""
    if not html_path:
        return None
    match = SVG.search(Path(html_path).read_text(encoding="utf-8", errors="replace"))
    return match.group(0).encode("utf-8") if match else None
