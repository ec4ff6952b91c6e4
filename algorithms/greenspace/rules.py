"""Park service rules: which parks count, with which service radius. Pure.

A rule says "parks of at least `min_area_m2` serve homes within `radius_m`". A park meeting
several rules takes the largest radius among them (its grade); a park below every threshold does
not count. A `historic_only` rule (GB/T 50563: in historic districts parks of 1000 m2 and more
count with 300 m) serves only homes inside historic districts and is graded on its own, so it
never takes a park away from the general rules. Rules come from a preset of
resources/standards/park_service.json or from text typed by the planner (`parse_rules`)."""

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
            GradeRule(str(r["grade"]), float(r["min_area_m2"]), float(r["radius_m"]), str(r.get("grade_zh", "")),
                      bool(r.get("historic_only", False)))
            for r in preset["rules"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"preset rules need grade, min_area_m2 and radius_m: {error}") from error
    return _checked(rules)


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
