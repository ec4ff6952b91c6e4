"""The planner's own presets in <profile>/urbanization_planning/standards/ (the same files
algorithms/standards.py merges over the built-in ones): reading a broken file's error, applying
the values typed in the presets dialog's table, saving and deleting. Pure: json only."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..algorithms import standards

#: Preset keys the dialog shows above the values (name and source), editable in the planner's copy.
DESCRIPTION_KEYS = ("label", "label_zh", "source")
_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
#: What separates the items of a list typed into one cell ("300; 500; 800").
LIST_SEPARATOR = "; "
_LIST_SPLIT = re.compile(r"[;；]")


class PresetError(ValueError):
    """A preset that cannot be saved; the message names the value and why."""


@dataclass(frozen=True)
class Edit:
    """One row of the dialog's values table as the planner left it."""

    path: str
    text: str
    clause: str = ""
    status: str = ""
    checked: str = ""


def user_file(user_dir: Path, name: str) -> Path:
    return Path(user_dir) / f"{name}.json"


def user_file_error(user_dir: Path, name: str) -> str | None:
    """Why the planner's file for table `name` cannot be read ("<file>: line 3, column 5: ..."),
    None when it is absent or readable."""
    path = user_file(user_dir, name)
    if not path.exists():
        return None
    try:
        standards.load_standard(name, user_dir)
    except standards.StandardsError as error:
        return str(error)
    return None


def steps(path: str) -> list[str | int]:
    """ "rules[2].radius_m" -> ["rules", 2, "radius_m"]."""
    return [int(index) if index else key for key, index in _STEP.findall(path)]


def value_at(preset: dict, path: str):
    value = preset
    for step in steps(path):
        value = value[step]
    return value


def parse_value(text: str, original, path: str):
    """The typed text as a value of the original's type (number, true/false, text, a list of
    numbers or texts separated by semicolons)."""
    text = text.strip()
    if isinstance(original, list):
        return _parse_list(text, original, path)
    if isinstance(original, bool):
        words = {"true": True, "yes": True, "是": True, "1": True, "false": False, "no": False, "否": False, "0": False}
        if text.lower() not in words:
            raise PresetError(f"{path}: '{text}' is not true or false")
        return words[text.lower()]
    if isinstance(original, (int, float)):
        try:
            number = float(text)
        except ValueError as error:
            raise PresetError(f"{path}: '{text}' is not a number") from error
        return int(number) if isinstance(original, int) and number.is_integer() else number
    if original is None and text:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return text


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _parse_list(text: str, original: list, path: str) -> list:
    parts = [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]
    if not original or not all(_is_number(v) for v in original):
        return parts
    try:
        numbers = [float(part) for part in parts]
    except ValueError as error:
        raise PresetError(f"{path}: '{text}' is not a list of numbers") from error
    whole = all(isinstance(v, int) for v in original)
    return [int(n) if whole and n.is_integer() else n for n in numbers]


def apply_edits(preset: dict, edits: list[Edit]) -> dict:
    """A copy of `preset` with the typed values and, where the planner changed a value's clause,
    status or note, an own provenance entry for that value. Raises PresetError naming the value."""
    result = copy.deepcopy({k: v for k, v in preset.items() if k != "user"})
    provenance = result.setdefault("provenance", {})
    for edit in edits:
        if edit.path in DESCRIPTION_KEYS:
            result[edit.path] = edit.text.strip()
            continue
        try:
            original = value_at(result, edit.path)
        except (KeyError, IndexError, TypeError) as error:
            raise PresetError(f"{edit.path}: no such value in the preset") from error
        *parents, last = steps(edit.path)
        container = result
        for step in parents:
            container = container[step]
        value = container[last] = parse_value(edit.text, original, edit.path)
        entry = {"clause": edit.clause.strip(), "status": edit.status, "checked": edit.checked.strip()}
        inherited = standards.provenance_of(preset, edit.path)
        if edit.status and edit.status not in standards.STATUSES:
            raise PresetError(f"{edit.path}: unknown status '{edit.status}'")
        if inherited is not None and entry == inherited and value != original:
            # the clause no longer vouches for the value: say so until the planner gives its source
            entry = {
                "clause": inherited["clause"],
                "status": "unverified",
                "checked": f"changed in the planner's copy from {original!r}; give the clause it follows",
            }
        if edit.status and entry != inherited:
            provenance[edit.path] = entry
    for path in [p for p in provenance if not _exists(result, p)]:  # an item of a list made shorter
        del provenance[path]
    if not str(result.get("source", "")).strip():
        raise PresetError("every preset needs a source (the standard or document it follows)")
    return result


def _exists(preset: dict, path: str) -> bool:
    try:
        value_at(preset, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"presets": {}}


def save_user_preset(user_dir: Path, name: str, preset_id: str, preset: dict) -> Path:
    path = user_file(user_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _read(path)
    data.setdefault("presets", {})[preset_id] = preset
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def delete_user_preset(user_dir: Path, name: str, preset_id: str) -> bool:
    path = user_file(user_dir, name)
    data = _read(path)
    if preset_id not in data.get("presets", {}):
        return False
    del data["presets"][preset_id]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return True
