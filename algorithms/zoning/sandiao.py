"""三调 / 年度变更调查 status data: its working classification (三调工作分类: GB/T 21010-2017 with the
三调 extensions 05H1, 08H1, 08H2, 0810A, 1104A, ...) read into the 2023 land-use classification
through the guide's crosswalk, which classification a layer uses, and the 田坎 deduction. Pure.

The same digits mean different classes in the two systems (0601: 工业用地 in 三调, 农村道路 in the
2023 guide; 1003: 公路用地 / 盐田), so a layer must be read in the right one. `detect` decides from
the values themselves and refuses, with examples, when they do not tell or contradict each other.

田坎 deduction (扣除): a 三调 parcel of cropland on slopes carries a 田坎 share: KCXS (扣除地类系数)
of its area TBMJ is the deducted class KCDLBM (1203 田坎), KCMJ = TBMJ x KCXS, and the parcel's own
class covers TBDLMJ = TBMJ - KCMJ. `deduction_share` gives that share per parcel.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import standards
from .codes import UNKNOWN, CodeTable, map_distinct

AUTO, GB2023, SANDIAO = "auto", "gb2023", "sandiao"
CLASSIFICATIONS = (AUTO, GB2023, SANDIAO)
DEDUCTED_DEFAULT = "1203"  # 三调 田坎
DEDUCTION_FIELDS = ("KCXS", "KCMJ", "TBMJ", "TBDLMJ", "KCDLBM")  # 三调 DLTB field names
_CODE = re.compile(r"^\s*(\d{1,4})(H\d)?([A-Z])?(?![0-9A-Z])\s*(.*)$")
_EXAMPLES = 3


class ClassificationError(ValueError):
    """The layer's codes do not tell which classification they use, or mix both."""


@dataclass
class Crosswalk:
    """三调 working classes (code -> Chinese name) and the 2023 code each maps to."""

    names_zh: dict[str, str]
    to_2023: dict[str, str]
    k_suffix: bool = True
    by_name: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self):
        self.by_name = {name: code for code, name in self.names_zh.items()}

    @classmethod
    def load(cls, user_dir=None, preset_id: str = "gb2023") -> Crosswalk:
        """The preset `preset_id` of resources/standards/sandiao_crosswalk.json."""
        preset = standards.preset("sandiao_crosswalk", preset_id, user_dir)
        classes = preset["classes"]
        return cls(
            {c: v["zh"] for c, v in classes.items()},
            {c: v["to"] for c, v in classes.items()},
            bool(preset.get("k_suffix", True)),
        )

    def parse_one(self, value) -> str | None:
        """A stored value -> 三调 code ('0101', '05H1', '0810A', '09'), None when it is none.
        A name after the code must be that code's name ('0601 工业用地')."""
        parsed = _split(value)
        if parsed is None:
            return None
        code, name = parsed
        if code is None:
            return self.by_name.get(name.removeprefix("可调整") if self.k_suffix else name)
        if self.k_suffix and code.endswith("K") and code[:-1] in self.names_zh:
            code, name = code[:-1], name.removeprefix("可调整")
        if code not in self.names_zh or (name and self.by_name.get(name) != code):
            return None
        return code

    def convert(self, values) -> np.ndarray:
        """2023 codes of a column of 三调 values (UNKNOWN where a value is not a 三调 class)."""

        def parse(value) -> str:
            code = self.parse_one(value)
            return self.to_2023[code] if code else UNKNOWN

        return map_distinct(values, parse)


def read_2023(value, table: CodeTable) -> str | None:
    """A stored value -> a code of the 2023 table itself (exact, not by prefix), None otherwise.
    A name after the code must be that code's name ('0601 农村道路')."""
    parsed = _split(value)
    if parsed is None:
        return None
    code, name = parsed
    if code is None:
        return table.by_name.get(name)
    if code not in table.names_zh or (name and table.by_name.get(name) != code):
        return None
    return code


def _split(value) -> tuple[str | None, str] | None:
    """(code or None, trailing name) of a stored value; None for empty values. Numbers become
    even-length codes (101 -> '0101', 9 -> '09')."""
    if value is None or value is pd.NA or isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (float, np.floating)):
        if math.isnan(value) or not float(value).is_integer():
            return None
        value = int(value)
    if isinstance(value, (int, np.integer)):
        digits = str(int(value))
        return (digits.zfill(len(digits) + len(digits) % 2), "")
    text = str(value).strip()
    if not text:
        return None
    match = _CODE.match(text.upper() if text.isascii() else text)
    if not match:
        return (None, text)
    digits, extension, suffix, rest = match.groups()
    digits = digits.zfill(len(digits) + len(digits) % 2)
    return (digits + (extension or "") + (suffix or ""), rest.strip())


@dataclass
class Evidence:
    """Distinct values that only one classification reads, and those both read differently."""

    only_2023: list = field(default_factory=list)
    only_sandiao: list = field(default_factory=list)
    differing: list = field(default_factory=list)  # (value, 2023 name, 三调 name)


def evidence(values, table: CodeTable, crosswalk: Crosswalk) -> Evidence:
    found = Evidence()
    for value in pd.unique(pd.Series(values, dtype=object)):
        g, s = read_2023(value, table), crosswalk.parse_one(value)
        if g and not s:
            found.only_2023.append(value)
        elif s and not g:
            found.only_sandiao.append(value)
        elif g and s and crosswalk.to_2023[s] != g:
            found.differing.append((value, table.names_zh[g], crosswalk.names_zh[s]))
    return found


def detect(values, table: CodeTable, crosswalk: Crosswalk) -> str:
    """GB2023 or SANDIAO for a column of codes or names; ClassificationError when the values mix
    both systems, or when they fit both and mean different classes in each."""
    found = evidence(values, table, crosswalk)
    if found.only_2023 and found.only_sandiao:
        only_2023, only_sandiao = _show(found.only_2023), _show(found.only_sandiao)
        raise ClassificationError(
            f"the codes mix both classifications: {only_2023} only exist in the 2023 land-use classification, "
            f"{only_sandiao} only in the 三调 working classification"
        )
    if found.only_sandiao:
        return SANDIAO
    if found.only_2023 or not found.differing:
        return GB2023
    examples = ", ".join(f"{v} ({g} / {s})" for v, g, s in found.differing[:_EXAMPLES])
    raise ClassificationError(
        f"the codes fit both classifications but mean different classes in each: {examples} "
        "(2023 guide / 三调); choose the classification"
    )


def _show(values: list) -> str:
    shown = ", ".join(str(v) for v in values[:_EXAMPLES])
    return shown + (" ..." if len(values) > _EXAMPLES else "")


def to_2023(values, classification: str, table: CodeTable, crosswalk: Crosswalk) -> tuple[np.ndarray, str]:
    """(canonical 2023 codes, the classification used) of a column stored in `classification`
    (AUTO detects it first)."""
    if classification == AUTO:
        classification = detect(values, table, crosswalk)
    if classification == SANDIAO:
        return crosswalk.convert(values), SANDIAO
    return table.normalise(values), GB2023


def deduction_fields(field_names, code_field: str | None) -> dict[str, str]:
    """三调 key (KCXS, ...) -> the layer's field of that name (any case), the code field excluded."""
    present = {name.upper(): name for name in field_names}
    return {key: present[key] for key in DEDUCTION_FIELDS if key in present and present[key] != code_field}


def deduction(columns, fields: dict[str, str], rows: int, crosswalk: Crosswalk | None = None):
    """(田坎 share, deducted 2023 codes or None without `crosswalk`) per row; `columns`: field name
    -> values, `fields`: deduction_fields."""
    values = {key: np.asarray(columns[name]) for key, name in fields.items()}
    share = deduction_share(values, rows)
    return share, (deducted_codes(values, rows, crosswalk) if crosswalk is not None else None)


def deduction_share(columns: dict[str, np.ndarray], rows: int) -> np.ndarray:
    """The deducted (田坎) share of each parcel in [0, 1) from 三调 fields, whichever are given
    (keys upper-case): KCXS; else KCMJ / TBMJ; else 1 - TBDLMJ / TBMJ. Missing values give 0."""

    def number(name):
        if name not in columns:
            return None
        return pd.to_numeric(pd.Series(columns[name], dtype=object), errors="coerce").to_numpy(dtype=float)

    share = np.full(rows, np.nan)
    kcxs, kcmj, tbmj, tbdlmj = (number(n) for n in ("KCXS", "KCMJ", "TBMJ", "TBDLMJ"))
    if kcxs is not None:
        share = kcxs
    if kcmj is not None and tbmj is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(np.isfinite(share), share, kcmj / tbmj)
    if tbdlmj is not None and tbmj is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(np.isfinite(share), share, 1.0 - tbdlmj / tbmj)
    share = np.where(np.isfinite(share), share, 0.0)
    return np.clip(share, 0.0, 0.999999)


def deducted_codes(columns: dict[str, np.ndarray], rows: int, crosswalk: Crosswalk) -> np.ndarray:
    """2023 code of each parcel's deducted class (KCDLBM, 三调 1203 田坎 where not given)."""
    values = columns.get("KCDLBM")
    if values is None:
        return np.full(rows, crosswalk.convert([DEDUCTED_DEFAULT])[0], dtype=object)

    def parse(value) -> str:
        return crosswalk.convert([value if crosswalk.parse_one(value) else DEDUCTED_DEFAULT])[0]

    return map_distinct(values, parse)
