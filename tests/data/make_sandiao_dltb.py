"""Writes tests/data/sandiao_dltb.gpkg: a small 三调-style test layer, hand-made (not survey data).

Layer DLTB with the 三调 field names (BSM, DLBM, DLMC, TBMJ, KCDLBM, KCXS, KCMJ, TBDLMJ) in CGCS2000 /
3-degree Gauss-Kruger CM 102E (EPSG:4543, Kunming's zone, no zone prefix): 100 m x 100 m parcels
coded in the 三调 working classification, both code styles (plain 0601, 1006 and the 三调
extensions 05H1, 0201K), one cropland parcel with a 田坎 deduction (KCXS 0.15); and the control
lines: ecological red line, a core protected area inside it, permanent basic farmland and the urban
development boundary. Expected results are worked out by hand in tests/qgis/test_zoning_sandiao.py.

Run: .venv/bin/python tests/data/make_sandiao_dltb.py
"""

from pathlib import Path

import geopandas as gpd
from shapely import box

X, Y = 500_000.0, 2_770_000.0  # on the central meridian, about 25.0 N
CRS = "EPSG:4543"
OUT = Path(__file__).with_name("sandiao_dltb.gpkg")


def cell(i: int, j: int, size: float = 100.0):
    return box(X + i * size, Y + j * size, X + (i + 1) * size, Y + (j + 1) * size)


# BSM, DLBM, DLMC, cell, KCXS (田坎 share of cropland)
PARCELS = [
    ("1", "0601", "工业用地", (0, 0), 0.0),  # in the red line: 三调 industry (2023: 农村道路)
    ("2", "1006", "农村道路", (1, 0), 0.0),  # in the red line: rural road
    ("3", "0103", "旱地", (1, 3), 0.15),  # in the core zone: cropland with 田坎 deduction
    ("4", "0103", "旱地", (5, 1), 0.10),  # in permanent basic farmland: cropland (allowed)
    ("5", "0201K", "可调整果园", (6, 1), 0.0),  # in permanent basic farmland: orchard
    ("6", "05H1", "商业服务业设施用地", (12, 0), 0.0),  # outside the development boundary
    ("7", "0702", "农村宅基地", (13, 0), 0.0),  # outside the development boundary (village)
    ("8", "0701", "城镇住宅用地", (9, 1), 0.0),  # inside the development boundary
]


def main() -> None:
    rows = []
    for bsm, dlbm, dlmc, (i, j), kcxs in PARCELS:
        tbmj = 10_000.0  # the ellipsoidal area is within 0.01 % of this on the central meridian
        kcmj = round(tbmj * kcxs, 2)
        rows.append(
            {
                "BSM": bsm,
                "DLBM": dlbm,
                "DLMC": dlmc,
                "TBMJ": tbmj,
                "KCDLBM": "1203" if kcxs else None,
                "KCXS": kcxs,
                "KCMJ": kcmj,
                "TBDLMJ": tbmj - kcmj,
                "geometry": cell(i, j),
            }
        )
    gpd.GeoDataFrame(rows, crs=CRS).to_file(OUT, layer="DLTB", driver="GPKG", engine="fiona")
    lines = {
        "ecological_redline": box(X, Y, X + 400, Y + 400),
        "ecological_core": box(X, Y + 200, X + 200, Y + 400),
        "permanent_farmland": box(X + 400, Y, X + 800, Y + 400),
        "development_boundary": box(X + 800, Y, X + 1200, Y + 400),
    }
    for name, geometry in lines.items():
        gpd.GeoDataFrame({"name": [name]}, geometry=[geometry], crs=CRS).to_file(
            OUT, layer=name, driver="GPKG", engine="fiona"
        )


if __name__ == "__main__":
    main()
