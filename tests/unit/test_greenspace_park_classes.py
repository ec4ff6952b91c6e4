"""Per-capita comprehensive and community park area (GB 55014-2021 2.1.4) in the park equity engine:
park classes from a class field (CJJ/T 85 codes and names) or from size, per-capita areas per
district and city-wide against 3.0 m²/person (strictly greater passes), class E2SFCA scores and the
population identity. Expected values worked out by hand in the comments."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from urbanization_planning.algorithms import standards
from urbanization_planning.algorithms.greenspace import park_equity, park_equity_classes, rules
from urbanization_planning.algorithms.greenspace.inputs import ALL, OUTSIDE

EDGE = math.exp(-0.5)
TARGETS = {"comprehensive": 3.0, "community": 3.0}


def g(d, d0):
    """The Gaussian weight written out by hand."""
    return (math.exp(-0.5 * (d / d0) ** 2) - EDGE) / (1 - EDGE)


# --- classes from a field ------------------------------------------------------------------------


def test_declared_classes_read_codes_and_names_and_list_the_unknown():
    values = [
        "G11",
        "g112",
        " 综合公园 ",
        "G12",
        "G121",
        "G122",
        "社区公园",
        "G131",
        "植物园",
        "G14",
        "游园",
        "0810",
        "公园绿地",
        None,
        "",
        "Community Park",
        "G2",
        "广场",
    ]
    classes, unknown = rules.declared_classes(values)
    assert classes.tolist() == [
        "comprehensive",
        "comprehensive",
        "comprehensive",
        "community",
        "community",
        "garden",
        "community",
        "specialized",
        "specialized",
        "garden",
        "garden",
        "",
        "",
        "",
        "",
        "community",
        "",
        "",
    ]  # 三调 0810 and 2023 1401 say "park", not which class
    assert unknown == {"G2": 1, "广场": 1}


def test_field_class_wins_over_size_and_size_fills_the_rest():
    graded = rules.rules_from_preset(standards.preset("park_service", "gbt51346"))
    declared, _ = rules.declared_classes(["专类公园", "", "G11", "0810"])
    # 150000 m2 would be comprehensive by size but the field says specialized (a zoo counts for neither);
    # 20000 m2 without a value: community by size; 5000 m2 declared G11: comprehensive whatever its size.
    classes = rules.park_classes([150000, 20000, 5000, 120000], graded, declared)
    assert classes.tolist() == ["specialized", "community", "comprehensive", "comprehensive"]
    assert rules.has_classes(graded)
    assert not rules.has_classes(rules.rules_from_preset(standards.preset("park_service", "green300_park500")))


# --- per-capita areas and class scores by hand --------------------------------------------------


def _case():
    """Parks: P0 community 6000 m2 in A (radius 500), P1 comprehensive 12000 m2 in B (1200 m),
    P2 garden in A, P3 community 3000 m2 in B not counted (no radius, no pairs).
    Homes: H0 1000 people in A, H1 1000 in A, H2 2000 in B, H3 500 in B off the network."""
    park_class = ["community", "comprehensive", "garden", "community"]
    sizes = [6000.0, 12000.0, 5000.0, 3000.0]
    park_district = ["A", "B", "A", "B"]
    radius = [500.0, 1200.0, 300.0, 0.0]
    pairs = (np.array([0, 0, 1, 1, 2]), np.array([0, 1, 0, 2, 1]), np.array([0.0, 250.0, 600.0, 0.0, 0.0]))
    population = [1000.0, 1000.0, 2000.0, 500.0]
    reachable = [True, True, True, False]
    home_district = ["A", "A", "B", "B"]
    return park_equity_classes.class_access(
        park_class, sizes, park_district, pairs, radius, population, reachable, home_district, TARGETS
    )


def test_class_scores_by_hand():
    result = _case()
    w = g(250, 500)  # = g(600, 1200) = 0.70137
    assert w == pytest.approx(0.70137, abs=1e-5)
    community_ratio = 6000 / (1000 + 1000 * w)  # 3.52657 m2 per weighted person
    comprehensive_ratio = 12000 / (1000 * w + 2000)  # 4.44219
    assert result.scores["community"] == pytest.approx([community_ratio, w * community_ratio, 0, 0])
    assert result.scores["comprehensive"] == pytest.approx([w * comprehensive_ratio, 0, comprehensive_ratio, 0])
    # H0: 3.527 > 3 and 3.116 > 3; H1: 2.473, 0; H2: 0, 4.442; H3 off the network.
    assert result.status.tolist() == ["both_met", "neither_met", "comprehensive_only", "unreachable"]


def test_per_capita_areas_by_district_and_city_wide():
    summary = _case().summary.set_index(["district", "park_class"])
    community_a = summary.loc[("A", "community")]
    assert community_a["park_area_m2"] == 6000 and community_a["population"] == 2000
    assert community_a["per_capita_m2"] == pytest.approx(3.0)
    assert not community_a["meets"]  # 3.0 is not "大于 3.0": the clause is strict
    assert community_a["basis"] == "screening"
    assert summary.loc[("B", "community"), "per_capita_m2"] == pytest.approx(3000 / 2500)  # P3 counts in the area
    assert summary.loc[("B", "comprehensive"), "per_capita_m2"] == pytest.approx(4.8)
    assert summary.loc[("B", "comprehensive"), "meets"]
    assert summary.loc[("A", "comprehensive"), "per_capita_m2"] == 0
    city = summary.loc[(ALL, "comprehensive")]
    assert city["per_capita_m2"] == pytest.approx(12000 / 4500) and not city["meets"] and city["basis"] == "standard"
    assert summary.loc[(ALL, "community"), "per_capita_m2"] == pytest.approx(9000 / 4500)
    assert summary.loc[(ALL, "community"), "parks"] == 2
    # Population: community met at H0 only; comprehensive at H0 and H2; H3 unreachable.
    assert summary.loc[
        ("A", "community"), ["population_covered", "population_not_covered", "population_unreachable"]
    ].tolist() == [1000, 1000, 0]
    assert summary.loc[
        ("B", "comprehensive"), ["population_covered", "population_not_covered", "population_unreachable"]
    ].tolist() == [2000, 0, 500]
    # Every counted park's area reaches someone: the mean score is the counted area over everyone.
    assert summary.loc[(ALL, "comprehensive"), "mean_m2"] == pytest.approx(12000 / 4500)
    assert summary.loc[(ALL, "community"), "mean_m2"] == pytest.approx(6000 / 4500)


@settings(max_examples=60, deadline=None)
# populations are head counts: none, or at least a thousandth of a person (a denormal one would
# turn the supply-to-demand ratio into inf, which no census gives)
@given(
    st.lists(
        st.tuples(st.one_of(st.just(0.0), st.floats(1e-3, 5000)), st.booleans(), st.sampled_from("AB")),
        min_size=1,
        max_size=8,
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["comprehensive", "community", "garden", ""]), st.floats(0, 1e5), st.sampled_from("AB")
        ),
        min_size=1,
        max_size=5,
    ),
    st.data(),
)
def test_population_identity_and_supply_conservation(homes, parks, data):
    population = np.array([h[0] for h in homes])
    reachable = np.array([h[1] for h in homes])
    radius = np.full(len(parks), 500.0)
    pairs = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(parks) - 1), st.integers(0, len(homes) - 1), st.floats(0, 499)),
            unique_by=lambda p: (p[0], p[1]),
            max_size=12,
        )
    )
    pairs = [p for p in pairs if reachable[p[1]]]  # only reachable homes have distances
    park, home, distance = (np.array([p[i] for p in pairs], dtype=float if i == 2 else np.int64) for i in range(3))
    result = park_equity_classes.class_access(
        [p[0] for p in parks],
        [p[1] for p in parks],
        [p[2] for p in parks],
        (park, home, distance),
        radius,
        population,
        reachable,
        [h[2] for h in homes],
        TARGETS,
    )
    summary = result.summary
    parts = summary["population_covered"] + summary["population_not_covered"] + summary["population_unreachable"]
    assert parts.to_numpy() == pytest.approx(summary["population"].to_numpy(), abs=1e-6)
    assert (summary["population_covered"] >= -1e-9).all() and (summary["population_not_covered"] >= -1e-6).all()
    for name in park_equity_classes.TARGET_CLASSES:
        score = result.scores[name]
        assert (score >= 0).all() and (score[~reachable] == 0).all()
        city = summary[(summary["district"] == ALL) & (summary["park_class"] == name)].iloc[0]
        assert city["park_area_m2"] == pytest.approx(sum(p[1] for p in parks if p[0] == name))
        # Population-weighted, the scores never hand out more park than the class has.
        assert (score * population).sum() <= city["park_area_m2"] + 1e-6


# --- through park_equity -------------------------------------------------------------------------


def test_park_equity_adds_the_class_outputs():
    """Straight-line: homes at x = 0, 400, 2000 on y = 0 (100, 100, 1000 people). Parks (boxes): a 20000 m2
    community park by size at the first home, a 40000 m2 park declared G11 at x = 2000, a 150000 m2
    park declared 植物园 (specialized: counts for neither) and one with the unknown value 'G9'."""
    graded = rules.rules_from_preset(standards.preset("park_service", "gbt51346"))
    parks = gpd.GeoDataFrame(
        {"park_id": [1, 2, 3, 4], "name": ["a", "b", "c", "d"]},
        geometry=[box(-50, -200, 50, 0), box(1900, -400, 2000, 0), box(5000, 0, 5500, 300), box(9000, 0, 9010, 10)],
        crs=3857,
    )
    homes = gpd.GeoDataFrame(geometry=[Point(0, 0), Point(400, 0), Point(2000, 0)], crs=3857)
    result = park_equity.park_equity(
        parks,
        homes,
        np.array([100.0, 100.0, 1000.0]),
        graded,
        class_targets=TARGETS,
        class_values=["", "G11", "植物园", "G9"],
    )
    assert result.parks["park_class"].tolist() == ["community", "comprehensive", "specialized", ""]
    assert result.parks["class_source"].tolist() == ["size", "field", "field", ""]
    summary = result.classes.summary.set_index(["district", "park_class"])
    assert summary.loc[(ALL, "comprehensive"), "per_capita_m2"] == pytest.approx(40000 / 1200)
    assert summary.loc[(ALL, "community"), "per_capita_m2"] == pytest.approx(20000 / 1200)
    assert set(summary.index.get_level_values(0)) == {OUTSIDE, ALL}  # no districts given
    # The community park (20000 m2: grade community, 500 m) is 0 m from the first home and 350 m from
    # the second (its corner at x = 50).
    w = g(350, 500)
    ratio = 20000 / (100 + 100 * w)
    assert result.class_homes["community_m2"].tolist() == pytest.approx([ratio, w * ratio, 0])
    # The G11 park (40000 m2: grade community, 500 m) reaches only the home at x = 2000 (distance 0).
    assert result.class_homes["comprehensive_m2"].tolist() == pytest.approx([0, 0, 40])
    assert result.class_homes["class_status"].tolist() == ["community_only", "community_only", "comprehensive_only"]
    keys = [m.key for m in result.messages]
    assert "class_values_unknown" in keys and "classes_by_size" in keys
    assert "score_m2" not in result.class_homes and "population" in result.class_homes


def test_park_equity_without_targets_keeps_its_outputs():
    parks = gpd.GeoDataFrame({"park_id": [1], "name": ["a"]}, geometry=[box(0, 0, 100, 100)], crs=3857)
    homes = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs=3857)
    result = park_equity.park_equity(parks, homes, np.array([10.0]), rules.parse_rules("0:500"))
    assert result.classes is None and result.class_homes is None and "park_class" not in result.parks


def test_class_scores_walk_from_the_class_parks_own_entrances():
    """A 1 hm2 community park (GB/T 51346 grade: 500 m) beside a street y = 0, a home of 100 people at
    x = 600. Without entrances the park is entered along its boundary, 10 m off the street at x = 1000:
    about 410 m away, in reach, so the home's community score is the whole park, 10000 / 100 = 100.
    With its only entrance at x = 1100 the walk is 500 m, the edge of the radius (weight 0)."""
    from shapely.geometry import LineString

    from urbanization_planning.algorithms import network as nw

    graded = rules.rules_from_preset(standards.preset("park_service", "gbt51346"))
    street = nw.build_network([LineString([(0, 0), (2000, 0)])])
    parks = gpd.GeoDataFrame({"park_id": [1], "name": ["p"]}, geometry=[box(1000, 10, 1100, 110)], crs=3857)
    homes = gpd.GeoDataFrame(geometry=[Point(600, 0)], crs=3857)

    def community(entrances):
        result = park_equity.park_equity(
            parks, homes, np.array([100.0]), graded, network=street, entrances=entrances, class_targets=TARGETS
        )
        assert result.parks["park_class"].tolist() == ["community"]
        return result.class_homes["community_m2"].iloc[0]

    assert community(None) == pytest.approx(100.0)
    assert community(np.array([Point(1100, 0)], dtype=object)) == pytest.approx(0.0)
