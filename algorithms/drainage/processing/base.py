"""What the two flood doors share as a class: their group, the packages they need and the memory
estimate they are sized by. Their inputs and outputs are the groups beside this module."""

from __future__ import annotations

from ...base import UrbanizationAlgorithm


class DrainageAlgorithm(UrbanizationAlgorithm):
    """A flood-resilience algorithm on a DEM (dem_input), with optional roads and buildings (exposure)."""

    GROUP_ID = "flood"
    REQUIRES = ("shapely", "geopandas", "scipy", "rasterio", "pyflwdir")
    TASK = "corridors"  # key of hydrology.BYTES_PER_CELL: what the whole-DEM path needs per cell
