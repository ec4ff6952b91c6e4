"""15-minute living circle coverage (GB 50180-2018): per home the walking distance to the nearest
facility of each type, covered flags and a completeness score. Pure.

Types and their circle distances come from resources/standards/living_circle.json (editable);
the planner's type values are mapped onto those types (`map_types`). The completeness score is the
share of the analysed types (those present in the facility data) whose nearest facility lies
within the type's distance; types of the preset missing from the data are reported, not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from ..cancel import checkpoint
from ..network import Network
from ..walking import SNAP_DISTANCE_M, home_points, split_population
from .coverage import make_access
from .inputs import ALL, district_of
from .messages import Message, message, metres


class TypeMappingError(ValueError):
    """A mapping or distance text that cannot be read."""


def parse_pairs(text: str) -> dict[str, str]:
    """'key = value' pairs separated by newlines or ';' ('#' comments). Keys compare lower-case."""
    pairs = {}
    for number, raw in enumerate((text or "").replace(";", "\n").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            raise TypeMappingError(f"line {number} '{line}': expected 'value = type'")
        key, value = (p.strip() for p in line.split("=", 1))
        pairs[key.lower()] = value
    return pairs


def map_types(values, types: dict, mapping: dict[str, str]) -> tuple[np.ndarray, dict[str, int]]:
    """Type id of each facility (None when unmapped) and the count of each unmapped value. A value
    maps through `mapping` (case-insensitive) or is itself a type id or a type's label."""
    by_label = {}
    for type_id, spec in types.items():
        for name in (type_id, spec.get("label", ""), spec.get("label_zh", "")):
            if name:
                by_label[str(name).strip().lower()] = type_id
    out = np.empty(len(values), dtype=object)
    unmapped: dict[str, int] = {}
    for i, value in enumerate(values):
        key = "" if value is None else str(value).strip().lower()
        target = mapping.get(key, key)
        type_id = by_label.get(str(target).strip().lower())
        out[i] = type_id
        if type_id is None:
            unmapped[str(value)] = unmapped.get(str(value), 0) + 1
    return out, unmapped


@dataclass
class FacilityResult:
    mode: str
    residential: gpd.GeoDataFrame
    summary: pd.DataFrame
    underserved: gpd.GeoDataFrame
    types: list[str]
    missing_types: list[str]
    messages: list[Message] = field(default_factory=list)


def facility_coverage(
    facilities: gpd.GeoDataFrame,
    facility_types: np.ndarray,
    residential: gpd.GeoDataFrame,
    types: dict,
    network: Network | None = None,
    snap_distance: float = SNAP_DISTANCE_M,
    population: np.ndarray | None = None,
    districts: gpd.GeoDataFrame | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    draped: Network | None = None,
) -> FacilityResult:
    """`types`: type id -> {"distance_m": ..., "label": ...}; `facility_types`: the type id of
    each facility (None: ignored). `draped`: the network draped on a DEM: per type also the
    terrain-aware screening figure (`ft_<type>` flat-equivalent metres of the walk from the home,
    `ct_<type>` covered in walking time), beside the standard's distance figure."""
    report = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    homes = home_points(residential.geometry.to_numpy())
    access, messages = make_access(network, facilities.geometry.to_numpy(), homes, None, snap_distance)
    terrain = None
    if draped is not None and network is not None:
        terrain, _ = make_access(draped, facilities.geometry.to_numpy(), homes, None, snap_distance)
    covered_terrain_count = np.zeros(len(residential))
    present = [t for t in types if (facility_types == t).any()]
    missing = [t for t in types if t not in present]
    n = len(residential)
    pop = np.ones(n) if population is None else np.asarray(population, dtype=float)
    district = district_of(
        homes,
        None if districts is None else districts.geometry.to_numpy(),
        None if districts is None else districts["name"].tolist(),
    )
    frame = residential.copy()
    covered_count = np.zeros(n)
    underserved = []
    summary_rows = []
    for k, type_id in enumerate(present):
        report(k / max(len(present), 1))
        limit = float(types[type_id]["distance_m"])
        selected = (facility_types == type_id) & access.facility_reachable
        _, distance = access.nearest(selected, 2 * limit)
        covered = distance <= limit
        frame[f"d_{type_id}"] = np.where(np.isfinite(distance), distance, np.nan)
        frame[f"c_{type_id}"] = covered
        covered_count += covered
        if terrain is not None:
            _, cost = terrain.nearest(selected & terrain.facility_reachable, 2 * limit)
            covered_terrain = cost <= limit
            frame[f"ft_{type_id}"] = np.where(np.isfinite(cost), cost, np.nan)
            frame[f"ct_{type_id}"] = covered_terrain
            covered_terrain_count += covered_terrain
        rows = np.flatnonzero(~covered)
        underserved.append(
            gpd.GeoDataFrame(
                {
                    "src_fid": frame["src_fid"].to_numpy()[rows] if "src_fid" in frame else rows,
                    "type": type_id,
                    "type_label": types[type_id].get("label", type_id),
                    "distance_m": frame[f"d_{type_id}"].to_numpy()[rows],
                    "limit_m": limit,
                    "district": district[rows],
                    "population": pop[rows] if population is not None else np.nan,
                    "mode": access.mode,
                },
                geometry=homes[rows],
                crs=residential.crs,
            )
        )
        split = split_population(pop, covered, access.home_reachable)
        for name in [*sorted(set(district)), ALL]:
            mask = np.ones(n, bool) if name == ALL else district == name
            total = pop[mask].sum()
            people = {
                column: float(values[mask].sum()) if population is not None else np.nan
                for column, values in split.items()
            }
            summary_rows.append(
                {
                    "type": type_id,
                    "type_label": types[type_id].get("label", type_id),
                    "limit_m": limit,
                    "district": name,
                    "homes": int(mask.sum()),
                    "homes_covered": int(covered[mask].sum()),
                    "homes_unreachable": int((~access.home_reachable[mask]).sum()),
                    "share_homes": float(covered[mask].mean()) if mask.any() else np.nan,
                    **people,
                    "share_population": float(pop[mask & covered].sum() / total)
                    if population is not None and total > 0
                    else np.nan,
                    "mode": access.mode,
                }
            )
            if terrain is not None:
                summary_rows[-1].update(_terrain_row(mask, covered, covered_terrain, pop, population, access))
        report((k + 1) / max(len(present), 1))
    frame["types_covered"] = covered_count.astype(np.int64)
    frame["completeness"] = covered_count / len(present) if present else np.nan
    if terrain is not None:
        frame["types_covered_terrain"] = covered_terrain_count.astype(np.int64)
        frame["completeness_terrain"] = covered_terrain_count / len(present) if present else np.nan
    frame["reachable"] = access.home_reachable
    frame["district"] = district
    frame["mode"] = access.mode
    if (~access.home_reachable).any():
        messages.append(message("homes_unreachable", int((~access.home_reachable).sum()), metres(snap_distance)))
    if (~access.facility_reachable).any():
        messages.append(
            message("facilities_unreachable", int((~access.facility_reachable).sum()), metres(snap_distance))
        )
    under = (
        pd.concat(underserved, ignore_index=True)
        if underserved
        else gpd.GeoDataFrame({"type": []}, geometry=gpd.GeoSeries([], crs=residential.crs))
    )
    return FacilityResult(
        access.mode,
        frame,
        pd.DataFrame(summary_rows),
        gpd.GeoDataFrame(under, crs=residential.crs),
        present,
        missing,
        messages,
    )


def _terrain_row(mask, covered, covered_terrain, pop, population, access) -> dict:
    """Summary columns of the terrain-aware screening figure for the homes in `mask`: covered in
    walking time, losing coverage, their share and population."""
    reachable = access.home_reachable
    losing = covered & ~covered_terrain
    row = {
        "homes_covered_terrain": int(covered_terrain[mask].sum()),
        "homes_losing_coverage": int(losing[mask].sum()),
        "share_homes_terrain": float(covered_terrain[mask].mean()) if mask.any() else np.nan,
    }
    if population is not None:
        total = pop[mask].sum()
        row["population_covered_terrain"] = float(pop[mask & covered_terrain & reachable].sum())
        row["population_losing_coverage"] = float(pop[mask & losing & reachable].sum())
        row["share_population_terrain"] = row["population_covered_terrain"] / total if total > 0 else np.nan
    return row
