"""Production-living-ecological space structure: mapping, per-unit areas and shares (hand-checked)."""

import json

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

from urbanization_planning.algorithms.zoning.codes import UNKNOWN, CodeTable
from urbanization_planning.algorithms.zoning.space import (
    ALL_UNITS,
    OUTSIDE_UNITS,
    UNMAPPED,
    MappingError,
    default_mapping,
    load_mapping,
    structure,
    wide,
)


@pytest.fixture(scope="module")
def table():
    return CodeTable.load()


@pytest.fixture(scope="module")
def mapping(table):
    return default_mapping(table)


def test_default_mapping_follows_standards_md(mapping):
    codes = np.array(["0101", "0701", "0703", "09", "0301", "1704", "2301", "15", "16", UNKNOWN], dtype=object)
    assert list(mapping.classify(codes)) == [
        "production",
        "living",
        "living",
        "production_living",
        "ecological",
        "ecological",
        "ecological",
        UNMAPPED,
        UNMAPPED,
        UNMAPPED,
    ]
    assert mapping.name("living", "zh") == "生活空间"


def test_longest_prefix_wins_in_a_file(table, mapping, tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("code,space_class\n07,living\n0703,production_living\n", encoding="utf-8")
    custom = load_mapping(path, table, mapping)
    assert list(custom.classify(np.array(["0701", "070301", "01"], dtype=object))) == [
        "living",
        "production_living",
        UNMAPPED,
    ]


def test_mapping_file_errors_name_the_line(table, mapping, tmp_path):
    path = tmp_path / "map.json"
    path.write_text('{"mapping": {\n "07": "living",\n "88": "living"\n}}', encoding="utf-8")
    with pytest.raises(MappingError, match=r"map.json: line 3: unknown land-use code '88'"):
        load_mapping(path, table, mapping)
    path.write_text(json.dumps({"mapping": {"07": "housing"}}), encoding="utf-8")
    with pytest.raises(MappingError, match="unknown space class 'housing'"):
        load_mapping(path, table, mapping)
    path.write_text('{"mapping": {\n "07": "living",,\n}}', encoding="utf-8")
    with pytest.raises(MappingError, match=r"map.json: line 2, column"):
        load_mapping(path, table, mapping)
    csv_path = tmp_path / "map.csv"
    csv_path.write_text("code,space_class\n07,living\nx1,living\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r"map.csv: line 3: unknown land-use code 'x1'"):
        load_mapping(csv_path, table, mapping)


def test_new_classes_can_be_defined_in_a_file(table, mapping, tmp_path):
    path = tmp_path / "map.json"
    path.write_text(
        json.dumps(
            {
                "classes": {"tourism": {"zh": "旅游空间", "en": "Tourism", "color": "#00aaff"}},
                "mapping": {"09": "tourism"},
            }
        ),
        encoding="utf-8",
    )
    custom = load_mapping(path, table, mapping)
    assert custom.classify(np.array(["0903"], dtype=object))[0] == "tourism"
    assert custom.name("tourism", "zh") == "旅游空间" and "living" in custom.classes


def test_areas_and_shares_per_unit(mapping):
    plan = np.array([box(0, 0, 10, 10), box(10, 0, 20, 10), box(20, 0, 30, 10), box(40, 0, 50, 10)], dtype=object)
    classes = mapping.classify(np.array(["0701", "0301", "15", "0101"], dtype=object))
    units = np.array([box(0, 0, 15, 10), box(15, 0, 35, 10)], dtype=object)
    result = structure(plan, classes, units)
    table = wide(result.summary, list(mapping.classes), 2).set_index("unit")
    assert table.loc[0, "total_area_m2"] == pytest.approx(150.0)
    assert table.loc[0, "living_m2"] == pytest.approx(100.0)
    assert table.loc[0, "ecological_pct"] == pytest.approx(100 * 50 / 150)
    assert table.loc[1, "unmapped_m2"] == pytest.approx(100.0)
    assert table.loc[1, "ecological_m2"] == pytest.approx(50.0)
    assert table.loc[OUTSIDE_UNITS, "production_m2"] == pytest.approx(100.0)
    assert table.loc[ALL_UNITS, "total_area_m2"] == pytest.approx(400.0)
    assert list(table.index) == [0, 1, OUTSIDE_UNITS, ALL_UNITS]
    pieces = result.pieces
    assert len(pieces) == 5 and set(pieces.loc[pieces["row"] == 1, "unit"]) == {0, 1}


def test_without_units_the_whole_plan_is_one_row(mapping):
    plan = np.array([box(0, 0, 10, 10), shapely.MultiPolygon([box(20, 0, 30, 10), box(40, 0, 45, 10)])], dtype=object)
    result = structure(plan, np.array(["living", "ecological"], dtype=object))
    table = wide(result.summary, list(mapping.classes))
    assert table["unit"].tolist() == [ALL_UNITS]
    assert table.loc[0, "ecological_m2"] == pytest.approx(150.0)
    assert table.loc[0, "living_pct"] == pytest.approx(40.0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=1, max_size=20, unique=True), st.integers(1, 9)
)
def test_unit_pieces_add_up_to_the_plan(cells, split):
    plan = np.array([box(x * 10, y * 10, x * 10 + 10, y * 10 + 10) for x, y in cells], dtype=object)
    classes = np.array(["living", "ecological"] * len(cells), dtype=object)[: len(cells)]
    units = np.array([box(0, 0, split * 10 - 3, 90), box(split * 10 - 3, 0, 90, 50)], dtype=object)
    table = wide(structure(plan, classes, units).summary, ["living", "ecological"], 2).set_index("unit")
    parts = table.drop(index=ALL_UNITS)["total_area_m2"].sum()
    assert parts == pytest.approx(table.loc[ALL_UNITS, "total_area_m2"]) == pytest.approx(100.0 * len(cells))
    pct = table[[c for c in table.columns if c.endswith("_pct")]].sum(axis=1)
    assert np.allclose(pct[table["total_area_m2"] > 0], 100.0) and np.allclose(pct[table["total_area_m2"] == 0], 0.0)
