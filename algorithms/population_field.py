"""Which field of a residential layer holds its population: the field named like population, 人口,
POP, RK or RKS (case-insensitive), never an id field. Used where a form would otherwise offer the
layer's first numeric field (often `fid`) and silently weigh homes by their ids."""

from __future__ import annotations

import re

_EXACT = ("population", "pop", "人口", "rk", "rks", "总人口", "常住人口", "人口数", "人口数量")
_LIKE = re.compile(r"^(population|pop|rks?)[_\-\s]?(\d{2,4}|total|tot|sum)?$|人口|population", re.IGNORECASE)
_ID = re.compile(r"^(fid|id|gid|oid|objectid|ogc_fid)$|_id$|^id_", re.IGNORECASE)


def guess_population_field(names: list[str] | tuple[str, ...]) -> str | None:
    """The first of `names` (numeric fields, in layer order) that is exactly a population name,
    else the first that looks like one (population_2020, POP2020, 常住人口数); None when none does."""
    candidates = [n for n in names if not _ID.search(n.strip())]
    for name in candidates:
        if name.strip().lower() in _EXACT:
            return name
    for name in candidates:
        if _LIKE.search(name.strip()):
            return name
    return None
