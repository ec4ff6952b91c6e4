"""Province-scale multi-plan checks: the plan read and checked partition by partition, each
partition a Dask task, results handed on (written) as partitions finish. Pure.

Why: the whole-layer engines (conflicts.check, space.structure, topology.check) hold every parcel,
piece and result at once; province-wide 三调 data (millions of parcels) outgrow the machine.

How:
1. A first pass streams the plan file (partition_io.scan) and keeps each parcel's id and bounding
   box. Parcels are ordered along a Hilbert curve through their box centres (hilbert.py) and
   cut into runs of `partition_size`: spatially coherent partitions.
2. Each partition is read back by a spatial filter on the union of its boxes, keeping its own ids
   (partition_io.read_rect), checked by the same engine functions as the whole-layer path, and its
   results handed to `consume` in the driver (which writes them): memory is bounded by a few
   partitions in flight, not by the data.
3. Identical to the whole-layer path: every conflict or space piece depends on its own parcel and
   the control lines or units only. The control lines are dissolved component by component
   (control_lines.py: the whole-layer parts and overlaps, without one union of a whole layer); a
   partition takes the parts near it, clipped to its window, which inside the window is the
   whole-layer dissolve. Topology errors that cross partition
   borders: each partition also reads its halo (other partitions' parcels whose boxes meet its
   rectangle); a pair of parcels is checked by the partition of the pair's lower feature id, so
   overlaps and duplicates are neither lost nor counted twice. Gaps are holes of the union of all
   parcels: each partition returns the union of its own parcels, the driver unions those (a
   coverage's outline, small) and takes the holes, and a second pass finds the parcels around each.
Areas: as the engines (plane and CGCS2000 ellipsoidal); the ellipsoidal projection is centred per
partition, which changes areas by far less than 1e-6 relative.

Tasks run through algorithms.dask_runtime (local threads, or a cluster at an address): their
arguments are plain data (paths, arrays, dataclasses), so workers need no QGIS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from ..cancel import checkpoint
from . import conflicts as conflict_engine
from . import control_lines, overlay, topology
from .hilbert import hilbert_distance
from .partition_io import LayerSource, Scan, read_rect, scan

PARTITION_SIZE = 50_000
IN_MEMORY_LIMIT = 250_000  # parcels: above this the algorithms choose the partitioned path
CLIP_VERTICES = 5_000  # control-line parts with more vertices are clipped to a partition's rectangle

Consume = Callable[[str, pd.DataFrame], None]


@dataclass
class Partition:
    index: int
    fids: np.ndarray  # sorted feature ids of the partition's own parcels
    rect: tuple[float, float, float, float]  # union of their bounding boxes, stored CRS
    metric_rect: tuple[float, float, float, float]  # the same in the target CRS


def make_partitions(found: Scan, size: int = PARTITION_SIZE, transformer=None) -> list[Partition]:
    """Hilbert-ordered runs of `size` parcels with their rectangles (stored and target CRS)."""
    order = np.argsort(hilbert_distance(found.bounds), kind="stable")
    partitions = []
    for index, start in enumerate(range(0, len(order), max(1, size))):
        rows = order[start : start + size]
        box = found.bounds[rows]
        rect = (float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 2].max()), float(box[:, 3].max()))
        metric = rect if transformer is None else tuple(transformer.transform_bounds(*rect, densify_pts=21))
        partitions.append(Partition(index, np.sort(found.fids[rows]), rect, metric))
    return partitions


@dataclass
class PlanReader:
    """How a task reads its plan parcels: the source, and the land-use codes per raw value."""

    source: LayerSource
    code_field: str | None = None
    code_of: dict = field(default_factory=dict)  # raw value -> canonical 2023 code
    unknown: str = "unknown"
    deduction_fields: dict = field(default_factory=dict)  # 三调 key (KCXS, ...) -> field name
    repair: bool = True

    def read(self, partition: Partition, margin: float = 0.0, halo: bool = False):
        """(fids, geometries, own-parcel mask, {field: values}) of the partition (metric CRS);
        with `halo` also the other parcels whose boxes meet the rectangle widened by `margin`."""
        xmin, ymin, xmax, ymax = partition.rect
        fids, geometry, columns = read_rect(
            self.source, (xmin - margin, ymin - margin, xmax + margin, ymax + margin), self.source.transformer()
        )
        own = np.isin(fids, partition.fids, assume_unique=True)
        if not halo:
            columns = {name: values[own] for name, values in columns.items()}
            fids, geometry, own = fids[own], geometry[own], own[own]
        if self.repair and len(geometry):
            invalid = ~shapely.is_valid(geometry)
            if invalid.any():
                geometry = geometry.copy()
                geometry[invalid] = shapely.make_valid(geometry[invalid])
        return fids, geometry, own, columns

    def codes(self, columns) -> tuple[np.ndarray, np.ndarray]:
        """(raw land-use values, canonical codes) of a partition's rows."""
        raw = columns[self.code_field] if self.code_field else None
        if raw is None:
            return None, None
        return raw, np.array([self.code_of.get(v, self.unknown) for v in raw], dtype=object)

    def deduction(self, columns, rows: int, crosswalk=None):
        """(田坎 share, deducted 2023 codes or None) per row, from the 三调 deduction fields."""
        from .sandiao import deduction

        return deduction(columns, self.deduction_fields, rows, crosswalk)


def boxes_meet(geometries: np.ndarray, rect) -> np.ndarray:
    """Which geometries' bounding boxes meet `rect` (numbers only: no GEOS call on shared objects)."""
    bounds = shapely.bounds(geometries)
    return (bounds[:, 0] <= rect[2]) & (bounds[:, 2] >= rect[0]) & (bounds[:, 1] <= rect[3]) & (bounds[:, 3] >= rect[1])


def owned_copies(geometries: np.ndarray) -> np.ndarray:
    """Copies (WKB keeps every coordinate) for one task: GEOS's prepared geometries build their
    index on first use and must not be shared between threads."""
    return shapely.from_wkb(shapely.to_wkb(geometries)) if len(geometries) else geometries


def parts_near(parts: np.ndarray, rect, clip: bool = True) -> np.ndarray:
    """Copies of the dissolved parts meeting `rect` (target CRS), prepared; very large ones clipped to the rectangle
    widened by 1 % (so a task ships and intersects a small piece of a province-wide red line;
    the rectangle holds every parcel of the partition, so no piece changes)."""
    if len(parts) == 0:
        return parts
    xmin, ymin, xmax, ymax = rect
    chosen = owned_copies(parts[boxes_meet(parts, rect)])
    if clip and len(chosen):
        big = shapely.get_num_coordinates(chosen) > CLIP_VERTICES
        if big.any():
            pad = 0.01 * max(xmax - xmin, ymax - ymin) + 1.0
            window = shapely.box(xmin - pad, ymin - pad, xmax + pad, ymax + pad)
            chosen = chosen.copy()
            chosen[big] = shapely.intersection(chosen[big], window)
            flat, _ = overlay.polygon_parts(chosen)
            chosen = flat
    shapely.prepare(chosen)
    return chosen


# --- running partitions ------------------------------------------------------------------------


def run_partitions(
    runner,
    function: Callable,
    tasks: list[tuple],
    consume_result: Callable[[object], None],
    *,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    window: int | None = None,
    span: tuple[float, float] = (0.0, 1.0),
) -> None:
    """function(*task) for every task through `runner` (dask_runtime.TileRunner.stream): each result
    goes to `consume_result` in task order as soon as it and those before it are done, with `window`
    tasks (default twice the runner's slots: the cluster's threads) in flight, so only that many
    partitions' results are held. Progress: a 0-1 fraction, this run covering `span`."""
    checkpoint(progress, is_canceled)(span[0])

    def report(fraction):
        if progress is not None:
            progress(span[0] + (span[1] - span[0]) * fraction)

    runner.stream(function, tasks, consume_result, progress=report, is_canceled=is_canceled, ahead=window)


# --- control-line conflicts --------------------------------------------------------------------


@dataclass
class StreamedConflicts:
    """Totals of a partitioned conflict check (the pieces themselves went to `consume`)."""

    summary: pd.DataFrame
    overlaps: object  # GeoDataFrame of control-line overlaps
    unknown_parcels: int
    parcels: int
    partitions: int

    @property
    def _conflicts(self) -> pd.DataFrame:
        """The summary's conflict rows (without the recorded, allowed ones)."""
        return self.summary[self.summary["outcome"] != conflict_engine.ALLOWED]

    @property
    def conflict_count(self) -> int:
        return int(self._conflicts["conflict_count"].sum())

    @property
    def conflict_area(self) -> float:
        return float(self._conflicts[conflict_engine.AREA].sum())

    def recorded_area(self, control_line: str, code: str | None = None) -> float:
        """CGCS2000 ellipsoidal area (m²) of the recorded (allowed) rows of `control_line` (of `code` only if given)."""
        rows = self.summary[(self.summary["outcome"] == conflict_engine.ALLOWED)]
        rows = rows[rows["control_line"] == control_line]
        if code is not None:
            rows = rows[rows["class_code"] == code]
        return float(rows[conflict_engine.AREA].sum())

    def count(self, outcome: str) -> int:
        return int(self.summary.loc[self.summary["outcome"] == outcome, "conflict_count"].sum())

    def area(self, outcome: str) -> float:
        return float(self.summary.loc[self.summary["outcome"] == outcome, conflict_engine.AREA].sum())

    @property
    def overlap_area(self) -> float:
        return float(self.overlaps[conflict_engine.AREA].sum()) if len(self.overlaps) else 0.0


def conflicts_task(reader: PlanReader, partition: Partition, dissolved: dict, rules, min_area: float, crs):
    """One partition's conflict pieces (with fid, raw land-use value and 田坎 share), its summary
    and its number of parcels with an unknown code, against the dissolved control-line parts near it."""
    fids, geometry, _, columns = reader.read(partition)
    raw, codes = reader.codes(columns)
    if codes is None:
        codes = np.full(len(fids), reader.unknown, dtype=object)
        raw = np.full(len(fids), None, dtype=object)
    share, _ = reader.deduction(columns, len(fids))
    near = control_lines.partition_parts(dissolved, partition.metric_rect)
    pieces, recorded, unknown = conflict_engine.conflict_pieces(
        geometry, codes, near, rules, min_area=min_area, crs=crs, deducted_share=share
    )
    rows = pieces["row"].to_numpy(dtype=np.int64)
    pieces = pieces.assign(fid=fids[rows], landuse=raw[rows], deducted_share=share[rows])
    return pieces, conflict_engine.summarise(pieces, recorded), unknown, len(fids)


def dissolve_control_lines(
    lines: dict,
    *,
    runner,
    min_area: float = 1.0,
    crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    span=(0.0, 1.0),
):
    """(line -> ControlLayer of its dissolved parts, the control-line overlaps), dissolved component
    by component in Dask tasks (control_lines); the same parts and overlaps as the whole-layer path.
    `lines`: line id -> polygons (array) or control_lines.ControlLayer (read from its file by the tasks)."""
    layers = control_lines.layers_of(lines)
    parts = {line: [] for line in layers}
    overlaps = []

    def take(result):
        own, frame = result
        for line, line_parts in own.items():
            parts[line].append(line_parts)
        if len(frame):
            overlaps.append(frame)

    tasks = [(layers, task, min_area, crs) for task in control_lines.dissolve_tasks(layers)]
    run_partitions(
        runner, control_lines.dissolve_task, tasks, take, progress=progress, is_canceled=is_canceled, span=span
    )
    dissolved = {
        line: control_lines.ControlLayer.from_array(np.concatenate(found) if found else np.empty(0, dtype=object))
        for line, found in parts.items()
    }
    overlaps = pd.concat(overlaps, ignore_index=True) if overlaps else conflict_engine.line_overlaps({}, crs=crs)
    return dissolved, overlaps


def conflicts(
    reader: PlanReader,
    partitions: list[Partition],
    lines: dict,
    rules,
    *,
    runner,
    consume: Consume,
    min_area: float = 1.0,
    crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> StreamedConflicts:
    """The conflict check partition by partition; `consume('conflicts', pieces)` per partition.
    `lines`: line id -> polygons (array) or control_lines.ControlLayer. The control lines are first
    dissolved component by component (never a whole layer in one union), then each partition takes
    the parts near it."""
    dissolved, overlaps = dissolve_control_lines(
        lines, runner=runner, min_area=min_area, crs=crs, progress=progress, is_canceled=is_canceled, span=(0.0, 0.15)
    )
    summaries, totals = [], {"unknown": 0, "parcels": 0}

    def take(result):
        pieces, summary, unknown, parcels = result
        consume("conflicts", pieces)
        summaries.append(summary)
        totals["unknown"] += unknown
        totals["parcels"] += parcels

    tasks = [(reader, p, dissolved, rules, min_area, crs) for p in partitions]
    run_partitions(runner, conflicts_task, tasks, take, progress=progress, is_canceled=is_canceled, span=(0.15, 1.0))
    return StreamedConflicts(
        conflict_engine.merge_summaries(summaries), overlaps, totals["unknown"], totals["parcels"], len(partitions)
    )


# --- production-living-ecological space --------------------------------------------------------


@dataclass
class StreamedSpace:
    summary: pd.DataFrame  # as space.SpaceResult.summary
    measure: str
    parcels: int
    partitions: int


def space_task(reader: PlanReader, partition: Partition, mapping, crosswalk, units, crs):
    """One partition's space pieces (fid, raw value, code, unit as a global unit row) and its
    area per unit and class."""
    from .space import OUTSIDE_UNITS, structure

    fids, geometry, _, columns = reader.read(partition)
    raw, codes = reader.codes(columns)
    if codes is None:
        codes = np.full(len(fids), reader.unknown, dtype=object)
        raw = np.full(len(fids), None, dtype=object)
    share, deducted = reader.deduction(columns, len(fids), crosswalk)
    unit_rows = None
    chosen = None
    if units is not None and len(units):
        unit_rows = np.flatnonzero(boxes_meet(units, partition.metric_rect))
        chosen = owned_copies(units[unit_rows])
    result = structure(
        geometry,
        mapping.classify(codes),
        chosen,
        crs=crs,
        deducted_share=share,
        deducted_classes=None if deducted is None else mapping.classify(deducted),
    )
    pieces = result.pieces
    rows = pieces["row"].to_numpy(dtype=np.int64)
    unit = pieces["unit"].to_numpy(dtype=np.int64)
    summary = result.summary[["unit", "space_class", "area_m2"]].copy()
    if unit_rows is not None and len(unit_rows):
        unit = np.where(unit >= 0, unit_rows[np.clip(unit, 0, None)], unit)
        summary["unit"] = np.where(summary["unit"] >= 0, unit_rows[np.clip(summary["unit"], 0, None)], summary["unit"])
    elif unit_rows is not None:  # units given, none near this partition: every piece lies outside them
        unit = np.full(len(unit), OUTSIDE_UNITS, dtype=np.int64)
        summary = pd.concat([summary, summary.assign(unit=OUTSIDE_UNITS)], ignore_index=True)
    pieces = pieces.assign(fid=fids[rows], landuse=raw[rows], code=codes[rows], unit=unit)
    return pieces, summary, result.measure, len(fids)


def space(
    reader: PlanReader,
    partitions: list[Partition],
    mapping,
    crosswalk,
    units: np.ndarray | None,
    *,
    runner,
    consume: Consume,
    crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> StreamedSpace:
    """The space structure partition by partition; `consume('pieces', pieces)` per partition."""
    from .space import summarise

    summaries, totals = [], {"parcels": 0, "measure": "ellipsoid" if crs is not None else "plane"}

    def take(result):
        pieces, summary, measure, parcels = result
        consume("pieces", pieces)
        summaries.append(summary)
        totals["parcels"] += parcels
        totals["measure"] = measure

    tasks = [(reader, p, mapping, crosswalk, units, crs) for p in partitions]
    run_partitions(runner, space_task, tasks, take, progress=progress, is_canceled=is_canceled, span=(0.05, 0.95))
    rows = (
        pd.concat(summaries, ignore_index=True)
        if summaries
        else pd.DataFrame({"unit": [], "space_class": [], "area_m2": []})
    )
    return StreamedSpace(summarise(rows), totals["measure"], totals["parcels"], len(partitions))


# --- topology ----------------------------------------------------------------------------------


@dataclass
class StreamedTopology:
    counts: dict[str, int]
    parcels: int
    partitions: int


def _with_fids(frame: pd.DataFrame, fids: np.ndarray) -> pd.DataFrame:
    """Error rows (positions) replaced by sorted feature-id tuples, column 'fids'."""
    ids = [tuple(sorted(int(fids[r]) for r in rows)) for rows in frame["rows"]]
    return frame.drop(columns=["rows"]).assign(fids=pd.Series(ids, dtype=object, index=frame.index))


def topology_task(
    reader: PlanReader, partition: Partition, boundary_parts, tolerance: float, sliver_width: float, margin: float, crs
):
    """One partition's own topology errors (pairs with the halo included, each pair once over all
    partitions) and the union of its parcels (for the gaps)."""
    fids, geometry, own, _ = reader.read(partition, margin, halo=True)
    plan, has_area, invalid = topology.repair(geometry, tolerance)
    frames = [invalid[[bool(own[rows[0]]) for rows in invalid["rows"]]] if len(invalid) else invalid]
    rows = np.flatnonzero(has_area)
    pair_a, pair_b = topology._pairs(plan[rows])
    pair_a, pair_b = rows[pair_a], rows[pair_b]
    # a pair is this partition's when both parcels are its own, or its own one has the lower id
    lower_is_a = fids[pair_a] < fids[pair_b]
    mine = (
        (own[pair_a] & own[pair_b])
        | (own[pair_a] & ~own[pair_b] & lower_is_a)
        | (~own[pair_a] & own[pair_b] & ~lower_is_a)
    )
    frames.extend(topology.pair_errors(plan, pair_a[mine], pair_b[mine], tolerance))
    own_rows = np.flatnonzero(has_area & own)
    frames.append(topology.sliver_errors(plan, own_rows, sliver_width))
    if boundary_parts is not None and len(boundary_parts):
        frames.append(
            topology.outside_errors(plan, has_area & own, parts_near(boundary_parts, partition.metric_rect), tolerance)
        )
    errors = topology.measured(frames, crs)
    union = shapely.union_all(plan[own_rows]) if len(own_rows) else None
    return _with_fids(errors, fids), union, int(own.sum())


def gap_task(reader: PlanReader, partition: Partition, gaps: np.ndarray, gap_index: np.ndarray):
    """(gap index, fid) of the partition's own parcels that touch one of `gaps`."""
    fids, geometry, _, _ = reader.read(partition)
    plan, has_area, _ = topology.repair(geometry, 0.0)
    rows = np.flatnonzero(has_area)
    found, plan_rows = topology.gap_neighbours(gaps, plan[rows], rows)
    return gap_index[found], fids[plan_rows]


def topology_check(
    reader: PlanReader,
    partitions: list[Partition],
    boundary: np.ndarray | None,
    *,
    runner,
    consume: Consume,
    tolerance: float = 0.01,
    sliver_width: float = 1.0,
    margin: float = 0.0,
    crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> StreamedTopology:
    """The topology check partition by partition; `consume('errors', errors)` per partition and once
    for the gaps. `margin` widens each rectangle (stored CRS units) for the halo."""
    boundary_parts = overlay.dissolve(boundary) if boundary is not None and len(boundary) else None
    counts = dict.fromkeys(topology.ERROR_TYPES, 0)
    unions, totals = [], {"parcels": 0}

    def count(errors):
        for kind, number in errors["error_type"].value_counts().items():
            counts[kind] += int(number)

    def take(result):
        errors, union, parcels = result
        consume("errors", errors)
        count(errors)
        if union is not None:
            unions.append(union)
        totals["parcels"] += parcels

    tasks = [(reader, p, boundary_parts, tolerance, sliver_width, margin, crs) for p in partitions]
    run_partitions(runner, topology_task, tasks, take, progress=progress, is_canceled=is_canceled, span=(0.0, 0.8))
    union = shapely.union_all(np.array(unions, dtype=object)) if unions else None
    gaps = topology.gap_parts(union, boundary, tolerance)
    if len(gaps):
        gap_boxes = shapely.bounds(gaps)
        pairs_index, pairs_fid = [], []
        tasks = []
        for p in partitions:
            xmin, ymin, xmax, ymax = p.metric_rect
            near = np.flatnonzero(
                (gap_boxes[:, 0] <= xmax)
                & (gap_boxes[:, 2] >= xmin)
                & (gap_boxes[:, 1] <= ymax)
                & (gap_boxes[:, 3] >= ymin)
            )
            if len(near):
                tasks.append((reader, p, owned_copies(gaps[near]), near))

        def take_gaps(result):
            pairs_index.append(result[0])
            pairs_fid.append(result[1])

        run_partitions(runner, gap_task, tasks, take_gaps, progress=progress, is_canceled=is_canceled, span=(0.8, 1.0))
        gap_index = np.concatenate(pairs_index) if pairs_index else np.empty(0, dtype=np.int64)
        frame = topology.gap_frame(gaps, gap_index, np.concatenate(pairs_fid) if pairs_fid else gap_index)
        errors = topology.measured([frame], crs).rename(columns={"rows": "fids"})
        consume("errors", errors)
        count(errors)
    return StreamedTopology(counts, totals["parcels"], len(partitions))


def plan_reader_scan(source: LayerSource, code_field: str | None, is_canceled=None) -> Scan:
    """The first pass over the plan: ids, boxes and the distinct land-use values."""
    return scan(source, (code_field,) if code_field else (), is_canceled)
