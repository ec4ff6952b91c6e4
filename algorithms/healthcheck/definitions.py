"""The indicator definitions of a city health check edition, read from
resources/standards/city_health_check.json (one preset per edition). Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import standards

STANDARD = "city_health_check"
EDITIONS = ("mohurd_2023", "mohurd_2021")
DEFAULT_EDITION = EDITIONS[0]
OFFICIAL, SCREENING = "official", "screening"


@dataclass(frozen=True)
class Indicator:
    """One indicator: its key, names, unit, kind (导向/底线), how it is computed (`method`, a key of
    indicators.METHODS), the layers it needs, its target (op, value) or None, its parameters, the
    verification status of its definition (the provenance entry's status) and its basis: whether
    the method computes the list's own definition (official) or a proxy beside it (screening)."""

    key: str
    name_zh: str
    name: str
    group_zh: str
    unit: str
    kind_zh: str
    method: str
    needs: tuple[str, ...]
    definition_zh: str
    target: tuple[str, float] | None = None
    params: dict = field(default_factory=dict)
    clause: str = ""
    status: str = "unverified"
    basis: str = "screening"  # OFFICIAL: the list's own definition; SCREENING: a proxy beside it
    needs_official: tuple[str, ...] = ()  # layers of the official form; when all given, it is computed

    def passes(self, value: float | None) -> bool | None:
        """达标 (True), 未达标 (False), or None without a target or a value."""
        if self.target is None or value is None or value != value:
            return None
        op, limit = self.target
        return {">": value > limit, ">=": value >= limit, "<": value < limit, "<=": value <= limit}[op]


@dataclass(frozen=True)
class Edition:
    key: str
    label: str
    label_zh: str
    source: str
    indicators: tuple[Indicator, ...]
    not_spatial: dict[str, list[str]]
    source_zh: str = ""  # the citation in Chinese, shown under zh-Hans (English `source` otherwise)

    def citation(self, lang: str) -> str:
        """The edition's source citation in the report's language (Chinese under zh-*, when given)."""
        return self.source_zh if lang.startswith("zh") and self.source_zh else self.source


def edition(key: str = DEFAULT_EDITION, user_dir: Path | None = None) -> Edition:
    """The edition `key` (a preset of city_health_check.json; the planner's copy first)."""
    preset = standards.preset(STANDARD, key, user_dir)
    provenance = preset.get("provenance", {})
    indicators = []
    for name, spec in preset["indicators"].items():
        target = spec.get("target")
        entry = provenance.get(f"indicators.{name}", {})
        indicators.append(
            Indicator(
                key=name,
                name_zh=spec["name_zh"],
                name=spec["name"],
                group_zh=spec.get("group_zh", ""),
                unit=spec["unit"],
                kind_zh=spec.get("kind_zh", ""),
                method=spec["method"],
                needs=tuple(spec.get("needs", ())),
                definition_zh=spec.get("definition_zh", ""),
                target=(target["op"], float(target["value"])) if target else None,
                params=dict(spec.get("params", {})),
                clause=entry.get("clause", ""),
                status=entry.get("status", "unverified"),
                basis=spec.get("basis", SCREENING),
                needs_official=tuple(spec.get("needs_official", ())),
            )
        )
    return Edition(
        key,
        preset.get("label", key),
        preset.get("label_zh", key),
        preset.get("source", ""),
        tuple(indicators),
        dict(preset.get("not_spatial", {})),
        preset.get("source_zh", ""),
    )
