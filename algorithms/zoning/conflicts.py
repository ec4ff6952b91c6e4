"""Control-line conflict check (三区三线冲突检查): where planned land use breaks the rules of the
ecological protection red line (and its core protected areas), permanent basic farmland and the
urban development boundary, and where two control lines overlap each other. Pure.

Input: plan parcels with canonical land-use codes (codes.CodeTable.normalise) in a metric CRS, and
the control-line polygons in the same CRS. Each control line is dissolved first (overlapping
polygons of one layer count once); "inside" rules take parcel ∩ line, "outside" rules parcel −
line. When a core-zone layer is given, the red line's own rules apply to the red line outside the
core zones (the core zones have their stricter rules), and the two are not reported as overlapping.
Per parcel, line and relation one rule decides (rules.decide): pieces whose outcome is
"prohibited" or "approval" are reported with that outcome and the rule's clause; "allowed" and
uncovered codes are not. Parcels with an unknown or empty code where a rule of a line applies are
reported with the rule UNKNOWN_RULE and the outcome UNKNOWN_OUTCOME: they cannot be judged.
Pieces an "allowed" rule with `record` decides (田坎 inside permanent basic farmland) are no
conflict: they are kept apart (`recorded`) and the summary lists their area under their own code.

Areas: `plane_area_m2` in the metric CRS and `ellipsoid_area_m2` on the CGCS2000 ellipsoid (as
official 三调 statistics are measured; see ellipsoid.py). Totals and summaries use the ellipsoidal one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import geopandas as gpd
import numpy as np
import pandas as pd
from geopandas.array import GeometryArray

from ..cancel import checkpoint
from . import overlay
from .codes import UNKNOWN, first_level
from .ellipsoid import ellipsoidal_area
from .rules import ALLOWED, APPROVAL, CONTROL_LINES, OUTCOMES, PROHIBITED, Rule, decide

UNKNOWN_RULE = "unknown_code"
UNKNOWN_OUTCOME = "unknown"  # the outcome of a parcel whose code cannot be judged
REPORTED_OUTCOMES = (PROHIBITED, APPROVAL, UNKNOWN_OUTCOME)
CORE, REDLINE = "ecological_core", "ecological_redline"
__all__ = [
    "ALLOWED",
    "ConflictResult",
    "REPORTED_OUTCOMES",
    "UNKNOWN_OUTCOME",
    "UNKNOWN_RULE",
    "check",
    "conflict_pieces",
    "dissolve_lines",
    "line_overlaps",
    "merge_summaries",
    "red_line_outside_core",
    "summarise",
]
CONFLICT_COLUMNS = [
    "row",
    "code",
    "class_code",
    "control_line",
    "rule_id",
    "outcome",
    "clause",
    "plane_area_m2",
    "ellipsoid_area_m2",
    "net_ellipsoid_area_m2",
]
AREA = "ellipsoid_area_m2"
AREAS = ("plane_area_m2", "ellipsoid_area_m2", "net_ellipsoid_area_m2")


@dataclass
class ConflictResult:
    conflicts: gpd.GeoDataFrame  # CONFLICT_COLUMNS + geometry; `row` is the plan row
    overlaps: gpd.GeoDataFrame  # line_a, line_b, plane_area_m2, ellipsoid_area_m2, geometry
    summary: pd.DataFrame  # control_line, outcome, class_code, conflict_count, plane/ellipsoid/net_ellipsoid_area_m2
    unknown_parcels: int  # plan parcels whose code is UNKNOWN
    recorded: pd.DataFrame | None = None  # allowed pieces a `record` rule decides (CONFLICT_COLUMNS)

    def recorded_area(self, control_line: str, code: str | None = None) -> float:
        """CGCS2000 ellipsoidal area (m²) of the recorded pieces of `control_line` (of `code` only if given)."""
        if self.recorded is None or len(self.recorded) == 0:
            return 0.0
        mask = self.recorded["control_line"] == control_line
        if code is not None:
            mask &= self.recorded["code"] == code
        return float(self.recorded.loc[mask, AREA].sum())

    @property
    def conflict_count(self) -> int:
        return len(self.conflicts)

    @property
    def conflict_area(self) -> float:
        """CGCS2000 ellipsoidal area of all reported pieces (m²); NaN when no CRS was given."""
        return float(self.conflicts[AREA].sum(skipna=False)) if len(self.conflicts) else 0.0

    def count(self, outcome: str) -> int:
        return int((self.conflicts["outcome"] == outcome).sum())

    def area(self, outcome: str) -> float:
        """CGCS2000 ellipsoidal area (m²) of the pieces with `outcome`."""
        return float(self.conflicts.loc[self.conflicts["outcome"] == outcome, AREA].sum())

    @property
    def overlap_area(self) -> float:
        return float(self.overlaps[AREA].sum(skipna=False)) if len(self.overlaps) else 0.0


def check(
    plan_geometry: np.ndarray,
    plan_codes: np.ndarray,
    lines: dict[str, np.ndarray],
    rules: list[Rule],
    *,
    min_area: float = 1.0,
    crs=None,
    deducted_share: np.ndarray | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> ConflictResult:
    """Check plan parcels (`plan_geometry`, canonical `plan_codes`) against the control lines given
    in `lines` (id from rules.CONTROL_LINES -> polygon array, possibly empty). Rules on a line that
    is not given are skipped. Plane areas are in the CRS's units (metres). `deducted_share` (per
    plan row, 三调 KCXS) gives net_ellipsoid_area_m2, the land-use area without the 田坎 share."""
    given = [line for line in CONTROL_LINES if line in lines and len(lines[line])]
    steps = len(given) * 2 + 1
    done = 0

    report = checkpoint(progress, is_canceled)

    def step() -> None:
        nonlocal done
        done += 1
        report(100.0 * done / steps)  # percent: the one zoning engine whose callers read 0-100

    parts = dissolve_lines(lines, step)
    conflicts, recorded, unknown = conflict_pieces(
        plan_geometry, plan_codes, parts, rules, min_area=min_area, crs=crs, deducted_share=deducted_share, step=step
    )
    overlaps = line_overlaps(parts, min_area=min_area, crs=crs)
    step()
    return ConflictResult(conflicts, overlaps, summarise(conflicts, recorded), unknown, recorded)


def dissolve_lines(lines: dict[str, np.ndarray], step: Callable[[], None] | None = None) -> dict[str, np.ndarray]:
    """Each given control line (id -> polygons) dissolved into disjoint parts; with core zones,
    the red line's parts are the red line outside them."""
    parts = {}
    for line in (line for line in CONTROL_LINES if line in lines and len(lines[line])):
        parts[line] = overlay.dissolve(lines[line])
        if step is not None:
            step()
    return red_line_outside_core(parts)


def red_line_outside_core(parts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """With core zones given, the red line's own rules apply to the red line outside them: its
    dissolved parts become those of red line minus core zones (the dict is changed and returned)."""
    if CORE in parts and REDLINE in parts:
        parts[REDLINE] = overlay.dissolve(overlay.outside(parts[REDLINE], parts[CORE]).geometry)
    return parts


def conflict_pieces(
    plan_geometry: np.ndarray,
    plan_codes: np.ndarray,
    parts: dict[str, np.ndarray],
    rules: list[Rule],
    *,
    min_area: float = 1.0,
    crs=None,
    deducted_share: np.ndarray | None = None,
    step: Callable[[], None] | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, int]:
    """(the reported pieces of the plan parcels against dissolved control-line `parts`, sorted by
    plan row; the recorded pieces (allowed, by a `record` rule; class_code is their full code); the
    number of parcels with an UNKNOWN code). Every piece depends on its own parcel and the parts
    only, so any subset of parcels (a partition) gives exactly its own pieces."""
    plan_geometry = np.asarray(plan_geometry, dtype=object)
    plan_codes = np.asarray(plan_codes, dtype=object)
    unknown = plan_codes == UNKNOWN
    frames = [_rows(overlay.Pieces.empty(), unknown, plan_codes, "", "", np.array([], dtype=object), {})]
    clauses = {r.id: r.clause for r in rules}
    recording = [r.id for r in rules if r.record and r.outcome == ALLOWED]
    for line in (line for line in CONTROL_LINES if line in parts):
        for relation, compute in (("inside", overlay.inside), ("outside", overlay.outside)):
            relation_rules = [r for r in rules if r.control_line == line and r.relation == relation]
            if not relation_rules:
                continue
            rule_ids, outcomes = decide(plan_codes, relation_rules)
            reported = np.isin(outcomes, (PROHIBITED, APPROVAL))
            reported |= np.isin(rule_ids, recording) & (outcomes == ALLOWED)
            rule_ids[unknown] = UNKNOWN_RULE
            outcomes[unknown] = UNKNOWN_OUTCOME
            pieces = compute(plan_geometry, parts[line], reported | unknown, min_area)
            frames.append(_rows(pieces, reported | unknown, plan_codes, line, rule_ids, outcomes, clauses))
        if step is not None:
            step()

    conflicts = pd.concat(frames, ignore_index=True)
    conflicts["ellipsoid_area_m2"] = _ellipsoidal(conflicts["geometry"].to_numpy(), crs)
    share = np.zeros(len(plan_geometry)) if deducted_share is None else np.asarray(deducted_share, dtype=float)
    conflicts["net_ellipsoid_area_m2"] = conflicts["ellipsoid_area_m2"] * (
        1.0 - share[conflicts["row"].to_numpy(dtype=np.int64)]
    )
    conflicts["geometry"] = _geometry_array(conflicts, crs)
    conflicts = gpd.GeoDataFrame(conflicts, geometry="geometry", crs=crs)
    conflicts = conflicts.sort_values(["row", "control_line", "rule_id"], kind="stable").reset_index(drop=True)
    allowed = (conflicts["outcome"] == ALLOWED).to_numpy()
    recorded = conflicts[allowed].assign(class_code=conflicts.loc[allowed, "code"]).reset_index(drop=True)
    return conflicts[~allowed].reset_index(drop=True), recorded, int(unknown.sum())


def line_overlaps(parts: dict[str, np.ndarray], *, min_area: float = 1.0, crs=None) -> gpd.GeoDataFrame:
    """Where two dissolved control lines overlap (core zones and the red line excepted)."""
    given = [line for line in CONTROL_LINES if line in parts]
    overlap_frames = [pd.DataFrame({"line_a": [], "line_b": [], "plane_area_m2": [], "geometry": []})]
    for line_a, line_b in combinations(given, 2):
        if {line_a, line_b} == {CORE, REDLINE}:
            continue  # core zones lie in the red line by design
        geometry, area = overlay.overlaps(parts[line_a], parts[line_b], min_area)
        overlap_frames.append(
            pd.DataFrame({"line_a": line_a, "line_b": line_b, "plane_area_m2": area, "geometry": geometry})
        )
    overlaps = pd.concat(overlap_frames, ignore_index=True)
    overlaps["ellipsoid_area_m2"] = _ellipsoidal(overlaps["geometry"].to_numpy(), crs)
    return gpd.GeoDataFrame(overlaps, geometry="geometry", crs=crs)


def _geometry_array(frame: pd.DataFrame, crs) -> GeometryArray:
    """The frame's geometry column as a GeometryArray straight from shapely's objects (geopandas
    would otherwise check every element in a Python loop)."""
    return GeometryArray(np.asarray(frame["geometry"].to_numpy(), dtype=object), crs=crs)


def _ellipsoidal(geometry: np.ndarray, crs) -> np.ndarray:
    """CGCS2000 ellipsoidal areas; NaN when the CRS is not known (nothing to take to the ellipsoid)."""
    if crs is None:
        return np.full(len(geometry), np.nan)
    return ellipsoidal_area(geometry, crs)


def _rows(
    pieces: overlay.Pieces,
    mask: np.ndarray,
    plan_codes: np.ndarray,
    line: str,
    rule_ids,
    outcomes,
    clauses: dict[str, str],
) -> pd.DataFrame:
    """One row per piece whose plan row is in `mask`, with the row's deciding rule and outcome."""
    keep = mask[pieces.index] if len(pieces.index) else np.array([], dtype=bool)
    index = pieces.index[keep]
    codes = plan_codes[index]
    ids = np.asarray(rule_ids, dtype=object)[index] if len(index) else np.array([], dtype=object)
    return pd.DataFrame(
        {
            "row": index,
            "code": codes,
            "class_code": first_level(codes),
            "control_line": line,
            "rule_id": ids,
            "outcome": np.asarray(outcomes, dtype=object)[index] if len(index) else np.array([], dtype=object),
            "clause": [clauses.get(i, "") for i in ids],
            "plane_area_m2": pieces.area[keep],
            "geometry": pieces.geometry[keep],
        }
    )


def summarise(conflicts: pd.DataFrame, recorded: pd.DataFrame | None = None) -> pd.DataFrame:
    """Conflicts per control line, outcome and first-level land-use class: count and areas
    (plane, CGCS2000 ellipsoidal, and ellipsoidal without the 田坎 share), ordered by line, then
    strictest outcome first; with the `recorded` pieces as rows of the outcome "allowed" by their own
    code (田坎 2303)."""
    keys = ["control_line", "outcome", "class_code"]
    if recorded is not None and len(recorded):
        conflicts = pd.concat([pd.DataFrame(conflicts), pd.DataFrame(recorded)], ignore_index=True)
    if len(conflicts) == 0:
        empty = {name: np.array([], dtype=float) for name in AREAS}
        return pd.DataFrame({**{k: [] for k in keys}, "conflict_count": np.array([], dtype=np.int64), **empty})
    grouped = (
        conflicts.groupby(keys, sort=False)
        .agg(conflict_count=("plane_area_m2", "size"), **{name: (name, "sum") for name in AREAS})
        .reset_index()
    )
    return _ordered(grouped)


def merge_summaries(summaries: list[pd.DataFrame]) -> pd.DataFrame:
    """One summary from the summaries of disjoint sets of parcels (partitions): counts and areas added."""
    keys = ["control_line", "outcome", "class_code"]
    frames = [s for s in summaries if len(s)]
    if not frames:
        return summarise(pd.DataFrame({k: [] for k in keys}))
    grouped = (
        pd.concat(frames, ignore_index=True).groupby(keys, sort=False)[["conflict_count", *AREAS]].sum().reset_index()
    )
    return _ordered(grouped)


def _ordered(grouped: pd.DataFrame) -> pd.DataFrame:
    line_order = {line: i for i, line in enumerate(CONTROL_LINES)}
    outcome_order = {o: i for i, o in enumerate((*OUTCOMES, UNKNOWN_OUTCOME))}
    grouped["_line"] = grouped["control_line"].map(line_order)
    grouped["_outcome"] = grouped["outcome"].map(outcome_order)
    grouped = grouped.sort_values(["_line", "_outcome", "class_code"]).drop(columns=["_line", "_outcome"])
    grouped["conflict_count"] = grouped["conflict_count"].astype(np.int64)
    return grouped.reset_index(drop=True)
