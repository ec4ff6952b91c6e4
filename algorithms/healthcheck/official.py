"""The official forms of three 城市体检 indicators, computed when the layers they count are given
(issue 28); without them indicators.py keeps its screening proxies. Pure; plain arrays in, (value,
value per district, map frame) out, so that indicators.py wraps them as it wraps the others.

- 轨道站点周边覆盖通勤比例: the 通勤监测报告's 轨道800米覆盖通勤比重, commuters whose home and
  workplace both lie within the radius (straight line) of a station, from home-work pairs.
- Community facility indicators (2021 list): the share of communities (社区) with a facility of the
  type inside them, not the walking coverage of homes.
- 人口密度超过1.5万人/km²的城市建设用地规模: density over gross 地段 (blocks with their roads and
  facilities), the population of each block being that of the homes whose home point lies in it;
  without a block layer the blocks are the faces the city streets enclose (`street_blocks`).

`districts` is a list of (name, polygon) in every function.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

KM2 = 1e6
Found = tuple[float | None, dict[str, float], gpd.GeoDataFrame]


def commute_share(stations, homes, works, weights, radius: float, districts: list) -> Found:
    """Percentage of commuters (weighted when `weights` is not None) whose home and workplace both
    lie within `radius` of a station; per district by the home's district."""
    reach = shapely.buffer(shapely.union_all(np.asarray(stations, dtype=object)), radius)
    homes, works = np.asarray(homes, dtype=object), np.asarray(works, dtype=object)
    weights = np.ones(len(homes)) if weights is None else np.asarray(weights, dtype=float)
    both = shapely.intersects(reach, homes) & shapely.intersects(reach, works)
    by_district = {}
    for name, district in districts:
        living = shapely.intersects(district, homes)
        if weights[living].sum() > 0:
            by_district[name] = 100 * float(weights[living & both].sum()) / float(weights[living].sum())
    total = float(weights.sum())
    value = 100 * float(weights[both].sum()) / total if total > 0 else None
    return value, by_district, gpd.GeoDataFrame({"radius_m": [radius]}, geometry=[reach])


def community_share(sites, communities, districts: list) -> Found:
    """Percentage of communities with at least one of the facility `sites` inside; per district by
    the community's representative point."""
    communities = np.asarray(communities, dtype=object)
    has = np.zeros(len(communities), dtype=bool)
    if len(sites):
        has[np.unique(shapely.STRtree(np.asarray(sites, dtype=object)).query(communities, "intersects")[0])] = True
    centres = shapely.point_on_surface(communities)
    by_district = {}
    for name, district in districts:
        inside = shapely.intersects(district, centres)
        if inside.any():
            by_district[name] = 100 * float(has[inside].mean())
    value = 100 * float(has.mean()) if len(has) else None
    return value, by_district, gpd.GeoDataFrame({"has_facility": has}, geometry=list(communities))


def gross_dense_land(blocks, built, homes, population, limit: float, districts: list) -> Found:
    """Area (km²) of the blocks (地段) whose representative point lies in `built` (None: all) and
    whose population per km² of gross block area exceeds `limit`; a block's population is that of
    the `homes` (points) within it."""
    blocks = np.asarray(blocks, dtype=object)
    if built is not None:
        blocks = blocks[shapely.intersects(built, shapely.point_on_surface(blocks))]
    people = np.zeros(len(blocks))
    home_index, block_index = shapely.STRtree(blocks).query(np.asarray(homes, dtype=object), "within")
    np.add.at(people, block_index, np.asarray(population, dtype=float)[home_index])
    area = shapely.area(blocks)
    density = np.divide(people, area / KM2, out=np.zeros(len(area)), where=area > 0)
    dense = density > limit
    centres = shapely.point_on_surface(blocks)
    by_district = {name: float(area[dense & shapely.intersects(d, centres)].sum()) / KM2 for name, d in districts}
    frame = gpd.GeoDataFrame({"density_per_km2": density[dense], "area_m2": area[dense]}, geometry=list(blocks[dense]))
    return float(area[dense].sum()) / KM2, by_district, frame


def street_blocks(streets, built) -> np.ndarray:
    """Blocks bounded by streets: the faces the street centre lines enclose once noded (so each block
    carries half of its bounding streets, gross land), those whose representative point lies in
    `built` (None: all)."""
    streets = np.asarray(streets, dtype=object)
    if len(streets) == 0:
        return np.empty(0, dtype=object)
    noded = shapely.get_parts(shapely.union_all(streets))
    faces = shapely.get_parts(shapely.polygonize(noded))
    faces = faces[shapely.area(faces) > 0]
    if built is not None and len(faces):
        faces = faces[shapely.intersects(built, shapely.point_on_surface(faces))]
    return faces
