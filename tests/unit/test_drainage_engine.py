"""Drainage engine on hand-made DEMs with known answers, and its invariants (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from affine import Affine
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from urbanization_planning.algorithms.cancel import CancelledError
from urbanization_planning.algorithms.drainage.corridors import (
    CorridorSettingsError,
    half_width,
    identify_corridors,
    parse_widths,
)
from urbanization_planning.algorithms.drainage.depressions import find_depressions
from urbanization_planning.algorithms.drainage.hydrology import (
    D8_NODATA,
    DrainageInputError,
    MemoryEstimateError,
    check_memory,
    condition,
    row_cell_areas,
)

CELL = 10.0
CRS = "EPSG:32648"  # UTM 48N (Kunming): any metric CRS will do for the hand-made grids


def grid(rows: int, cols: int) -> Affine:
    return Affine(CELL, 0, 500000.0, 0, -CELL, 2800000.0 + rows * CELL)


def tilted_plane(rows=8, cols=5):
    r, _ = np.mgrid[0:rows, 0:cols]
    return (100.0 - r).astype("float32")


def v_valley(rows=30, cols=21):
    r, c = np.mgrid[0:rows, 0:cols]
    return (100.0 - 0.1 * r + 1.0 * np.abs(c - cols // 2)).astype("float32")


def test_tilted_plane_accumulation_grows_one_cell_per_row():
    dem = tilted_plane()
    model = condition(dem, grid(*dem.shape))
    cells = model.accumulation_m2() / CELL**2
    expected = np.repeat(np.arange(1, 9, dtype="float32")[:, None], 5, axis=1)
    np.testing.assert_array_equal(cells, expected)
    assert (model.d8[:-1] == 4).all()  # every cell drains south
    assert (model.d8[-1] == 0).all()  # the lowest row drains off the DEM


def test_v_valley_gives_one_corridor_on_the_thalweg():
    dem = v_valley()
    transform = grid(*dem.shape)
    result = identify_corridors(dem, transform, crs=CRS, metric_crs=CRS, min_area_m2=20 * CELL**2, widths={1: 10.0})
    lines = result.lines
    assert len(lines) == 1
    xs = np.asarray(lines.geometry.iloc[0].coords)[:, 0]
    thalweg_x = transform.c + (10 + 0.5) * CELL
    assert np.allclose(xs, thalweg_x)
    assert lines["strahler"].tolist() == [1]
    acc = result.accumulation / CELL**2
    np.testing.assert_array_equal(acc[:, 10], 21 * np.arange(1, 31))  # each row's 21 cells join the thalweg
    assert acc[-1, 10] == dem.size  # even the edge columns: they slope inwards
    # starts at the first thalweg cell reaching 20 cells and runs to the outlet row
    first_row = int(np.argmax(acc[:, 10] >= 20))
    assert lines["length_m"].iloc[0] == pytest.approx((dem.shape[0] - 1 - first_row) * CELL)
    drop = float(dem[first_row, 10] - dem[-1, 10])
    assert lines["slope_pct"].iloc[0] == pytest.approx(100 * drop / lines["length_m"].iloc[0], rel=1e-4)
    zone = result.zones.geometry.iloc[0]
    assert zone.area == pytest.approx(290 * 2 * 10.0 + math.pi * 10.0**2, rel=1e-3)  # a strip with round ends


def test_single_pit_depth_and_volume_are_exact():
    dem = np.full((7, 7), 50.0, dtype="float32")
    dem[3, 3] = 49.2
    result = find_depressions(dem, grid(7, 7), crs=CRS, metric_crs=CRS, min_depth=0.15)
    assert result.count == 1
    row = result.depressions.iloc[0]
    assert row["max_depth_m"] == pytest.approx(0.8, abs=1e-5)
    assert row["volume_m3"] == pytest.approx(0.8 * CELL**2, rel=1e-5)
    assert row["area_m2"] == pytest.approx(CELL**2)
    assert row["spill_elev_m"] == pytest.approx(50.0)
    assert result.depth[3, 3] == pytest.approx(0.8, abs=1e-5)
    assert np.count_nonzero(result.depth) == 1
    assert row.geometry.area == pytest.approx(CELL**2)


def test_flat_bottomed_basin_fills_to_the_lowest_rim_cell():
    dem = np.full((7, 7), 20.0, dtype="float32")
    dem[1:6, 1:6] = 12.0  # inner wall ring
    dem[2:5, 2:5] = 10.0  # flat floor, 3 x 3
    dem[1, 3] = 11.0  # the gap in the wall: the basin spills here at 11 m...
    dem[0, 3] = 10.5  # ...and on through the outer rim off the DEM
    result = find_depressions(dem, grid(7, 7), crs=CRS, metric_crs=CRS, min_depth=0.15)
    assert result.count == 1
    row = result.depressions.iloc[0]
    assert row["spill_elev_m"] == pytest.approx(11.0)
    assert row["area_m2"] == pytest.approx(9 * CELL**2)
    assert row["max_depth_m"] == pytest.approx(1.0)
    assert row["mean_depth_m"] == pytest.approx(1.0)
    assert row["volume_m3"] == pytest.approx(9 * CELL**2)
    assert row["upstream_km2"] * 1e6 >= 9 * CELL**2


def test_depth_and_area_thresholds_filter_hollows():
    dem = np.full((9, 9), 30.0, dtype="float32")
    dem[2, 2] = 29.9  # 0.10 m: below GB 51222's 0.15 m
    dem[6, 6] = 29.7  # 0.30 m
    result = find_depressions(dem, grid(9, 9), crs=CRS, metric_crs=CRS, min_depth=0.15)
    assert (result.candidates, result.count) == (2, 1)
    assert (
        find_depressions(dem, grid(9, 9), crs=CRS, metric_crs=CRS, min_depth=0.15, min_area_m2=2 * CELL**2).count == 0
    )


def test_nodata_is_an_outlet_not_a_hollow():
    dem = tilted_plane(8, 6).T.copy()[:, ::-1]  # rises to the east... then a "sea" of nodata on the west
    dem = np.ascontiguousarray(dem)
    dem[:, :2] = np.nan
    dem[3, 2] = 90.0  # the lowest land cell lies on the coast: it drains to the sea, it is no pit
    model = condition(dem, grid(*dem.shape), keep_filled=True)
    assert (model.d8[:, :2] == D8_NODATA).all()
    assert np.isnan(model.accumulation_m2()[:, :2]).all()
    assert model.d8[3, 2] == 0
    assert np.nanmax(model.filled - dem) == 0.0
    # every valid cell drains: the outlets' areas add up to the land area
    acc = model.accumulation_m2()
    outlets = model.d8 == 0
    assert acc[outlets].sum() == pytest.approx(np.isfinite(dem).sum() * CELL**2)


def test_geographic_cell_areas_follow_latitude():
    # a 1-degree grid over the whole globe adds up to the GRS80 ellipsoid's area, 510,065,621.7 km2
    # (Moritz, Geodetic Reference System 1980, Bulletin Geodesique 54: 5.10065622e14 m2)
    areas = row_cell_areas(Affine(1.0, 0, -180.0, 0, -1.0, 90.0), (180, 360), latlon=True)
    assert areas.sum() * 360 == pytest.approx(5.10065622e14, rel=1e-8)
    # 3-arc-second cells (SRTM): at the equator a x a(1-e2) times the angles; at 60 degrees the
    # parallel's radius N cos(phi) and the meridian's M make it 0.5 / (1 - e2 sin2(phi))^2 of that
    a, e2 = 6378137.0, 0.00669438002290
    srtm = row_cell_areas(Affine(1 / 1200, 0, 0.0, 0, -1 / 1200, 60.0 + 1 / 2400), (1, 1), latlon=True)[0]
    equator = row_cell_areas(Affine(1 / 1200, 0, 0.0, 0, -1 / 1200, 1 / 2400), (1, 1), latlon=True)[0]
    assert equator == pytest.approx(a * a * (1 - e2) * (math.pi / 180 / 1200) ** 2, rel=1e-6)
    assert srtm / equator == pytest.approx(0.5 / (1 - e2 * 0.75) ** 2, rel=1e-5)


def test_geographic_accumulation_uses_cell_areas_by_latitude():
    dem = tilted_plane(6, 4)
    transform = Affine(1 / 1200, 0, 100.0, 0, -1 / 1200, 25.0)
    model = condition(dem, transform, latlon=True)
    acc = model.accumulation_m2()
    areas = row_cell_areas(transform, dem.shape, latlon=True)
    np.testing.assert_allclose(acc[:, 0], np.cumsum(areas), rtol=1e-6)


def test_widths_text_and_lookup():
    widths = parse_widths(" 1:10, 2:15；3：25,4:40 ".replace("；", ","))
    assert widths == {1: 10.0, 2: 15.0, 3: 25.0, 4: 40.0}
    assert half_width(6, widths) == 40.0 and half_width(2, widths) == 15.0
    assert half_width(1, {2: 15.0}) == 15.0
    for bad in ("", "1-10", "0:10", "1:-5", "a:b"):
        with pytest.raises(CorridorSettingsError):
            parse_widths(bad)


def test_crossings_and_buildings_on_the_v_valley():
    import geopandas as gpd
    import shapely

    dem = v_valley()
    transform = grid(*dem.shape)
    x0, y_top = transform.c, transform.f
    x_mid = x0 + 10.5 * CELL
    road = shapely.LineString([(x0, y_top - 250), (x0 + 210, y_top - 250)])  # across the valley
    along = shapely.LineString([(x0 + 30, y_top - 50), (x0 + 30, y_top - 280)])  # parallel, away from it
    roads = gpd.GeoDataFrame({"src_fid": [7, 8], "name": ["Dianchi Rd", None]}, geometry=[road, along], crs=CRS)
    buildings = gpd.GeoDataFrame(
        {"src_fid": [1, 2]},
        geometry=[
            shapely.box(x_mid + 2, y_top - 200, x_mid + 20, y_top - 190),
            shapely.box(x0, y_top - 20, x0 + 10, y_top - 10),
        ],
        crs=CRS,
    )
    result = identify_corridors(
        dem,
        transform,
        crs=CRS,
        metric_crs=CRS,
        min_area_m2=20 * CELL**2,
        widths={1: 10.0},
        roads=roads,
        buildings=buildings,
        road_name_column="name",
    )
    assert result.crossing_count == 1
    crossing = result.crossings.iloc[0]
    assert (crossing["road_fid"], crossing["road_name"], crossing["strahler"]) == (7, "Dianchi Rd", 1)
    assert crossing.geometry.x == pytest.approx(x_mid) and crossing.geometry.y == pytest.approx(y_top - 250)
    assert result.buildings["building_fid"].tolist() == [1]
    assert result.buildings["overlap_m2"].iloc[0] == pytest.approx(8 * 10)


def test_exposure_of_a_depression():
    import geopandas as gpd
    import shapely

    dem = np.full((7, 7), 50.0, dtype="float32")
    dem[2:5, 2:5] = 49.0
    transform = grid(7, 7)
    x0, y0 = transform.c, transform.f
    road = shapely.LineString([(x0, y0 - 35), (x0 + 70, y0 - 35)])  # 30 m of it across the hollow
    houses = [shapely.box(x0 + 25, y0 - 45, x0 + 28, y0 - 42), shapely.box(x0, y0 - 5, x0 + 3, y0 - 2)]
    result = find_depressions(
        dem,
        transform,
        crs=CRS,
        metric_crs=CRS,
        roads=gpd.GeoDataFrame(geometry=[road], crs=CRS),
        buildings=gpd.GeoDataFrame(geometry=houses, crs=CRS),
    )
    row = result.depressions.iloc[0]
    assert row["road_length_m"] == pytest.approx(30.0)
    assert row["buildings"] == 1
    assert row["volume_m3"] == pytest.approx(9 * CELL**2)


def test_bad_dems_and_memory():
    with pytest.raises(DrainageInputError):
        condition(np.ones((1, 50), dtype="float32"), grid(1, 50))
    with pytest.raises(DrainageInputError):
        condition(np.full((5, 5), np.nan, dtype="float32"), grid(5, 5))
    with pytest.raises(MemoryEstimateError) as error:
        check_memory((100_000, 100_000), available=8 * 2**30)
    assert error.value.needed > 8 * 2**30 and "GiB" in str(error.value)
    assert check_memory((1000, 1000), available=8 * 2**30) < 2**30


def test_cancel_stops_between_steps():
    dem = v_valley()
    with pytest.raises(CancelledError):
        identify_corridors(
            dem, grid(*dem.shape), crs=CRS, metric_crs=CRS, min_area_m2=2000, widths={1: 10.0}, is_canceled=lambda: True
        )


dems = arrays(
    np.float32, st.tuples(st.integers(3, 12), st.integers(3, 12)), elements=st.floats(0, 20, width=32, allow_nan=False)
)


@settings(max_examples=40, deadline=None)
@given(dems)
def test_every_cell_drains_to_an_outlet_and_area_is_conserved(dem):
    model = condition(dem, grid(*dem.shape), keep_filled=True)
    acc = model.accumulation_m2()
    outlets = model.d8 == 0
    assert acc[outlets].sum() == pytest.approx(dem.size * CELL**2, rel=1e-5)
    assert (acc >= CELL**2 - 1e-3).all()
    assert (model.filled >= dem).all()


@settings(max_examples=40, deadline=None)
@given(dems)
def test_depressions_hold_exactly_the_filled_volume(dem):
    result = find_depressions(dem, grid(*dem.shape), crs=CRS, metric_crs=CRS, min_depth=0.0)
    total = float(result.depth.sum()) * CELL**2
    assert result.total_volume_m3 == pytest.approx(total, rel=1e-5, abs=1e-3)
    assert (result.depth >= 0).all()
    frame = result.depressions
    assert (frame["max_depth_m"] >= frame["mean_depth_m"] - 1e-6).all()
    assert frame["rank"].tolist() == list(range(1, len(frame) + 1))


@settings(max_examples=40, deadline=None)
@given(dems, arrays(bool, (12, 12)))
def test_nodata_cells_never_receive_flow(dem, holes):
    dem = dem.copy()
    dem[holes[: dem.shape[0], : dem.shape[1]]] = np.nan
    if not np.isfinite(dem).any():
        return
    model = condition(dem, grid(*dem.shape))
    acc = model.accumulation_m2()
    land = np.isfinite(dem)
    assert (model.d8[~land] == D8_NODATA).all() and np.isnan(acc[~land]).all()
    assert acc[model.d8 == 0].sum() == pytest.approx(land.sum() * CELL**2, rel=1e-5)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(3, 40),
    st.integers(3, 40),
    st.integers(0, 2**32 - 1),
    st.floats(0.0, 0.4),
)
def test_fill_equals_pyflwdir_within_one_ulp(rows, cols, seed, nodata_share):
    """The priority flood of tiled.kernels fills exactly as pyflwdir's (outlets on the raster edge
    and next to nodata): the same cells raised to the same levels, up to the one float32 ulp that
    pyflwdir's adding of depths may leave; never below the terrain."""
    from pyflwdir import dem as pdem

    from urbanization_planning.algorithms.drainage.tiled.kernels import fill_depressions

    rng = np.random.default_rng(seed)
    dem = (rng.random((rows, cols)) * 50).round(1).astype(np.float32)  # ties: flats and equal spills
    dem[rng.random((rows, cols)) < nodata_share] = np.nan
    ours = fill_depressions(dem)
    theirs, _ = pdem.fill_depressions(dem, outlets="edge", nodata=np.nan)
    assert np.array_equal(np.isnan(ours), np.isnan(dem))
    valid = ~np.isnan(dem)
    assert (np.abs(ours[valid] - theirs[valid]) <= np.spacing(np.abs(theirs[valid]))).all()
    assert (ours[valid] >= dem[valid]).all()


def test_fill_raises_a_pit_to_its_spill_level():
    """A 3 x 3 bowl rim with a 1 m pit in the middle: the pit fills to the lowest rim cell (5.0)."""
    from urbanization_planning.algorithms.drainage.tiled.kernels import fill_depressions

    dem = np.array([[9, 8, 9], [7, 1, 5], [9, 9, 9]], dtype=np.float32)
    filled = fill_depressions(dem)
    assert filled[1, 1] == 5.0 and (np.delete(filled.ravel(), 4) == np.delete(dem.ravel(), 4)).all()


def test_order_cells_is_pyflwdirs_sort_order():
    """hydrology.order_cells gives pyflwdir's order_cells(method="sort") exactly, and orders the
    pyflwdir way when the attributes it sets are not there."""
    import pyflwdir

    from urbanization_planning.algorithms.drainage import hydrology

    rng = np.random.default_rng(3)
    model = hydrology.condition(rng.uniform(0, 50, (60, 70)).astype(np.float32), Affine(10, 0, 0, 0, -10, 600))
    d8 = model.d8

    def fresh():
        return pyflwdir.from_array(d8, ftype="d8", check_ftype=False, cache=False)

    theirs, ours = fresh(), fresh()
    theirs.order_cells(method="sort")
    hydrology.order_cells(ours)
    assert np.array_equal(ours.idxs_seq, theirs.idxs_seq) and ours.idxs_seq.dtype == theirs.idxs_seq.dtype

    class Without:  # a pyflwdir whose private attributes have other names
        def __init__(self):
            self.flw, self.called = fresh(), False

        def order_cells(self, method):
            self.called = method
            self.flw.order_cells(method=method)

    without = Without()
    hydrology.order_cells(without)
    assert without.called == "sort" and np.array_equal(without.flw.idxs_seq, theirs.idxs_seq)
