"""Metro lines as ordered stops with their distance along the line, built from a station table
and validated. Pure: pandas and shapely.

One row per station per line it serves (an interchange appears once per line), identified across
lines by its station id. The order along a line comes from an order column, or - when the line's
geometry is given and no order is - from the stations' positions along that geometry. Distances
between stops follow the line geometry when there is one, else the straight line between stations.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import numpy as np

TRACK = "track"
STRAIGHT_LINE = "straight_line"
OFF_LINE_TOLERANCE_M = 300.0  # a station farther than this from its line's geometry is an input error


class TransitInputError(ValueError):
    """Base class of the engine's input errors; the processing module words each for the planner."""


class DuplicateOrderError(TransitInputError):
    def __init__(self, line: str, order: float, stations: list[str]):
        super().__init__(f"line {line}: order {order:g} is used by {', '.join(stations)}")
        self.line, self.order, self.stations = line, order, stations


class SingleStationLineError(TransitInputError):
    def __init__(self, line: str, station: str):
        super().__init__(f"line {line} has only one station ({station})")
        self.line, self.station = line, station


class MissingOrderError(TransitInputError):
    def __init__(self, line: str):
        super().__init__(f"line {line}: stations have no order and there is no line geometry")
        self.line = line


class StationOffLineError(TransitInputError):
    def __init__(self, line: str, station: str, distance_m: float):
        super().__init__(f"station {station} lies {distance_m:.0f} m from the geometry of line {line}")
        self.line, self.station, self.distance_m = line, station, distance_m


class UnknownStationError(TransitInputError):
    def __init__(self, query: str, suggestions: list[str]):
        super().__init__(f"no station '{query}'; near matches: {', '.join(suggestions) or 'none'}")
        self.query, self.suggestions = query, suggestions


@dataclass
class Line:
    """A line (or branch) with its stops in order: station ids, names, distances along the line
    (m, increasing) and which stops the express pattern serves."""

    line_id: str
    station_ids: list[str]
    names: list[str]
    positions_m: np.ndarray
    express: list[bool] = field(default_factory=list)
    distance_method: str = STRAIGHT_LINE  # TRACK: along the line geometry; STRAIGHT_LINE: between stations

    @property
    def express_stops(self) -> list[int]:
        return [i for i, flag in enumerate(self.express) if flag]

    @property
    def has_express(self) -> bool:
        return len(self.express_stops) >= 2


def build_lines(table, line_geometries: dict | None = None) -> list[Line]:
    """Lines from `table` (columns station_id, name, line, order (may be NaN), express (bool), x, y
    in a metric CRS) and optional {line id: shapely LineString} geometries.

    Raises DuplicateOrderError, SingleStationLineError, MissingOrderError, StationOffLineError."""
    line_geometries = line_geometries or {}
    lines = []
    for line_id, rows in table.groupby("line", sort=True):
        line_id = str(line_id)
        if rows["station_id"].nunique() < 2:
            raise SingleStationLineError(line_id, str(rows["name"].iloc[0]))
        geometry = line_geometries.get(line_id)
        orders = rows["order"].astype(float)
        if orders.notna().all():
            duplicated = orders[orders.duplicated(keep=False)]
            if len(duplicated):
                first = duplicated.iloc[0]
                raise DuplicateOrderError(line_id, first, [str(n) for n in rows.loc[orders == first, "name"]])
        elif geometry is None:
            raise MissingOrderError(line_id)
        if geometry is not None:
            positions = _positions_on_geometry(line_id, rows, geometry)
            sort_key = orders.to_numpy() if orders.notna().all() else positions
        else:
            sort_key = orders.to_numpy()
        order = np.argsort(sort_key, kind="stable")
        rows = rows.iloc[order]
        if geometry is not None:
            positions = positions[order]
            positions = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(positions)))])
        else:
            xy = rows[["x", "y"]].to_numpy(dtype=float)
            positions = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
        lines.append(
            Line(
                line_id,
                [str(s) for s in rows["station_id"]],
                [str(n) for n in rows["name"]],
                positions,
                [bool(e) for e in rows["express"]],
                TRACK if geometry is not None else STRAIGHT_LINE,
            )
        )
    return lines


def _positions_on_geometry(line_id: str, rows, geometry) -> np.ndarray:
    import shapely

    points = shapely.points(rows["x"].to_numpy(dtype=float), rows["y"].to_numpy(dtype=float))
    distances = shapely.distance(geometry, points)
    worst = int(np.argmax(distances))
    if distances[worst] > OFF_LINE_TOLERANCE_M:
        raise StationOffLineError(line_id, str(rows["name"].iloc[worst]), float(distances[worst]))
    return shapely.line_locate_point(geometry, points)


def station_names(lines: list[Line]) -> dict[str, str]:
    """Station id -> name over all lines."""
    return {sid: name for line in lines for sid, name in zip(line.station_ids, line.names)}


def find_station(query: str, names: dict[str, str]) -> str:
    """The station id a planner means by `query` (an id or a name, exact match first, then ignoring
    case and spaces); raises UnknownStationError listing the closest ids/names."""
    query = str(query).strip()
    if query in names:
        return query
    by_name = [sid for sid, name in names.items() if name == query]
    if not by_name:
        folded = query.casefold().replace(" ", "")
        by_name = [
            sid
            for sid, name in names.items()
            if folded in (name.casefold().replace(" ", ""), sid.casefold().replace(" ", ""))
        ]
    if len(by_name) >= 1:
        return by_name[0]
    candidates = sorted(set(names.values()) | set(names))
    suggestions = difflib.get_close_matches(query, candidates, n=5, cutoff=0.3)
    if not suggestions:  # CJK names: a shared character is the useful hint
        suggestions = [n for n in sorted(set(names.values())) if set(n) & set(query)][:5]
    raise UnknownStationError(query, suggestions)
