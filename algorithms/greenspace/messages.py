"""Warnings the green-city engines hand back: a key, its arguments and the English text. The
processing module translates them by key (its own tr() table), so pure code stays Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATES = {
    "entrances_ignored": "{} entrance(s) lie farther than {} m from every park and were ignored",
    "parks_derived": "{} park(s) have no entrance; access points were derived along their boundary",
    "homes_unreachable": (
        "{} residential feature(s) lie farther than {} m from every street: distance left empty, counted as "
        "not covered (where the streets do not reach them, clip the residential layer to the network's area)"
    ),
    "homes_unreachable_score": (
        "{} residential feature(s) lie farther than {} m from every street: "
        "score 0, counted as unreachable (not below the target)"
    ),
    "parks_unreachable": "{} park(s) have no access point within {} m of a street and were left out: {}",
    "facilities_unreachable": "{} facility(ies) lie farther than {} m from every street and were left out",
    "historic_rules_skipped": "No historic districts given: the historic-district rule(s) {} were not applied",
    "class_values_unknown": (
        "{} park(s) have a park-class value that names no class (CJJ/T 85 code or name): classed by size instead: {}"
    ),
    "classes_by_size": "{} park(s) without a class in the data were classed by size (GB/T 51346 grades): screening",
    "class_parks_not_scored": (
        "{} comprehensive or community park(s) are below every size threshold of the standard or off "
        "the network: counted in the per-capita area, not in the accessible area"
    ),
}


@dataclass(frozen=True)
class Message:
    key: str
    args: tuple

    @property
    def text(self) -> str:
        return TEMPLATES[self.key].format(*self.args)

    def __str__(self) -> str:
        return self.text


def message(key: str, *args) -> Message:
    return Message(key, tuple(str(a) for a in args))


def metres(value: float) -> str:
    return f"{value:g}"
