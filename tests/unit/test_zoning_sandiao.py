"""三调 status data: the working classification read through the guide's crosswalk, detection of
which classification a layer uses, the 田坎 deduction, and CGCS2000 ellipsoidal areas (hand-checked
or against a closed-form reference)."""

import math

import numpy as np
import pytest
import shapely
from shapely import box

from urbanization_planning.algorithms.zoning.codes import UNKNOWN, CodeTable
from urbanization_planning.algorithms.zoning.ellipsoid import CGCS2000_A, CGCS2000_RF, ellipsoidal_area
from urbanization_planning.algorithms.zoning.sandiao import (
    GB2023,
    SANDIAO,
    ClassificationError,
    Crosswalk,
    deducted_codes,
    deduction_share,
    detect,
    to_2023,
)


@pytest.fixture(scope="module")
def table():
    return CodeTable.load()


@pytest.fixture(scope="module")
def crosswalk():
    return Crosswalk.load()


@pytest.mark.parametrize(
    ("value", "code_2023"),
    [
        ("0601", "1001"),
        ("0601 工业用地", "1001"),
        (601, "1001"),
        ("工业用地", "1001"),  # 工业用地 in 三调
        ("1006", "0601"),
        ("农村道路", "0601"),  # 三调 rural road is 2023 0601
        ("1004", "1207"),
        ("1203", "2303"),
        ("田坎", "2303"),
        ("1202", "0602"),
        ("0204", "0205"),
        ("05H1", "09"),
        ("08H1", "08"),
        ("08H2", "08"),
        ("0809", "13"),
        ("0810A", "1403"),
        ("1104A", "1704"),
        ("0201K", "0201"),
        ("0201K 可调整果园", "0201"),
        ("可调整果园", "0201"),
        ("0307K", "0304"),
        ("09", "15"),
        ("0702", "0703"),
        ("0303", "0507"),
        ("1108", "0504"),
    ],
)
def test_sandiao_codes_and_names_become_2023_codes(crosswalk, value, code_2023):
    assert crosswalk.convert([value]).tolist() == [code_2023]


@pytest.mark.parametrize("value", [None, float("nan"), "", "0703", "0601 农村道路", "1701", "0199", "abc", "05H9"])
def test_values_that_are_not_sandiao_classes_are_unknown(crosswalk, value):
    assert crosswalk.convert([value]).tolist() == [UNKNOWN]


def test_every_crosswalk_target_is_a_code_of_the_2023_table(crosswalk, table):
    assert set(crosswalk.to_2023.values()) <= set(table.names_zh)


def test_detection_from_codes_and_names(table, crosswalk):
    assert detect(["0101", "0601", "05H1"], table, crosswalk) == SANDIAO  # 05H1 exists only in 三调
    assert detect(["旱地", "工业用地", "商业服务业设施用地"], table, crosswalk) == SANDIAO  # names (DLMC)
    assert detect(["0101", "0601", "0703"], table, crosswalk) == GB2023  # 0703 exists only in 2023
    assert detect(["城镇村道路用地", "田间道"], table, crosswalk) == GB2023
    assert detect(["0101", "0103", "0301"], table, crosswalk) == GB2023  # same meaning in both: no difference


def test_ambiguous_or_mixed_data_is_refused_with_examples(table, crosswalk):
    with pytest.raises(ClassificationError, match=r"0601 \(农村道路 / 工业用地\).*choose the classification"):
        detect(["0101", "0601"], table, crosswalk)
    with pytest.raises(ClassificationError, match=r"mix both classifications: 0703 .* 05H1"):
        detect(["0101", "05H1", "0703"], table, crosswalk)


def test_to_2023_with_each_choice(table, crosswalk):
    values = ["0601", "1003", None]
    assert to_2023(values, SANDIAO, table, crosswalk)[0].tolist() == ["1001", "1202", UNKNOWN]
    assert to_2023(values, GB2023, table, crosswalk)[0].tolist() == ["0601", "1003", UNKNOWN]
    with pytest.raises(ClassificationError):
        to_2023(values, "auto", table, crosswalk)


def test_deduction_share_from_whichever_fields_are_given(crosswalk):
    # KCXS given; KCMJ / TBMJ; TBDLMJ / TBMJ; nothing; a bad value
    columns = {
        "KCXS": np.array([0.15, None, None, None, "x"], dtype=object),
        "KCMJ": np.array([1500.0, 500.0, None, None, None], dtype=object),
        "TBMJ": np.array([10000.0, 10000.0, 8000.0, 5000.0, 100.0], dtype=object),
        "TBDLMJ": np.array([8500.0, 9500.0, 6000.0, None, None], dtype=object),
    }
    assert deduction_share(columns, 5).tolist() == pytest.approx([0.15, 0.05, 0.25, 0.0, 0.0])
    assert deduction_share({}, 2).tolist() == [0.0, 0.0]
    assert deducted_codes({"KCDLBM": np.array(["1203", None], dtype=object)}, 2, crosswalk).tolist() == ["2303", "2303"]


def _authalic_q(phi: float, e: float) -> float:
    s = math.sin(phi)
    return s / (1 - e * e * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)


def test_ellipsoidal_area_matches_the_closed_form_of_a_graticule_cell():
    """Area between two parallels and meridians on the CGCS2000 ellipsoid: b² Δλ (q(φ2) − q(φ1)) / 2.
    Geodesic edges of a 0.01° cell differ from parallels by well under 1e-5 of its area."""
    f = 1 / CGCS2000_RF
    e = math.sqrt(f * (2 - f))
    b = CGCS2000_A * (1 - f)
    lon, lat, d = 102.70, 25.00, 0.01
    expected = b * b * math.radians(d) * (_authalic_q(math.radians(lat + d), e) - _authalic_q(math.radians(lat), e)) / 2
    cell = box(lon, lat, lon + d, lat + d)
    holed = shapely.Polygon(
        cell.exterior.coords, [box(lon + 0.004, lat + 0.004, lon + 0.006, lat + 0.006).exterior.coords]
    )
    areas = ellipsoidal_area(np.array([cell, holed, None], dtype=object), "EPSG:4490")
    assert areas[0] == pytest.approx(expected, rel=1e-5)
    assert areas[0] - areas[1] == pytest.approx(expected * 0.04, rel=1e-3)
    assert areas[2] == 0.0


def test_ellipsoidal_area_agrees_with_geodesic_polygons_of_pyproj_geod():
    """An independent measure: pyproj.Geod on the CGCS2000 ellipsoid (geodesic edges), parcels over
    a 300 km square in Yunnan, in the Gauss-Kruger CRS and in CGCS2000 longitude/latitude."""
    import pyproj

    rng = np.random.default_rng(7)
    x, y = rng.uniform(350_000, 650_000, 200), rng.uniform(2_620_000, 2_920_000, 200)
    parcels = shapely.buffer(shapely.points(x, y), rng.uniform(5, 300, 200), quad_segs=3)
    geod = pyproj.Geod(a=CGCS2000_A, rf=CGCS2000_RF)
    to_lonlat = pyproj.Transformer.from_crs("EPSG:4543", "EPSG:4490", always_xy=True)
    lonlat = shapely.transform(parcels, lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])))
    expected = np.array([abs(geod.geometry_area_perimeter(p)[0]) for p in lonlat])
    np.testing.assert_allclose(ellipsoidal_area(parcels, "EPSG:4543"), expected, rtol=5e-7)
    np.testing.assert_allclose(ellipsoidal_area(lonlat, "EPSG:4490"), expected, rtol=5e-7)


def test_ellipsoidal_area_from_gauss_kruger_shows_the_scale_error():
    """On the central meridian (x = 500 000 m) the plane area equals the ellipsoidal one to about
    1e-8; 100 km east the plane overstates it by the scale factor squared, (1 + y²/2R²)² ≈ 1 + 2.46e-4."""
    plan = np.array([box(500_000, 2_770_000, 500_100, 2_770_100), box(600_000, 2_770_000, 600_100, 2_770_100)])
    on_meridian, east = ellipsoidal_area(plan, "EPSG:4543")
    assert on_meridian == pytest.approx(10_000.0, rel=1e-6)
    assert 10_000.0 / east - 1 == pytest.approx(2.46e-4, rel=0.02)
