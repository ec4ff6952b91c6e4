"""Land-use codes of the 2023 guide as planning layers store them (hand-checked)."""

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.zoning.codes import UNKNOWN, CodeTable, first_level, matches


@pytest.fixture(scope="module")
def table():
    return CodeTable.load()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("07", "07"),
        (7, "07"),
        (7.0, "07"),
        ("7", "07"),
        (" 07 ", "07"),
        ("0701", "0701"),
        (701, "0701"),
        ("701", "0701"),
        (70101, "070101"),
        ("070101", "070101"),
        ("0701 城镇住宅用地", "0701"),
        ("1207", "1207"),
        ("城镇住宅用地", "0701"),
        ("耕地", "01"),
        ("24", "24"),
        (1, "01"),
        ("070199", "070199"),
    ],
)
def test_codes_as_stored_become_canonical(table, value, code):
    assert table.normalise_one(value) == code


@pytest.mark.parametrize(
    "value",
    [
        None,
        float("nan"),
        "",
        "  ",
        "25",
        "99",
        0,
        "abc",
        "residential",
        "07011",
        True,
        "0799",
        "1006",
        "05H1",
        "0201K",
        "2599",
    ],
)
def test_empty_and_unknown_values_are_their_own_class(table, value):
    assert table.normalise_one(value) == UNKNOWN


def test_column_normalisation_and_first_level(table):
    codes = table.normalise(["0701", 7, None, "旱地", "x", 1001.0])
    assert list(codes) == ["0701", "07", UNKNOWN, "0103", UNKNOWN, "1001"]
    assert list(first_level(codes)) == ["07", "07", UNKNOWN, "01", UNKNOWN, "10"]


def test_names_come_from_the_most_specific_known_level(table):
    assert table.name("0701") == "城镇住宅用地"
    assert table.name("070101") == "一类城镇住宅用地"
    assert table.name("070199") == "城镇住宅用地"
    assert table.name("07") == "居住用地"
    assert table.name("0701", "en") == "Urban housing"
    assert table.name(UNKNOWN) == ""


def test_prefix_matching_with_exceptions_never_matches_unknown():
    codes = np.array(["0701", "0703", "07", "01", "0103", UNKNOWN], dtype=object)
    assert list(matches(codes, ["07"], ["0703"])) == [True, False, True, False, False, False]
    assert list(matches(codes, ["*"], ["01"])) == [True, True, True, False, False, False]


def test_first_level_table_matches_standards_md(table):
    firsts = sorted(c for c in table.names_zh if len(c) == 2)
    assert firsts == [f"{i:02d}" for i in range(1, 25)]
    assert table.names_zh["08"] == "公共管理与公共服务用地" and table.names_zh["14"] == "绿地与开敞空间用地"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 999_999))
def test_numbers_and_their_text_read_alike_and_reading_is_idempotent(number):
    table = CodeTable.load()
    code = table.normalise_one(number)
    assert code == table.normalise_one(str(number)) == table.normalise_one(float(number))
    assert table.normalise_one(code) == code
    if code != UNKNOWN:
        assert len(code) in (2, 4, 6) and int(code) == number and code[:2] in table.names_zh


GUIDE_TABLE = Path(__file__).resolve().parents[1] / "data" / "landuse_2023_guide_table.csv"


def _guide_table() -> dict[str, str]:
    with GUIDE_TABLE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: row["name_zh"] for row in rows}


def test_preset_is_the_guides_table_code_by_code(table):
    """Every first-, second- and third-level code and name of the 2023 guide, and nothing else."""
    guide = _guide_table()
    assert table.names_zh == guide
    assert set(table.names_en) == set(guide) and all(table.names_en.values())


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("田间道", "060102"),
        ("村道用地", "060101"),
        ("农村道路", "0601"),
        ("设施农用地", "0602"),
        ("种植设施建设用地", "060201"),
        ("城镇村道路用地", "1207"),
        ("油料园地", "0204"),
        ("其他园地", "0205"),
        ("后备耕地", "2302"),
        ("田坎", "2303"),
        ("社会停车场用地", "120803"),
        ("其他交通运输用海", "2005"),
    ],
)
def test_names_that_moved_in_the_2023_guide_read_as_the_guide_codes_them(table, value, code):
    assert table.normalise_one(value) == code
    assert table.name(code) == value
