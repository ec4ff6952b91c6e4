"""A preset laid out as the presets dialog's tables (ui/preset_tables.py) and the values typed into
their cells read back (ui/user_presets.py): every value of every built-in preset in exactly one
cell, lists and nested objects where a planner looks for them."""

import pytest

from urbanization_planning.algorithms import standards
from urbanization_planning.ui.preset_tables import VALUE, preset_tables, provenance_entries
from urbanization_planning.ui.user_presets import Edit, PresetError, apply_edits, parse_value, value_at

PRESETS = [(name, preset_id) for name in standards.standard_names() for preset_id in standards.preset_ids(name)]


@pytest.mark.parametrize(("name", "preset_id"), PRESETS)
def test_every_value_is_in_one_cell_with_its_provenance(name, preset_id):
    preset = standards.preset(name, preset_id)
    cells = [path for table in preset_tables(preset) for row in table.rows for path in row.cells.values()]
    assert len(cells) == len(set(cells))
    for path, _value in standards.leaf_paths(preset):
        assert sum(p in cells for p in standards.ancestors(path)) == 1, path  # its own cell or its list's
    for path in cells:
        assert provenance_entries(preset, [path]), path


def test_tables_of_a_preset():
    preset = {
        "label": "x",
        "source": "GB 1",
        "radius_m": 300,
        "bands_m": [300, 500],
        "rules": [{"grade": "a", "radius_m": 300}, {"grade": "b", "radius_m": 500, "historic_only": True}],
        "indicators": {
            "park": {"name_zh": "公园", "target": {"op": ">", "value": 80}, "params": {"rules": [{"radius_m": 1}]}},
            "road": {"name_zh": "道路"},
        },
        "mapping": {"01": "production", "07": "living"},
    }
    tables = {table.path: table for table in preset_tables(preset)}
    assert list(tables) == ["", "rules", "indicators", "indicators.park.params.rules", "mapping"]
    assert [row.cells for row in tables[""].rows] == [{VALUE: "radius_m"}, {VALUE: "bands_m"}]
    assert tables["rules"].kind == "rows" and tables["rules"].columns == ["grade", "radius_m", "historic_only"]
    assert tables["rules"].rows[0].cells == {"grade": "rules[0].grade", "radius_m": "rules[0].radius_m"}
    assert tables["indicators"].columns == ["name_zh", "target.op", "target.value"]
    assert tables["indicators"].rows[0].cells["target.value"] == "indicators.park.target.value"
    nested = tables["indicators.park.params.rules"]
    assert nested.parent is tables["indicators"].rows[0] and nested.key == "rules"
    assert tables["mapping"].kind == "mapping" and [row.key for row in tables["mapping"].rows] == ["01", "07"]


def test_typed_lists_keep_their_items_types():
    assert parse_value("300; 500；800", [300, 500], "bands_m") == [300, 500, 800]
    assert parse_value("1.5; 2", [1.0], "x") == [1.5, 2.0]
    assert parse_value("03; 04", ["03"], "codes") == ["03", "04"]
    assert parse_value("", [], "except") == []
    with pytest.raises(PresetError, match="is not a list of numbers"):
        parse_value("300; five hundred", [300], "bands_m")


def test_a_shorter_list_takes_its_items_provenance_with_it():
    entry = {"clause": "GB 1", "status": "text", "checked": "p"}
    preset = {"label": "x", "source": "GB 1", "bands_m": [300, 500], "provenance": {"bands_m[1]": entry}}
    edited = apply_edits(preset, [Edit("bands_m", "300", "GB 1", "convention", "mine")])
    assert value_at(edited, "bands_m") == [300]
    assert edited["provenance"] == {"bands_m": {"clause": "GB 1", "status": "convention", "checked": "mine"}}
