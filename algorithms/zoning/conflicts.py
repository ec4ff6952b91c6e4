"""Control-line conflict check (三区三线冲突检查): where planned land use breaks the rules of the
ecological protection red line, permanent basic farmland and the urban development boundary, and
where two control lines overlap each other. Pure.

Input: plan parcels with canonical land-use codes (codes.CodeTable.normalise) in a metric CRS, and
the control-line polygons in the same CRS. Each control line is dissolved first (overlapping
polygons of one layer count once); "inside" rules take parcel ∩ line, "outside" rules parcel −
line. Parcels with an unknown or empty code where a rule of a line applies (inside the line for
its inside rules, outside for its outside rules) are reported with the rule UNKNOWN_RULE: they
cannot be judged, so they are shown rather than dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import geopandas as gpd
import numpy as np
import pandas as pd

from ..cancel import CancelledError
from . import overlay
from .codes import UNKNOWN, first_level, matches
from .rules import CONTROL_LINES, Rule

UNKNOWN_RULE = "unknown_code"
__all__ = ["ConflictResult", "UNKNOWN_RULE", "check", "summarise"]
CONFLICT_COLUMNS = ["row", "code", "class_code", "control_line", "rule_id", "area_m2"]


@dataclass
class ConflictResult:
    conflicts: gpd.GeoDataFrame  # CONFLICT_COLUMNS + geometry; `row` is the plan row
    overlaps: gpd.GeoDataFrame  # line_a, line_b, area_m2, geometry
    summary: pd.DataFrame  # control_line, class_code, conflict_count, conflict_area_m2
    unknown_parcels: int  # plan parcels whose code is UNKNOWN

    @property
    def conflict_count(self) -> int:
        return len(self.conflicts)

    @property
    def conflict_area(self) -> float:
        return float(self.conflicts["area_m2"].sum()) if len(self.conflicts) else 0.0


def check(
    plan_geometry: np.ndarray,
    plan_codes: np.ndarray,
    lines: dict[str, np.ndarray],
    rules: list[Rule],
    *,
    min_area: float = 1.0,
    crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> ConflictResult:
    """Check plan parcels (`plan_geometry`, canonical `plan_codes`) against the control lines given
    in `lines` (id from rules.CONTROL_LINES -> polygon array, possibly empty). Rules on a line that
    is not given are skipped. Areas are in the CRS's units (metres)."""
    plan_geometry = np.asarray(plan_geometry, dtype=object)
    plan_codes = np.asarray(plan_codes, dtype=object)
    unknown = plan_codes == UNKNOWN
    given = [line for line in CONTROL_LINES if line in lines and len(lines[line])]
    steps = len(given) * 2 + 1
    done = 0

    def step() -> None:
        nonlocal done
        if is_canceled is not None and is_canceled():
            raise CancelledError
        done += 1
        if progress is not None:
            progress(100.0 * done / steps)

    parts = {}
    for line in given:
        parts[line] = overlay.dissolve(lines[line])
        step()

    frames = []
    for line in given:
        line_rules = [r for r in rules if r.control_line == line]
        masks = {r.id: matches(plan_codes, list(r.codes), list(r.exclude)) for r in line_rules}
        for relation, compute in (("inside", overlay.inside), ("outside", overlay.outside)):
            relation_rules = [r for r in line_rules if r.relation == relation]
            if not relation_rules:
                continue
            wanted = unknown.copy()
            for rule in relation_rules:
                wanted |= masks[rule.id]
            pieces = compute(plan_geometry, parts[line], wanted, min_area)
            for rule in relation_rules:
                frames.append(_rows(pieces, masks[rule.id], plan_codes, line, rule.id))
            frames.append(_rows(pieces, unknown, plan_codes, line, UNKNOWN_RULE))
        step()

    conflicts = pd.concat(frames, ignore_index=True) if frames else _rows(overlay.Pieces.empty(), unknown, plan_codes, "", "")
    conflicts = gpd.GeoDataFrame(conflicts, geometry="geometry", crs=crs)
    conflicts = conflicts.sort_values(["row", "control_line", "rule_id"], kind="stable").reset_index(drop=True)

    overlap_frames = []
    for line_a, line_b in combinations(given, 2):
        geometry, area = overlay.overlaps(parts[line_a], parts[line_b], min_area)
        overlap_frames.append(pd.DataFrame({"line_a": line_a, "line_b": line_b, "area_m2": area, "geometry": geometry}))
    overlaps = (pd.concat(overlap_frames, ignore_index=True) if overlap_frames
                else pd.DataFrame({"line_a": [], "line_b": [], "area_m2": [], "geometry": []}))
    overlaps = gpd.GeoDataFrame(overlaps, geometry="geometry", crs=crs)
    step()
    return ConflictResult(conflicts, overlaps, summarise(conflicts), int(unknown.sum()))


def _rows(pieces: overlay.Pieces, mask: np.ndarray, plan_codes: np.ndarray, line: str, rule_id: str) -> pd.DataFrame:
    keep = mask[pieces.index] if len(pieces.index) else np.array([], dtype=bool)
    index = pieces.index[keep]
    codes = plan_codes[index]
    return pd.DataFrame({
        "row": index,
        "code": codes,
        "class_code": first_level(codes),
        "control_line": line,
        "rule_id": rule_id,
        "area_m2": pieces.area[keep],
        "geometry": pieces.geometry[keep],
    })


def summarise(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Conflicts per control line and first-level land-use class: count and area."""
    if len(conflicts) == 0:
        return pd.DataFrame({"control_line": [], "class_code": [], "conflict_count": np.array([], dtype=np.int64),
                             "conflict_area_m2": np.array([], dtype=float)})
    grouped = conflicts.groupby(["control_line", "class_code"], sort=False)["area_m2"].agg(["size", "sum"]).reset_index()
    grouped.columns = ["control_line", "class_code", "conflict_count", "conflict_area_m2"]
    order = {line: i for i, line in enumerate(CONTROL_LINES)}
    grouped["_line"] = grouped["control_line"].map(order)
    grouped = grouped.sort_values(["_line", "class_code"]).drop(columns="_line").reset_index(drop=True)
    grouped["conflict_count"] = grouped["conflict_count"].astype(np.int64)
    return grouped
