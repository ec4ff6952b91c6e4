"""Land-use codes as the 2023 classification guide writes them (国土空间调查、规划、用途管制用地用海分类
指南): two-digit first level, four- and six-digit deeper levels, read from whatever a planning
layer stores. Pure.

Reading rules: text or numbers alike (7, 7.0, "7" and "07" are all first-level 07; 701 is 0701);
a leading code wins over the text after it ("0701 城镇住宅用地"); a Chinese class name is accepted
where the code is missing ("城镇住宅用地" -> 0701). A code must be in the guide's table (or be a
six-digit local subdivision of a second-level class); a code followed by letters ("05H1") is not a
2023 code. Anything else, empty values included, is the class UNKNOWN, which every output reports
as its own class instead of dropping it. 三调 codes are read by sandiao.py.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import standards

UNKNOWN = "unknown"  # the class of empty and unrecognised codes
_LEADING_CODE = re.compile(r"^\s*(\d{1,6})(?:\.0+)?(?![0-9A-Za-z])")  # "05H1", "0201K" are 三调 codes, not 05, 0201


@dataclass
class CodeTable:
    """The class names of the guide by code ("01", "0701", ...), in Chinese and English."""

    names_zh: dict[str, str]
    names_en: dict[str, str]
    by_name: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self):
        self.by_name = {name: code for code, name in self.names_zh.items()}

    @classmethod
    def load(cls, user_dir=None, preset_id: str = "gb2023") -> CodeTable:
        """The preset `preset_id` of resources/standards/landuse_codes.json."""
        codes = standards.preset("landuse_codes", preset_id, user_dir)["codes"]
        return cls({c: v["zh"] for c, v in codes.items()}, {c: v["en"] for c, v in codes.items()})

    def is_known(self, code: str) -> bool:
        """A code of the guide's table, or a six-digit local subdivision of one of its second-level
        classes (the guide lets provinces add third levels); '1006' is not a 2023 code."""
        return code in self.names_zh or (len(code) == 6 and code[:4] in self.names_zh)

    def name(self, code: str, language: str = "zh") -> str:
        """Name of the most specific known level of `code` ('' for UNKNOWN)."""
        names = self.names_zh if language == "zh" else self.names_en
        for length in (6, 4, 2):
            if len(code) >= length and code[:length] in names:
                return names[code[:length]]
        return ""

    def normalise_one(self, value) -> str:
        """One stored value -> canonical code ('07', '0701', '070101') or UNKNOWN."""
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            return UNKNOWN
        if isinstance(value, (bool, np.bool_)):
            return UNKNOWN
        if isinstance(value, (int, np.integer)) or (
            isinstance(value, (float, np.floating)) and float(value).is_integer()
        ):
            digits = str(int(value))
        else:
            text = str(value).strip()
            match = _LEADING_CODE.match(text)
            if match:
                digits = match.group(1)
            else:
                return self.by_name.get(text, UNKNOWN)
        if len(digits) % 2:
            digits = "0" + digits
        return digits if self.is_known(digits) else UNKNOWN

    def normalise(self, values) -> np.ndarray:
        """Canonical codes of a column (object array); each distinct value is parsed once."""
        return map_distinct(values, self.normalise_one)


def map_distinct(values, parse) -> np.ndarray:
    """parse(value) for each value of a column (object array), each distinct value parsed once.
    A text column (with or without missing values, the common case) is factorised by pandas in C;
    any other is looked up per value by _key (which keeps 1, 1.0 and True apart)."""
    series = pd.Series(values, dtype=object)
    if pd.api.types.infer_dtype(series, skipna=True) == "string":
        index, uniques = pd.factorize(series)  # missing values (None, NaN, NA) get index -1
        parsed = np.empty(len(uniques) + 1, dtype=object)
        parsed[:] = [parse(v) for v in uniques] + [parse(None)]
        return parsed[index]
    parsed: dict = {}
    for value in series:
        key = _key(value)
        if key not in parsed:  # not pd.unique: it takes 1, 1.0 and True for one value
            parsed[key] = parse(value)
    return np.array([parsed[_key(v)] for v in series], dtype=object)


def _key(value):
    """A dict key for a cell: NaN and None both become None (NaN != NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return (type(value).__name__, value)


def first_level(codes: np.ndarray) -> np.ndarray:
    """First-level class ('07') of canonical codes; UNKNOWN stays UNKNOWN."""
    codes = np.asarray(codes, dtype=object)
    return np.array([c if c == UNKNOWN else c[:2] for c in codes], dtype=object)


def matches(codes: np.ndarray, include: list[str], exclude: list[str]) -> np.ndarray:
    """Which canonical codes fall under any prefix of `include` ('*' = every known code) and under
    none of `exclude`. UNKNOWN codes never match: they cannot be judged and are reported apart."""
    codes = np.asarray(codes, dtype=object)
    uniques = pd.unique(pd.Series(codes, dtype=object))
    verdict = {}
    for code in uniques:
        if code == UNKNOWN:
            verdict[code] = False
            continue
        included = any(p == "*" or code.startswith(p) for p in include)
        verdict[code] = included and not any(code.startswith(p) for p in exclude)
    return np.array([verdict[c] for c in codes], dtype=bool)
