"""Station-line graph times: hand-checked small networks, bad input, hypothesis properties."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.transit import commute, express, lines
from urbanization_planning.algorithms.transit.runtime import RunTimeModel

MODEL = RunTimeModel(cruise_kmh=72, acceleration=1.0, braking=1.0, dwell_s=30)
SERVICE = commute.ServiceParameters(headway_all_min=6, headway_express_min=6, transfer_min=4)


def table(rows):
    """rows: (station_id, line, order, express, x, y)"""
    frame = pd.DataFrame(rows, columns=["station_id", "line", "order", "express", "x", "y"])
    frame["name"] = frame["station_id"]
    return frame


THREE = table([("A", "L", 1, True, 0, 0), ("B", "L", 2, False, 324, 0), ("C", "L", 3, True, 2324, 0)])


def test_three_station_line_hand_computed():
    result = express.evaluate(THREE, "A", MODEL, SERVICE)
    row = result.stations.set_index("station_id").loc["C"]
    assert row["allstop_ivt_min"] == pytest.approx(186.0 / 60)
    assert row["allstop_wait_min"] == pytest.approx(3.0)
    assert row["allstop_total_min"] == pytest.approx(186.0 / 60 + 3.0)
    assert row["express_ivt_min"] == pytest.approx(136.2 / 60)
    assert row["express_total_min"] == pytest.approx(136.2 / 60 + 3.0)
    assert row["minutes_saved"] == pytest.approx((186.0 - 136.2) / 60)
    assert row["uses_express"] and row["express_route"] == "L"
    b = result.stations.set_index("station_id").loc["B"]
    assert b["minutes_saved"] == 0 and not b["express_stop"]  # the express does not serve B


def test_transfer_adds_walk_and_half_headway():
    # line M crosses L at C: X -> C on M (1000 m), then C -> A on L all-stop
    rows = THREE.copy()
    rows = pd.concat([rows, table([("X", "M", 1, False, 2324, 1000), ("C", "M", 2, False, 2324, 0)])])
    result = express.evaluate(rows, "A", MODEL, SERVICE).stations.set_index("station_id")
    x = result.loc["X"]
    run_xc = MODEL.run_seconds(1000) / 60
    assert x["allstop_transfers"] == 1 and x["allstop_route"] == "M > L"
    assert x["allstop_transfer_min"] == pytest.approx(4.0)
    assert x["allstop_wait_min"] == pytest.approx(3.0 + 3.0)
    assert x["allstop_ivt_min"] == pytest.approx(run_xc + 186.0 / 60)
    # with the express: changing at C to the express saves its ride minus the longer wait
    assert x["express_total_min"] == pytest.approx(3.0 + run_xc + 4.0 + 3.0 + 136.2 / 60)


def test_all_stop_rider_changes_to_the_express_when_it_pays():
    # D is not an express stop; D -> C all-stop (short), then express C -> A over many skipped stops
    rows = table([(s, "L", i, s in "AH", 1000.0 * i, 0) for i, s in enumerate("ABCDEFGHI")])
    result = express.evaluate(rows, "A", MODEL, commute.ServiceParameters(6, 6, 4)).stations.set_index("station_id")
    assert result.loc["I", "express_route"] == "L" and result.loc["I", "uses_express"]
    assert result.loc["I", "express_transfers"] == 1  # all-stop to H, then the express
    assert result.loc["I", "minutes_saved"] > 0


def test_duplicated_order_numbers():
    bad = THREE.assign(order=[1, 2, 2])
    with pytest.raises(lines.DuplicateOrderError) as error:
        lines.build_lines(bad)
    assert error.value.line == "L" and error.value.stations == ["B", "C"]


def test_single_station_line():
    bad = pd.concat([THREE, table([("Z", "M", 1, False, 0, 0)])])
    with pytest.raises(lines.SingleStationLineError, match="line M"):
        lines.build_lines(bad)


def test_missing_order_without_geometry():
    with pytest.raises(lines.MissingOrderError):
        lines.build_lines(THREE.assign(order=[1, math.nan, 3]))


def test_unknown_destination_suggests_near_names():
    names = {"s1": "东风广场", "s2": "东部汽车站", "s3": "大学城"}
    assert lines.find_station("东风广场", names) == "s1"
    assert lines.find_station("s3", names) == "s3"
    with pytest.raises(lines.UnknownStationError) as error:
        lines.find_station("东风广", names)
    assert error.value.suggestions[0] == "东风广场"
    assert lines.find_station("dong feng", {"a": "Dong Feng"}) == "a"


def test_express_skipping_the_destination():
    with pytest.raises(commute.ExpressSkipsDestinationError) as error:
        express.evaluate(THREE, "B", MODEL, SERVICE)
    assert error.value.destination == "B"


def test_express_beyond_the_destination_is_a_feeder_not_an_error():
    rows = table([(s, "L", i, s in "CE", 1000.0 * i, 0) for i, s in enumerate("ABCDE")])
    result = express.evaluate(rows, "A", MODEL, SERVICE).stations.set_index("station_id")
    assert result.loc["E", "express_stop"] and result.loc["A", "allstop_total_min"] == 0


def test_express_list_and_lines():
    flagged = express.apply_express_pattern(THREE.assign(express=False), ["A", "C"], ["L"])
    assert list(flagged["express"]) == [True, False, True]
    with pytest.raises(express.UnknownLineError):
        express.apply_express_pattern(THREE, [], ["9"])
    with pytest.raises(express.NoExpressError):
        express.evaluate(THREE.assign(express=False), "A", MODEL, SERVICE)
    assert express.parse_list("甲，乙、丙; 丁 ,") == ["甲", "乙", "丙", "丁"]


def test_line_geometry_orders_stations_without_order_numbers():
    import shapely

    unordered = THREE.assign(order=math.nan).iloc[[2, 0, 1]]
    built = lines.build_lines(unordered, {"L": shapely.LineString([(0, 0), (2324, 0)])})
    assert built[0].station_ids == ["A", "B", "C"]
    assert list(built[0].positions_m) == pytest.approx([0, 324, 2324])
    with pytest.raises(lines.StationOffLineError):
        lines.build_lines(THREE, {"L": shapely.LineString([(0, 400), (2324, 400)])})


# --- properties ---------------------------------------------------------------------------------

spacings = st.lists(st.floats(250, 4000), min_size=2, max_size=12)
models = st.builds(RunTimeModel, st.floats(40, 120), st.floats(0.5, 1.5), st.floats(0.5, 1.5), st.floats(0, 60))


def straight_line(gaps, express_flags):
    xs = [0.0]
    for gap in gaps:
        xs.append(xs[-1] + gap)
    return table([(f"s{i}", "L", i, flag, x, 0.0) for i, (x, flag) in enumerate(zip(xs, express_flags))])


@settings(max_examples=60, deadline=None)
@given(spacings, models, st.data())
def test_express_in_vehicle_never_exceeds_all_stop_for_served_stations(gaps, model, data):
    n = len(gaps) + 1
    flags = [True] + [data.draw(st.booleans()) for _ in range(n - 2)] + [True]
    rows = straight_line(gaps, flags)
    built = lines.build_lines(rows)[0]
    served = built.express_stops
    for i in served:
        assert (
            model.in_vehicle_seconds(built.positions_m, [s for s in served if s <= i])
            <= model.in_vehicle_seconds(built.positions_m, range(0, i + 1)) + 1e-9
        )
    result = express.evaluate(rows, "s0", model, SERVICE).stations.set_index("station_id")
    for i in served:
        assert result.iloc[i]["express_total_min"] <= result.iloc[i]["allstop_total_min"] + 1e-9


@settings(max_examples=60, deadline=None)
@given(spacings, models, st.data())
def test_times_grow_monotonically_away_from_the_destination(gaps, model, data):
    n = len(gaps) + 1
    destination = data.draw(st.integers(0, n - 1))
    flags = [True] * n  # every stop served: no skipped destination; the express is then a second service
    result = express.evaluate(straight_line(gaps, flags), f"s{destination}", model, SERVICE).stations
    by_index = result.set_index("station_id")
    for column in ("allstop_total_min", "allstop_ivt_min", "express_total_min"):
        values = [by_index.loc[f"s{i}", column] for i in range(n)]
        for i in range(destination, n - 1):
            assert values[i + 1] > values[i] - 1e-9
        for i in range(1, destination + 1):
            assert values[i - 1] > values[i] - 1e-9


@settings(max_examples=60, deadline=None)
@given(spacings, models, st.data())
def test_symmetric_line_gives_symmetric_times(gaps, model, data):
    mirrored = gaps + gaps[::-1]  # symmetric about the middle station, the destination
    n = len(mirrored) + 1
    half = [data.draw(st.booleans()) for _ in range(len(gaps))]
    flags = [True] + half[1:] + [True] + half[1:][::-1] + [True]
    result = express.evaluate(straight_line(mirrored, flags), f"s{len(gaps)}", model, SERVICE).stations
    by_index = result.set_index("station_id")
    for i in range(n):
        for column in ("allstop_total_min", "express_total_min", "minutes_saved"):
            assert by_index.loc[f"s{i}", column] == pytest.approx(by_index.loc[f"s{n - 1 - i}", column], abs=1e-6)


def test_od_matrix_covers_every_pair_and_is_symmetric_on_one_line():
    rows = commute.od_matrix(lines.build_lines(THREE), MODEL, SERVICE)
    assert len(rows) == 6
    times = {(o, d): (a, e) for o, d, a, e in rows}
    assert times["A", "C"] == pytest.approx(times["C", "A"])
    assert times["A", "B"][0] == pytest.approx(36 / 60 + 3.0)


def test_a_rare_express_is_not_taken_when_waiting_costs_more_than_it_saves():
    rare = commute.ServiceParameters(headway_all_min=6, headway_express_min=10, transfer_min=4)
    row = express.evaluate(THREE, "A", MODEL, rare).stations.set_index("station_id").loc["C"]
    # express: 5 min wait + 2.27 min ride = 7.27 > all-stop 3 + 3.1 = 6.1
    assert not row["uses_express"] and row["minutes_saved"] == pytest.approx(0.0)
