"""The living-circle preset (GB 50180-2018) and the mapping of facility records onto its types:
school levels from OSM tags and names, hospitals kept apart from community health centres.
Expected types are read off the preset's rules by hand."""

import copy

import numpy as np
import pytest

from urbanization_planning.algorithms import standards
from urbanization_planning.algorithms.greenspace import living_circle as lc
from urbanization_planning.algorithms.greenspace import rules


@pytest.fixture(scope="module")
def preset():
    return standards.preset("living_circle", "gb50180")


def types_of(preset, records, type_field="amenity", user=None):
    found, unmapped = lc.classify(records, type_field, preset, user)
    return found, unmapped


def test_the_preset_is_usable_and_every_circle_has_its_facilities(preset):
    lc.check_preset(preset)
    by_circle = lc.types_by_circle(preset)
    assert list(by_circle) == ["15min", "10min", "5min", "block"]
    assert "middle_school" in by_circle["15min"] and "health" in by_circle["15min"]
    assert "primary_school" in by_circle["10min"] and "kindergarten" in by_circle["5min"]
    assert preset["types"]["middle_school"]["distance_m"] == 1000
    assert preset["types"]["primary_school"]["distance_m"] == 500
    assert preset["types"]["kindergarten"]["distance_m"] == 300


def test_circles_carry_walking_distance_population_and_green_space(preset):
    circles = {c.circle_id: c for c in lc.circles(preset)}
    fifteen, ten = circles["15min"], circles["10min"]
    assert (fifteen.walk_distance_m, fifteen.population, fifteen.green_per_person_m2) == (1000, (50000, 100000), 2.0)
    assert (ten.walk_distance_m, ten.park_min_area_m2, ten.park_min_width_m) == (500, 10000, 50)
    assert circles["block"].park_min_area_m2 is None


def test_osm_school_levels(preset):
    records = [
        {"amenity": "school", "isced:level": "1", "name": "A"},  # primary by ISCED 1
        {"amenity": "school", "isced_level": "2", "name": "B"},  # lower secondary: field name with '_'
        {"amenity": "school", "isced:level": "1;2", "name": "C"},  # both
        {"amenity": "school", "isced:level": "1-2", "name": "C2"},  # range: both
        {"amenity": "school", "grades": "7-9", "name": "D"},  # grades 7-9: middle
        {"amenity": "school", "isced:level": "3", "name": "E"},  # upper secondary: not a circle facility
        {"amenity": "school", "name": "昆明市五华区红云小学"},
        {"amenity": "school", "name": "昆明市第十中学"},  # 中学 (完全中学) counts as 初中
        {"amenity": "school", "name": "云南师范大学附属高级中学"},  # 高级中学: not 初中
        {"amenity": "school", "name": "呈贡区九年一贯制学校"},  # both
        {"amenity": "school", "name": "Unknown school"},  # no level: left out, reported
    ]
    found, unmapped = types_of(preset, records)
    assert found == [
        ["primary_school"],
        ["middle_school"],
        ["primary_school", "middle_school"],
        ["primary_school", "middle_school"],
        ["middle_school"],
        [],
        ["primary_school"],
        ["middle_school"],
        [],
        ["primary_school", "middle_school"],
        [],
    ]
    assert unmapped == {"school": 3}


def test_hospital_is_not_a_community_health_centre(preset):
    records = [
        {"amenity": "hospital", "name": "云南省第一人民医院"},
        {"amenity": "hospital", "name": "华山街道社区卫生服务中心"},
        {"amenity": "clinic", "name": "Clinic"},
        {"amenity": "doctors", "name": "GP"},
        {"amenity": None, "other_tags": '"healthcare"=>"centre","name:en"=>"Health centre"', "name": "x"},
        {"amenity": "clinic", "name": "翠湖社区卫生服务站"},
    ]
    found, unmapped = types_of(preset, records)
    assert found == [[], ["health"], ["health_station"], ["health_station"], ["health"], ["health_station"]]
    assert unmapped == {"hospital": 1}


def test_the_planners_mapping_wins_and_plain_values_still_map(preset):
    records = [
        {"amenity": "school", "isced:level": "1"},
        {"amenity": "kindergarten"},
        {"amenity": "幼儿园"},
        {"amenity": "marketplace"},
        {"amenity": "bakery"},
    ]
    found, unmapped = types_of(preset, records, user={"school": "middle_school"})
    assert found == [["middle_school"], ["kindergarten"], ["kindergarten"], ["market"], []]
    assert unmapped == {"bakery": 1}


def test_real_helsinki_schools_by_name(preset):
    """Three amenity=school points of the Helsinki OSM extract (tests/data/SOURCES.md), as QGIS reads
    them from the .osm.pbf (other_tags hstore): ala-aste = grades 1-6, yläaste = 7-9, lukio = upper
    secondary."""
    records = [
        {"amenity": "school", "name": "Ressun lukio", "other_tags": '"name:sv"=>"Gymnasiet Ressu"'},
        {"amenity": "school", "name": "Kruununhaan yläasteen koulu", "other_tags": '"addr:city"=>"Helsinki"'},
        {"amenity": "school", "name": "Kaisaniemen ala-aste", "other_tags": '"addr:street"=>"Puutarhakatu"'},
    ]
    found, _unmapped = types_of(preset, records)
    assert found == [[], ["middle_school"], ["primary_school"]]


def test_expand_repeats_a_record_once_per_type():
    rows, kinds = lc.expand([["primary_school", "middle_school"], [], ["health"]])
    assert rows.tolist() == [0, 0, 1, 2]
    assert kinds.tolist() == ["primary_school", "middle_school", None, "health"]


def test_record_tags_and_fields_the_rules_read(preset):
    tags = lc.record_tags(
        {"amenity": "school", "other_tags": '"isced:level"=>"2","a\\"b"=>"c"', "name": float("nan")}, "amenity"
    )
    assert tags["isced:level"] == "2" and tags["value"] == "school" and "name" not in tags
    assert lc.tag_fields(["amenity", "name", "other_tags", "isced_level", "height"], preset) == [
        "name",
        "other_tags",
        "isced_level",
    ]


@pytest.mark.parametrize(
    "broken, message",
    [
        (lambda p: p["types"]["market"].update(distance_m=0), "market: distance_m must be > 0"),
        (lambda p: p["types"]["market"].update(circle="20min"), "circle '20min'"),
        (lambda p: p["osm_mapping"].update(bakery="bread"), "unknown type 'bread'"),
        (lambda p: p["osm_rules"].append({"when": {"name~": "("}, "types": ["market"]}), "osm_rules"),
        (lambda p: p["osm_rules"].append({"when": {"grades#": 7}, "types": ["market"]}), "needs \\[low, high\\]"),
    ],
)
def test_broken_presets_are_refused_with_the_entry_named(preset, broken, message):
    copy_ = copy.deepcopy(preset)
    broken(copy_)
    with pytest.raises(lc.LivingCircleError, match=message):
        lc.check_preset(copy_)


# --- park service: per-capita clauses of GB 55014-2021 -------------------------------------------


def test_per_capita_targets_and_park_classes():
    preset = standards.preset("park_service", "gbt51346")
    assert rules.per_capita_targets(preset) == {"total": 8.0, "comprehensive": 3.0, "community": 3.0}
    graded = rules.rules_from_preset(preset)
    classes = rules.park_classes([3000, 4000, 20000, 60000, 150000, 600000, np.nan], graded)
    assert classes.tolist() == ["", "garden", "community", "community", "comprehensive", "comprehensive", ""]
    assert [r.grade for r in rules.rules_of_class(graded, "community")] == ["community", "community_large"]
    assert rules.per_capita_targets(None) == {}
    with pytest.raises(rules.RulesError, match="per_capita_community_m2"):
        rules.per_capita_targets({"per_capita_community_m2": "three"})


def test_city_checkup_preset_rules():
    graded = rules.rules_from_preset(standards.preset("park_service", "city_checkup"))
    assert [(r.min_area_m2, r.radius_m) for r in graded] == [(400, 300), (5000, 500)]
    assert rules.assign_grades([399, 400, 4999, 5000], graded).tolist() == [-1, 0, 0, 1]
