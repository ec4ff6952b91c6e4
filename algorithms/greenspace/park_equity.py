"""Park equity analysis: E2SFCA scores per home along the network, and per district the mean,
Gini coefficient and population below the per-capita target; with per-capita comprehensive and
community park areas (GB 55014-2021 2.1.4, park_equity_classes.py) when targets for them are given.
Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..cancel import checkpoint
from ..network import Network
from ..walking import SNAP_DISTANCE_M, home_points, split_population
from .coverage import make_access
from .equity import e2sfca, gini, lorenz
from .inputs import ALL, district_of
from .messages import Message, message, metres
from .park_equity_classes import TARGET_CLASSES, ClassAccess, class_access
from .rules import GradeRule, assign_grades, declared_classes, general_rules, park_classes


@dataclass
class EquityResult:
    mode: str
    residential: gpd.GeoDataFrame
    summary: pd.DataFrame
    lorenz_x: np.ndarray
    lorenz_y: np.ndarray
    gini: float
    mean: float
    parks: pd.DataFrame
    messages: list[Message] = field(default_factory=list)
    classes: ClassAccess | None = None
    class_homes: gpd.GeoDataFrame | None = None


def park_equity(
    parks: gpd.GeoDataFrame,
    residential: gpd.GeoDataFrame,
    population: np.ndarray,
    rules: list[GradeRule],
    target_m2: float = 8.0,
    network: Network | None = None,
    entrances=None,
    snap_distance: float = SNAP_DISTANCE_M,
    districts: gpd.GeoDataFrame | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    class_targets: dict[str, float] | None = None,
    class_rules: list[GradeRule] | None = None,
    class_values=None,
    draped: Network | None = None,
) -> EquityResult:
    """Each park counts with its area (or `size_m2`) as supply within its grade's radius (parks
    below every rule threshold are left out; historic-district rules do not apply here, the
    supply is city-wide). Scores in m2 of park per person.

    With `class_targets` ({"comprehensive": 3.0, "community": 3.0}, m²/person) the result also
    holds the per-capita comprehensive and community park areas (`classes`, `class_homes`): a
    park's class is the one its `class_values` entry names (a park-class field: CJJ/T 85 /
    GB/T 51346 codes or names, see rules.declared_classes), else the class of its size grade
    among `class_rules` (default `rules`).

    `draped`: the network draped on a DEM: the scores are also computed with the decay on walking
    time (flat-equivalent metres of the walk from the home, terrain.py): `score_terrain_m2`,
    `below_target_terrain`, and per district `mean_m2_terrain`, `gini_terrain`,
    `population_below_terrain` (screening, beside the distance-based figures)."""
    report = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    geoms = parks.geometry.to_numpy()
    sizes = parks["size_m2"].to_numpy(dtype=float) if "size_m2" in parks else shapely.area(geoms)
    rules = general_rules(rules)
    grade = assign_grades(sizes, rules)
    radius = np.array([rules[g].radius_m if g >= 0 else 0.0 for g in grade])
    homes = home_points(residential.geometry.to_numpy())
    access, messages = make_access(network, geoms, homes, entrances, snap_distance)
    report(0.2)
    selected = (grade >= 0) & access.facility_reachable
    if network is None:
        park, home, distance = access.pairs(selected, radius)
    else:
        park, home, distance = access.pairs(selected, radius, progress=lambda f: report(0.2 + 0.6 * f))
    population = np.asarray(population, dtype=float)
    result = e2sfca(sizes * selected, population, park, home, distance, np.where(radius > 0, radius, 1.0))
    report(0.85)
    district = district_of(
        homes,
        None if districts is None else districts.geometry.to_numpy(),
        None if districts is None else districts["name"].tolist(),
    )
    frame = residential.copy()
    frame["population"] = population
    frame["score_m2"] = result.score
    frame["parks_in_reach"] = result.reach
    reachable = access.home_reachable
    frame["distance_m"] = _nearest_distance(home, distance, len(frame))
    meets = result.score > target_m2  # GB 55014 2.1.3: 应大于 (strictly more than the target)
    frame["below_target"] = reachable & ~meets
    frame["reachable"] = reachable
    frame["district"] = district
    frame["mode"] = access.mode
    terrain_score = None
    if draped is not None and network is not None:
        t_access, _ = make_access(draped, geoms, homes, entrances, snap_distance)
        t_selected = (grade >= 0) & t_access.facility_reachable
        t_park, t_home, t_cost = t_access.pairs(t_selected, radius)
        terrain_score = e2sfca(
            sizes * t_selected, population, t_park, t_home, t_cost, np.where(radius > 0, radius, 1.0)
        ).score
        frame["score_terrain_m2"] = terrain_score
        frame["below_target_terrain"] = reachable & ~(terrain_score > target_m2)
    # Homes that cannot reach a street are unreachable, never "below the target" (their score,
    # 0, still counts in the mean and the Gini: nobody there reaches a park on foot).
    split = split_population(population, meets, reachable)
    rows = []
    for name in [*sorted(set(district)), ALL]:
        mask = np.ones(len(frame), bool) if name == ALL else district == name
        pop = population[mask]
        score = result.score[mask]
        total = pop.sum()
        below = float(split["population_not_covered"][mask].sum())
        rows.append(
            {
                "district": name,
                "homes": int(mask.sum()),
                "homes_unreachable": int((~reachable[mask]).sum()),
                "population": total,
                "mean_m2": float((score * pop).sum() / total) if total > 0 else np.nan,
                "gini": gini(score, pop),
                "population_covered": float(split["population_covered"][mask].sum()),
                "population_below": below,
                "population_unreachable": float(split["population_unreachable"][mask].sum()),
                "share_below": below / total if total > 0 else np.nan,
                "target_m2": target_m2,
                "mode": access.mode,
            }
        )
        if terrain_score is not None:
            t_score = terrain_score[mask]
            t_below = float(population[mask & reachable & ~(terrain_score > target_m2)].sum())
            rows[-1].update(
                {
                    "mean_m2_terrain": float((t_score * pop).sum() / total) if total > 0 else np.nan,
                    "gini_terrain": gini(t_score, pop),
                    "population_below_terrain": t_below,
                }
            )
    summary = pd.DataFrame(rows)
    x, y = lorenz(result.score, population)
    unreachable = np.flatnonzero((grade >= 0) & ~access.facility_reachable)
    if unreachable.size:
        messages.append(message("parks_unreachable", unreachable.size, metres(snap_distance), ""))
    if (~access.home_reachable).any():
        messages.append(message("homes_unreachable_score", int((~access.home_reachable).sum()), metres(snap_distance)))
    park_table = pd.DataFrame(
        {
            "park_id": parks["park_id"].to_numpy(),
            "name": parks["name"].to_numpy(),
            "size_m2": sizes,
            "radius_m": radius,
            "ratio_m2_per_person": result.ratio,
            "counted": selected,
        }
    )
    result = EquityResult(
        access.mode,
        frame,
        summary,
        x,
        y,
        float(summary.iloc[-1]["gini"]),
        float(summary.iloc[-1]["mean_m2"]),
        park_table,
        messages,
    )
    if class_targets:
        _add_classes(
            result,
            geoms,
            sizes,
            radius,
            selected,
            (park, home, distance),
            class_targets,
            class_rules or rules,
            class_values,
            districts,
        )
    report(1.0)
    return result


def _add_classes(
    result: EquityResult, geoms, sizes, radius, selected, pairs, targets, rules, values, districts
) -> None:
    """Fill `classes`, `class_homes` and the parks' class columns of `result` (see park_equity)."""
    declared, unknown = declared_classes(values) if values is not None else (np.full(len(sizes), "", dtype=object), {})
    classes = park_classes(sizes, rules, declared)
    sized = (declared == "") & (classes != "")
    park_district = district_of(
        shapely.point_on_surface(geoms),
        None if districts is None else districts.geometry.to_numpy(),
        None if districts is None else districts["name"].tolist(),
    )
    frame = result.residential
    result.classes = class_access(
        classes,
        sizes,
        park_district,
        pairs,
        radius,
        frame["population"].to_numpy(),
        frame["reachable"].to_numpy(),
        frame["district"].to_numpy(),
        targets,
    )
    homes = frame[
        [
            c
            for c in frame.columns
            if c
            not in (
                "score_m2",
                "parks_in_reach",
                "distance_m",
                "below_target",
                "score_terrain_m2",
                "below_target_terrain",
            )
        ]
    ].copy()
    for name in TARGET_CLASSES:
        homes[f"{name}_m2"] = result.classes.scores[name]
    homes["class_status"] = result.classes.status
    result.class_homes = homes
    result.parks["park_class"] = classes
    result.parks["class_source"] = np.where(declared != "", "field", np.where(sized, "size", ""))
    if unknown:
        listed = ", ".join(f"{value} ({count})" for value, count in sorted(unknown.items())[:15])
        result.messages.append(message("class_values_unknown", sum(unknown.values()), listed))
    if sized.any():
        result.messages.append(message("classes_by_size", int(sized.sum())))
    uncounted = np.isin(classes, TARGET_CLASSES) & ~selected
    if uncounted.any():
        result.messages.append(message("class_parks_not_scored", int(uncounted.sum())))


def _nearest_distance(home, distance, n_homes: int) -> np.ndarray:
    """Per home the distance (m) to the nearest counted park within its service radius (NaN: none)."""
    nearest = np.full(n_homes, np.inf)
    np.minimum.at(nearest, np.asarray(home, dtype=np.int64), np.asarray(distance, dtype=float))
    return np.where(np.isfinite(nearest), nearest, np.nan)
