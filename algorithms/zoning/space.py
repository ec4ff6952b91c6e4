"""Production-living-ecological space structure (三生空间结构): land-use codes mapped to space classes,
and the area and share of each class per planning unit (district, town). Pure.

The mapping is a research convention, not a national table (resources/standards/space_mapping.json,
preset 'default'): code prefixes of the 2023 guide -> class id, the longest prefix winning, so a
planner can send 0703 rural homesteads to another class than the rest of 07. Mixed classes (e.g.
production_living) are ordinary classes. Codes without a mapping, and unknown codes, are the class
UNMAPPED, whose area the summary reports rather than hiding it.

Mapping file: JSON {"classes": {id: {"zh", "en", "color"}}, "mapping": {code: id}} (or a preset
file of that shape), or CSV with the header code,space_class. Errors name the file and line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import standards
from ..cancel import checkpoint
from . import overlay
from .codes import UNKNOWN, CodeTable
from .ellipsoid import ellipsoidal_area

UNMAPPED = "unmapped"
OUTSIDE_UNITS = -1  # unit value of plan pieces outside every unit
ALL_UNITS = -2  # unit value of the whole plan's row in the summary


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and line."""


@dataclass
class SpaceMapping:
    classes: dict[str, dict]  # class id -> {"zh", "en", "color"}
    mapping: dict[str, str]  # canonical code prefix -> class id

    def classify(self, codes: np.ndarray) -> np.ndarray:
        """Class id of each canonical code (longest mapped prefix), UNMAPPED when none applies."""
        codes = np.asarray(codes, dtype=object)
        verdict = {}
        for code in pd.unique(pd.Series(codes, dtype=object)):
            verdict[code] = UNMAPPED
            if code == UNKNOWN:
                continue
            for length in (6, 4, 2):
                if len(code) >= length and code[:length] in self.mapping:
                    verdict[code] = self.mapping[code[:length]]
                    break
        return np.array([verdict[c] for c in codes], dtype=object)

    def name(self, class_id: str, language: str) -> str:
        entry = self.classes.get(class_id)
        if entry is None:
            return ""
        return entry.get("zh" if language == "zh" else "en") or class_id


def default_mapping(table: CodeTable, user_dir=None) -> SpaceMapping:
    preset = standards.preset("space_mapping", "default", user_dir)
    return _build(
        preset.get("classes", {}),
        preset["mapping"],
        "space_mapping.json",
        json.dumps(preset, ensure_ascii=False, indent=1).splitlines(),
        table,
    )


def load_mapping(path: str | Path, table: CodeTable, defaults: SpaceMapping) -> SpaceMapping:
    """A mapping from a JSON or CSV file; classes not defined in the file come from `defaults`."""
    path = Path(path)
    text, data = standards.load_planner_file(path, MappingError, "mapping file")
    lines = text.splitlines()
    if data is None:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in reader.fieldnames or []]
        if header[:2] != ["code", "space_class"]:
            raise MappingError(f"{path}: line 1: expected the header code,space_class")
        reader.fieldnames = header
        mapping, where = {}, {}
        for row in reader:
            code, space_class = (row.get("code") or "").strip(), (row.get("space_class") or "").strip()
            if code or space_class:
                mapping[code] = space_class
                where[code] = reader.line_num
        return _build(dict(defaults.classes), mapping, str(path), lines, table, where)
    if not isinstance(data, dict) or not isinstance(data.get("mapping"), dict):
        raise MappingError(f"{path}: line 1: expected an object with a 'mapping' object (code -> class)")
    classes = dict(defaults.classes)
    classes.update(data.get("classes") or {})
    return _build(classes, data["mapping"], str(path), lines, table)


def _build(
    classes: dict, mapping: dict, name: str, lines: list[str], table: CodeTable, where: dict | None = None
) -> SpaceMapping:
    result = {}
    for key, space_class in mapping.items():
        line = where[key] if where else _line_of(lines, f'"{key}"')
        code = table.normalise_one(key)
        if code == UNKNOWN:
            raise MappingError(
                f"{name}: line {line}: unknown land-use code '{key}'; use codes of the 2023 classification guide"
            )
        if space_class not in classes:
            raise MappingError(
                f"{name}: line {line}: unknown space class '{space_class}' for code '{key}'; "
                f"define it under 'classes' or use one of {', '.join(classes)}"
            )
        result[code] = space_class
    if not result:
        raise MappingError(f"{name}: the mapping is empty")
    return SpaceMapping(classes, result)


def _line_of(lines: list[str], token: str) -> int:
    return next((i + 1 for i, text in enumerate(lines) if token in text), 1)


@dataclass
class SpaceResult:
    pieces: gpd.GeoDataFrame  # row (plan row), unit (unit row, OUTSIDE_UNITS or ALL_UNITS), space_class,
    #                           plane_area_m2, ellipsoid_area_m2, deducted_share, net_ellipsoid_area_m2
    summary: pd.DataFrame  # long form: unit, space_class, area_m2 (in `measure`), share
    measure: str  # "ellipsoid" (CGCS2000 ellipsoidal areas) or "plane" (no CRS given)


def structure(
    plan_geometry: np.ndarray,
    space_classes: np.ndarray,
    units: np.ndarray | None = None,
    *,
    crs=None,
    deducted_share: np.ndarray | None = None,
    deducted_classes: np.ndarray | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> SpaceResult:
    """Plan parcels with their space class, split by the units when given (pieces outside every
    unit get OUTSIDE_UNITS; without units every piece gets ALL_UNITS). Unit polygons may overlap:
    each unit counts what lies in it. The summary always has the whole plan's row (ALL_UNITS).

    With `crs` the summary counts CGCS2000 ellipsoidal areas (the official 三调 measure), without it
    plane areas. `deducted_share` (per plan row, 三调 KCXS) moves that share of each piece's area
    to the space class `deducted_classes` gives for the row (the class of 田坎)."""
    plan_geometry = np.asarray(plan_geometry, dtype=object)
    space_classes = np.asarray(space_classes, dtype=object)
    whole = overlay.polygonal(plan_geometry)
    whole_frame = _frame(whole.index, np.full(len(whole.index), ALL_UNITS), whole.geometry, whole.area)
    if units is None or len(units) == 0:
        frame = whole_frame
    else:
        units = np.asarray(units, dtype=object)
        rows, unit_rows = overlay.intersecting_pairs(plan_geometry, units)
        parts, index = overlay.polygon_parts(shapely.intersection(plan_geometry[rows], units[unit_rows]))
        pair = np.arange(len(rows))
        grouped = overlay.group_polygons(parts, pair[index])
        checkpoint(is_canceled=is_canceled)(0.5)
        rest = overlay.outside(plan_geometry, overlay.dissolve(units))
        frame = pd.concat(
            [
                _frame(rows[grouped.index], unit_rows[grouped.index], grouped.geometry, grouped.area),
                _frame(rest.index, np.full(len(rest.index), OUTSIDE_UNITS), rest.geometry, rest.area),
            ],
            ignore_index=True,
        )
    share = np.zeros(len(plan_geometry)) if deducted_share is None else np.asarray(deducted_share, dtype=float)
    deducted = space_classes if deducted_classes is None else np.asarray(deducted_classes, dtype=object)
    frame = (
        _measured(frame, space_classes, crs, share).sort_values(["row", "unit"], kind="stable").reset_index(drop=True)
    )
    pieces = gpd.GeoDataFrame(frame, geometry="geometry", crs=crs)
    measure = "ellipsoid" if crs is not None else "plane"
    summary = summarise(_accounted(pieces, measure, deducted))
    if units is not None and len(units):
        whole_frame = _measured(whole_frame, space_classes, crs, share)
        summary = pd.concat([summary, summarise(_accounted(whole_frame, measure, deducted))], ignore_index=True)
    return SpaceResult(pieces, summary, measure)


def _frame(rows, unit, geometry, area) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype=np.int64),
            "unit": np.asarray(unit, dtype=np.int64),
            "geometry": geometry,
            "plane_area_m2": area,
        }
    )


def _measured(frame: pd.DataFrame, space_classes: np.ndarray, crs, share: np.ndarray) -> pd.DataFrame:
    """The pieces with their space class, ellipsoidal area (NaN without CRS) and 田坎 share."""
    rows = frame["row"].to_numpy()
    frame["space_class"] = space_classes[rows]
    geometry = frame["geometry"].to_numpy()
    frame["ellipsoid_area_m2"] = ellipsoidal_area(geometry, crs) if crs is not None else np.nan
    frame["deducted_share"] = share[rows]
    frame["net_ellipsoid_area_m2"] = frame["ellipsoid_area_m2"] * (1.0 - frame["deducted_share"])
    return frame


def _accounted(pieces: pd.DataFrame, measure: str, deducted: np.ndarray) -> pd.DataFrame:
    """unit, space_class, area_m2 rows for the summary: each piece's own class gets its area less
    the deducted share, the deducted class the share."""
    area = pieces[f"{measure}_area_m2"].to_numpy()
    share = pieces["deducted_share"].to_numpy()
    own = pd.DataFrame(
        {
            "unit": pieces["unit"].to_numpy(),
            "space_class": pieces["space_class"].to_numpy(),
            "area_m2": area * (1.0 - share),
        }
    )
    cut = share > 0
    if not cut.any():
        return own
    moved = pd.DataFrame(
        {
            "unit": pieces["unit"].to_numpy()[cut],
            "space_class": deducted[pieces["row"].to_numpy()[cut]],
            "area_m2": (area * share)[cut],
        }
    )
    return pd.concat([own, moved], ignore_index=True)


def summarise(pieces: pd.DataFrame) -> pd.DataFrame:
    """Area per unit and class from rows of unit, space_class, area_m2, in long form: unit,
    space_class, area_m2, share of the unit's total plan area."""
    grouped = pieces.groupby(["unit", "space_class"], sort=True)["area_m2"].sum().reset_index()
    totals = grouped.groupby("unit")["area_m2"].transform("sum")
    grouped["share"] = np.where(totals > 0, grouped["area_m2"] / totals.where(totals > 0, 1.0), 0.0)
    return grouped


def wide(summary: pd.DataFrame, class_ids: list[str], unit_count: int = 0) -> pd.DataFrame:
    """One row per unit: total_area_m2, then <class>_m2 and <class>_pct for every class id and
    UNMAPPED (0 where absent). Rows: units 0..unit_count-1 (also those without any plan),
    OUTSIDE_UNITS when the plan reaches beyond them, ALL_UNITS last."""
    ids = [c for c in class_ids if c != UNMAPPED] + [UNMAPPED]
    area = summary.pivot_table(index="unit", columns="space_class", values="area_m2", aggfunc="sum", fill_value=0.0)
    present = set(area.index)
    order = [*range(unit_count), *(u for u in (OUTSIDE_UNITS, ALL_UNITS) if u in present)]
    area = area.reindex(index=order, columns=ids, fill_value=0.0)
    total = area.sum(axis=1)
    result = pd.DataFrame({"unit": area.index.to_numpy(), "total_area_m2": total.to_numpy()})
    for class_id in ids:
        result[f"{class_id}_m2"] = area[class_id].to_numpy()
        result[f"{class_id}_pct"] = np.where(total > 0, 100.0 * area[class_id] / total.where(total > 0, 1.0), 0.0)
    return result
