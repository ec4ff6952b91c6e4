"""Slope classes, the 双评价 town-building grades and the Yunnan 城镇上山 classes of terrain cells,
from the presets in resources/standards/construction_suitability.json. Pure: numpy.

Class rasters are uint8 with NODATA (255) where the DEM has no elevation. Slope classes and
grades: 1 (≤3°, 高) to 5 (>25°, 低); a slope on a break belongs to the lower class (3° is class 1).
Suitability raster: the grade (1-5) of land no exclusion covers, EXCLUDED (6) where one does
(scheme "guide"); or BAZI (1), MOUNTAIN (2), STEEP (3), BETWEEN (4: slopes between the 坝区 limit
and the mountain range, only when a planner's preset leaves such a gap), EXCLUDED (6) (scheme "yunnan").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NODATA = 255
EXCLUDED = 6
BAZI, MOUNTAIN, STEEP, BETWEEN = 1, 2, 3, 4
SCHEMES = ("guide", "yunnan")
# class code -> (English, Chinese) legend labels of each scheme
LEGENDS = {
    "guide": {
        1: ("High", "高"),
        2: ("Fairly high", "较高"),
        3: ("Medium", "中等"),
        4: ("Fairly low", "较低"),
        5: ("Low", "低"),
        EXCLUDED: ("Excluded", "禁建/扣除"),
    },
    "yunnan": {
        BAZI: ("Flat valley land (坝区, < 8°)", "坝区（<8°）"),
        MOUNTAIN: ("Mountain building land (山区宜建地, 8-25°)", "山区宜建地（8°-25°）"),
        STEEP: ("Too steep (> 25°)", "不宜建（>25°）"),
        BETWEEN: ("Between the 坝区 and mountain limits", "坝区与山区宜建地界线之间"),
        EXCLUDED: ("Excluded", "禁建/扣除"),
    },
}
SLOPE_LABELS = ("≤3°", "3-8°", "8-15°", "15-25°", ">25°")


class GradingError(ValueError):
    """A preset whose numbers cannot grade terrain; the message names the key."""


@dataclass(frozen=True)
class Grading:
    """What grades a cell: slope breaks (4 ascending degrees), relief and elevation downgrades
    ([threshold m, grades lower] pairs: above the threshold the grade drops that many, the largest
    applicable drop counts), the Yunnan 坝区 limit and mountain slope range, and the limits of the
    summary's elevation bands (a cell on a limit belongs to the band above it)."""

    slope_breaks: tuple[float, ...] = (3.0, 8.0, 15.0, 25.0)
    relief_downgrades: tuple[tuple[float, int], ...] = ((200.0, 2), (100.0, 1))
    elevation_downgrades: tuple[tuple[float, int], ...] = ()
    elevation_bands: tuple[float, ...] = ()  # band limits (m) of the summary's elevation bands
    bazi_max_slope: float = 8.0
    mountain_slope: tuple[float, float] = (8.0, 25.0)

    @classmethod
    def from_presets(cls, guide: dict, yunnan: dict) -> Grading:
        """The grading of the two presets (payloads of 'guide2020' and 'yunnan'), checked."""
        try:
            breaks = tuple(float(v) for v in guide["slope_breaks_deg"])
            relief = tuple((float(t), int(n)) for t, n in guide["relief_downgrades"])
            elevation = tuple((float(t), int(n)) for t, n in guide["elevation_downgrades"])
            bands = tuple(float(v) for v in guide.get("elevation_bands_m", []))
            bazi = float(yunnan["bazi_max_slope_deg"])
            low, high = (float(v) for v in yunnan["mountain_slope_deg"])
        except (KeyError, TypeError, ValueError) as error:
            raise GradingError(f"construction suitability preset: {error!r}") from error
        if len(breaks) != 4 or list(breaks) != sorted(breaks):
            raise GradingError(f"slope_breaks_deg must be 4 ascending degrees, got {list(breaks)}")
        if list(bands) != sorted(set(bands)):
            raise GradingError(f"elevation_bands_m must be ascending metres, got {list(bands)}")
        if not low <= high:
            raise GradingError(f"mountain_slope_deg must be [low, high], got {[low, high]}")
        return cls(
            slope_breaks=breaks,
            relief_downgrades=relief,
            elevation_downgrades=elevation,
            elevation_bands=bands,
            bazi_max_slope=bazi,
            mountain_slope=(low, high),
        )


def slope_class(slope: np.ndarray, breaks) -> np.ndarray:
    """1-5 by the breaks (a value on a break takes the lower class), NODATA where slope is NaN."""
    classes = (np.searchsorted(np.asarray(breaks, dtype=np.float64), slope, side="left") + 1).astype(np.uint8)
    classes[np.isnan(slope)] = NODATA
    return classes


def _downgrades(values: np.ndarray, rules) -> np.ndarray:
    drop = np.zeros(values.shape, dtype=np.uint8)
    with np.errstate(invalid="ignore"):
        for threshold, grades in rules:
            drop = np.maximum(drop, np.where(values > threshold, np.uint8(grades), np.uint8(0)))
    return drop


def grade(classes: np.ndarray, relief: np.ndarray, elevation: np.ndarray, grading: Grading) -> np.ndarray:
    """Town-building land grade: the slope class lowered by the relief and elevation rules, at most 5."""
    drop = _downgrades(relief, grading.relief_downgrades).astype(np.int16)
    drop += _downgrades(elevation, grading.elevation_downgrades)
    grades = np.minimum(classes.astype(np.int16) + drop, 5).astype(np.uint8)
    grades[classes == NODATA] = NODATA
    return grades


def bazi(slope: np.ndarray, grading: Grading) -> np.ndarray:
    """True on 坝区 land (slope below the limit)."""
    with np.errstate(invalid="ignore"):
        return slope < grading.bazi_max_slope


def mountain(slope: np.ndarray, excluded: np.ndarray, grading: Grading) -> np.ndarray:
    """True on 山区宜建地: slope within the mountain range (both ends included) and not excluded."""
    low, high = grading.mountain_slope
    with np.errstate(invalid="ignore"):
        return (slope >= low) & (slope <= high) & ~excluded


def suitability(scheme: str, grades, slope, excluded, grading: Grading) -> np.ndarray:
    """The suitability raster's classes (module docstring) of `scheme`."""
    if scheme == "guide":
        out = grades.copy()
    elif scheme == "yunnan":
        out = np.full(slope.shape, BETWEEN, dtype=np.uint8)
        with np.errstate(invalid="ignore"):
            out[slope > grading.mountain_slope[1]] = STEEP
        out[bazi(slope, grading)] = BAZI
        out[mountain(slope, np.zeros_like(excluded), grading)] = MOUNTAIN
    else:
        raise GradingError(f"unknown scheme {scheme!r}; one of {SCHEMES}")
    out[excluded] = EXCLUDED
    out[grades == NODATA] = NODATA
    return out


def band_labels(limits) -> list[str]:
    """'< 1000 m', '1000-2000 m', ..., '≥ 4000 m' of the elevation bands."""
    limits = [f"{v:g}" for v in limits]
    if not limits:
        return []
    middle = [f"{a}-{b} m" for a, b in zip(limits, limits[1:])]
    return [f"< {limits[0]} m", *middle, f"≥ {limits[-1]} m"]
