"""One valid, small run per algorithm: the matrix varies one input of it at a time. An algorithm
the provider registers without a baseline here fails the matrix, so none ships uncovered.

Each baseline is a function (data: Path) -> parameters, where `data` is a private copy of
resources/sample_data (so hashing inputs before and after a run is meaningful). Outputs are filled
in by the matrix. `LARGE` holds runs long enough to cancel in the middle."""

from __future__ import annotations

from pathlib import Path


def chinacoordinates(data: Path) -> dict:
    return {"INPUT": f"{data}/kunming_metro_osm.gpkg|layername=stations", "FROM": "gcj02", "TO": "wgs84"}


def _planning(data: Path, layer: str) -> str:
    return f"{data}/planning_sample.gpkg|layername={layer}"


def controllineconflicts(data: Path) -> dict:
    return {
        "PLAN": _planning(data, "plan_landuse"), "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": _planning(data, "ecological_redline"),
        "PERMANENT_FARMLAND": _planning(data, "permanent_farmland"),
        "DEVELOPMENT_BOUNDARY": _planning(data, "development_boundary"),
        "RULES": "national", "MIN_AREA": 1.0,
    }


def livingspacestructure(data: Path) -> dict:
    return {"PLAN": _planning(data, "plan_landuse"), "LANDUSE_FIELD": "DLBM", "MAPPING": "default",
            "UNITS": _planning(data, "development_boundary"), "UNIT_NAME_FIELD": "name"}


def plantopology(data: Path) -> dict:
    return {"PLAN": _planning(data, "plan_landuse"), "BOUNDARY": _planning(data, "development_boundary"),
            "TOLERANCE": 0.01, "SLIVER_WIDTH": 1.0}


BASELINES = {
    "urbanization:chinacoordinates": chinacoordinates,
    "urbanization:controllineconflicts": controllineconflicts,
    "urbanization:livingspacestructure": livingspacestructure,
    "urbanization:plantopology": plantopology,
}

LARGE: dict = {}
