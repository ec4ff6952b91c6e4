"""Run times of the trapezoidal speed profile, hand-computed on a three-station line."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from urbanization_planning.algorithms.transit.runtime import RunTimeModel

# cruise 72 km/h = 20 m/s; 1 m/s2 both ways: 200 m to reach speed, 200 m to stop, 400 m critical
MODEL = RunTimeModel(cruise_kmh=72, acceleration=1.0, braking=1.0, dwell_s=30)


def test_acceleration_limited_hop_is_triangular():
    # 324 m < 400 m: peak speed sqrt(2 * 324 * 1 * 1 / 2) = 18 m/s, 18 s up + 18 s down
    assert MODEL.critical_distance == pytest.approx(400)
    assert MODEL.run_seconds(324) == pytest.approx(36.0)


def test_cruise_limited_hop_is_trapezoidal():
    # 2000 m: 20 s accelerating (200 m), 20 s braking (200 m), 1600 m at 20 m/s = 80 s
    assert MODEL.run_seconds(2000) == pytest.approx(120.0)


def test_three_station_line_all_stop_and_express():
    positions = [0, 324, 2324]
    # all-stop: 36 s + 30 s dwell at the middle station + 120 s
    assert MODEL.in_vehicle_seconds(positions, [0, 1, 2]) == pytest.approx(186.0)
    # express passes the middle station: one 2324 m run, 40 s ramps + 1924 m / 20 m/s = 96.2 s
    assert MODEL.in_vehicle_seconds(positions, [0, 2]) == pytest.approx(136.2)
    assert MODEL.in_vehicle_seconds(positions, [1]) == 0.0


def test_asymmetric_braking():
    model = RunTimeModel(cruise_kmh=72, acceleration=1.0, braking=0.5, dwell_s=0)
    # 300 m < 200 + 400 m: peak sqrt(2 * 300 * 0.5 / 1.5) = sqrt(200); t = peak / 1 + peak / 0.5
    assert model.run_seconds(300) == pytest.approx(3 * math.sqrt(200))
    assert model.run_seconds([0, 600]) == pytest.approx([0.0, 20 + 40])


def test_invalid_model_values_are_refused():
    with pytest.raises(ValueError, match="cruise_kmh"):
        RunTimeModel(cruise_kmh=0)
    with pytest.raises(ValueError, match="negative"):
        MODEL.run_seconds(-1)


@given(st.floats(1, 20000), st.floats(1, 20000), st.floats(20, 120), st.floats(0.3, 2), st.floats(0.3, 2))
def test_run_time_is_continuous_increasing_and_subadditive(d1, d2, v, a, b):
    """One run over two hops never takes longer than the two runs: what makes skipping stops pay."""
    model = RunTimeModel(v, a, b, 0)
    assert model.run_seconds(d1 + d2) <= model.run_seconds(d1) + model.run_seconds(d2) + 1e-9
    assert model.run_seconds(max(d1, d2)) >= model.run_seconds(min(d1, d2)) - 1e-9
    c = model.critical_distance
    assert model.run_seconds(c * (1 + 1e-9)) == pytest.approx(model.run_seconds(c * (1 - 1e-9)), rel=1e-6)
