"""Door-to-door metro travel times to a destination under the all-stop pattern and with an express
(大站直达) pattern added, on a station-line graph (networkx). Pure.

Graph: per station an origin node ("O", station) and a destination node ("D", station); per stop of
each service (all-stop or express) on each line a departure and an arrival node. Edges carry
minutes split into in-vehicle, wait and transfer time:
- origin -> departure: wait of half the service's headway (random arrivals at the platform);
- departure -> next served stop's arrival: run time of the trapezoidal profile (runtime.py);
- arrival -> departure at the same stop and service: the dwell (staying aboard), so dwell counts
  only where the train stops and never at the rider's own first and last stop;
- arrival -> departure of another line at an interchange: transfer walk plus half the headway;
  between the all-stop and express services of one line: half the headway only (same platform);
- arrival -> destination node: 0.
Riders take the quickest option (express, all-stop, or all-stop to an express stop and change),
each boarding costing half its own headway: the usual shortest-expected-time assumption of
strategic planning (no combined-frequency waits, no capacity limits, no overtaking delays).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from ..cancel import checkpoint
from .lines import Line, TransitInputError
from .runtime import RunTimeModel

ALL_STOP, EXPRESS = "all", "express"


class ExpressSkipsDestinationError(TransitInputError):
    def __init__(self, line: str, destination: str):
        super().__init__(f"the express pattern of line {line} passes {destination} without stopping")
        self.line, self.destination = line, destination


@dataclass(frozen=True)
class ServiceParameters:
    """Headways (min) of the all-stop and express services and the interchange walk (min)."""

    headway_all_min: float = 6.0
    headway_express_min: float = 12.0
    transfer_min: float = 4.0


@dataclass
class Journey:
    """Quickest journey from one station to the destination: minutes by component."""

    total: float
    in_vehicle: float
    wait: float
    transfer: float
    transfers: int
    lines: list[str]
    uses_express: bool


def build_graph(lines: list[Line], model: RunTimeModel, service: ServiceParameters, with_express: bool) -> nx.DiGraph:
    """The station-line graph of all-stop services, plus express services where `with_express`."""
    graph = nx.DiGraph()
    platforms: dict[str, list[tuple]] = {}  # station id -> [(line, service, index)]
    for line in lines:
        services = [(ALL_STOP, list(range(len(line.station_ids))), service.headway_all_min)]
        if with_express and line.has_express:
            services.append((EXPRESS, line.express_stops, service.headway_express_min))
        for name, stops, headway in services:
            for k, i in enumerate(stops):
                station = line.station_ids[i]
                dep, arr = ("dep", line.line_id, name, i), ("arr", line.line_id, name, i)
                platforms.setdefault(station, []).append((line.line_id, name, i, headway))
                _edge(graph, ("O", station), dep, wait=headway / 2)
                _edge(graph, arr, ("D", station))
                if 0 < k < len(stops) - 1:
                    _edge(graph, arr, dep, in_vehicle=model.dwell_s / 60)
                if k + 1 < len(stops):
                    j = stops[k + 1]
                    minutes = model.run_seconds(abs(line.positions_m[j] - line.positions_m[i])) / 60
                    _edge(graph, dep, ("arr", line.line_id, name, j), in_vehicle=minutes)
                    _edge(graph, ("dep", line.line_id, name, j), arr, in_vehicle=minutes)
    for entries in platforms.values():
        for (l1, s1, i1, _), (l2, s2, i2, h2) in itertools.permutations(entries, 2):
            if (l1, s1) == (l2, s2):
                continue
            walk = 0.0 if l1 == l2 else service.transfer_min
            _edge(graph, ("arr", l1, s1, i1), ("dep", l2, s2, i2), wait=h2 / 2, transfer=walk)
    return graph


def _edge(graph: nx.DiGraph, u, v, in_vehicle: float = 0.0, wait: float = 0.0, transfer: float = 0.0) -> None:
    graph.add_edge(u, v, weight=in_vehicle + wait + transfer, in_vehicle=in_vehicle, wait=wait, transfer=transfer)


def check_destination(lines: list[Line], destination: str) -> None:
    """Raise ExpressSkipsDestinationError when an express pattern runs through the destination's
    position on its line without stopping there (riders bound for the centre would be carried past)."""
    for line in lines:
        if not line.has_express or destination not in line.station_ids:
            continue
        index = line.station_ids.index(destination)
        stops = line.express_stops
        if stops[0] < index < stops[-1] and index not in stops:
            raise ExpressSkipsDestinationError(line.line_id, line.names[index])


def journeys_to(
    graph: nx.DiGraph, destination: str, is_canceled: Callable[[], bool] | None = None
) -> dict[str, Journey]:
    """Quickest journey from every station that can reach `destination` (Dijkstra backwards from
    the destination over graph.pred, keeping in-vehicle, wait and transfer sums along)."""
    target = ("D", destination)
    if target not in graph:
        return {}
    best = {target: 0.0}
    successor: dict = {}
    counter = itertools.count()
    heap = [(0.0, next(counter), target)]
    done = set()
    stop_if_cancelled = checkpoint(is_canceled=is_canceled)
    while heap:
        cost, _, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        if len(done) % 500 == 0:
            stop_if_cancelled(len(done) / graph.number_of_nodes())
        for previous, attributes in graph.pred[node].items():
            candidate = cost + attributes["weight"]
            if candidate < best.get(previous, math.inf) - 1e-12:
                best[previous] = candidate
                successor[previous] = node
                heapq.heappush(heap, (candidate, next(counter), previous))
    result = {destination: Journey(0.0, 0.0, 0.0, 0.0, 0, [], False)}
    for node in best:
        if node[0] != "O" or node[1] == destination:
            continue
        result[node[1]] = _journey(graph, node, successor)
    return result


def _journey(graph: nx.DiGraph, origin, successor: dict) -> Journey:
    sums = {"in_vehicle": 0.0, "wait": 0.0, "transfer": 0.0}
    lines_used: list[str] = []
    uses_express = False
    boardings = 0
    node = origin
    while node in successor:
        nxt = successor[node]
        attributes = graph.edges[node, nxt]
        for key in sums:
            sums[key] += attributes[key]
        if nxt[0] == "dep" and (node[0] == "O" or node[1:3] != nxt[1:3]):  # boarding, not staying aboard
            boardings += 1
            if not lines_used or lines_used[-1] != nxt[1]:
                lines_used.append(nxt[1])
            uses_express = uses_express or nxt[2] == EXPRESS
        node = nxt
    total = sums["in_vehicle"] + sums["wait"] + sums["transfer"]
    return Journey(
        total, sums["in_vehicle"], sums["wait"], sums["transfer"], max(boardings - 1, 0), lines_used, uses_express
    )


def compare_patterns(
    lines: list[Line],
    destination: str,
    model: RunTimeModel,
    service: ServiceParameters,
    is_canceled: Callable[[], bool] | None = None,
) -> dict[str, tuple[Journey | None, Journey | None]]:
    """Station id -> (all-stop journey, journey with the express added) to `destination`; None
    where the destination cannot be reached. Raises ExpressSkipsDestinationError."""
    check_destination(lines, destination)
    all_stop = journeys_to(build_graph(lines, model, service, False), destination, is_canceled)
    express = journeys_to(build_graph(lines, model, service, True), destination, is_canceled)
    stations = {sid for line in lines for sid in line.station_ids}
    return {sid: (all_stop.get(sid), express.get(sid)) for sid in sorted(stations)}


def od_matrix(
    lines: list[Line],
    model: RunTimeModel,
    service: ServiceParameters,
    progress: Callable[[float], None] | None = None,  # fraction done, 0-1
    is_canceled: Callable[[], bool] | None = None,
) -> list[tuple[str, str, float, float]]:
    """(origin, destination, all-stop minutes, express minutes) for every ordered station pair that
    is connected (express pass-through destinations included: riders change to the all-stop)."""
    graphs = [build_graph(lines, model, service, flag) for flag in (False, True)]
    stations = sorted({sid for line in lines for sid in line.station_ids})
    rows = []
    report = checkpoint(progress, is_canceled)
    for n, destination in enumerate(stations):
        report(n / len(stations))
        all_stop, express = (journeys_to(g, destination) for g in graphs)
        for origin in stations:
            if origin != destination and origin in all_stop:
                rows.append((origin, destination, all_stop[origin].total, express[origin].total))
    report(1.0)
    return rows
