"""Park service rules: which parks count, with which service radius. Pure.

A rule says "parks of at least `min_area_m2` serve homes within `radius_m`". A park meeting
several rules takes the largest radius among them (its grade); a park below every threshold does
not count. A `historic_only` rule (GB/T 50563: in historic districts parks of 1000 m2 and more
count with 300 m) serves only homes inside historic districts and is graded on its own, so it
never takes a park away from the general rules. Rules come from a preset of
resources/standards/park_service.json or from text typed by the planner (`parse_rules`).

A rule may name its `park_class` (comprehensive, community, garden): GB 55014-2021 2.1.4 sets
per-capita areas for comprehensive and community parks separately (`per_capita_targets`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np


class RulesError(ValueError):
    """Rules text or preset that cannot be read; the message says which line and why."""


@dataclass(frozen=True)
class GradeRule:
    grade: str
    min_area_m2: float
    radius_m: float
    grade_zh: str = ""
    historic_only: bool = False
    park_class: str = ""


#: Per-capita targets of a park_service preset: key in the result -> preset key (m2/person).
PER_CAPITA_KEYS = {
    "total": "per_capita_target_m2",
    "comprehensive": "per_capita_comprehensive_m2",
    "community": "per_capita_community_m2",
}


#: Words that mark a typed rule as applying in historic districts only (4th part of the line).
HISTORIC_WORDS = {"historic", "historic district", "历史文化街区", "历史街区", "历史"}


def general_rules(rules: list[GradeRule]) -> list[GradeRule]:
    """The rules that apply everywhere (historic-district rules left out)."""
    return [r for r in rules if not r.historic_only]


def historic_rules(rules: list[GradeRule]) -> list[GradeRule]:
    """The rules that apply in historic districts only."""
    return [r for r in rules if r.historic_only]


def rules_from_preset(preset: dict) -> list[GradeRule]:
    """The `rules` list of a park_service preset, smallest threshold first."""
    try:
        rules = [
            GradeRule(
                str(r["grade"]),
                float(r["min_area_m2"]),
                float(r["radius_m"]),
                str(r.get("grade_zh", "")),
                bool(r.get("historic_only", False)),
                str(r.get("park_class", "")),
            )
            for r in preset["rules"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"preset rules need grade, min_area_m2 and radius_m: {error}") from error
    return _checked(rules)


def per_capita_targets(preset: dict | None) -> dict[str, float]:
    """The preset's per-capita park area targets in m2/person ("total", "comprehensive",
    "community"; GB 55014-2021 2.1.3-2.1.4), only those it gives."""
    targets = {}
    for name, key in PER_CAPITA_KEYS.items():
        if preset and preset.get(key) is not None:
            try:
                targets[name] = float(preset[key])
            except (TypeError, ValueError) as error:
                raise RulesError(f"'{key}' must be a number of m2/person, not '{preset[key]}'") from error
    return targets


def rules_of_class(rules: list[GradeRule], park_class: str) -> list[GradeRule]:
    """The general rules of one park class (e.g. the community-park grades of GB/T 51346)."""
    return [r for r in general_rules(rules) if r.park_class == park_class]


def parse_rules(text: str) -> list[GradeRule]:
    """Rules typed as one rule per line or ';'-separated:
    `min_area_m2: radius_m [: grade name [: historic]]`, e.g. "400: 300: green; 10000: 500: park;
    1000: 300: historic garden: historic". '#' starts a comment."""
    rules = []
    for number, raw in enumerate(re.split(r"[;\n]", text or ""), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[:=,\t]", line)]
        try:
            area, radius = float(parts[0]), float(parts[1])
        except (IndexError, ValueError) as error:
            raise RulesError(f"rule {number} '{line}': expected 'min_area_m2: radius_m [: name]'") from error
        name = parts[2] if len(parts) > 2 and parts[2] else f">={area:g} m2"
        flag = parts[3].lower() if len(parts) > 3 else ""
        if flag and flag not in HISTORIC_WORDS:
            raise RulesError(f"rule {number} '{line}': the fourth part can only be 'historic'")
        rules.append(GradeRule(name, area, radius, historic_only=bool(flag)))
    return _checked(rules)


def _checked(rules: list[GradeRule]) -> list[GradeRule]:
    if not general_rules(rules):
        raise RulesError("no rules: give at least one 'min_area_m2: radius_m' that applies everywhere")
    for rule in rules:
        if rule.min_area_m2 < 0 or not rule.radius_m > 0:
            raise RulesError(f"rule '{rule.grade}': area must be >= 0 and radius > 0")
    return sorted(rules, key=lambda r: (r.min_area_m2, r.radius_m))


def assign_grades(areas, rules: list[GradeRule]) -> np.ndarray:
    """Index into `rules` of each park's grade (the largest radius among the rules it meets,
    ties to the larger threshold), -1 for parks below every threshold or with unknown area."""
    areas = np.asarray(areas, dtype=float)
    grade = np.full(len(areas), -1, dtype=np.int64)
    best = np.full(len(areas), -np.inf)
    for index, rule in enumerate(rules):
        meets = np.nan_to_num(areas, nan=-1.0) >= rule.min_area_m2
        better = meets & (rule.radius_m >= best)
        grade[better] = index
        best[better] = rule.radius_m
    return grade


#: Park classes of CJJ/T 85-2017 城市绿地分类标准 (the classes GB/T 51346-2019 plans with; codes of the
#: 2002 edition where they differ) by name; codes are read by `_class_of_code`. Checked against public
#: copies of the classification table (G11 综合公园 with G111 全市性公园 and G112 区域性公园, G12 社区公园,
#: G13 专类公园, G14 游园; 2002: G121 居住区公园, G122 小区游园, G14 带状公园, G15 街旁绿地).
CLASS_NAMES: dict[str, tuple[str, ...]] = {
    "comprehensive": ("综合公园", "全市性公园", "区域性公园", "comprehensive", "comprehensive park"),
    "community": ("社区公园", "居住区公园", "community", "community park"),
    "specialized": (
        "专类公园",
        "动物园",
        "植物园",
        "历史名园",
        "遗址公园",
        "游乐公园",
        "儿童公园",
        "风景名胜公园",
        "其他专类公园",
        "specialized",
        "specialised",
        "specialized park",
        "specialised park",
    ),
    "garden": ("游园", "小区游园", "带状公园", "街旁绿地", "口袋公园", "garden", "pocket park"),
}

#: Values that say "park green space" without its class (三调 0810 公园与绿地, 2023 land-use guide 1401
#: 公园绿地, CJJ/T 85 G1): such parks are classed by their size, like parks without a value.
GENERIC_PARK_VALUES = frozenset({"0810", "公园与绿地", "1401", "公园绿地", "g1", "park", "公园"})

_CODE = re.compile(r"^g1(\d)(\d*)$")
_BY_NAME = {name.lower(): park_class for park_class, names in CLASS_NAMES.items() for name in names}


def _class_of_code(code: str) -> str:
    """CJJ/T 85 code -> class: G11x comprehensive, G12/G121 community, G122 (2002 小区游园) garden,
    G13x specialized, G14 and G15 garden; "" for other codes."""
    match = _CODE.match(code)
    if not match:
        return ""
    middle, small = match.groups()
    if middle == "1":
        return "comprehensive"
    if middle == "2":
        return "garden" if small == "2" else "community"
    return {"3": "specialized", "4": "garden", "5": "garden"}.get(middle, "")


def declared_classes(values) -> tuple[np.ndarray, dict[str, int]]:
    """Park class named by each value of a park-class field (a CJJ/T 85 / GB/T 51346 code or name,
    case and blanks ignored), "" where the value is empty, generic (GENERIC_PARK_VALUES) or
    unknown. Returns (classes, {unknown value: count}) so the caller can name what it ignored."""
    classes = np.full(len(values), "", dtype=object)
    unknown: dict[str, int] = {}
    for index, value in enumerate(values):
        text = "" if value is None or value != value else str(value).strip()
        key = re.sub(r"\s+", " ", text.lower())
        if not key or key in GENERIC_PARK_VALUES:
            continue
        park_class = _BY_NAME.get(key) or _class_of_code(key.replace(" ", ""))
        if park_class:
            classes[index] = park_class
        else:
            unknown[text] = unknown.get(text, 0) + 1
    return classes, unknown


def park_classes(areas, rules: list[GradeRule], declared=None) -> np.ndarray:
    """Park class of each park: the class `declared` names (see declared_classes) where it names one,
    else the class of its grade among the general rules ("" for parks below every threshold or graded
    by a rule without a class): what GB 55014 2.1.4's per-capita comprehensive and community park
    areas count."""
    general = general_rules(rules)
    grade = assign_grades(areas, general)
    classes = np.array([r.park_class for r in general] + [""], dtype=object)[grade]
    if declared is not None:
        named = np.asarray(declared, dtype=object)
        classes = np.where(named != "", named, classes)
    return classes


def has_classes(rules: list[GradeRule]) -> bool:
    """True when some general rule names a park class (the GB/T 51346 grades do)."""
    return any(r.park_class for r in general_rules(rules))
