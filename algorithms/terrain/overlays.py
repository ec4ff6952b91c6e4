"""What covers the DEM's cells: exclusion layers by reason (as bits of one uint16 raster),
evaluation units and the 城镇开发边界 (as feature indices), rasterized window by window on the DEM
grid. Pure: numpy, shapely, geopandas, rasterio.

Rasterization rule (the seam rule of every area): a cell belongs to a polygon when its centre lies
inside it. Active faults are lines: they exclude the cells whose centres lie within the buffer
distance (m, buffered in the metric CRS). Units may overlap (towns inside counties): they are
split into layers of non-overlapping units, each rasterized on its own; the whole DEM counts as
one more unit after them (suitability.evaluate_block).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# exclusion reasons, in bit order (bit i of the exclusion raster = REASONS[i])
REASONS = (
    "ecological_red_line",
    "permanent_farmland",
    "geohazard",
    "active_fault",
    "flood_storage",
    "heritage",
    "mineral",
    "water",
)
REASON_LABELS = {  # reason -> (English, Chinese)
    "ecological_red_line": ("Ecological protection red line", "生态保护红线"),
    "permanent_farmland": ("Permanent basic farmland", "永久基本农田"),
    "geohazard": ("High/very high geohazard susceptibility", "地质灾害高/极高易发区"),
    "active_fault": ("Active fault buffer", "活动断裂避让带"),
    "flood_storage": ("Flood storage / flood-prone area", "蓄滞洪区/洪涝风险区"),
    "heritage": ("Historic and cultural protection area", "历史文化保护范围"),
    "mineral": ("Overlain mineral resources", "压覆矿产"),
    "water": ("Water bodies", "水域"),
}


def bit(reason: str) -> int:
    return 1 << REASONS.index(reason)


@dataclass
class Overlays:
    """Polygons in the DEM grid's CRS: exclusions by reason, unit layers (lists of (index,
    geometry) without overlaps inside a layer) and development boundary pieces (index, geometry)."""

    exclusions: dict = field(default_factory=dict)  # reason -> shapely geometries
    unit_layers: list = field(default_factory=list)  # [[(unit index, geometry), ...], ...]
    units: int = 0
    boundary: list = field(default_factory=list)  # [(boundary index, geometry), ...]
    boundaries: int = 0
    cropland: list | None = None  # 耕地 parcels of the 三调 (None: no parcels given)

    def near(self, bounds: tuple[float, float, float, float]) -> Overlays:
        """The same overlays with only the geometries whose boxes reach `bounds` (xmin, ymin,
        xmax, ymax): what a tile rasterizes (indices and counts unchanged, so sums still add up)."""

        def reach(geometries: list) -> np.ndarray:
            import shapely

            if not geometries:
                return np.zeros(0, dtype=bool)
            box = shapely.bounds(np.asarray(geometries, dtype=object))
            return (
                (box[:, 0] <= bounds[2])
                & (box[:, 2] >= bounds[0])
                & (box[:, 1] <= bounds[3])
                & (box[:, 3] >= bounds[1])
            )

        def keep(pairs: list) -> list:
            return [pair for pair, ok in zip(pairs, reach([g for _, g in pairs])) if ok]

        return Overlays(
            {reason: [g for g, ok in zip(gs, reach(gs)) if ok] for reason, gs in self.exclusions.items()},
            [keep(layer) for layer in self.unit_layers],
            self.units,
            keep(self.boundary),
            self.boundaries,
            None if self.cropland is None else [g for g, ok in zip(self.cropland, reach(self.cropland)) if ok],
        )


def prepare(
    exclusions: dict,
    units,
    boundary,
    metric_crs,
    grid_crs,
    fault_buffer_m: float = 0.0,
    cropland=None,
) -> Overlays:
    """Overlays from GeoDataFrames in `metric_crs`: `exclusions` {reason: frame} (active_fault
    holds lines, buffered by `fault_buffer_m`), `units`, `boundary` and `cropland` (三调 耕地 parcels)
    frames (or None); all moved to `grid_crs` (the DEM's) for rasterizing."""
    import geopandas as gpd

    def to_grid(geometries) -> list:
        if len(geometries) == 0:
            return []
        series = gpd.GeoSeries(list(geometries), crs=metric_crs).to_crs(grid_crs)
        return [g for g in series if g is not None and not g.is_empty]

    out = Overlays()
    for reason, frame in exclusions.items():
        if reason not in REASONS:
            raise ValueError(f"unknown exclusion reason {reason!r}")
        if frame is None or len(frame) == 0:
            continue
        geometries = frame.geometry.values
        if reason == "active_fault":
            geometries = frame.geometry.buffer(fault_buffer_m).values if fault_buffer_m > 0 else []
        out.exclusions[reason] = to_grid(geometries)
    if units is not None and len(units):
        grid_units = gpd.GeoSeries(list(units.geometry.values), crs=metric_crs).to_crs(grid_crs)
        out.units = len(units)
        out.unit_layers = [[(k, grid_units.iloc[k]) for k in layer] for layer in non_overlapping_layers(units)]
    if boundary is not None and len(boundary):
        grid_boundary = gpd.GeoSeries(list(boundary.geometry.values), crs=metric_crs).to_crs(grid_crs)
        out.boundaries = len(boundary)
        out.boundary = [(k, g) for k, g in enumerate(grid_boundary) if g is not None and not g.is_empty]
    if cropland is not None:
        out.cropland = to_grid(cropland.geometry.values)
    return out


def non_overlapping_layers(frame) -> list[list[int]]:
    """Row positions of `frame` in layers whose polygons do not overlap (share no area), greedily:
    each row goes to the first layer where nothing overlaps it."""
    import shapely

    geometries = frame.geometry.values
    left, right = frame.sindex.query(geometries, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if len(left):
        shared = shapely.area(shapely.intersection(geometries[left], geometries[right])) > 0
        left, right = left[shared], right[shared]
    neighbours: dict[int, set[int]] = {}
    for a, b in zip(left.tolist(), right.tolist()):
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    layer_of: dict[int, int] = {}
    layers: list[list[int]] = []
    for row in range(len(frame)):
        taken = {layer_of[n] for n in neighbours.get(row, ()) if n in layer_of}
        index = next(k for k in range(len(layers) + 1) if k not in taken)
        if index == len(layers):
            layers.append([])
        layers[index].append(row)
        layer_of[row] = index
    return layers


def _burn(shapes: list, transform, shape: tuple[int, int], dtype, fill) -> np.ndarray:
    from rasterio import features

    if not shapes:
        return np.full(shape, fill, dtype=dtype)
    return features.rasterize(shapes, out_shape=shape, transform=transform, fill=fill, dtype=dtype)


def exclusion_bits(overlays: Overlays, transform, shape: tuple[int, int]) -> np.ndarray:
    """uint16 of the window (`transform` its own): bit i set where REASONS[i] covers the cell centre."""
    bits = np.zeros(shape, dtype=np.uint16)
    for reason, geometries in overlays.exclusions.items():
        covered = _burn([(g, 1) for g in geometries], transform, shape, "uint8", 0)
        bits[covered == 1] |= np.uint16(bit(reason))
    return bits


def unit_indices(overlays: Overlays, transform, shape: tuple[int, int]) -> list[np.ndarray]:
    """One int32 raster per unit layer: the unit's index at the cell centre, -1 outside the units."""
    return [_burn([(g, k) for k, g in layer], transform, shape, "int32", -1) for layer in overlays.unit_layers]


def boundary_indices(overlays: Overlays, transform, shape: tuple[int, int]) -> np.ndarray:
    """int32: the development boundary feature at the cell centre (the last one where they overlap), -1 outside."""
    return _burn([(g, k) for k, g in overlays.boundary], transform, shape, "int32", -1)


def cropland_mask(overlays: Overlays, transform, shape: tuple[int, int]) -> np.ndarray:
    """True where a 耕地 parcel covers the cell centre."""
    return _burn([(g, 1) for g in overlays.cropland or []], transform, shape, "uint8", 0) == 1


def is_cropland(codes) -> np.ndarray:
    """True for 三调 (and 2023 guide) 耕地 codes: first level 01 (0101 水田, 0102 水浇地, 0103 旱地),
    with or without a 三调 suffix letter; also the class name 耕地/水田/水浇地/旱地."""
    import re

    names = {"耕地", "水田", "水浇地", "旱地"}
    pattern = re.compile(r"^01(\d{2})?[A-Z]?$")
    return np.array([str(c).strip() in names or bool(pattern.match(str(c).strip())) for c in codes], dtype=bool)
