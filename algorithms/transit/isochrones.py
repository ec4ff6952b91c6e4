"""Door-to-door commute isochrones: the areas from which the destination is reached within 30 / 45 /
60 minutes by walking to a metro station and riding (wait and interchanges included), under the
all-stop pattern and with the express. Pure: numpy, shapely, the shared walking-network engine.

Time at a street point x = min over stations s of (walk from x to s on the street network at the
walking speed + the station's door-to-door metro time T_s to the destination). In network terms it
is a multi-source search in which station s starts with a head start of T_s minutes, turned into
metres at the walking speed; the area within a threshold is then the network reached within it,
buffered like a catchment (catchments.py), and its population is apportioned by area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import network as nw
from .. import walking
from ..cancel import checkpoint
from .catchments import apportion, catchment_polygon

CHUNK = 32  # stations per dense distance block (memory: CHUNK x network nodes)


@dataclass
class Isochrones:
    table: pd.DataFrame  # pattern, minutes, reached_length_m, area_m2, population, population_gained
    polygons: np.ndarray
    off_network: list[int]  # station indices farther than snap_distance from the streets


def commute_isochrones(
    streets,
    station_points,
    minutes_by_pattern: dict[str, np.ndarray],
    thresholds: list[float],
    walk_speed_ms: float = 1.0,
    *,
    population_geometries=None,
    population_values=None,
    snap_distance: float = walking.SNAP_DISTANCE_M,
    excluded=None,
    tolerance: float = walking.TOLERANCE_M,
    offset: float = nw.DEFAULT_OFFSET,
    progress: Callable[[float], None] | None = None,  # fraction done, 0-1
    is_canceled: Callable[[], bool] | None = None,
) -> Isochrones:
    """Isochrone polygons per pattern and threshold (minutes). `minutes_by_pattern`: per pattern the
    metro time (min) from each station to the destination, NaN where it cannot be reached. The
    pattern named 'express' gets population_gained = its population minus the 'allstop' one.
    `streets`: line geometries in a metric CRS (built with `tolerance` and `excluded`), or an
    already built network.Network (the shared walking network, algorithms/walking.py)."""
    thresholds = sorted(float(t) for t in thresholds)
    network = (
        streets
        if isinstance(streets, nw.Network)
        else nw.build_network(streets, tolerance=tolerance, excluded=excluded)
    )
    network, (snap,) = nw.with_points(network, station_points, max_distance=snap_distance)
    metres_per_minute = 60.0 * walk_speed_ms
    budget = thresholds[-1] * metres_per_minute
    rows, polygons = [], []
    patterns = list(minutes_by_pattern)
    report = checkpoint(progress, is_canceled)
    for p, pattern in enumerate(patterns):
        head_start = np.asarray(minutes_by_pattern[pattern], dtype=float) * metres_per_minute
        usable = np.flatnonzero(snap.reachable & np.isfinite(head_start) & (head_start <= budget))
        effective = np.full(network.n_nodes, np.inf)
        for start in range(0, len(usable), CHUNK):
            report((p + start / len(usable)) / len(patterns))
            block = usable[start : start + CHUNK]
            distances = nw.distances_from(network, snap.node[block], cutoff=budget)
            np.minimum(effective, (distances + head_start[block, None]).min(axis=0), out=effective)
        for minutes in thresholds:
            polygon, length = catchment_polygon(network, effective, minutes * metres_per_minute, offset)
            rows.append(
                {
                    "pattern": pattern,
                    "minutes": minutes,
                    "reached_length_m": length,
                    "area_m2": float(polygon.area) if polygon is not None else 0.0,
                }
            )
            polygons.append(polygon)
    report(1.0)
    table = pd.DataFrame(rows)
    polygons = np.array(polygons + [None], dtype=object)[:-1]
    if population_geometries is not None:
        table["population"] = apportion(polygons, population_geometries, population_values)
    else:
        table["population"] = np.nan
    table["population_gained"] = np.nan
    if {"allstop", "express"} <= set(patterns):
        base = table[table["pattern"] == "allstop"].set_index("minutes")["population"]
        express = table["pattern"] == "express"
        table.loc[express, "population_gained"] = (
            table.loc[express, "population"].to_numpy() - base.loc[table.loc[express, "minutes"]].to_numpy()
        )
    return Isochrones(table, polygons, [int(i) for i in np.flatnonzero(~snap.reachable)])
