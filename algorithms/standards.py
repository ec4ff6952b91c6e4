"""Planning-standard presets: resources/standards/<name>.json, plus the planner's own copies in the
QGIS profile folder, which take precedence. Pure.

File format (every domain uses it, and the presets dialog shows it):
{
  "title": "Park service radius", "title_zh": "公园绿地服务半径",
  "presets": {
    "<preset id>": {"label": "...", "label_zh": "...", "source": "GB/T 50563-2010 ...",
                     "note": "check against the standard's text (optional)", ... any payload ...}
  }
}
"""

from __future__ import annotations

import json
from pathlib import Path

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "resources" / "standards"


class StandardsError(ValueError):
    """A preset file that cannot be read or lacks a preset; the message names file and preset."""


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise StandardsError(f"{path}: line {error.lineno}, column {error.colno}: {error.msg}") from error
    if not isinstance(data, dict) or not isinstance(data.get("presets"), dict):
        raise StandardsError(f"{path}: expected an object with a 'presets' object")
    return data


def standard_names(builtin_dir: Path = BUILTIN_DIR) -> list[str]:
    return sorted(p.stem for p in builtin_dir.glob("*.json"))


def load_standard(name: str, user_dir: Path | None = None, builtin_dir: Path = BUILTIN_DIR) -> dict:
    """The built-in file `name`.json with the user's presets of the same file merged over it; user
    presets are marked with "user": true."""
    path = builtin_dir / f"{name}.json"
    if not path.exists():
        raise StandardsError(f"no standard file {path}")
    data = _read(path)
    if user_dir is not None and (Path(user_dir) / f"{name}.json").exists():
        user = _read(Path(user_dir) / f"{name}.json")
        for preset_id, preset in user["presets"].items():
            data["presets"][preset_id] = dict(preset, user=True)
    return data


def preset_ids(name: str, user_dir: Path | None = None, builtin_dir: Path = BUILTIN_DIR) -> list[str]:
    return list(load_standard(name, user_dir, builtin_dir)["presets"])


def preset(name: str, preset_id: str, user_dir: Path | None = None, builtin_dir: Path = BUILTIN_DIR) -> dict:
    presets = load_standard(name, user_dir, builtin_dir)["presets"]
    if preset_id not in presets:
        raise StandardsError(f"standard '{name}' has no preset '{preset_id}'; it has: {', '.join(presets)}")
    return presets[preset_id]


def copy_to_user(name: str, preset_id: str, new_id: str, user_dir: Path, builtin_dir: Path = BUILTIN_DIR) -> Path:
    """Copy a preset into the user's file under `new_id` (to be edited there); returns the file."""
    source = preset(name, preset_id, user_dir, builtin_dir)
    user_dir = Path(user_dir)
    user_dir.mkdir(parents=True, exist_ok=True)
    path = user_dir / f"{name}.json"
    data = _read(path) if path.exists() else {"presets": {}}
    copy = {k: v for k, v in source.items() if k != "user"}
    copy["label"] = f"{source.get('label', preset_id)} (copy)"
    data["presets"][new_id] = copy
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
