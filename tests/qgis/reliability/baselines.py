"""One valid, small run per algorithm: the matrix varies one input of it at a time. An algorithm
the provider registers without a baseline here fails the matrix, so none ships uncovered.

Each baseline is a function (data: Path) -> parameters, where `data` is a private copy of
resources/sample_data (so hashing inputs before and after a run is meaningful). Outputs are filled
in by the matrix. `LARGE` holds larger runs for the cancel test (the full Big Tujunga DEM);
`CANCEL_AT` the progress (%) after which the cancel test presses Cancel, where the processing
layer reports progress before its engine starts (so the cancel lands inside the engine)."""

from __future__ import annotations

from pathlib import Path


def chinacoordinates(data: Path) -> dict:
    return {"INPUT": f"{data}/kunming_metro_osm.gpkg|layername=stations", "FROM": "gcj02", "TO": "wgs84"}


def _planning(data: Path, layer: str) -> str:
    return f"{data}/planning_sample.gpkg|layername={layer}"


def controllineconflicts(data: Path) -> dict:
    return {
        "PLAN": _planning(data, "plan_landuse"),
        "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": _planning(data, "ecological_redline"),
        "PERMANENT_FARMLAND": _planning(data, "permanent_farmland"),
        "DEVELOPMENT_BOUNDARY": _planning(data, "development_boundary"),
        "RULES": "national",
        "MIN_AREA": 1.0,
        "REPORT": None,
    }


def livingspacestructure(data: Path) -> dict:
    return {
        "PLAN": _planning(data, "plan_landuse"),
        "LANDUSE_FIELD": "DLBM",
        "MAPPING": "default",
        "UNITS": _planning(data, "development_boundary"),
        "UNIT_NAME_FIELD": "name",
        "REPORT": None,
    }


def plantopology(data: Path) -> dict:
    return {
        "PLAN": _planning(data, "plan_landuse"),
        "BOUNDARY": _planning(data, "development_boundary"),
        "TOLERANCE": 0.01,
        "SLIVER_WIDTH": 1.0,
    }


def _dem_cut(data: Path, size: int = 300) -> str:
    """The middle size x size cells of the bundled 30 m DEM: real terrain, quick to route."""
    import rasterio
    from rasterio.windows import Window

    path = data / "dem_cut.tif"
    if not path.exists():
        with rasterio.open(data / "bigtujunga.tif") as dataset:
            window = Window((dataset.width - size) // 2, (dataset.height - size) // 2, size, size)
            profile = dict(dataset.profile, width=size, height=size, transform=dataset.window_transform(window))
            with rasterio.open(path, "w", **profile) as out:
                out.write(dataset.read(1, window=window), 1)
    return str(path)


def _dem_vectors(dem: str, data: Path) -> tuple[str, str]:
    """A road across the DEM cut and a few 20 m buildings along it, in a GeoPackage beside it."""
    import rasterio
    from qgis.core import QgsVectorFileWriter, QgsVectorLayer

    path = data / "dem_vectors.gpkg"
    if not path.exists():
        with rasterio.open(dem) as dataset:
            left, bottom, right, top = dataset.bounds
        y = (bottom + top) / 2
        from ..helpers import memory_layer

        roads = memory_layer(
            "LineString",
            "EPSG:32611",
            [f"LINESTRING({left + 30} {y}, {right - 30} {y + 200})"],
            {"name": ["test road"]},
            name="roads",
        )
        houses = [
            f"POLYGON(({x} {y + 40}, {x + 20} {y + 40}, {x + 20} {y + 60}, {x} {y + 60}, {x} {y + 40}))"
            for x in range(int(left) + 300, int(right) - 300, 900)
        ]
        buildings = memory_layer("Polygon", "EPSG:32611", houses, {"kind": ["house"] * len(houses)}, name="buildings")
        for layer, name in ((roads, "roads"), (buildings, "buildings")):
            options = QgsVectorFileWriter.SaveVectorOptions()
            options.layerName = name
            if path.exists():
                options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
            QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsVectorLayer().transformContext(), options)
    return f"{path}|layername=roads", f"{path}|layername=buildings"


def drainagecorridors(data: Path) -> dict:
    dem = _dem_cut(data)
    roads, buildings = _dem_vectors(dem, data)
    return {
        "DEM": dem,
        "BAND": 1,
        "MIN_CONTRIBUTING_AREA": 50.0,
        "CORRIDOR_WIDTHS": "1:10,2:15,3:25,4:40",
        "ROADS": roads,
        "ROAD_NAME_FIELD": "name",
        "BUILDINGS": buildings,
        "REPORT": None,
        "FLOW_DIRECTION": None,
    }


def waterloggingspots(data: Path) -> dict:
    dem = _dem_cut(data)
    roads, buildings = _dem_vectors(dem, data)
    return {
        "DEM": dem,
        "BAND": 1,
        "MIN_DEPTH": 0.15,
        "MIN_AREA": 1800.0,
        "ROADS": roads,
        "BUILDINGS": buildings,
        "REPORT": None,
    }


def constructionsuitability(data: Path) -> dict:
    dem = _dem_cut(data)
    roads, buildings = _dem_vectors(dem, data)
    return {
        "DEM": dem,
        "BAND": 1,
        "SCHEME": "guide",
        "RELIEF_WINDOW": 300.0,
        "EXCL_WATER": buildings,
        "EXCL_ACTIVE_FAULT": roads,
        "FAULT_BUFFER": 50.0,
        "REPORT": None,
        "SLOPE": None,
        "CONFLICTS": None,
    }


def expressservice(data: Path) -> dict:
    return {
        "STATIONS": f"{data}/kunming_metro_sample.gpkg|layername=stations",
        "STATION_ID_FIELD": "station_id",
        "STATION_NAME_FIELD": "name",
        "LINE_FIELD": "line",
        "ORDER_FIELD": "order",
        "EXPRESS_FIELD": "express",
        "DESTINATION": "东风广场",
        "REPORT": None,
        "OD_MATRIX": None,
    }


def stationcatchments(data: Path) -> dict:
    return {
        "STATIONS": f"{data}/helsinki_osm_layers.gpkg|layername=rail_stations",
        "STATION_NAME_FIELD": "name",
        "NETWORK": f"{data}/helsinki_osm_layers.gpkg|layername=roads",
        "BANDS": "300,500,800",
        "BAND_UNIT": "metres",
        "POPULATION": f"{data}/helsinki_population_grid_2020.gpkg|layername=population_grid_2020",
        "POPULATION_FIELD": "population",
        "ALLOCATION": "overlapping",
        "REPORT": None,
    }


def _helsinki(data: Path, layer: str) -> str:
    return f"{data}/helsinki_osm_layers.gpkg|layername={layer}"


def _grid(data: Path) -> str:
    return f"{data}/helsinki_population_grid_2020.gpkg|layername=population_grid_2020"


def parkcoverage(data: Path) -> dict:
    return {
        "PARKS": _helsinki(data, "parks"),
        "PARK_NAME_FIELD": "name",
        "NETWORK": _helsinki(data, "roads"),
        "RESIDENTIAL": _grid(data),
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "REPORT": None,
    }


def facilitycoverage(data: Path) -> dict:
    # OSM land use as a stand-in for facilities (retail -> food market, civil -> community service, ...):
    # five types, so the engine reports progress five times and a cancel lands between types
    return {
        "FACILITIES": _helsinki(data, "landuse"),
        "TYPE_FIELD": "landuse",
        "TYPE_MAPPING": "retail = market\ncivil = community_service\ncommercial = health\ngrass = small_sports\n"
        "basin = culture",
        "RESIDENTIAL": _grid(data),
        "POPULATION_FIELD": "population",
        "NETWORK": _helsinki(data, "roads"),
        "REPORT": None,
    }


def parkequity(data: Path) -> dict:
    return dict(parkcoverage(data))


def exportplanningmap(data: Path) -> dict:
    return {
        "LAYERS": [_grid(data), _helsinki(data, "parks"), _helsinki(data, "roads")],
        "TITLE": "赫尔辛基测试图",
        "TEMPLATE": "a4_landscape",
        "DPI": 96,
    }


def cityhealthcheck(data: Path) -> dict:
    return {
        "EDITION": "mohurd_2021",
        "BUILT_UP": _planning(data, "development_boundary"),
        "RESIDENTIAL": _grid(data),
        "POPULATION_FIELD": "population",
        "PARKS": _helsinki(data, "parks"),
        "PARK_NAME_FIELD": "name",
        "NETWORK": _helsinki(data, "roads"),
        "STATIONS": _helsinki(data, "rail_stations"),
        "FACILITIES": _helsinki(data, "landuse"),
        "FACILITY_TYPE_FIELD": "landuse",
        "TYPE_MAPPING": "retail = market",
        "REPORT": None,
    }


BASELINES = {
    "urbanization:chinacoordinates": chinacoordinates,
    "urbanization:controllineconflicts": controllineconflicts,
    "urbanization:livingspacestructure": livingspacestructure,
    "urbanization:plantopology": plantopology,
    "urbanization:drainagecorridors": drainagecorridors,
    "urbanization:waterloggingspots": waterloggingspots,
    "urbanization:constructionsuitability": constructionsuitability,
    "urbanization:expressservice": expressservice,
    "urbanization:stationcatchments": stationcatchments,
    "urbanization:parkcoverage": parkcoverage,
    "urbanization:facilitycoverage": facilitycoverage,
    "urbanization:parkequity": parkequity,
    "urbanization:exportplanningmap": exportplanningmap,
    "urbanization:cityhealthcheck": cityhealthcheck,
}

LARGE = {
    "urbanization:drainagecorridors": lambda data: dict(drainagecorridors(data), DEM=str(data / "bigtujunga.tif")),
    "urbanization:waterloggingspots": lambda data: dict(waterloggingspots(data), DEM=str(data / "bigtujunga.tif")),
    "urbanization:constructionsuitability": lambda data: dict(
        constructionsuitability(data), DEM=str(data / "bigtujunga.tif")
    ),
}

# The first progress the engine itself reports, above what the processing layer reports before it.
CANCEL_AT = {
    "urbanization:parkcoverage": 10.0,
    "urbanization:facilitycoverage": 10.0,
    "urbanization:parkequity": 10.0,
    "urbanization:drainagecorridors": 5.0,
    "urbanization:waterloggingspots": 5.0,
    "urbanization:constructionsuitability": 5.0,
}
