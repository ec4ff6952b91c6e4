"""The working-CRS rule end to end: the same data in CGCS2000 Gauss-Kruger (EPSG:4547, CM 114E),
CGCS2000 geographic (EPSG:4490) and Web Mercator (EPSG:3857) gives the same park coverage,
control-line conflict area, drainage corridors and waterlogging depressions within 0.1 %.

The place is on the zone's central meridian (114E, 23N, near Guangzhou), where Gauss-Kruger
metres are metres on the ground; there, Web Mercator's "metres" are 8.8 % long (sec 23°), so a
run that measured in EPSG:3857 would be 8.6-9.1 % off in length and 19 % in area. Vector layers are
made in EPSG:4547 and reprojected by QGIS; the DEM is the same array georeferenced in each CRS on a
grid whose cells coincide on the ground (origin transformed, cell size divided by the local scale:
the residual mismatch across the 2 km grid is below 0.015 %)."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from affine import Affine

from .helpers import memory_layer
from .reliability.hostile import reprojected

GK = "EPSG:4547"
X0, Y0 = 499000.0, 2544000.0  # south-west corner, metres in EPSG:4547 (114E is x = 500000)
SIZE = 2000.0
CRSS = (GK, "EPSG:4490", "EPSG:3857")
TOLERANCE = 1e-3  # 0.1 %


def _square(x, y, w, h) -> str:
    return f"POLYGON(({x} {y}, {x + w} {y}, {x + w} {y + h}, {x} {y + h}, {x} {y}))"


def _street_grid():
    """100 m blocks: one line per block side, so every crossing is a node."""
    wkts = []
    for i in range(21):
        for j in range(20):
            x, y = X0 + i * 100.0, Y0 + j * 100.0
            wkts.append(f"LINESTRING({x} {y}, {x} {y + 100})")
            x, y = X0 + j * 100.0, Y0 + i * 100.0
            wkts.append(f"LINESTRING({x} {y}, {x + 100} {y})")
    return memory_layer("LineString", GK, wkts, {"kind": ["residential"] * len(wkts)}, name="streets")


def _park_layers():
    parks = memory_layer(
        "Polygon",
        GK,
        [
            _square(X0 + 310, Y0 + 310, 80, 80),
            _square(X0 + 1205, Y0 + 1405, 90, 90),
            _square(X0 + 1510, Y0 + 410, 130, 85),
        ],
        {"name": ["A", "B", "C"]},
        name="parks",
    )
    # Block centres 45 m from the west street and 50 m from the south one: no home sits exactly at
    # the 50 m snap distance or midway between two streets, where rounding alone would decide.
    blocks = [_square(X0 + i * 100 + 10, Y0 + j * 100 + 15, 70, 70) for i in range(20) for j in range(20)]
    homes = memory_layer(
        "Polygon", GK, blocks, {"population": [float(50 + (i * 7) % 90) for i in range(len(blocks))]}, name="homes"
    )
    return parks, homes


def _in(layer, crs):
    return layer if crs == GK else reprojected(layer, crs)


def _agree(values: dict, what: str) -> None:
    reference = values[GK]
    assert reference > 0, what
    for crs, value in values.items():
        assert value == pytest.approx(reference, rel=TOLERANCE), f"{what} in {crs}: {value} against {reference} in {GK}"


def test_park_coverage_agrees_across_crs(run):
    streets, (parks, homes) = _street_grid(), _park_layers()
    rates = {}
    for crs in CRSS:
        result = run(
            "urbanization:parkcoverage",
            {
                "PARKS": _in(parks, crs),
                "PARK_NAME_FIELD": "name",
                "NETWORK": _in(streets, crs),
                "RESIDENTIAL": _in(homes, crs),
                "POPULATION_FIELD": "population",
                "STANDARD": "green300_park500",
                "SERVICE_AREAS": "memory:",
                "RESIDENTIAL_RESULT": "memory:",
                "UNDERSERVED": "memory:",
                "SUMMARY": "memory:",
            },
        )
        assert result["MODE"] == "network"
        rates[crs] = (result["COVERAGE_RATE_AREA"], result["COVERAGE_RATE_POPULATION"])
    assert 0.2 < rates[GK][0] < 0.9  # partial coverage: a distance error would move it
    _agree({crs: r[0] for crs, r in rates.items()}, "coverage rate by area")
    _agree({crs: r[1] for crs, r in rates.items()}, "coverage rate by population")


def test_conflict_check_agrees_across_crs(run):
    parcels = [_square(X0 + i * 200, Y0 + j * 200, 200, 200) for i in range(10) for j in range(10)]
    codes = ["0701" if (i + j) % 3 else "0101" for i in range(10) for j in range(10)]
    plan = memory_layer("Polygon", GK, parcels, {"DLBM": codes}, name="plan")
    redline = memory_layer("Polygon", GK, [_square(X0 + 150, Y0 + 250, 730, 610)], {"name": ["red"]}, name="redline")
    farmland = memory_layer("Polygon", GK, [_square(X0 + 1030, Y0 + 1070, 555, 480)], {"name": ["farm"]}, name="farm")
    areas = {}
    for crs in CRSS:
        result = run(
            "urbanization:controllineconflicts",
            {
                "PLAN": _in(plan, crs),
                "LANDUSE_FIELD": "DLBM",
                "ECOLOGICAL_REDLINE": _in(redline, crs),
                "PERMANENT_FARMLAND": _in(farmland, crs),
                "RULES": "national",
                "MIN_AREA": 0.0,
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
        )
        areas[crs] = result["CONFLICT_AREA_M2"]
    _agree(areas, "conflict area (m²)")


def _terrain() -> np.ndarray:
    """200 x 200 cells of 10 m: a valley draining south, side slopes, and a 20 m deep bowl."""
    rows, cols = np.mgrid[0:200, 0:200]
    x, y = (cols - 100) * 10.0, (199 - rows) * 10.0
    z = 100.0 + 0.02 * y + 0.05 * np.abs(x) + 0.3 * np.sin(x / 37.0) * np.cos(y / 53.0)
    z -= 20.0 * np.clip(1.0 - ((x - 450.0) ** 2 + (y - 1200.0) ** 2) / 150.0**2, 0.0, None)
    return z.astype("float32")


def _same_grid(crs: str) -> Affine:
    """The transform that puts the 10 m EPSG:4547 grid's cells on the same ground in `crs`: the
    edge midpoints of the grid transformed by PROJ, 200 cells between them (independent of the
    plugin's own scale computation)."""
    from pyproj import Transformer

    if crs == GK:
        return Affine(10.0, 0, X0, 0, -10.0, Y0 + SIZE)
    to = Transformer.from_crs(GK, crs, always_xy=True)
    middle_x, middle_y = X0 + SIZE / 2, Y0 + SIZE / 2
    west, _ = to.transform(X0, middle_y)
    east, _ = to.transform(X0 + SIZE, middle_y)
    _, south = to.transform(middle_x, Y0)
    _, north = to.transform(middle_x, Y0 + SIZE)
    return Affine((east - west) / 200, 0, west, 0, -(north - south) / 200, north)


def _dem(folder, crs: str) -> str:
    path = folder / f"dem_{crs.replace(':', '_')}.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=200,
        height=200,
        count=1,
        dtype="float32",
        crs=rasterio.crs.CRS.from_string(crs),
        transform=_same_grid(crs),
        nodata=-9999.0,
    ) as out:
        out.write(_terrain(), 1)
    return str(path)


def test_drainage_agrees_across_crs(run, tmp_path):
    # the corridor threshold, 505.5 cells, sits half a cell from any accumulation (whole cells), far
    # more than the grids' 0.015 % mismatch: the corridors start at the same cells in every CRS
    lengths, accumulations, volumes, areas, depths = {}, {}, {}, {}, {}
    for crs in CRSS:
        dem = _dem(tmp_path, crs)
        corridors = run(
            "urbanization:drainagecorridors",
            {
                "DEM": dem,
                "MIN_CONTRIBUTING_AREA": 5.055,
                "ACCUMULATION": str(tmp_path / f"acc{crs[5:]}.tif"),
                "CORRIDORS": "memory:",
                "CORRIDOR_ZONES": "memory:",
            },
        )
        with rasterio.open(corridors["ACCUMULATION"]) as dataset:
            accumulations[crs] = float(np.nanmax(dataset.read(1, masked=True).filled(np.nan)))
        lengths[crs] = corridors["TOTAL_LENGTH_KM"]
        spots = run(
            "urbanization:waterloggingspots",
            {"DEM": dem, "MIN_AREA": 0.0, "DEPRESSIONS": "memory:", "DEPTH": str(tmp_path / f"depth{crs[5:]}.tif")},
        )
        assert spots["DEPRESSION_COUNT"] == 1, crs
        bowl = next(spots["DEPRESSIONS"].getFeatures())
        volumes[crs], areas[crs], depths[crs] = spots["TOTAL_VOLUME_M3"], bowl["area_m2"], bowl["max_depth_m"]
    # every cell drains to the valley's outlet: the largest contributing area is the DEM's 4 km²
    assert accumulations[GK] == pytest.approx(SIZE * SIZE, rel=1e-6)
    _agree(accumulations, "largest contributing area (m²)")
    _agree(lengths, "corridor length (km)")
    _agree(volumes, "ponding volume (m³)")
    _agree(areas, "depression area (m²)")
    _agree(depths, "depression depth (m)")
