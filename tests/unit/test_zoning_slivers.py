"""One sliver rule for every path (overlay.drop_slivers): a piece under the minimum area (1 m²) is
dropped as a whole, never polygon by polygon. A sub-1 m² sliver of control line that rounding joins
to its piece in one path and leaves apart in another (issue 29: another dissolve order, a clipped
control line, another reprojection) then counts the same in both: the same set of pieces with areas
within 1e-6. Data: a grid of parcels, control lines crossing partition borders, and on each parcel a
0.4 m² sliver whose tip meets the line's edge 1e-7 m inside or outside it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

pytest.importorskip("dask")
pytest.importorskip("osgeo.ogr")

from urbanization_planning.algorithms import dask_runtime  # noqa: E402
from urbanization_planning.algorithms.zoning import conflicts, overlay, partitioned  # noqa: E402
from urbanization_planning.algorithms.zoning.codes import CodeTable  # noqa: E402
from urbanization_planning.algorithms.zoning.rules import national_rules  # noqa: E402

from .test_zoning_partitioned import CRS, X0, Y0, reader_for, write  # noqa: E402

SIDE, CELL = 16, 10.0  # 16 x 16 parcels of 10 m


def parcels():
    corners = [(X0 + i * CELL, Y0 + j * CELL) for i in range(SIDE) for j in range(SIDE)]
    cells = np.array([shapely.box(x, y, x + CELL, y + CELL) for x, y in corners], dtype=object)
    codes = np.array(["0701", "1207", "0101", "0703"] * (len(cells) // 4), dtype=object)  # built-up, roads, farmland
    return cells, codes


def control_line(neck: float):
    """Per parcel: its left half (the halves join into bands across the grid and every partition
    border) and a 0.4 m² sliver whose tip is `neck` metres right of the half's edge (negative: inside)."""
    polygons = []
    for i in range(SIDE):
        for j in range(SIDE):
            x, y = X0 + i * CELL, Y0 + j * CELL
            polygons.append(shapely.box(x, y, x + 5.0, y + CELL))
            polygons.append(shapely.Polygon([(x + 5.0 + neck, y + 9.5), (x + 9.0, y + 9.4), (x + 9.0, y + 9.6)]))
    return np.array(polygons, dtype=object)


def lines(neck: float):
    line = control_line(neck)
    return {"ecological_redline": line, "development_boundary": line, "permanent_farmland": line}


def test_drop_slivers_keeps_whole_pieces():
    main, sliver = shapely.box(0, 0, 5, 10), shapely.box(6, 0, 6.5, 1)  # 50 m² and 0.5 m² apart
    pieces = overlay.polygonal(np.array([shapely.MultiPolygon([main, sliver]), sliver], dtype=object), min_area=1.0)
    assert list(pieces.index) == [0] and pieces.area[0] == pytest.approx(50.5)  # the sliver alone is dropped


def test_joined_or_apart_slivers_give_the_same_pieces_in_memory():
    cells, codes = parcels()
    table = CodeTable.load()
    rules, canonical = national_rules(table), table.normalise(codes)
    joined = conflicts.check(cells, canonical, lines(-1e-7), rules, crs=CRS).conflicts
    apart = conflicts.check(cells, canonical, lines(1e-7), rules, crs=CRS).conflicts
    assert_same_pieces(joined.assign(fid=joined["row"] + 1), apart.assign(fid=apart["row"] + 1))


def test_partitioned_pieces_equal_the_in_memory_ones_with_slivers_on_borders(tmp_path):
    """In memory with the slivers joined, partitioned (partitions of 37 parcels: their borders cut the
    bands and the slivers' parcels) with them apart: the same set of pieces, areas within 1e-6."""
    cells, codes = parcels()
    table = CodeTable.load()
    rules = national_rules(table)
    whole = conflicts.check(cells, table.normalise(codes), lines(-1e-7), rules, crs=CRS).conflicts
    plan = write(tmp_path / "plan.gpkg", cells, codes)
    reader, found = reader_for(plan, table)
    parts = partitioned.make_partitions(found, 37)
    assert len(parts) == 7
    got = []
    with dask_runtime.runner_for(None, 2) as runner:
        partitioned.conflicts(
            reader, parts, lines(1e-7), rules, runner=runner, crs=CRS, consume=lambda _, frame: got.append(frame)
        )
    assert_same_pieces(whole.assign(fid=whole["row"] + 1), pd.concat(got, ignore_index=True))


def assert_same_pieces(expected, pieces):
    key = ["fid", "control_line", "rule_id"]
    merged = expected.merge(pieces, on=key, suffixes=("", "_p"), how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    assert len(merged) > 100 and set(merged["control_line"]) == {
        "ecological_redline",
        "development_boundary",
        "permanent_farmland",
    }
    # the slivers count in every piece they touch: 50 m² halves + 0.4 m² (inside) or 49.6 m² (outside)
    assert np.isin(np.round(merged["plane_area_m2"], 3), [50.4, 49.6, 100.0]).all()
    for column in ("plane_area_m2", "ellipsoid_area_m2"):
        np.testing.assert_allclose(merged[f"{column}_p"], merged[column], rtol=1e-6)
