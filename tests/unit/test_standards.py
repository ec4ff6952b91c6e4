"""Preset files: built-in, user copies merged over them, clear errors."""

import json

import pytest

from urbanization_planning.algorithms import standards


@pytest.fixture
def builtin(tmp_path):
    folder = tmp_path / "builtin"
    folder.mkdir()
    (folder / "parks.json").write_text(json.dumps({
        "title": "Parks", "presets": {"a": {"label": "A", "source": "GB 1", "radius": 500}}}), encoding="utf-8")
    return folder


def test_builtin_and_user_presets_merge(builtin, tmp_path):
    user = tmp_path / "user"
    assert standards.preset_ids("parks", user, builtin) == ["a"]
    path = standards.copy_to_user("parks", "a", "mine", user, builtin)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["presets"]["mine"]["radius"] = 300
    path.write_text(json.dumps(data), encoding="utf-8")
    assert standards.preset_ids("parks", user, builtin) == ["a", "mine"]
    mine = standards.preset("parks", "mine", user, builtin)
    assert mine["radius"] == 300 and mine["user"] is True and mine["source"] == "GB 1"


def test_errors_name_the_file_line_and_preset(builtin):
    with pytest.raises(standards.StandardsError, match="has no preset 'b'; it has: a"):
        standards.preset("parks", "b", None, builtin)
    (builtin / "broken.json").write_text('{"presets": {\n  "x": }', encoding="utf-8")
    with pytest.raises(standards.StandardsError, match="broken.json: line 2"):
        standards.load_standard("broken", None, builtin)
