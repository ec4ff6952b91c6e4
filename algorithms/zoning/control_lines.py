"""Control lines for the partitioned conflict check, without dissolving a whole control layer at
once. Pure.

Why: the whole-layer path dissolves each control layer at once (overlay.dissolve: one union per
group of meeting polygons, all held together). At province scale one union of a whole layer was the
largest single step of the partitioned check (1,000,000-parcel benchmark: 45 s and 258 MB for one
layer, two at once) and the reason its memory grew with the data.

How, with results identical to the whole-layer dissolve:
- Components: each layer's polygons are grouped into connected components of their bounding boxes
  (boxes that meet, transitively; computed from the boxes only). Every part of the whole-layer
  dissolve is the union of polygons of one component, so dissolving component by component gives
  exactly the whole-layer parts, each once, in small unions that run as parallel tasks.
- Dissolve tasks: runs of components of all lines along a Hilbert curve. A task dissolves its own
  components and, as partners, the whole components of later lines whose boxes meet them, and
  reports the control-line overlaps (one row per pair of overlapping parts of two lines, as
  conflicts.line_overlaps) for the pairs whose first part it owns: every pair once, none lost. It
  returns its own parts (the red line outside core zones, as the whole-layer path).
- Partitions: a partition takes the dissolved parts whose boxes meet its window (its rectangle
  widened by 1 % + 1 m), the parts reaching beyond the window clipped to it: inside the window
  exactly the whole-layer dissolve, so every parcel gets the whole-layer path's pieces, and a task
  intersects a small piece of a province-wide red line.
- Memory: the driver keeps the bounding boxes (from a file also the stored-CRS boxes and feature
  ids) of every control polygon, 40-72 bytes each, and the dissolved parts (about the size of the
  control lines themselves); the dissolve tasks read their polygons from the file (the GeoPackage
  R-tree) or take copies from an array the caller already holds (Processing inputs that are not
  plain GeoPackages). No union larger than one run of components is ever built.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
import shapely

from . import conflicts as conflict_engine
from . import overlay
from .hilbert import hilbert_distance
from .partition_io import LayerSource, read_rect
from .rules import CONTROL_LINES

DISSOLVE_CHUNK = 1_000  # polygons per dissolve task (whole components: a larger component is one task)


@dataclass
class ControlLayer:
    """One control layer: every polygon's box in the target CRS, and how to get the polygons:
    `geometries` (in memory, target CRS) or `source` (a file read in its target CRS, rows = `fids`)."""

    bounds: np.ndarray  # (n, 4) target CRS
    geometries: np.ndarray | None = None
    source: LayerSource | None = None
    fids: np.ndarray | None = None
    stored_bounds: np.ndarray | None = None  # (n, 4) stored CRS: the spatial filter of a read

    @classmethod
    def from_array(cls, geometries) -> ControlLayer:
        geometries = np.asarray(geometries, dtype=object)
        geometries = geometries[~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)]
        return cls(shapely.bounds(geometries).reshape(-1, 4), geometries=geometries)

    @classmethod
    def from_file(cls, source: LayerSource, is_canceled=None) -> ControlLayer:
        """Boxes of every polygon of `source`, streamed batch by batch (no polygon kept)."""
        from ..cancel import CancelledError

        transformer = source.transformer()
        fids, stored, bounds = [], [], []
        for ids, wkb, _ in source.batches():
            if is_canceled is not None and is_canceled():
                raise CancelledError
            geometry = shapely.from_wkb(wkb)
            keep = ~shapely.is_missing(geometry) & ~shapely.is_empty(geometry)
            geometry = geometry[keep]
            fids.append(ids[keep])
            stored.append(shapely.bounds(geometry).reshape(-1, 4))
            if transformer is not None and len(geometry):
                geometry = shapely.transform(
                    geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
                )
            bounds.append(shapely.bounds(geometry).reshape(-1, 4))
        if not fids:
            empty = np.empty((0, 4))
            return cls(empty, source=source, fids=np.empty(0, dtype=np.int64), stored_bounds=empty)
        return cls(
            np.concatenate(bounds), source=source, fids=np.concatenate(fids), stored_bounds=np.concatenate(stored)
        )

    def __len__(self) -> int:
        return len(self.bounds)

    def rows_meeting(self, rect) -> np.ndarray:
        """Rows whose boxes meet `rect` (target CRS)."""
        b = self.bounds
        return np.flatnonzero((b[:, 0] <= rect[2]) & (b[:, 2] >= rect[0]) & (b[:, 1] <= rect[3]) & (b[:, 3] >= rect[1]))

    def read(self, rows: np.ndarray) -> np.ndarray:
        """The polygons of `rows` (target CRS), this task's own objects (invalid ones repaired)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.empty(0, dtype=object)
        if self.geometries is not None:
            geometry = shapely.from_wkb(shapely.to_wkb(self.geometries[rows]))  # no GEOS object shared between tasks
        else:
            box = self.stored_bounds[rows]
            rect = (box[:, 0].min(), box[:, 1].min(), box[:, 2].max(), box[:, 3].max())
            fids, geometry, _ = read_rect(self.source, rect, self.source.transformer())
            geometry = geometry[np.isin(fids, self.fids[rows])]
        invalid = ~shapely.is_valid(geometry)
        if invalid.any():
            geometry[invalid] = shapely.make_valid(geometry[invalid])
        return geometry

    def components(self) -> np.ndarray:
        """Component label of every row: rows whose boxes meet, transitively, share a label."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        n = len(self)
        if n == 0:
            return np.empty(0, dtype=np.int64)
        a, b = box_pairs(self.bounds, self.bounds)
        graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
        return connected_components(graph, directed=False)[1].astype(np.int64)


def box_pairs(bounds_a: np.ndarray, bounds_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row in a, row in b) of every pair of boxes that meet (touching counts)."""
    if len(bounds_a) == 0 or len(bounds_b) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    tree = shapely.STRtree(shapely.box(*bounds_b.T))
    a, b = tree.query(shapely.box(*bounds_a.T), predicate="intersects")
    return a.astype(np.int64), b.astype(np.int64)


def layers_of(lines: dict) -> dict[str, ControlLayer]:
    """ControlLayers of the given lines (arrays taken as they are), in CONTROL_LINES order, lines
    without polygons left out (as the whole-layer path leaves them out)."""
    layers = {}
    for line in CONTROL_LINES:
        value = lines.get(line)
        if value is None:
            continue
        layer = value if isinstance(value, ControlLayer) else ControlLayer.from_array(value)
        if len(layer):
            layers[line] = layer
    return layers


# --- one partition ------------------------------------------------------------------------------


def window(rect) -> tuple[float, float, float, float]:
    """A partition's rectangle widened by 1 % of its size + 1 m: the clip window of its control lines."""
    xmin, ymin, xmax, ymax = rect
    pad = 0.01 * max(xmax - xmin, ymax - ymin) + 1.0
    return xmin - pad, ymin - pad, xmax + pad, ymax + pad


def partition_parts(dissolved: dict[str, ControlLayer], rect) -> dict[str, np.ndarray]:
    """Each line's dissolved parts (`dissolved`: from dissolve_task) within the window of a partition's
    rectangle `rect` (target CRS), this task's own prepared copies. Every line is present, with no
    parts where none is near (its 'outside' rules then take whole parcels)."""
    clip = window(rect)
    parts = {}
    for line, layer in dissolved.items():
        rows = layer.rows_meeting(clip)
        chosen = layer.read(rows)
        b = layer.bounds[rows]
        beyond = (b[:, 0] < clip[0]) | (b[:, 1] < clip[1]) | (b[:, 2] > clip[2]) | (b[:, 3] > clip[3])
        if beyond.any():  # clipping keeps the parts disjoint
            chosen[beyond] = shapely.intersection(chosen[beyond], shapely.box(*clip))
            chosen, _ = overlay.polygon_parts(chosen)
        shapely.prepare(chosen)
        parts[line] = chosen
    return parts


# --- dissolving by components, and the control-line overlaps -----------------------------------


@dataclass
class DissolveTask:
    """A run of whole components of every line (`own`: line -> rows) and, as partners, the whole
    components of later lines that meet them but belong to other runs (`near`); `core_rows`: the core
    zones meeting the task's red line (the red line outside core zones, as the whole-layer path)."""

    own: dict[str, np.ndarray]
    near: dict[str, np.ndarray]
    core_rows: np.ndarray | None = None


def compared_pairs(lines) -> list[tuple[str, str]]:
    """The pairs of lines whose overlaps the whole-layer path reports (core zones and red line excepted)."""
    return [
        (a, b)
        for a, b in combinations([line for line in CONTROL_LINES if line in lines], 2)
        if {a, b} != {conflict_engine.CORE, conflict_engine.REDLINE}
    ]


def dissolve_tasks(layers: dict[str, ControlLayer], chunk: int = DISSOLVE_CHUNK) -> list[DissolveTask]:
    """The components of all lines along a Hilbert curve through their box centres, in runs of
    about `chunk` polygons. A pair of overlapping parts (a of line A, b of a later line B) is found
    by the task that owns a's component, which also holds b's (own or near): each pair once."""
    labels = {line: layer.components() for line, layer in layers.items()}
    table = [(line, *_component_boxes(labels[line], layer.bounds)) for line, layer in layers.items()]
    if not any(len(ids) for _, ids, _, _ in table):
        return []
    lines = np.concatenate([np.full(len(ids), index) for index, (_, ids, _, _) in enumerate(table)])
    ids = np.concatenate([ids for _, ids, _, _ in table])
    sizes = np.concatenate([sizes for _, _, sizes, _ in table])
    boxes = np.concatenate([boxes for _, _, _, boxes in table])
    order = np.argsort(hilbert_distance(boxes), kind="stable")
    ends = np.flatnonzero(np.diff(np.cumsum(sizes[order]) // chunk, prepend=0) > 0)  # a run ends where a chunk fills
    pairs = {(a, b): box_pairs(layers[a].bounds, layers[b].bounds) for a, b in compared_pairs(layers)}
    tasks = []
    for run in np.split(order, ends + 1):
        if len(run) == 0:
            continue
        own = {}
        for index, (line, *_rest) in enumerate(table):
            mine = ids[run[lines[run] == index]]
            if len(mine):
                own[line] = np.flatnonzero(np.isin(labels[line], mine))
        near = {}
        for (a, b), (pair_a, pair_b) in pairs.items():
            if a not in own:
                continue
            in_run = np.zeros(len(layers[a]), dtype=bool)
            in_run[own[a]] = True
            partners = np.unique(labels[b][pair_b[in_run[pair_a]]])
            rows = np.flatnonzero(np.isin(labels[b], partners))
            rows = np.setdiff1d(rows, own.get(b, np.empty(0, dtype=np.int64)))
            near[b] = np.union1d(near.get(b, np.empty(0, dtype=np.int64)), rows)
        tasks.append(DissolveTask(own, near, _core_rows(layers, own, near)))
    return tasks


def _component_boxes(labels: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(component labels, their numbers of rows, their boxes: the union of their rows' boxes)."""
    order = np.argsort(labels, kind="stable")
    ids, starts, sizes = np.unique(labels[order], return_index=True, return_counts=True)
    if len(ids) == 0:
        return ids, sizes, np.empty((0, 4))
    b = bounds[order]
    boxes = np.column_stack(
        [
            np.minimum.reduceat(b[:, 0], starts),
            np.minimum.reduceat(b[:, 1], starts),
            np.maximum.reduceat(b[:, 2], starts),
            np.maximum.reduceat(b[:, 3], starts),
        ]
    )
    return ids, sizes, boxes


def _core_rows(layers, own, near) -> np.ndarray | None:
    """Rows of the core zones whose boxes meet the task's red-line rows, when both lines are given."""
    core, red = layers.get(conflict_engine.CORE), conflict_engine.REDLINE
    if core is None or red not in layers:
        return None
    rows = np.union1d(own.get(red, np.empty(0, dtype=np.int64)), near.get(red, np.empty(0, dtype=np.int64)))
    _, found = box_pairs(layers[red].bounds[rows], core.bounds)
    return np.unique(found)


def dissolve_task(layers: dict[str, ControlLayer], task: DissolveTask, min_area: float, crs):
    """(line -> the dissolved parts of the task's own components, the overlap rows (as
    conflicts.line_overlaps) of the pairs of parts whose first part this task owns)."""
    core = None
    if task.core_rows is not None:
        core = overlay.dissolve(layers[conflict_engine.CORE].read(task.core_rows))

    def parts(line: str, rows: np.ndarray) -> np.ndarray:
        dissolved = overlay.dissolve(layers[line].read(rows))
        if line == conflict_engine.REDLINE and core is not None:
            dissolved = conflict_engine.red_line_outside_core({line: dissolved, conflict_engine.CORE: core})[line]
        return dissolved

    own = {line: parts(line, rows) for line, rows in task.own.items()}
    near = {line: parts(line, rows) for line, rows in task.near.items() if len(rows)}
    frames = []
    for a, b in compared_pairs(layers):
        if a not in own or not (b in own or b in near):
            continue
        partners = np.concatenate([own.get(b, np.empty(0, dtype=object)), near.get(b, np.empty(0, dtype=object))])
        frame = conflict_engine.line_overlaps({a: own[a], b: partners}, min_area=min_area, crs=crs)
        if len(frame):
            frames.append(frame)
    for found in own.values():  # kept by the driver until every partition is done: without GEOS's prepared
        shapely.destroy_prepared(found)  # indexes, which take several times the parts' own memory
    if not frames:
        return own, conflict_engine.line_overlaps({}, crs=crs)
    return own, (pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0])
