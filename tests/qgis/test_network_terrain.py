"""Terrain-aware walking through processing.run: urbanization:parkcoverage with TERRAIN_DEM on a
real SRTM crop of Big Tujunga (tests/data/walking_bigtujunga_crop.tif, 30 m, EPSG:32611) with a
generated street grid, on generated planes in metres and in feet, and bad input."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.qgis.helpers import memory_layer


def centres(transform, cols, rows):
    """Map (x, y) of cell centres (col, row index arrays) of a north-up grid, by the transform's
    coefficients (affine 3 deprecates `*`, affine 2 has no `@`)."""
    return transform.c + (cols + 0.5) * transform.a, transform.f + (rows + 0.5) * transform.e


CROP = Path(__file__).resolve().parents[1] / "data" / "walking_bigtujunga_crop.tif"
X0, Y0 = 382313.6554542635, 3788717.8276283755  # crop's lower-left corner (EPSG:32611)


def _grid(x0: float, y0: float, n: int = 11, step: float = 100.0, crs: str = "EPSG:32611"):
    """n x n streets `step` apart from (x0, y0), a vertex at every crossing."""
    ticks = [i * step for i in range(n)]
    rows = ["LINESTRING(" + ",".join(f"{x0 + x} {y0 + y}" for x in ticks) + ")" for y in ticks]
    cols = ["LINESTRING(" + ",".join(f"{x0 + x} {y0 + y}" for y in ticks) + ")" for x in ticks]
    return memory_layer("LineString", crs, rows + cols, {"highway": ["residential"] * (2 * n)})


def _homes(x0: float, y0: float, n: int = 11, step: float = 100.0, crs: str = "EPSG:32611"):
    """A home 4 m off every street, mid-block; population 10 each."""
    wkts = [f"POINT({x0 + i * step + step / 2} {y0 + j * step + 4})" for i in range(n - 1) for j in range(n)]
    return memory_layer("Point", crs, wkts, {"population": [10.0] * len(wkts)})


def _park(x: float, y: float, crs: str = "EPSG:32611"):
    """A 1.44 hm2 park (a 'park' of green300_park500: 500 m) centred at (x, y)."""
    wkt = f"POLYGON(({x - 60} {y - 60},{x + 60} {y - 60},{x + 60} {y + 60},{x - 60} {y + 60},{x - 60} {y - 60}))"
    return memory_layer("Polygon", crs, [wkt], {"name": ["Park"]})


def _parameters(network, homes, park, **extra):
    parameters = {
        "PARKS": park,
        "PARK_NAME_FIELD": "name",
        "NETWORK": network,
        "RESIDENTIAL": homes,
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
    }
    parameters.update(extra)
    return parameters


def _features(results, key):
    value = results[key]
    layer = value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(value)
    return list(layer.getFeatures())


def _number(value) -> float:
    """A field value as a float, inf for NULL (QVariant NULL is not None)."""
    return float(value) if isinstance(value, (int, float)) and not math.isnan(value) else math.inf


class _Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushWarning(self, text):  # noqa: N802
        self.lines.append(text)
        super().pushWarning(text)

    def pushInfo(self, text):  # noqa: N802
        self.lines.append(text)
        super().pushInfo(text)


def test_real_dem_flat_vs_terrain(run, tmp_path):
    # A 1 km street grid on the Big Tujunga crop (median slope 10 %), park in the middle.
    x0, y0 = X0 + 100, Y0 + 100
    inputs = (_grid(x0, y0), _homes(x0, y0), _park(x0 + 500, y0 + 500))
    flat = run("urbanization:parkcoverage", _parameters(*inputs))
    report = tmp_path / "terrain.html"
    log = _Log()
    hill = run(
        "urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=str(CROP), REPORT=str(report)), feedback=log
    )
    # The standard's figures are the same with or without the DEM.
    assert hill["COVERAGE_RATE_AREA"] == flat["COVERAGE_RATE_AREA"]
    assert hill["COVERAGE_RATE_POPULATION"] == flat["COVERAGE_RATE_POPULATION"]
    assert "TERRAIN_RATE" not in flat or flat["TERRAIN_RATE"] is None
    homes = _features(hill, "RESIDENTIAL_RESULT")
    assert "walk_m" not in _features(flat, "RESIDENTIAL_RESULT")[0].fields().names()
    covered = sum(bool(f["covered"]) for f in homes)
    terrain = sum(bool(f["covered_terrain"]) for f in homes)
    losing = sum(bool(f["loses_coverage"]) for f in homes)
    # the README's figures (Terrain-aware walking): 86 of 110 homes by distance, 71 in walking time
    assert (len(homes), covered, terrain, losing) == (110, 86, 71, 15)
    assert hill["TERRAIN_RATE"] == pytest.approx(terrain / len(homes))
    walked = [f for f in homes if math.isfinite(_number(f["walk_m"]))]
    assert len(walked) > 80
    for f in walked:
        # never faster than Tobler's 6 km/h: flat-equivalent >= walk * 5.0367 / 6
        assert f["flat_equivalent_m"] >= f["walk_m"] * 5.0367 / 6 - 1e-6
        assert f["walk_min"] == pytest.approx(f["flat_equivalent_m"] / 83.9457, rel=1e-4)
        # one park: no walk to it is shorter than the shortest (the standard's distance)
        assert f["walk_m"] >= _number(f["distance_m"]) - 1e-6 or not math.isfinite(_number(f["distance_m"]))
    total = _features(hill, "SUMMARY")[-1]
    assert total["homes_losing_coverage"] == losing
    assert total["population_losing_coverage"] == pytest.approx(10 * losing)
    assert any("Flat vs terrain" in line for line in log.lines)
    assert any("edges draped" in line for line in log.lines)
    text = report.read_text(encoding="utf-8")
    assert "Flat vs terrain" in text


def _plane(path, crs_wkt: str, transform, shape, elevation):
    import rasterio

    with rasterio.open(
        path, "w", driver="GTiff", height=shape[0], width=shape[1], count=1, dtype="float32",
        crs=crs_wkt, transform=transform, nodata=-9999.0,
    ) as dataset:  # fmt: skip
        dataset.write(elevation.astype("float32"), 1)
    return str(path)


GK102 = "+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units={} +no_defs"
XC, YC = 500000.0, 2770000.0  # near Kunming in EPSG:4543


def _hill_rasters(tmp_path):
    """z = 2000 + 0.1 (y - YC) m on a 5 m grid in EPSG:4543 metres, and the same hill on a grid in
    feet (the same projection in international feet) holding feet."""
    from affine import Affine
    from pyproj import CRS

    size = 400
    metres_t = Affine(5, 0, XC - 1000, 0, -5, YC + 1000)
    rows, cols = np.mgrid[0:size, 0:size]
    _, y = centres(metres_t, cols, rows)
    metres = _plane(
        tmp_path / "hill_m.tif", CRS.from_epsg(4543).to_wkt(), metres_t, (size, size), 2000 + 0.1 * (y - YC)
    )
    ft = 0.3048
    feet_t = Affine(16, 0, (XC - 1000) / ft, 0, -16, (YC + 1000) / ft)
    fsize = int(2000 / ft / 16)
    rows, cols = np.mgrid[0:fsize, 0:fsize]
    _, yf = centres(feet_t, cols, rows)
    z_feet = (2000 + 0.1 * (yf * ft - YC)) / ft
    feet = _plane(tmp_path / "hill_ft.tif", CRS.from_proj4(GK102.format("ft")).to_wkt(), feet_t, (fsize, fsize), z_feet)
    return metres, feet


def test_same_hill_in_metres_and_feet(run, tmp_path):
    metres, feet = _hill_rasters(tmp_path)
    x0, y0 = XC - 500, YC - 500
    inputs = (_grid(x0, y0, crs="EPSG:4543"), _homes(x0, y0, crs="EPSG:4543"), _park(XC, YC, crs="EPSG:4543"))
    a = run("urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=metres))
    b = run("urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=feet, TERRAIN_ELEVATION_UNIT="feet"))
    fa = [f["flat_equivalent_m"] for f in _features(a, "RESIDENTIAL_RESULT")]
    fb = [f["flat_equivalent_m"] for f in _features(b, "RESIDENTIAL_RESULT")]
    assert fb == pytest.approx(fa, rel=1e-4)
    assert a["TERRAIN_RATE"] == b["TERRAIN_RATE"] < a["COVERAGE_RATE_POPULATION"]


def test_flat_dem_gives_the_flat_figure(run, tmp_path):
    from affine import Affine
    from pyproj import CRS

    flat = _plane(
        tmp_path / "flat.tif", CRS.from_epsg(4543).to_wkt(), Affine(5, 0, XC - 1000, 0, -5, YC + 1000), (400, 400),
        np.full((400, 400), 1900.0),
    )  # fmt: skip
    x0, y0 = XC - 500, YC - 500
    inputs = (_grid(x0, y0, crs="EPSG:4543"), _homes(x0, y0, crs="EPSG:4543"), _park(XC, YC, crs="EPSG:4543"))
    result = run("urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=flat))
    homes = _features(result, "RESIDENTIAL_RESULT")
    assert [f["covered_terrain"] for f in homes] == [f["covered"] for f in homes]
    assert [f["flat_equivalent_m"] for f in homes] == [f["distance_m"] for f in homes]


def test_dem_not_covering_the_network(run):
    # The grid runs 700 m off the 1.2 km crop: most of it uncovered, more than 5 %: a clear stop.
    x0, y0 = X0 + 600, Y0 + 100
    inputs = (_grid(x0, y0), _homes(x0, y0), _park(x0 + 500, y0 + 500))
    with pytest.raises(QgsProcessingException, match="uncovered"):
        run("urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=str(CROP)))
    log = _Log()
    result = run(
        "urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=str(CROP), TERRAIN_MAX_UNCOVERED=100), log
    )
    assert result["TERRAIN_RATE"] is not None
    assert any("does not cover" in line and "walked flat" in line for line in log.lines)


def test_nodata_gap_walks_flat_and_is_counted(run, tmp_path):
    import rasterio

    with rasterio.open(CROP) as source:
        profile, cells = source.profile, source.read(1)
    cells[:, 18:28] = profile["nodata"]  # a 300 m wide band of nodata across the grid
    holed = tmp_path / "holed.tif"
    with rasterio.open(holed, "w", **profile) as target:
        target.write(cells, 1)
    x0, y0 = X0 + 100, Y0 + 100
    log = _Log()
    run(
        "urbanization:parkcoverage",
        _parameters(_grid(x0, y0), _homes(x0, y0), _park(x0 + 500, y0 + 500), TERRAIN_DEM=str(holed)),
        log,
    )
    line = next(line for line in log.lines if "edges draped" in line)
    assert "0 edges walked flat for nodata" not in line


def test_facility_coverage_and_park_equity_with_terrain(run):
    # The same grid and crop: a market at the park's place; equity decays on walking time.
    x0, y0 = X0 + 100, Y0 + 100
    network, homes = _grid(x0, y0), _homes(x0, y0)
    market = memory_layer("Point", "EPSG:32611", [f"POINT({x0 + 500} {y0 + 503})"], {"kind": ["market"]})
    facilities = {
        "FACILITIES": market,
        "TYPE_FIELD": "kind",
        "RESIDENTIAL": homes,
        "POPULATION_FIELD": "population",
        "NETWORK": network,
        "RESULT": "memory:",
        "SUMMARY": "memory:",
        "UNDERSERVED": "memory:",
    }
    flat = run("urbanization:facilitycoverage", facilities)
    hill = run("urbanization:facilitycoverage", {**facilities, "TERRAIN_DEM": str(CROP)})
    assert hill["MEAN_COMPLETENESS"] == flat["MEAN_COMPLETENESS"]  # the standard's figure
    rows = _features(hill, "RESULT")
    assert "ct_market" in rows[0].fields().names() and "ft_market" not in _features(flat, "RESULT")[0].fields().names()
    for f in rows:
        assert bool(f["ct_market"]) == (_number(f["ft_market"]) <= 500 + 1e-9)
    total = [f for f in _features(hill, "SUMMARY") if f["district"] == "(all)"][0]
    assert total["homes_covered_terrain"] == sum(bool(f["ct_market"]) for f in rows)

    equity = {
        "PARKS": _park(x0 + 500, y0 + 500),
        "PARK_NAME_FIELD": "name",
        "NETWORK": network,
        "RESIDENTIAL": homes,
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
    }
    flat = run("urbanization:parkequity", equity)
    hill = run("urbanization:parkequity", {**equity, "TERRAIN_DEM": str(CROP)})
    f_scores = [f["score_m2"] for f in _features(flat, "OUTPUT")]
    h_rows = _features(hill, "OUTPUT")
    assert [f["score_m2"] for f in h_rows] == pytest.approx(f_scores)
    terrain = [f["score_terrain_m2"] for f in h_rows]
    assert terrain != pytest.approx(f_scores)
    summary = _features(hill, "SUMMARY")[-1]
    assert summary["mean_m2_terrain"] is not None and summary["population_below_terrain"] >= 0


def test_station_catchments_on_time(run, tmp_path):
    # A station in the grid's middle on the Big Tujunga crop: catchments by distance (the figure
    # as today) with the terrain-aware ones beside them; the population polygons are the blocks.
    x0, y0 = X0 + 100, Y0 + 100
    station = memory_layer("Point", "EPSG:32611", [f"POINT({x0 + 500} {y0 + 502})"], {"name": ["Hill"]})
    blocks = [
        f"POLYGON(({x0 + i * 100 + 5} {y0 + j * 100 + 5},{x0 + i * 100 + 95} {y0 + j * 100 + 5},"
        f"{x0 + i * 100 + 95} {y0 + j * 100 + 95},{x0 + i * 100 + 5} {y0 + j * 100 + 95},"
        f"{x0 + i * 100 + 5} {y0 + j * 100 + 5}))"
        for i in range(10)
        for j in range(10)
    ]
    population = memory_layer("Polygon", "EPSG:32611", blocks, {"population": [100.0] * len(blocks)})
    parameters = {
        "STATIONS": station,
        "STATION_NAME_FIELD": "name",
        "NETWORK": _grid(x0, y0),
        "BANDS": "300,500",
        "POPULATION": population,
        "POPULATION_FIELD": "population",
        "ALLOCATION": "overlapping",
        "CATCHMENTS": str(tmp_path / "flat.gpkg"),
        "STATION_SUMMARY": str(tmp_path / "flat_summary.gpkg"),
    }
    flat = run("urbanization:stationcatchments", parameters)
    log = _Log()
    hill = run(
        "urbanization:stationcatchments",
        {
            **parameters,
            "TERRAIN_DEM": str(CROP),
            "CATCHMENTS": str(tmp_path / "hill.gpkg"),
            "STATION_SUMMARY": str(tmp_path / "hill_summary.gpkg"),
            "CATCHMENTS_TERRAIN": str(tmp_path / "hill_terrain.gpkg"),
        },
        log,
    )
    assert "CATCHMENTS_TERRAIN" not in flat or flat["CATCHMENTS_TERRAIN"] is None
    on_time = {f["band_m"]: f for f in _features(hill, "CATCHMENTS_TERRAIN")}
    by_band = {f["band_m"]: f for f in _features(hill, "CATCHMENTS")}
    flat_band = {f["band_m"]: f for f in _features(flat, "CATCHMENTS")}
    for band in (300, 500):
        assert by_band[band]["area_m2"] == pytest.approx(flat_band[band]["area_m2"])  # distance figure unchanged
        assert by_band[band]["area_terrain_m2"] != pytest.approx(by_band[band]["area_m2"], rel=1e-3)
        assert 0 < by_band[band]["pedshed_terrain"] < 1
        # the terrain polygons, built as the distance ones, measure what the columns say
        assert on_time[band].geometry().area() == pytest.approx(by_band[band]["area_terrain_m2"], rel=1e-6)
        assert on_time[band]["area_m2"] == pytest.approx(by_band[band]["area_terrain_m2"])
    summary = _features(hill, "STATION_SUMMARY")[0]
    assert summary["pedshed_terrain_500"] == pytest.approx(by_band[500]["pedshed_terrain"])
    assert any("Flat vs terrain" in line for line in log.lines)


def express_on_a_north_slope(tmp_path, names=("甲", "乙", "丙")) -> tuple[dict, str]:
    """The express test's 1 km grid (EPSG:3395) with three stations and two population cells, and a
    DEM rising 20 % to the north from the line along its south edge: (parameters, DEM path)."""
    from affine import Affine
    from pyproj import CRS

    from .test_transit_catchments import grid_streets

    transform = Affine(10, 0, -200, 0, -10, 1200)
    rows, cols = np.mgrid[0:140, 0:140]
    _, y = centres(transform, cols, rows)
    dem = _plane(tmp_path / "north.tif", CRS.from_epsg(3395).to_wkt(), transform, (140, 140), 500 + 0.2 * y)
    stations = memory_layer(
        "Point",
        "EPSG:3395",
        ["POINT(0 0)", "POINT(1000 0)", "POINT(1000 1000)"],
        {"station_id": list(names), "name": list(names), "line": ["L"] * 3, "order": [1, 2, 3]}
        | {"express": [1, 0, 1]},
    )
    cells = memory_layer(
        "Polygon",
        "EPSG:3395",
        ["POLYGON((0 0, 1000 0, 1000 500, 0 500, 0 0))", "POLYGON((0 500, 1000 500, 1000 1000, 0 1000, 0 500))"],
        {"people": [2000.0, 6000.0]},
    )
    parameters = {
        "STATIONS": stations,
        "STATION_ID_FIELD": "station_id",
        "STATION_NAME_FIELD": "name",
        "LINE_FIELD": "line",
        "ORDER_FIELD": "order",
        "EXPRESS_FIELD": "express",
        "DESTINATION": names[0],
        "NETWORK": grid_streets(),
        "POPULATION": cells,
        "POPULATION_FIELD": "people",
        "COMMUTE_MINUTES": "5,10,15",
        "STATION_TIMES": "memory:",
        "COMMUTE_ISOCHRONES": "memory:",
    }
    return parameters, dem


def test_express_walk_legs_on_the_terrain(run, tmp_path):
    # The express test's 1 km grid (EPSG:3395) on a hill rising 20 % to the north from the line
    # along its south edge: every walk to a station goes downhill at -20 %, Tobler's
    # exp(3.5 (0.15 - 0.05)) = 1.419 times the flat time, so the terrain isochrones hold fewer people.
    parameters, dem = express_on_a_north_slope(tmp_path)
    flat = run("urbanization:expressservice", parameters)
    hill = run("urbanization:expressservice", {**parameters, "TERRAIN_DEM": dem})
    f_rows = {(f["pattern"], f["minutes"]): f for f in flat["COMMUTE_ISOCHRONES"].getFeatures()}
    h_rows = {(f["pattern"], f["minutes"]): f for f in hill["COMMUTE_ISOCHRONES"].getFeatures()}
    for key, row in h_rows.items():
        assert row["population_covered"] == pytest.approx(f_rows[key]["population_covered"])  # as without a DEM
        assert row["area_terrain_m2"] <= row["area_m2"] + 1e-6
    assert any(row["area_terrain_m2"] < 0.9 * row["area_m2"] for row in h_rows.values())


def test_city_health_check_walking_indicators_on_the_terrain(run):
    # The health check's park coverage (mohurd_2021: 2000 m2 300 m, 5000 m2 500 m) with the DEM
    # gives the same terrain figure as parkcoverage with those rules, beside the standard value.
    from qgis.core import QgsProcessingUtils

    x0, y0 = X0 + 100, Y0 + 100
    network, homes, park = _grid(x0, y0), _homes(x0, y0), _park(x0 + 500, y0 + 500)
    check = run(
        "urbanization:cityhealthcheck",
        {
            "EDITION": "mohurd_2021",
            "PARKS": park,
            "PARK_NAME_FIELD": "name",
            "NETWORK": network,
            "RESIDENTIAL": homes,
            "POPULATION_FIELD": "population",
            "TERRAIN_DEM": str(CROP),
            "INDICATORS": "memory:",
            "REPORT": None,
        },
    )
    value = check["INDICATORS"]
    layer = value if isinstance(value, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(value, None)
    rows = {f["indicator"]: f for f in layer.getFeatures() if f["scope"] == "(all)"}
    alone = run(
        "urbanization:parkcoverage",
        _parameters(
            network,
            homes,
            park,
            STANDARD="custom",
            CUSTOM_RULES="2000: 300: garden\n5000: 500: park",
            TERRAIN_DEM=str(CROP),
        ),
    )
    assert rows["park_coverage"]["value"] == pytest.approx(100 * alone["COVERAGE_RATE_AREA"], rel=1e-9)
    assert rows["park_coverage"]["value_terrain"] == pytest.approx(100 * alone["TERRAIN_RATE"], rel=1e-9)
    assert rows["park_coverage"]["value_terrain"] < rows["park_coverage"]["value"]


def test_city_health_check_station_indicator_on_the_terrain(run, tmp_path):
    # 轨道站点周边覆盖通勤比例 (800 m): the walk from the home to the station on the DEM.
    from qgis.core import QgsProcessingUtils

    x0, y0 = X0 + 100, Y0 + 100
    station = memory_layer("Point", "EPSG:32611", [f"POINT({x0 + 500} {y0 + 502})"], {"name": ["Hill"]})
    blocks = [
        f"POLYGON(({x0 + i * 100 + 5} {y0 + j * 100 + 5},{x0 + i * 100 + 95} {y0 + j * 100 + 5},"
        f"{x0 + i * 100 + 95} {y0 + j * 100 + 95},{x0 + i * 100 + 5} {y0 + j * 100 + 95},"
        f"{x0 + i * 100 + 5} {y0 + j * 100 + 5}))"
        for i in range(10)
        for j in range(10)
    ]
    residential = memory_layer("Polygon", "EPSG:32611", blocks, {"population": [100.0] * len(blocks)})
    parameters = {
        "EDITION": "mohurd_2021",
        "NETWORK": _grid(x0, y0),
        "RESIDENTIAL": residential,
        "POPULATION_FIELD": "population",
        "STATIONS": station,
        "INDICATORS": "memory:",
        "REPORT": None,
    }

    def city(result):
        value = result["INDICATORS"]
        layer = value if isinstance(value, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(value, None)
        return {f["indicator"]: f for f in layer.getFeatures() if f["scope"] == "(all)"}

    flat = city(run("urbanization:cityhealthcheck", parameters))
    hill = city(run("urbanization:cityhealthcheck", {**parameters, "TERRAIN_DEM": str(CROP)}))
    assert hill["station_commute"]["value"] == pytest.approx(flat["station_commute"]["value"])
    assert "value_terrain" not in flat["station_commute"].fields().names()
    assert 0 < hill["station_commute"]["value_terrain"] < hill["station_commute"]["value"]


def test_naismith_function_through_processing(run):
    x0, y0 = X0 + 100, Y0 + 100
    inputs = (_grid(x0, y0), _homes(x0, y0), _park(x0 + 500, y0 + 500))
    tobler = run("urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=str(CROP)))
    naismith = run(
        "urbanization:parkcoverage", _parameters(*inputs, TERRAIN_DEM=str(CROP), TERRAIN_FUNCTION="naismith")
    )
    assert naismith["TERRAIN_RATE"] != tobler["TERRAIN_RATE"]
    for f in _features(naismith, "RESIDENTIAL_RESULT"):
        if math.isfinite(_number(f["walk_m"])):
            # never below the flat walk (descents as the flat), minutes at 3 mph = 80.467 m/min
            assert f["flat_equivalent_m"] >= f["walk_m"] - 1e-6
            assert f["walk_min"] == pytest.approx(f["flat_equivalent_m"] / 80.4672, rel=1e-6)


def test_every_walking_algorithm_has_the_terrain_group(provider):
    from qgis.core import QgsApplication

    for algorithm_id in (
        "parkcoverage",
        "facilitycoverage",
        "parkequity",
        "stationcatchments",
        "expressservice",
        "cityhealthcheck",
    ):
        algorithm = QgsApplication.processingRegistry().algorithmById(f"urbanization:{algorithm_id}")
        dem = algorithm.parameterDefinition("TERRAIN_DEM")
        assert dem is not None and dem.flags() & dem.Flag.FlagOptional, algorithm_id
        assert algorithm.parameterDefinition("TERRAIN_ELEVATION_UNIT").defaultValue() == "metres"
        assert algorithm.parameterDefinition("TERRAIN_MAX_UNCOVERED").defaultValue() == 5.0
        assert algorithm.parameterDefinition("TERRAIN_FUNCTION").defaultValue() == "tobler"


def test_green_city_model_passes_the_terrain_dem(run, tmp_path):
    # urbanization:greencityassessment's optional terrain_dem reaches park and facility coverage.
    x0, y0 = X0 + 100, Y0 + 100
    market = memory_layer("Point", "EPSG:32611", [f"POINT({x0 + 500} {y0 + 503})"], {"kind": ["market"]})
    results = run(
        "urbanization:greencityassessment",
        {
            "parks": _park(x0 + 500, y0 + 500),
            "network": _grid(x0, y0),
            "terrain_dem": str(CROP),
            "residential": _homes(x0, y0),
            "population_field": "population",
            "facilities": market,
            "type_field": "kind",
            "type_mapping": "market = market",
            "title": "地形测试",
            "parkcoverage:Park service areas": str(tmp_path / "service.gpkg"),
            "parkcoverage:Residential park coverage": str(tmp_path / "homes_parks.gpkg"),
            "facilitycoverage:Living circle coverage": str(tmp_path / "homes_circle.gpkg"),
            "exportplanningmap:Map sheet": str(tmp_path / "sheet.pdf"),
        },
    )
    homes = QgsVectorLayer(results["parkcoverage:Residential park coverage"])
    assert {"walk_m", "walk_min", "flat_equivalent_m", "covered_terrain"} <= set(homes.fields().names())
    circle = QgsVectorLayer(results["facilitycoverage:Living circle coverage"])
    assert "ct_market" in circle.fields().names()
