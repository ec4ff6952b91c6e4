"""Control lines for the partitioned conflict check, without dissolving a whole control layer. Pure.

Why: the whole-layer path dissolves each control layer at once (overlay.dissolve). At province
scale that union was the largest single step of the partitioned check (1,000,000-parcel benchmark:
45 s and 258 MB for one layer, two at once) and the reason its memory grew with the data.

How, with results identical to the whole-layer dissolve:
- Partition: its control geometry is the union of only the polygons whose boxes meet its window
  (the partition's rectangle widened by 1 % + 1 m), each polygon reaching beyond the window clipped to it
  first. As point sets union(p ∩ W) = union(all) ∩ W, and polygons whose boxes stay off W add
  nothing inside W: every parcel of the partition (inside its rectangle) meets exactly the
  global dissolve, so its pieces are the whole-layer path's pieces. The work and memory are those
  of the polygons near one partition, whatever the size of the layer or of a connected red line.
- Control-line overlaps (a global output: one row per pair of overlapping dissolved parts of two
  lines): each layer's polygons are grouped into connected components of their bounding boxes
  (boxes that meet, transitively). Every dissolved part of a layer is the union of polygons of one
  component, so a component's union gives exactly its global parts. A task takes a run of line A's
  components, dissolves them, and the whole components of line B whose boxes meet them; every
  overlapping pair of parts (a, b) is found in the one task that holds a's component: none lost,
  none twice.
- Memory: the driver keeps the bounding boxes (and, from a file, the stored-CRS boxes and feature
  ids) of every control polygon, 40-72 bytes each; tasks read their polygons from the file (the
  GeoPackage R-tree) or take copies from an array the caller already holds (Processing inputs
  that are not plain GeoPackages).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import shapely

from . import conflicts as conflict_engine
from . import overlay
from .partition_io import LayerSource, read_rect
from .rules import CONTROL_LINES

OVERLAP_CHUNK = 1_000  # polygons of line A per overlap task (whole components; a larger one is one task)


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
                    geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
            bounds.append(shapely.bounds(geometry).reshape(-1, 4))
        if not fids:
            empty = np.empty((0, 4))
            return cls(empty, source=source, fids=np.empty(0, dtype=np.int64), stored_bounds=empty)
        return cls(np.concatenate(bounds), source=source, fids=np.concatenate(fids), stored_bounds=np.concatenate(stored))

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


def clipped_union(layer: ControlLayer, clip) -> np.ndarray:
    """Disjoint parts of (union of the layer) ∩ `clip`, from the polygons whose boxes meet `clip` only."""
    rows = layer.rows_meeting(clip)
    geometry = layer.read(rows)
    b = layer.bounds[rows]
    beyond = (b[:, 0] < clip[0]) | (b[:, 1] < clip[1]) | (b[:, 2] > clip[2]) | (b[:, 3] > clip[3])
    if beyond.any():
        geometry[beyond] = shapely.intersection(geometry[beyond], shapely.box(*clip))
    return overlay.dissolve(geometry)


def partition_parts(layers: dict[str, ControlLayer], rect) -> dict[str, np.ndarray]:
    """Each line's dissolved parts within the window of a partition's rectangle `rect` (target CRS):
    the whole-layer dissolve (red line outside core zones) clipped to the window. Every line of
    `layers` is present, with no parts where none is near (its 'outside' rules then take whole parcels)."""
    clip = window(rect)
    parts = {line: clipped_union(layer, clip) for line, layer in layers.items()}
    for line_parts in parts.values():
        shapely.prepare(line_parts)
    return conflict_engine.red_line_outside_core(parts)


# --- control-line overlaps -----------------------------------------------------------------------

@dataclass
class OverlapTask:
    """Overlaps of line `a` (rows `a_rows`, whole components) with line `b` (the whole components
    meeting them); `core_rows`: core zones near a red line among them (red line outside core zones)."""

    a: str
    a_rows: np.ndarray
    b: str
    b_rows: np.ndarray
    core_rows: np.ndarray | None


def overlap_tasks(layers: dict[str, ControlLayer], chunk: int = OVERLAP_CHUNK) -> list[OverlapTask]:
    """Overlap tasks for every pair of lines the whole-layer path compares (core zones and red line
    excepted): line a's components in runs of about `chunk` polygons along a Hilbert curve."""
    from .partitioned import hilbert_distance

    labels = {line: layer.components() for line, layer in layers.items()}
    tasks = []
    for a, b in combinations(layers, 2):
        if {a, b} == {conflict_engine.CORE, conflict_engine.REDLINE}:
            continue
        label_a, label_b = labels[a], labels[b]
        ids, sizes, boxes = _component_boxes(label_a, layers[a].bounds)
        order = np.argsort(hilbert_distance(boxes), kind="stable") if len(ids) else np.empty(0, dtype=np.int64)
        pair_a, pair_b = box_pairs(layers[a].bounds, layers[b].bounds)
        runs, run, count = [], [], 0
        for component in order:
            run.append(ids[component])
            count += sizes[component]
            if count >= chunk:
                runs.append(run)
                run, count = [], 0
        if run:
            runs.append(run)
        for run in runs:
            in_run = np.isin(label_a, run)
            near_b = pair_b[in_run[pair_a]]
            if len(near_b) == 0:
                continue
            a_rows = np.flatnonzero(in_run)
            b_rows = np.flatnonzero(np.isin(label_b, np.unique(label_b[near_b])))
            tasks.append(OverlapTask(a, a_rows, b, b_rows, _core_rows(layers, (a, a_rows), (b, b_rows))))
    return tasks


def _component_boxes(labels: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(component labels, their numbers of rows, their boxes: the union of their rows' boxes)."""
    order = np.argsort(labels, kind="stable")
    ids, starts, sizes = np.unique(labels[order], return_index=True, return_counts=True)
    if len(ids) == 0:
        return ids, sizes, np.empty((0, 4))
    b = bounds[order]
    boxes = np.column_stack([np.minimum.reduceat(b[:, 0], starts), np.minimum.reduceat(b[:, 1], starts),
                             np.maximum.reduceat(b[:, 2], starts), np.maximum.reduceat(b[:, 3], starts)])
    return ids, sizes, boxes


def _core_rows(layers, *members) -> np.ndarray | None:
    """Rows of the core zones whose boxes meet the red line's rows among `members`, if both given."""
    core = layers.get(conflict_engine.CORE)
    for line, rows in members:
        if line == conflict_engine.REDLINE and core is not None:
            _, near = box_pairs(layers[line].bounds[rows], core.bounds)
            return np.unique(near)
    return None


def overlap_task(layers: dict[str, ControlLayer], task: OverlapTask, min_area: float, crs):
    """The overlap rows (as conflicts.line_overlaps) of one task's parts of lines a and b."""
    parts = {task.a: overlay.dissolve(layers[task.a].read(task.a_rows)),
             task.b: overlay.dissolve(layers[task.b].read(task.b_rows))}
    if task.core_rows is not None:
        parts[conflict_engine.CORE] = overlay.dissolve(layers[conflict_engine.CORE].read(task.core_rows))
        parts = conflict_engine.red_line_outside_core(parts)
        del parts[conflict_engine.CORE]
    return conflict_engine.line_overlaps(parts, min_area=min_area, crs=crs)
