"""Input hygiene shared by the green-city engines: duplicate geometries, population values,
district membership. Pure."""

from __future__ import annotations

import numpy as np
import shapely

OUTSIDE = "(outside districts)"
ALL = "(all)"


def first_copy(geometries) -> np.ndarray:
    """Index of the first geometry equal to each one (its own index when it is the first or the
    only copy). Equal = same shape after normalisation: a duplicated park or block would count
    its area twice."""
    geometries = np.asarray(geometries, dtype=object)
    first = np.arange(len(geometries))
    if len(geometries) < 2:
        return first
    # Only geometries sharing type, bounds and vertex count can be equal: normalise just those.
    cheap = np.column_stack(
        [
            shapely.get_type_id(geometries),
            shapely.get_num_coordinates(geometries),
            np.nan_to_num(shapely.bounds(geometries), nan=-1.0),
        ]
    )
    _, group, counts = np.unique(cheap, axis=0, return_inverse=True, return_counts=True)
    candidates = np.flatnonzero(counts[group.ravel()] > 1)
    if candidates.size:
        keys = shapely.to_wkb(shapely.normalize(geometries[candidates]))
        _, first_of_key, key = np.unique(keys, return_index=True, return_inverse=True)
        first[candidates] = candidates[first_of_key[key.ravel()]]
    return first


def duplicate_mask(geometries) -> np.ndarray:
    """True for every geometry that repeats an earlier one exactly (see first_copy)."""
    first = first_copy(geometries)
    return first != np.arange(len(first))


def merge_duplicates(geometries, population=None) -> tuple[np.ndarray, np.ndarray | None]:
    """(rows to keep, population of the kept rows with every copy's population summed onto its
    first copy): dropping a duplicated home must not drop its residents."""
    first = first_copy(geometries)
    keep = np.flatnonzero(first == np.arange(len(first)))
    if population is None:
        return keep, None
    summed = np.bincount(first, weights=np.asarray(population, dtype=float), minlength=len(first))
    return keep, summed[keep]


def district_of(points, districts, names) -> np.ndarray:
    """Name of the district polygon containing each point (first match), OUTSIDE when none."""
    points = np.asarray(points, dtype=object)
    result = np.full(len(points), OUTSIDE, dtype=object)
    if districts is None or len(districts) == 0 or len(points) == 0:
        return result
    districts = np.asarray(districts, dtype=object)
    names = np.asarray([OUTSIDE if n is None else str(n) for n in names], dtype=object)
    tree = shapely.STRtree(districts)
    point_index, district_index = tree.query(points, predicate="intersects")
    order = np.lexsort((district_index, point_index))
    point_index, district_index = point_index[order], district_index[order]
    first = np.r_[True, point_index[1:] != point_index[:-1]] if point_index.size else np.zeros(0, bool)
    result[point_index[first]] = names[district_index[first]]
    return result


def covered_share(geometries, covered) -> tuple[np.ndarray, np.ndarray]:
    """Share of each polygon's area inside `covered` (a polygon or None; points: 1 inside, else 0)
    and the uncovered part of each geometry (None when wholly covered). The overlay runs only
    for polygons crossing the covered boundary, each against the tile of `covered` it lies in
    (see local_intersection), so a large covered area costs one prepared predicate per feature."""
    geometries = np.asarray(geometries, dtype=object)
    share = np.zeros(len(geometries))
    rest = geometries.copy()
    if covered is None or shapely.is_empty(covered) or len(geometries) == 0:
        return share, rest
    shapely.prepare(covered)
    area = shapely.area(geometries)
    polygon = area > 0
    inside = shapely.contains_properly(covered, geometries)
    share[inside] = 1.0
    rest[inside] = None
    touching = polygon & ~inside & shapely.intersects(covered, geometries)
    if touching.any():
        part = local_intersection(geometries[touching], covered)
        share[touching] = shapely.area(part) / area[touching]
        rest[touching] = shapely.difference(geometries[touching], part)
    points = ~polygon & ~inside
    hit = shapely.intersects(covered, geometries[points])
    share[points] = hit.astype(float)
    rest[np.flatnonzero(points)[hit]] = None
    return np.clip(share, 0.0, 1.0), rest


def local_intersection(geometries, covered) -> np.ndarray:
    """Each geometry intersected with one large polygon, against tiles of it: the polygon is cut
    into a grid (clip_by_rect, linear in its vertices; a tile it leaves invalid is cut by a full
    intersection instead) and a geometry inside one tile meets only that tile's few vertices.
    Geometries spanning tiles meet the whole polygon. Same result as shapely.intersection."""
    geometries = np.asarray(geometries, dtype=object)
    side = int(np.clip(np.sqrt(len(geometries)) / 2, 1, 32))
    if side == 1:
        return shapely.intersection(geometries, covered)
    xmin, ymin, xmax, ymax = covered.bounds
    width = max((xmax - xmin) / side, 1e-9)
    height = max((ymax - ymin) / side, 1e-9)
    bounds = shapely.bounds(geometries)
    col0, col1 = (np.clip(np.floor((bounds[:, [0, 2]] - xmin) / width), 0, side - 1).astype(np.int64)).T
    row0, row1 = (np.clip(np.floor((bounds[:, [1, 3]] - ymin) / height), 0, side - 1).astype(np.int64)).T
    single = (col0 == col1) & (row0 == row1)
    tile = row0 * side + col0
    used = np.unique(tile[single])
    x0 = xmin + (used % side) * width
    y0 = ymin + (used // side) * height
    # Tiles are cut from 4 x 4 blocks of tiles cut first: each cut then walks few vertices.
    block_col, block_row = (used % side) // 4, (used // side) // 4
    block = block_row * side + block_col
    pieces = np.empty(len(used), dtype=object)
    for b in np.unique(block):
        mine = np.flatnonzero(block == b)
        bx = xmin + block_col[mine[0]] * 4 * width
        by = ymin + block_row[mine[0]] * 4 * height
        part = shapely.clip_by_rect(covered, bx, by, bx + 4 * width, by + 4 * height)
        pieces[mine] = [shapely.clip_by_rect(part, x, y, x + width, y + height) for x, y in zip(x0[mine], y0[mine])]
    dirty = ~shapely.is_valid(pieces)
    if dirty.any():
        boxes = shapely.box(x0[dirty], y0[dirty], x0[dirty] + width, y0[dirty] + height)
        pieces[dirty] = shapely.intersection(covered, boxes)
    local = np.full(len(geometries), covered, dtype=object)
    local[single] = pieces[np.searchsorted(used, tile[single])]
    return shapely.intersection(geometries, local)
