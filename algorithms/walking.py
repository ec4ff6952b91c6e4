"""One walking network for every green-city and transit algorithm: its documented defaults and the
population bookkeeping they share. Pure (numpy, shapely, the network engine).

Every algorithm that walks (parkcoverage, facilitycoverage, parkequity, stationcatchments,
expressservice) reads its street layer through `layers/walking_network.py` with these defaults and
the same parameter names, so the same streets and homes give the same walking distances in all of
them. All lengths are metres, whatever the layers' CRS: inputs are reprojected to a metric CRS
before any length is applied.

- `TOLERANCE_M`: line ends and vertices closer than this are joined into one node. 0.5 m joins the
  near-misses of digitised and OSM streets without merging real crossings (convention of the
  toolkit, not a standard value).
- `SNAP_DISTANCE_M`: a home, park access point, facility or station farther than this from every
  walkable street cannot reach the network: it is reported as unreachable, never moved. 50 m is
  about the depth of a frontage plot (the same convention as network.DEFAULT_OFFSET); stations
  farther from a street than that should be given their entrances.
- `EXCLUDE_FIELD` / `EXCLUDED_CLASSES`: OSM road classes pedestrians cannot use.
"""

from __future__ import annotations

import numpy as np

# Only numpy at module level: the processing modules read these defaults while the provider
# loads, which must work when shapely or scipy are missing (the algorithms then say so).
TOLERANCE_M = 0.5
SNAP_DISTANCE_M = 50.0
EXCLUDE_FIELD = "highway"
EXCLUDED_CLASSES = ("motorway", "motorway_link", "trunk", "trunk_link")  # = network.DEFAULT_EXCLUDED_HIGHWAYS


def split_population(population, covered_share, reachable) -> dict[str, np.ndarray]:
    """Per home: population, population_covered (population x covered share, reachable homes
    only), population_not_covered (the rest of a reachable home) and population_unreachable
    (the whole population of a home that cannot reach a street). The three parts add up to the
    population, so every summary built from them satisfies
    population = covered + not covered + unreachable."""
    population = np.asarray(population, dtype=float)
    reachable = np.asarray(reachable, dtype=bool)
    share = np.where(reachable, np.clip(np.asarray(covered_share, dtype=float), 0.0, 1.0), 0.0)
    covered = population * share
    unreachable = np.where(reachable, 0.0, population)
    return {
        "population": population,
        "population_covered": covered,
        "population_not_covered": population - covered - unreachable,
        "population_unreachable": unreachable,
    }


def population_row(population: float, covered: float, unreachable: float) -> dict[str, float]:
    """Totals of an area-apportioned count: covered among the reachable population, the rest of
    it not covered, unreachable apart."""
    return {
        "population": population,
        "population_covered": covered,
        "population_not_covered": population - covered - unreachable,
        "population_unreachable": unreachable,
    }


def clean_population(values) -> tuple[np.ndarray, int, int]:
    """Population as floats: nulls and non-numbers become 0 (counted), negatives become 0
    (counted). Returns (population, n_null, n_negative)."""
    raw = np.array([_number(v) for v in values], dtype=float)
    null = ~np.isfinite(raw)
    negative = np.isfinite(raw) & (raw < 0)
    clean = np.where(null | negative, 0.0, raw)
    return clean, int(null.sum()), int(negative.sum())


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def home_points(geometries) -> np.ndarray:
    """The point a home is measured from: the point itself, or a point inside the polygon
    (point_on_surface, unlike the centroid always inside an L-shaped block)."""
    import shapely

    geometries = np.asarray(geometries, dtype=object)
    is_point = shapely.get_type_id(geometries) == 0
    out = geometries.copy()
    out[~is_point] = shapely.point_on_surface(geometries[~is_point])
    return out


def reachable_homes(network, geometries, snap_distance: float) -> np.ndarray:
    """True for each home (point or polygon, measured from `home_points`) within `snap_distance`
    of a street of `network`: the rule the green-city access models apply to homes."""
    from .network import with_points

    geometries = np.asarray(geometries, dtype=object)
    if len(geometries) == 0:
        return np.zeros(0, dtype=bool)
    _, (snap,) = with_points(network, home_points(geometries), max_distance=snap_distance)
    return snap.reachable
