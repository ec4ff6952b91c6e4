"""The per-tile and global kernels of the tiled drainage engine, compiled with numba (which
pyflwdir already brings). Pure: numpy and numba; no file or scheduler here.

Fill (Barnes 2016, Computers & Geosciences 96): `flood_tile` floods one tile from its perimeter
and its true outlets, labelling the watershed every perimeter cell floods and recording the lowest
level at which two watersheds meet; `solve_spill_graph` finds, for every watershed of every tile,
the level at which it spills to a true outlet (a minimax path search over the small graph of
watersheds). Filled elevation = max(local fill, spill level of the cell's watershed).

Flats: `spread_flat_distances` is a multi-source shortest path (in steps) from the drained cells
over the undrained ones, seeded also by the distances the neighbouring tiles report on the one-cell
ring around the tile; repeated (later rounds seeded only by the ring cells whose distance dropped)
until no tile's perimeter changes, it gives every flat cell its global distance to the nearest
drained cell, so a flat split by tile borders drains the same way from both sides.

Accumulation (Barnes 2017, Environmental Modelling & Software 92): `tile_accumulation` with the
perimeter links of `perimeter_links`, the perimeter graph solved by `solve_perimeter_flow`.

Every kernel works on one tile's arrays (or the small global graphs): its memory is a few bytes per
tile cell.
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
DONE = np.uint8(255)  # tile_accumulation: a cell whose total is complete
CODE_INDEX = np.full(256, -1, dtype=np.int64)  # position of a D8 code in DR/DC; -1 outlet, nodata
CODE_INDEX[CODES] = np.arange(8)


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
    # cells raised to the level that reached them wait in a plain FIFO, not on the heap (Barnes,
    # Lehman & Mulla 2014, "Priority-flood: an optimal depression-filling and watershed-labeling
    # algorithm", improved variant): every cell is queued once, so the FIFO needs no wrapping
    # (int32: a tile has fewer than 2**31 cells)
    pit = np.empty(rows * cols, dtype=np.int32)
    pit_head, pit_tail = 0, 0
    while pit_head < pit_tail or len(heap) > 0:
        if pit_head < pit_tail:
            index = pit[pit_head]
            pit_head += 1
            level = fill[index // cols, index % cols]
        else:
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
            if fill[rr, cc] <= level:
                fill[rr, cc] = level
                pit[pit_tail] = rr * cols + cc
                pit_tail += 1
            else:
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
def _grow(stack):
    """`stack` twice as long, its cells kept (the stacks and the heap of fill_depressions)."""
    bigger = np.empty(2 * stack.size, dtype=stack.dtype)
    bigger[: stack.size] = stack
    return bigger


@njit(cache=True, nogil=True, inline="always")
def _sift_down(keys, items, hole, size, key, item):
    """Put (key, item) in the min-heap of `size` entries at `hole`, moving smaller children up
    until it sits no lower than its children (ties stay put)."""
    while True:
        child = 2 * hole + 1
        if child >= size:
            break
        if child + 1 < size and keys[child + 1] < keys[child]:
            child += 1
        if key <= keys[child]:
            break
        keys[hole], items[hole] = keys[child], items[child]
        hole = child
    keys[hole], items[hole] = key, item


@njit(cache=True, nogil=True)
def fill_depressions(elevation):
    """Depression-filled copy of a whole DEM (float32, NaN nodata; fewer than 2**31 cells).

    Every valid cell on the raster edge or next to nodata is an outlet (pyflwdir's outlets='edge'),
    and a priority flood raises every other cell to the lowest level at which water can leave.
    That surface is unique, so any correct flood gives it bit for bit (tests compare with
    pyflwdir's). The flood is Barnes, Lehman & Mulla's improved variant (2014: cells raised to
    the level that reached them wait on a plain stack) with Zhou, Sun & Fu's (2016) shortcut for
    slopes: a cell above the level that reached it is final at its own elevation, and so is every
    unreached neighbour at least as high, so a slope is climbed on a stack and only a cell with a
    lower unreached neighbour goes on the heap. The heap holds (level, cell) in two arrays.
    Memory: the copy, one byte a cell and stacks that grow as needed."""
    rows, cols = elevation.shape
    fill = elevation.copy()
    queued = np.zeros((rows, cols), dtype=np.bool_)
    keys = np.empty(1024, dtype=np.float32)  # binary min-heap of (level, cell index)
    items = np.empty(1024, dtype=np.int32)
    size = 0
    for r in range(rows):  # the outlets: valid cells on the raster edge or next to nodata
        step = 1 if r == 0 or r == rows - 1 else max(cols - 1, 1)  # inside rows: the two edge cells
        for c in range(0, cols, step):
            if not np.isnan(elevation[r, c]) and not queued[r, c]:
                queued[r, c] = True
                if size == keys.size:
                    keys, items = _grow(keys), _grow(items)
                keys[size], items[size] = elevation[r, c], r * cols + c
                size += 1
    for r in range(rows):  # ... and the valid neighbours of every nodata cell (one scan for NaN)
        for c in range(cols):
            if not np.isnan(elevation[r, c]):
                continue
            for k in range(8):
                rr, cc = r + DR[k], c + DC[k]
                if rr < 0 or cc < 0 or rr >= rows or cc >= cols or queued[rr, cc] or np.isnan(elevation[rr, cc]):
                    continue
                queued[rr, cc] = True
                if size == keys.size:
                    keys, items = _grow(keys), _grow(items)
                keys[size], items[size] = elevation[rr, cc], rr * cols + cc
                size += 1
    for start in range(size // 2 - 1, -1, -1):  # heapify
        _sift_down(keys, items, start, size, keys[start], items[start])
    pit = np.empty(1024, dtype=np.int32)  # raised cells: all at the level of the last heap cell
    pits = 0
    slope = np.empty(1024, dtype=np.int32)  # cells final at their own elevation, to climb from
    slopes = 0
    climb = np.empty(8, dtype=np.int32)  # a slope cell's neighbours to climb to
    while pits > 0 or slopes > 0 or size > 0:
        if slopes > 0 and pits == 0:
            slopes -= 1
            index = np.int64(slope[slopes])
            r, c = index // cols, index % cols
            own = elevation[r, c]
            lower = False
            found = 0
            for k in range(8):  # one look at the neighbours: a lower unreached one, or the ones to climb to
                rr, cc = r + DR[k], c + DC[k]
                if rr < 0 or cc < 0 or rr >= rows or cc >= cols or queued[rr, cc]:
                    continue
                value = elevation[rr, cc]
                if value < own:
                    lower = True
                    break
                if not np.isnan(value):
                    climb[found] = rr * cols + cc
                    found += 1
            if lower:  # water may reach that neighbour lower: flood from here in level order
                if size == keys.size:
                    keys, items = _grow(keys), _grow(items)
                i = size
                size += 1
                while i > 0 and keys[(i - 1) >> 1] > own:
                    keys[i], items[i] = keys[(i - 1) >> 1], items[(i - 1) >> 1]
                    i = (i - 1) >> 1
                keys[i], items[i] = own, index
                continue
            for j in range(found):
                queued[climb[j] // cols, climb[j] % cols] = True
                if slopes == slope.size:
                    slope = _grow(slope)
                slope[slopes] = climb[j]
                slopes += 1
            continue
        if pits > 0:
            pits -= 1
            index = np.int64(pit[pits])
            level = fill[index // cols, index % cols]
        else:  # pop the heap's lowest cell
            level, index = keys[0], np.int64(items[0])
            size -= 1
            if size > 0:
                _sift_down(keys, items, 0, size, keys[size], items[size])
        r, c = index // cols, index % cols
        for k in range(8):
            rr, cc = r + DR[k], c + DC[k]
            if rr < 0 or cc < 0 or rr >= rows or cc >= cols or queued[rr, cc] or np.isnan(elevation[rr, cc]):
                continue
            queued[rr, cc] = True
            if fill[rr, cc] <= level:
                fill[rr, cc] = level
                if pits == pit.size:
                    pit = _grow(pit)
                pit[pits] = rr * cols + cc
                pits += 1
            else:
                if slopes == slope.size:
                    slope = _grow(slope)
                slope[slopes] = rr * cols + cc
                slopes += 1
    return fill


# twice np.spacing of a float32 by its biased exponent: a filled cell may sit one ulp off its spill
# level, so a drop counts only above two ulps (a real drop of a DEM is orders of magnitude larger);
# zero and subnormals step by 2**-149, infinity has no spacing (NaN: no drop counts)
TWO_ULPS = np.array([2.0 * 2.0 ** (max(e, 1) - 150) for e in range(255)] + [np.nan], dtype=np.float32)


@njit(cache=True, nogil=True)
def steepest_codes(filled, bits, d8, inverse):
    """hydrology.steepest_descent's kernel, cell by cell in float32 as its numpy version did
    (same drops, same tolerance, same first-steepest choice in D8 code order): `bits` is
    `filled` viewed as uint32 (its exponents index TWO_ULPS), `inverse` holds 1 / distance to the
    neighbour of each code, float32. In place on `d8`."""
    rows, cols = filled.shape
    for r in range(rows):
        for c in range(cols):
            centre = filled[r, c]
            if np.isnan(centre):
                continue
            tolerance = TWO_ULPS[(bits[r, c] >> 23) & 0xFF]
            best = np.float32(0.0)
            code = np.uint8(0)
            boundary = False
            for k in range(8):
                rr, cc = r + DR[k], c + DC[k]
                if rr < 0 or cc < 0 or rr >= rows or cc >= cols or np.isnan(filled[rr, cc]):
                    boundary = True
                    continue
                difference = np.float32(centre - filled[rr, cc])
                if difference > tolerance:
                    drop = np.float32(difference * inverse[k])
                    if drop > best:
                        best = drop
                        code = CODES[k]
            if code > 0:
                d8[r, c] = code
            elif boundary:
                d8[r, c] = 0


@njit(cache=True, nogil=True)
def accumulate_in_place(idxs_ds, seq, accu, nodata):
    """pyflwdir.streams.accuflux on `accu` itself, not on a copy: the same loop (cells from up- to
    downstream along `seq`, reversed), so the same sums in the same order, bit for bit."""
    for i in range(seq.size - 1, -1, -1):
        idx0 = seq[i]
        idx_ds = idxs_ds[idx0]
        if idx0 != idx_ds and accu[idx_ds] != nodata and accu[idx0] != nodata:
            accu[idx_ds] += accu[idx0]


@njit(cache=True, nogil=True)
def counts_to_area(counts, area, cell_area, d8, nodata_code):
    """Cell counts (int32) into m² (float32: the count in float32 times `cell_area`, float32) in
    the same memory: `area` is the float32 view of `counts`; NaN where `d8` holds `nodata_code`."""
    for i in range(counts.size):
        if d8[i] == nodata_code:
            area[i] = np.nan
        else:
            area[i] = np.float32(counts[i]) * cell_area


@njit(cache=True, nogil=True)
def nan_where(values, d8, nodata_code):
    """NaN in `values` where `d8` holds `nodata_code`, in place (no mask array)."""
    for i in range(values.size):
        if d8[i] == nodata_code:
            values[i] = np.nan


@njit(cache=True, nogil=True)
def flow_ranks(idxs_ds, mv):
    """pyflwdir.core.rank without its path list: every cell's distance in cells to its outlet
    (0 at the outlet, -9999 where idxs_ds holds `mv`) and the count of ranked cells. Each cell is
    walked down to the first ranked cell, then ranked on a second walk: linear time, no list
    searched. The flow must be acyclic (the drainage directions are); a cycle raises."""
    n = idxs_ds.size
    ranks = np.full(n, -9999, dtype=np.int32)
    count = 0
    for i in range(n):
        if idxs_ds[i] == mv or ranks[i] != -9999:
            continue
        j, length = i, 0
        while ranks[j] < 0 and idxs_ds[j] != j:
            j = idxs_ds[j]
            length += 1
            if length > n:
                raise ValueError("the flow directions form a cycle")
        rank = ranks[j] + length if ranks[j] >= 0 else length  # an unranked end is an outlet: 0
        j = i
        while ranks[j] < 0:
            ranks[j] = rank
            count += 1
            rank -= 1
            if idxs_ds[j] == j:
                break
            j = idxs_ds[j]
    return ranks, count


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
def flat_seeds(filled, d8, distance):
    """Cells of the ringed tile (flat indices) a flat's distances spread from: a known distance
    (drained cell, or a ring cell with a reported distance) next to an unresolved cell of the tile.
    Only these go on the heap, not every drained cell of the tile."""
    rows, cols = d8.shape
    width = cols + 2
    seeds = np.empty(64, dtype=np.int64)
    count = 0
    for r in range(rows + 2):
        for c in range(cols + 2):
            if distance[r, c] >= FAR or np.isnan(filled[r, c]):
                continue
            for k in range(8):
                rr, cc = r + DR[k], c + DC[k]
                if 1 <= rr <= rows and 1 <= cc <= cols and d8[rr - 1, cc - 1] == UNRESOLVED:
                    if count == seeds.size:
                        seeds = np.concatenate((seeds, np.empty(seeds.size, dtype=np.int64)))
                    seeds[count] = r * width + c
                    count += 1
                    break
    return seeds[:count]


@njit(cache=True, nogil=True)
def spread_flat_distances(filled, d8, distance, seeds):
    """Lower the distances (steps) of the tile's unresolved (flat) cells from the `seeds`, in place.

    `filled` (rows+2, cols+2) float32: the tile and its one-cell ring (NaN outside the DEM);
    `d8` (rows, cols) uint8 with UNRESOLVED on flat cells; `distance` (rows+2, cols+2) int32: 0 on
    drained cells, on the ring the distance the neighbouring tile reports (FAR unknown), on flat
    cells FAR or the distance of an earlier round; `seeds`: flat indices whose distance is set or
    has just dropped. A flat cell may step to a neighbour that is not higher.

    Every step costs 1, so no heap is needed: the seeds sorted by distance and a FIFO of reached
    cells are taken in turn, smaller distance first (a breadth-first search from sources that
    start at different distances); each cell's first new distance is final. Distances only ever
    drop, so a later round seeded with just the ring cells that dropped gives the same result as
    starting over."""
    rows, cols = d8.shape
    width = cols + 2
    start = np.empty(seeds.size, dtype=np.int64)
    for s in range(seeds.size):
        start[s] = distance[seeds[s] // width, seeds[s] % width]
    order = np.argsort(start, kind="mergesort")
    queue = np.empty(max(64, seeds.size), dtype=np.int64)
    head, tail, next_seed = 0, 0, 0
    while head < tail or next_seed < order.size:
        if next_seed < order.size and (
            head == tail or start[order[next_seed]] <= distance[queue[head] // width, queue[head] % width]
        ):
            index = seeds[order[next_seed]]
            next_seed += 1
        else:
            index = queue[head]
            head += 1
        r, c = index // width, index % width
        steps = distance[r, c]
        if steps >= FAR or np.isnan(filled[r, c]):
            continue
        for k in range(8):
            rr, cc = r + DR[k], c + DC[k]
            if rr < 1 or cc < 1 or rr > rows or cc > cols:
                continue
            if d8[rr - 1, cc - 1] != UNRESOLVED or filled[r, c] > filled[rr, cc]:
                continue
            if steps + 1 < distance[rr, cc]:
                distance[rr, cc] = steps + 1
                if tail == queue.size:
                    queue = np.concatenate((queue, np.empty(queue.size, dtype=np.int64)))
                queue[tail] = rr * width + cc
                tail += 1
    return distance


def initial_flat_distances(d8: np.ndarray) -> np.ndarray:
    """0 on drained cells, FAR on flat and nodata cells (int32, the tile's shape)."""
    distance = np.zeros(d8.shape, dtype=np.int32)
    distance[(d8 == UNRESOLVED) | (d8 == 247)] = FAR
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


@njit(cache=True, nogil=True)
def _drained_at_zero(distance, d8):
    """0 in the ringed `distance` where `d8` has a direction (neither flat nor nodata)."""
    rows, cols = d8.shape
    for r in range(rows):
        for c in range(cols):
            if d8[r, c] != UNRESOLVED and d8[r, c] != 247:
                distance[r + 1, c + 1] = 0


def drain_flats(filled: np.ndarray, d8: np.ndarray) -> int:
    """Route the UNRESOLVED cells of a whole DEM (no neighbouring tiles) in place: the flat
    routing of the tiled path, so both paths drain flats alike. Returns the stranded count."""
    ringed = np.pad(filled.astype(np.float32, copy=False), 1, constant_values=np.float32(np.nan))
    distance = np.full(ringed.shape, FAR, dtype=np.int32)
    _drained_at_zero(distance, d8)  # initial_flat_distances, ringed, without a mask array
    spread_flat_distances(ringed, d8, distance, flat_seeds(ringed, d8, distance))
    return route_flats(ringed, d8, distance)


@njit(cache=True, nogil=True)
def topological_order(down):
    """Cells ordered from upstream to downstream (Kahn's algorithm); `down[i]` the next cell, or
    negative: -3 nodata (left out), any other negative value: the flow ends here."""
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
def tile_accumulation(d8, row_weight, entry, inflow):
    """Sum of the cells' weights (`row_weight[r]` for a cell of row r) over every cell and its
    upstream cells inside the tile, plus `inflow` entering at the `entry` cells (flat indices);
    float64 (rows, cols), NaN on nodata. Returns (totals, cells summed: fewer than the valid cells
    only if the directions loop).

    Upstream cells first without an ordering array: count each cell's inflowing neighbours, then
    from every cell nothing flows into walk downstream, adding on, while the next cell has no
    other inflow left to wait for. Every step goes to a neighbouring cell, so memory is read in
    raster neighbourhoods, not at random (Kahn's queue over a 16-million-cell tile was the slowest
    stage)."""
    rows, cols = d8.shape
    total = np.empty((rows, cols), dtype=np.float64)
    waiting = np.zeros((rows, cols), dtype=np.uint8)
    for r in range(rows):
        for c in range(cols):
            code = d8[r, c]
            if code == 247:
                total[r, c] = np.nan
                continue
            total[r, c] = row_weight[r]
            k = CODE_INDEX[code]
            if k >= 0:
                rr, cc = r + DR[k], c + DC[k]
                if 0 <= rr < rows and 0 <= cc < cols:
                    waiting[rr, cc] += 1
    for e in range(entry.size):
        total[entry[e] // cols, entry[e] % cols] += inflow[e]
    summed = 0
    for r in range(rows):
        for c in range(cols):
            if waiting[r, c] != 0 or d8[r, c] == 247:
                continue
            cr, cc = r, c
            while True:
                waiting[cr, cc] = DONE
                summed += 1
                k = CODE_INDEX[d8[cr, cc]]
                if k < 0:
                    break
                nr, nc = cr + DR[k], cc + DC[k]
                if nr < 0 or nc < 0 or nr >= rows or nc >= cols or d8[nr, nc] == 247:
                    break
                total[nr, nc] += total[cr, cc]
                waiting[nr, nc] -= 1
                if waiting[nr, nc] != 0:
                    break
                cr, cc = nr, nc
    return total, summed


@njit(cache=True, nogil=True)
def perimeter_links(d8):
    """Where the water of each valid perimeter cell of a tile goes next. Returns (cells, next):
    the perimeter cells' flat indices in raster order, and for each the next perimeter cell
    strictly downstream inside the tile (flat index), -1 when it ends at an outlet inside the
    tile first, -2 when the cell's own direction leaves the tile. Interior cells remember their
    path's answer, so every cell is walked at most once."""
    rows, cols = d8.shape
    unknown = np.int32(-3)
    memo = np.full((rows, cols), unknown, dtype=np.int32)
    count = 0
    cells = np.empty(2 * (rows + cols), dtype=np.int64)
    following = np.empty(2 * (rows + cols), dtype=np.int64)
    path = np.empty(64, dtype=np.int64)
    for r in range(rows):
        for c in range(cols):
            if 0 < r < rows - 1 and 0 < c < cols - 1:
                continue
            if d8[r, c] == 247:
                continue
            cells[count] = r * cols + c
            k = CODE_INDEX[d8[r, c]]
            result = -1
            if k >= 0:
                nr, nc = r + DR[k], c + DC[k]
                if nr < 0 or nc < 0 or nr >= rows or nc >= cols:
                    result = -2
                else:
                    steps = 0
                    while True:
                        if nr == 0 or nc == 0 or nr == rows - 1 or nc == cols - 1:
                            result = nr * cols + nc
                            break
                        if memo[nr, nc] != unknown:
                            result = memo[nr, nc]
                            break
                        if steps == path.size:
                            if steps > rows * cols:
                                raise ValueError("the flow directions form a loop inside a tile")
                            path = np.concatenate((path, np.empty(path.size, dtype=np.int64)))
                        path[steps] = nr * cols + nc
                        steps += 1
                        k2 = CODE_INDEX[d8[nr, nc]]
                        if k2 < 0:
                            result = -1
                            break
                        nr, nc = nr + DR[k2], nc + DC[k2]
                    for m in range(steps):
                        memo[path[m] // cols, path[m] % cols] = result
            following[count] = result
            count += 1
    return cells[:count], following[:count]


@njit(cache=True, nogil=True)
def solve_perimeter_flow(count, target, carries_local, local):
    """Inflow from other tiles of every perimeter cell (Barnes 2017): nodes are perimeter cells,
    `target[i]` the next node downstream (-1 none), `carries_local[i]` True when that link leaves
    the tile (then the node's whole accumulation flows on), False inside a tile (then only what
    came from other tiles does). Returns (extra, inflow): extra = accumulation from other tiles
    through the node, inflow = the part entering the tile at the node itself; and how many nodes
    were ordered (fewer than `count` only if the links loop)."""
    extra = np.zeros(count, dtype=np.float64)
    inflow = np.zeros(count, dtype=np.float64)
    order = topological_order(target)
    for i in order:
        j = target[i]
        if j < 0:
            continue
        if carries_local[i]:
            amount = local[i] + extra[i]
            inflow[j] += amount
        else:
            amount = extra[i]
        extra[j] += amount
    return extra, inflow, order.size


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
