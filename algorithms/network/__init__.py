"""Walking-network engine shared by the green-city and transit domains (pure: numpy, shapely,
scipy, networkx). See API.md next to this file."""

from ..cancel import CancelledError
from .components import ComponentReport, component_report
from .graph import (
    DEFAULT_EXCLUDED_HIGHWAYS,
    Network,
    NetworkError,
    build_network,
    excluded_mask,
)
from .paths import Catchments, MultiSourceResult, catchments, distances_from, multi_source
from .service_area import (
    DEFAULT_OFFSET,
    ReachedSegments,
    reached_segments,
    segment_lines,
    service_area,
    service_areas,
    service_areas_and_lengths,
    service_areas_per_source,
    union_in_halves,
)
from .snapping import SnapResult, with_points
from .terrain import FLAT_M_PER_MIN, Dem, TerrainReport, drape
from .threads import thread_map

__all__ = [
    "DEFAULT_EXCLUDED_HIGHWAYS",
    "DEFAULT_OFFSET",
    "FLAT_M_PER_MIN",
    "Dem",
    "TerrainReport",
    "drape",
    "Catchments",
    "ComponentReport",
    "MultiSourceResult",
    "Network",
    "CancelledError",
    "NetworkError",
    "ReachedSegments",
    "SnapResult",
    "build_network",
    "catchments",
    "component_report",
    "distances_from",
    "excluded_mask",
    "multi_source",
    "reached_segments",
    "segment_lines",
    "service_area",
    "service_areas",
    "service_areas_and_lengths",
    "service_areas_per_source",
    "thread_map",
    "union_in_halves",
    "with_points",
]
