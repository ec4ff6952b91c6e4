"""Per-capita comprehensive and community park area (GB 55014-2021 2.1.4) beside the park equity
scores. Pure.

Clause 2.1.4 (public text of GB 55014-2021): 城市应建设与人口规模相匹配的综合公园和社区公园，人均
综合公园面积和人均社区公园面积应分别大于3.0 m²/人. The clause is city-wide, so three readings:

- the clause's own measure, row "(all)", basis "standard": the area of all parks of the class
  divided by the whole population given (strictly greater than the target passes, "应大于");
- per district, basis "screening": the parks of the class whose representative point lies in the
  district over the district's residents (the standard sets no district figure);
- per home, screening: the E2SFCA score of the class's parks alone (the same walking distances and
  service radii as the park score), and whether it exceeds the target. Residents split into
  covered (score above the target), not covered and unreachable (home off the network), which add
  up to the population of every row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..walking import split_population
from .equity import e2sfca
from .inputs import ALL

#: The park classes GB 55014-2021 2.1.4 sets per-capita areas for.
TARGET_CLASSES = ("comprehensive", "community")
STANDARD, SCREENING = "standard", "screening"
#: Per-home status values of `class_status`.
BOTH, COMPREHENSIVE_ONLY, COMMUNITY_ONLY, NEITHER, UNREACHABLE = (
    "both_met",
    "comprehensive_only",
    "community_only",
    "neither_met",
    "unreachable",
)


@dataclass
class ClassAccess:
    """`scores`: per class, per home the accessible area of that class's parks (m²/person);
    `status`: per home one of the status values above; `summary`: one row per district (and
    "(all)") and class."""

    scores: dict[str, np.ndarray]
    status: np.ndarray
    summary: pd.DataFrame


def class_access(
    park_class, sizes, park_district, pairs, radius, population, reachable, home_district, targets: dict[str, float]
) -> ClassAccess:
    """Per-capita class park areas and class scores.

    `park_class`, `sizes` (m²), `park_district`, `radius` (m, 0 for parks not counted): one per park;
    `pairs`: (park, home, distance) within each counted park's radius, as for the park score;
    `population`, `reachable`, `home_district`: one per home; `targets`: m²/person per class."""
    park_class = np.asarray(park_class, dtype=object)
    sizes = np.nan_to_num(np.asarray(sizes, dtype=float))
    park_district = np.asarray(park_district, dtype=object)
    home_district = np.asarray(home_district, dtype=object)
    population = np.asarray(population, dtype=float)
    reachable = np.asarray(reachable, dtype=bool)
    park, home, distance = (np.asarray(a) for a in pairs)
    radius = np.where(np.asarray(radius, dtype=float) > 0, radius, 1.0)
    names = [*sorted(set(home_district) | set(park_district[np.isin(park_class, TARGET_CLASSES)])), ALL]
    scores, met, rows = {}, {}, []
    for name in TARGET_CLASSES:
        mine = park_class == name
        in_class = mine[park] if park.size else np.zeros(0, bool)
        score = e2sfca(sizes * mine, population, park[in_class], home[in_class], distance[in_class], radius).score
        target = float(targets[name])
        scores[name] = score
        met[name] = reachable & (score > target)
        split = split_population(population, met[name], reachable)
        for district in names:
            homes = np.ones(len(population), bool) if district == ALL else home_district == district
            parks = mine if district == ALL else mine & (park_district == district)
            people = float(population[homes].sum())
            area = float(sizes[parks].sum())
            per_capita = area / people if people > 0 else np.nan
            rows.append(
                {
                    "district": district,
                    "park_class": name,
                    "parks": int(parks.sum()),
                    "park_area_m2": area,
                    "population": people,
                    "per_capita_m2": per_capita,
                    "target_m2": target,
                    "meets": bool(per_capita > target) if people > 0 else False,
                    "basis": STANDARD if district == ALL else SCREENING,
                    "mean_m2": float((score[homes] * population[homes]).sum() / people) if people > 0 else np.nan,
                    "population_covered": float(split["population_covered"][homes].sum()),
                    "population_not_covered": float(split["population_not_covered"][homes].sum()),
                    "population_unreachable": float(split["population_unreachable"][homes].sum()),
                }
            )
    comprehensive, community = met["comprehensive"], met["community"]
    status = np.select(
        [~reachable, comprehensive & community, comprehensive, community],
        [UNREACHABLE, BOTH, COMPREHENSIVE_ONLY, COMMUNITY_ONLY],
        NEITHER,
    ).astype(object)
    return ClassAccess(scores, status, pd.DataFrame(rows))
