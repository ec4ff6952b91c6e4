"""The conflict check's fast paths give what the plain ones give (issue 30): codes parsed once per
distinct value (codes.map_distinct) equal parsing every value, and dissolving each group of meeting
polygons on its own (overlay.dissolve, overlay.meeting_groups) gives the parts of one union of all."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.zoning import overlay
from urbanization_planning.algorithms.zoning.codes import UNKNOWN, CodeTable, map_distinct
from urbanization_planning.algorithms.zoning.sandiao import Crosswalk, deducted_codes

TABLE = CodeTable.load()
CROSSWALK = Crosswalk.load()


def test_text_column_with_missing_values():
    # "0701" and "07" are 2023 codes; " 0701 " is stripped; None, NaN and "" are unknown; "1006" is no code
    values = ["0701", None, "07", math.nan, " 0701 ", "", "1006", "0701"]
    assert TABLE.normalise(values).tolist() == ["0701", UNKNOWN, "07", UNKNOWN, "0701", UNKNOWN, UNKNOWN, "0701"]


def test_numbers_and_booleans_are_not_one_value():
    # pd.unique takes 1, 1.0 and True for one value: the numbers read as "01" (耕地), a boolean as unknown
    assert TABLE.normalise([1, True, 1.0, 101]).tolist() == ["01", UNKNOWN, "01", "0101"]


def test_each_distinct_value_parsed_once():
    seen = []

    def parse(value):
        seen.append(value)
        return str(value)

    assert map_distinct(["a", "b", "a", None, "b", None], parse).tolist() == ["a", "b", "a", "None", "b", "None"]
    assert seen == ["a", "b", None]


def test_deducted_codes_default_and_given():
    # without KCDLBM every parcel's deducted class is 三调 1203 田坎, 2023 code 2303
    assert deducted_codes({}, 3, CROSSWALK).tolist() == ["2303"] * 3
    # a given KCDLBM that is not a 三调 class falls back to 1203 as well
    given_codes = np.array(["0101", "nonsense", None], dtype=object)
    assert deducted_codes({"KCDLBM": given_codes}, 3, CROSSWALK).tolist() == ["0101", "2303", "2303"]


VALUES = st.one_of(
    st.sampled_from(["0701", "07", "0101", "1207", "0701 城镇住宅用地", "1006", "", " 03 ", "耕地"]),
    st.none(),
    st.just(math.nan),
    st.integers(0, 3000),
    st.booleans(),
    st.floats(0, 3000, allow_nan=False),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(VALUES, max_size=30))
def test_normalise_equals_parsing_every_value(values):
    assert TABLE.normalise(values).tolist() == [TABLE.normalise_one(v) for v in values]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["0101", "0102", "1203", "2303", "0101 水田", "x", ""]) | st.none(), max_size=30))
def test_convert_equals_parsing_every_value(values):
    expected = [CROSSWALK.to_2023[c] if (c := CROSSWALK.parse_one(v)) else UNKNOWN for v in values]
    assert CROSSWALK.convert(values).tolist() == expected


def test_meeting_groups_by_hand():
    polygons = np.array(
        [
            shapely.box(0, 0, 1, 1),  # overlaps 1
            shapely.box(0.5, 0, 2, 1),  # touches 3 along x = 2
            shapely.box(5, 5, 6, 6),  # alone
            shapely.box(2, 0, 3, 1),
        ],
        dtype=object,
    )
    assert [g.tolist() for g in overlay.meeting_groups(polygons)] == [[0, 1, 3], [2]]


def test_dissolve_by_groups_by_hand():
    # two overlapping 10 x 10 squares (area 100 + 100 - 25 = 175) and one apart (100)
    polygons = np.array(
        [shapely.box(0, 0, 10, 10), shapely.box(5, 5, 15, 15), shapely.box(100, 0, 110, 10)], dtype=object
    )
    parts = overlay.dissolve(polygons)
    assert sorted(shapely.area(parts).tolist()) == pytest.approx([100.0, 175.0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(1, 12), st.integers(1, 12)), max_size=25))
def test_dissolve_equals_one_union(boxes):
    polygons = np.array([shapely.box(x, y, x + w, y + h) for x, y, w, h in boxes], dtype=object)
    parts = overlay.dissolve(polygons)
    if not boxes:
        assert len(parts) == 0
        return
    whole, _ = overlay.polygon_parts(np.array([shapely.union_all(polygons)], dtype=object))
    assert len(parts) == len(whole)
    assert shapely.area(parts).sum() == pytest.approx(shapely.area(whole).sum(), rel=1e-12)
    # disjoint: no two parts share area
    a, b = shapely.STRtree(parts).query(parts, predicate="intersects")
    other = a != b
    assert (shapely.area(shapely.intersection(parts[a[other]], parts[b[other]])) == 0).all()
    assert shapely.equals(shapely.union_all(parts), shapely.union_all(polygons))
