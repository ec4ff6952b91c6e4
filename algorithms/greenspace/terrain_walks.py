"""The terrain-aware screening figure of park coverage: each home's walk to its nearest qualifying
park on the network draped on a DEM (network/terrain.py), uphill slower, downhill as Tobler says.
Pure. A radius R is read as the time to walk R metres on the flat (5.04 km/h): a home is covered
when its flat-equivalent walk (the walk's time x flat speed) is at most R. The trip runs from the
home to the park. This is screening beyond the standard: GB/T 51346 measures distance; the
standard's figure is the undraped run, reported beside this one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..network import FLAT_M_PER_MIN


@dataclass
class TerrainWalks:
    """Per home: covered on the draped network, the park reached (-1 none), the flat-equivalent
    metres of the walk, its horizontal metres and minutes (NaN when no park is within reach)."""

    covered: np.ndarray
    park: np.ndarray
    flat_equivalent_m: np.ndarray
    walk_m: np.ndarray
    m_per_min: float = FLAT_M_PER_MIN  # flat speed of the walking-speed function (Tobler's: 83.9)

    @property
    def walk_min(self) -> np.ndarray:
        return self.flat_equivalent_m / self.m_per_min


def terrain_walks(access, rules, serves, in_historic, candidates_by_home) -> TerrainWalks:
    """Nearest qualifying park per home through `access` (a NetworkAccess on the draped network),
    grade by grade (the flat run's rules and `serves` masks; historic-only rules for homes
    `in_historic`); homes no park covers get their nearest candidate park within twice the
    largest radius: `candidates_by_home` is a list of (park mask, home mask) pairs as the flat
    run uses them."""
    n = len(access.home_nodes)
    best = np.full(n, -1, dtype=np.int64)
    cost = np.full(n, np.inf)
    walked = np.full(n, np.nan)
    covered = np.zeros(n, dtype=bool)
    for g, rule in enumerate(rules):
        selected = serves[g] & access.facility_reachable
        if not selected.any():
            continue
        nearest, distance, length = access.nearest_walk(selected, rule.radius_m)
        hit = (nearest >= 0) & (distance <= rule.radius_m)
        if rule.historic_only:
            hit &= in_historic
        better = hit & (~covered | (distance < cost))
        best[better], cost[better], walked[better] = nearest[better], distance[better], length[better]
        covered |= hit
    limit = 2 * max(r.radius_m for r in rules)
    for parks, homes_of in candidates_by_home:
        left = homes_of & ~covered
        if parks.any() and left.any():
            nearest, distance, length = access.nearest_walk(parks & access.facility_reachable, limit)
            best[left], cost[left], walked[left] = nearest[left], distance[left], length[left]
    found = (best >= 0) & np.isfinite(cost)
    terrain = access.network.terrain
    speed = FLAT_M_PER_MIN if terrain is None else terrain.flat_m_per_min
    return TerrainWalks(covered, best, np.where(found, cost, np.nan), np.where(found, walked, np.nan), speed)


def add_fields(result, walks: TerrainWalks) -> None:
    """Per-home fields of the terrain figure beside the standard's: covered_terrain, walk_m,
    walk_min, flat_equivalent_m and loses_coverage (covered by distance, not in walking time)."""
    result["covered_terrain"] = walks.covered
    result["walk_m"] = walks.walk_m
    result["walk_min"] = walks.walk_min
    result["flat_equivalent_m"] = walks.flat_equivalent_m
    result["loses_coverage"] = result["covered"].to_numpy(dtype=bool) & ~walks.covered


def summary_columns(frame, covered, walks: TerrainWalks, pop, reachable) -> None:
    """Columns summed by district next to the standard's: homes_covered_terrain,
    homes_losing_coverage and, with population, population_covered_terrain and
    population_losing_coverage (a home counts whole: covered or not, by its point)."""
    losing = covered & ~walks.covered
    frame["homes_covered_terrain"] = walks.covered.astype(int)
    frame["homes_losing_coverage"] = losing.astype(int)
    if pop is not None:
        frame["population_covered_terrain"] = np.where(reachable & walks.covered, pop, 0.0)
        frame["population_losing_coverage"] = np.where(reachable & losing, pop, 0.0)


def summary_rates(table) -> None:
    """rate_homes_terrain (and rate_population_terrain) of each summary row, beside the standard's."""
    table["rate_homes_terrain"] = np.divide(
        table["homes_covered_terrain"], table["homes"], out=np.zeros(len(table)), where=table["homes"] > 0
    )
    if "population_covered_terrain" in table:
        table["rate_population_terrain"] = np.divide(
            table["population_covered_terrain"],
            table["population"],
            out=np.full(len(table), np.nan),
            where=table["population"] > 0,
        )
