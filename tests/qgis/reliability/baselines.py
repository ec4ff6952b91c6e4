"""One valid, small run per algorithm: the matrix varies one input of it at a time. An algorithm
the provider registers without a baseline here fails the matrix, so none ships uncovered.

Each baseline is a function (data: Path) -> parameters, where `data` is a private copy of
resources/sample_data (so hashing inputs before and after a run is meaningful). Outputs are filled
in by the matrix. `LARGE` holds runs long enough to cancel in the middle."""

from __future__ import annotations

from pathlib import Path


def chinacoordinates(data: Path) -> dict:
    return {"INPUT": f"{data}/kunming_metro_osm.gpkg|layername=stations", "FROM": "gcj02", "TO": "wgs84"}


BASELINES = {
    "urbanization:chinacoordinates": chinacoordinates,
}

LARGE: dict = {}
