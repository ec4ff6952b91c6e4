"""Saving and deleting the planner's own presets in <profile>/urbanization_planning/standards/
(the same files algorithms/standards.py merges over the built-in ones). Pure: json only."""

from __future__ import annotations

import json
from pathlib import Path


class PresetError(ValueError):
    """A preset that cannot be saved; the message says why."""


def parse_preset(text: str) -> dict:
    """The edited JSON text as a preset dict; it must be an object with a 'source'."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise PresetError(f"line {error.lineno}, column {error.colno}: {error.msg}") from error
    if not isinstance(value, dict):
        raise PresetError("a preset is a JSON object: { ... }")
    if not str(value.get("source", "")).strip():
        raise PresetError("every preset needs a 'source' (the standard or document it follows)")
    return {k: v for k, v in value.items() if k != "user"}


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"presets": {}}


def save_user_preset(user_dir: Path, name: str, preset_id: str, preset: dict) -> Path:
    path = Path(user_dir) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _read(path)
    data.setdefault("presets", {})[preset_id] = preset
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def delete_user_preset(user_dir: Path, name: str, preset_id: str) -> bool:
    path = Path(user_dir) / f"{name}.json"
    data = _read(path)
    if preset_id not in data.get("presets", {}):
        return False
    del data["presets"][preset_id]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return True
