"""三调 status data through Processing: tests/data/sandiao_dltb.gpkg (a hand-made DLTB layer with the
三调 field names, see make_sandiao_dltb.py) checked against four control lines, read as 三调 codes
(DLBM), as 三调 names (DLMC, auto-detected) and wrongly as 2023 codes; the 田坎 deduction; and
broken preset files named in the error. Every expected value below is worked out by hand in the
comments: the parcels are 100 m squares on the central meridian of EPSG:4543 (scale 1), so each
ellipsoidal area is 10 000 m² to better than 1e-6."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from .helpers import memory_layer
from .test_foundation import RecordingFeedback

DATA = Path(__file__).resolve().parents[1] / "data" / "sandiao_dltb.gpkg"
CONFLICTS = "urbanization:controllineconflicts"
SPACE = "urbanization:livingspacestructure"


def layer(name: str) -> str:
    return f"{DATA}|layername={name}"


def conflict_params(**extra) -> dict:
    base = {
        "PLAN": layer("DLTB"),
        "LANDUSE_FIELD": "DLBM",
        "CLASSIFICATION": "sandiao",
        "ECOLOGICAL_REDLINE": layer("ecological_redline"),
        "ECOLOGICAL_CORE": layer("ecological_core"),
        "PERMANENT_FARMLAND": layer("permanent_farmland"),
        "DEVELOPMENT_BOUNDARY": layer("development_boundary"),
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    base.update(extra)
    return base


def found(result) -> dict:
    """(BSM of the parcel via plan_fid, control line) -> (outcome, rule id)."""
    return {(f["plan_fid"], f["control_line"]): (f["outcome"], f["rule_id"]) for f in result["CONFLICTS"].getFeatures()}


# By hand, with the 2023 guide's crosswalk (三调 -> 2023) and the national rules:
# fid 1: 0601 工业用地 -> 1001 industry, in the red line (outside the core): prohibited; and outside the
#        development boundary, industry is concentrated urban construction: prohibited
# fid 2: 1006 农村道路 -> 0601 rural road in the red line: residents' basic living, needs approval
# fid 3: 0103 旱地 in the core protected area: human use, prohibited in principle
# fid 4: 0103 in permanent basic farmland: allowed (not reported)
# fid 5: 0201K 可调整果园 -> 0201 orchard in permanent basic farmland: prohibited
# fid 6: 05H1 -> 09 commerce outside the boundary: scattered urban construction, needs approval
# fid 7: 0702 农村宅基地 -> 0703 outside the boundary: village construction, allowed (not reported)
# fid 8: 0701 inside the boundary: nothing
EXPECTED = {
    (1, "ecological_redline"): ("prohibited", "eco_construction"),
    (1, "development_boundary"): ("prohibited", "udb_urban_concentration"),
    (2, "ecological_redline"): ("approval", "eco_residents"),
    (3, "ecological_core"): ("prohibited", "core_human_use"),
    (5, "permanent_farmland"): ("prohibited", "farmland_other_use"),
    (6, "development_boundary"): ("approval", "udb_sited_projects"),
}


def test_sandiao_codes_are_read_through_the_crosswalk(run):
    feedback = RecordingFeedback()
    result = run(CONFLICTS, conflict_params(), feedback=feedback)
    assert found(result) == EXPECTED
    assert (result["PROHIBITED_COUNT"], result["APPROVAL_COUNT"], result["OVERLAP_COUNT"]) == (4, 2, 0)
    assert result["PROHIBITED_AREA_M2"] == pytest.approx(40_000.0, rel=1e-6)
    assert result["APPROVAL_AREA_M2"] == pytest.approx(20_000.0, rel=1e-6)
    rows = {(f["plan_fid"], f["control_line"]): f for f in result["CONFLICTS"].getFeatures()}
    core = rows[(3, "ecological_core")]
    assert core["code"] == "0103" and core["landuse"] == "0103" and core["deducted_share"] == pytest.approx(0.15)
    # the land-use area excludes the 田坎 share: 10 000 x (1 - 0.15)
    assert core["net_ellipsoid_area_m2"] == pytest.approx(8_500.0, rel=1e-6)
    assert core["plane_area_m2"] == pytest.approx(10_000.0, rel=1e-9)
    assert rows[(1, "ecological_redline")]["clause"].startswith("自然资源部 生态环境部 国家林业和草原局")
    assert any("read as the 三调 working classification" in m for m in feedback.messages)
    assert any("田坎 deduction from the fields" in m and ": 2 parcels" in m for m in feedback.messages)


def test_names_are_detected_as_sandiao_and_give_the_same_answer(run):
    result = run(CONFLICTS, conflict_params(LANDUSE_FIELD="DLMC", CLASSIFICATION="auto"))
    assert found(result) == EXPECTED


def test_read_wrongly_as_2023_codes_the_digits_mean_other_classes(run):
    """As 2023 codes, 0601 is a rural road (needs approval in the red line, not prohibited), 1006 and
    05H1 are no 2023 codes; the algorithm warns that the field holds 三调 codes."""
    feedback = RecordingFeedback()
    result = run(CONFLICTS, conflict_params(CLASSIFICATION="gb2023"), feedback=feedback)
    assert found(result)[(1, "ecological_redline")] == ("approval", "eco_residents")
    assert result["UNKNOWN_CODE_COUNT"] == 3  # 1006, 0201K, 05H1
    assert any("holds 三调 working-classification codes" in m for m in feedback.messages)


def test_auto_refuses_codes_that_fit_both_systems_differently(run):
    plan = memory_layer(
        "Polygon",
        "EPSG:4543",
        [
            "POLYGON((500000 2770000,500100 2770000,500100 2770100,500000 2770100,500000 2770000))",
            "POLYGON((500100 2770000,500200 2770000,500200 2770100,500100 2770100,500100 2770000))",
        ],
        {"DLBM": ["0101", "0601"]},
    )
    with pytest.raises(
        QgsProcessingException, match=r"Field 'DLBM': .*0601 \(农村道路 / 工业用地\).*Set the classification"
    ):
        run(CONFLICTS, conflict_params(PLAN=plan, CLASSIFICATION="auto"))


def test_space_structure_of_sandiao_parcels_with_the_tiankan_share(run):
    """Default (research-convention) mapping, ellipsoidal areas: production = 1001 + 0601 + 8 500 + 9 000
    (the two dry-land parcels less their 田坎 shares) + 0201 = 47 500; production-living = 09 = 10 000;
    living = 0703 + 0701 = 20 000; ecological = the 田坎 shares (2303 is other land) = 1 500 + 1 000."""
    result = run(
        SPACE,
        {
            "PLAN": layer("DLTB"),
            "LANDUSE_FIELD": "DLMC",
            "CLASSIFICATION": "auto",
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )
    (row,) = list(result["SUMMARY"].getFeatures())
    assert row["production_ellipsoid_m2"] == pytest.approx(47_500.0, rel=1e-6)
    assert row["production_living_ellipsoid_m2"] == pytest.approx(10_000.0, rel=1e-6)
    assert row["living_ellipsoid_m2"] == pytest.approx(20_000.0, rel=1e-6)
    assert row["ecological_ellipsoid_m2"] == pytest.approx(2_500.0, rel=1e-6)
    assert row["total_ellipsoid_m2"] == pytest.approx(80_000.0, rel=1e-6)


@pytest.fixture
def user_standards(tmp_path, monkeypatch):
    """A user standards folder for this test only (the algorithms read presets through it)."""
    from urbanization_planning.algorithms.zoning.processing import plan

    monkeypatch.setattr(plan, "user_standards_dir", lambda: tmp_path)
    return tmp_path


def test_broken_land_use_codes_file_names_the_file(run, user_standards):
    (user_standards / "landuse_codes.json").write_text('{"presets": {"gb2023": {"label": "x",}}}', encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"landuse_codes.json' cannot be used .*line 1"):
        run(CONFLICTS, conflict_params())
    with pytest.raises(QgsProcessingException, match=r"landuse_codes.json' cannot be used"):
        run(SPACE, {"PLAN": layer("DLTB"), "LANDUSE_FIELD": "DLBM", "OUTPUT": "memory:", "SUMMARY": "memory:"})


def test_incomplete_presets_name_the_file(run, user_standards):
    (user_standards / "conflict_rules.json").write_text(
        json.dumps({"presets": {"national": {"label": "no rules"}}}), encoding="utf-8"
    )
    with pytest.raises(QgsProcessingException, match=r"conflict_rules.json' cannot be used \('rules'\)"):
        run(CONFLICTS, conflict_params())
    (user_standards / "space_mapping.json").write_text(
        json.dumps({"presets": {"default": {"classes": {}}}}), encoding="utf-8"
    )
    with pytest.raises(QgsProcessingException, match=r"space_mapping.json' cannot be used"):
        run(
            SPACE,
            {
                "PLAN": layer("DLTB"),
                "LANDUSE_FIELD": "DLBM",
                "CLASSIFICATION": "sandiao",
                "OUTPUT": "memory:",
                "SUMMARY": "memory:",
            },
        )
    (user_standards / "sandiao_crosswalk.json").write_text('{"presets": 3}', encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"sandiao_crosswalk.json' cannot be used"):
        run(CONFLICTS, conflict_params())


def test_tiankan_inside_permanent_farmland_is_no_conflict(run):
    """Issue 28, item 1, the 三调 hand case: inside a 100 m farmland square on the central meridian of
    EPSG:4543 (scale 1: ellipsoidal = plane area to better than 1e-6), a paddy parcel (0101 水田,
    100 x 90 m = 9 000 m²) and, mapped on its own, the 田坎 strip between it and the square's top edge
    (1203 田坎 -> 2303, 100 x 10 m = 1 000 m²). By hand: no conflict at all; the summary has one row,
    permanent_farmland / allowed / 2303 田坎, 1 parcel, 1 000 m²."""
    x, y = 500_000, 2_770_000

    def square(x0, y0, x1, y1):
        return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"

    plan = memory_layer(
        "Polygon",
        "EPSG:4543",
        [square(x, y, x + 100, y + 90), square(x, y + 90, x + 100, y + 100)],
        {"DLBM": ["0101", "1203"], "DLMC": ["水田", "田坎"]},
    )
    farmland = memory_layer("Polygon", "EPSG:4543", [square(x, y, x + 100, y + 100)], {"id": [1]})
    feedback = RecordingFeedback()
    result = run(
        CONFLICTS,
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "DLBM",
            "CLASSIFICATION": "sandiao",
            "PERMANENT_FARMLAND": farmland,
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    assert result["CONFLICT_COUNT"] == 0 and result["CONFLICT_AREA_M2"] == 0.0
    assert result["CONFLICTS"].featureCount() == 0
    (row,) = list(result["SUMMARY"].getFeatures())
    assert (row["control_line"], row["outcome"], row["class_code"]) == ("permanent_farmland", "allowed", "2303")
    assert row["conflict_count"] == 1
    assert row["ellipsoid_area_m2"] == pytest.approx(1_000.0, rel=1e-6)
    assert any("田坎 inside permanent basic farmland: 1000.0 m²" in m for m in feedback.messages)
