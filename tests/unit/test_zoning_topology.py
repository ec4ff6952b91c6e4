"""Topology check of planning layers on hand-built layers with known errors."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

from urbanization_planning.algorithms.zoning.topology import check, wider_than

BOWTIE = shapely.from_wkt("POLYGON((100 100,110 110,110 100,100 110,100 100))")


def layer():
    return np.array(
        [
            box(0, 0, 10, 10),  # 0
            box(10, 0, 20, 10),  # 1 touches 0: fine
            box(18, 0, 28, 10),  # 2 overlaps 1 by 2 x 10
            box(0.001, 0, 10.001, 10),  # 3 duplicate of 0 within 1 cm
            BOWTIE,  # 4 invalid
            box(0, 20, 30, 20.5),  # 5 sliver, 0.5 m wide
            box(40, 40, 70, 50),
            box(40, 60, 70, 70),
            box(40, 50, 50, 60),
            box(60, 50, 70, 60),  # 6-9 ring: gap
        ],
        dtype=object,
    )


def by_type(result, kind):
    return result.errors[result.errors["error_type"] == kind]


def test_every_error_type_without_boundary():
    result = check(layer(), tolerance=0.01, sliver_width=1.0)
    assert result.counts() == {"invalid": 1, "duplicate": 1, "overlap": 1, "gap": 1, "sliver": 1, "outside_boundary": 0}
    assert by_type(result, "duplicate")["rows"].tolist() == [(0, 3)]
    overlap = by_type(result, "overlap")
    assert overlap["rows"].tolist() == [(1, 2)] and overlap["plane_area_m2"].tolist() == pytest.approx([20.0])
    gap = by_type(result, "gap")
    assert gap["rows"].tolist() == [(6, 7, 8, 9)] and gap["plane_area_m2"].tolist() == pytest.approx([100.0])
    invalid = by_type(result, "invalid")
    assert invalid["rows"].tolist() == [(4,)] and "Self-intersection" in invalid["detail"].iloc[0]
    assert invalid["plane_area_m2"].tolist() == pytest.approx([50.0])
    assert by_type(result, "sliver")["rows"].tolist() == [(5,)]


def test_tolerance_and_sliver_width_are_in_metres():
    result = check(layer(), tolerance=0.0, sliver_width=0.4)
    counts = result.counts()
    assert counts["sliver"] == 0
    assert counts["duplicate"] == 0  # 1 mm apart is no longer "the same" with zero tolerance
    assert counts["overlap"] == 3  # 0/3 overlap, 1/2, and the 1 mm strip 1/3


def test_boundary_gives_gaps_and_outside_parts():
    parcels = np.array([box(0, 0, 10, 10), box(10, 0, 20, 10), box(15, 5, 30, 10)], dtype=object)
    boundary = np.array([box(0, 0, 25, 12)], dtype=object)
    result = check(parcels, boundary, tolerance=0.01, sliver_width=1.0)
    outside = by_type(result, "outside_boundary")
    assert outside["rows"].tolist() == [(2,)] and outside["plane_area_m2"].tolist() == pytest.approx([25.0])
    gaps = by_type(result, "gap")
    assert gaps["plane_area_m2"].sum() == pytest.approx(25 * 12 - 225)  # parcels cover 200 + 25 of 20..25 x 5..10
    assert len(gaps) == 2 and sorted(gaps["plane_area_m2"]) == pytest.approx([25.0, 50.0])
    assert set().union(*gaps["rows"]) == {0, 1, 2}


def test_a_clean_tessellation_has_no_errors():
    parcels = np.array([box(x, y, x + 10, y + 10) for x in range(0, 50, 10) for y in range(0, 50, 10)], dtype=object)
    result = check(parcels, np.array([box(0, 0, 50, 50)], dtype=object))
    assert sum(result.counts().values()) == 0


def test_wider_than():
    thin, wide = box(0, 0, 100, 0.8), box(0, 0, 100, 1.2)
    assert list(wider_than(np.array([thin, wide], dtype=object), 1.0)) == [False, True]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(2, 15), st.integers(2, 15)),
        min_size=2,
        max_size=8,
    )
)
def test_overlap_area_is_the_pairwise_shared_area(boxes):
    parcels = np.array([box(x, y, x + w, y + h) for x, y, w, h in boxes], dtype=object)
    result = check(parcels, tolerance=0.0)
    expected = 0.0
    for i in range(len(parcels)):
        for j in range(i + 1, len(parcels)):
            if not shapely.equals(parcels[i], parcels[j]):
                expected += shapely.area(shapely.intersection(parcels[i], parcels[j]))
    errors = result.errors
    assert errors.loc[errors["error_type"] == "overlap", "plane_area_m2"].sum() == pytest.approx(expected)
