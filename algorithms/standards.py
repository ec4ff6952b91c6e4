"""Planning-standard presets: resources/standards/<name>.json, plus the planner's own copies in the
QGIS profile folder, which take precedence. Pure.

File format (every domain uses it, and the presets dialog shows it):
{
  "title": "Park service radius", "title_zh": "公园绿地服务半径",
  "presets": {
    "<preset id>": {"label": "...", "label_zh": "...", "source": "GB/T 50563-2010 ...",
                     "note": "what to keep in mind (optional)", ... any payload ...,
                     "provenance": {"<payload path>": {"clause": "GB 55014-2021 2.1.3",
                                                       "status": "text", "checked": "where"}}}
  }
}

Provenance (`provenance_problems` checks it): every payload value is covered by an entry at its own
path or at an ancestor's path. Paths are the payload key (`coverage_target`), a dotted path into
an object (`types.middle_school`, `types.middle_school.distance_m`) or an index into a list
(`rules[2]`, `bands_m[0]`). Status: `text` checked against the standard's own text, `secondary`
a faithful secondary source, `convention` a project or common planning convention, `unverified`
cited but not found.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "resources" / "standards"
REPOSITORY_ROOT = BUILTIN_DIR.parent.parent

#: Verification statuses of a provenance entry, strongest first.
STATUSES = ("text", "secondary", "convention", "unverified")
#: Keys of a preset that describe it rather than carry a value an algorithm reads.
META_KEYS = frozenset({"label", "label_zh", "source", "source_zh", "note", "note_zh", "provenance", "user"})
#: Fields every provenance entry has.
ENTRY_FIELDS = ("clause", "status", "checked")
#: A relative file name inside a preset's text (e.g. "docs/STANDARDS.md"): it must exist in the repository.
_FILE_PATTERN = re.compile(r"(?<![\w/.:-])((?:[\w-]+/)+[\w.-]+\.(?:md|json|py|csv|html|txt|gpkg|qml|ts))\b")


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


def load_planner_file(path: str | Path, error: type[ValueError], kind: str) -> tuple[str, object | None]:
    """(text, data) of a planner's own file in place of a preset (a rules or mapping file): UTF-8
    text, a BOM allowed; data is None for a .csv file, else the JSON, of which a file in the
    standards format gives its first preset. Problems raise `error` naming the file (and line)."""
    path = Path(path)
    if not path.exists():
        raise error(f"{path}: the {kind} does not exist")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as decode:
        raise error(f"{path}: not UTF-8 text ({decode.reason} at byte {decode.start})") from decode
    if path.suffix.lower() == ".csv":
        return text, None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as decode:
        raise error(f"{path}: line {decode.lineno}, column {decode.colno}: {decode.msg}") from decode
    if isinstance(data, dict) and isinstance(data.get("presets"), dict) and data["presets"]:
        data = next(iter(data["presets"].values()))
    return text, data


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


# --- provenance --------------------------------------------------------------------------------


def payload(preset: dict) -> dict:
    """The values of a preset that algorithms read (everything but label, source, note, provenance)."""
    return {k: v for k, v in preset.items() if k not in META_KEYS}


def _child_paths(path: str, value) -> list[tuple[str, object]]:
    if isinstance(value, dict):
        return [(f"{path}.{key}", item) for key, item in value.items()]
    if isinstance(value, list):
        return [(f"{path}[{index}]", item) for index, item in enumerate(value)]
    return []


def leaf_paths(preset: dict) -> list[tuple[str, object]]:
    """Every scalar payload value with its path, in file order: ("rules[0].radius_m", 300), ..."""
    leaves: list[tuple[str, object]] = []

    def walk(path: str, value) -> None:
        children = _child_paths(path, value)
        if children:
            for child_path, child in children:
                walk(child_path, child)
        elif not isinstance(value, (dict, list)):
            leaves.append((path, value))

    for key, value in payload(preset).items():
        walk(key, value)
    return leaves


def ancestors(path: str) -> list[str]:
    """`path` and the paths that contain it, nearest first: "a.b[1].c" -> ["a.b[1].c", "a.b[1]", "a.b", "a"]."""
    found = [path]
    while True:
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            return found
        path = path[:cut]
        found.append(path)


def provenance_of(preset: dict, path: str) -> dict | None:
    """The provenance entry that covers the value at `path` (its own or its nearest ancestor's)."""
    entries = preset.get("provenance") or {}
    for candidate in ancestors(path):
        if isinstance(entries.get(candidate), dict):
            return entries[candidate]
    return None


def _entry_problems(path: str, entry) -> list[str]:
    if not isinstance(entry, dict):
        return [f"provenance '{path}' is not an object with clause, status and checked"]
    problems = [
        f"provenance '{path}' has no '{field}'" for field in ENTRY_FIELDS if not str(entry.get(field, "")).strip()
    ]
    if entry.get("status") and entry["status"] not in STATUSES:
        problems.append(f"provenance '{path}' has status '{entry['status']}'; use one of {', '.join(STATUSES)}")
    return problems


def _existing_paths(preset: dict) -> set[str]:
    paths: set[str] = set()

    def walk(path: str, value) -> None:
        paths.add(path)
        for child_path, child in _child_paths(path, value):
            walk(child_path, child)

    for key, value in payload(preset).items():
        walk(key, value)
    return paths


def cited_files(text: str) -> list[str]:
    """Relative file names (folder/name.ext) mentioned in `text`."""
    return _FILE_PATTERN.findall(text or "")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def provenance_problems(preset: dict, repository_root: Path = REPOSITORY_ROOT) -> list[str]:
    """What keeps a preset from being traceable: payload values no provenance entry covers, entries
    without clause/status/checked or with an unknown status, entries for paths the preset does not
    have, and files cited in its text that the repository does not hold. Empty when traceable."""
    entries = preset.get("provenance")
    if not isinstance(entries, dict):
        return ["no 'provenance' object"]
    problems = []
    for path, entry in entries.items():
        problems += _entry_problems(path, entry)
    existing = _existing_paths(preset)
    problems += [f"provenance '{path}' names no value of the preset" for path in entries if path not in existing]
    problems += [
        f"value '{path}' has no provenance"
        for path, _value in leaf_paths(preset)
        if provenance_of(preset, path) is None
    ]
    for text in _strings({k: v for k, v in preset.items() if k != "user"}):
        problems += [
            f"cites '{name}', which is not in the repository"
            for name in cited_files(text)
            if not (Path(repository_root) / name).exists()
        ]
    return list(dict.fromkeys(problems))


def file_problems(
    name: str, builtin_dir: Path = BUILTIN_DIR, repository_root: Path = REPOSITORY_ROOT
) -> dict[str, list[str]]:
    """`provenance_problems` of every preset of the built-in file `name`.json, by preset id (only
    presets with problems)."""
    data = _read(Path(builtin_dir) / f"{name}.json")
    found = {}
    for preset_id, preset in data["presets"].items():
        problems = provenance_problems(preset, repository_root) if isinstance(preset, dict) else ["not an object"]
        if problems:
            found[preset_id] = problems
    return found
