"""The town-construction suitability engine (algorithms/terrain) on hand-made DEMs: slope by Horn's
method on planes of known slope, relief on a cone, the 双评价 grades and the Yunnan classes, and
exclusions (rectangles, a buffered fault line) with their area breakdown, all checked against
arithmetic written out below.

Seam rule: a cell's slope is exact when its whole 3 x 3 neighbourhood lies on one plane and inside
the DEM; the first and last row and column, and the two columns either side of a seam between two
planes, see mixed neighbours and are left out of every exact count (the test units cover exactly
the exact cells, by the cell-centre rule)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from affine import Affine

from urbanization_planning.algorithms.terrain import grading, overlays, summary, surface
from urbanization_planning.algorithms.terrain.suitability import Settings, evaluate, evaluate_block

CELL = 10.0  # m
ROWS, STRIP = 60, 20  # 60 rows, five strips of 20 columns
PLANES = (2.0, 5.0, 10.0, 20.0, 30.0)  # degrees: slope classes 1, 2, 3, 4, 5
ORIGIN = (500_000.0, 2_800_000.0)  # EPSG:4547 (CGCS2000 3-degree GK, CM 114E) near its central meridian
CRS = "EPSG:4547"
TRANSFORM = Affine(CELL, 0, ORIGIN[0], 0, -CELL, ORIGIN[1])


def planes() -> np.ndarray:
    """Five strips side by side, each a plane rising northward: z = tan(θ) * (distance north of row 59)."""
    northing = (ROWS - 1 - np.arange(ROWS))[:, None] * CELL
    return np.hstack([np.repeat(np.tan(np.radians(t)) * northing, STRIP, axis=1) for t in PLANES]).astype(np.float32)


def settings(**grading_args) -> Settings:
    return Settings(grading.Grading(**grading_args), "guide", 3)


def unit_frame():
    """One rectangle per strip covering its exact cells: columns 20k+1..20k+18, rows 1..58."""
    import geopandas as gpd
    import shapely

    x0, y0 = ORIGIN
    boxes = [
        shapely.box(x0 + (STRIP * k + 1) * CELL, y0 - (ROWS - 1) * CELL, x0 + (STRIP * k + STRIP - 1) * CELL, y0 - CELL)
        for k in range(len(PLANES))
    ]
    return gpd.GeoDataFrame({"name": [f"{t:g}°" for t in PLANES]}, geometry=boxes, crs=CRS)


def test_horn_slope_of_planes_is_exact_away_from_seams_and_edges():
    z = planes()
    slope = surface.horn_slope(surface.pad(z, 1), 1, np.full(ROWS, CELL), np.full(ROWS, CELL))
    for k, degrees in enumerate(PLANES):
        inner = slope[1:-1, STRIP * k + 1 : STRIP * k + STRIP - 1]
        # a plane z = tan θ * y: Horn's dz/dy = (4 tan θ * 2 * 10 m) / (8 * 10 m) = tan θ, dz/dx = 0 -> θ
        np.testing.assert_allclose(inner, degrees, atol=1e-4)
    # top edge row: the missing row takes the centre's value, dz/dy = (4 Δ) / 8 dy = half: atan(tan θ / 2)
    assert slope[0, 10] == pytest.approx(math.degrees(math.atan(math.tan(math.radians(2.0)) / 2)), abs=1e-4)


def test_geographic_rows_use_ground_cell_sizes():
    transform = Affine(0.001, 0, 102.7, 0, -0.001, 25.1)  # Kunming; EPSG:4490
    dx, dy = surface.row_cell_metres("EPSG:4490", transform, (3, 3))
    # row 1's centre: φ = 25.0985° N on GRS80 (a = 6378137, 1/f = 298.257222101, e² = f(2 - f)):
    # w = 1 - e² sin²φ; N = a / √w, M = a (1 - e²) / w^1.5; a cell is N cos φ · π/180 · 0.001 east-west
    # and M · π/180 · 0.001 north-south
    a, f = 6378137.0, 1 / 298.257222101
    e2 = f * (2 - f)
    phi = math.radians(25.0985)
    w = 1 - e2 * math.sin(phi) ** 2
    assert dx[1] == pytest.approx(a / math.sqrt(w) * math.cos(phi) * math.pi / 180 * 0.001, rel=1e-12)
    assert dy[1] == pytest.approx(a * (1 - e2) / w**1.5 * math.pi / 180 * 0.001, rel=1e-12)
    assert dx[1] == pytest.approx(100.869, abs=1e-3) and dy[1] == pytest.approx(110.774, abs=1e-3)
    assert dx[0] < dx[2]  # farther north, a degree of longitude is shorter


def test_relief_on_a_cone():
    size, s, height = 41, 0.5, 300.0  # a cone: z = 300 - 0.5 r, apex at cell (20, 20), 10 m cells
    r = np.hypot(*np.meshgrid(np.arange(size) - 20, np.arange(size) - 20)) * CELL
    z = (height - s * r).astype(np.float64)
    rel = surface.relief(surface.pad(z, 2), 2, 5)
    # apex, 5 x 5 window: highest is the apex (300), lowest a corner 20√2 m away: 0.5 · 28.284 = 14.142 m
    assert rel[20, 20] == pytest.approx(s * 20 * math.sqrt(2), abs=1e-3)
    # 5 cells north of the apex: nearest window cell 3 cells (30 m) away, farthest √(7²+2²) cells:
    # 0.5 · (10√53 - 30) = 21.401 m
    assert rel[15, 20] == pytest.approx(s * (10 * math.sqrt(53) - 30), abs=1e-3)


def test_relief_ignores_nodata_and_matches_brute_force():
    rng = np.random.default_rng(3)
    z = rng.normal(100, 20, (12, 9)).astype(np.float32)
    z[rng.random(z.shape) < 0.2] = np.nan
    rel = surface.relief(surface.pad(z, 2), 2, 5)
    for r in range(12):
        for c in range(9):
            window = z[max(r - 2, 0) : r + 3, max(c - 2, 0) : c + 3]
            expected = np.nan if np.isnan(z[r, c]) else np.nanmax(window) - np.nanmin(window)
            np.testing.assert_allclose(rel[r, c], expected, rtol=1e-6, equal_nan=True)


def test_slope_classes_break_rule():
    # a value on a break takes the lower class: 3° is class 1, 3.01° class 2, 25° class 4, 25.01° class 5
    got = grading.slope_class(np.array([0.0, 3.0, 3.01, 8.0, 15.0, 25.0, 25.01, np.nan]), (3, 8, 15, 25))
    assert got.tolist() == [1, 1, 2, 2, 3, 4, 5, grading.NODATA]


def test_relief_and_elevation_lower_the_grade():
    classes = np.array([1, 1, 1, 4, 2], dtype=np.uint8)
    relief = np.array([50.0, 150.0, 250.0, 250.0, 50.0])
    elevation = np.array([1000.0, 1000.0, 1000.0, 1000.0, 4000.0])
    rules = grading.Grading(elevation_downgrades=((3500.0, 1),))
    # 1 + 0, 1 + 1 (relief > 100), 1 + 2 (> 200), 4 + 2 capped at 5, 2 + 1 (elevation > 3500)
    assert grading.grade(classes, relief, elevation, rules).tolist() == [1, 2, 3, 5, 3]


def test_class_areas_of_the_planes_per_unit():
    units = unit_frame()
    prepared = overlays.prepare({}, units, None, CRS, CRS)
    block = evaluate_block(
        surface.pad(planes(), 1),
        TRANSFORM,
        np.full(ROWS, CELL),
        np.full(ROWS, CELL),
        np.full(ROWS, 100.0),
        prepared,
        settings(),
    )
    exact = 18 * 58 * 100.0  # each unit: 18 columns x 58 rows of 100 m² cells = 104,400 m²
    for k in range(5):
        assert block.sums["evaluated_m2"][k] == pytest.approx(exact)
        assert block.sums[f"slope{k + 1}_m2"][k] == pytest.approx(exact)
        assert block.sums[f"grade{k + 1}_m2"][k] == pytest.approx(exact)  # relief ≤ 2 cells · 10 m · tan 30° = 11.5 m
    # 坝区 (< 8°): the 2° and 5° units; 山区宜建地 (8-25°): the 10° and 20° units; the 30° unit neither
    assert block.sums["bazi_m2"][:5].tolist() == pytest.approx([exact, exact, 0, 0, 0])
    assert block.sums["mountain_m2"][:5].tolist() == pytest.approx([0, 0, exact, exact, 0])


def test_exclusions_rectangles_and_a_fault_count_once_in_total_once_per_reason():
    import geopandas as gpd
    import shapely
    from shapely.geometry import LineString

    x0, y0 = ORIGIN
    # whole DEM as one unit (no units layer); 100 columns x 60 rows of 100 m² = 600,000 m²
    red = shapely.box(x0 + 0, y0 - 200, x0 + 200, y0)  # columns 0-19, rows 0-19: 400 cells
    farm = shapely.box(x0 + 100, y0 - 300, x0 + 300, y0 - 100)  # columns 10-29, rows 10-29: 400 cells
    fault = LineString([(x0 + 500, y0 + 50), (x0 + 500, y0 - 650)])  # the seam x = 500 m, north to south
    frames = {
        "ecological_red_line": gpd.GeoDataFrame(geometry=[red], crs=CRS),
        "permanent_farmland": gpd.GeoDataFrame(geometry=[farm], crs=CRS),
        "active_fault": gpd.GeoDataFrame(geometry=[fault], crs=CRS),
    }
    # 22 m buffer: cell centres 455 ... 545 m; within 22 m of 500: 485, 495, 505, 515 -> 4 columns x 60 rows
    prepared = overlays.prepare(frames, None, None, CRS, CRS, fault_buffer_m=22.0)
    result = evaluate(planes(), TRANSFORM, CRS, prepared, settings())
    area = result.sums["excl_ecological_red_line_m2"][0] / 400  # the CRS's cell area on the ellipsoid
    assert area == pytest.approx(100.0, rel=1e-3)  # GK near its central meridian: ~1e-6 off 100 m²
    assert result.sums["excl_permanent_farmland_m2"][0] == pytest.approx(400 * area)
    assert result.sums["excl_active_fault_m2"][0] == pytest.approx(240 * area)
    # total: red ∪ farm = 400 + 400 - 100 (columns 10-19 x rows 10-19 in both) = 700, fault 240 apart
    assert result.sums["excluded_m2"][0] == pytest.approx(940 * area)
    assert result.sums["evaluated_m2"][0] == pytest.approx(6000 * area)
    grades_total = sum(result.sums[f"grade{k}_m2"][0] for k in range(1, 6))
    assert grades_total + result.sums["excluded_m2"][0] == pytest.approx(result.sums["evaluated_m2"][0])
    assert (result.classes == grading.EXCLUDED).sum() == 940
    # 山区宜建地 on the strips' exact cells (units of unit_frame: columns 20k+1..20k+18, rows 1..58):
    # 10° strip 1044 cells less the fault's columns 48-51 (4 x 58 = 232) = 812; 20° strip all 1044;
    by_unit = evaluate(
        planes(), TRANSFORM, CRS, overlays.prepare(frames, unit_frame(), None, CRS, CRS, 22.0), settings()
    )
    assert (by_unit.sums["mountain_m2"][:5] / area).round(6).tolist() == [0, 0, 812, 1044, 0]
    assert (by_unit.sums["excl_active_fault_m2"] / area).round(6).tolist() == [0, 0, 232, 0, 0, 240]  # last: whole DEM


def test_development_boundary_conflicts_list_each_reason():
    import geopandas as gpd
    import shapely

    x0, y0 = ORIGIN
    red = shapely.box(x0, y0 - 200, x0 + 200, y0)  # 400 cells
    farm = shapely.box(x0 + 100, y0 - 300, x0 + 300, y0 - 100)  # 400 cells, 100 shared with red
    boundary = gpd.GeoDataFrame(
        {"name": ["A"]}, geometry=[shapely.box(x0 + 50, y0 - 250, x0 + 150, y0 - 150)], crs=CRS
    )  # columns 5-14, rows 15-24: 100 cells, all on the 2° strip (columns 1-18 are exact)
    # on red (columns 0-19, rows 0-19): columns 5-14 x rows 15-19 = 50 cells
    # on farm (columns 10-29, rows 10-29): columns 10-14 x rows 15-24 = 50 cells
    # on either: 50 + 50 - 25 (columns 10-14 x rows 15-19 on both) = 75 cells
    frames = {
        "ecological_red_line": gpd.GeoDataFrame(geometry=[red], crs=CRS),
        "permanent_farmland": gpd.GeoDataFrame(geometry=[farm], crs=CRS),
    }
    prepared = overlays.prepare(frames, None, boundary, CRS, CRS)
    block = evaluate_block(
        surface.pad(planes(), 1), TRANSFORM, np.full(ROWS, CELL), np.full(ROWS, CELL), np.full(ROWS, 100.0),
        prepared, settings(),
    )  # fmt: skip
    assert block.sums["dev_m2"][0] == pytest.approx(100 * 100.0)
    assert block.sums["dev_excluded_m2"][0] == pytest.approx(75 * 100.0)
    assert block.sums["dev_excl_ecological_red_line_m2"][0] == pytest.approx(50 * 100.0)
    assert block.sums["dev_excl_permanent_farmland_m2"][0] == pytest.approx(50 * 100.0)
    assert block.sums["dev_slope1_m2"][0] == pytest.approx(100 * 100.0)  # all on the 2° strip
    table = summary.conflicts_frame(block.conflicts, ["A"])
    assert table.to_dict("list") == {
        "boundary": ["A", "A"],
        "reason": ["ecological_red_line", "permanent_farmland"],  # equal areas: in reason order
        "reason_zh": ["生态保护红线", "永久基本农田"],
        "area_m2": [5_000.0, 5_000.0],
    }


def test_overlapping_units_are_rasterized_in_separate_layers():
    import geopandas as gpd
    import shapely

    x0, y0 = ORIGIN
    county = shapely.box(x0, y0 - 600, x0 + 1000, y0)  # the whole DEM: 6000 cells
    town = shapely.box(x0, y0 - 100, x0 + 100, y0)  # 100 cells inside it
    units = gpd.GeoDataFrame({"name": ["county", "town"]}, geometry=[county, town], crs=CRS)
    assert overlays.non_overlapping_layers(units) == [[0], [1]]
    prepared = overlays.prepare({}, units, None, CRS, CRS)
    block = evaluate_block(
        surface.pad(planes(), 1), TRANSFORM, np.full(ROWS, CELL), np.full(ROWS, CELL), np.full(ROWS, 100.0),
        prepared, settings(),
    )  # fmt: skip
    assert block.sums["evaluated_m2"].tolist() == pytest.approx([600_000.0, 10_000.0, 600_000.0])  # + whole DEM


def test_nodata_holes_are_counted_and_left_out():
    z = planes()
    z[30:35, 50:54] = np.nan  # 20 cells
    block = evaluate_block(
        surface.pad(z, 1), TRANSFORM, np.full(ROWS, CELL), np.full(ROWS, CELL), np.full(ROWS, 100.0),
        overlays.Overlays(), settings(),
    )  # fmt: skip
    assert block.sums["nodata_m2"][0] == pytest.approx(2000.0)
    assert block.sums["evaluated_m2"][0] == pytest.approx(598_000.0)
    assert (block.classes == grading.NODATA).sum() == 20


def test_yunnan_scheme_classes():
    slope = np.array([2.0, 7.9, 8.0, 25.0, 26.0, 10.0, np.nan])
    excluded = np.array([False, False, False, False, False, True, False])
    classes = grading.slope_class(slope, (3, 8, 15, 25))
    out = grading.suitability("yunnan", classes, slope, excluded, grading.Grading())
    assert out.tolist() == [1, 1, 2, 2, 3, grading.EXCLUDED, grading.NODATA]
    # a planner's preset with a gap (坝区 below 6°, mountain land 8-25°): 7° is neither
    gap = grading.Grading(bazi_max_slope=6.0)
    assert grading.suitability("yunnan", classes, slope, excluded, gap).tolist()[:2] == [1, grading.BETWEEN]


def test_summary_shares_and_coverage():
    import shapely

    frame = summary.summary_frame(
        {
            "evaluated_m2": np.array([200.0, 0.0]),
            "bazi_m2": np.array([50.0, 0.0]),
            "mountain_m2": np.array([100.0, 0.0]),
        },
        ["a", "b"],
    )
    assert frame["bazi_pct"].tolist() == [25.0, 0.0] and frame["mountain_pct"].tolist() == [50.0, 0.0]
    footprint = summary.footprint(TRANSFORM, (ROWS, 100), CRS, CRS)
    units = unit_frame()
    units.loc[len(units)] = ["half out", shapely.box(ORIGIN[0] + 900, ORIGIN[1] - 100, ORIGIN[0] + 1100, ORIGIN[1])]
    total, outside = summary.coverage(units, CRS, footprint)
    assert outside[:5] == pytest.approx([0] * 5, abs=1e-6)
    assert outside[5] == pytest.approx(total[5] / 2, rel=1e-7)  # 100 m of its 200 m lie east of the DEM


def test_cropland_parcels_split_bazi_and_mountain_land():
    import geopandas as gpd
    import shapely

    x0, y0 = ORIGIN
    parcels = gpd.GeoDataFrame(
        {"DLBM": ["0101", "0103", "0301", "1001"]},
        geometry=[
            shapely.box(x0 + 50, y0 - 250, x0 + 150, y0 - 150),  # 水田 on the 2° strip: 10 x 10 exact cells
            shapely.box(x0 + 450, y0 - 250, x0 + 550, y0 - 150),  # 旱地, columns 45-54 on the 10° strip
            shapely.box(x0 + 650, y0 - 250, x0 + 750, y0 - 150),  # 林地: not 耕地
            shapely.box(x0 + 850, y0 - 250, x0 + 950, y0 - 150),  # 工业用地: not 耕地
        ],
        crs=CRS,
    )
    assert overlays.is_cropland(["0101", "0102", "0103", "01", "0102K", "耕地", "0201", "1001", "011"]).tolist() == [
        True, True, True, True, True, True, False, False, False,
    ]  # fmt: skip
    cropland = parcels[overlays.is_cropland(parcels["DLBM"])]
    prepared = overlays.prepare({}, None, None, CRS, CRS, cropland=cropland)
    block = evaluate_block(
        surface.pad(planes(), 1), TRANSFORM, np.full(ROWS, CELL), np.full(ROWS, CELL), np.full(ROWS, 100.0),
        prepared, settings(),
    )  # fmt: skip
    # 耕地: 2 parcels x 100 cells x 100 m²; in the 坝区 (2° strip) 100 cells; on 山区宜建地 (10° strip) 100 cells
    assert block.sums["cropland_m2"][0] == pytest.approx(20_000.0)
    assert block.sums["bazi_cropland_m2"][0] == pytest.approx(10_000.0)
    assert block.sums["mountain_cropland_m2"][0] == pytest.approx(10_000.0)


def test_elevation_bands_of_the_planes():
    # z = tan θ · northing, northing = 0, 10, ..., 590 m (row 59 up to row 0); below 50 m where
    # northing < 50 / tan θ: 2° all 60 rows; 5° northing ≤ 570 (< 571.5): 58 rows; 10° ≤ 280 (< 283.6):
    # 29 rows; 20° ≤ 130 (< 137.4): 14 rows; 30° ≤ 80 (< 86.6): 9 rows -> 20 columns each:
    # (60 + 58 + 29 + 14 + 9) x 20 = 3400 cells below 50 m, 6000 - 3400 = 2600 at or above
    block = evaluate_block(
        surface.pad(planes(), 1), TRANSFORM, np.full(ROWS, CELL), np.full(ROWS, CELL), np.full(ROWS, 100.0),
        overlays.Overlays(), settings(elevation_bands=(50.0,)),
    )  # fmt: skip
    assert block.sums["elev1_m2"][0] == pytest.approx(3400 * 100.0)
    assert block.sums["elev2_m2"][0] == pytest.approx(2600 * 100.0)
    assert grading.band_labels((1000, 2000)) == ["< 1000 m", "1000-2000 m", "≥ 2000 m"]


def test_a_cancelled_run_stops_with_the_engines_cancel_error():
    from urbanization_planning.algorithms.cancel import CancelledError

    seen = []
    with pytest.raises(CancelledError):
        evaluate(planes(), TRANSFORM, CRS, overlays.Overlays(), settings(), seen.append, lambda: bool(seen))
    assert seen == [0.0]  # the first step reported, the next one stopped
