"""urbanization:constructionsuitability through processing.run on a crop of the bundled DEM
(tests/data/terrain_bigtujunga_crop.tif: 160 x 120 cells of 30 m, EPSG:32611): outputs and their
agreement with the engine, exclusions in another CRS, units the DEM does not cover, nodata holes,
a feet DEM, empty layers, the development boundary's conflicts and the tiled path."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import rasterio
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from ..conftest import DATA
from .helpers import memory_layer

ALG = "urbanization:constructionsuitability"
CROP = DATA / "terrain_bigtujunga_crop.tif"
X0, Y0 = 394313.655454263498541, 3800417.827628375496715  # the crop's top-left corner (EPSG:32611)
CELLS = 160 * 120


class LogFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)
        super().pushWarning(warning)


def box(x0, y0, x1, y1) -> str:
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


def params(tmp_path, dem=CROP, **extra) -> dict:
    return {
        "DEM": str(dem),
        "CLASSES": str(tmp_path / "classes.tif"),
        "SLOPE": str(tmp_path / "slope.tif"),
        "POLYGONS": "memory:",
        "SUMMARY": "memory:",
        **extra,
    }


def table(layer) -> list[dict]:
    return [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


def read(path) -> np.ndarray:
    with rasterio.open(path) as dataset:
        return dataset.read(1)


def cell_area() -> float:
    from urbanization_planning.algorithms.terrain.suitability import ellipsoidal_row_areas

    with rasterio.open(CROP) as dataset:
        return float(np.mean(ellipsoidal_row_areas(dataset.crs.to_wkt(), dataset.transform, dataset.shape)))


def test_outputs_agree_with_the_engine(run, tmp_path):
    from urbanization_planning.algorithms.drainage.dem import DemSource
    from urbanization_planning.algorithms.terrain import grading, overlays, suitability
    from urbanization_planning.algorithms.terrain.surface import window_cells

    result = run(ALG, {**params(tmp_path), "REPORT": str(tmp_path / "report.html")})
    classes = read(result["CLASSES"])
    with rasterio.open(CROP) as dataset:
        crs, transform = dataset.crs.to_wkt(), dataset.transform
    # the engine alone on the same cells: 500 m window on ~30 m cells = 17 cells
    guide = {"slope_breaks_deg": [3, 8, 15, 25], "relief_downgrades": [[200, 2], [100, 1]], "elevation_downgrades": []}
    yunnan = {"bazi_max_slope_deg": 8, "mountain_slope_deg": [8, 25]}
    config = suitability.Settings(grading.Grading.from_presets(guide, yunnan), "guide", window_cells(500, 30.0))
    assert config.relief_cells == 17
    engine = suitability.evaluate(DemSource(str(CROP)).read_all(), transform, crs, overlays.Overlays(), config)
    assert np.array_equal(classes, engine.classes)
    assert set(np.unique(classes)) <= {1, 2, 3, 4, 5}
    rows = table(result["SUMMARY"])
    assert len(rows) == 1 and rows[0]["eval_unit"] == "(whole DEM)"
    # 19,200 cells of 30 m of UTM grid, each 900 / k² m² on the ellipsoid (k ≈ 0.99974 here)
    assert rows[0]["evaluated_m2"] == pytest.approx(CELLS * cell_area(), rel=1e-9)
    assert cell_area() == pytest.approx(900 / 0.99974**2, rel=2e-5)
    assert result["EVALUATED_M2"] == pytest.approx(rows[0]["evaluated_m2"])
    assert sum(rows[0][f"grade{k}_m2"] for k in range(1, 6)) == pytest.approx(rows[0]["evaluated_m2"])
    # the crop lies between 818 and 1367 m: the default bands put it below and above 1000 m only
    assert rows[0]["elev1_m2"] + rows[0]["elev2_m2"] == pytest.approx(rows[0]["evaluated_m2"])
    assert rows[0]["elev1_m2"] > 0 and rows[0]["elev2_m2"] > 0 and rows[0]["elev3_m2"] == 0
    polygons = table(result["POLYGONS"])
    assert sum(p["area_m2"] for p in polygons) == pytest.approx(rows[0]["evaluated_m2"], rel=1e-4)
    slope = read(result["SLOPE"])
    np.testing.assert_array_equal(slope, engine.slope)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "坝区" in html and "Town construction suitability" in html


def test_exclusions_in_another_crs_units_outside_and_conflicts(run, tmp_path):
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs("EPSG:32611", "EPSG:4326", always_xy=True)
    # a red-line rectangle given in longitude/latitude: 900 m x 600 m of the crop's north-west
    corners = [to_lonlat.transform(x, y) for x, y in ((X0 + 300, Y0 - 900), (X0 + 1200, Y0 - 300))]
    (lon0, lat0), (lon1, lat1) = corners
    red = memory_layer("Polygon", "EPSG:4326", [box(lon0, lat0, lon1, lat1)], name="red line")
    water = memory_layer("Polygon", "EPSG:32611", [box(X0 + 900, Y0 - 1200, X0 + 1500, Y0 - 600)], name="water")
    fault = memory_layer("LineString", "EPSG:32611", [f"LINESTRING({X0 + 3000} {Y0 + 100}, {X0 + 3000} {Y0 - 4000})"])
    empty = memory_layer("Polygon", "EPSG:32611", [], name="empty heritage")
    units = memory_layer(
        "Polygon",
        "EPSG:32611",
        [box(X0, Y0 - 3600, X0 + 2400, Y0), box(X0 + 3600, Y0 - 3600, X0 + 6000, Y0)],
        {"name": ["west", "half out"]},
    )  # the crop is 4800 m wide: "half out" has 1200 m of its 2400 m east of the DEM
    boundary = memory_layer("Polygon", "EPSG:32611", [box(X0 + 600, Y0 - 1500, X0 + 1800, Y0 - 600)], {"name": ["A"]})
    feedback = LogFeedback()
    result = run(
        ALG,
        params(
            tmp_path,
            EXCL_ECOLOGICAL_RED_LINE=red,
            EXCL_WATER=water,
            EXCL_ACTIVE_FAULT=fault,
            FAULT_BUFFER=100.0,
            EXCL_HERITAGE=empty,
            UNITS=units,
            UNIT_NAME_FIELD="name",
            BOUNDARY=boundary,
            BOUNDARY_NAME_FIELD="name",
            CONFLICTS="memory:",
        ),
        feedback=feedback,
    )
    area = cell_area()
    west, half, whole = table(result["SUMMARY"])
    # red line: 900 m x 600 m = 30 x 20 cells (its reprojected edges bend by centimetres, far from cell centres)
    assert west["excl_ecological_red_line_m2"] == pytest.approx(600 * area, rel=1e-9)
    # water 600 m x 600 m = 400 cells, 300 m x 300 m (100 cells) shared with the red line
    assert west["excl_water_m2"] == pytest.approx(400 * area, rel=1e-9)
    # fault at x = 3000 m, 100 m each side: cell centres at 2915 ... 3075 m -> 6 columns x 120 rows
    assert whole["excl_active_fault_m2"] == pytest.approx(720 * area, rel=1e-9)
    assert whole["excluded_m2"] == pytest.approx((600 + 400 - 100 + 720) * area, rel=1e-9)
    assert whole["excl_heritage_m2"] == 0 and any("has no features" in line for line in feedback.lines)
    assert half["outside_dem_m2"] == pytest.approx(half["unit_m2"] / 2, rel=1e-6)
    assert half["evaluated_m2"] == pytest.approx(40 * 120 * area, rel=1e-9)
    assert any("half out" in line and "outside the DEM" in line for line in feedback.lines)
    # boundary x 600-1800 m, y 600-1500 m below the top: 1200 x 900 m = 40 x 30 cells
    # red line x 300-1200, y 300-900: shared with it 600 x 300 m = 200 cells
    # water x 900-1500, y 600-1200: shared 600 x 600 m = 400 cells; on both x 900-1200, y 600-900 = 100 cells
    # on excluded land: 200 + 400 - 100 = 500 cells
    conflicts = {(r["boundary"], r["reason"]): r["area_m2"] for r in table(result["CONFLICTS"])}
    assert conflicts == pytest.approx({("A", "water"): 400 * area, ("A", "ecological_red_line"): 200 * area}, rel=1e-9)
    assert whole["dev_m2"] == pytest.approx(1200 * area, rel=1e-9)
    assert whole["dev_excluded_m2"] == pytest.approx(500 * area, rel=1e-9)


def test_nodata_holes_and_a_feet_dem(run, tmp_path):
    with rasterio.open(CROP) as dataset:
        profile, z = dataset.profile, dataset.read(1)
    holed = z.copy()
    holed[50:55, 60:70] = profile["nodata"]  # 50 cells
    with rasterio.open(tmp_path / "holed.tif", "w", **profile) as out:
        out.write(holed, 1)
    profile.update(dtype="float32", nodata=-9999)
    with rasterio.open(tmp_path / "feet.tif", "w", **profile) as out:
        out.write((z / 0.3048).astype("float32"), 1)
    for folder in "mhf":
        (tmp_path / folder).mkdir()
    metres = run(ALG, params(tmp_path / "m"))
    holes = run(ALG, params(tmp_path / "h", dem=tmp_path / "holed.tif"))
    feet = run(ALG, params(tmp_path / "f", dem=tmp_path / "feet.tif", ELEVATION_UNIT="feet"))
    area = cell_area()
    hole_row = table(holes["SUMMARY"])[0]
    assert hole_row["nodata_m2"] == pytest.approx(50 * area, rel=1e-9)
    assert hole_row["evaluated_m2"] == pytest.approx((CELLS - 50) * area, rel=1e-9)
    assert (read(holes["CLASSES"]) == 255).sum() == 50
    # feet elevations converted back: the same slopes (to float32 rounding) and the same classes,
    # except on ties: the crop's whole-metre elevations put some reliefs exactly on 100 or 200 m,
    # which float32 feet come back as 100.0001 m (one grade lower) or 99.9999 m
    metres_slope = read(metres["SLOPE"])
    np.testing.assert_allclose(read(feet["SLOPE"]), metres_slope, atol=1e-3)
    differ = read(feet["CLASSES"]) != read(metres["CLASSES"])
    from urbanization_planning.algorithms.terrain import surface

    relief = surface.relief(surface.pad(z.astype(np.float32), 8), 8, 17)
    on_tie = np.isin(relief, (100.0, 200.0)) | (np.abs(metres_slope[..., None] - [3, 8, 15, 25]) < 1e-3).any(-1)
    assert differ.sum() < 20 and on_tie[differ].all()


def test_wrong_geometry_is_a_clear_error(run, tmp_path):
    points = memory_layer("Point", "EPSG:32611", [f"POINT({X0 + 10} {Y0 - 10})"], name="red points")
    with pytest.raises(QgsProcessingException, match="red points"):
        run(ALG, params(tmp_path, EXCL_ECOLOGICAL_RED_LINE=points))


def test_tiled_path_equals_whole_path(run, tmp_path, monkeypatch):
    from urbanization_planning.algorithms.drainage import hydrology

    (tmp_path / "w").mkdir()
    (tmp_path / "t").mkdir()
    shutil.copy(CROP, tmp_path / "dem.tif")
    red = memory_layer("Polygon", "EPSG:32611", [box(X0 + 300, Y0 - 900, X0 + 1200, Y0 - 300)])
    whole = run(ALG, {**params(tmp_path / "w", dem=tmp_path / "dem.tif"), "EXCL_ECOLOGICAL_RED_LINE": red})
    monkeypatch.setattr(hydrology, "available_memory", lambda: 2**20)  # the crop needs ~1.2 MiB whole
    feedback = LogFeedback()
    tiled = run(
        ALG, {**params(tmp_path / "t", dem=tmp_path / "dem.tif"), "EXCL_ECOLOGICAL_RED_LINE": red}, feedback=feedback
    )
    assert any(line.startswith("Tiled path") for line in feedback.lines)
    assert np.array_equal(read(tiled["CLASSES"]), read(whole["CLASSES"]))
    assert np.array_equal(read(tiled["SLOPE"]), read(whole["SLOPE"]))
    assert table(tiled["SUMMARY"])[0] == pytest.approx(table(whole["SUMMARY"])[0])
    assert isinstance(tiled["POLYGONS"], QgsVectorLayer)


def test_sandiao_parcels_and_no_polygons(run, tmp_path):
    parcels = memory_layer(
        "Polygon",
        "EPSG:32611",
        [box(X0 + 300, Y0 - 900, X0 + 1200, Y0 - 300), box(X0 + 1500, Y0 - 900, X0 + 2400, Y0 - 300)],
        {"DLBM": ["0103", "0301"]},  # 旱地 (耕地) and 乔木林地
        name="dltb",
    )
    feedback = LogFeedback()
    parameters = params(tmp_path, PARCELS=parcels, PARCEL_CODE_FIELD="DLBM", REPORT=str(tmp_path / "r.html"))
    del parameters["POLYGONS"]  # an optional output left out: no polygons are built
    result = run(ALG, parameters, feedback=feedback)
    row = table(result["SUMMARY"])[0]
    # the 旱地 parcel: 900 m x 600 m = 30 x 20 cells; 坝区 and 山区宜建地 parts of it add up to at most that
    assert row["cropland_m2"] == pytest.approx(600 * cell_area(), rel=1e-9)
    assert row["bazi_cropland_m2"] + row["mountain_cropland_m2"] <= row["cropland_m2"] + 1e-6
    assert any("1 of 2 parcels are 耕地" in line for line in feedback.lines)
    assert result.get("POLYGONS") is None
    assert "耕地" in (tmp_path / "r.html").read_text(encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="code field of 'dltb'"):
        run(ALG, params(tmp_path, PARCELS=parcels))


def test_big_tujunga_figures_quoted_in_the_readme(run, tmp_path):
    """README, What you can rely on, Mountain cities: on the bundled Big Tujunga DEM (693 km²
    evaluated) 坝区 8.3 %, 山区宜建地 54.2 % and slopes above 25° 37.4 % (defaults, no exclusions).
    Tolerances: half a unit of the README's last digit."""
    from ..conftest import SAMPLE_DATA

    result = run(ALG, params(tmp_path, dem=SAMPLE_DATA / "bigtujunga.tif"))
    row = table(result["SUMMARY"])[0]
    assert row["evaluated_m2"] / 1e6 == pytest.approx(693, abs=0.5)
    assert row["bazi_pct"] == pytest.approx(8.3, abs=0.05)
    assert row["mountain_pct"] == pytest.approx(54.2, abs=0.05)
    assert 100 * row["slope5_m2"] / row["evaluated_m2"] == pytest.approx(37.4, abs=0.05)
    # the README's command prints these outputs (km², half a unit of the last digit)
    assert result["EVALUATED_M2"] / 1e6 == pytest.approx(693.1, abs=0.05)
    assert result["BAZI_M2"] / 1e6 == pytest.approx(57.7, abs=0.05)
    assert result["MOUNTAIN_M2"] / 1e6 == pytest.approx(376.0, abs=0.05)


def test_geographic_dem_with_sea_as_nodata(run, tmp_path):
    """SRTM 3" in EPSG:4326 with 31 % sea (nodata): the sea is counted as nodata, cells are measured
    on the ellipsoid, and evaluated + nodata make up the DEM's own ellipsoidal area."""
    feedback = LogFeedback()
    result = run(ALG, params(tmp_path, dem=DATA / "drainage_cape_peninsula_cut.tif"), feedback=feedback)
    row = table(result["SUMMARY"])[0]
    with rasterio.open(DATA / "drainage_cape_peninsula_cut.tif") as dataset:
        sea = int((dataset.read(1) == dataset.nodata).sum())
    assert (read(result["CLASSES"]) == 255).sum() == sea
    assert row["nodata_m2"] / (row["nodata_m2"] + row["evaluated_m2"]) == pytest.approx(sea / 160**2, rel=0.01)
    # the cells' areas (exact by latitude) add up to the footprint's ellipsoidal area (its polygon, to 1e-6)
    assert row["evaluated_m2"] + row["nodata_m2"] == pytest.approx(row["unit_m2"], rel=1e-6)
    assert any("without elevation" in line for line in feedback.lines)


def test_empty_units_and_boundary_and_a_unit_off_the_dem(run, tmp_path):
    feedback = LogFeedback()
    empty_units = memory_layer("Polygon", "EPSG:32611", [], {"name": []}, name="no towns")
    empty_boundary = memory_layer("Polygon", "EPSG:32611", [], name="no boundary")
    result = run(
        ALG,
        params(tmp_path, UNITS=empty_units, BOUNDARY=empty_boundary, CONFLICTS="memory:"),
        feedback=feedback,
    )
    rows = table(result["SUMMARY"])
    assert [r["eval_unit"] for r in rows] == ["(whole DEM)"] and "dev_m2" not in rows[0]
    assert result["CONFLICTS"] is None
    assert sum("no features with a geometry" in line for line in feedback.lines) == 2
    (tmp_path / "off").mkdir()
    far = memory_layer("Polygon", "EPSG:32611", [box(X0 - 5000, Y0 - 1000, X0 - 4000, Y0)], {"name": ["far"]})
    result = run(ALG, params(tmp_path / "off", UNITS=far, UNIT_NAME_FIELD="name"))
    far_row = table(result["SUMMARY"])[0]
    assert far_row["evaluated_m2"] == 0 and far_row["outside_dem_m2"] == pytest.approx(far_row["unit_m2"])
    assert far_row["unit_m2"] == pytest.approx(1e6, rel=1e-3)  # 1 km x 1 km of UTM grid, k ≈ 0.9997
