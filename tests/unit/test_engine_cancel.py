"""Park coverage and living-circle coverage stop inside the engine once cancelled (issue 12.11):
the engine raises algorithms.cancel.CancelledError at its next step instead of running to the end
and leaving the processing layer to notice afterwards."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from urbanization_planning.algorithms import network as nw
from urbanization_planning.algorithms import standards
from urbanization_planning.algorithms.cancel import CancelledError, checkpoint
from urbanization_planning.algorithms.greenspace import coverage, facilities, rules


class CancelAfter:
    """is_canceled() that turns True after `calls` checks."""

    def __init__(self, calls: int):
        self.calls, self.checked = calls, 0

    def __call__(self) -> bool:
        self.checked += 1
        return self.checked > self.calls


def test_checkpoint_reports_then_stops():
    seen = []
    report = checkpoint(seen.append, lambda: len(seen) >= 2)
    report(0.1)
    report(0.2)
    with pytest.raises(CancelledError):
        report(0.3)
    assert seen == [0.1, 0.2]
    checkpoint()(0.5)  # neither callback: a no-op


@pytest.mark.parametrize("calls", [0, 1, 2])
def test_park_coverage_stops_at_its_next_step(calls):
    street = nw.build_network([LineString([(0, 0), (1000, 0)])])
    parks = gpd.GeoDataFrame(
        {"park_id": [1, 2], "name": ["A", "B"]}, geometry=[box(0, 10, 100, 110), box(600, 10, 750, 110)], crs=3857
    )
    homes = gpd.GeoDataFrame({"src_fid": [1, 2]}, geometry=[Point(450, 5), Point(900, -5)], crs=3857)
    cancel = CancelAfter(calls)
    progress = []
    with pytest.raises(CancelledError):
        coverage.park_coverage(
            parks,
            homes,
            rules.parse_rules("400:300:green;10000:500:park"),
            network=street,
            progress=progress.append,
            is_canceled=cancel,
        )
    assert len(progress) == calls and (not progress or progress[-1] < 1.0)  # stopped before the end
    # the same run without a cancel reaches the end
    done = []
    coverage.park_coverage(
        parks,
        homes,
        rules.parse_rules("400:300:green;10000:500:park"),
        network=street,
        progress=done.append,
        is_canceled=lambda: False,
    )
    assert done[-1] == 1.0 and len(done) > calls + 1


@pytest.mark.parametrize("calls", [0, 1])
def test_facility_coverage_stops_at_its_next_type(calls):
    preset = standards.preset("living_circle", "gb50180")
    street = nw.build_network([LineString([(0, 0), (2000, 0)])])
    types = np.array(["kindergarten", "primary_school", "kindergarten"], dtype=object)
    sites = gpd.GeoDataFrame(geometry=[Point(0, 0), Point(600, 0), Point(1500, 0)], crs=3857)
    homes = gpd.GeoDataFrame(geometry=[Point(200, 0), Point(1000, 0)], crs=3857)
    progress = []
    with pytest.raises(CancelledError):
        facilities.facility_coverage(
            sites,
            types,
            homes,
            preset["types"],
            network=street,
            progress=progress.append,
            is_canceled=CancelAfter(calls),
        )
    assert len(progress) == calls
    done = []
    facilities.facility_coverage(
        sites, types, homes, preset["types"], network=street, progress=done.append, is_canceled=lambda: False
    )
    assert done[-1] == 1.0


def test_cancellable_stops_waiting_for_a_long_call():
    """A call that cannot look for a cancel (one long GEOS overlay) no longer holds the run."""
    import time

    from urbanization_planning.algorithms.cancel import cancellable

    assert cancellable(lambda: 42, None) == 42
    assert cancellable(lambda: 42, lambda: False) == 42
    started = time.perf_counter()
    with pytest.raises(CancelledError):
        cancellable(lambda: time.sleep(3), lambda: time.perf_counter() - started > 0.2)
    assert time.perf_counter() - started < 1.0


def test_park_coverage_stops_during_a_long_service_area(monkeypatch):
    """Park coverage of a whole city spent 12 s in one service area after a cancel (issue 23)."""
    import time

    from urbanization_planning.algorithms.greenspace import access

    def slow_area(self, *args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(access.NetworkAccess, "area", slow_area)
    street = nw.build_network([LineString([(0, 0), (1000, 0)])])
    parks = gpd.GeoDataFrame({"park_id": [1], "name": ["A"]}, geometry=[box(0, 10, 100, 110)], crs=3857)
    homes = gpd.GeoDataFrame({"src_fid": [1]}, geometry=[Point(450, 5)], crs=3857)
    started = time.perf_counter()
    with pytest.raises(CancelledError):
        coverage.park_coverage(
            parks,
            homes,
            rules.parse_rules("400:300:green"),
            network=street,
            is_canceled=lambda: time.perf_counter() - started > 0.3,
        )
    assert time.perf_counter() - started < 2.0
