"""Metro station walking catchments on the street network: per station and band the area reached
on streets (not in circles), its population and its ped-shed ratio. Pure: numpy, shapely, and the
shared walking-network engine `algorithms.network` (see its API.md).

- A station is reached through its entrances when it has any, else from its own point; every access
  point is snapped onto the nearest street edge (farther than `snap_distance` m: not on the network).
- `overlapping` allocation: each station's own catchment, overlapping its neighbours';
  `nearest`: every street piece goes to the station nearest by network distance, so catchments of
  one band do not overlap (where two territories' buffered streets meet, the strip goes to the
  station listed first).
- Catchment polygon: the engine's service area (`network.service_area`): within `offset` m
  (network.DEFAULT_OFFSET = 50 m, the depth of a frontage plot) of the reached streets (partial
  edges at the cut-off included), the land whose nearest street is reached, so land across a river,
  rail line or wall from a reached street stays with the unreached street on its side.
- Ped-shed ratio (`pedshed_ratio`) = catchment area / area of the circle with the band's radius,
  after the walkability literature's "pedshed: ratio of area within 800m street network buffer to
  the area within 800m Euclidean buffer" (Gunn, Mavoa, Boulangé, Hooper, Kavanagh, Giles-Corti
  2017, Int. J. Behav. Nutr. Phys. Act. 14:164, Table 1, doi:10.1186/s12966-017-0621-9). Both areas are land within the
  band: the catchment's land belongs to street points reached within the band (no buffer reaches
  past a cut-off, since the land beyond belongs to the street running on), the circle's land lies
  within the band as the crow flies. A street grid gives the area of its diamond, 2 r2, so a ratio
  of 2 / pi = 0.64; below about 0.5 is poor (docs/STANDARDS.md).
- Population apportioned by area: each population polygon contributes its value times the share of
  its area inside the catchment. POPULATION_COVERED uses the union of all outer-band catchments, so
  nobody is counted twice.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from .. import network as nw
from .. import walking
from ..cancel import checkpoint

ALLOCATIONS = ("overlapping", "nearest")


class CatchmentInputError(ValueError):
    """Bands or allocation the engine cannot use; the message names the value."""


class NoStationOnNetworkError(CatchmentInputError):
    def __init__(self, snap_distance: float):
        super().__init__(f"no station lies within {snap_distance:g} m of the network")
        self.snap_distance = snap_distance


@dataclass
class CatchmentResult:
    catchments: pd.DataFrame  # station (index), band_m, area_m2, circle_m2, pedshed_ratio, reached_length_m, population
    polygons: np.ndarray  # one (Multi)Polygon or None per catchments row
    stations: pd.DataFrame  # station (index), snap_m, on_network, small_island, access_points
    population_covered: float
    covered_area_m2: float


def parse_bands(text: str, unit: str = "metres", walk_speed_ms: float = 1.0) -> list[float]:
    """'300, 500, 800' -> [300.0, 500.0, 800.0] metres; with unit 'minutes' each value times
    60 * walk_speed_ms. Sorted, duplicates removed; raises CatchmentInputError on bad text."""
    values = []
    for token in str(text).replace("，", ",").replace("、", ",").replace(";", ",").split(","):
        token = token.strip()
        if not token:
            continue
        try:
            value = float(token)
        except ValueError as error:
            raise CatchmentInputError(f"band '{token}' is not a number") from error
        if not value > 0 or math.isinf(value):
            raise CatchmentInputError(f"band '{token}' must be positive")
        values.append(value * 60.0 * walk_speed_ms if unit == "minutes" else value)
    if not values:
        raise CatchmentInputError("no band given")
    return sorted(set(values))


def apportion(polygons, population_geometries, population_values) -> np.ndarray:
    """Population inside each of `polygons` (None allowed), apportioned by the area share of every
    population polygon that overlaps it."""
    polygons = np.asarray(polygons, dtype=object)
    result = np.zeros(len(polygons))
    cells = np.asarray(population_geometries, dtype=object)
    if len(cells) == 0 or len(polygons) == 0:
        return result
    values = np.nan_to_num(np.asarray(population_values, dtype=float))
    cell_area = shapely.area(cells)
    present = np.array([p is not None and not p.is_empty for p in polygons])
    tree = shapely.STRtree(cells)
    index = np.flatnonzero(present)
    which, cell = tree.query(polygons[index], predicate="intersects")
    if which.size == 0:
        return result
    shared = shapely.area(shapely.intersection(polygons[index][which], cells[cell]))
    share = np.divide(shared, cell_area[cell], out=np.zeros_like(shared), where=cell_area[cell] > 0)
    np.add.at(result, index[which], values[cell] * share)
    return result


def station_catchments(
    streets,
    station_points,
    bands_m: list[float],
    *,
    entrance_points=None,
    entrance_station=None,
    allocation: str = "overlapping",
    population_geometries=None,
    population_values=None,
    snap_distance: float = walking.SNAP_DISTANCE_M,
    tolerance: float = walking.TOLERANCE_M,
    excluded=None,
    offset: float = nw.DEFAULT_OFFSET,
    progress: Callable[[float], None] | None = None,  # fraction done, 0-1
    is_canceled: Callable[[], bool] | None = None,
) -> CatchmentResult:
    """Catchments of every station for every band (metres). `streets`: line geometries in a metric
    CRS (built with `tolerance` and `excluded`), or an already built network.Network;
    `station_points`: one point per station; `entrance_points` with `entrance_station` (index of
    the station each entrance belongs to, -1 for none). Raises NetworkError, NoStationOnNetworkError,
    CatchmentInputError, CancelledError."""
    if allocation not in ALLOCATIONS:
        raise CatchmentInputError(f"allocation must be one of {ALLOCATIONS}, not '{allocation}'")
    bands = sorted(float(b) for b in bands_m)
    n = len(station_points)
    access_points, access_station = _access_points(station_points, entrance_points, entrance_station)
    network = (
        streets
        if isinstance(streets, nw.Network)
        else nw.build_network(streets, tolerance=tolerance, excluded=excluded)
    )
    network, (snap,) = nw.with_points(network, access_points, max_distance=snap_distance)
    if not snap.reachable.any():
        raise NoStationOnNetworkError(snap_distance)
    report = checkpoint(progress, is_canceled)

    polygons = np.full((n, len(bands)), None, dtype=object)
    lengths = np.zeros((n, len(bands)))

    def band_polygons(item):
        """(station, [(polygon, reached length) per band]): independent per station, so threaded."""
        k, distance = item
        return k, list(zip(*nw.service_areas_and_lengths(network, distance, bands, offset)))

    for batch in _batches(_station_distances(network, snap.node, access_station, n, bands[-1], allocation), 16):
        report(0.8 * batch[0][0] / n)
        for k, per_band in nw.thread_map(band_polygons, batch):
            for b, (polygon, length) in enumerate(per_band):
                polygons[k, b], lengths[k, b] = polygon, length
    if allocation == "nearest":
        for b in range(len(bands)):
            polygons[:, b] = _disjoint(polygons[:, b])

    flat = polygons.reshape(-1)
    population = (
        apportion(flat, population_geometries, population_values)
        if population_geometries is not None
        else np.full(len(flat), np.nan)
    )
    areas = np.array([p.area if p is not None else 0.0 for p in flat])
    band_column = np.tile(np.asarray(bands), n)
    circle = math.pi * band_column**2
    catchments = pd.DataFrame(
        {
            "station": np.repeat(np.arange(n), len(bands)),
            "band_m": band_column,
            "area_m2": areas,
            "circle_m2": circle,
            "pedshed_ratio": pedshed_ratio(areas, band_column),
            "reached_length_m": lengths.reshape(-1),
            "population": population,
        }
    )
    outer = [p for p in polygons[:, -1] if p is not None]
    covered = nw.union_in_halves(outer) if outer else None
    covered_population = (
        float(apportion([covered], population_geometries, population_values)[0])
        if population_geometries is not None and covered is not None
        else math.nan
    )
    stations = _station_table(n, snap, access_station, nw.component_report(network).on_small_island(snap.node))
    report(1.0)
    return CatchmentResult(
        catchments, flat, stations, covered_population, float(covered.area) if covered is not None else 0.0
    )


def add_terrain(result: CatchmentResult, terrain: CatchmentResult) -> None:
    """The terrain-aware screening figures (the same stations and bands on the network draped on a
    DEM: a band read as the time to walk it on the flat, trips from the home to the station) beside
    the distance-based ones: `area_terrain_m2`, `pedshed_terrain` and `population_terrain` per row."""
    result.catchments["area_terrain_m2"] = terrain.catchments["area_m2"].to_numpy()
    result.catchments["pedshed_terrain"] = terrain.catchments["pedshed_ratio"].to_numpy()
    result.catchments["population_terrain"] = terrain.catchments["population"].to_numpy()


def _batches(items, size: int):
    """Lists of up to `size` consecutive items."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def pedshed_ratio(catchment_area, band):
    """Catchment area / area of the circle with the band's radius (module docstring: the
    definition, its source and why both areas are on one basis)."""
    return np.asarray(catchment_area, dtype=float) / (math.pi * np.asarray(band, dtype=float) ** 2)


def catchment_polygon(network, distance: np.ndarray, band: float, offset: float):
    """Catchment polygon (the engine's service area) and the reached street length."""
    segments = nw.reached_segments(network, distance, band)
    return nw.service_area(network, distance, band, offset), segments.total_length


def _access_points(station_points, entrance_points, entrance_station):
    """Points walkers start from and the station of each: a station's entrances, or the station
    point itself for a station without entrances."""
    stations = np.asarray(getattr(station_points, "geometry", station_points), dtype=object)
    if entrance_points is None or len(entrance_points) == 0:
        return stations, np.arange(len(stations))
    entrances = np.asarray(getattr(entrance_points, "geometry", entrance_points), dtype=object)
    owner = np.asarray(entrance_station, dtype=np.int64)
    keep = owner >= 0
    entrances, owner = entrances[keep], owner[keep]
    without = np.setdiff1d(np.arange(len(stations)), owner)
    points = np.concatenate([entrances, stations[without]])
    station = np.concatenate([owner, without])
    order = np.argsort(station, kind="stable")
    return points[order], station[order]


def _station_distances(network, nodes, access_station, n, cutoff, allocation):
    """(station index, node distance array) for every station reachable from the network."""
    if allocation == "nearest":
        nearest = nw.multi_source(network, nodes, cutoff=cutoff)
        owner = np.where(nearest.source >= 0, access_station[np.maximum(nearest.source, 0)], -1)
        for k in range(n):
            mine = owner == k
            if np.any(nodes[access_station == k] >= 0):
                yield k, np.where(mine, nearest.distance, np.inf)
        return
    chunk = 32
    for start in range(0, n, chunk):
        stations = np.arange(start, min(start + chunk, n))
        rows = np.isin(access_station, stations) & (nodes >= 0)
        if not rows.any():
            continue
        distances = nw.distances_from(network, nodes[rows], cutoff=cutoff)
        owners = access_station[rows]
        for k in stations:
            mine = owners == k
            if mine.any():
                yield k, distances[mine].min(axis=0)


def _disjoint(polygons: np.ndarray) -> np.ndarray:
    """Remove from each polygon what earlier polygons already cover (thin strips where buffered
    territories of neighbouring stations meet)."""
    result = polygons.copy()
    present = [i for i, p in enumerate(polygons) if p is not None]
    if not present:
        return result
    tree = shapely.STRtree(np.asarray([polygons[i] for i in present], dtype=object))
    for position, i in enumerate(present):
        earlier = [present[j] for j in tree.query(polygons[i], predicate="intersects") if j < position]
        if earlier:
            result[i] = shapely.difference(polygons[i], shapely.union_all([result[j] for j in earlier]))
    return result


def _station_table(n, snap, access_station, island) -> pd.DataFrame:
    """Per station: nearest access point's snap distance, on the network at all, access points,
    and whether every reachable access point sits on a small island of the network (a footway
    piece not joined to the streets: its catchment is then an artefact of the data)."""
    snap_m = np.full(n, np.nan)
    on_island = np.zeros(n, dtype=bool)
    entrances = np.bincount(access_station, minlength=n)
    for k in range(n):
        mine = (access_station == k) & snap.reachable
        if mine.any():
            snap_m[k] = snap.distance[mine].min()
            on_island[k] = bool(island[mine].all())
    return pd.DataFrame(
        {
            "station": np.arange(n),
            "snap_m": snap_m,
            "on_network": ~np.isnan(snap_m),
            "small_island": on_island,
            "access_points": entrances,
        }
    )


def summary_table(
    names: list[str], catchments: pd.DataFrame, stations: pd.DataFrame, bands: list[float]
) -> pd.DataFrame:
    """One row per station: name, snap distance, flags, and area_/population_/pedshed_/length_<band>."""
    table = pd.DataFrame({"name": names})
    table = table.join(stations.set_index("station")[["snap_m", "on_network", "small_island", "access_points"]])
    for band in bands:
        b = int(round(band))
        rows = catchments[catchments["band_m"] == band].set_index("station")
        table[f"area_{b}"] = rows["area_m2"]
        table[f"population_{b}"] = rows["population"]
        table[f"pedshed_{b}"] = rows["pedshed_ratio"]
        table[f"length_{b}"] = rows["reached_length_m"]
        if "pedshed_terrain" in rows:  # with a DEM: the terrain-aware screening figures
            table[f"pedshed_terrain_{b}"] = rows["pedshed_terrain"]
            table[f"population_terrain_{b}"] = rows["population_terrain"]
    return table
