"""City health check engine on a hand-made city whose every indicator is computed by hand below,
and against the standalone engines it reuses on the same data."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, box

from urbanization_planning.algorithms import network as nw
from urbanization_planning.algorithms import standards
from urbanization_planning.algorithms.greenspace.coverage import park_coverage
from urbanization_planning.algorithms.greenspace.facilities import facility_coverage
from urbanization_planning.algorithms.healthcheck import definitions
from urbanization_planning.algorithms.healthcheck.indicators import (
    CITY,
    WIDTH_TOLERANCE_M,
    CityLayers,
    city_health_check,
    wide_enough,
)
from urbanization_planning.algorithms.transit.catchments import station_catchments

CRS = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 102E (metres)
X0, Y0 = 500000.0, 2770000.0


def at(geometry):
    """The hand-made geometry moved to the city's origin."""
    return shapely.affinity.translate(geometry, X0, Y0)


def hand_city(**overrides) -> CityLayers:
    """A 4 x 4 km city: built-up cluster A (2 x 2 km) and B (1 x 1 km), districts West/East, four
    residential blocks of 100 x 100 m in the built-up area and one outside it."""
    residential = gpd.GeoDataFrame(
        {"src_fid": [1, 2, 3, 4, 5]},
        geometry=[
            at(g)
            for g in (
                box(100, 100, 200, 200),  # R1: 200 people, 20,000 /km2
                box(1000, 1000, 1100, 1100),  # R2: 100 people
                box(1800, 1800, 1900, 1900),  # R3: 160 people, 16,000 /km2
                box(3500, 500, 3600, 600),  # R4: 50 people (cluster B)
                box(2500, 2500, 2600, 2600),  # R5: outside the built-up area, never counted
            )
        ],
        crs=CRS,
    )
    facilities = gpd.GeoDataFrame(geometry=[at(Point(150, 150)), at(Point(1050, 1300))], crs=CRS)
    preset = standards.preset("living_circle", "gb50180")
    layers = CityLayers(
        built_up=np.array([at(box(0, 0, 2000, 2000)), at(box(3000, 0, 4000, 1000))], dtype=object),
        admin_area=np.array([at(box(0, 0, 4000, 4000))], dtype=object),
        districts=gpd.GeoDataFrame(
            {"name": ["West", "East"]}, geometry=[at(box(0, 0, 2000, 4000)), at(box(2000, 0, 4000, 4000))], crs=CRS
        ),
        residential=residential,
        population=np.array([200.0, 100.0, 160.0, 50.0, 1000.0]),
        parks=gpd.GeoDataFrame(
            {"park_id": [1, 2, 3], "name": ["P1", "P2", "P3"]},
            geometry=[
                at(box(150, 300, 250, 360)),  # 6000 m2: 500 m
                at(box(1650, 1650, 1700, 1700)),  # 2500 m2: 300 m
                at(box(3500, 700, 3521, 721)),  # 441 m2: counted by the old 2023 rule (>= 400 m2), not by GB/T 51346
            ],
            crs=CRS,
        ),
        greenways=np.array([at(LineString([(1000, 0), (1000, 600)]))], dtype=object),
        facilities=facilities,
        facility_types=np.array(["kindergarten", "market"], dtype=object),
        facility_types_spec=preset["types"],
        roads=np.array(
            [at(LineString([(0, 900), (4000, 900)])), at(LineString([(1000, 0), (1000, 4000)]))], dtype=object
        ),
        waterlogging_points=np.array(
            [at(Point(500, 500)), at(Point(1500, 500)), at(Point(3500, 900)), at(Point(2500, 3000))], dtype=object
        ),
        corridors=np.array([at(box(2000, 0, 2150, 2000)), at(box(2000, 2000, 2060, 4000))], dtype=object),
        required_corridors=np.array(
            [at(LineString([(2075, 0), (2075, 2000)])), at(LineString([(2030, 2000), (2030, 4000)]))], dtype=object
        ),
    )
    for name, value in overrides.items():
        setattr(layers, name, value)
    return layers


def by_key(result):
    return {r.indicator.key: r for r in result.results}


@pytest.fixture(scope="module")
def city_2021():
    return by_key(city_health_check(definitions.edition("mohurd_2021"), hand_city()))


@pytest.fixture(scope="module")
def city_2023():
    return by_key(city_health_check(definitions.edition("mohurd_2023"), hand_city()))


def test_areas_and_lengths_by_hand(city_2021):
    r = city_2021
    # built-up 4 + 1 = 5 km2 of 16 km2; West holds A (4 of 8 km2), East B (1 of 8 km2)
    assert r["development_intensity"].value == pytest.approx(100 * 5 / 16)
    assert r["development_intensity"].districts == pytest.approx({"West": 50.0, "East": 12.5})
    # the largest cluster is A, 4 km2, within the 50 km2 guide value
    assert r["cluster_size"].value == pytest.approx(4.0)
    assert r["cluster_size"].passed is True
    # R1 (20,000 /km2) and R3 (16,000 /km2) exceed 15,000 /km2: 2 x 0.01 km2; R5 is outside the built-up area
    assert r["dense_land"].value == pytest.approx(0.02)
    assert r["dense_land"].districts == pytest.approx({"West": 0.02, "East": 0.0})
    # 3 of the 4 waterlogging points lie in the 5 km2 built-up area; West 2 / 4 km2, East 1 / 1 km2
    assert r["waterlogging_density"].value == pytest.approx(3 / 5)
    assert r["waterlogging_density"].mode == "recorded"
    assert r["waterlogging_density"].districts == pytest.approx({"West": 0.5, "East": 1.0})
    # roads in the built-up area: 2 km + 1 km along y = 900, 2 km along x = 1000: 5 km / 5 km2, below 8
    assert r["road_density"].value == pytest.approx(1.0)
    assert r["road_density"].passed is False
    assert r["road_density"].districts == pytest.approx({"West": 1.0, "East": 1.0})
    # corridor 1 is 150 m wide (its 2 km line passes), corridor 2 only 60 m: 2 of 4 km
    assert r["eco_corridor"].value == pytest.approx(50.0)
    assert r["eco_corridor"].districts == pytest.approx({"East": 50.0})


def test_park_greenway_and_facility_coverage_by_hand(city_2021, city_2023):
    # 2021 rules: P1 (6000 m2, 500 m) covers R1, P2 (2500 m2, 300 m) covers R3; P3 (441 m2) is too small
    park = city_2021["park_coverage"]
    assert park.value == pytest.approx(50.0)
    assert park.districts == pytest.approx({"West": 100 * 2 / 3, "East": 0.0})
    assert park.passed is False and park.mode == "euclidean"
    # 2023 rules (issue 28: GB/T 51346-2019 table 4.4.7 grades; the 400 m2 / 300 m rule had no source):
    # P1 (6000 m2 >= 0.4 hm2: 游园, 300 m) covers R1 (its far corner 206 m away); P2 (2500 m2) and
    # P3 (441 m2) are below 0.4 hm2: 1 of 4 equal blocks, none in the East (75 % and 100 % before)
    assert city_2023["park_activity_coverage"].value == pytest.approx(25.0)
    assert city_2023["park_activity_coverage"].districts["East"] == pytest.approx(0.0)
    # the greenway (x = 1000, y 0-600) is within 1 km of R1 (900 m) and R2 (510 m), not R3 or R4
    assert city_2021["greenway_coverage"].value == pytest.approx(50.0)
    # kindergarten in R1 (300 m): 200 of 510 people; market 250 m from R2 (500 m): 100 of 510
    assert city_2023["kindergarten_coverage"].value == pytest.approx(100 * 200 / 510)
    assert city_2023["kindergarten_coverage"].districts == pytest.approx({"West": 100 * 200 / 460, "East": 0.0})
    assert city_2023["community_commerce"].value == pytest.approx(100 * 100 / 510)


def test_missing_layers_are_listed_not_skipped(city_2021, city_2023):
    # no stations, no network, no elderly care, no schools in the hand-made city
    assert city_2021["station_commute"].computed is False
    assert set(city_2021["station_commute"].missing) == {"stations", "network"}
    assert city_2021["elderly_care_coverage"].missing == ("facilities:elderly_day_care",)
    assert city_2023["primary_school_coverage"].computed is False
    result = city_health_check(definitions.edition("mohurd_2021"), hand_city(built_up=None))
    missing = {r.indicator.key: r.missing for r in result.results if not r.computed}
    assert missing["development_intensity"] == ("built_up",)
    assert missing["road_density"] == ("built_up",)
    table = result.table()
    assert set(table["indicator"]) == {i.key for i in definitions.edition("mohurd_2021").indicators}


def test_table_rows_city_then_districts(city_2021):
    result = city_health_check(definitions.edition("mohurd_2021"), hand_city())
    table = result.table()
    park = table[table["indicator"] == "park_coverage"]
    assert list(park["scope"]) == [CITY, "East", "West"]
    assert list(park["passed"]) == [False, False, False]
    assert park["target"].iloc[0] == "> 80"
    assert park["status"].iloc[0] == "secondary"


def test_each_indicator_equals_its_standalone_engine():
    layers = hand_city()
    homes = layers.residential.iloc[:4].reset_index(drop=True)  # R1-R4: the blocks in the built-up area
    population = layers.population[:4]
    edition = definitions.edition("mohurd_2021")
    rules = [r for r in edition.indicators if r.key == "park_coverage"][0].params["rules"]
    custom = "\n".join(f"{r['min_area_m2']}: {r['radius_m']}: {r['grade']}" for r in rules)
    from urbanization_planning.algorithms.greenspace.rules import parse_rules

    alone = park_coverage(layers.parks, homes, parse_rules(custom), population=population, districts=layers.districts)
    result = by_key(city_health_check(edition, layers))
    assert result["park_coverage"].value == pytest.approx(100 * alone.rate_area)
    types = {"market": layers.facility_types_spec["market"]}
    alone = facility_coverage(layers.facilities, layers.facility_types, homes, types, population=population)
    assert result["community_commerce"].value == pytest.approx(100 * alone.summary.iloc[-1]["share_population"])


def street_city():
    """One 2 km street with a station at its middle: block N (50 m off the street, 200 m from the
    station) and block F (1.5 km along the street) hold 300 and 700 people."""
    street = at(LineString([(0, 0), (2000, 0)]))
    residential = gpd.GeoDataFrame(
        {"src_fid": [1, 2]}, geometry=[at(box(1100, 10, 1140, 30)), at(box(1900, 10, 1940, 30))], crs=CRS
    )
    return hand_city(
        network=nw.build_network(np.array([street], dtype=object)),
        stations=np.array([at(Point(1000, 0))], dtype=object),
        residential=residential,
        population=np.array([300.0, 700.0]),
        built_up=None,
        districts=None,
        parks=None,
        greenways=None,
        facilities=None,
    )


def test_station_coverage_by_hand_and_as_stationcatchments():
    layers = street_city()
    result = by_key(city_health_check(definitions.edition("mohurd_2021"), layers))
    # block N lies within 800 m on the street (and its buffered catchment), block F 900 m away does not
    assert result["station_commute"].value == pytest.approx(30.0)
    alone = station_catchments(
        layers.network,
        layers.stations,
        [800.0],
        population_geometries=layers.residential.geometry.to_numpy(),
        population_values=layers.population,
    )
    assert result["station_commute"].value == pytest.approx(100 * alone.population_covered / 1000)


@settings(max_examples=30, deadline=None)
@given(width=st.floats(min_value=20, max_value=300))
def test_a_strip_passes_the_corridor_width_exactly_when_wide_enough(width):
    """A strip passes when it is wider than 100 m less the documented tolerance (WIDTH_TOLERANCE_M
    on each side, so that a strip drawn exactly 100 m wide passes)."""
    threshold = 100.0 - 2 * WIDTH_TOLERANCE_M
    assume(abs(width - threshold) > 1e-6)  # at the threshold itself floating point decides
    strip = box(0, 0, 1000, width)
    wide = wide_enough([strip], 100.0)
    assert (wide.area > 0) == (width > threshold)
    if width >= 100.0:
        line = LineString([(0, width / 2), (1000, width / 2)])
        assert shapely.intersection(line, wide).length == pytest.approx(1000.0, rel=1e-6)


def test_editions_load_and_have_a_definition_for_each_indicator():
    assert definitions.DEFAULT_EDITION == "mohurd_2023"
    for key in definitions.EDITIONS:
        edition = definitions.edition(key)
        assert edition.indicators
        for indicator in edition.indicators:
            assert indicator.definition_zh and indicator.clause and indicator.status in standards.STATUSES


def test_parks_off_the_network_leave_homes_uncovered_not_an_error():
    """park_coverage (greenspace/access.py NetworkAccess.nearest) once failed with an IndexError
    when no qualifying park could reach the network."""
    layers = street_city()
    far_park = gpd.GeoDataFrame({"park_id": [1], "name": ["far"]}, geometry=[at(box(1000, 900, 1100, 1000))], crs=CRS)
    result = park_coverage(
        far_park, layers.residential, [r for r in _rules("2000: 300: garden")], network=layers.network
    )
    assert result.rate_area == 0.0
    assert not result.residential["covered"].any()


def _rules(text):
    from urbanization_planning.algorithms.greenspace.rules import parse_rules

    return parse_rules(text)


def test_waterlogging_from_a_dem_counts_the_depressions_find_depressions_finds():
    from affine import Affine

    from urbanization_planning.algorithms.drainage.depressions import find_depressions
    from urbanization_planning.algorithms.healthcheck.indicators import DemInput

    # a 40 x 40 m slope (10 m cells) falling east with two 1 m deep pits
    elevation = np.tile(np.linspace(10.0, 6.0, 40), (40, 1)).astype(np.float32)
    elevation[10:13, 10:13] -= 1.0
    elevation[25:28, 20:23] -= 1.0
    transform = Affine(10.0, 0, X0, 0, -10.0, Y0 + 400)
    alone = find_depressions(elevation.copy(), transform, crs=CRS, metric_crs=CRS)
    assert alone.count == 2
    layers = hand_city(
        waterlogging_points=None,
        built_up=np.array([at(box(0, 0, 400, 400))], dtype=object),
        dem=DemInput(elevation, transform, crs=CRS, metric_crs=CRS),
        districts=None,
    )
    spots = by_key(city_health_check(definitions.edition("mohurd_2021"), layers))["waterlogging_density"]
    assert spots.mode == "dem"
    assert spots.value == pytest.approx(2 / 0.16)  # two spots in 0.16 km2


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 3000), st.floats(0, 3000), st.floats(10, 1000), st.floats(10, 1000)),
        min_size=1,
        max_size=5,
    ),
    st.floats(100, 3900),
)
def test_district_intensities_weighted_by_area_add_up_to_the_city(boxes, cut):
    """With districts that partition the city territory, the built-up share of the city is the
    area-weighted mean of the districts' shares."""
    built = np.array([at(box(x, y, x + w, y + h)) for x, y, w, h in boxes], dtype=object)
    districts = gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=[at(box(0, 0, cut, 4000)), at(box(cut, 0, 4000, 4000))], crs=CRS
    )
    layers = hand_city(
        built_up=built,
        districts=districts,
        residential=None,
        population=None,
        parks=None,
        greenways=None,
        facilities=None,
        roads=None,
        waterlogging_points=None,
        corridors=None,
    )
    result = by_key(city_health_check(definitions.edition("mohurd_2021"), layers))["development_intensity"]
    weighted = (result.districts.get("a", 0) * cut + result.districts.get("b", 0) * (4000 - cut)) / 4000
    assert result.value == pytest.approx(weighted, abs=1e-6)
    assert 0 <= result.value <= 100
