"""Park service-radius coverage (公园绿地服务半径覆盖率), GB/T 50563 style. Pure.

Each park takes a grade and service radius from the rules (see rules.py). A home is covered when
some park is within that park's radius, walking on the network (or straight-line, labelled
"euclidean", without one). Coverage by area is the share of residential land inside the parks'
service areas (the reached streets buffered by the offset documented in network.service_area,
or the parks buffered by the radius in straight-line mode); by population the same share
weighted by each feature's population (uniform within a polygon).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import walking
from ..cancel import cancellable, checkpoint
from ..network import DEFAULT_OFFSET, ComponentReport, Network, component_report
from ..walking import SNAP_DISTANCE_M, home_points
from . import terrain_walks
from .access import EuclideanAccess, NetworkAccess, boundary_points
from .inputs import ALL, covered_share, district_of
from .messages import Message, message, metres
from .rules import GradeRule, assign_grades, general_rules, historic_rules


@dataclass
class CoverageResult:
    mode: str
    residential: gpd.GeoDataFrame
    service_areas: gpd.GeoDataFrame
    underserved: gpd.GeoDataFrame
    summary: pd.DataFrame
    parks: pd.DataFrame
    rate_area: float
    rate_population: float | None
    components: ComponentReport | None = None
    messages: list[Message] = field(default_factory=list)
    terrain: dict | None = None  # the terrain-aware screening totals (terrain_walks.py), with a DEM


def make_access(
    network: Network | None,
    facilities,
    homes,
    entrances=None,
    snap_distance: float = SNAP_DISTANCE_M,
    spacing: float | None = None,
):
    """The access model: NetworkAccess when a network is given (facility access points from
    `entrances` when given, else along each facility's boundary), EuclideanAccess otherwise.
    Returns (access, messages)."""
    facilities = np.asarray(facilities, dtype=object)
    messages: list[Message] = []
    if network is None:
        return EuclideanAccess(facilities, homes), messages
    from .access import BOUNDARY_SPACING

    points, owner = boundary_points(facilities, spacing or BOUNDARY_SPACING)
    if entrances is not None and len(entrances):
        entrances = np.asarray(entrances, dtype=object)
        (e_idx, f_idx), _ = shapely.STRtree(facilities).query_nearest(
            entrances, max_distance=snap_distance, return_distance=True, all_matches=False
        )
        unused = len(entrances) - len(np.unique(e_idx))
        if unused:
            messages.append(message("entrances_ignored", unused, metres(snap_distance)))
        has_entrance = np.zeros(len(facilities), dtype=bool)
        has_entrance[f_idx] = True
        derived = ~has_entrance[owner]
        if (~has_entrance).any():
            messages.append(message("parks_derived", int((~has_entrance).sum())))
        points = np.concatenate([entrances[e_idx], points[derived]])
        owner = np.concatenate([f_idx, owner[derived]])
    return NetworkAccess(network, points, owner, len(facilities), homes, snap_distance), messages


def park_coverage(
    parks: gpd.GeoDataFrame,
    residential: gpd.GeoDataFrame,
    rules: list[GradeRule],
    network: Network | None = None,
    entrances=None,
    snap_distance: float = SNAP_DISTANCE_M,
    offset: float = DEFAULT_OFFSET,
    population: np.ndarray | None = None,
    districts: gpd.GeoDataFrame | None = None,
    historic=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    draped: Network | None = None,
) -> CoverageResult:
    """Coverage of `residential` (polygons or points) by `parks` (columns `park_id`, `name`,
    optional `size_m2` overriding the geometry area, e.g. for park points).
    `districts`: polygons with a `name` column, or None. `historic`: historic-district polygons
    where the rules marked historic_only apply (their service area is clipped to them); without
    them those rules are skipped with a message. `draped`: the network draped on a DEM
    (network.drape): the terrain-aware screening figure is added beside the standard's
    (terrain_walks.py); without it every output is the standard's alone."""
    report = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    park_geoms = parks.geometry.to_numpy()
    sizes = parks["size_m2"].to_numpy(dtype=float) if "size_m2" in parks else shapely.area(park_geoms)
    res_geoms = residential.geometry.to_numpy()
    homes = home_points(res_geoms)
    access, messages = make_access(network, park_geoms, homes, entrances, snap_distance)
    mode = access.mode
    historic_area = (
        None if historic is None or len(historic) == 0 else shapely.union_all(np.asarray(historic, dtype=object))
    )
    in_historic = (
        np.zeros(len(homes), dtype=bool) if historic_area is None else shapely.intersects(historic_area, homes)
    )
    skipped = historic_rules(rules) if historic_area is None else []
    if skipped:
        messages.append(message("historic_rules_skipped", ", ".join(r.grade for r in skipped)))
    rules, grade, grade_general, serves = _grade_parks(sizes, rules, with_historic=historic_area is not None)
    radius = np.array([rules[g].radius_m if g >= 0 else np.nan for g in grade])
    report(0.2)

    n = len(residential)
    best = np.full(n, -1, dtype=np.int64)
    best_d = np.full(n, np.inf)
    covered = np.zeros(n, dtype=bool)
    areas = []
    for g, rule in enumerate(rules):
        selected = serves[g] & access.facility_reachable
        if not selected.any():
            continue
        nearest, distance = access.nearest(selected, rule.radius_m)
        hit = (nearest >= 0) & (distance <= rule.radius_m)
        if rule.historic_only:
            hit &= in_historic
        better = hit & (~covered | (distance < best_d))
        best[better], best_d[better] = nearest[better], distance[better]
        covered |= hit
        # the service area is seconds of GEOS work for a whole city: cancellable while it runs
        polygon = cancellable(partial(access.area, selected, rule.radius_m, offset), is_canceled)
        if rule.historic_only and polygon is not None:
            polygon = shapely.intersection(polygon, historic_area)
        areas.append(
            {
                "grade": rule.grade,
                "grade_zh": rule.grade_zh,
                "min_area_m2": rule.min_area_m2,
                "radius_m": rule.radius_m,
                "parks": int(selected.sum()),
                "mode": mode,
                "geometry": polygon,
            }
        )
        report(0.2 + 0.5 * (g + 1) / len(rules))
    # Homes no park covers: the nearest qualifying park within twice the largest radius (parks
    # qualifying only under historic-district rules count for homes in historic districts).
    limit = 2 * max(r.radius_m for r in rules)
    report(0.7)
    qualifying = grade >= 0
    candidates_by_home = ((grade_general >= 0, ~in_historic), (qualifying, in_historic))
    for candidates, homes_of in candidates_by_home:
        homes_left = homes_of & ~covered
        if candidates.any() and homes_left.any():
            nearest, distance = access.nearest(candidates & access.facility_reachable, limit)
            best[homes_left], best_d[homes_left] = nearest[homes_left], distance[homes_left]
    walks = None
    if draped is not None and network is not None:
        draped_access, _ = make_access(draped, park_geoms, homes, entrances, snap_distance)
        walks = terrain_walks.terrain_walks(draped_access, rules, serves, in_historic, candidates_by_home)
    service = (
        gpd.GeoDataFrame(areas, geometry="geometry", crs=residential.crs)
        if areas
        else gpd.GeoDataFrame(
            {"grade": [], "grade_zh": [], "min_area_m2": [], "radius_m": [], "parks": [], "mode": []},
            geometry=gpd.GeoSeries([], crs=residential.crs),
        )
    )
    if len(service):
        service["area_m2"] = shapely.area(service.geometry.to_numpy())
    polygons = service.geometry.to_numpy()
    covered_union = (
        None
        if len(polygons) == 0
        else polygons[0]
        if len(polygons) == 1
        else cancellable(lambda: shapely.union_all(polygons), is_canceled)
    )
    share, uncovered = cancellable(lambda: covered_share(res_geoms, covered_union), is_canceled)
    is_polygon = shapely.area(res_geoms) > 0
    share = np.where(is_polygon, share, covered.astype(float))
    report(0.85)

    pop = np.ones(n) if population is None else np.asarray(population, dtype=float)
    district = district_of(
        homes,
        None if districts is None else districts.geometry.to_numpy(),
        None if districts is None else districts["name"].tolist(),
    )
    found = best >= 0
    result = residential.copy()
    park_ids = parks["park_id"].to_numpy()
    park_names = parks["name"].to_numpy() if "name" in parks else np.full(len(parks), None)
    grade_names = np.array([r.grade for r in rules] + [None], dtype=object)
    result["park_id"] = pd.array(np.where(found, park_ids[np.maximum(best, 0)], None), dtype=object)
    result["park_name"] = np.where(found, park_names[np.maximum(best, 0)], None)
    result["park_grade"] = np.where(found, grade_names[grade[np.maximum(best, 0)]], None)
    result["distance_m"] = np.where(found & np.isfinite(best_d), best_d, np.nan)
    result["radius_m"] = np.where(found, radius[np.maximum(best, 0)], np.nan)
    result["covered"] = covered
    result["covered_share"] = share
    result["area_m2"] = shapely.area(res_geoms)
    result["population"] = np.nan if population is None else pop
    result["reachable"] = access.home_reachable
    result["snap_m"] = access.home_snap
    result["district"] = district
    if historic_area is not None:
        result["historic"] = in_historic
    result["mode"] = mode
    if walks is not None:
        terrain_walks.add_fields(result, walks)
    components = None
    if network is not None:
        components = component_report(access.network)
        result["on_island"] = components.on_small_island(access.home_nodes)
    unreachable_homes = int((~access.home_reachable).sum())
    if unreachable_homes:
        messages.append(message("homes_unreachable", unreachable_homes, metres(snap_distance)))
    unreachable_parks = np.flatnonzero(qualifying & ~access.facility_reachable)
    if unreachable_parks.size:
        names = ", ".join(str(park_names[i] or park_ids[i]) for i in unreachable_parks[:10])
        messages.append(message("parks_unreachable", unreachable_parks.size, metres(snap_distance), names))

    weight_area = np.where(is_polygon, result["area_m2"].to_numpy(), 1.0)
    summary = _summary(
        district,
        weight_area,
        share,
        pop if population is not None else None,
        covered,
        access.home_reachable,
        mode,
        walks,
    )
    total = summary[summary["district"] == ALL].iloc[0]
    underserved = _underserved(result, uncovered, share, is_polygon, pop, population is not None)
    park_table = pd.DataFrame(
        {
            "park_id": parks["park_id"].to_numpy(),
            "name": parks["name"].to_numpy(),
            "size_m2": sizes,
            "grade": [rules[g].grade if g >= 0 else None for g in grade],
            "radius_m": radius,
            "reachable": access.facility_reachable,
        }
    )
    terrain = None
    if walks is not None:
        terrain = {
            "homes_covered": int(total["homes_covered"]),
            "homes_covered_terrain": int(total["homes_covered_terrain"]),
            "homes_losing_coverage": int(total["homes_losing_coverage"]),
            "rate_homes_terrain": float(total["rate_homes_terrain"]),
            "population_losing_coverage": (None if population is None else float(total["population_losing_coverage"])),
            "rate_population_terrain": None if population is None else float(total["rate_population_terrain"]),
        }
    report(1.0)
    return CoverageResult(
        mode,
        result,
        service,
        underserved,
        summary,
        park_table,
        float(total["rate_area"]),
        None if population is None else float(total["rate_population"]),
        components,
        messages,
        terrain,
    )


def _grade_parks(sizes, rules: list[GradeRule], with_historic: bool):
    """(rules used: the general ones, then the historic-district ones when `with_historic`;
    per park its grade as an index into them, general first, -1 none; per park its general grade;
    per rule the parks it serves). Historic-district rules grade the parks on their own, so they
    never take a park away from a general grade."""
    general = general_rules(rules)
    special = historic_rules(rules) if with_historic else []
    grade_general = assign_grades(sizes, general)
    grade_historic = assign_grades(sizes, special) if special else np.full(len(sizes), -1)
    grade = np.where(
        grade_general >= 0, grade_general, np.where(grade_historic >= 0, len(general) + grade_historic, -1)
    )
    serves = [grade_general == g for g in range(len(general))] + [grade_historic == h for h in range(len(special))]
    return general + special, grade, grade_general, serves


def _summary(district, weight_area, share, pop, covered, reachable, mode, walks=None) -> pd.DataFrame:
    """Per district and (all): features, covered and unreachable features, area, covered area,
    rates; with population: population = covered + not covered + unreachable (homes that cannot
    reach a street count as unreachable, whatever their land's share in a service area)."""
    frame = pd.DataFrame(
        {
            "district": district,
            "homes": 1,
            "homes_covered": covered.astype(int),
            "homes_unreachable": (~reachable).astype(int),
            "area_m2": weight_area,
            "covered_m2": weight_area * share,
        }
    )
    if pop is not None:
        split = walking.split_population(pop, share, reachable)
        for column, values in split.items():
            frame[column] = values
    if walks is not None:
        terrain_walks.summary_columns(frame, covered, walks, pop, reachable)
    grouped = frame.groupby("district", sort=True).sum(numeric_only=True).reset_index()
    total = frame.drop(columns="district").sum(numeric_only=True).to_frame().T
    total.insert(0, "district", ALL)
    table = pd.concat([grouped, total], ignore_index=True)
    counts = [c for c in table if c.startswith("homes")]
    table[counts] = table[counts].astype("int64")
    table["rate_area"] = np.divide(
        table["covered_m2"], table["area_m2"], out=np.zeros(len(table)), where=table["area_m2"] > 0
    )
    if pop is not None:
        table["rate_population"] = np.divide(
            table["population_covered"],
            table["population"],
            out=np.full(len(table), np.nan),
            where=table["population"] > 0,
        )
    if walks is not None:
        terrain_walks.summary_rates(table)
    table["mode"] = mode
    return table


def _underserved(result, uncovered, share, is_polygon, pop, has_population) -> gpd.GeoDataFrame:
    """Residential land outside every service area (polygons), or homes not covered (points)."""
    rows = np.flatnonzero(share < 1 - 1e-9)
    keep = result.iloc[rows][
        [c for c in ("src_fid", "district", "park_id", "distance_m", "mode") if c in result]
    ].copy()
    pieces = uncovered[rows]
    keep["uncovered_m2"] = np.where(is_polygon[rows], shapely.area(pieces), 0.0)
    keep["population_uncovered"] = pop[rows] * (1 - share[rows]) if has_population else np.nan
    frame = gpd.GeoDataFrame(keep, geometry=pieces, crs=result.crs)
    empty = shapely.is_missing(pieces) | shapely.is_empty(pieces)
    return frame[~empty].reset_index(drop=True)
