"""Control-line conflicts on hand-built cases with known answers, and overlay invariants."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

from urbanization_planning.algorithms.cancel import CancelledError
from urbanization_planning.algorithms.zoning import overlay
from urbanization_planning.algorithms.zoning.codes import UNKNOWN, CodeTable
from urbanization_planning.algorithms.zoning.conflicts import UNKNOWN_RULE, check
from urbanization_planning.algorithms.zoning.rules import national_rules


@pytest.fixture(scope="module")
def rules():
    return national_rules(CodeTable.load())


def geoms(*items):
    return np.array(list(items), dtype=object)


def by(result, row, line):
    found = result.conflicts[(result.conflicts["row"] == row) & (result.conflicts["control_line"] == line)]
    return found


RED = shapely.Polygon([(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60), (40, 60)]])
FARM = box(100, 0, 200, 100)


def test_hand_built_cases(rules):
    plan = geoms(
        box(10, 10, 20, 20),                                               # 0 nested, housing: 100
        box(-50, 0, 0, 50),                                                # 1 touching the red line: nothing
        shapely.MultiPolygon([box(90, 90, 110, 110), box(-10, -10, 10, 10)]),  # 2 multipart industry
        box(30, 30, 70, 70),                                               # 3 over the hole, commerce: 1600-400
        box(80, 20, 120, 30),                                              # 4 split across red and farmland: 200 + 200
        box(150, 50, 160, 60),                                             # 5 cropland in farmland: allowed
        box(150, 10, 160, 20),                                             # 6 forest in farmland: 100
        box(5, 80, 15, 90),                                                # 7 forest in red line: allowed
    )
    codes = np.array(["0701", "07", "1001", "09", "0701", "0103", "03", "0301"], dtype=object)
    result = check(plan, codes, {"ecological_redline": geoms(RED), "permanent_farmland": geoms(FARM)}, rules)
    areas = {(r.row, r.control_line): r.area_m2 for r in result.conflicts.itertuples()}
    assert areas == pytest.approx({
        (0, "ecological_redline"): 100.0,
        (2, "ecological_redline"): 200.0,  # both parts reach 10 x 10 into the red line
        (2, "permanent_farmland"): 100.0,  # the part 90..110 reaches 10 x 10 into the farmland
        (3, "ecological_redline"): 1200.0,
        (4, "ecological_redline"): 200.0,
        (4, "permanent_farmland"): 200.0,
        (6, "permanent_farmland"): 100.0,
    })
    assert set(by(result, 2, "ecological_redline")["rule_id"]) == {"eco_construction"}
    assert shapely.get_num_geometries(by(result, 2, "ecological_redline").geometry.values[0]) == 2
    assert result.conflict_count == 7 and result.conflict_area == pytest.approx(2100.0)
    # the red line and the farmland only touch along x = 100: no overlap
    assert len(result.overlaps) == 0
    summary = result.summary.set_index(["control_line", "class_code"])
    assert summary.loc[("ecological_redline", "07"), "conflict_count"] == 2
    assert summary.loc[("ecological_redline", "07"), "conflict_area_m2"] == pytest.approx(300.0)
    assert summary.loc[("permanent_farmland", "03"), "conflict_area_m2"] == pytest.approx(100.0)


def test_outside_development_boundary_and_rural_exception(rules):
    boundary = geoms(box(0, 0, 100, 100))
    plan = geoms(box(90, 0, 110, 10), box(200, 0, 210, 10), box(10, 10, 20, 20), box(300, 0, 310, 10),
                 box(400, 0, 410, 10))
    codes = np.array(["0701", "1001", "08", "0703", "01"], dtype=object)
    result = check(plan, codes, {"development_boundary": boundary}, rules)
    areas = {r.row: r.area_m2 for r in result.conflicts.itertuples()}
    assert areas == pytest.approx({0: 100.0, 1: 100.0})
    piece = result.conflicts.geometry.values[0]
    assert shapely.equals(piece, box(100, 0, 110, 10))


def test_overlapping_polygons_of_one_line_count_once_and_lines_overlap(rules):
    red = geoms(box(0, 0, 60, 100), box(40, 0, 100, 100))  # two red-line polygons overlapping 40..60
    farm = geoms(box(90, 0, 150, 100))
    plan = geoms(box(30, 0, 70, 10))
    result = check(plan, np.array(["07"], dtype=object), {"ecological_redline": red, "permanent_farmland": farm}, rules)
    assert result.conflicts["area_m2"].tolist() == pytest.approx([400.0])
    assert result.overlaps[["line_a", "line_b"]].values.tolist() == [["ecological_redline", "permanent_farmland"]]
    assert result.overlaps["area_m2"].tolist() == pytest.approx([1000.0])


def test_unknown_codes_are_reported_not_dropped(rules):
    plan = geoms(box(0, 0, 10, 10), box(20, 0, 30, 10), box(500, 0, 510, 10))
    codes = np.array([UNKNOWN, "07", UNKNOWN], dtype=object)
    result = check(plan, codes, {"ecological_redline": geoms(box(0, 0, 100, 100))}, rules)
    assert result.unknown_parcels == 2
    assert result.conflicts[["row", "rule_id"]].values.tolist() == [[0, UNKNOWN_RULE], [1, "eco_construction"]]
    assert result.summary["class_code"].tolist() == ["07", UNKNOWN]


def test_min_area_drops_slivers_and_empty_lines_are_skipped(rules):
    plan = geoms(box(99.5, 0, 120, 1), box(10, 10, 20, 20))
    codes = np.array(["07", "07"], dtype=object)
    lines = {"ecological_redline": geoms(box(0, 0, 100, 100)), "permanent_farmland": geoms()}
    assert check(plan, codes, lines, rules, min_area=1.0).conflicts["row"].tolist() == [1]
    assert check(plan, codes, lines, rules, min_area=0.0).conflicts["row"].tolist() == [0, 1]


def test_progress_and_cancel(rules):
    seen = []
    plan = geoms(box(0, 0, 10, 10))
    check(plan, np.array(["07"], dtype=object), {"ecological_redline": geoms(box(0, 0, 5, 5))}, rules, progress=seen.append)
    assert seen[-1] == 100.0
    with pytest.raises(CancelledError):
        check(plan, np.array(["07"], dtype=object), {"ecological_redline": geoms(box(0, 0, 5, 5))}, rules,
              is_canceled=lambda: True)


rectangles = st.tuples(st.integers(0, 90), st.integers(0, 90), st.integers(1, 40), st.integers(1, 40)).map(
    lambda t: box(t[0], t[1], t[0] + t[2], t[1] + t[3]))


@settings(max_examples=60, deadline=None)
@given(st.lists(rectangles, min_size=1, max_size=8), st.lists(rectangles, min_size=1, max_size=5))
def test_inside_plus_outside_is_the_parcel(parcels, line):
    plan = np.array(parcels, dtype=object)
    parts = overlay.dissolve(np.array(line, dtype=object))
    union = shapely.union_all(np.array(line, dtype=object))
    inside, outside = overlay.inside(plan, parts), overlay.outside(plan, parts)
    inside_area = np.zeros(len(plan))
    outside_area = np.zeros(len(plan))
    inside_area[inside.index] = inside.area
    outside_area[outside.index] = outside.area
    np.testing.assert_allclose(inside_area + outside_area, shapely.area(plan), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(inside_area, shapely.area(shapely.intersection(plan, union)), atol=1e-9)
