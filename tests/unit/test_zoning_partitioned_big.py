"""Identity at the issue's scale (opt-in, slow, not run in CI): on 100,000 Voronoi parcels the
partitioned checks give what the whole-layer engines give: the same conflict pieces (keys) with
areas within 1e-6 relative, the same summary and control-line overlaps, and the same topology
errors (none lost or counted twice across partition borders).

    URBANIZATION_BIG_ZONING_TESTS=1 .venv/bin/python -m pytest tests/unit/test_zoning_partitioned_big.py -q -p no:cacheprovider

Data: the density of benchmarks/bench_zoning_province.py (100,000 parcels in 20 x 20 km), 300
star-shaped control polygons a layer that overlap each other and straddle partition borders; the
control lines of the partitioned run are read from GeoPackages (ControlLayer.from_file), as the
command line reads them. Partitions of 10,000 parcels."""

from __future__ import annotations

import os

import pyproj
import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("URBANIZATION_BIG_ZONING_TESTS") != "1", reason="slow: set URBANIZATION_BIG_ZONING_TESTS=1"
)
pytest.importorskip("pyarrow")
pytest.importorskip("osgeo.ogr")

from urbanization_planning.algorithms.zoning import partition_io  # noqa: E402
from urbanization_planning.algorithms.zoning.control_lines import ControlLayer  # noqa: E402

from .test_zoning_partitioned import (  # noqa: E402
    CRS,
    assert_same_conflicts,
    assert_same_topology,
    broken_plan,
    conflicts_both_ways,
    stars,
    tessellation,
    write,
)

PARCELS = 100_000
EXTENT = 20_000.0
SIZE = 10_000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    cells, codes = tessellation(PARCELS, seed=21, extent=EXTENT)
    return folder, cells, codes


def test_conflicts_on_100000_parcels(big):
    folder, cells, codes = big
    plan = write(folder / "plan.gpkg", cells, codes)
    lines = {
        line: stars(300, seed, extent=EXTENT)
        for line, seed in (("ecological_redline", 31), ("permanent_farmland", 32), ("development_boundary", 33))
    }
    files = {
        line: ControlLayer.from_file(
            partition_io.LayerSource(
                write(folder / f"{line}.gpkg", polygons).path, "layer", target_crs=pyproj.CRS(CRS).to_wkt()
            )
        )
        for line, polygons in lines.items()
    }
    parts, result, pieces, whole = conflicts_both_ways(plan, cells, codes, lines, SIZE, file_lines=files)
    assert len(parts) == PARCELS // SIZE and result.parcels == PARCELS
    assert_same_conflicts(whole, result, pieces)
    assert len(pieces) > 50_000 and len(result.overlaps) > 100


def test_topology_on_100000_parcels(big):
    folder, cells, _ = big
    broken = broken_plan(cells, extent=EXTENT, scale=20)
    whole = assert_same_topology(write(folder / "broken.gpkg", broken), broken, None, 0.01, SIZE)
    counts = whole.counts()
    assert counts["overlap"] > 500 and counts["gap"] >= 100 and counts["duplicate"] == 200
