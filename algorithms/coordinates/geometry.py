"""Apply a Chinese coordinate conversion to shapely geometries of any type."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import shapely

from .chinese import convert_xy, inside_china


@dataclass(frozen=True)
class ConversionResult:
    geometries: np.ndarray  # converted shapely geometries, None kept as None
    outside_china: int  # features with at least one vertex left unchanged (outside China)


def convert_geometries(geometries, source: str, target: str) -> ConversionResult:
    """Convert every vertex of every geometry; vertices outside China stay where they are."""
    geometries = np.asarray(geometries, dtype=object)
    present = ~shapely.is_missing(geometries) if geometries.size else np.zeros(0, bool)
    coords, owner = shapely.get_coordinates(geometries[present], return_index=True)
    outside_vertex = ~inside_china(coords[:, 0], coords[:, 1]) if len(coords) else np.zeros(0, bool)
    outside = np.unique(owner[outside_vertex]).size
    converted = geometries.copy()
    converted[present] = shapely.transform(geometries[present], partial(convert_xy, source=source, target=target))
    return ConversionResult(converted, int(outside))
