"""Control lines of the partitioned conflict check without a whole-layer dissolve
(algorithms/zoning/control_lines.py): each partition dissolves only the polygons near it, and the
control-line overlaps are found component by component. Hand-checked case: overlapping control
polygons that straddle partition borders; properties: a partition's parts are the whole-layer
dissolve clipped to its window, and the overlaps are the whole-layer overlaps, each once."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("dask")
pytest.importorskip("pyarrow")
pytest.importorskip("osgeo.ogr")

from urbanization_planning.algorithms import dask_runtime  # noqa: E402
from urbanization_planning.algorithms.zoning import conflicts, control_lines, partitioned  # noqa: E402
from urbanization_planning.algorithms.zoning.codes import CodeTable  # noqa: E402
from urbanization_planning.algorithms.zoning.control_lines import ControlLayer  # noqa: E402
from urbanization_planning.algorithms.zoning.rules import national_rules  # noqa: E402

from .test_zoning_partitioned import CRS, X0, Y0, write  # noqa: E402

RED, FARM, BOUNDARY, CORE = "ecological_redline", "permanent_farmland", "development_boundary", "ecological_core"


def box(xmin, ymin, xmax, ymax):
    return shapely.box(X0 + xmin, Y0 + ymin, X0 + xmax, Y0 + ymax)


def hand_case(folder):
    """A 1 km square of 10 x 10 parcels of 100 m, all urban housing (0701), in 4 partitions of 25;
    red line: two squares overlapping in the middle, farmland one strip, development boundary two
    overlapping strips; all but the first boundary strip straddle partition borders (quadrants)."""
    cells = np.array([box(100 * i, 100 * j, 100 * (i + 1), 100 * (j + 1)) for j in range(10) for i in range(10)])
    plan = write(folder / "grid.gpkg", cells, np.full(100, "0701", dtype=object))
    lines = {
        RED: np.array([box(250, 250, 650, 650), box(450, 450, 850, 850)]),
        FARM: np.array([box(450, 0, 950, 300)]),
        BOUNDARY: np.array([box(0, 0, 500, 1000), box(400, 0, 600, 1000)]),
    }
    return plan, lines


def run_conflicts(plan, lines, size, **kwargs):
    table = CodeTable.load()
    found = partitioned.plan_reader_scan(plan, "DLBM")
    values = sorted(found.distinct["DLBM"])
    reader = partitioned.PlanReader(plan, "DLBM", dict(zip(values, table.normalise(np.array(values, dtype=object)))))
    parts = partitioned.make_partitions(found, size)
    got = []
    with dask_runtime.runner_for(None, 2) as runner:
        result = partitioned.conflicts(
            reader,
            parts,
            lines,
            national_rules(table),
            runner=runner,
            crs=CRS,
            consume=lambda kind, frame: got.append(frame),
            **kwargs,
        )
    return result, pd.concat(got, ignore_index=True), parts


def test_hand_checked_pieces_and_overlaps_across_partition_borders(tmp_path):
    plan, lines = hand_case(tmp_path)
    result, pieces, parts = run_conflicts(plan, lines, 25)
    assert len(parts) == 4
    for polygon in (*lines[RED], lines[FARM][0], lines[BOUNDARY][1]):  # each reaches into 2+ partitions
        assert sum(shapely.intersects(polygon, shapely.box(*p.rect)) for p in parts) >= 2
    per_line = pieces.groupby("control_line").agg(count=("fid", "size"), area=("plane_area_m2", "sum"))
    # red line: union of two 400 m squares overlapping by 200 m x 200 m = 280,000 m², not 320,000;
    # the cells meeting it: 5 x 5 + 5 x 5 - 3 x 3 = 41
    assert per_line.loc[RED, "count"] == 41
    assert per_line.loc[RED, "area"] == pytest.approx(280_000, rel=1e-9)
    # farmland: 500 m x 300 m over 6 x 3 cells
    assert per_line.loc[FARM, "count"] == 18
    assert per_line.loc[FARM, "area"] == pytest.approx(150_000, rel=1e-9)
    # outside the boundary (union x < 600 m): 4 columns of 10 cells, whole
    assert per_line.loc[BOUNDARY, "count"] == 40
    assert per_line.loc[BOUNDARY, "area"] == pytest.approx(400_000, rel=1e-9)
    assert not pieces.duplicated(["fid", "control_line", "rule_id"]).any()
    # overlaps: one row per pair of dissolved parts, whole (not cut at partition borders)
    overlaps = {
        (a, b): area for a, b, area in result.overlaps[["line_a", "line_b", "plane_area_m2"]].itertuples(index=False)
    }
    assert overlaps == pytest.approx(
        {
            (RED, FARM): 10_000.0,  # [450, 650] x [250, 300]
            (RED, BOUNDARY): 170_000.0,  # 140,000 + 60,000 - 30,000
            (FARM, BOUNDARY): 45_000.0,
        }
    )  # [450, 600] x [0, 300]
    assert len(result.overlaps) == 3


def test_core_zones_cut_from_the_red_line_per_partition(tmp_path):
    """Core zone [300, 500]² inside the red line: the red line's own rule takes 280,000 - 40,000 m²,
    the core zone's rule 40,000 m²; red line and core zones are not reported as overlapping."""
    plan, lines = hand_case(tmp_path)
    lines[CORE] = np.array([box(300, 300, 500, 500)])
    result, pieces, _ = run_conflicts(plan, lines, 25)
    area = pieces.groupby("control_line")["plane_area_m2"].sum()
    assert area[RED] == pytest.approx(240_000, rel=1e-9)
    assert area[CORE] == pytest.approx(40_000, rel=1e-9)
    assert not ((result.overlaps["line_a"] == CORE) & (result.overlaps["line_b"] == RED)).any()
    overlaps = dict(zip(zip(result.overlaps["line_a"], result.overlaps["line_b"]), result.overlaps["plane_area_m2"]))
    assert overlaps[(RED, BOUNDARY)] == pytest.approx(170_000 - 40_000)
    assert overlaps[(CORE, BOUNDARY)] == pytest.approx(40_000)


def test_the_same_from_a_file_as_from_an_array(tmp_path):
    """ControlLayer.from_file (boxes only in memory, polygons read by each task) gives what the
    array gives; here stored in longitude/latitude (CGCS2000) and checked in Gauss-Kruger."""
    plan, lines = hand_case(tmp_path)
    to_lonlat = pyproj.Transformer.from_crs(CRS, "EPSG:4490", always_xy=True)
    files = {}
    for line, polygons in lines.items():
        dense = shapely.segmentize(polygons, 10.0)
        lonlat = shapely.transform(dense, lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])))
        path = tmp_path / f"{line}.gpkg"
        from urbanization_planning.algorithms.zoning import partition_io

        writer = partition_io.GpkgWriter(
            str(path), line, pyproj.CRS("EPSG:4490").to_wkt(), pd.DataFrame(index=range(len(lonlat)))
        )
        writer.write(pd.DataFrame(index=range(len(lonlat))), lonlat)
        writer.close()
        files[line] = ControlLayer.from_file(
            partition_io.LayerSource(str(path), line, target_crs=pyproj.CRS(CRS).to_wkt())
        )
        back = files[line].read(np.arange(len(polygons)))
        assert len(back) == len(polygons)
        assert shapely.area(shapely.union_all(back)) == pytest.approx(
            shapely.area(shapely.union_all(polygons)), rel=1e-6
        )
        assert files[line].geometries is None
    from_array, pieces_array, _ = run_conflicts(plan, lines, 25)
    from_file, pieces_file, _ = run_conflicts(plan, files, 25)
    assert len(pieces_file) == len(pieces_array)
    assert pieces_file["plane_area_m2"].sum() == pytest.approx(pieces_array["plane_area_m2"].sum(), rel=1e-6)
    assert len(from_file.overlaps) == len(from_array.overlaps) == 3


# --- properties ---------------------------------------------------------------------------------

boxes = st.lists(
    st.tuples(st.integers(0, 90), st.integers(0, 90), st.integers(2, 40), st.integers(2, 40)), min_size=1, max_size=14
)


def polygons(spec):
    return np.array([shapely.box(x, y, x + w, y + h) for x, y, w, h in spec], dtype=object)


def dissolved_by_components(lines, chunk=2):
    """control_lines' dissolve tasks run in a loop: (line -> dissolved ControlLayer, overlaps)."""
    layers = control_lines.layers_of(lines)
    parts, frames = {line: [] for line in layers}, []
    for task in control_lines.dissolve_tasks(layers, chunk):
        own, frame = control_lines.dissolve_task(layers, task, 1.0, None)
        for line, found in own.items():
            parts[line].append(found)
        frames.append(frame)
    dissolved = {line: ControlLayer.from_array(np.concatenate(found) if found else []) for line, found in parts.items()}
    overlaps = pd.concat([f for f in frames if len(f)] or [conflicts.line_overlaps({})], ignore_index=True)
    return dissolved, overlaps


@settings(max_examples=40, deadline=None)
@given(
    red=boxes,
    farm=boxes,
    core=st.one_of(st.just([]), boxes),
    chunk=st.integers(1, 4),
    rect=st.tuples(st.integers(0, 80), st.integers(0, 80), st.integers(1, 60), st.integers(1, 60)),
)
def test_partition_parts_are_the_whole_dissolve_clipped_to_the_window(red, farm, core, chunk, rect):
    lines = {RED: polygons(red), FARM: polygons(farm), CORE: polygons(core)}
    whole = conflicts.dissolve_lines(lines)
    dissolved, _ = dissolved_by_components(lines, chunk)
    x, y, w, h = rect
    got = control_lines.partition_parts(dissolved, (x, y, x + w, y + h))
    window = shapely.box(*control_lines.window((x, y, x + w, y + h)))
    for line in whole:
        everywhere = shapely.union_all(dissolved[line].geometries)
        assert shapely.area(shapely.symmetric_difference(everywhere, shapely.union_all(whole[line]))) < 1e-9
        assert sum(shapely.area(dissolved[line].geometries)) == pytest.approx(shapely.area(everywhere))  # disjoint
        expected = shapely.intersection(shapely.union_all(whole[line]), window)
        union = shapely.union_all(got[line]) if len(got[line]) else shapely.Polygon()
        assert shapely.area(shapely.symmetric_difference(union, expected)) < 1e-9
        assert sum(shapely.area(got[line])) == pytest.approx(shapely.area(union))  # still disjoint


@settings(max_examples=40, deadline=None)
@given(red=boxes, farm=boxes, boundary=boxes, core=st.one_of(st.just([]), boxes), chunk=st.integers(1, 4))
def test_overlaps_by_components_are_the_whole_layer_overlaps(red, farm, boundary, core, chunk):
    lines = {RED: polygons(red), FARM: polygons(farm), BOUNDARY: polygons(boundary), CORE: polygons(core)}
    whole = conflicts.line_overlaps(conflicts.dissolve_lines(lines), min_area=1.0)
    _, got = dissolved_by_components(lines, chunk)

    def key(frame):
        return sorted(zip(frame["line_a"], frame["line_b"], np.round(frame["plane_area_m2"].astype(float), 6)))

    assert key(got) == key(whole)


def test_components_group_boxes_that_meet_transitively():
    layer = ControlLayer.from_array(polygons([(0, 0, 10, 10), (10, 0, 5, 5), (14, 4, 3, 3), (50, 50, 2, 2)]))
    labels = layer.components()
    assert labels[0] == labels[1] == labels[2] != labels[3]  # touching edges and corners chain
