"""Express (大站直达) service evaluation from a station table: resolve the express pattern and the
destination, compare door-to-door times with and without the express, one row per station. Pure.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from . import commute
from . import lines as lines_module
from .lines import Line, TransitInputError


class UnknownLineError(TransitInputError):
    def __init__(self, line: str, known: list[str]):
        super().__init__(f"no line '{line}'; lines: {', '.join(known)}")
        self.line, self.known = line, known


class NoExpressError(TransitInputError):
    """No line has two or more express stops: there is no express pattern to evaluate."""


@dataclass
class ExpressEvaluation:
    lines: list[Line]
    destination: str
    stations: pd.DataFrame  # one row per station, see STATION_COLUMNS
    # ("single_express_stop", line, station) | ("unreachable", station) | ("straight_line", "line, line, ...")
    warnings: list[tuple] = field(default_factory=list)

    @property
    def distance_method(self) -> str:
        """lines.TRACK when every line has its track geometry, lines.STRAIGHT_LINE when none has,
        else 'mixed'."""
        methods = {line.distance_method for line in self.lines}
        return methods.pop() if len(methods) == 1 else "mixed"


STATION_COLUMNS = (
    "station_id",
    "name",
    "lines",
    "express_stop",
    "allstop_ivt_min",
    "allstop_wait_min",
    "allstop_transfer_min",
    "allstop_total_min",
    "allstop_transfers",
    "allstop_route",
    "express_ivt_min",
    "express_wait_min",
    "express_transfer_min",
    "express_total_min",
    "express_transfers",
    "express_route",
    "uses_express",
    "minutes_saved",
    "percent_saved",
    "distance_method",
)


def parse_list(text: str | None) -> list[str]:
    """'a, b；c' -> ['a', 'b', 'c'] (commas, Chinese commas and semicolons separate)."""
    if not text:
        return []
    for separator in ("，", "、", ";", "；"):
        text = text.replace(separator, ",")
    return [item.strip() for item in text.split(",") if item.strip()]


def apply_express_pattern(table: pd.DataFrame, express_stations: list[str], express_lines: list[str]) -> pd.DataFrame:
    """A copy of `table` whose express column also flags `express_stations` (ids or names) and is
    limited to `express_lines` when given. Raises UnknownStationError, UnknownLineError."""
    table = table.copy()
    known_lines = sorted(table["line"].astype(str).unique())
    for line in express_lines:
        if line not in known_lines:
            raise UnknownLineError(line, known_lines)
    names = dict(zip(table["station_id"].astype(str), table["name"].astype(str)))
    chosen = {lines_module.find_station(query, names) for query in express_stations}
    table["express"] = table["express"].astype(bool) | table["station_id"].astype(str).isin(chosen)
    if express_lines:
        table.loc[~table["line"].astype(str).isin(express_lines), "express"] = False
    return table


def evaluate(
    table: pd.DataFrame,
    destination: str,
    model,
    service,
    line_geometries: dict | None = None,
    express_stations: list[str] = (),
    express_lines: list[str] = (),
    is_canceled: Callable[[], bool] | None = None,
) -> ExpressEvaluation:
    """Times to `destination` (id or name) from every station, all-stop vs with the express.

    `table`: station_id, name, line, order, express, x, y (see lines.build_lines)."""
    table = apply_express_pattern(table, list(express_stations), list(express_lines))
    lines = lines_module.build_lines(table, line_geometries)
    warnings = [
        ("single_express_stop", line.line_id, line.names[line.express_stops[0]])
        for line in lines
        if len(line.express_stops) == 1
    ]
    straight = [line.line_id for line in lines if line.distance_method == lines_module.STRAIGHT_LINE]
    if straight:
        warnings.append(("straight_line", ", ".join(straight)))
    if not any(line.has_express for line in lines):
        raise NoExpressError("no line has two or more express stops")
    names = lines_module.station_names(lines)
    target = lines_module.find_station(destination, names)
    comparison = commute.compare_patterns(lines, target, model, service, is_canceled)
    served = {sid for line in lines if line.has_express for sid in (line.station_ids[i] for i in line.express_stops)}
    on_lines: dict[str, list[str]] = {}
    methods: dict[str, set[str]] = {}
    for line in lines:
        for sid in line.station_ids:
            on_lines.setdefault(sid, []).append(line.line_id)
            methods.setdefault(sid, set()).add(line.distance_method)
    rows = []
    for sid, (slow, fast) in comparison.items():
        if slow is None:
            warnings.append(("unreachable", names[sid]))
        rows.append(_row(sid, names[sid], on_lines[sid], sid in served, slow, fast) + [",".join(sorted(methods[sid]))])
    return ExpressEvaluation(lines, target, pd.DataFrame(rows, columns=list(STATION_COLUMNS)), warnings)


def _row(sid, name, on_lines, served, slow, fast) -> list:
    def parts(j):
        if j is None:
            return [math.nan, math.nan, math.nan, math.nan, None, None]
        return [j.in_vehicle, j.wait, j.transfer, j.total, j.transfers, " > ".join(j.lines)]

    saved = slow.total - fast.total if slow is not None else math.nan
    percent = 100.0 * saved / slow.total if slow is not None and slow.total > 0 else math.nan
    return [
        sid,
        name,
        ",".join(on_lines),
        served,
        *parts(slow),
        *parts(fast),
        bool(fast.uses_express) if fast is not None else False,
        saved,
        percent,
    ]
