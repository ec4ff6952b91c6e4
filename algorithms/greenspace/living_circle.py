"""The living-circle preset (resources/standards/living_circle.json, GB 50180-2018) read for the
facility-coverage algorithm, and the mapping of facility records (OSM tags or a planner's own
type field) onto its facility types. Pure.

Why rules and not one value -> type table: OSM tags every school `amenity=school`, primary or
middle, and a hospital is not a community health centre. The preset's `osm_rules` look at the
record's other tags: `isced:level` (1 primary, 2 lower secondary = 初中, 0 pre-primary), `grades`
(1-6 primary, 7-9 初中), `school=*`, and the name (小学, 初级中学, 九年一贯制...). A record may get
several types (a nine-year school is a primary and a middle school); it is then counted once per
type. Records no rule classifies fall back to `osm_mapping` (value -> type) and the type ids and
labels; a planner's own mapping of a value always wins.

Rule conditions (all must hold), on the record's tags (field names compare lower-case with '_' read
as ':', `other_tags` hstore text is unpacked, `value` is the type field's value):
  "key": "v" or ["v1", "v2"]   one ';'-separated part of the tag equals one of them (case-insensitive)
  "key~": "regex"              the tag matches the regular expression
  "key#": [low, high]          a number in the tag (parts, ranges "1-6") lies in [low, high]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

#: Living-circle levels of GB 50180-2018, largest first.
CIRCLES = ("15min", "10min", "5min", "block")
_HSTORE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*=>\s*"((?:[^"\\]|\\.)*)"')
_NUMBER_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)|(\d+)")


class LivingCircleError(ValueError):
    """A living-circle preset or rule that cannot be read; the message names the entry."""


@dataclass(frozen=True)
class Circle:
    """One level of the living circle with its public green space (GB 50180-2018 table 4.0.4)."""

    circle_id: str
    label: str
    label_zh: str
    walk_distance_m: float
    population: tuple[float, float] | None
    green_per_person_m2: float | None
    park_min_area_m2: float | None
    park_min_width_m: float | None


def _number(value, what: str) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError) as error:
        raise LivingCircleError(f"{what}: '{value}' is not a number") from error


def circles(preset: dict) -> list[Circle]:
    """The circles of the preset, in the order of CIRCLES."""
    found = []
    for circle_id, spec in (preset.get("circles") or {}).items():
        if circle_id not in CIRCLES:
            raise LivingCircleError(f"unknown circle '{circle_id}'; known: {', '.join(CIRCLES)}")
        green = spec.get("public_green") or {}
        population = spec.get("population")
        found.append(
            Circle(
                circle_id,
                str(spec.get("label", circle_id)),
                str(spec.get("label_zh", "")),
                _number(spec.get("walk_distance_m"), f"circle {circle_id} walk_distance_m") or 0.0,
                None if not population else (_number(population[0], circle_id), _number(population[1], circle_id)),
                _number(green.get("per_person_m2"), f"circle {circle_id} per_person_m2"),
                _number(green.get("park_min_area_m2"), f"circle {circle_id} park_min_area_m2"),
                _number(green.get("park_min_width_m"), f"circle {circle_id} park_min_width_m"),
            )
        )
    return sorted(found, key=lambda c: CIRCLES.index(c.circle_id))


def types_by_circle(preset: dict) -> dict[str, list[str]]:
    """Facility type ids of each circle (CIRCLES order; a circle without types is left out)."""
    by_circle: dict[str, list[str]] = {}
    for type_id, spec in preset["types"].items():
        by_circle.setdefault(str(spec.get("circle")), []).append(type_id)
    return {c: by_circle[c] for c in CIRCLES if c in by_circle}


def check_preset(preset: dict) -> None:
    """Raise LivingCircleError for a preset the algorithm cannot use: a type without a positive
    distance or with an unknown circle, a mapping or rule naming an unknown type, a bad rule."""
    types = preset.get("types")
    if not isinstance(types, dict) or not types:
        raise LivingCircleError("the preset has no 'types'")
    for type_id, spec in types.items():
        distance = _number(spec.get("distance_m"), f"type {type_id} distance_m")
        if distance is None or distance <= 0:
            raise LivingCircleError(f"type {type_id}: distance_m must be > 0")
        if str(spec.get("circle")) not in CIRCLES:
            raise LivingCircleError(f"type {type_id}: circle '{spec.get('circle')}' is not one of {', '.join(CIRCLES)}")
    for value, type_id in (preset.get("osm_mapping") or {}).items():
        if type_id not in types:
            raise LivingCircleError(f"osm_mapping '{value}' names the unknown type '{type_id}'")
    for index, rule in enumerate(preset.get("osm_rules") or []):
        _check_rule(index, rule, types)
    circles(preset)


def _check_rule(index: int, rule, types: dict) -> None:
    if not isinstance(rule, dict) or not isinstance(rule.get("when"), dict) or not rule["when"]:
        raise LivingCircleError(f"osm_rules[{index}] needs a non-empty 'when' object")
    for type_id in rule.get("types", []):
        if type_id not in types:
            raise LivingCircleError(f"osm_rules[{index}] names the unknown type '{type_id}'")
    for key, wanted in rule["when"].items():
        if key.endswith("~"):
            try:
                re.compile(str(wanted))
            except re.error as error:
                raise LivingCircleError(f"osm_rules[{index}] '{key}': {error}") from error
        elif key.endswith("#") and not (isinstance(wanted, list) and len(wanted) == 2):
            raise LivingCircleError(f"osm_rules[{index}] '{key}' needs [low, high]")


def normal_key(name: str) -> str:
    """Tag or field name as rules compare it: lower-case, '_' read as ':' (isced_level = isced:level)."""
    return str(name).strip().lower().replace("_", ":")


def record_tags(record: dict, type_field: str) -> dict[str, str]:
    """The tags of one facility record: its fields, the `other_tags` hstore unpacked, and `value`
    (the type field's value). Empty and missing values are left out."""
    tags: dict[str, str] = {}
    for name, value in record.items():
        if value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == "":
            continue
        if normal_key(name) == "other:tags":
            for key, tag_value in _HSTORE.findall(str(value)):
                tags.setdefault(normal_key(key), tag_value)
            continue
        tags[normal_key(name)] = str(value).strip()
    if type_field in record and normal_key(type_field) in tags:
        tags["value"] = tags[normal_key(type_field)]
    return tags


def _parts(text: str) -> list[str]:
    return [p.strip().lower() for p in str(text).split(";") if p.strip()]


def _numbers(text: str) -> list[float]:
    found = []
    for low, high, single in _NUMBER_RANGE.findall(str(text)):
        if single:
            found.append(float(single))
        else:
            found += [float(n) for n in range(int(low), int(high) + 1)]
    return found


def _holds(key: str, wanted, tags: dict[str, str]) -> bool:
    if key.endswith("~"):
        tag = tags.get(normal_key(key[:-1]))
        return tag is not None and re.search(str(wanted), tag, flags=re.IGNORECASE) is not None
    if key.endswith("#"):
        tag = tags.get(normal_key(key[:-1]))
        low, high = float(wanted[0]), float(wanted[1])
        return tag is not None and any(low <= n <= high for n in _numbers(tag))
    tag = tags.get(normal_key(key))
    if tag is None:
        return False
    allowed = {str(w).strip().lower() for w in (wanted if isinstance(wanted, list) else [wanted])}
    parts = _parts(tag)
    # isced:level=1-2 style ranges: compare the numbers too
    return any(p in allowed for p in parts) or any(f"{n:g}" in allowed for n in _numbers(tag) if "-" in tag)


def rule_types(tags: dict[str, str], rules: list[dict]) -> list[str]:
    """Types given by every rule whose conditions all hold, in rule order, without repeats."""
    found: list[str] = []
    for rule in rules:
        if all(_holds(key, wanted, tags) for key, wanted in rule["when"].items()):
            found += [t for t in rule.get("types", []) if t not in found]
    return found


def _label_index(types: dict) -> dict[str, str]:
    index = {}
    for type_id, spec in types.items():
        for name in (type_id, spec.get("label", ""), spec.get("label_zh", "")):
            if name:
                index[str(name).strip().lower()] = type_id
    return index


def classify(
    records: list[dict], type_field: str, preset: dict, user_mapping: dict[str, str] | None = None
) -> tuple[list[list[str]], dict[str, int]]:
    """Facility types of each record and the count of each value left without a type.

    Order: the planner's `user_mapping` (value -> type id or label, keys lower-case); then the
    preset's `osm_rules` on the record's tags; then the preset's `osm_mapping` and the type ids and
    labels themselves."""
    types = preset["types"]
    labels = _label_index(types)
    user = {k.strip().lower(): v for k, v in (user_mapping or {}).items()}
    mapping = {k.strip().lower(): v for k, v in (preset.get("osm_mapping") or {}).items()}
    rules = preset.get("osm_rules") or []
    result: list[list[str]] = []
    unmapped: dict[str, int] = {}
    for record in records:
        raw = record.get(type_field)
        value = "" if raw is None else str(raw).strip()
        key = value.lower()
        if key in user:
            found = [t for t in [labels.get(str(user[key]).strip().lower())] if t]
        else:
            found = rule_types(record_tags(record, type_field), rules)
            if not found:
                found = [t for t in [labels.get(str(mapping.get(key, key)).strip().lower())] if t]
        if not found:
            unmapped[value] = unmapped.get(value, 0) + 1
        result.append(found)
    return result, unmapped


def tag_fields(field_names: list[str], preset: dict) -> list[str]:
    """The fields of a facility layer the preset's rules can read (rule keys, `other_tags`)."""
    wanted = {"other:tags"}
    for rule in preset.get("osm_rules") or []:
        wanted |= {normal_key(key.rstrip("~#")) for key in rule.get("when", {})}
    return [name for name in field_names if normal_key(name) in wanted]


def expand(type_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Row index and type of each (record, type) pair: a record with two types appears twice,
    one without a type once with None (ignored by the coverage engine)."""
    rows, kinds = [], []
    for row, found in enumerate(type_lists):
        for type_id in found or [None]:
            rows.append(row)
            kinds.append(type_id)
    return np.asarray(rows, dtype=np.int64), np.asarray(kinds, dtype=object)
