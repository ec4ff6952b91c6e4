#!/usr/bin/env python3
"""Build resources/sample_data/kunming_metro_sample.gpkg, the metro sample of the commuting tools.

From stations_raw.json and lines_raw.json (OpenStreetMap, GCJ-02): one point per station per line
branch, converted to WGS84 with the toolkit's own algorithms.coordinates.chinese.convert, with
   station_id, name, name_en, line, line_name, order (1, 2, ... along the branch), express.
Branches: a line with several service patterns gets ids "1" (first pattern) and "1B" (second).

The express flag documents one express (大站直达) pattern for line 1 (main branch 环城南路 -
大学城南), stopping at the termini, the interchanges and the large trip generators only:
EXPRESS_LINE_1 below. The demo and the tests evaluate it towards 东风广场.
Licence of the result: ODbL 1.0, "(c) OpenStreetMap contributors".
Usage: .venv/bin/python scripts/make_kunming_sample.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "resources" / "sample_data"
OUTPUT = DATA / "kunming_metro_sample.gpkg"
EXPRESS_LINE = "1"
EXPRESS_LINE_1 = (
    "环城南路",
    "昆明火车站",
    "巫家坝",
    "新亚洲体育城",
    "南部汽车站",
    "斗南",
    "联大街",
    "大学城",
    "大学城南",
)


def _import_package():
    link = Path(tempfile.mkdtemp(prefix="urbanization-sample-"))
    (link / "urbanization_planning").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(link))


def build():
    import geopandas as gpd
    import numpy as np

    _import_package()
    from urbanization_planning.algorithms.coordinates.chinese import convert

    stations = {s["id"]: s for s in json.loads((DATA / "stations_raw.json").read_text(encoding="utf-8"))}
    lines = json.loads((DATA / "lines_raw.json").read_text(encoding="utf-8"))
    rows = []
    for line in lines:
        for k, pattern in enumerate(line["servicePatterns"]):
            line_id = line["routeReference"] + ("" if k == 0 else chr(ord("A") + k))
            terminus = stations[pattern[-1]]["name"]
            for order, station_id in enumerate(pattern, start=1):
                station = stations[station_id]
                express = line_id == EXPRESS_LINE and station["name"] in EXPRESS_LINE_1
                rows.append(
                    {
                        "station_id": station_id,
                        "name": station["name"],
                        "name_en": station["nameEn"],
                        "line": line_id,
                        "line_name": f"{line['name']} ({terminus})",
                        "order": order,
                        "express": int(express),
                        "lon": station["longitude"],
                        "lat": station["latitude"],
                    }
                )
    lon, lat = convert(np.array([r.pop("lon") for r in rows]), np.array([r.pop("lat") for r in rows]), "gcj02", "wgs84")
    frame = gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    served = set(frame.loc[frame["express"] == 1, "name"])
    missing = set(EXPRESS_LINE_1) - served
    if missing:
        raise SystemExit(f"express stations not on line {EXPRESS_LINE}: {missing}")
    OUTPUT.unlink(missing_ok=True)
    frame.to_file(
        OUTPUT,
        layer="stations",
        driver="GPKG",
        DESCRIPTION=(
            "Kunming Metro lines 1-6, one point per station and line branch, WGS84 (converted from GCJ-02). "
            f"Express flag: line {EXPRESS_LINE} express pattern {' '.join(EXPRESS_LINE_1)}. "
            "ODbL 1.0, (c) OpenStreetMap contributors. Built by scripts/make_kunming_sample.py."
        ),
    )
    print(
        f"{OUTPUT}: {len(frame)} station-line rows, {frame['station_id'].nunique()} stations, "
        f"{frame['line'].nunique()} lines/branches, {int(frame['express'].sum())} express stops on line {EXPRESS_LINE}"
    )


if __name__ == "__main__":
    build()
