"""urbanization:cityhealthcheck by id: the hand-made city of tests/unit/test_healthcheck_indicators.py
(hand computations there) through Processing, and each indicator against the standalone algorithm
it reuses (parkcoverage, facilitycoverage, stationcatchments, waterloggingspots) on the same data."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingUtils, QgsVectorLayer

from tests.conftest import SAMPLE_DATA
from tests.unit.test_healthcheck_indicators import CRS, hand_city

from .helpers import memory_layer

pytestmark = pytest.mark.usefixtures("provider")


def _layer(kind, geometries, fields=None, name="layer"):
    return memory_layer(kind, CRS, [g.wkt for g in geometries], fields or {}, name=name)


@pytest.fixture
def hand_layers():
    """The hand-made city as memory layers (EPSG:4547)."""
    city = hand_city()
    return {
        "BUILT_UP": _layer("Polygon", city.built_up, name="built_up"),
        "ADMIN_AREA": _layer("Polygon", city.admin_area, name="admin"),
        "DISTRICTS": _layer(
            "Polygon", city.districts.geometry, {"name": list(city.districts["name"])}, name="districts"
        ),
        "DISTRICT_NAME_FIELD": "name",
        "RESIDENTIAL": _layer(
            "Polygon", city.residential.geometry, {"pop": [float(p) for p in city.population]}, name="homes"
        ),
        "POPULATION_FIELD": "pop",
        "PARKS": _layer("Polygon", city.parks.geometry, {"name": list(city.parks["name"])}, name="parks"),
        "PARK_NAME_FIELD": "name",
        "GREENWAYS": _layer("LineString", city.greenways, name="greenways"),
        "FACILITIES": _layer("Point", city.facilities.geometry, {"kind": list(city.facility_types)}, name="facilities"),
        "FACILITY_TYPE_FIELD": "kind",
        "NETWORK": _layer("LineString", city.roads, {"highway": ["primary", "secondary"]}, name="roads"),
        "WATERLOGGING_POINTS": _layer("Point", city.waterlogging_points, name="spots"),
        "CORRIDORS": _layer("Polygon", city.corridors, name="corridors"),
        "REQUIRED_CORRIDORS": _layer("LineString", city.required_corridors, name="required"),
    }


def _features(result, key, context=None):
    layer = (
        result[key]
        if isinstance(result[key], QgsVectorLayer)
        else QgsProcessingUtils.mapLayerFromString(result[key], context)
    )
    return [dict(zip(f.fields().names(), f.attributes())) for f in layer.getFeatures()]


def _city_values(rows):
    return {r["indicator"]: r["value"] for r in rows if r["scope"] == "(all)"}


def test_hand_city_through_processing(run, hand_layers, tmp_path):
    parameters = dict(
        hand_layers,
        EDITION="mohurd_2021",
        NETWORK=None,
        INDICATORS="memory:",
        WATERLOGGING_SPOTS="memory:",
        DENSE_LAND="memory:",
        CLUSTERS="memory:",
        CITY_ROADS="memory:",
        REPORT=str(tmp_path / "check.html"),
    )
    roads = hand_layers["NETWORK"]  # without it the distances are straight-line, as computed by hand
    result = run("urbanization:cityhealthcheck", parameters)
    rows = _features(result, "INDICATORS")
    values = _city_values(rows)
    assert values["development_intensity"] == pytest.approx(31.25)
    assert values["cluster_size"] == pytest.approx(4.0)
    assert values["dense_land"] == pytest.approx(0.02)
    assert values["waterlogging_density"] == pytest.approx(0.6)
    assert values["eco_corridor"] == pytest.approx(50.0)
    assert values["park_coverage"] == pytest.approx(50.0)
    assert values["greenway_coverage"] == pytest.approx(50.0)
    assert values["community_commerce"] == pytest.approx(100 * 100 / 510)
    park_west = [r for r in rows if r["indicator"] == "park_coverage" and r["scope"] == "West"][0]
    assert park_west["value"] == pytest.approx(100 * 2 / 3)
    assert park_west["passed"] is False
    not_computed = {r["indicator"]: r["needs"] for r in rows if r["scope"] == "(all)" and not r["computed"]}
    assert not_computed == {
        "station_commute": "stations,network",
        "road_density": "roads",
        "elderly_care_coverage": "facilities:elderly_day_care",
    }
    assert result["NOT_COMPUTED"] == 3
    assert len(_features(result, "WATERLOGGING_SPOTS")) == 3
    assert len(_features(result, "DENSE_LAND")) == 2
    html = (tmp_path / "check.html").read_text(encoding="utf-8")
    assert "公园绿地服务半径覆盖率" in html and "West" in html

    # the road network density reads the road classes of the network layer
    with_roads = run("urbanization:cityhealthcheck", dict(parameters, NETWORK=roads, REPORT=None))
    assert _city_values(_features(with_roads, "INDICATORS"))["road_density"] == pytest.approx(1.0)


def test_facility_indicator_equals_facilitycoverage(run, hand_layers):
    city = run(
        "urbanization:cityhealthcheck",
        dict(hand_layers, EDITION="mohurd_2023", NETWORK=None, BUILT_UP=None, INDICATORS="memory:", REPORT=None),
    )
    values = _city_values(_features(city, "INDICATORS"))
    alone = run(
        "urbanization:facilitycoverage",
        {
            "FACILITIES": hand_layers["FACILITIES"],
            "TYPE_FIELD": "kind",
            "RESIDENTIAL": hand_layers["RESIDENTIAL"],
            "POPULATION_FIELD": "pop",
            "RESULT": "memory:",
            "SUMMARY": "memory:",
            "UNDERSERVED": "memory:",
        },
    )
    summary = {(r["type"], r["district"]): r["share_population"] for r in _features(alone, "SUMMARY")}
    assert values["kindergarten_coverage"] == pytest.approx(100 * summary[("kindergarten", "(all)")])
    assert values["community_commerce"] == pytest.approx(100 * summary[("market", "(all)")])


HELSINKI = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = f"{SAMPLE_DATA}/helsinki_population_grid_2020.gpkg|layername=population_grid_2020"


def helsinki_parameters(**extra) -> dict:
    return dict(
        {
            "EDITION": "mohurd_2021",
            "PARKS": f"{HELSINKI}|layername=parks",
            "PARK_NAME_FIELD": "name",
            "NETWORK": f"{HELSINKI}|layername=roads",
            "RESIDENTIAL": GRID,
            "POPULATION_FIELD": "population",
            "STATIONS": f"{HELSINKI}|layername=rail_stations",
            "INDICATORS": "memory:",
            "REPORT": None,
        },
        **extra,
    )


def test_helsinki_park_and_station_indicators_equal_the_standalone_algorithms(run):
    city = _city_values(_features(run("urbanization:cityhealthcheck", helsinki_parameters()), "INDICATORS"))
    park = run(
        "urbanization:parkcoverage",
        {
            "PARKS": f"{HELSINKI}|layername=parks",
            "PARK_NAME_FIELD": "name",
            "NETWORK": f"{HELSINKI}|layername=roads",
            "RESIDENTIAL": GRID,
            "POPULATION_FIELD": "population",
            "STANDARD": "custom",
            "CUSTOM_RULES": "2000: 300: garden\n5000: 500: park",
            "SERVICE_AREAS": "memory:",
            "RESIDENTIAL_RESULT": "memory:",
            "UNDERSERVED": "memory:",
            "SUMMARY": "memory:",
        },
    )
    assert city["park_coverage"] == pytest.approx(100 * park["COVERAGE_RATE_AREA"], rel=1e-9)
    stations = run(
        "urbanization:stationcatchments",
        {
            "STATIONS": f"{HELSINKI}|layername=rail_stations",
            "NETWORK": f"{HELSINKI}|layername=roads",
            "BANDS": "800",
            "POPULATION": GRID,
            "POPULATION_FIELD": "population",
            "CATCHMENTS": "memory:",
            "STATION_SUMMARY": "memory:",
        },
    )
    assert city["station_commute"] == pytest.approx(
        100 * stations["POPULATION_COVERED"] / stations["POPULATION_TOTAL"], rel=1e-9
    )
    assert 0 < city["station_commute"] < 100


def test_waterlogging_from_a_dem_equals_waterloggingspots(run, tmp_path):
    import rasterio
    from rasterio.windows import Window

    dem = tmp_path / "dem.tif"
    with rasterio.open(SAMPLE_DATA / "bigtujunga.tif") as dataset:
        window = Window(400, 200, 200, 200)
        profile = dict(dataset.profile, width=200, height=200, transform=dataset.window_transform(window))
        with rasterio.open(dem, "w", **profile) as out:
            out.write(dataset.read(1, window=window), 1)
        left, bottom, right, top = rasterio.windows.bounds(window, dataset.transform)
    alone = run(
        "urbanization:waterloggingspots", {"DEM": str(dem), "DEPRESSIONS": "memory:", "DEPTH": "TEMPORARY_OUTPUT"}
    )
    built_up = memory_layer("Polygon", "EPSG:32611", [shapely.box(left, bottom, right, top).wkt])
    city = run(
        "urbanization:cityhealthcheck",
        {
            "EDITION": "mohurd_2021",
            "BUILT_UP": built_up,
            "DEM": str(dem),
            "INDICATORS": "memory:",
            "WATERLOGGING_SPOTS": "memory:",
        },
    )
    assert alone["DEPRESSION_COUNT"] > 0
    assert len(_features(city, "WATERLOGGING_SPOTS")) == alone["DEPRESSION_COUNT"]
    value = _city_values(_features(city, "INDICATORS"))["waterlogging_density"]
    assert value == pytest.approx(alone["DEPRESSION_COUNT"] / ((right - left) * (top - bottom) / 1e6))


def test_no_layer_at_all_is_refused_by_name(run):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="at least one layer"):
        run("urbanization:cityhealthcheck", {"INDICATORS": "memory:"})


def test_every_indicator_is_listed_with_its_needs(run):
    result = run(
        "urbanization:cityhealthcheck",
        {"EDITION": "mohurd_2023", "RESIDENTIAL": GRID, "POPULATION_FIELD": "population", "INDICATORS": "memory:"},
    )
    rows = [r for r in _features(result, "INDICATORS") if r["scope"] == "(all)"]
    from urbanization_planning.algorithms.healthcheck.definitions import edition

    assert [r["indicator"] for r in rows] == [i.key for i in edition("mohurd_2023").indicators]
    computed = {r["indicator"] for r in rows if r["computed"]}
    assert computed == {"dense_land"}
    assert all(r["needs"] for r in rows if not r["computed"])
    assert np.isfinite(rows[[r["indicator"] for r in rows].index("dense_land")]["value"])


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="poppler-utils is not installed")
def test_model_runs_the_check_and_the_map_sheet_on_helsinki(run, tmp_path):
    from qgis.core import QgsProcessingModelAlgorithm

    from tests.conftest import ROOT
    from tests.qgis.test_mapping_models import pdf_text

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(ROOT / "resources" / "models" / "city_health_check.model3"))
    assert sorted(model.childAlgorithms()) == ["cityhealthcheck", "exportplanningmap"]
    sheet = tmp_path / "check.pdf"
    results = run(
        model,
        {
            "edition": "mohurd_2021",
            "built_up": f"{SAMPLE_DATA}/planning_sample.gpkg|layername=development_boundary",
            "residential": GRID,
            "population_field": "population",
            "parks": f"{HELSINKI}|layername=parks",
            "network": f"{HELSINKI}|layername=roads",
            "stations": f"{HELSINKI}|layername=rail_stations",
            "title": "赫尔辛基城市体检示例图",
            "cityhealthcheck:Health check indicators": str(tmp_path / "indicators.gpkg"),
            "exportplanningmap:Map sheet": str(sheet),
        },
    )
    layer = QgsVectorLayer(results["cityhealthcheck:Health check indicators"])
    values = {f["indicator"]: f["value"] for f in layer.getFeatures() if f["scope"] == "(all)"}
    assert 0 < values["park_coverage"] <= 100 and values["cluster_size"] > 0
    assert "赫尔辛基城市体检示例图" in pdf_text(sheet)


def test_helsinki_figures_printed_by_make_demo(run):
    """README, City health check: the indicators scripts/demo.d/60_healthcheck.sh prints (the grid
    cells touching the OSM extract, districts a 2 x 2 grid, edition mohurd_2023)."""
    extent = "24.9351837,24.9534132,60.1641581,60.1791074 [EPSG:4326]"
    cells = run("native:extractbyextent", {"INPUT": GRID, "CLIP": False, "EXTENT": extent, "OUTPUT": "memory:"})[
        "OUTPUT"
    ]
    districts = run(
        "native:creategrid",
        {"TYPE": 2, "EXTENT": extent, "HSPACING": 0.0092, "VSPACING": 0.0075, "CRS": "EPSG:4326", "OUTPUT": "memory:"},
    )["OUTPUT"]
    result = run(
        "urbanization:cityhealthcheck",
        helsinki_parameters(
            EDITION="mohurd_2023",
            RESIDENTIAL=cells,
            DISTRICTS=districts,
            DISTRICT_NAME_FIELD="id",
            BUILT_UP=f"{SAMPLE_DATA}/planning_sample.gpkg|layername=development_boundary",
            FACILITIES=f"{HELSINKI}|layername=landuse",
            FACILITY_TYPE_FIELD="landuse",
            TYPE_MAPPING="retail = market",
        ),
    )
    values = _city_values(_features(result, "INDICATORS"))
    # issue 28: GB/T 51346 park grades replace the unsourced 400 m2 / 300 m rule; 83.6 before
    assert values["park_activity_coverage"] == pytest.approx(85.3, abs=0.05)
    assert values["community_commerce"] == pytest.approx(34.5, abs=0.05)
    # issue 28: the GB/T 51328 classes only (no *_link ramps, no residential estate streets); 12.6 before
    assert values["road_density"] == pytest.approx(9.0, abs=0.05)
    assert values["station_commute"] == pytest.approx(42.0, abs=0.05)
    assert (result["COMPUTED"], result["NOT_COMPUTED"]) == (6, 8)


def test_report_is_chinese_under_a_chinese_locale(run, hand_layers, tmp_path):
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from tests.conftest import ROOT

    settings = QgsSettings()
    saved = (settings.value("locale/overrideFlag", False, type=bool), settings.value("locale/userLocale", "", type=str))
    translator = QTranslator()
    assert translator.load(str(ROOT / "i18n" / "urbanization_zh-Hans.qm"))
    QCoreApplication.installTranslator(translator)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        run(
            "urbanization:cityhealthcheck",
            dict(
                hand_layers, EDITION="mohurd_2021", NETWORK=None, INDICATORS="memory:", REPORT=str(tmp_path / "zh.html")
            ),
        )
    finally:
        QCoreApplication.removeTranslator(translator)
        settings.setValue("locale/overrideFlag", saved[0])
        settings.setValue("locale/userLocale", saved[1])
    html = (tmp_path / "zh.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hans"' in html
    for words in (
        "城市体检空间指标",
        "全市指标",
        "分区指标",
        "未达标",
        "未核实",
        "二手资料",
        "未计算的指标及所需图层",
        "轨道站点",
    ):
        assert words in html, words
    assert "Indicators of the city" not in html


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="poppler-utils is not installed")
def test_model_by_id_matches_the_check_run_alone(run, tmp_path):
    """urbanization:cityhealthcheckmap (resources/models/city_health_check.model3 offered by the
    provider) on the inputs of scripts/demo.d/60_healthcheck.sh, without a project: every indicator
    value, for the city and the four districts, equals that of urbanization:cityhealthcheck run alone
    on the same inputs; the report and the map sheet are written."""
    from qgis.core import NULL, QgsProcessingContext

    from tests.qgis.test_mapping_models import pdf_text

    no_project = QgsProcessingContext()  # as qgis_process without --PROJECT_PATH
    assert no_project.project() is None

    extent = "24.9351837,24.9534132,60.1641581,60.1791074 [EPSG:4326]"
    cells = run("native:extractbyextent", {"INPUT": GRID, "CLIP": False, "EXTENT": extent, "OUTPUT": "memory:"})[
        "OUTPUT"
    ]
    districts = run(
        "native:creategrid",
        {"TYPE": 2, "EXTENT": extent, "HSPACING": 0.0092, "VSPACING": 0.0075, "CRS": "EPSG:4326", "OUTPUT": "memory:"},
    )["OUTPUT"]
    built_up = f"{SAMPLE_DATA}/planning_sample.gpkg|layername=development_boundary"
    sheet, report = tmp_path / "check.pdf", tmp_path / "check.html"
    model = run(
        "urbanization:cityhealthcheckmap",
        {
            "edition": "mohurd_2023",
            "built_up": built_up,
            "districts": districts,
            "district_name_field": "id",
            "residential": cells,
            "population_field": "population",
            "parks": f"{HELSINKI}|layername=parks",
            "network": f"{HELSINKI}|layername=roads",
            "stations": f"{HELSINKI}|layername=rail_stations",
            "title": "城市体检空间指标图（赫尔辛基数据示例）",
            "cityhealthcheck:Health check indicators": str(tmp_path / "indicators.gpkg"),
            "cityhealthcheck:Report": str(report),
            "exportplanningmap:Map sheet": str(sheet),
        },
        context=no_project,
    )
    alone = run(
        "urbanization:cityhealthcheck",
        helsinki_parameters(
            EDITION="mohurd_2023",
            RESIDENTIAL=cells,
            DISTRICTS=districts,
            DISTRICT_NAME_FIELD="id",
            BUILT_UP=built_up,
            PARK_NAME_FIELD=None,
        ),
    )

    def values(rows):  # NULL (not computed) as None
        return {(r["scope"], r["indicator"]): None if r["value"] == NULL else r["value"] for r in rows}

    by_model = values(_features({"x": QgsVectorLayer(model["cityhealthcheck:Health check indicators"])}, "x"))
    by_itself = values(_features(alone, "INDICATORS"))
    assert by_model.keys() == by_itself.keys()
    assert {scope for scope, _ in by_model} == {"(all)", "1", "2", "3", "4"}
    assert sum(v is not None for v in by_itself.values()) >= 10
    for key, value in by_itself.items():
        assert by_model[key] == (pytest.approx(value) if value is not None else None), key
    assert by_model[("(all)", "park_activity_coverage")] == pytest.approx(85.3, abs=0.05)  # as make demo prints
    assert "<table" in report.read_text(encoding="utf-8")
    assert "城市体检空间指标图" in pdf_text(sheet)


def test_model_speaks_chinese(chinese, provider):
    """The model's name, group, help and output names in Chinese (its inputs are bilingual in the file)."""
    from qgis.core import QgsApplication

    model = QgsApplication.processingRegistry().algorithmById("urbanization:cityhealthcheckmap").create()
    assert model.displayName() == "城市体检与图件（体检指标、报告、规划图件）"
    assert model.groupId() == "healthcheck" and model.provider().id() == "urbanization"
    outputs = {p.name(): p.description() for p in model.destinationParameterDefinitions()}
    assert outputs == {
        "cityhealthcheck:Health check indicators": "城市体检指标",
        "cityhealthcheck:Report": "城市体检报告（HTML）",
        "exportplanningmap:Map sheet": "规划图件",
    }
    assert "城市体检" in model.shortHelpString()
