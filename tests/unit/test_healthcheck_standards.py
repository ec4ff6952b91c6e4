"""Issue 28 (standards fidelity, round 2): the 城市体检 definitions the national list uses, each on a
hand case whose values are worked out in the docstring."""

from dataclasses import replace

import numpy as np
import pytest
from shapely.geometry import box

from urbanization_planning.algorithms.healthcheck import definitions
from urbanization_planning.algorithms.healthcheck.indicators import CityLayers, cluster_size_indicator


def _indicator(key: str, edition: str = "mohurd_2021"):
    return next(i for i in definitions.edition(edition).indicators if i.key == key)


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_every_cluster_is_listed_against_50_km2(edition):
    """Two clusters of 30 and 60 km² (item 3). Built-up land: A = 0..5 km x 0..6 km (30 km²), a
    strip A' = 5.05..5.15 km x 0..1 km (0.1 km²) 50 m from A, and B = 6..16 km x 0..6 km (60 km²),
    850 m from A'. With the default gap tolerance of 100 m, A' joins A: clusters 60 km² (B, above
    50: 未达标) and 30.1 km² (A + A', 达标); the value is the largest, 60 km², 未达标. With a gap of
    0 m A' is a cluster of its own: 60, 30 and 0.1 km²."""
    built = np.array([box(0, 0, 5000, 6000), box(5050, 0, 5150, 1000), box(6000, 0, 16000, 6000)], dtype=object)
    indicator = _indicator("cluster_size", edition)
    assert indicator.params["gap_m"] == 100
    result = cluster_size_indicator(indicator, CityLayers(built_up=built))
    assert result.value == pytest.approx(60.0) and result.passed is False
    assert result.items["value"].tolist() == pytest.approx([60.0, 30.1])
    assert result.items["passed"].tolist() == [False, True]
    assert result.map["passed"].tolist() == [False, True]
    joined_none = replace(indicator, params={"gap_m": 0})
    apart = cluster_size_indicator(joined_none, CityLayers(built_up=built))
    assert apart.items["value"].tolist() == pytest.approx([60.0, 30.0, 0.1])
    assert apart.items["passed"].tolist() == [False, True, True]


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_road_density_counts_the_gb51328_classes_not_ramps_or_estate_streets(edition):
    """A network with ramps and estate roads (item 4), in a built-up square of 1 km² (0..1000 m):
    a motorway main carriageway along y = 100 (1 000 m, 快速路), its ramp (motorway_link, 300 m), a
    primary road along x = 500 (1 000 m, 主干路), a road coded 支路 (400 m), estate streets tagged
    residential (400 m) and service (200 m). Counted: 1 000 + 1 000 + 400 = 2 400 m, so 2.4 km/km²
    (below 8: 未达标). Without classes every line counts: 3 300 m, 3.3 km/km², and it is screening."""
    from shapely.geometry import LineString

    from urbanization_planning.algorithms.healthcheck.indicators import road_density_indicator

    roads = np.array(
        [
            LineString([(0, 100), (1000, 100)]),
            LineString([(200, 120), (500, 120)]),
            LineString([(500, 0), (500, 1000)]),
            LineString([(100, 600), (500, 600)]),
            LineString([(600, 700), (1000, 700)]),
            LineString([(600, 800), (700, 800), (700, 900)]),
        ],
        dtype=object,
    )
    classes = np.array(["motorway", "motorway_link", "primary", "支路", "residential", "service"], dtype=object)
    built = np.array([box(0, 0, 1000, 1000)], dtype=object)
    indicator = _indicator("road_density", edition)
    result = road_density_indicator(indicator, CityLayers(built_up=built, roads=roads, road_classes=classes))
    assert result.value == pytest.approx(2.4) and result.passed is False
    assert result.basis == "official"
    assert sorted(result.map["grade"]) == ["主干路", "快速路", "支路"]
    unclassed = road_density_indicator(indicator, CityLayers(built_up=built, roads=roads))
    assert unclassed.value == pytest.approx(3.3) and unclassed.basis == "screening"


def _squares(*boxes):
    return np.array([box(*b) for b in boxes], dtype=object)


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_dense_land_over_gross_block_area(edition):
    """A block layer with a known gross density (item 2). Block 1: 0..200 x 0..200 m (0.04 km²)
    holding a residential parcel 50..150 x 50..150 (0.01 km²) of 500 people: gross 500 / 0.04 =
    12 500 /km², below 15 000 (net 50 000 /km² would count it). Block 2: 300..400 x 0..100
    (0.01 km²) holding a parcel 320..380 x 20..80 (0.0036 km²) of 200 people: gross 20 000 /km²,
    above. Official (blocks): 0.01 km². Without blocks the screening net-parcel figure counts both
    parcels: 0.01 + 0.0036 = 0.0136 km²."""
    import geopandas as gpd

    from urbanization_planning.algorithms.healthcheck.indicators import dense_land_indicator

    residential = gpd.GeoDataFrame(geometry=list(_squares((50, 50, 150, 150), (320, 20, 380, 80))))
    layers = CityLayers(residential=residential, population=np.array([500.0, 200.0]))
    indicator = _indicator("dense_land", edition)
    screening = dense_land_indicator(indicator, layers)
    assert screening.value == pytest.approx(0.0136) and screening.basis == "screening"
    layers.blocks = _squares((0, 0, 200, 200), (300, 0, 400, 100))
    official = dense_land_indicator(indicator, layers)
    assert official.value == pytest.approx(0.01) and official.basis == "official"


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_station_commute_share_from_home_work_pairs(edition):
    """An OD table (item 6): one station at (0, 0), radius 800 m (straight line). Pairs, home ->
    work (weight): (100, 0) -> (500, 0) both within (1); (100, 0) -> (2000, 0) work outside (1);
    (1000, 0) -> (0, 300) home outside (1); (0, 700) -> (700, 0) both within (2). Share: (1 + 2) /
    (1 + 1 + 1 + 2) = 60 %; unweighted 2 of 4 = 50 %. No walking network or residential layer is
    needed for the official form, and it is computed through city_health_check."""
    from shapely.geometry import Point

    from urbanization_planning.algorithms.healthcheck.indicators import city_health_check

    layers = CityLayers(
        stations=np.array([Point(0, 0)], dtype=object),
        commute_homes=np.array([Point(100, 0), Point(100, 0), Point(1000, 0), Point(0, 700)], dtype=object),
        commute_works=np.array([Point(500, 0), Point(2000, 0), Point(0, 300), Point(700, 0)], dtype=object),
        commute_weights=np.array([1.0, 1.0, 1.0, 2.0]),
    )
    result = {r.indicator.key: r for r in city_health_check(definitions.edition(edition), layers).results}
    station = result["station_commute"]
    assert station.computed and station.value == pytest.approx(60.0) and station.basis == "official"
    layers.commute_weights = None
    result = {r.indicator.key: r for r in city_health_check(definitions.edition(edition), layers).results}
    assert result["station_commute"].value == pytest.approx(50.0)


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_facility_indicators_as_shares_of_communities(edition):
    """A community layer (item 7): three communities 0..100, 100..200, 200..300 x 0..100 m; markets
    at (50, 50) and (150, 50), an elderly day-care centre at (250, 50). 社区便民商业服务设施覆盖率:
    2 of 3 communities have a market, 66.7 %; the elderly indicator: 1 of 3, 33.3 %. Both official."""
    import geopandas as gpd
    from shapely.geometry import Point

    from urbanization_planning.algorithms import standards
    from urbanization_planning.algorithms.healthcheck.indicators import facility_indicator

    layers = CityLayers(
        facilities=gpd.GeoDataFrame(geometry=[Point(50, 50), Point(150, 50), Point(250, 50)]),
        facility_types=np.array(["market", "market", "elderly_day_care"], dtype=object),
        facility_types_spec=standards.preset("living_circle", "gb50180")["types"],
        communities=_squares((0, 0, 100, 100), (100, 0, 200, 100), (200, 0, 300, 100)),
    )
    commerce = facility_indicator(_indicator("community_commerce", edition), layers)
    assert commerce.value == pytest.approx(200 / 3) and commerce.basis == "official"
    elderly = facility_indicator(_indicator("elderly_care_coverage", edition), layers)
    assert elderly.value == pytest.approx(100 / 3) and elderly.basis == "official"


def test_the_2023_park_indicator_uses_the_gb51346_grades():
    """A park at 0.3 hm² (item 5). Homes 100 x 100 m at 0..100 x 0..100; a park of 0.3 hm²
    (60 x 50 m) 100 m east of them, at 200..260 x 0..50: below 游园's 0.4 hm² in GB/T 51346-2019
    table 4.4.7, so it serves no one: 0 % (the old 400 m² / 300 m rule counted it: 100 %). Grown to
    0.4 hm² (80 x 50 m, 200..280 x 0..50) it is a 游园 with 300 m: the homes' farthest corner
    (0, 100) is sqrt(200² + 50²) = 206 m from it, so 100 %. The indicator is at 街区 level."""
    import geopandas as gpd

    from urbanization_planning.algorithms.healthcheck.indicators import park_coverage_indicator

    indicator = _indicator("park_activity_coverage", "mohurd_2023")
    assert indicator.group_zh == "街区" and indicator.basis == "screening"
    assert [(r["min_area_m2"], r["radius_m"]) for r in indicator.params["rules"]][:2] == [(4000, 300), (10000, 500)]
    homes = gpd.GeoDataFrame(geometry=[box(0, 0, 100, 100)], crs="EPSG:4547")

    def coverage(park):
        parks = gpd.GeoDataFrame({"park_id": [1], "name": ["P"]}, geometry=[park], crs="EPSG:4547")
        return park_coverage_indicator(indicator, CityLayers(residential=homes, parks=parks)).value

    assert coverage(box(200, 0, 260, 50)) == pytest.approx(0.0)
    assert coverage(box(200, 0, 280, 50)) == pytest.approx(100.0)


#: Official indicators that still measure a proxy when a layer is lacking (DEM spots, unclassed roads).
RUNTIME_SCREENING = {"waterlogging_density", "road_density"}


def test_readme_lists_official_and_screening_as_the_definitions_say():
    """The README's table (official definition when / screening otherwise) agrees with each
    indicator's basis and needs_official in city_health_check.json, for both editions."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = text.split("### City health check: official definition or screening", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and not set(cells[0]) <= set("-"):
            for name in re.sub(r"\([^)]*\)", "", cells[0]).split(","):
                rows[name.strip()] = (cells[1] != "—", cells[2] != "—")
    for edition in definitions.EDITIONS:
        for indicator in definitions.edition(edition).indicators:
            official = indicator.basis == "official" or bool(indicator.needs_official)
            screening = indicator.basis == "screening" or bool(indicator.needs_official)
            screening |= indicator.key in RUNTIME_SCREENING
            assert rows[indicator.name_zh] == (official, screening), (edition, indicator.key)


def test_dense_land_over_blocks_the_city_roads_enclose():
    """No block layer, blocks derived from the street network (item 2). City roads (secondary)
    x = 0, 200, 400 (y 0..200) and y = 0, 200 (x 0..400) enclose two blocks of 200 x 200 m
    (0.04 km² each); an estate street (residential) y = 30, x 0..200, stays inside block 1. Block 1
    holds a parcel 50..150 x 50..150 of 700 people: 700 / 0.04 = 17 500 /km², above 15 000; block 2
    a parcel 250..350 x 50..150 of 500: 12 500, below. Official value 0.04 km². Had the estate
    street cut block 1, its part 0..200 x 30..200 (0.034 km²) would count instead."""
    import geopandas as gpd
    from shapely.geometry import LineString

    from urbanization_planning.algorithms.healthcheck.indicators import dense_land_indicator

    streets = [LineString([(x, 0), (x, 200)]) for x in (0, 200, 400)]
    streets += [LineString([(0, y), (400, y)]) for y in (0, 200)]
    streets += [LineString([(0, 30), (200, 30)])]
    layers = CityLayers(
        residential=gpd.GeoDataFrame(geometry=list(_squares((50, 50, 150, 150), (250, 50, 350, 150)))),
        population=np.array([700.0, 500.0]),
        roads=np.array(streets, dtype=object),
        road_classes=np.array(["secondary"] * 5 + ["residential"], dtype=object),
    )
    result = dense_land_indicator(_indicator("dense_land"), layers)
    assert result.value == pytest.approx(0.04) and result.basis == "official" and result.mode == "streets"
    layers.road_classes = None  # without classes every line bounds a block: the estate street cuts block 1
    assert dense_land_indicator(_indicator("dense_land"), layers).value == pytest.approx(0.034)
