"""The multi-plan pipeline, written once for the Processing doors (whole layer and partitioned)
and the command line: which fields a plan is read with, its land-use codes and 田坎 deduction,
the partitioned plan reader, and the columns of every result. Pure.

A fix to how 三调 codes or deduction fields are read, or to a result's columns, is made here (and
in sandiao.py / codes.py underneath) and reaches every path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import sandiao
from .partition_io import LayerSource, Scan
from .partitioned import Partition, PlanReader, make_partitions, plan_reader_scan

#: Columns of the conflicts layer; the names in the user's language (code_name, line_name,
#: outcome_name, rule_text) only where the door writes them.
CONFLICT_COLUMNS = (
    "plan_fid",
    "landuse",
    "code",
    "code_name",
    "class_code",
    "control_line",
    "line_name",
    "outcome",
    "outcome_name",
    "rule_id",
    "rule_text",
    "clause",
    "plane_area_m2",
    "ellipsoid_area_m2",
    "deducted_share",
    "net_ellipsoid_area_m2",
    "geometry",
)
#: Columns of the space-class layer (space_name only from the door, unit only with units or from the CLI).
SPACE_COLUMNS = (
    "plan_fid",
    "landuse",
    "code",
    "space_class",
    "space_name",
    "unit",
    "plane_area_m2",
    "ellipsoid_area_m2",
    "deducted_share",
    "net_ellipsoid_area_m2",
    "geometry",
)
#: Columns of the topology-error layer: the door lists the features as feature_ids and n_features,
#: the CLI as fids.
ERROR_COLUMNS = (
    "error_type",
    "error_name",
    "feature_ids",
    "n_features",
    "fids",
    "plane_area_m2",
    "ellipsoid_area_m2",
    "detail",
    "geometry",
)


@dataclass(frozen=True)
class PlanFields:
    """The fields a plan is read with: its land-use code field and the 三调 deduction fields it has."""

    code: str | None
    deduction: dict[str, str] = field(default_factory=dict)  # 三调 key (KCXS, ...) -> field name

    @property
    def names(self) -> list[str]:
        return ([self.code] if self.code else []) + list(self.deduction.values())


def plan_fields(field_names: Iterable[str], code_field: str | None) -> PlanFields:
    """The fields to read of a plan that has `field_names`, coded in `code_field` (None: no codes)."""
    return PlanFields(code_field or None, sandiao.deduction_fields(field_names, code_field))


def deduction(fields: PlanFields, columns: Mapping, rows: int, crosswalk: sandiao.Crosswalk | None = None):
    """(田坎 share, deducted 2023 codes or None) per row of a plan read with `fields`."""
    return sandiao.deduction(columns, fields.deduction, rows, crosswalk)


# --- the partitioned path ----------------------------------------------------------------------


def first_pass(source: LayerSource, fields: PlanFields, is_canceled=None) -> Scan:
    """The plan's feature ids, boxes and distinct land-use values; `source` reads `fields` from now on."""
    source.fields = fields.names
    return plan_reader_scan(source, fields.code, is_canceled)


def cut(source: LayerSource, found: Scan, size: int) -> list[Partition]:
    """Hilbert-ordered partitions of `size` parcels, their rectangles also in `source.target_crs`."""
    return make_partitions(found, size, source.transformer())


def distinct_values(found: Scan, fields: PlanFields) -> np.ndarray:
    """The distinct non-empty values of the code field (sorted as text) the first pass found."""
    values = found.distinct.get(fields.code, set()) if fields.code else set()
    return np.array(sorted((v for v in values if v is not None), key=str), dtype=object)


def plan_reader(source: LayerSource, fields: PlanFields, values: np.ndarray, codes) -> PlanReader:
    """How each task reads its parcels: `fields`, the raw land-use `values` read as canonical `codes`."""
    return PlanReader(
        source,
        fields.code,
        dict(zip(np.asarray(values).tolist(), list(codes))),
        deduction_fields=dict(fields.deduction),
    )


def topology_reader(source: LayerSource) -> PlanReader:
    """How the topology tasks read parcels: geometries as stored (invalid ones are what it reports)."""
    return PlanReader(source, repair=False)


def halo_margin(tolerance: float, geographic: bool) -> float:
    """How far a topology partition reads beyond its rectangle (stored CRS units; degrees generously)."""
    return tolerance / 50_000.0 if geographic else tolerance


# --- result columns ----------------------------------------------------------------------------


def _select(frame: pd.DataFrame, order: tuple[str, ...]) -> pd.DataFrame:
    return frame[[name for name in order if name in frame.columns]]


def conflict_rows(pieces: pd.DataFrame, **columns) -> pd.DataFrame:
    """The conflicts layer from engine pieces (partitioned: with fid, landuse, deducted_share),
    `columns` added or replacing theirs."""
    return _select(pieces.rename(columns={"fid": "plan_fid"}).assign(**columns), CONFLICT_COLUMNS)


def space_rows(pieces: pd.DataFrame, with_units: bool = True, **columns) -> pd.DataFrame:
    """The space-class layer from engine pieces, `columns` added or replacing theirs; without
    units the unit column (every piece ALL_UNITS) is left out."""
    out = pieces.rename(columns={"fid": "plan_fid"}).assign(**columns)
    return _select(out if with_units else out.drop(columns="unit"), SPACE_COLUMNS)


def error_rows(errors: pd.DataFrame, **columns) -> pd.DataFrame:
    """The topology-error layer from engine errors, `columns` added or replacing theirs (given
    feature_ids, the engine's fids tuples are left out)."""
    out = errors.assign(**columns)
    if "feature_ids" in columns:
        out = out.drop(columns="fids", errors="ignore")
    return _select(out, ERROR_COLUMNS)


def joined_fids(fids: Iterable) -> list[str]:
    """Each error's feature ids as one text, "3;17"."""
    return [";".join(str(f) for f in ids) for ids in fids]
