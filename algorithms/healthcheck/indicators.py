"""City health check (城市体检) engine: every spatial indicator of an edition, for the city and per
district, computed by the toolkit's own engines through their public functions. Pure.

- Park and greenway coverage: `greenspace.coverage.park_coverage` (the parkcoverage algorithm's
  engine) with the edition's size/radius rules; a greenway is a park of any size with a 1 km radius
  (its line, buffered by 1 m so that it has an area, is the "park").
- Facility service-radius coverage: `greenspace.facilities.facility_coverage` (facilitycoverage).
- Station coverage: `transit.catchments.station_catchments` (stationcatchments) with one band.
- Waterlogging spots: recorded points, else `drainage.depressions.find_depressions`
  (waterloggingspots) on the DEM.
- Development intensity, cluster size, dense land, corridors and road density: areas and lengths
  of the layers, computed here.

Residential land counts when its home point (walking.home_points) lies in the built-up area, as the
definitions say 市辖区建成区内; without a built-up area all of it counts. An indicator whose layers
are missing is returned as not computed with the names of the missing layers, never skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..cancel import checkpoint
from ..walking import SNAP_DISTANCE_M, home_points
from .definitions import OFFICIAL, SCREENING, Edition, Indicator

CITY = "(all)"
KM2 = 1e6
#: Width tolerance of the corridor test: a strip exactly min_width wide passes.
WIDTH_TOLERANCE_M = 0.01
#: A greenway line becomes a polygon this wide on each side, so park_coverage can measure from it.
GREENWAY_HALF_WIDTH_M = 1.0


@dataclass
class DemInput:
    """A DEM for waterlogging screening when no recorded points are given (see find_depressions)."""

    elevation: np.ndarray
    transform: object
    crs: object = None
    metric_crs: object = None
    latlon: bool = False
    min_depth: float = 0.15
    min_area_m2: float = 0.0


@dataclass
class CityLayers:
    """The layers of a city in one metric CRS (all optional). `districts`: GeoDataFrame with a
    `name` column; `parks`: park_id, name (optional size_m2); `facility_types`: the GB 50180 type
    id of each facility (None: ignored); `facility_types_spec`: type id -> {"distance_m", "label"}
    (living_circle.json types)."""

    built_up: np.ndarray | None = None
    admin_area: np.ndarray | None = None
    districts: gpd.GeoDataFrame | None = None
    residential: gpd.GeoDataFrame | None = None
    population: np.ndarray | None = None
    parks: gpd.GeoDataFrame | None = None
    greenways: np.ndarray | None = None
    facilities: gpd.GeoDataFrame | None = None
    facility_types: np.ndarray | None = None
    facility_types_spec: dict | None = None
    network: object | None = None
    draped: object | None = None  # the network draped on a terrain DEM (network.drape), or None
    snap_distance: float = SNAP_DISTANCE_M
    roads: np.ndarray | None = None
    road_classes: np.ndarray | None = None  # class value per road (OSM highway or 快速路...); None: all count
    stations: np.ndarray | None = None
    waterlogging_points: np.ndarray | None = None
    dem: DemInput | None = None
    corridors: np.ndarray | None = None
    required_corridors: np.ndarray | None = None
    commute_homes: np.ndarray | None = None  # home point of each commuter (or OD pair)
    commute_works: np.ndarray | None = None  # workplace point of the same commuter
    commute_weights: np.ndarray | None = None  # commuters per pair (None: one each)
    communities: np.ndarray | None = None  # 社区 polygons
    blocks: np.ndarray | None = None  # 地段 / 街坊 polygons (gross land: blocks with their roads)

    def available(self) -> set[str]:
        """Names (as in Indicator.needs) of the layers present and not empty."""
        have = set()
        for name in (
            "built_up",
            "admin_area",
            "residential",
            "parks",
            "greenways",
            "facilities",
            "roads",
            "stations",
            "corridors",
            "required_corridors",
            "communities",
            "blocks",
        ):
            value = getattr(self, name)
            if value is not None and len(value):
                have.add(name)
        if self.population is not None and "residential" in have:
            have.add("population")
        if self.network is not None:
            have.add("network")
        if self.commute_homes is not None and self.commute_works is not None and len(self.commute_homes):
            have.add("commutes")
        if (self.waterlogging_points is not None and len(self.waterlogging_points)) or self.dem is not None:
            have.add("waterlogging")
        return have


@dataclass
class IndicatorResult:
    indicator: Indicator
    computed: bool
    value: float | None = None
    districts: dict[str, float] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    mode: str = ""  # network / euclidean for walking indicators, "recorded"/"dem" for waterlogging
    map: gpd.GeoDataFrame | None = None
    items: pd.DataFrame | None = None  # per item (each 组团): item, value, passed
    screening: bool = False  # this run measured a proxy even if the indicator's basis is official
    terrain_value: float | None = None  # with a terrain DEM: the walking-time figure (screening), %

    @property
    def passed(self) -> bool | None:
        return self.indicator.passes(self.value) if self.computed else None

    official: bool = False  # computed in the official form (official.py) of a screening indicator

    @property
    def basis(self) -> str:
        """OFFICIAL when this value follows the list's definition, else SCREENING."""
        if self.official:
            return OFFICIAL
        return SCREENING if self.screening else self.indicator.basis


@dataclass
class HealthCheckResult:
    edition: Edition
    results: list[IndicatorResult]

    def table(self) -> pd.DataFrame:
        """One row per indicator and scope (the city first, then each district): value, target,
        达标 flag, computed or the layers it needs."""
        rows = []
        for r in self.results:
            ind = r.indicator
            target = "" if ind.target is None else f"{ind.target[0]} {ind.target[1]:g}"
            scopes = [(CITY, r.value)] + sorted(r.districts.items())
            for scope, value in scopes:
                rows.append(
                    {
                        "indicator": ind.key,
                        "name_zh": ind.name_zh,
                        "name_en": ind.name,
                        "group_zh": ind.group_zh,
                        "kind_zh": ind.kind_zh,
                        "scope": scope,
                        "value": np.nan if value is None else float(value),
                        "unit": ind.unit,
                        "target": target,
                        "passed": ind.passes(value) if r.computed else None,
                        "computed": r.computed,
                        "needs": ",".join(r.missing),
                        "mode": r.mode,
                        "method": ind.method,
                        "status": ind.status,
                        "basis": r.basis,
                        "clause": ind.clause,
                    }
                )
                if any(x.terrain_value is not None for x in self.results):  # only with a terrain DEM
                    rows[-1]["value_terrain"] = (
                        np.nan if r.terrain_value is None or scope != CITY else float(r.terrain_value)
                    )
        return pd.DataFrame(rows)


def _union(geometries):
    geometries = None if geometries is None else np.asarray(geometries, dtype=object)
    if geometries is None or len(geometries) == 0:
        return None
    return shapely.union_all(geometries)


def _district_parts(layers: CityLayers):
    """[(name, polygon)] of the districts, [] without districts."""
    if layers.districts is None or len(layers.districts) == 0:
        return []
    return list(zip(layers.districts["name"].astype(str), layers.districts.geometry.to_numpy()))


def _in_built_up(layers: CityLayers):
    """Residential frame and population restricted to homes in the built-up area."""
    residential, population = layers.residential, layers.population
    built = _union(layers.built_up)
    if built is None:
        return residential.reset_index(drop=True), population
    inside = shapely.intersects(built, home_points(residential.geometry.to_numpy()))
    return residential[inside].reset_index(drop=True), None if population is None else np.asarray(population)[inside]


def _official(indicator: Indicator, layers: CityLayers) -> bool:
    """Whether the layers the indicator's official form counts (needs_official) are all given."""
    have = layers.available()
    return bool(indicator.needs_official) and all(n in have for n in indicator.needs_official)


def _official_result(indicator: Indicator, found) -> IndicatorResult:
    """An IndicatorResult from an official.py (value, districts, map)."""
    value, districts, frame = found
    return IndicatorResult(indicator, True, value, districts, map=frame, official=True)


def _district_rates(summary: pd.DataFrame, column: str) -> dict[str, float]:
    """Per district percentages from an engine summary (district column, CITY row excluded)."""
    rows = summary[(summary["district"] != CITY) & ~summary["district"].str.startswith("(outside")]
    return {str(d): 100 * float(v) for d, v in zip(rows["district"], rows[column]) if v == v}


# -- indicators ---------------------------------------------------------------------------------


def _park_rules(indicator: Indicator):
    from ..greenspace.rules import GradeRule

    return [
        GradeRule(
            grade=r["grade"],
            min_area_m2=float(r["min_area_m2"]),
            radius_m=float(r["radius_m"]),
            grade_zh=r.get("grade_zh", ""),
        )
        for r in indicator.params["rules"]
    ]


def park_coverage_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Share of residential land (by area) in the parks' service radii: park_coverage's rate_area."""
    from ..greenspace.coverage import park_coverage

    residential, population = _in_built_up(layers)
    result = park_coverage(
        layers.parks,
        residential,
        _park_rules(indicator),
        network=layers.network,
        snap_distance=layers.snap_distance,
        population=population,
        districts=layers.districts,
        draped=layers.draped,
    )
    return IndicatorResult(
        indicator,
        True,
        100 * result.rate_area,
        _district_rates(result.summary, "rate_area"),
        mode=result.mode,
        map=_service_map(result),
        terrain_value=_terrain_rate(result.terrain),
    )


def _terrain_rate(terrain: dict | None) -> float | None:
    """The terrain-aware coverage (%) of a park_coverage result: by population, else by homes."""
    if terrain is None:
        return None
    rate = terrain["rate_population_terrain"]
    return 100 * (terrain["rate_homes_terrain"] if rate is None else rate)


def _service_map(result) -> gpd.GeoDataFrame:
    areas = result.service_areas
    return areas[~shapely.is_missing(areas.geometry.to_numpy())].reset_index(drop=True)


def greenway_polygons(lines, crs=None) -> gpd.GeoDataFrame:
    """Greenway lines as the 'parks' of park_coverage: buffered by GREENWAY_HALF_WIDTH_M."""
    lines = np.asarray(lines, dtype=object)
    return gpd.GeoDataFrame(
        {"park_id": np.arange(len(lines)), "name": [None] * len(lines)},
        geometry=shapely.buffer(lines, GREENWAY_HALF_WIDTH_M),
        crs=crs,
    )


def greenway_coverage_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Share of residential land within the radius (1 km) of a greenway: park_coverage with one
    rule of any size."""
    from ..greenspace.coverage import park_coverage
    from ..greenspace.rules import GradeRule

    residential, population = _in_built_up(layers)
    rule = GradeRule(grade="greenway", min_area_m2=0.0, radius_m=float(indicator.params["radius_m"]), grade_zh="绿道")
    result = park_coverage(
        greenway_polygons(layers.greenways, residential.crs),
        residential,
        [rule],
        network=layers.network,
        snap_distance=layers.snap_distance,
        population=population,
        districts=layers.districts,
        draped=layers.draped,
    )
    return IndicatorResult(
        indicator,
        True,
        100 * result.rate_area,
        _district_rates(result.summary, "rate_area"),
        mode=result.mode,
        map=_service_map(result),
        terrain_value=_terrain_rate(result.terrain),
    )


def facility_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Share of homes (population-weighted with a population) within the GB 50180 walking distance
    of a facility of the indicator's type: facility_coverage's share for that type."""
    from ..greenspace.facilities import facility_coverage

    type_id = indicator.params["type"]
    spec = (layers.facility_types_spec or {}).get(type_id)
    facility_types = np.asarray(layers.facility_types, dtype=object)
    if spec is None or not (facility_types == type_id).any():
        return IndicatorResult(indicator, False, missing=(f"facilities:{type_id}",))
    if _official(indicator, layers):
        from .official import community_share

        sites = layers.facilities.geometry.to_numpy()[facility_types == type_id]
        return _official_result(indicator, community_share(sites, layers.communities, _district_parts(layers)))
    residential, population = _in_built_up(layers)
    result = facility_coverage(
        layers.facilities,
        facility_types,
        residential,
        {type_id: spec},
        network=layers.network,
        snap_distance=layers.snap_distance,
        population=population,
        districts=layers.districts,
        draped=layers.draped,
    )
    column = "share_population" if population is not None else "share_homes"
    city = result.summary[result.summary["district"] == CITY].iloc[0]
    terrain = 100 * float(city[f"{column}_terrain"]) if f"{column}_terrain" in city else None
    under = result.underserved
    return IndicatorResult(
        indicator,
        True,
        100 * float(city[column]),
        _district_rates(result.summary, column),
        mode=result.mode,
        map=gpd.GeoDataFrame(under, geometry=under.geometry, crs=residential.crs),
        terrain_value=terrain,
    )


def station_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Population within the walking radius (800 m) of a station over the whole population, as
    stationcatchments counts it (population apportioned by area; polygons that cannot reach a
    street count in the total only)."""
    from .. import network as nw
    from ..transit.catchments import apportion, station_catchments
    from ..walking import reachable_homes

    if _official(indicator, layers):
        from .official import commute_share

        found = commute_share(
            layers.stations,
            layers.commute_homes,
            layers.commute_works,
            layers.commute_weights,
            float(indicator.params["radius_m"]),
            _district_parts(layers),
        )
        return _official_result(indicator, found)

    residential, population = _in_built_up(layers)
    geometries = residential.geometry.to_numpy()
    values = np.asarray(population, dtype=float)
    reachable = reachable_homes(layers.network, geometries, layers.snap_distance)
    radius = float(indicator.params["radius_m"])
    result = station_catchments(
        layers.network,
        np.asarray(layers.stations, dtype=object),
        [radius],
        population_geometries=geometries[reachable],
        population_values=values[reachable],
        snap_distance=layers.snap_distance,
    )
    total = float(values.sum())
    covered = result.population_covered if result.population_covered == result.population_covered else 0.0
    polygons = [p for p in result.polygons if p is not None]
    union = nw.union_in_halves(polygons) if polygons else None
    districts = {}
    for name, district in _district_parts(layers):
        people = float(apportion([district], geometries, values)[0])
        inside = (
            0.0
            if union is None
            else float(apportion([shapely.intersection(union, district)], geometries[reachable], values[reachable])[0])
        )
        if people > 0:
            districts[name] = 100 * inside / people
    frame = gpd.GeoDataFrame({"band_m": [radius] * len(polygons)}, geometry=polygons, crs=residential.crs)
    terrain = None
    if layers.draped is not None and total > 0:  # the walk from the home to the station on the DEM
        on_time = station_catchments(
            layers.draped,
            np.asarray(layers.stations, dtype=object),
            [radius],
            population_geometries=geometries[reachable],
            population_values=values[reachable],
            snap_distance=layers.snap_distance,
        ).population_covered
        terrain = 100 * (on_time if on_time == on_time else 0.0) / total
    return IndicatorResult(
        indicator,
        True,
        100 * covered / total if total > 0 else None,
        districts,
        mode="network",
        map=frame,
        terrain_value=terrain,
    )


def waterlogging_points(layers: CityLayers) -> tuple[np.ndarray, str]:
    """Recorded waterlogging points, else one point inside each depression the DEM holds
    (find_depressions with the DEM's thresholds); and which ('recorded' or 'dem')."""
    if layers.waterlogging_points is not None and len(layers.waterlogging_points):
        return np.asarray(layers.waterlogging_points, dtype=object), "recorded"
    from ..drainage.depressions import find_depressions

    dem = layers.dem
    found = find_depressions(
        dem.elevation,
        dem.transform,
        crs=dem.crs,
        metric_crs=dem.metric_crs,
        latlon=dem.latlon,
        min_depth=dem.min_depth,
        min_area_m2=dem.min_area_m2,
    )
    return shapely.point_on_surface(found.depressions.geometry.to_numpy()), "dem"


def waterlogging_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Waterlogging spots in the built-up area per km² of it."""
    points, mode = waterlogging_points(layers)
    built = _union(layers.built_up)
    inside = points[shapely.intersects(built, points)] if len(points) else points
    districts = {}
    for name, district in _district_parts(layers):
        area = shapely.intersection(built, district).area / KM2
        if area > 0:
            districts[name] = float(shapely.intersects(district, inside).sum()) / area
    crs = layers.residential.crs if layers.residential is not None else None
    return IndicatorResult(
        indicator,
        True,
        len(inside) / (built.area / KM2),
        districts,
        mode=mode,
        map=gpd.GeoDataFrame({"source": [mode] * len(inside)}, geometry=list(inside), crs=crs),
        screening=mode == "dem",  # DEM depressions stand in for recorded spots
    )


def counted_roads(indicator: Indicator, layers: CityLayers) -> tuple[np.ndarray, np.ndarray]:
    """(the roads the indicator counts, their grade): with road classes, those the preset's
    `counted_classes` (grade -> class values, GB/T 51328 grades) list, so ramps (*_link) and
    estate streets stay out; without classes every line, graded ''."""
    roads = np.asarray(layers.roads, dtype=object)
    grades = indicator.params.get("counted_classes")
    if layers.road_classes is None or not grades:
        return roads, np.full(len(roads), "", dtype=object)
    grade_of = {str(value): grade for grade, values in grades.items() for value in values}
    found = np.array([grade_of.get(str(c), "") for c in layers.road_classes], dtype=object)
    keep = found != ""
    return roads[keep], found[keep]


def road_density_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Length of city roads in the built-up area (km) per km² of it: the counted classes when the
    roads carry a class, else every line (screening)."""
    built = _union(layers.built_up)
    roads, grades = counted_roads(indicator, layers)
    pieces = shapely.intersection(roads, built)
    inside = ~shapely.is_empty(pieces)
    pieces, grades = pieces[inside], grades[inside]
    districts = {}
    for name, district in _district_parts(layers):
        area = shapely.intersection(built, district).area / KM2
        if area > 0:
            districts[name] = float(shapely.length(shapely.intersection(pieces, district)).sum()) / 1000 / area
    return IndicatorResult(
        indicator,
        True,
        float(shapely.length(pieces).sum()) / 1000 / (built.area / KM2),
        districts,
        map=gpd.GeoDataFrame({"grade": grades, "length_m": shapely.length(pieces)}, geometry=list(pieces)),
        screening=layers.road_classes is None,
    )


def development_intensity_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Built-up area as a percentage of the city's (市辖区) area; per district of the district's."""
    built, admin = _union(layers.built_up), _union(layers.admin_area)
    districts = {
        name: 100 * shapely.intersection(built, d).area / d.area for name, d in _district_parts(layers) if d.area > 0
    }
    return IndicatorResult(
        indicator,
        True,
        100 * shapely.intersection(built, admin).area / admin.area,
        districts,
        map=gpd.GeoDataFrame(
            {"area_km2": [shapely.intersection(built, admin).area / KM2]}, geometry=[shapely.intersection(built, admin)]
        ),
    )


def clusters(built_up, gap_m: float = 0.0) -> np.ndarray:
    """The clusters (组团) of the built-up area: its connected parts, parts closer than `gap_m` joined
    (a morphological closing by gap_m / 2 decides which parts belong together; each cluster is the
    built-up land itself, not the closed shape). Largest first."""
    built = _union(built_up)
    if gap_m <= 0:
        groups = shapely.get_parts(built)
    else:
        closed = shapely.buffer(shapely.buffer(built, gap_m / 2), -gap_m / 2)
        groups = shapely.intersection(shapely.get_parts(shapely.union(closed, built)), built)
        groups = groups[~shapely.is_empty(groups)]
    return groups[np.argsort(-shapely.area(groups), kind="stable")]


def cluster_size_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Area (km²) of each cluster (组团, see `clusters`), every one against the target ("有2个以上组团的
    应分别填报"); the value is the largest, so the city meets the target only when every cluster does.
    Per district the largest part of a cluster inside it."""
    parts = clusters(layers.built_up, float(indicator.params.get("gap_m", 0.0)))
    areas = shapely.area(parts) / KM2
    districts = {}
    for name, district in _district_parts(layers):
        inside = shapely.area(shapely.intersection(parts, district)) / KM2
        if inside.max() > 0:
            districts[name] = float(inside.max())
    numbers = np.arange(1, len(parts) + 1)
    passed = [indicator.passes(float(a)) for a in areas]
    return IndicatorResult(
        indicator,
        True,
        float(areas.max()),
        districts,
        map=gpd.GeoDataFrame(
            {"cluster": numbers, "area_km2": areas, "passed": pd.array(passed, dtype="boolean")}, geometry=list(parts)
        ),
        items=pd.DataFrame({"item": numbers, "value": areas, "passed": passed}),
    )


def dense_land_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Area (km²) of land with more than the density limit (people per km²): over gross 地段 area
    (official.gross_dense_land) with a block layer, or with blocks the city streets enclose; else
    over each residential polygon's net area (screening)."""
    blocks, mode = layers.blocks, "blocks"
    if (blocks is None or not len(blocks)) and layers.roads is not None and len(layers.roads):
        blocks, mode = _street_blocks(indicator, layers), "streets"
    if blocks is not None and len(blocks) and layers.population is not None:
        from .official import gross_dense_land

        homes = home_points(layers.residential.geometry.to_numpy())
        limit = float(indicator.params["density_per_km2"])
        found = gross_dense_land(
            blocks, _union(layers.built_up), homes, layers.population, limit, _district_parts(layers)
        )
        result = _official_result(indicator, found)
        result.mode = mode
        return result
    residential, population = _in_built_up(layers)
    geometries = residential.geometry.to_numpy()
    area = shapely.area(geometries)
    density = np.divide(np.asarray(population, dtype=float), area / KM2, out=np.zeros(len(area)), where=area > 0)
    dense = density > float(indicator.params["density_per_km2"])
    homes = home_points(geometries)
    districts = {
        name: float(area[dense & shapely.intersects(d, homes)].sum()) / KM2 for name, d in _district_parts(layers)
    }
    return IndicatorResult(
        indicator,
        True,
        float(area[dense].sum()) / KM2,
        districts,
        map=gpd.GeoDataFrame(
            {"density_per_km2": density[dense], "area_m2": area[dense]},
            geometry=list(geometries[dense]),
            crs=residential.crs,
        ),
    )


def _street_blocks(indicator: Indicator, layers: CityLayers) -> np.ndarray:
    """Blocks the streets of the classes `block_streets` enclose (every line without road classes)."""
    from .official import street_blocks

    roads = np.asarray(layers.roads, dtype=object)
    classes = indicator.params.get("block_streets")
    if layers.road_classes is not None and classes:
        roads = roads[np.isin(np.asarray(layers.road_classes, dtype=object).astype(str), [str(c) for c in classes])]
    return street_blocks(roads, _union(layers.built_up))


def wide_enough(corridors, min_width: float):
    """The parts of the corridor polygons at least `min_width` wide (a morphological opening: erode
    by half the width, less WIDTH_TOLERANCE_M, and grow back)."""
    radius = min_width / 2 - WIDTH_TOLERANCE_M
    return shapely.buffer(shapely.buffer(_union(corridors), -radius), radius)


def eco_corridor_indicator(indicator: Indicator, layers: CityLayers) -> IndicatorResult:
    """Length of the required corridors (lines) running inside corridor land at least min_width
    wide, as a percentage of their whole length."""
    required = np.asarray(layers.required_corridors, dtype=object)
    wide = wide_enough(layers.corridors, float(indicator.params["min_width_m"]))
    achieved = shapely.intersection(required, wide)
    districts = {}
    for name, district in _district_parts(layers):
        total = float(shapely.length(shapely.intersection(required, district)).sum())
        if total > 0:
            districts[name] = 100 * float(shapely.length(shapely.intersection(achieved, district)).sum()) / total
    total = float(shapely.length(required).sum())
    return IndicatorResult(
        indicator,
        True,
        100 * float(shapely.length(achieved).sum()) / total if total > 0 else None,
        districts,
        map=gpd.GeoDataFrame({"min_width_m": [indicator.params["min_width_m"]]}, geometry=[wide]),
    )


METHODS: dict[str, Callable[[Indicator, CityLayers], IndicatorResult]] = {
    "park_coverage": park_coverage_indicator,
    "greenway_coverage": greenway_coverage_indicator,
    "facility_coverage": facility_indicator,
    "station_coverage": station_indicator,
    "waterlogging_density": waterlogging_indicator,
    "road_density": road_density_indicator,
    "built_up_share": development_intensity_indicator,
    "cluster_size": cluster_size_indicator,
    "dense_land": dense_land_indicator,
    "eco_corridor": eco_corridor_indicator,
}


def city_health_check(
    edition: Edition,
    layers: CityLayers,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> HealthCheckResult:
    """Every indicator of `edition` that has a method: computed when its layers are there, else
    returned as not computed with the missing layers."""
    have = layers.available()
    results = []
    indicators = [i for i in edition.indicators if i.method in METHODS]
    report = checkpoint(progress, is_canceled)
    for k, indicator in enumerate(indicators):
        report(k / len(indicators))
        needs = indicator.needs_official if _official(indicator, layers) else indicator.needs
        missing = tuple(n for n in needs if n not in have)
        if missing:
            results.append(IndicatorResult(indicator, False, missing=missing))
        else:
            results.append(METHODS[indicator.method](indicator, layers))
    report(1.0)
    return HealthCheckResult(edition, results)
