"""Park equity analysis: E2SFCA scores per home along the network, and per district the mean,
Gini coefficient and population below the per-capita target. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..network import Network
from ..walking import home_points, split_population
from .coverage import make_access
from .equity import e2sfca, gini, lorenz
from .inputs import ALL, district_of
from .messages import Message, message, metres
from .rules import GradeRule, assign_grades, general_rules


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


def park_equity(
    parks: gpd.GeoDataFrame,
    residential: gpd.GeoDataFrame,
    population: np.ndarray,
    rules: list[GradeRule],
    target_m2: float = 8.0,
    network: Network | None = None,
    entrances=None,
    snap_distance: float = 50.0,
    districts: gpd.GeoDataFrame | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> EquityResult:
    """Each park counts with its area (or `size_m2`) as supply within its grade's radius (parks
    below every rule threshold are left out; historic-district rules do not apply here, the
    supply is city-wide). Scores in m2 of park per person."""
    report = progress or (lambda _x: None)
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
        park, home, distance = access.pairs(
            selected, radius, progress=lambda f: report(0.2 + 0.6 * f), is_canceled=is_canceled
        )
    population = np.asarray(population, dtype=float)
    result = e2sfca(sizes * selected, population, park, home, distance, np.where(radius > 0, radius, 1.0))
    report(0.85)
    district = district_of(homes, None if districts is None else districts.geometry.to_numpy(),
                           None if districts is None else districts["name"].tolist())
    frame = residential.copy()
    frame["population"] = population
    frame["score_m2"] = result.score
    frame["parks_in_reach"] = result.reach
    reachable = access.home_reachable
    frame["distance_m"] = _nearest_distance(home, distance, len(frame))
    frame["below_target"] = reachable & (result.score < target_m2)
    frame["reachable"] = reachable
    frame["district"] = district
    frame["mode"] = access.mode
    # Homes that cannot reach a street are unreachable, never "below the target" (their score,
    # 0, still counts in the mean and the Gini: nobody there reaches a park on foot).
    split = split_population(population, result.score >= target_m2, reachable)
    rows = []
    for name in [*sorted(set(district)), ALL]:
        mask = np.ones(len(frame), bool) if name == ALL else district == name
        pop = population[mask]
        score = result.score[mask]
        total = pop.sum()
        below = float(split["population_not_covered"][mask].sum())
        rows.append({
            "district": name, "homes": int(mask.sum()), "homes_unreachable": int((~reachable[mask]).sum()),
            "population": total,
            "mean_m2": float((score * pop).sum() / total) if total > 0 else np.nan,
            "gini": gini(score, pop),
            "population_covered": float(split["population_covered"][mask].sum()),
            "population_below": below,
            "population_unreachable": float(split["population_unreachable"][mask].sum()),
            "share_below": below / total if total > 0 else np.nan,
            "target_m2": target_m2, "mode": access.mode,
        })
    summary = pd.DataFrame(rows)
    x, y = lorenz(result.score, population)
    unreachable = np.flatnonzero((grade >= 0) & ~access.facility_reachable)
    if unreachable.size:
        messages.append(message("parks_unreachable", unreachable.size, metres(snap_distance), ""))
    if (~access.home_reachable).any():
        messages.append(message("homes_unreachable_score", int((~access.home_reachable).sum()), metres(snap_distance)))
    park_table = pd.DataFrame({
        "park_id": parks["park_id"].to_numpy(), "name": parks["name"].to_numpy(), "size_m2": sizes,
        "radius_m": radius, "ratio_m2_per_person": result.ratio, "counted": selected,
    })
    total = summary.iloc[-1]
    report(1.0)
    return EquityResult(access.mode, frame, summary, x, y, float(total["gini"]), float(total["mean_m2"]), park_table, messages)


def _nearest_distance(home, distance, n_homes: int) -> np.ndarray:
    """Per home the distance (m) to the nearest counted park within its service radius (NaN: none)."""
    nearest = np.full(n_homes, np.inf)
    np.minimum.at(nearest, np.asarray(home, dtype=np.int64), np.asarray(distance, dtype=float))
    return np.where(np.isfinite(nearest), nearest, np.nan)
