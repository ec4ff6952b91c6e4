"""urbanization:drainagecorridors and urbanization:waterloggingspots through Processing, on the
bundled Big Tujunga DEM, a cut of the Cape Peninsula SRTM (sea as nodata, EPSG:4326) and small
hand-made GeoTIFFs; bad input and cancelling."""

from __future__ import annotations

import atexit
import math
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ..conftest import DATA, SAMPLE_DATA
from .helpers import memory_layer

# working copies: GDAL may leave statistics (.aux.xml) next to a raster QGIS opened
_COPIES = Path(tempfile.mkdtemp(prefix="drainage-dems-"))
atexit.register(shutil.rmtree, _COPIES, True)
DEM = shutil.copy(SAMPLE_DATA / "bigtujunga.tif", _COPIES)
CAPE = shutil.copy(DATA / "drainage_cape_peninsula_cut.tif", _COPIES)
UTM = "EPSG:32611"


def bigtujunga_origin() -> tuple[float, float]:
    with rasterio.open(DEM) as dataset:
        return dataset.transform.c, dataset.transform.f


def road_wkts() -> list[str]:
    """Two straight roads across the Big Tujunga valleys (in UTM 11N), densified every 30 m."""
    x0, y0 = bigtujunga_origin()
    import shapely

    lines = [
        shapely.LineString([(x0, y0 - 5000), (x0 + 35000, y0 - 5000)]),
        shapely.LineString([(x0 + 10000, y0 - 100), (x0 + 10000, y0 - 19000)]),
    ]
    return [shapely.segmentize(line, 30.0).wkt for line in lines]


def roads_layer(crs: str = UTM):
    wkts = road_wkts()
    layer = memory_layer("LineString", UTM, wkts, {"name": ["Foothill Blvd", "Big Tujunga Canyon Rd"]}, name="roads")
    if crs == UTM:
        return layer
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(UTM), QgsCoordinateReferenceSystem(crs), QgsProject.instance()
    )
    geometries = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        geometry.transform(transform)
        geometries.append(geometry.asWkt(9))
    return memory_layer(
        "LineString", crs, geometries, {"name": ["Foothill Blvd", "Big Tujunga Canyon Rd"]}, name="roads"
    )


def read(path) -> tuple[np.ndarray, Affine]:
    with rasterio.open(path) as dataset:
        return dataset.read(1, masked=True).astype("float64").filled(np.nan), dataset.transform


def vector(path) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return layer


def write_dem(path, array, crs="EPSG:32648", cell=10.0, nodata=-9999.0, bands=None):
    array = np.asarray(array, dtype="float32")
    stack = bands if bands is not None else [array]
    profile = {
        "driver": "GTiff",
        "height": array.shape[0],
        "width": array.shape[1],
        "count": len(stack),
        "dtype": "float32",
        "crs": crs,
        "nodata": nodata,
        "transform": Affine(cell, 0, 600000.0, 0, -cell, 2770000.0),
    }
    with rasterio.open(path, "w", **profile) as dataset:
        for i, band in enumerate(stack, start=1):
            dataset.write(np.asarray(band, dtype="float32"), i)
    return str(path)


_KEEP: list = []  # a provider registered here must outlive the module fixture (see tests/qgis/conftest.py)


@pytest.fixture(scope="module")
def corridors(processing_ready, tmp_path_factory):
    """One full run on the bundled DEM, with roads (shared by several tests)."""
    import processing
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().providerById("urbanization") is None:
        from urbanization_planning.algorithms.provider import UrbanizationProvider

        _KEEP.append(UrbanizationProvider())
        QgsApplication.processingRegistry().addProvider(_KEEP[-1])

    out = tmp_path_factory.mktemp("corridors")
    params = {
        "DEM": DEM,
        "MIN_CONTRIBUTING_AREA": 100.0,
        "CORRIDOR_WIDTHS": "1:10,2:15,3:25,4:40",
        "ROADS": roads_layer(),
        "ROAD_NAME_FIELD": "name",
        "ACCUMULATION": str(out / "acc.tif"),
        "FLOW_DIRECTION": str(out / "d8.tif"),
        "CORRIDORS": str(out / "corridors.gpkg"),
        "CORRIDOR_ZONES": str(out / "zones.gpkg"),
        "CROSSINGS": str(out / "crossings.gpkg"),
        "REPORT": str(out / "report.html"),
    }
    return processing.run("urbanization:drainagecorridors", params), out


def test_corridors_on_the_bundled_dem(corridors):
    result, out = corridors
    lines = vector(result["CORRIDORS"])
    names = lines.fields().names()
    for field in ("corridor_id", "strahler", "upstream_km2", "length_m", "slope_pct"):
        assert field in names
    lengths = [f["length_m"] for f in lines.getFeatures()]
    assert result["TOTAL_LENGTH_KM"] == pytest.approx(sum(lengths) / 1000)
    assert 300 < result["TOTAL_LENGTH_KM"] < 600  # 1197 x 643 cells of 30 m at 1 km2
    orders = {f["strahler"] for f in lines.getFeatures()}
    assert orders == {1, 2, 3, 4}
    zones = vector(result["CORRIDOR_ZONES"])
    assert sorted(f["strahler"] for f in zones.getFeatures()) == [1, 2, 3, 4]
    acc, transform = read(result["ACCUMULATION"])
    assert np.nanmin(acc) == pytest.approx(900.0)
    assert np.nanmax(acc) > 2e8  # the main outlet drains a few hundred km2
    assert "<svg" in (out / "report.html").read_text(encoding="utf-8")
    assert QgsRasterLayer(result["FLOW_DIRECTION"], "d8").isValid()


def test_crossings_carry_road_and_corridor(corridors):
    result, _ = corridors
    crossings = vector(result["CROSSINGS"])
    assert result["CROSSING_COUNT"] == crossings.featureCount() > 10
    features = list(crossings.getFeatures())
    assert {f["road_name"] for f in features} == {"Foothill Blvd", "Big Tujunga Canyon Rd"}
    areas = [f["upstream_km2"] for f in features]
    assert areas == sorted(areas, reverse=True) and areas[-1] >= 1.0
    x0, y0 = bigtujunga_origin()
    for feature in features:  # each crossing lies on a road
        point = feature.geometry().asPoint()
        assert abs(point.y() - (y0 - 5000)) < 1e-6 or abs(point.x() - (x0 + 10000)) < 1e-6


def test_roads_in_another_crs_give_the_same_crossings(run, corridors, tmp_path):
    reference, _ = corridors
    result = run(
        "urbanization:drainagecorridors",
        {
            "DEM": DEM,
            "ROADS": roads_layer("EPSG:4326"),
            "ACCUMULATION": str(tmp_path / "acc.tif"),
            "CORRIDORS": "memory:",
            "CORRIDOR_ZONES": "memory:",
            "CROSSINGS": str(tmp_path / "x.gpkg"),
        },
    )
    assert result["CROSSING_COUNT"] == reference["CROSSING_COUNT"]
    ours = sorted(
        (round(f.geometry().asPoint().x()), round(f.geometry().asPoint().y()))
        for f in vector(result["CROSSINGS"]).getFeatures()
    )
    theirs = sorted(
        (round(f.geometry().asPoint().x()), round(f.geometry().asPoint().y()))
        for f in vector(reference["CROSSINGS"]).getFeatures()
    )
    assert all(math.dist(a, b) < 2.0 for a, b in zip(ours, theirs))


def test_buildings_in_corridor_zones_are_flagged(run, corridors, tmp_path):
    reference, _ = corridors
    lines = list(vector(reference["CORRIDORS"]).getFeatures())
    midpoints = [f.geometry().interpolate(f.geometry().length() / 2).asPoint() for f in lines[:3]]
    x0, y0 = bigtujunga_origin()
    wkts = [
        f"POLYGON(({p.x() - 4} {p.y() - 4},{p.x() + 4} {p.y() - 4},{p.x() + 4} {p.y() + 4},"
        f"{p.x() - 4} {p.y() + 4},{p.x() - 4} {p.y() - 4}))"
        for p in midpoints
    ]
    buildings = memory_layer("Polygon", UTM, wkts, {"bid": [1, 2, 3]}, name="buildings")
    result = run(
        "urbanization:drainagecorridors",
        {
            "DEM": DEM,
            "BUILDINGS": buildings,
            "ACCUMULATION": str(tmp_path / "acc.tif"),
            "CORRIDORS": "memory:",
            "CORRIDOR_ZONES": "memory:",
            "FLAGGED_BUILDINGS": str(tmp_path / "b.gpkg"),
        },
    )
    flagged = list(vector(result["FLAGGED_BUILDINGS"]).getFeatures())
    assert result["BUILDING_COUNT"] == 3 == len(flagged)
    assert all(f["overlap_m2"] == pytest.approx(64.0) for f in flagged)


def test_geographic_dem_with_sea_as_nodata(run, tmp_path):
    result = run(
        "urbanization:drainagecorridors",
        {
            "DEM": CAPE,
            "MIN_CONTRIBUTING_AREA": 50.0,
            "ACCUMULATION": str(tmp_path / "acc.tif"),
            "FLOW_DIRECTION": str(tmp_path / "d8.tif"),
            "CORRIDORS": str(tmp_path / "c.gpkg"),
            "CORRIDOR_ZONES": "memory:",
        },
    )
    dem, transform = read(CAPE)
    acc, _ = read(result["ACCUMULATION"])
    with rasterio.open(result["FLOW_DIRECTION"]) as dataset:
        d8 = dataset.read(1)
    sea = np.isnan(dem)
    assert sea.mean() > 0.2 and np.isnan(acc[sea]).all() and (d8[sea] == 247).all()
    # cell areas by latitude on the ellipsoid: M N cos(phi) dphi dlambda (meridian and prime-vertical
    # radii of curvature), about 92.6 m x 77 m at 34 degrees south, a little less to the south
    lat = np.radians(transform.f + transform.e * (np.arange(dem.shape[0]) + 0.5))
    a, e2 = 6378137.0, 0.00669437999014
    w = 1 - e2 * np.sin(lat) ** 2
    areas = (
        (a * (1 - e2) / w**1.5)
        * (a / w**0.5)
        * np.cos(lat)
        * math.radians(transform.a)
        * math.radians(abs(transform.e))
    )
    assert 7000 < areas.min() < areas.max() < 7200
    land_area = (np.isfinite(dem) * areas[:, None]).sum()
    assert np.nansum(acc[d8 == 0]) == pytest.approx(land_area, rel=1e-4)  # every land cell reaches an outlet
    headwater = np.nanmin(acc, axis=1)
    valid_rows = np.isfinite(headwater)
    np.testing.assert_allclose(headwater[valid_rows], areas[valid_rows], rtol=1e-3)
    lines = vector(result["CORRIDORS"])
    assert lines.crs().authid() == "EPSG:4326"
    assert min(f["length_m"] for f in lines.getFeatures()) > 70  # metres, not degrees


def test_coast_cells_never_pond(run, tmp_path):
    from scipy import ndimage

    result = run(
        "urbanization:waterloggingspots",
        {"DEM": CAPE, "MIN_AREA": 0.0, "DEPRESSIONS": str(tmp_path / "d.gpkg"), "DEPTH": str(tmp_path / "depth.tif")},
    )
    dem, _ = read(CAPE)
    depth, _ = read(result["DEPTH"])
    sea = np.isnan(dem)
    coast = ndimage.binary_dilation(sea, np.ones((3, 3), dtype=bool)) & ~sea
    assert coast.sum() > 100 and (depth[coast] == 0).all() and np.isnan(depth[sea]).all()
    features = list(vector(result["DEPRESSIONS"]).getFeatures())
    assert len(features) == result["DEPRESSION_COUNT"]
    for feature in features:  # areas in m2 from cells of about 7100 m2 at 34 degrees south
        assert feature["area_m2"] == pytest.approx(feature["cells"] * 7100, rel=0.02)


def test_waterlogging_pit_through_processing(run, tmp_path):
    dem = np.full((9, 9), 1890.0, dtype="float32")
    dem[3:6, 3:6] = 1889.6  # a 30 m x 30 m hollow, 0.4 m deep
    dem[4, 4] = 1889.0
    path = write_dem(tmp_path / "pit.tif", dem)
    houses = memory_layer("Polygon", "EPSG:4326", ["POLYGON((0 0,0.0001 0,0.0001 0.0001,0 0.0001,0 0))"])
    result = run(
        "urbanization:waterloggingspots",
        {
            "DEM": path,
            "MIN_DEPTH": 0.15,
            "MIN_AREA": 0.0,
            "BUILDINGS": houses,
            "DEPRESSIONS": str(tmp_path / "d.gpkg"),
            "DEPTH": str(tmp_path / "depth.tif"),
            "REPORT": str(tmp_path / "r.html"),
        },
    )
    assert result["DEPRESSION_COUNT"] == 1
    assert result["TOTAL_VOLUME_M3"] == pytest.approx((8 * 0.4 + 1.0) * 100.0, rel=1e-4)
    feature = next(vector(result["DEPRESSIONS"]).getFeatures())
    assert feature["max_depth_m"] == pytest.approx(1.0, abs=1e-4)
    assert feature["area_m2"] == pytest.approx(900.0)
    assert feature["spill_elev_m"] == pytest.approx(1890.0)
    assert feature["rank"] == 1 and feature["buildings"] == 0
    depth, _ = read(result["DEPTH"])
    assert depth.sum() == pytest.approx(4.2, abs=1e-3)
    assert "1" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_waterlogging_on_the_bundled_dem(run, tmp_path):
    result = run(
        "urbanization:waterloggingspots",
        {
            "DEM": DEM,
            "ROADS": roads_layer("EPSG:4326"),
            "DEPRESSIONS": str(tmp_path / "d.gpkg"),
            "DEPTH": str(tmp_path / "depth.tif"),
        },
    )
    layer = vector(result["DEPRESSIONS"])
    assert layer.featureCount() == result["DEPRESSION_COUNT"] > 10
    features = list(layer.getFeatures())
    volumes = [f["volume_m3"] for f in features]
    assert [f["rank"] for f in features] == list(range(1, len(features) + 1))
    assert volumes == sorted(volumes, reverse=True)
    assert all(f["max_depth_m"] >= 0.15 and f["area_m2"] >= 1800 for f in features)
    assert sum(volumes) == pytest.approx(result["TOTAL_VOLUME_M3"])


@pytest.mark.parametrize("case", ["all_nodata", "one_row", "missing_band", "too_large"])
def test_bad_dems_get_clear_errors(run, tmp_path, case):
    if case == "all_nodata":
        path, expected = write_dem(tmp_path / "empty.tif", np.full((5, 5), -9999.0)), "only nodata"
    elif case == "one_row":
        path, expected = write_dem(tmp_path / "row.tif", np.arange(40.0)[None, :]), "at least 3 x 3"
    elif case == "missing_band":
        path, expected = (
            write_dem(tmp_path / "rgb.tif", np.ones((5, 5)), bands=[np.ones((5, 5))] * 3),
            "band 5 does not exist",
        )
    else:  # a VRT of 200,000 x 200,000 cells: 40 billion cells, created in no time
        small = write_dem(tmp_path / "small.tif", np.ones((5, 5)))
        path = str(tmp_path / "huge.vrt")
        (tmp_path / "huge.vrt").write_text(
            f'<VRTDataset rasterXSize="200000" rasterYSize="200000"><SRS>EPSG:32648</SRS>'
            f"<GeoTransform>600000, 10, 0, 2770000, 0, -10</GeoTransform>"
            f'<VRTRasterBand dataType="Float32" band="1"><SimpleSource><SourceFilename relativeToVRT="0">{small}'
            f"</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand></VRTDataset>"
        )
        expected = "GiB of memory"
    params = {
        "DEM": path,
        "ACCUMULATION": str(tmp_path / "acc.tif"),
        "CORRIDORS": "memory:",
        "CORRIDOR_ZONES": "memory:",
    }
    if case == "missing_band":
        params["BAND"] = 5
    with pytest.raises(QgsProcessingException, match=expected):
        run("urbanization:drainagecorridors", params)
    assert not (tmp_path / "acc.tif").exists()


def test_multi_band_dem_uses_the_chosen_band(run, tmp_path):
    r, c = np.mgrid[0:12, 0:9]
    valley = 100.0 - 0.1 * r + np.abs(c - 4)
    path = write_dem(tmp_path / "bands.tif", valley, bands=[np.zeros((12, 9)), valley])
    result = run(
        "urbanization:drainagecorridors",
        {
            "DEM": path,
            "BAND": 2,
            "MIN_CONTRIBUTING_AREA": 0.5,
            "ACCUMULATION": str(tmp_path / "acc.tif"),
            "CORRIDORS": str(tmp_path / "c.gpkg"),
            "CORRIDOR_ZONES": "memory:",
        },
    )
    lines = list(vector(result["CORRIDORS"]).getFeatures())
    assert len(lines) == 1 and lines[0]["strahler"] == 1
    assert {round(v.x(), 6) for v in lines[0].geometry().vertices()} == {600045.0}


class CancelAt(QgsProcessingFeedback):
    """Presses Cancel once the run has passed `at` percent."""

    def __init__(self, at: float):
        super().__init__()
        self.at = at
        self.progressChanged.connect(self._check)

    def _check(self, value):
        if value >= self.at and not self.isCanceled():
            self.cancel()


@pytest.mark.parametrize("algorithm", ["drainagecorridors", "waterloggingspots"])
def test_cancel_mid_run_leaves_no_output(run, tmp_path, algorithm):
    outputs = {
        "drainagecorridors": {
            "ACCUMULATION": str(tmp_path / "acc.tif"),
            "CORRIDORS": str(tmp_path / "c.gpkg"),
            "CORRIDOR_ZONES": str(tmp_path / "z.gpkg"),
        },
        "waterloggingspots": {"DEPTH": str(tmp_path / "depth.tif"), "DEPRESSIONS": str(tmp_path / "d.gpkg")},
    }
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run(f"urbanization:{algorithm}", {"DEM": DEM, **outputs[algorithm]}, feedback=CancelAt(30))
    assert list(tmp_path.iterdir()) == []


def test_styles_fit_the_outputs(corridors, run, tmp_path):
    from urbanization_planning.layers.styling import STYLES

    result, _ = corridors
    lines = vector(result["CORRIDORS"])
    assert lines.loadNamedStyle(str(STYLES / "drainage_corridors.qml"))[1]
    renderer = lines.renderer()
    assert renderer.classAttribute() == "strahler"
    styled = {int(c.value()) for c in renderer.categories()}
    assert {f["strahler"] for f in lines.getFeatures()} <= styled
    zones = vector(result["CORRIDOR_ZONES"])
    assert zones.loadNamedStyle(str(STYLES / "drainage_zones.qml"))[1]
    assert zones.renderer().classAttribute() == "strahler"
    accumulation = QgsRasterLayer(result["ACCUMULATION"], "acc")
    assert accumulation.loadNamedStyle(str(STYLES / "drainage_accumulation.qml"))[1]
    items = accumulation.renderer().shader().rasterShaderFunction().colorRampItemList()
    stops = [item.value for item in items]
    assert stops[0] == 900 and all(b / a == pytest.approx(10) for a, b in zip(stops[1:], stops[2:]))  # log stretch
    depressions = run(
        "urbanization:waterloggingspots",
        {"DEM": DEM, "DEPRESSIONS": str(tmp_path / "d.gpkg"), "DEPTH": str(tmp_path / "depth.tif")},
    )
    layer = vector(depressions["DEPRESSIONS"])
    assert layer.loadNamedStyle(str(STYLES / "drainage_depressions.qml"))[1]
    assert layer.renderer().classAttribute() == "max_depth_m"
    depth = QgsRasterLayer(depressions["DEPTH"], "depth")
    assert depth.loadNamedStyle(str(STYLES / "drainage_depth.qml"))[1]
    for name in ("drainage_crossings", "drainage_buildings"):
        assert (STYLES / f"{name}.qml").exists()


US_FOOT = 1200.0 / 3937.0  # metres per US survey foot
UTM11_US_FEET = "+proj=utm +zone=11 +datum=WGS84 +units=us-ft +no_defs"


def _dem_in_us_feet(tmp_path) -> tuple[str, str]:
    """A 300 x 300 cut of the bundled DEM (UTM 11N, metres) and the same terrain in US survey
    feet both ways: UTM 11N with a US-feet unit (coordinates / 0.3048006), elevations in feet."""
    from rasterio.windows import Window

    with rasterio.open(DEM) as dataset:
        window = Window(400, 300, 300, 300)
        metres = dataset.read(1, window=window).astype("float64")
        transform, nodata = dataset.window_transform(window), dataset.nodata
    metres_path = write_dem(tmp_path / "metres.tif", np.where(metres == nodata, -9999.0, metres), crs=UTM, cell=30.0)
    with rasterio.open(metres_path, "r+") as out:
        out.transform = transform
    feet = np.where(metres == nodata, -9999.0, metres / US_FOOT)
    feet_path = str(tmp_path / "feet.tif")
    with rasterio.open(
        feet_path,
        "w",
        driver="GTiff",
        width=300,
        height=300,
        count=1,
        dtype="float32",
        crs=rasterio.crs.CRS.from_string(UTM11_US_FEET),
        nodata=-9999.0,
        transform=Affine(30.0 / US_FOOT, 0, transform.c / US_FOOT, 0, -30.0 / US_FOOT, transform.f / US_FOOT),
    ) as out:
        out.write(feet.astype("float32"), 1)
    return metres_path, feet_path


def test_dem_in_us_feet_gives_the_same_corridors_and_depressions(run, tmp_path):
    """Horizontal units from the CRS, vertical from ELEVATION_UNIT: the same terrain in metres and
    in US feet gives the same corridors and depressions, depths and volumes in metres. (Before
    units were considered, the feet DEM's cells counted as 10.8 m² each and its depths as metres.)"""
    metres, feet = _dem_in_us_feet(tmp_path)
    runs = {}
    for name, path, unit in (("metres", metres, "metres"), ("feet", feet, "us_survey_feet")):
        corridors = run(
            "urbanization:drainagecorridors",
            {
                "DEM": path,
                "ELEVATION_UNIT": unit,
                "MIN_CONTRIBUTING_AREA": 20.0,
                "ACCUMULATION": str(tmp_path / f"acc_{name}.tif"),
                "CORRIDORS": "memory:",
                "CORRIDOR_ZONES": "memory:",
            },
        )
        spots = run(
            "urbanization:waterloggingspots",
            {
                "DEM": path,
                "ELEVATION_UNIT": unit,
                "MIN_DEPTH": 0.15,
                "MIN_AREA": 900.0,
                "DEPRESSIONS": "memory:",
                "DEPTH": str(tmp_path / f"depth_{name}.tif"),
            },
        )
        depressions = [(f["max_depth_m"], f["area_m2"], f["volume_m3"]) for f in spots["DEPRESSIONS"].getFeatures()]
        runs[name] = (corridors, spots, depressions)
    (c_m, s_m, d_m), (c_f, s_f, d_f) = runs["metres"], runs["feet"]
    assert c_m["TOTAL_LENGTH_KM"] > 5 and s_m["DEPRESSION_COUNT"] >= 3
    assert c_f["CORRIDORS"].featureCount() == c_m["CORRIDORS"].featureCount()
    assert c_f["TOTAL_LENGTH_KM"] == pytest.approx(c_m["TOTAL_LENGTH_KM"], rel=1e-6)
    assert s_f["DEPRESSION_COUNT"] == s_m["DEPRESSION_COUNT"]
    assert s_f["TOTAL_VOLUME_M3"] == pytest.approx(s_m["TOTAL_VOLUME_M3"], rel=1e-4)
    # max depth (metres, not feet), area, volume; float32 elevations of about 3,300 ft round to
    # 0.25 mm, so a 1 m deep one-cell hollow may hold 0.12 m³ more or less
    for column, relative, absolute in ((0, 1e-4, 5e-4), (1, 1e-6, 0.0), (2, 5e-4, 1e-3)):
        feet_values, metre_values = sorted(d[column] for d in d_f), sorted(d[column] for d in d_m)
        assert feet_values == pytest.approx(metre_values, rel=relative, abs=absolute)
    depth_m_grid, _ = read(tmp_path / "depth_metres.tif")
    depth_f_grid, _ = read(tmp_path / "depth_feet.tif")
    np.testing.assert_allclose(depth_f_grid, depth_m_grid, atol=1e-3)  # the depth raster is in metres too


def test_broken_user_preset_is_an_error_naming_the_file(run, tmp_path, monkeypatch):
    """A planner's drainage.json that does not parse stops the run with its path, instead of the
    built-in values being used without a word."""
    from urbanization_planning.algorithms.drainage.processing import preset as drainage_processing

    (tmp_path / "drainage.json").write_text('{"presets": {"default": ', encoding="utf-8")
    monkeypatch.setattr(drainage_processing, "user_standards_dir", lambda: tmp_path)
    dem = write_dem(tmp_path / "dem.tif", np.add.outer(np.arange(6.0), np.arange(6.0)))
    for algorithm, outputs in (
        (
            "drainagecorridors",
            {"ACCUMULATION": str(tmp_path / "acc.tif"), "CORRIDORS": "memory:", "CORRIDOR_ZONES": "memory:"},
        ),
        ("waterloggingspots", {"DEPTH": str(tmp_path / "depth.tif"), "DEPRESSIONS": "memory:"}),
    ):
        with pytest.raises(QgsProcessingException, match=r"drainage\.json"):
            run(f"urbanization:{algorithm}", {"DEM": dem, **outputs})
    assert not (tmp_path / "acc.tif").exists() and not (tmp_path / "depth.tif").exists()


def test_crs_pyproj_cannot_read_is_an_error_naming_the_layer(monkeypatch):
    """layers/crs.to_pyproj used to return None, and the drainage engines then skipped the
    reprojection of their results without a word."""
    import pyproj

    from urbanization_planning.layers import crs as crs_utils

    with pytest.raises(QgsProcessingException, match="'my dem' has no valid CRS"):
        crs_utils.to_pyproj(QgsCoordinateReferenceSystem(), "my dem")

    def unreadable(*args, **kwargs):
        raise pyproj.exceptions.CRSError("unknown projection")

    monkeypatch.setattr(pyproj.CRS, "from_user_input", unreadable)
    with pytest.raises(QgsProcessingException, match="'my dem'.*unknown projection"):
        crs_utils.to_pyproj(QgsCoordinateReferenceSystem("EPSG:32648"), "my dem")
    with pytest.raises(QgsProcessingException, match="'my dem'"):
        from qgis.core import QgsRectangle

        crs_utils.metric_crs_for(QgsCoordinateReferenceSystem("EPSG:32648"), QgsRectangle(0, 0, 1, 1), None, "my dem")
