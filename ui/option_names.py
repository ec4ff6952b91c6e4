"""Enum choices by name: the Processing parameters keep stable ids ('garden_city', 'national',
'a4_landscape'); the dialogs show what a planner reads: a preset's Chinese/English label from
resources/standards, or the translated name below."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication

from ..translation import current_language

STANDARDS = Path(__file__).resolve().parent.parent / "resources" / "standards"


def _names() -> dict[str, str]:
    return {
        "wgs84": QCoreApplication.translate("OptionNames", "WGS84 (GPS, OpenStreetMap, Tianditu)"),
        "gcj02": QCoreApplication.translate("OptionNames", "GCJ-02 (Amap, Tencent maps)"),
        "bd09": QCoreApplication.translate("OptionNames", "BD-09 (Baidu maps)"),
        "national": QCoreApplication.translate("OptionNames", "National rules (built in)"),
        "file": QCoreApplication.translate("OptionNames", "From a file (below)"),
        "default": QCoreApplication.translate("OptionNames", "Default mapping (built in)"),
        "custom": QCoreApplication.translate("OptionNames", "Custom rules (below)"),
        "a4_landscape": QCoreApplication.translate("OptionNames", "A4 landscape"),
        "a4_portrait": QCoreApplication.translate("OptionNames", "A4 portrait"),
        "a3_landscape": QCoreApplication.translate("OptionNames", "A3 landscape"),
        "a3_portrait": QCoreApplication.translate("OptionNames", "A3 portrait"),
        "metres": QCoreApplication.translate("OptionNames", "Metres of walking"),
        "minutes": QCoreApplication.translate("OptionNames", "Minutes of walking"),
        "overlapping": QCoreApplication.translate("OptionNames", "Each station counts everyone in reach"),
        "nearest": QCoreApplication.translate("OptionNames", "Everyone counts for the nearest station"),
        "guide": QCoreApplication.translate("OptionNames", "双评价 town-building grades (高 to 低)"),
    }


@lru_cache(maxsize=1)
def _preset_labels() -> dict[str, tuple[str, str]]:
    """Preset id -> (English label, Chinese label) of every bundled standards table."""
    labels: dict[str, tuple[str, str]] = {}
    for path in sorted(STANDARDS.glob("*.json")):
        try:
            presets = json.loads(path.read_text(encoding="utf-8")).get("presets", {})
        except (ValueError, AttributeError):
            continue
        for preset_id, preset in presets.items() if isinstance(presets, dict) else ():
            if isinstance(preset, dict) and preset.get("label"):
                labels.setdefault(preset_id, (preset["label"], preset.get("label_zh") or preset["label"]))
    return labels


def option_label(option: str) -> str:
    """What the planner reads for enum option `option` (the id itself when we know no name)."""
    preset = _preset_labels().get(option)
    if preset is not None:
        return preset[1] if current_language() == "zh-Hans" else preset[0]
    return _names().get(option, option)
