"""Tiled conditioning of a DEM larger than memory: depression filling (Barnes 2016), D8 directions
with flats drained across tile borders, and flow accumulation (Barnes 2017), every tile a Dask
task. Pure: numpy, numba, rasterio, dask.

Each stage is a function of one tile (module level, so a Dask cluster can pickle it); what tiles
exchange is small and passes through the client: perimeter rows and columns, the watershed spill
graph, the perimeter flow graph; the client keeps one-cell rings (four tile sides of cells), never a
tile-sized array per tile. Arrays a tile keeps between stages are .npy files in a scratch folder.
Peak memory is the arrays of one tile per worker thread (about 25 bytes per tile cell) plus the
client's perimeter data and the gathered stream cells (analyses.py), which grow with the DEM but
are a small fraction of it.

How the result compares with the untiled path (hydrology.condition):
- filled elevations are equal, cell for cell (both are the minimax spill level, added as
  elevation + (level - elevation) in float32 exactly as pyflwdir does);
- directions are equal on every cell: steepest descent on the same filled surface
  (hydrology.steepest_descent) where a neighbour is strictly lower, an outlet on the DEM boundary,
  and on flats the shortest way (in steps, over not-higher cells) to the nearest drained cell,
  first in D8 code order on ties; the untiled path routes its flats with the same kernels as one
  tile (kernels.drain_flats), the tiled path finds the same distances across tile borders by
  exchanging perimeter distances until they settle;
- accumulation is equal within float32 rounding (float64 sums per tile, float32 out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ...cancel import checkpoint
from ..dem import DemSource
from ..hydrology import D8_NODATA, cell_distances, row_cell_areas, steepest_descent
from . import kernels
from .grid import Scratch, TileGrid, perimeter, ring_around, rings_equal, with_ring

NEIGHBOUR_OFFSETS = {int(code): (int(dr), int(dc)) for code, dr, dc in zip(kernels.CODES, kernels.DR, kernels.DC)}


# ---------------------------------------------------------------------------------------------
# tile tasks


def outlet_cells(ringed: np.ndarray) -> np.ndarray:
    """Cells of the tile (the ring excluded) that are valid and touch nodata or the DEM's edge:
    the true outlets, as pyflwdir's outlets='edge' defines them."""
    missing = np.isnan(ringed)
    touches = np.zeros((ringed.shape[0] - 2, ringed.shape[1] - 2), dtype=bool)
    for dr, dc in NEIGHBOUR_OFFSETS.values():
        touches |= missing[1 + dr : ringed.shape[0] - 1 + dr, 1 + dc : ringed.shape[1] - 1 + dc]
    return touches & ~missing[1:-1, 1:-1]


def fill_labels_task(source: DemSource, grid: TileGrid, scratch: Scratch, i: int, j: int):
    """Stage 1 of the fill: flood the tile from its perimeter, keep the local fill and labels."""
    row0, col0, rows, cols = grid.window(i, j)
    ringed = source.read(row0 - 1, col0 - 1, rows + 2, cols + 2)
    elevation = np.ascontiguousarray(ringed[1:-1, 1:-1])
    fill, labels, pairs, levels = kernels.flood_tile(elevation, outlet_cells(ringed))
    scratch.save("fill", i, j, fill)
    scratch.save("labels", i, j, labels)
    return perimeter(labels), perimeter(elevation), pairs, levels, int(labels.max())


def fill_finish_task(source: DemSource, grid: TileGrid, scratch: Scratch, i: int, j: int, spill: np.ndarray):
    """Stage 2 of the fill: raise every cell to its watershed's spill level."""
    row0, col0, rows, cols = grid.window(i, j)
    fill, labels = scratch.load("fill", i, j), scratch.load("labels", i, j)
    level = np.maximum(fill, spill[labels].astype(np.float32))
    del fill, labels
    elevation = source.read(row0, col0, rows, cols)
    filled = elevation.copy()
    deeper = level > elevation
    filled[deeper] += level[deeper] - elevation[deeper]  # pyflwdir: elevation + (level - elevation)
    scratch.save("filled", i, j, filled)
    scratch.drop("fill", i, j)
    scratch.drop("labels", i, j)
    return perimeter(filled)


def directions_task(grid: TileGrid, scratch: Scratch, i: int, j: int, filled_ring: tuple, cell_x: float, cell_y: float):
    """Steepest descent on the filled surface (ring included); flats left UNRESOLVED. Returns the
    perimeter of the initial flat distances (0 drained, FAR flat or nodata) and whether the tile
    has flat cells."""
    filled = with_ring(scratch.load("filled", i, j), filled_ring)
    d8 = np.where(np.isnan(filled), np.uint8(D8_NODATA), np.uint8(kernels.UNRESOLVED))
    steepest_descent(filled, d8, cell_x, cell_y)
    inner = np.ascontiguousarray(d8[1:-1, 1:-1])
    del d8, filled
    scratch.save("d8", i, j, inner)
    return perimeter(kernels.initial_flat_distances(inner)), bool((inner == kernels.UNRESOLVED).any())


def _ring_indices(rows: int, cols: int) -> np.ndarray:
    """Flat indices in a (rows+2, cols+2) array of the ring cells, in `ring_around`'s order."""
    width = cols + 2
    inner_rows = np.arange(1, rows + 1) * width
    return np.concatenate([np.arange(width), (rows + 1) * width + np.arange(width), inner_rows, inner_rows + cols + 1])


def flats_task(grid: TileGrid, scratch: Scratch, i: int, j: int, filled_ring: tuple, distance_ring: tuple, first: bool):
    """One round of flat distances: the first from the tile's drained cells and the ring's
    reports, later ones only from the ring cells whose reported distance dropped (distances are
    kept in the scratch folder between rounds). Returns the perimeter of the tile's distances."""
    filled = with_ring(scratch.load("filled", i, j), filled_ring)
    d8 = scratch.load("d8", i, j)
    if first:
        distance = with_ring(kernels.initial_flat_distances(d8), distance_ring)
        seeds = kernels.flat_seeds(filled, d8, distance)
    else:
        distance = scratch.load("flat_distance", i, j)
        ring = _ring_indices(*d8.shape)
        reported = np.concatenate(distance_ring)
        seeds = ring[reported < distance.ravel()[ring]]
        distance.ravel()[ring] = reported
    kernels.spread_flat_distances(filled, d8, distance, seeds)
    scratch.save("flat_distance", i, j, distance)
    return perimeter(np.ascontiguousarray(distance[1:-1, 1:-1]))


def route_task(grid: TileGrid, scratch: Scratch, i: int, j: int, filled_ring: tuple):
    """Point the tile's flat cells down their settled distances; the directions become final."""
    filled = with_ring(scratch.load("filled", i, j), filled_ring)
    d8 = scratch.load("d8", i, j)
    stranded = kernels.route_flats(filled, d8, scratch.load("flat_distance", i, j))
    scratch.save("d8_final", i, j, d8)
    scratch.drop("flat_distance", i, j)
    scratch.drop("d8", i, j)
    return int(stranded)


def _offsets(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row and column offsets of D8 codes (0 for an outlet)."""
    k = kernels.CODE_INDEX[codes]
    return np.where(k >= 0, kernels.DR[k], 0), np.where(k >= 0, kernels.DC[k], 0)


def _accumulate(d8: np.ndarray, areas: np.ndarray, entries: np.ndarray, inflow: np.ndarray) -> np.ndarray:
    total, summed = kernels.tile_accumulation(d8, np.asarray(areas, dtype=np.float64), entries, inflow)
    if summed != int(np.count_nonzero(d8 != D8_NODATA)):
        raise RuntimeError("the flow directions form a loop inside a tile")
    return total


def accumulation_links_task(grid: TileGrid, scratch: Scratch, i: int, j: int, areas: np.ndarray):
    """Stage 1 of the accumulation: local totals of the perimeter cells and where each one's
    water goes next (the next perimeter cell downstream in the tile, or the cell in the
    neighbouring tile it flows into). Returns (global index, local total, target global index or
    -1, leaves the tile) per perimeter cell."""
    row0, col0, rows, cols = grid.window(i, j)
    d8 = scratch.load("d8_final", i, j)
    none = np.empty(0, dtype=np.int64)
    local = _accumulate(d8, areas, none, np.empty(0)).ravel()
    cells, following = kernels.perimeter_links(d8)
    pr, pc = np.divmod(cells, cols)
    width = grid.shape[1]
    target = np.full(cells.size, -1, dtype=np.int64)
    inside = following >= 0
    nr, nc = np.divmod(following[inside], cols)
    target[inside] = (row0 + nr) * width + col0 + nc
    leaves = following == -2
    dr, dc = _offsets(d8.ravel()[cells[leaves]])
    target[leaves] = (row0 + pr[leaves] + dr) * width + col0 + pc[leaves] + dc
    return (row0 + pr) * width + col0 + pc, local[cells], target, leaves


def accumulation_task(
    source: DemSource,
    grid: TileGrid,
    scratch: Scratch,
    i: int,
    j: int,
    areas: np.ndarray,
    entries: np.ndarray,
    inflow: np.ndarray,
    threshold: float | None,
):
    """Stage 2 of the accumulation: the tile's totals with the inflow from other tiles added
    where it enters; kept as float32 (NaN outside the DEM). With a `threshold`, returns the
    stream cells (contributing area at least `threshold`): global index, global downstream index
    (itself at an outlet), accumulation and elevation."""
    row0, col0, rows, cols = grid.window(i, j)
    d8 = scratch.load("d8_final", i, j)
    total = _accumulate(d8, areas, entries, inflow).astype(np.float32)
    scratch.save("acc", i, j, total)
    if threshold is None:
        return None
    cells = np.flatnonzero(total.ravel() >= threshold)  # NaN compares False
    r, c = np.divmod(cells, cols)
    width = grid.shape[1]
    dr, dc = _offsets(d8.ravel()[cells])
    own = (row0 + r) * width + col0 + c
    downstream = (row0 + r + dr) * width + col0 + c + dc
    elevation = source.read(row0, col0, rows, cols).ravel()[cells]
    return own, downstream, total.ravel()[cells], elevation


# ---------------------------------------------------------------------------------------------
# the client side: the small global problems between the tile stages


def _cross_tile_edges(grid: TileGrid, labels: dict, heights: dict, node_of: Callable):
    """Spill graph edges between 8-adjacent perimeter cells of neighbouring tiles: the level at
    which the two watersheds meet is the higher of the two (unfilled) perimeter elevations."""
    sources, targets, levels = [], [], []

    def link(label_a, height_a, label_b, height_b, ia, ib):
        for shift in (-1, 0, 1):
            a = slice(max(0, -shift), min(label_a.size, label_b.size - shift))
            b = slice(a.start + shift, a.stop + shift)
            la, lb, ha, hb = label_a[a], label_b[b], height_a[a], height_b[b]
            valid = (la > 0) & (lb > 0)
            sources.append(node_of(ia, la[valid]))
            targets.append(node_of(ib, lb[valid]))
            levels.append(np.maximum(ha[valid], hb[valid]))

    def corner(label_a, height_a, label_b, height_b, ia, ib):
        if label_a > 0 and label_b > 0:
            sources.append(node_of(ia, np.array([label_a])))
            targets.append(node_of(ib, np.array([label_b])))
            levels.append(np.array([max(height_a, height_b)], dtype=np.float32))

    for i, j in grid.tiles:
        la, ha = labels[(i, j)], heights[(i, j)]
        if grid.exists(i, j + 1):  # right column against the right neighbour's left column
            link(la[3], ha[3], labels[(i, j + 1)][2], heights[(i, j + 1)][2], (i, j), (i, j + 1))
        if grid.exists(i + 1, j):  # bottom row against the lower neighbour's top row
            link(la[1], ha[1], labels[(i + 1, j)][0], heights[(i + 1, j)][0], (i, j), (i + 1, j))
        if grid.exists(i + 1, j + 1):
            corner(
                la[1][-1],
                ha[1][-1],
                labels[(i + 1, j + 1)][0][0],
                heights[(i + 1, j + 1)][0][0],
                (i, j),
                (i + 1, j + 1),
            )
        if grid.exists(i + 1, j - 1):
            corner(
                la[1][0],
                ha[1][0],
                labels[(i + 1, j - 1)][0][-1],
                heights[(i + 1, j - 1)][0][-1],
                (i, j),
                (i + 1, j - 1),
            )
    return sources, targets, levels


def solve_spill_levels(grid: TileGrid, results: dict) -> dict:
    """Spill level of every watershed of every tile: {tile: float64 array indexed by local label}
    (index 0 nodata, OCEAN -inf)."""
    offsets, total = {}, 1  # node 0 is the ocean
    for tile in grid.tiles:
        offsets[tile] = total - 2  # local label L >= 2 -> node offset + L
        total += max(0, results[tile][4] - 1)

    def node_of(tile, local):
        local = np.asarray(local, dtype=np.int64)
        return np.where(local == kernels.OCEAN, 0, offsets[tile] + local)

    sources, targets, levels = [], [], []
    for tile in grid.tiles:
        pairs, pair_levels = results[tile][2], results[tile][3]
        sources.append(node_of(tile, pairs[:, 0]))
        targets.append(node_of(tile, pairs[:, 1]))
        levels.append(pair_levels)
    labels = {tile: results[tile][0] for tile in grid.tiles}
    heights = {tile: results[tile][1] for tile in grid.tiles}
    cross = _cross_tile_edges(grid, labels, heights, node_of)
    source = np.concatenate(sources + cross[0])
    target = np.concatenate(targets + cross[1])
    level = np.concatenate(levels + cross[2]).astype(np.float32)
    spill = kernels.solve_spill_graph(
        total, np.concatenate([source, target]), np.concatenate([target, source]), np.concatenate([level, level]), 0
    )
    out = {}
    for tile in grid.tiles:
        count = results[tile][4]
        by_label = np.full(max(count, 1) + 1, np.nan)
        by_label[kernels.OCEAN] = -np.inf
        if count >= 2:
            by_label[2 : count + 1] = spill[offsets[tile] + np.arange(2, count + 1)]
        out[tile] = by_label
    return out


def solve_inflow(grid: TileGrid, links: dict) -> dict:
    """Inflow from other tiles at each tile's entry cells: {tile: (flat indices in tile, inflow)}."""
    nodes = np.concatenate([links[t][0] for t in grid.tiles])
    order = np.argsort(nodes)
    sorted_nodes = nodes[order]
    targets = np.concatenate([links[t][2] for t in grid.tiles])
    compact = np.full(targets.size, -1, dtype=np.int64)
    known = targets >= 0
    where = np.searchsorted(sorted_nodes, targets[known])
    compact[known] = order[np.minimum(where, sorted_nodes.size - 1)]
    compact[known] = np.where(
        sorted_nodes[np.minimum(where, sorted_nodes.size - 1)] == targets[known], compact[known], -1
    )
    local = np.concatenate([links[t][1] for t in grid.tiles])
    carries = np.concatenate([links[t][3] for t in grid.tiles])
    _, inflow, visited = kernels.solve_perimeter_flow(nodes.size, compact, carries, local)
    if visited != nodes.size:
        raise RuntimeError("the flow directions form a loop across tiles")
    out, start, width = {}, 0, grid.shape[1]
    for tile in grid.tiles:
        count = links[tile][0].size
        cells, amounts = links[tile][0], inflow[start : start + count]
        start += count
        row0, col0, _, cols = grid.window(*tile)
        hit = amounts > 0
        r, c = np.divmod(cells[hit], width)
        out[tile] = ((r - row0) * cols + (c - col0), amounts[hit])
    return out


@dataclass
class TiledFlow:
    """What the tiled conditioning leaves in the scratch folder, per tile: filled, d8_final, acc."""

    source: DemSource
    grid: TileGrid
    scratch: Scratch
    transform: object
    latlon: bool
    row_areas: np.ndarray  # float64 m2 of one cell per DEM row
    flat_rounds: int
    stranded: int
    network: tuple | None  # stream cells (global index, downstream, accumulation, elevation)

    def load(self, name: str, i: int, j: int) -> np.ndarray:
        return self.scratch.load(name, i, j)


def condition_tiled(
    source: DemSource,
    grid: TileGrid,
    scratch: Scratch,
    transform,
    runner,
    *,
    latlon: bool = False,
    row_areas: np.ndarray | None = None,
    cell_metres: tuple[float, float] | None = None,
    threshold_m2: float | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> TiledFlow:
    """Fill, directions and accumulation of the DEM in `source`, tile by tile on `runner`
    (algorithms.dask_runtime). `row_areas`: m2 of one cell per DEM row (default: the grid's units
    taken as metres, hydrology.row_cell_areas); `cell_metres`: ground size of a cell for the slopes
    (default: hydrology.cell_distances). `progress` gets the fraction done (0-1) over the stages,
    by tiles done."""
    tiles = grid.tiles
    step = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    stage_span = {
        "fill": (0.0, 0.25),
        "finish": (0.25, 0.15),
        "directions": (0.40, 0.15),
        "flats": (0.55, 0.07),
        "route": (0.62, 0.03),
        "links": (0.65, 0.15),
        "accumulation": (0.80, 0.20),
    }

    report = checkpoint(progress)  # inside runner.map: the runner itself stops a cancelled map safely

    def run(stage, function, tasks):
        start, span = stage_span[stage]
        return runner.map(
            function, tasks, progress=lambda fraction: report(start + span * fraction), is_canceled=is_canceled
        )

    results = dict(zip(tiles, run("fill", fill_labels_task, [(source, grid, scratch, i, j) for i, j in tiles])))
    spill = solve_spill_levels(grid, results)
    del results
    filled_edges = dict(
        zip(tiles, run("finish", fill_finish_task, [(source, grid, scratch, i, j, spill[(i, j)]) for i, j in tiles]))
    )
    cell_x, cell_y = cell_distances(transform, grid.shape, latlon, cell_metres)
    filled_rings = {t: ring_around(grid, filled_edges, *t, np.float32, np.nan) for t in tiles}
    del filled_edges
    outcome = dict(
        zip(
            tiles,
            run(
                "directions",
                directions_task,
                [(grid, scratch, i, j, filled_rings[(i, j)], cell_x, cell_y) for i, j in tiles],
            ),
        )
    )
    distance_edges = {t: outcome[t][0] for t in tiles}
    flat_tiles = [t for t in tiles if outcome[t][1]]
    del outcome
    rounds, sent = 0, {}
    pending = list(flat_tiles)
    while pending:  # until no flat tile's ring changes: every flat cell has its global distance
        rounds += 1
        rings = {t: ring_around(grid, distance_edges, *t, np.int32, kernels.FAR) for t in pending}
        answers = run(
            "flats",
            flats_task,
            [(grid, scratch, i, j, filled_rings[(i, j)], rings[(i, j)], (i, j) not in sent) for i, j in pending],
        )
        for tile, edges in zip(pending, answers):
            sent[tile], distance_edges[tile] = rings[tile], edges
        pending = [
            t
            for t in flat_tiles
            if not rings_equal(ring_around(grid, distance_edges, *t, np.int32, kernels.FAR), sent[t])
        ]
    stranded = sum(run("route", route_task, [(grid, scratch, i, j, filled_rings[(i, j)]) for i, j in flat_tiles]))
    for tile in tiles:
        if tile not in sent:
            scratch.path("d8", *tile).replace(scratch.path("d8_final", *tile))
    areas = row_cell_areas(transform, grid.shape, latlon) if row_areas is None else np.asarray(row_areas, np.float64)

    def tile_areas(i, j):
        row0, _, rows, _ = grid.window(i, j)
        return areas[row0 : row0 + rows]

    links = dict(
        zip(tiles, run("links", accumulation_links_task, [(grid, scratch, i, j, tile_areas(i, j)) for i, j in tiles]))
    )
    inflow = solve_inflow(grid, links)
    del links
    network = run(
        "accumulation",
        accumulation_task,
        [(source, grid, scratch, i, j, tile_areas(i, j), *inflow[(i, j)], threshold_m2) for i, j in tiles],
    )
    if threshold_m2 is not None:
        network = tuple(np.concatenate([part[k] for part in network]) for k in range(4))
    else:
        network = None
    step(1.0)
    return TiledFlow(source, grid, scratch, transform, latlon, areas, rounds, stranded, network)
