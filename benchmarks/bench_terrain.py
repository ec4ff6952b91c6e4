"""Terrain-aware walking (issue 24: draping and the directed graph cost at most 1.5x today's run
time on the green-city benchmark, measured side by side with the flat run).

Data: bench_greenspace's 79,600-edge street grid, 300 parks with entrances and 10,000 parcels
(EPSG:4543), plus a 5 m DEM of the grid's extent (3,200 x 3,200 cells, 41 MB float32 GeoTIFF):
hills of 60 m and 25 m amplitude, wavelengths 2.4 km and 0.9 km (grades up to about 17 %).

`urbanization:parkcoverage` end to end with TERRAIN_DEM (standard figure + terrain screening
figure) against the same run without it (the reference), timed in alternation
(common.interleaved, three rounds of one run each), each the best of its three, after one untimed
warm-up of each.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from bench_greenspace import CRS, STEP, X0, Y0, N, _data
from common import interleaved, start_qgis

CELL = 5.0


def _dem(folder: Path) -> str:
    import rasterio
    from affine import Affine

    size = int(np.ceil((N - 1) * STEP / CELL)) + 16  # the grid and 40 m around it
    transform = Affine(CELL, 0, X0 - 40, 0, -CELL, Y0 - 40 + size * CELL)
    path = folder / "dem.tif"
    profile = {
        "driver": "GTiff",
        "height": size,
        "width": size,
        "count": 1,
        "dtype": "float32",
        "crs": f"EPSG:{CRS}",
        "transform": transform,
        "tiled": True,
        "compress": "deflate",
    }
    with rasterio.open(path, "w", **profile) as dataset:
        cols = np.arange(size)
        for row in range(0, size, 512):
            rows = np.arange(row, min(row + 512, size))
            c, r = np.meshgrid(cols + 0.5, rows + 0.5)
            x, y = transform.c + c * transform.a, transform.f + r * transform.e  # north up
            z = 1900 + 60 * np.sin(2 * np.pi * x / 2400) * np.cos(2 * np.pi * y / 2400)
            z += 25 * np.sin(2 * np.pi * (x + y) / 900)
            dataset.write(z.astype("float32"), 1, window=((rows[0], rows[-1] + 1), (0, size)))
    return str(path)


def run() -> list[tuple[str, float, float]]:
    start_qgis()
    import processing
    from qgis.core import QgsVectorLayer

    folder = Path(tempfile.mkdtemp(prefix="bench-terrain-"))
    path, _roads, _entrances, _homes = _data(folder)
    dem = _dem(folder)

    def layer(name):
        return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")

    runs = iter(range(100))

    def coverage(**extra):
        k = next(runs)
        return processing.run(
            "urbanization:parkcoverage",
            {
                "PARKS": layer("parks"),
                "ENTRANCES": layer("entrances"),
                "NETWORK": layer("roads"),
                "RESIDENTIAL": layer("homes"),
                "POPULATION_FIELD": "population",
                "STANDARD": "custom",
                "CUSTOM_RULES": "400: 500: park",
                "SERVICE_AREAS": str(folder / f"areas{k}.gpkg"),
                "RESIDENTIAL_RESULT": str(folder / f"homes_out{k}.gpkg"),
                "UNDERSERVED": str(folder / f"under{k}.gpkg"),
                "SUMMARY": str(folder / f"summary{k}.gpkg"),
                **extra,
            },
        )

    flat = coverage()
    hill = coverage(TERRAIN_DEM=dem)
    flat_s, terrain_s = interleaved(coverage, lambda: coverage(TERRAIN_DEM=dem), rounds=3, ours_per_round=1)
    print(
        f"   parkcoverage by population: {flat['COVERAGE_RATE_POPULATION']:.1%} by distance; "
        f"{hill['TERRAIN_RATE']:.1%} in walking time on the hills (screening)"
    )
    return [
        (
            "parkcoverage with a 5 m terrain DEM (10.2 M cells) vs the same run flat, 79,600 edges, 300 parks, "
            "10,000 parcels",
            terrain_s,
            flat_s,
        )
    ]


if __name__ == "__main__":
    for case, ours, reference in run():
        print(f"{case}: {ours:.2f} s vs {reference:.2f} s ({ours / reference:.2f}x)")
