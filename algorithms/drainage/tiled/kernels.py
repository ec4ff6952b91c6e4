"""The per-tile and global kernels of the tiled drainage engine, compiled with numba (which
pyflwdir already brings). Pure: numpy and numba; no file or scheduler here.

Fill (Barnes 2016, Computers & Geosciences 96): `flood_tile` floods one tile from its perimeter
and its true outlets, labelling the watershed every perimeter cell floods and recording the lowest
level at which two watersheds meet; `solve_spill_graph` finds, for every watershed of every tile,
the level at which it spills to a true outlet (a minimax path search over the small graph of
watersheds). Filled elevation = max(local fill, spill level of the cell's watershed).

Flats: `flat_distances` is a multi-source shortest path (in steps) from the drained cells over the
undrained ones, seeded also by the distances the neighbouring tiles report on the one-cell ring
around the tile; repeated until no tile's perimeter changes, it gives every flat cell its global
distance to the nearest drained cell, so a flat split by tile borders drains the same way from
both sides. Accumulation (Barnes 2017, Environmental Modelling & Software 92): `tile_accumulation`
with the perimeter links of `perimeter_links`, the perimeter graph solved by `solve_perimeter_flow`.
"""

from __future__ import annotations

import heapq

import numpy as np
from numba import njit
from numba import types as nbtypes
from numba.typed import Dict

# D8 neighbours in pyflwdir/ESRI code order: E, SE, S, SW, W, NW, N, NE
DR = np.array([0, 1, 1, 1, 0, -1, -1, -1], dtype=np.int64)
DC = np.array([1, 1, 0, -1, -1, -1, 0, 1], dtype=np.int64)
CODES = np.array([1, 2, 4, 8, 16, 32, 64, 128], dtype=np.uint8)
OCEAN = 1  # label of the cells that drain to a true outlet inside the tile (DEM edge, next to nodata)
UNRESOLVED = 255  # D8 placeholder for a flat cell whose direction the flat routing still has to set
FAR = np.int32(2**30)  # distance of a flat cell no drained cell has reached yet


@njit(cache=True, nogil=True)
def flood_tile(elevation, outlet):
    """Priority flood of one tile from its perimeter cells and its true outlets.

    `elevation` float32 (NaN nodata), `outlet` bool (true outlets: DEM edge or next to nodata).
    Returns (local fill float32, labels int32, edge label pairs (k, 2) int64, edge levels float32).
    Outlet cells carry label OCEAN; every other perimeter cell a flood reaches first starts a new
    label (2, 3, ...); the local fill is the minimax level to the nearest seed inside the tile."""
    rows, cols = elevation.shape
    fill = elevation.copy()
    labels = np.zeros((rows, cols), dtype=np.int32)
    queued = np.zeros((rows, cols), dtype=np.bool_)
    heap = [(np.float32(0.0), np.int64(0))]
    heap.pop()
    for r in range(rows):
        for c in range(cols):
            if np.isnan(elevation[r, c]):
                continue
            if outlet[r, c] or r == 0 or c == 0 or r == rows - 1 or c == cols - 1:
                if outlet[r, c]:
                    labels[r, c] = OCEAN
                queued[r, c] = True
                heap.append((elevation[r, c], np.int64(r * cols + c)))
    heapq.heapify(heap)
    edges = Dict.empty(key_type=nbtypes.int64, value_type=nbtypes.float32)
    next_label = OCEAN + 1
    while len(heap) > 0:
        level, index = heapq.heappop(heap)
        r, c = index // cols, index % cols
        if labels[r, c] == 0:
            labels[r, c] = next_label
            next_label += 1
        own = labels[r, c]
        for k in range(8):
            rr, cc = r + DR[k], c + DC[k]
            if rr < 0 or cc < 0 or rr >= rows or cc >= cols or np.isnan(elevation[rr, cc]):
                continue
            if queued[rr, cc]:
                other = labels[rr, cc]
                if other != 0 and other != own:
                    low, high = min(own, other), max(own, other)
                    key = np.int64(low) * 2**31 + high
                    meet = max(fill[r, c], fill[rr, cc])
                    if key not in edges or edges[key] > meet:
                        edges[key] = meet
                continue
            labels[rr, cc] = own
            queued[rr, cc] = True
            if fill[rr, cc] < level:
                fill[rr, cc] = level
            heapq.heappush(heap, (fill[rr, cc], np.int64(rr * cols + cc)))
    count = len(edges)
    pairs = np.empty((count, 2), dtype=np.int64)
    levels = np.empty(count, dtype=np.float32)
    i = 0
    for key, value in edges.items():
        pairs[i, 0] = key // 2**31
        pairs[i, 1] = key % 2**31
        levels[i] = value
        i += 1
    return fill, labels, pairs, levels


@njit(cache=True, nogil=True)
def solve_spill_graph(count, source, target, level, ocean):
    """Spill level of every node of an undirected graph (edge lists `source`, `target`, `level`):
    the lowest possible highest level on a path to node `ocean` (which spills at -inf).
    Nodes no path reaches keep +inf."""
    order = np.argsort(source)
    starts = np.searchsorted(source[order], np.arange(count + 1))
    spill = np.full(count, np.inf, dtype=np.float64)
    done = np.zeros(count, dtype=np.bool_)
    spill[ocean] = -np.inf
    heap = [(-np.inf, np.int64(ocean))]
    while len(heap) > 0:
        value, node = heapq.heappop(heap)
        if done[node]:
            continue
        done[node] = True
        for j in range(starts[node], starts[node + 1]):
            edge = order[j]
            other = target[edge]
            candidate = max(value, np.float64(level[edge]))
            if candidate < spill[other]:
                spill[other] = candidate
                heapq.heappush(heap, (candidate, np.int64(other)))
    return spill


@njit(cache=True, nogil=True)
def flat_distances(filled, d8, ring_distance):
    """Steps from every unresolved (flat) cell of a tile to the nearest drained cell.

    `filled` (rows+2, cols+2) float32: the tile and its one-cell ring (NaN outside the DEM);
    `d8` (rows, cols) uint8 with UNRESOLVED on flat cells; `ring_distance` (rows+2, cols+2) int32:
    on the ring, the distance the neighbouring tile reports (0 drained, FAR unknown); inside, ignored.
    A flat cell may step to a neighbour that is not higher. Returns int32 (rows+2, cols+2) with the
    ring as given and the tile's distances inside (0 on drained cells, FAR on nodata); this is
    `ring_distance` itself, filled in place."""
    rows, cols = d8.shape
    distance = ring_distance
    heap = [(np.int32(0), np.int64(0))]
    heap.pop()
    width = cols + 2
    for r in range(rows + 2):
        for c in range(cols + 2):
            inside = 0 < r < rows + 1 and 0 < c < cols + 1
            if inside:
                code = d8[r - 1, c - 1]
                distance[r, c] = FAR if (code == UNRESOLVED or code == 247) else 0
            if distance[r, c] < FAR and not np.isnan(filled[r, c]):
                heap.append((distance[r, c], np.int64(r * width + c)))
    heapq.heapify(heap)
    while len(heap) > 0:
        steps, index = heapq.heappop(heap)
        r, c = index // width, index % width
        if steps > distance[r, c]:
            continue
        for k in range(8):
            rr, cc = r + DR[k], c + DC[k]
            if rr < 1 or cc < 1 or rr > rows or cc > cols:
                continue
            if d8[rr - 1, cc - 1] != UNRESOLVED or filled[r, c] > filled[rr, cc]:
                continue
            if steps + 1 < distance[rr, cc]:
                distance[rr, cc] = steps + 1
                heapq.heappush(heap, (np.int32(steps + 1), np.int64(rr * width + cc)))
    return distance


@njit(cache=True, nogil=True)
def route_flats(filled, d8, distance):
    """Point every flat cell to its not-higher neighbour nearest a drained cell (first in D8 code
    order on ties), in place. A flat cell no drained cell reaches becomes an outlet (0); returns
    how many did (0 on a depression-filled surface)."""
    rows, cols = d8.shape
    stranded = 0
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            if d8[r - 1, c - 1] != UNRESOLVED:
                continue
            best, code = distance[r, c], np.uint8(0)
            for k in range(8):
                rr, cc = r + DR[k], c + DC[k]
                if np.isnan(filled[rr, cc]) or filled[rr, cc] > filled[r, c]:
                    continue
                if distance[rr, cc] < best:
                    best, code = distance[rr, cc], CODES[k]
            if code == 0:
                stranded += 1
            d8[r - 1, c - 1] = code
    return stranded


def drain_flats(filled: np.ndarray, d8: np.ndarray) -> int:
    """Route the UNRESOLVED cells of a whole DEM (no neighbouring tiles) in place: the flat
    routing of the tiled path, so both paths drain flats alike. Returns the stranded count."""
    ringed = np.pad(filled.astype(np.float32, copy=False), 1, constant_values=np.float32(np.nan))
    distance = flat_distances(ringed, d8, np.full(ringed.shape, FAR, dtype=np.int32))
    return route_flats(ringed, d8, distance)


@njit(cache=True, nogil=True)
def downstream_in_tile(d8):
    """Flat index of the downstream cell inside the tile; -1 outlet, -2 leaves the tile, -3 nodata."""
    rows, cols = d8.shape
    down = np.full(rows * cols, -3, dtype=np.int64)
    for r in range(rows):
        for c in range(cols):
            code = d8[r, c]
            if code == 247:
                continue
            if code == 0:
                down[r * cols + c] = -1
                continue
            for k in range(8):
                if CODES[k] == code:
                    rr, cc = r + DR[k], c + DC[k]
                    if rr < 0 or cc < 0 or rr >= rows or cc >= cols:
                        down[r * cols + c] = -2
                    else:
                        down[r * cols + c] = rr * cols + cc
                    break
    return down


@njit(cache=True, nogil=True)
def topological_order(down):
    """Cells (not nodata) ordered from upstream to downstream (Kahn's algorithm)."""
    n = down.size
    upstream = np.zeros(n, dtype=np.int32)
    for i in range(n):
        if down[i] >= 0:
            upstream[down[i]] += 1
    order = np.empty(n, dtype=np.int64)
    head = 0
    for i in range(n):
        if down[i] != -3 and upstream[i] == 0:
            order[head] = i
            head += 1
    tail = 0
    while tail < head:
        i = order[tail]
        tail += 1
        j = down[i]
        if j >= 0:
            upstream[j] -= 1
            if upstream[j] == 0:
                order[head] = j
                head += 1
    return order[:head]


@njit(cache=True, nogil=True)
def tile_accumulation(down, order, weight):
    """Sum of `weight` over every cell and its upstream cells inside the tile (float64)."""
    total = weight.copy()
    for i in order:
        j = down[i]
        if j >= 0:
            total[j] += total[i]
    return total


@njit(cache=True, nogil=True)
def perimeter_links(down, order, rows, cols):
    """For every cell, the next perimeter cell strictly downstream inside the tile (-1 none)."""
    nxt = np.full(down.size, -1, dtype=np.int64)
    for k in range(order.size - 1, -1, -1):  # downstream first
        i = order[k]
        j = down[i]
        if j < 0:
            continue
        r, c = j // cols, j % cols
        if r == 0 or c == 0 or r == rows - 1 or c == cols - 1:
            nxt[i] = j
        else:
            nxt[i] = nxt[j]
    return nxt


@njit(cache=True, nogil=True)
def solve_perimeter_flow(count, target, carries_local, local):
    """Inflow from other tiles of every perimeter cell (Barnes 2017): nodes are perimeter cells,
    `target[i]` the next node downstream (-1 none), `carries_local[i]` True when that link leaves
    the tile (then the node's whole accumulation flows on), False inside a tile (then only what
    came from other tiles does). Returns (extra, inflow): extra = accumulation from other tiles
    through the node, inflow = the part entering the tile at the node itself."""
    upstream = np.zeros(count, dtype=np.int32)
    for i in range(count):
        if target[i] >= 0:
            upstream[target[i]] += 1
    extra = np.zeros(count, dtype=np.float64)
    inflow = np.zeros(count, dtype=np.float64)
    queue = np.empty(count, dtype=np.int64)
    head = 0
    for i in range(count):
        if upstream[i] == 0:
            queue[head] = i
            head += 1
    tail = 0
    while tail < head:
        i = queue[tail]
        tail += 1
        j = target[i]
        if j < 0:
            continue
        if carries_local[i]:
            amount = local[i] + extra[i]
            inflow[j] += amount
        else:
            amount = extra[i]
        extra[j] += amount
        upstream[j] -= 1
        if upstream[j] == 0:
            queue[head] = j
            head += 1
    return extra, inflow, head


@njit(cache=True, nogil=True)
def strahler_and_segments(down, upstream_first):
    """Strahler order of a stream network given as compact downstream indices (`down[i] == i` at
    an outlet) and its cells ordered upstream first; and segment ids: a segment runs from a
    headwater or confluence cell down to (not including) the next confluence cell or outlet stub.
    Returns (order uint8, segment start of every cell int64)."""
    n = down.size
    upstream = np.zeros(n, dtype=np.int32)
    for i in range(n):
        if down[i] != i:
            upstream[down[i]] += 1
    order = np.zeros(n, dtype=np.uint8)
    highest_other = np.zeros(n, dtype=np.uint8)
    for i in upstream_first:
        if order[i] == 0:
            order[i] = 1
        j = down[i]
        if j == i:
            continue
        own, below, other = order[i], order[j], highest_other[j]
        if below < own:
            order[j] = own
        elif own == below and other == own:
            order[j] += 1
        if other < own:
            highest_other[j] = own
    return order, upstream


@njit(cache=True, nogil=True)
def segment_cells(down, upstream, starts):
    """Stream segments as pyflwdir.streams cuts them: from each start cell (headwater or
    confluence) down to and including the next confluence cell; a segment reaching an outlet ends
    there. Returns (cells concatenated, offsets) in compact indices."""
    cells = np.empty(down.size + starts.size, dtype=np.int64)
    offsets = np.empty(starts.size + 1, dtype=np.int64)
    head = 0
    for s in range(starts.size):
        offsets[s] = head
        i = starts[s]
        cells[head] = i
        head += 1
        while True:
            j = down[i]
            if j == i:
                break
            cells[head] = j
            head += 1
            if upstream[j] > 1:
                break
            i = j
    offsets[starts.size] = head
    return cells[:head], offsets
