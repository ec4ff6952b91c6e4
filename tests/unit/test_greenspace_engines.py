"""Green-city engines: park service rules, coverage, E2SFCA equity and living-circle coverage,
with hand-computed expected values."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, box

from urbanization_planning.algorithms import network as nw
from urbanization_planning.algorithms import standards, walking
from urbanization_planning.algorithms.greenspace import coverage, equity, facilities, inputs, park_equity, rules

EDGE = math.exp(-0.5)


def g(d, d0):
    """The Gaussian weight written out by hand."""
    return (math.exp(-0.5 * (d / d0) ** 2) - EDGE) / (1 - EDGE)


# --- rules -------------------------------------------------------------------------------------


def test_rules_from_every_preset_and_text():
    for preset_id in standards.preset_ids("park_service"):
        preset = standards.preset("park_service", preset_id)
        assert preset["source"] and rules.rules_from_preset(preset)
    parsed = rules.parse_rules("10000: 500: park\n400:300:green  # comment")
    assert [(r.grade, r.min_area_m2, r.radius_m) for r in parsed] == [("green", 400, 300), ("park", 10000, 500)]
    grades = rules.assign_grades([100, 400, 9999, 10000, np.nan], parsed)
    assert grades.tolist() == [-1, 0, 0, 1, -1]
    with pytest.raises(rules.RulesError, match="rule 1"):
        rules.parse_rules("big: 300")
    with pytest.raises(rules.RulesError, match="no rules"):
        rules.parse_rules("  # nothing")
    with pytest.raises(rules.RulesError, match="radius"):
        rules.parse_rules("100: 0")


def test_largest_radius_wins_with_unordered_rules():
    odd = rules.parse_rules("400: 600; 10000: 500")
    assert rules.assign_grades([20000], odd).tolist() == [0]


# --- coverage ----------------------------------------------------------------------------------


def _street_case():
    street = nw.build_network([LineString([(0, 0), (1000, 0)])])
    parks = gpd.GeoDataFrame({"park_id": [1], "name": ["Square"]}, geometry=[box(0, 10, 100, 110)], crs=3857)
    homes = gpd.GeoDataFrame(
        {"src_fid": [10, 11, 12, 13]},
        geometry=[Point(450, 5), Point(550, -5), Point(700, 5), Point(5000, 0)],
        crs=3857,
    )
    return street, parks, homes


def test_coverage_network_distances_by_hand():
    street, parks, homes = _street_case()
    result = coverage.park_coverage(
        parks,
        homes,
        rules.parse_rules("400:300:green;10000:500:park"),
        network=street,
        snap_distance=20,
        population=np.array([10, 20, 30, 40.0]),
    )
    r = result.residential
    # The park's nearest access point is its corner above x = 100: 350, 450, 600 m along the street.
    assert r["distance_m"].tolist()[:3] == pytest.approx([350, 450, 600])
    assert r["covered"].tolist() == [True, True, False, False]
    assert r["park_grade"].tolist()[:2] == ["park", "park"]
    assert r["reachable"].tolist() == [True, True, True, False]
    assert math.isnan(r["distance_m"].iloc[3])
    assert result.rate_area == pytest.approx(0.5)  # points: share of homes
    assert result.rate_population == pytest.approx(30 / 100)
    assert result.mode == "network" and (r["mode"] == "network").all()
    assert any("farther than 20 m" in m for m in map(str, result.messages))
    assert len(result.underserved) == 2


def test_coverage_polygons_share_and_euclidean_label():
    street, parks, _ = _street_case()
    blocks = gpd.GeoDataFrame(geometry=[box(400, -20, 500, 20), box(600, -20, 700, 20)], crs=3857)
    rule = rules.parse_rules("10000:500:park")
    result = coverage.park_coverage(parks, blocks, rule, network=street, snap_distance=20, offset=50)
    # Service area: the street from 0 to 600 buffered by 50 m, cut square at x = 600: the land
    # beyond belongs to the street running on, which is not reached (network.frontage).
    second = 0.0
    assert result.residential["covered_share"].tolist() == pytest.approx([1.0, second])
    assert result.rate_area == pytest.approx((1 + second) / 2)
    assert result.underserved["uncovered_m2"].sum() == pytest.approx(4000 * (1 - second))
    straight = coverage.park_coverage(parks, blocks, rule, network=None)
    assert straight.mode == "euclidean" and set(straight.service_areas["mode"]) == {"euclidean"}
    # Straight line from the park (x <= 100, y >= 10) to the first block's surface point.
    assert straight.residential["covered"].tolist() == [True, False]


def test_coverage_districts_and_unreachable_park():
    street, parks, homes = _street_case()
    far_park = gpd.GeoDataFrame(
        {"park_id": [1, 2], "name": ["Square", "Island"]},
        geometry=[box(0, 10, 100, 110), box(3000, 3000, 3200, 3200)],
        crs=3857,
    )
    districts = gpd.GeoDataFrame(
        {"name": ["West", "East"]}, geometry=[box(-100, -100, 500, 100), box(500, -100, 900, 100)], crs=3857
    )
    result = coverage.park_coverage(
        far_park, homes, rules.parse_rules("400:500"), network=street, snap_distance=20, districts=districts
    )
    table = result.summary.set_index("district")
    assert table.loc["West", "rate_area"] == 1.0 and table.loc["East", "rate_area"] == pytest.approx(0.5)
    assert table.loc[inputs.OUTSIDE, "homes"] == 1
    assert any("Island" in m for m in map(str, result.messages))
    assert result.parks["reachable"].tolist() == [True, False]


def test_historic_district_rule_serves_only_homes_inside():
    """GB/T 50563: in historic districts parks of 1000 m2 and more count with 300 m. The square
    (10,000 m2) is a 'park' everywhere; a 1,500 m2 garden counts only for the historic home."""
    street = nw.build_network([LineString([(0, 0), (2000, 0)])])
    parks = gpd.GeoDataFrame(
        {"park_id": [1, 2], "name": ["Square", "Courtyard"]},
        geometry=[box(0, 10, 100, 110), box(1000, 10, 1030, 60)],
        crs=3857,
    )  # 1,500 m2
    homes = gpd.GeoDataFrame(
        {"src_fid": [1, 2, 3]}, geometry=[Point(1200, 5), Point(1250, -5), Point(450, 5)], crs=3857
    )
    historic = [box(1100, -100, 1220, 100)]  # the first home only
    text = "2000: 300: garden; 5000: 500: park; 1000: 300: historic garden: historic"
    result = coverage.park_coverage(
        parks, homes, rules.parse_rules(text), network=street, snap_distance=20, historic=historic
    )
    r = result.residential
    # The courtyard's nearest corner is at x = 1030: 170 m and 220 m along the street.
    assert r["covered"].tolist() == [True, False, True]
    assert r["historic"].tolist() == [True, False, False]
    assert r["park_name"].iloc[0] == "Courtyard" and r["distance_m"].iloc[0] == pytest.approx(170)
    # Outside the district the courtyard does not qualify, and the square is 1,150 m away (beyond
    # the 2 x 500 m searched for the nearest qualifying park).
    assert r["park_name"].iloc[1] is None
    grades = result.service_areas.set_index("grade")
    assert grades.loc["historic garden", "geometry"].within(historic[0].buffer(1e-6))
    assert result.parks["grade"].tolist() == ["park", "historic garden"]
    # Without the districts the rule is skipped, and said so.
    without = coverage.park_coverage(parks, homes, rules.parse_rules(text), network=street, snap_distance=20)
    assert without.residential["covered"].tolist() == [False, False, True]
    assert any("historic garden" in m for m in map(str, without.messages))
    assert "historic" not in without.residential


def test_historic_rules_from_text_and_preset():
    parsed = rules.parse_rules("2000: 300: garden\n1000: 300: 历史街区绿地: 历史文化街区")
    assert [r.historic_only for r in parsed] == [True, False]
    assert rules.general_rules(parsed)[0].grade == "garden"
    with pytest.raises(rules.RulesError, match="fourth part"):
        rules.parse_rules("2000: 300: garden: somewhere")
    with pytest.raises(rules.RulesError, match="everywhere"):
        rules.parse_rules("1000: 300: old town: historic")
    garden_city = rules.rules_from_preset(standards.preset("park_service", "garden_city"))
    assert [(r.min_area_m2, r.radius_m) for r in rules.historic_rules(garden_city)] == [(1000, 300)]


def test_entrances_replace_derived_access():
    street, parks, homes = _street_case()
    result = coverage.park_coverage(
        parks, homes, rules.parse_rules("400:500"), network=street, entrances=[Point(50, 10)], snap_distance=20
    )
    assert result.residential["distance_m"].tolist()[:3] == pytest.approx([400, 500, 650])


# --- equity ------------------------------------------------------------------------------------


def test_e2sfca_three_parks_three_homes_by_hand():
    # Parks A, B, C supply 1000, 2000, 500 m2; homes 1, 2, 3 hold 100, 200, 50 people; d0 = 500 m.
    # Reach: A-1 0 m, A-2 250 m, B-2 0 m, C-3 100 m (B-3 at 600 m is beyond the radius).
    park = [0, 0, 1, 1, 2]
    home = [0, 1, 1, 2, 2]
    dist = [0, 250, 0, 600, 100]
    result = equity.e2sfca([1000, 2000, 500], [100, 200, 50], park, home, dist, 500)
    r_a = 1000 / (100 * 1 + 200 * g(250, 500))  # 4.16193
    r_b = 2000 / (200 * 1)  # 10
    r_c = 500 / (50 * g(100, 500))  # 10.52991
    assert result.ratio.tolist() == pytest.approx([r_a, r_b, r_c])
    assert r_a == pytest.approx(4.16193, rel=1e-5)
    assert result.score.tolist() == pytest.approx([r_a, g(250, 500) * r_a + r_b, g(100, 500) * r_c])
    assert result.score.tolist() == pytest.approx([4.16193, 12.91904, 10.0], rel=1e-5)
    assert result.reach.tolist() == [1, 2, 1]
    # Population-weighted scores add up to the supply of parks someone reaches.
    assert (np.array([100, 200, 50]) * result.score).sum() == pytest.approx(3500)


def test_gini_and_lorenz_by_hand():
    assert equity.gini([3, 3, 3, 3], [1, 1, 1, 1]) == pytest.approx(0)
    assert equity.gini([0, 0, 0, 1], [1, 1, 1, 1]) == pytest.approx(0.75)
    x, y = equity.lorenz([2, 1], [1, 3])
    assert x.tolist() == pytest.approx([0, 0.75, 1]) and y.tolist() == pytest.approx([0, 0.6, 1])
    assert math.isnan(equity.gini([1, 2], [0, 0]))
    assert equity.gaussian_weight([0, 500, 501], 500).tolist() == pytest.approx([1, 0, 0])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(1, 1e4), st.floats(0, 1e3)), min_size=1, max_size=8))
def test_equity_properties(homes):
    """Scores are non-negative, supply is conserved, Gini lies in [0, 1)."""
    pop = np.array([h[0] for h in homes])
    dist = np.array([h[1] for h in homes])
    result = equity.e2sfca([5000.0], pop, np.zeros(len(homes), dtype=int), np.arange(len(homes)), dist, 1000)
    assert (result.score >= 0).all()
    if (dist < 1000).any():
        assert (pop * result.score).sum() == pytest.approx(5000)
    assert 0 <= equity.gini(result.score, pop) < 1


def test_park_equity_on_network_matches_e2sfca():
    street = nw.build_network([LineString([(0, 0), (2000, 0)])])
    parks = gpd.GeoDataFrame(
        {"park_id": ["a", "b"], "name": ["A", "B"], "size_m2": [1000.0, 2000.0]},
        geometry=[Point(0, 0), Point(1000, 0)],
        crs=3857,
    )
    homes = gpd.GeoDataFrame(geometry=[Point(0, 0), Point(250, 0), Point(1000, 0)], crs=3857)
    result = park_equity.park_equity(
        parks, homes, np.array([100, 200, 50.0]), rules.parse_rules("0:500"), target_m2=8, network=street
    )
    expected = equity.e2sfca([1000, 2000], [100, 200, 50], [0, 0, 1], [0, 1, 2], [0, 250, 0], 500).score
    assert result.residential["score_m2"].tolist() == pytest.approx(expected.tolist())
    assert result.summary.iloc[-1]["population_below"] == pytest.approx(100 + 200)  # 1000/(100+140) and less
    assert result.mean == pytest.approx(3000 / 350)


def test_park_equity_target_is_strictly_more():
    """GB 55014-2021 2.1.3 says 应大于 8.0 m²/person: a home scoring exactly 8.0 is below it."""
    street = nw.build_network([LineString([(0, 0), (2000, 0)])])
    parks = gpd.GeoDataFrame({"park_id": ["a"], "name": ["A"], "size_m2": [800.0]}, geometry=[Point(0, 0)], crs=3857)
    homes = gpd.GeoDataFrame(geometry=[Point(0, 0), Point(1500, 0)], crs=3857)
    result = park_equity.park_equity(
        parks, homes, np.array([100.0, 50.0]), rules.parse_rules("0:500"), target_m2=8, network=street
    )
    assert result.residential["score_m2"].tolist() == [8.0, 0.0]  # 800 m² / 100 people, out of reach
    assert result.residential["below_target"].tolist() == [True, True]
    row = result.summary.iloc[-1]
    assert (row["population_covered"], row["population_below"]) == (0, 150)


# --- living circle -----------------------------------------------------------------------------


def test_facility_coverage_by_hand():
    preset = standards.preset("living_circle", "gb50180")
    street = nw.build_network([LineString([(0, 0), (2000, 0)])])
    values = ["Kindergarten", "school", "幼儿园", "bakery"]
    mapping = facilities.parse_pairs("school = primary_school")
    types, unmapped = facilities.map_types(values, preset["types"], mapping)
    assert types.tolist() == ["kindergarten", "primary_school", "kindergarten", None]
    assert unmapped == {"bakery": 1}
    sites = gpd.GeoDataFrame(geometry=[Point(0, 0), Point(600, 0), Point(1500, 0), Point(1900, 0)], crs=3857)
    homes = gpd.GeoDataFrame(geometry=[Point(200, 0), Point(1000, 0)], crs=3857)
    result = facilities.facility_coverage(
        sites, types, homes, preset["types"], network=street, population=np.array([10.0, 30.0])
    )
    r = result.residential
    assert result.types == ["kindergarten", "primary_school"]
    assert "middle_school" in result.missing_types
    assert r["d_kindergarten"].tolist() == pytest.approx([200, 500])
    assert r["c_kindergarten"].tolist() == [True, False]
    assert r["d_primary_school"].tolist() == pytest.approx([400, 400])
    assert r["completeness"].tolist() == pytest.approx([1.0, 0.5])
    assert result.underserved[["type"]].values.ravel().tolist() == ["kindergarten"]
    all_rows = result.summary[result.summary["district"] == inputs.ALL].set_index("type")
    assert all_rows.loc["kindergarten", "share_population"] == pytest.approx(0.25)
    with pytest.raises(facilities.TypeMappingError):
        facilities.parse_pairs("no equals sign")


# --- inputs ------------------------------------------------------------------------------------


def test_duplicates_population_and_districts():
    dup = inputs.duplicate_mask([box(0, 0, 1, 1), box(0, 0, 1, 1), box(1, 1, 2, 2)])
    assert dup.tolist() == [False, True, False]
    pop, nulls, negative = walking.clean_population([5, None, "x", -3, 0])
    assert pop.tolist() == [5, 0, 0, 0, 0] and nulls == 2 and negative == 1
    names = inputs.district_of([Point(0.5, 0.5), Point(9, 9)], [box(0, 0, 1, 1)], ["A"])
    assert names.tolist() == ["A", inputs.OUTSIDE]


def test_duplicates_need_the_same_shape_not_just_the_same_bounds():
    ring = [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    rotated = [(2, 0), (2, 2), (0, 2), (0, 0), (2, 0)]  # the same square from another start vertex
    from shapely.geometry import Polygon

    notch = Polygon([(0, 0), (2, 0), (2, 2), (1, 1), (0, 2), (0, 0)])  # same bounds, other shape
    dup = inputs.duplicate_mask([Polygon(ring), notch, Polygon(rotated), Point(1, 1), Point(1, 1)])
    assert dup.tolist() == [False, False, True, False, True]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 400))
def test_local_intersection_equals_shapely_intersection(seed, n):
    """The tiled intersection gives exactly shapely.intersection, for pieces inside one tile and
    pieces spanning tiles alike."""
    import shapely

    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 1000, (40, 2))
    covered = shapely.union_all(shapely.buffer(shapely.points(centres), rng.uniform(20, 120, 40)))
    x, y = rng.uniform(-50, 1050, (2, n))
    size = rng.uniform(1, 150, (2, n))
    pieces = shapely.box(x, y, x + size[0], y + size[1])
    expected = shapely.area(shapely.intersection(pieces, covered))
    assert shapely.area(inputs.local_intersection(pieces, covered)) == pytest.approx(expected, abs=1e-6)


def test_boundary_access_points():
    from urbanization_planning.algorithms.greenspace.access import boundary_points

    points, owner = boundary_points([box(0, 0, 100, 100), Point(5, 5), LineString([(0, 0), (30, 0)])], spacing=25)
    assert owner.tolist() == [0] * 16 + [1] + [2] * 2
    square = np.array([[p.x, p.y] for p in points[:16]])
    assert np.allclose(np.minimum.reduce([square[:, 0], 100 - square[:, 0], square[:, 1], 100 - square[:, 1]]), 0)
    assert points[16].equals(Point(5, 5))
    assert [p.x for p in points[17:]] == pytest.approx([0, 15])


def test_duplicate_homes_keep_their_residents():
    """Two copies of a block (one drawn from another start vertex) keep 10 + 5 residents on the
    first copy; the unique block keeps its own."""
    from shapely.geometry import Polygon

    a = box(0, 0, 10, 10)
    a_again = Polygon([(10, 10), (0, 10), (0, 0), (10, 0)])
    keep, population = inputs.merge_duplicates([a, box(20, 0, 30, 10), a_again], [10.0, 7.0, 5.0])
    assert keep.tolist() == [0, 1]
    assert population.tolist() == [15.0, 7.0]
    assert inputs.first_copy([a, box(20, 0, 30, 10), a_again]).tolist() == [0, 1, 0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1e6), st.floats(-0.5, 1.5), st.booleans()), min_size=1, max_size=30))
def test_population_split_adds_up(rows):
    """population = covered + not covered + unreachable for every home, every part >= 0."""
    population, share, reachable = (np.array(column) for column in zip(*rows))
    split = walking.split_population(population, share, reachable)
    total = split["population_covered"] + split["population_not_covered"] + split["population_unreachable"]
    assert np.allclose(total, population)
    assert (split["population_not_covered"] >= -1e-6 * np.maximum(population, 1)).all()
    assert (split["population_unreachable"][reachable] == 0).all()
    assert (split["population_covered"][~reachable] == 0).all()


def test_walking_defaults_match_the_network_engine():
    assert walking.EXCLUDED_CLASSES == nw.DEFAULT_EXCLUDED_HIGHWAYS
