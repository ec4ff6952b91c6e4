"""Preset files: built-in, user copies merged over them, clear errors."""

import json

import pytest

from urbanization_planning.algorithms import standards


@pytest.fixture
def builtin(tmp_path):
    folder = tmp_path / "builtin"
    folder.mkdir()
    (folder / "parks.json").write_text(
        json.dumps({"title": "Parks", "presets": {"a": {"label": "A", "source": "GB 1", "radius": 500}}}),
        encoding="utf-8",
    )
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


# --- provenance: every value of every built-in preset is traceable ------------------------------

#: Files whose provenance another engineer fills (zoning); listed here while they have none, so the
#: test reports them as expected failures instead of hiding them. Remove a name once it is filled.
PROVENANCE_PENDING: set[str] = set()


@pytest.mark.parametrize("name", standards.standard_names())
def test_every_builtin_preset_value_has_provenance(name):
    problems = standards.file_problems(name)
    if name in PROVENANCE_PENDING and problems:
        pytest.xfail(f"{name}: provenance not filled yet ({len(problems)} preset(s))")
    assert problems == {}, problems


def test_pending_list_names_only_files_still_lacking_provenance():
    assert {n for n in PROVENANCE_PENDING if not standards.file_problems(n)} == set()


def _preset(**extra):
    return {
        "label": "A",
        "source": "GB 1",
        "radius_m": 300,
        "rules": [{"min_area_m2": 400, "radius_m": 300}, {"min_area_m2": 5000, "radius_m": 500}],
        **extra,
    }


def test_provenance_may_cover_a_value_through_its_row_or_list():
    entry = {"clause": "GB 1 2.1", "status": "text", "checked": "page"}
    assert standards.provenance_problems(_preset(provenance={"radius_m": entry, "rules": entry})) == []
    assert (
        standards.provenance_problems(
            _preset(
                provenance={
                    "radius_m": entry,
                    "rules[0]": entry,
                    "rules[1].min_area_m2": entry,
                    "rules[1].radius_m": entry,
                }
            )
        )
        == []
    )
    assert standards.provenance_of(_preset(provenance={"rules[1]": entry}), "rules[1].radius_m") is entry


def test_provenance_problems_name_each_gap():
    good = {"clause": "GB 1 2.1", "status": "text", "checked": "page"}
    problems = standards.provenance_problems(
        _preset(
            provenance={
                "radius_m": {"clause": "GB 1", "status": "checked by me", "checked": "x"},
                "rules[0]": {"clause": "", "status": "secondary", "checked": "x"},
                "rules[7]": good,
            }
        )
    )
    assert (
        "provenance 'radius_m' has status 'checked by me'; use one of text, secondary, convention, unverified"
        in problems
    )
    assert "provenance 'rules[0]' has no 'clause'" in problems
    assert "provenance 'rules[7]' names no value of the preset" in problems
    assert "value 'rules[1].min_area_m2' has no provenance" in problems
    assert "value 'rules[1].radius_m' has no provenance" in problems
    assert len(problems) == 5
    assert standards.provenance_problems({"label": "x", "v": 1}) == ["no 'provenance' object"]


def test_a_preset_may_not_cite_a_file_missing_from_the_repository(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "HERE.md").write_text("x")
    entry = {"clause": "GB 1", "status": "convention", "checked": "see docs/HERE.md and docs/STANDARDS.md"}
    preset = _preset(
        source="docs/GONE.md 'parks'; http://example.com/a/b.html", provenance={"radius_m": entry, "rules": entry}
    )
    assert sorted(standards.provenance_problems(preset, tmp_path)) == [
        "cites 'docs/GONE.md', which is not in the repository",
        "cites 'docs/STANDARDS.md', which is not in the repository",
    ]
    assert standards.cited_files("jianbiaoku.com/webarbs/book/159284/4678367.shtml, GB/T 50563-2010") == []


def test_leaf_paths_and_ancestors():
    assert standards.leaf_paths(_preset(provenance={}))[:3] == [
        ("radius_m", 300),
        ("rules[0].min_area_m2", 400),
        ("rules[0].radius_m", 300),
    ]
    assert standards.ancestors("a.b[1].c") == ["a.b[1].c", "a.b[1]", "a.b", "a"]


def test_a_planners_file_is_read_once_for_every_domain(tmp_path):
    """load_planner_file: CSV text as is, JSON data (a standards-format file gives its first
    preset), and the caller's error naming the file, line and column."""

    class FileError(ValueError):
        pass

    (tmp_path / "a.csv").write_text("\ufeffcode,space_class\n07,living\n", encoding="utf-8")
    assert standards.load_planner_file(tmp_path / "a.csv", FileError, "mapping file") == (
        "code,space_class\n07,living\n",
        None,
    )
    (tmp_path / "b.json").write_text(json.dumps({"presets": {"mine": {"rules": [1]}}}), encoding="utf-8")
    assert standards.load_planner_file(tmp_path / "b.json", FileError, "rules file")[1] == {"rules": [1]}
    (tmp_path / "c.json").write_text('{"rules": [\n  1,\n]}', encoding="utf-8")
    with pytest.raises(FileError, match=r"c.json: line 3, column 1"):
        standards.load_planner_file(tmp_path / "c.json", FileError, "rules file")
    with pytest.raises(FileError, match=r"d.json: the rules file does not exist"):
        standards.load_planner_file(tmp_path / "d.json", FileError, "rules file")
    (tmp_path / "e.csv").write_bytes("code,space_class\n07,生活\n".encode("gbk"))
    with pytest.raises(FileError, match=r"e.csv: not UTF-8 text"):
        standards.load_planner_file(tmp_path / "e.csv", FileError, "mapping file")
