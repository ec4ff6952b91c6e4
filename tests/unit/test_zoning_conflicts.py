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
from urbanization_planning.algorithms.zoning.conflicts import UNKNOWN_OUTCOME, UNKNOWN_RULE, check
from urbanization_planning.algorithms.zoning.ellipsoid import ellipsoidal_area
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
        box(10, 10, 20, 20),  # 0 nested, housing: 100
        box(-50, 0, 0, 50),  # 1 touching the red line: nothing
        shapely.MultiPolygon([box(90, 90, 110, 110), box(-10, -10, 10, 10)]),  # 2 multipart industry
        box(30, 30, 70, 70),  # 3 over the hole, commerce: 1600-400
        box(80, 20, 120, 30),  # 4 split across red and farmland: 200 + 200
        box(150, 50, 160, 60),  # 5 cropland in farmland: allowed
        box(150, 10, 160, 20),  # 6 forest in farmland: 100
        box(5, 80, 15, 90),  # 7 forest in red line: allowed
    )
    codes = np.array(["0701", "07", "1001", "09", "0701", "0103", "03", "0301"], dtype=object)
    result = check(plan, codes, {"ecological_redline": geoms(RED), "permanent_farmland": geoms(FARM)}, rules)
    areas = {(r.row, r.control_line): r.plane_area_m2 for r in result.conflicts.itertuples()}
    assert areas == pytest.approx(
        {
            (0, "ecological_redline"): 100.0,
            (2, "ecological_redline"): 200.0,  # both parts reach 10 x 10 into the red line
            (2, "permanent_farmland"): 100.0,  # the part 90..110 reaches 10 x 10 into the farmland
            (3, "ecological_redline"): 1200.0,
            (4, "ecological_redline"): 200.0,
            (4, "permanent_farmland"): 200.0,
            (6, "permanent_farmland"): 100.0,
        }
    )
    assert set(by(result, 2, "ecological_redline")["rule_id"]) == {"eco_construction"}
    assert shapely.get_num_geometries(by(result, 2, "ecological_redline").geometry.values[0]) == 2
    assert result.conflict_count == 7 and result.conflicts["plane_area_m2"].sum() == pytest.approx(2100.0)
    assert np.isnan(result.conflict_area)  # no CRS given: nothing to take to the ellipsoid
    # the red line and the farmland only touch along x = 100: no overlap
    assert len(result.overlaps) == 0
    assert set(result.conflicts["outcome"]) == {"prohibited"}
    summary = result.summary.set_index(["control_line", "outcome", "class_code"])
    assert summary.loc[("ecological_redline", "prohibited", "07"), "conflict_count"] == 2
    assert summary.loc[("ecological_redline", "prohibited", "07"), "plane_area_m2"] == pytest.approx(300.0)
    assert summary.loc[("permanent_farmland", "prohibited", "03"), "plane_area_m2"] == pytest.approx(100.0)


def test_outside_development_boundary_and_rural_exception(rules):
    boundary = geoms(box(0, 0, 100, 100))
    plan = geoms(
        box(90, 0, 110, 10), box(200, 0, 210, 10), box(10, 10, 20, 20), box(300, 0, 310, 10), box(400, 0, 410, 10)
    )
    codes = np.array(["0701", "1001", "08", "0703", "01"], dtype=object)
    result = check(plan, codes, {"development_boundary": boundary}, rules)
    areas = {r.row: r.plane_area_m2 for r in result.conflicts.itertuples()}
    assert areas == pytest.approx({0: 100.0, 1: 100.0})
    piece = result.conflicts.geometry.values[0]
    assert shapely.equals(piece, box(100, 0, 110, 10))


def outcomes(result) -> dict:
    return {(r.row, r.control_line): (r.outcome, r.rule_id) for r in result.conflicts.itertuples()}


def test_red_line_allows_listed_uses_only_with_approval_and_forbids_the_rest(rules):
    """Hand cases of the 2022 red-line notice: residents' homesteads, highways, water supply and
    field roads inside the red line need approval (recognition as a limited activity); urban
    housing and industry are prohibited; parks and forest are not restricted."""
    red = geoms(box(0, 0, 100, 100))
    codes = np.array(["0703", "1202", "1301", "060102", "0701", "1001", "1401", "0301", "090104"], dtype=object)
    plan = geoms(*(box(10 * i, 0, 10 * i + 5, 5) for i in range(len(codes))))
    found = outcomes(check(plan, codes, {"ecological_redline": red}, rules))
    assert found == {
        (0, "ecological_redline"): ("approval", "eco_residents"),
        (1, "ecological_redline"): ("approval", "eco_linear_infrastructure"),
        (2, "ecological_redline"): ("approval", "eco_utilities"),
        (3, "ecological_redline"): ("approval", "eco_residents"),
        (4, "ecological_redline"): ("prohibited", "eco_construction"),
        (5, "ecological_redline"): ("prohibited", "eco_construction"),
        (8, "ecological_redline"): ("approval", "eco_tourism"),
    }


def test_core_zone_forbids_human_use_and_the_red_line_rules_apply_outside_it(rules):
    red = geoms(box(0, 0, 100, 100))
    core = geoms(box(0, 0, 50, 100))
    plan = geoms(box(40, 0, 60, 10), box(10, 20, 20, 30), box(10, 40, 20, 50))  # homestead across; forest; cropland
    codes = np.array(["0703", "0301", "0103"], dtype=object)
    result = check(plan, codes, {"ecological_redline": red, "ecological_core": core}, rules)
    rows = {(r.row, r.control_line): (r.outcome, round(r.plane_area_m2, 6)) for r in result.conflicts.itertuples()}
    assert rows == (
        {
            (0, "ecological_core"): ("prohibited", 100.0),
            (0, "ecological_redline"): ("approval", 100.0),  # only the part outside the core zone
            (2, "ecological_core"): ("prohibited", 100.0),
        }
    )
    assert len(result.overlaps) == 0  # core zones lie in the red line by design


def test_farmland_and_boundary_outcomes(rules):
    farm = geoms(box(0, 0, 100, 100))
    codes = np.array(["060201", "060202", "1202", "0201", "0103"], dtype=object)
    plan = geoms(*(box(10 * i, 0, 10 * i + 5, 5) for i in range(len(codes))))
    found = outcomes(check(plan, codes, {"permanent_farmland": farm}, rules))
    assert found == {
        (0, "permanent_farmland"): ("approval", "farmland_planting_facilities"),
        (1, "permanent_farmland"): ("prohibited", "farmland_other_use"),
        (2, "permanent_farmland"): ("approval", "farmland_key_projects"),
        (3, "permanent_farmland"): ("prohibited", "farmland_other_use"),
    }
    boundary = geoms(box(-1000, -1000, -900, -900))  # every parcel below lies outside
    codes = np.array(["0701", "1001", "0704", "1303", "1202", "0804", "1506", "0103"], dtype=object)
    plan = geoms(*(box(10 * i, 0, 10 * i + 5, 5) for i in range(len(codes))))
    found = outcomes(check(plan, codes, {"development_boundary": boundary}, rules))
    assert found == {
        (0, "development_boundary"): ("prohibited", "udb_urban_housing"),
        (1, "development_boundary"): ("prohibited", "udb_urban_concentration"),
        (5, "development_boundary"): ("approval", "udb_sited_projects"),
        (6, "development_boundary"): ("approval", "udb_sited_projects"),
    }


def test_areas_are_reported_plane_and_on_the_cgcs2000_ellipsoid(rules):
    """CGCS2000 3-degree Gauss-Kruger without zone prefix (EPSG:4547, CM 114°E): 100 km
    east of the central meridian the plane overstates area by the projection's scale (about 1.00025)."""
    red = geoms(box(590_000, 2_800_000, 610_000, 2_820_000))
    plan = geoms(box(599_000, 2_810_000, 600_000, 2_811_000))
    result = check(plan, np.array(["0701"], dtype=object), {"ecological_redline": red}, rules, crs="EPSG:4547")
    row = result.conflicts.iloc[0]
    assert row["plane_area_m2"] == pytest.approx(1_000_000.0)
    assert row["ellipsoid_area_m2"] == pytest.approx(ellipsoidal_area(plan, "EPSG:4547")[0])
    assert 999_700 < row["ellipsoid_area_m2"] < 999_800
    assert result.conflict_area == pytest.approx(row["ellipsoid_area_m2"])
    assert result.summary["ellipsoid_area_m2"].tolist() == pytest.approx([row["ellipsoid_area_m2"]])


def test_overlapping_polygons_of_one_line_count_once_and_lines_overlap(rules):
    red = geoms(box(0, 0, 60, 100), box(40, 0, 100, 100))  # two red-line polygons overlapping 40..60
    farm = geoms(box(90, 0, 150, 100))
    plan = geoms(box(30, 0, 70, 10))
    result = check(plan, np.array(["07"], dtype=object), {"ecological_redline": red, "permanent_farmland": farm}, rules)
    assert result.conflicts["plane_area_m2"].tolist() == pytest.approx([400.0])
    assert result.overlaps[["line_a", "line_b"]].values.tolist() == [["ecological_redline", "permanent_farmland"]]
    assert result.overlaps["plane_area_m2"].tolist() == pytest.approx([1000.0])


def test_unknown_codes_are_reported_not_dropped(rules):
    plan = geoms(box(0, 0, 10, 10), box(20, 0, 30, 10), box(500, 0, 510, 10))
    codes = np.array([UNKNOWN, "07", UNKNOWN], dtype=object)
    result = check(plan, codes, {"ecological_redline": geoms(box(0, 0, 100, 100))}, rules)
    assert result.unknown_parcels == 2
    assert result.conflicts[["row", "rule_id", "outcome"]].values.tolist() == [
        [0, UNKNOWN_RULE, UNKNOWN_OUTCOME],
        [1, "eco_construction", "prohibited"],
    ]
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
    check(
        plan,
        np.array(["07"], dtype=object),
        {"ecological_redline": geoms(box(0, 0, 5, 5))},
        rules,
        progress=seen.append,
    )
    assert seen[-1] == 100.0
    with pytest.raises(CancelledError):
        check(
            plan,
            np.array(["07"], dtype=object),
            {"ecological_redline": geoms(box(0, 0, 5, 5))},
            rules,
            is_canceled=lambda: True,
        )


rectangles = st.tuples(st.integers(0, 90), st.integers(0, 90), st.integers(1, 40), st.integers(1, 40)).map(
    lambda t: box(t[0], t[1], t[0] + t[2], t[1] + t[3])
)


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


def test_tiankan_inside_permanent_farmland_is_no_conflict_and_is_reported(rules):
    """The 三调 hand case (issue 28, item 1). Farmland squares 0..100 x 0..100 and 200..300 x 0..100;
    a paddy parcel 0..100 x 0..90 (0101, 9 000 m²), the 田坎 strip above it mapped on its own,
    0..100 x 90..100 (2303, 1 000 m²), and an orchard 200..210 x 0..10 (0201, 100 m²). By hand: the
    paddy is allowed (farmland_cropland); the 田坎 is allowed (farmland_field_ridges), no conflict;
    the orchard is prohibited (farmland_other_use, 100 m²), showing the other rules still apply. The
    summary lists the 田坎 as permanent_farmland / allowed / 2303: one piece, 1 000 m² (plane)."""
    plan = geoms(box(0, 0, 100, 90), box(0, 90, 100, 100), box(200, 0, 210, 10))
    codes = np.array(["0101", "2303", "0201"], dtype=object)
    farmland = geoms(box(0, 0, 100, 100), box(200, 0, 300, 100))
    result = check(plan, codes, {"permanent_farmland": farmland}, rules)
    assert result.conflicts["row"].tolist() == [2]
    assert result.conflicts["rule_id"].tolist() == ["farmland_other_use"]
    assert result.conflict_count == 1 and result.count("prohibited") == 1
    assert result.recorded["rule_id"].tolist() == ["farmland_field_ridges"]
    assert result.recorded["plane_area_m2"].tolist() == pytest.approx([1_000.0])
    summary = result.summary.set_index(["control_line", "outcome", "class_code"])
    assert summary.loc[("permanent_farmland", "allowed", "2303"), "conflict_count"] == 1
    assert summary.loc[("permanent_farmland", "allowed", "2303"), "plane_area_m2"] == pytest.approx(1_000.0)
    assert summary.loc[("permanent_farmland", "prohibited", "02"), "plane_area_m2"] == pytest.approx(100.0)
    assert [r.clause for r in rules if r.id == "farmland_field_ridges"][0].startswith("GB/T 21010-2017")
