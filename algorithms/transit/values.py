"""Small value conversions the transit readers share: station and line ids as text, yes/no flags,
documented defaults from resources/standards/transit.json. Pure."""

from __future__ import annotations

TRUE_WORDS = {"1", "true", "t", "yes", "y", "是", "x"}


def preset_value(preset_id: str, key: str) -> float:
    """A default from resources/standards/transit.json (one source for the documented values)."""
    from .. import standards

    return float(standards.preset("transit", preset_id)[key])


def truthy(value) -> bool:
    if value is None:
        return False
    if isinstance(value, (bool, int, float)):
        return bool(value)
    return str(value).strip().casefold() in TRUE_WORDS


def text(value) -> str:
    """Station/line ids as text; integral floats lose their '.0' (1.0 -> '1')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
