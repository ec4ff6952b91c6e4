"""Drainage corridors (排涝通道): where concentrated surface flow runs, how wide a strip it needs,
where it crosses roads and which buildings stand in it. Pure: numpy, shapely, geopandas.

A corridor starts where the contributing area reaches a threshold; its Strahler order (computed on
the corridor network itself) sets the half-width of the strip to keep open. Crossings with roads
are the culvert and underpass check list: the places where streets flood first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..cancel import checkpoint
from .hydrology import FlowModel, condition


class CorridorSettingsError(ValueError):
    """A corridor setting (threshold, widths text) that cannot be used; the message says why."""


def parse_widths(text: str) -> dict[int, float]:
    """'1:10,2:15,3:25' -> {1: 10.0, 2: 15.0, 3: 25.0}: half-width in metres by Strahler order."""
    widths: dict[int, float] = {}
    for item in (part.strip() for part in str(text).replace(";", ",").replace("，", ",").split(",")):
        if not item:
            continue
        order_text, sep, width_text = item.replace("：", ":").partition(":")
        try:
            order, width = int(order_text), float(width_text)
        except ValueError:
            raise CorridorSettingsError(f"'{item}' is not 'order:half-width', e.g. '1:10'") from None
        if not sep or order < 1 or not width > 0:
            raise CorridorSettingsError(f"'{item}': the order must be 1 or more and the half-width above 0 m")
        widths[order] = width
    if not widths:
        raise CorridorSettingsError("no half-widths given; write them as '1:10,2:15,3:25,4:40'")
    return dict(sorted(widths.items()))


def half_width(order: int, widths: dict[int, float]) -> float:
    """Half-width for `order`: its own entry, else that of the nearest lower order listed, else the
    smallest listed (orders above the table keep the widest strip given)."""
    lower = [o for o in widths if o <= order]
    return widths[max(lower)] if lower else widths[min(widths)]


class CorridorTotals:
    """The totals of a corridor result with `lines` and `crossings` (whole-DEM or tiled)."""

    @property
    def total_length_km(self) -> float:
        return float(self.lines["length_m"].sum()) / 1000.0

    @property
    def crossing_count(self) -> int:
        return len(self.crossings)


@dataclass
class CorridorResult(CorridorTotals):
    accumulation: np.ndarray  # float32 contributing area in m2, NaN outside the DEM
    d8: np.ndarray  # uint8 D8 codes (pyflwdir/ESRI: 1 E, 2 SE, 4 S, ... 128 NE; 0 outlet; 247 nodata)
    lines: object  # GeoDataFrame in the metric CRS: corridor_id, order, upstream_km2, length_m, slope_pct
    zones: object  # GeoDataFrame: order, half_width_m, area_m2 (one multipolygon per order)
    crossings: object  # GeoDataFrame of points: road_fid, road_name, corridor_id, order, upstream_km2
    buildings: object  # GeoDataFrame: buildings in a corridor zone, building_fid, order, overlap_m2
    threshold_m2: float


def corridor_lines(model: FlowModel, dem: np.ndarray, accumulation: np.ndarray, threshold_m2: float, crs, metric_crs):
    """Corridor segments as lines (in `metric_crs`) with order, contributing area, length, slope."""
    import shapely

    with np.errstate(invalid="ignore"):  # NaN (outside the DEM) is no corridor: compares False
        network = accumulation >= threshold_m2
    order = model.strahler_order(network).ravel()
    segments = [s for s in model.segments(network) if len(s) >= 2 and s[0] != s[-1]]  # not an outlet's own stub
    flat_dem, flat_acc = dem.ravel(), accumulation.ravel()
    d8 = model.d8.ravel()
    rows = []
    geometries = []
    for segment in segments:
        xs, ys = model.cell_centres(segment)
        geometries.append(shapely.linestrings(np.column_stack([xs, ys])))
        # the last cell is the confluence with the segment below unless the segment ends at an outlet
        own_last = segment[-1] if d8[segment[-1]] == 0 else segment[-2]
        rows.append(
            (
                int(order[segment[0]]),
                float(flat_acc[own_last]) / 1e6,
                float(flat_dem[segment[0]]),
                float(flat_dem[segment[-1]]),
            )
        )
    return lines_frame(rows, geometries, crs, metric_crs)


def lines_frame(rows: list[tuple], geometries: list, crs, metric_crs):
    """The corridor table from one (Strahler order, upstream km2, top elevation, bottom elevation)
    row and one line per segment: length and slope measured in `metric_crs`, ids from 1. Shared
    by the whole-DEM and the tiled paths."""
    import geopandas as gpd

    if rows:
        orders, areas, z_top, z_bottom = (np.array(c) for c in zip(*rows))
    else:
        orders, areas, z_top, z_bottom = (np.array([], dtype=t) for t in ("int64", "float64", "float64", "float64"))
    lines = gpd.GeoDataFrame(
        {"strahler": orders.astype("int64"), "upstream_km2": areas},
        geometry=np.array(geometries, dtype=object),
        crs=crs,
    )
    if metric_crs is not None and lines.crs is not None and lines.crs != metric_crs:
        lines = lines.to_crs(metric_crs)
    lines["length_m"] = lines.geometry.length
    drop = np.clip(z_top - z_bottom, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        lines["slope_pct"] = np.where(lines["length_m"] > 0, 100.0 * drop / lines["length_m"].to_numpy(), 0.0)
    lines.insert(0, "corridor_id", np.arange(1, len(lines) + 1, dtype="int64"))
    return lines


def corridor_zones(lines, widths: dict[int, float]):
    """The strip to keep open: each segment buffered by its order's half-width, dissolved per order."""
    import geopandas as gpd
    import shapely

    records = []
    for order in sorted(lines["strahler"].unique()):
        width = half_width(int(order), widths)
        strip = shapely.union_all(shapely.buffer(lines.geometry.values[lines["strahler"].to_numpy() == order], width))
        records.append((int(order), width, strip))
    frame = gpd.GeoDataFrame(
        {"strahler": [r[0] for r in records], "half_width_m": [r[1] for r in records]},
        geometry=[r[2] for r in records],
        crs=lines.crs,
    )
    frame["strahler"] = frame["strahler"].astype("int64")
    frame["area_m2"] = frame.geometry.area
    return frame


def road_crossings(lines, roads, name_column: str | None = None):
    """Points where corridors cross roads, one per road/corridor meeting (a shared stretch counts
    once, at its middle), with the road's id and name and the corridor's order and upstream area."""
    import geopandas as gpd
    import shapely

    columns = {"road_fid": [], "road_name": [], "corridor_id": [], "strahler": [], "upstream_km2": []}
    points = []
    if roads is not None and len(roads) and len(lines):
        tree = shapely.STRtree(lines.geometry.values)
        road_idx, line_idx = tree.query(roads.geometry.values, predicate="intersects")
        meets = shapely.intersection(roads.geometry.values[road_idx], lines.geometry.values[line_idx])
        names = roads[name_column].to_numpy() if name_column else None
        fids = roads["src_fid"].to_numpy() if "src_fid" in roads else np.arange(len(roads))
        for r, c, meet in zip(road_idx, line_idx, meets):
            parts = shapely.get_parts(meet)
            spots = [
                p if shapely.get_type_id(p) == 0 else shapely.line_interpolate_point(p, 0.5, normalized=True)
                for p in parts
                if not shapely.is_empty(p)
            ]
            for spot in spots:
                points.append(spot)
                columns["road_fid"].append(int(fids[r]))
                columns["road_name"].append(None if names is None or names[r] is None else str(names[r]))
                columns["corridor_id"].append(int(lines["corridor_id"].iat[c]))
                columns["strahler"].append(int(lines["strahler"].iat[c]))
                columns["upstream_km2"].append(float(lines["upstream_km2"].iat[c]))
    frame = gpd.GeoDataFrame(columns, geometry=np.array(points, dtype=object), crs=lines.crs)
    for name in ("road_fid", "corridor_id", "strahler"):
        frame[name] = frame[name].astype("int64")
    frame["road_name"] = frame["road_name"].astype(object)
    frame["upstream_km2"] = frame["upstream_km2"].astype("float64")
    return frame.sort_values("upstream_km2", ascending=False, kind="stable").reset_index(drop=True)


def buildings_in_zones(zones, buildings):
    """Buildings touching a corridor zone: the highest order they stand in and the overlap area."""
    import geopandas as gpd
    import shapely

    empty = gpd.GeoDataFrame(
        {
            "building_fid": np.array([], "int64"),
            "strahler": np.array([], "int64"),
            "overlap_m2": np.array([], "float64"),
        },
        geometry=[],
        crs=zones.crs,
    )
    if buildings is None or not len(buildings) or not len(zones):
        return empty
    geoms = buildings.geometry.values
    order = np.zeros(len(buildings), dtype="int64")
    for zone_order, zone in zip(zones["strahler"], zones.geometry.values):
        hit = shapely.intersects(geoms, zone)
        order[hit] = np.maximum(order[hit], int(zone_order))
    inside = order > 0
    if not inside.any():
        return empty
    union = shapely.union_all(zones.geometry.values)
    fids = buildings["src_fid"].to_numpy() if "src_fid" in buildings else np.arange(len(buildings))
    return gpd.GeoDataFrame(
        {
            "building_fid": fids[inside].astype("int64"),
            "strahler": order[inside],
            "overlap_m2": shapely.area(shapely.intersection(geoms[inside], union)),
        },
        geometry=geoms[inside],
        crs=zones.crs,
    )


def identify_corridors(
    dem: np.ndarray,
    transform,
    *,
    crs=None,
    metric_crs=None,
    latlon: bool = False,
    row_areas: np.ndarray | None = None,
    cell_metres: tuple[float, float] | None = None,
    min_area_m2: float,
    widths: dict[int, float],
    roads=None,
    buildings=None,
    road_name_column: str | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> CorridorResult:
    """The whole corridor analysis on `dem` (float32, NaN nodata; not modified). Vector inputs and
    outputs are in `metric_crs` (the working CRS). Elevations in metres; `row_areas`, `cell_metres`:
    true cell areas and sizes (see hydrology.condition). `progress` gets the fraction done (0-1)."""
    if not min_area_m2 > 0:
        raise CorridorSettingsError("the minimum contributing area must be above 0")
    step = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    step(0.0)
    model = condition(
        dem, transform, latlon=latlon, is_canceled=is_canceled, row_areas=row_areas, cell_metres=cell_metres
    )
    step(0.45)
    accumulation = model.accumulation_m2()
    step(0.60)
    lines = corridor_lines(model, dem, accumulation, min_area_m2, crs, metric_crs)
    step(0.75)
    zones = corridor_zones(lines, widths)
    step(0.85)
    crossings = road_crossings(lines, roads, road_name_column)
    step(0.92)
    flagged = buildings_in_zones(zones, buildings)
    step(1.0)
    return CorridorResult(
        accumulation=accumulation,
        d8=model.d8,
        lines=lines,
        zones=zones,
        crossings=crossings,
        buildings=flagged,
        threshold_m2=float(min_area_m2),
    )


__all__ = ["CorridorResult", "CorridorSettingsError", "identify_corridors", "parse_widths", "half_width"]
