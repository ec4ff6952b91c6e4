"""The DEM input group of the flood doors: DEM, BAND and ELEVATION_UNIT, resolved once into a
DemInput (the engine's DemSource, where the cells lie, how a cell measures on the ground, and
the path that reads them: whole when they fit in memory, tile by tile when not)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterRasterLayer,
)

from ....layers import crs as crs_utils
from ....layers import raster
from ...base import label_options
from ..dem import DemSource
from . import tiling

DEM = "DEM"
BAND = "BAND"
ELEVATION_UNIT = "ELEVATION_UNIT"
# metres per unit of the DEM's elevations (static strings: models and batch files keep working)
ELEVATION_UNITS = {"metres": 1.0, "feet": 0.3048, "us_survey_feet": 1200.0 / 3937.0}


def add_parameters(algorithm) -> None:
    """DEM, BAND (optional, default 1) and ELEVATION_UNIT (optional, default metres)."""
    algorithm.addParameter(QgsProcessingParameterRasterLayer(DEM, algorithm.tr("Digital elevation model (DEM)")))
    algorithm.addParameter(QgsProcessingParameterBand(BAND, algorithm.tr("Elevation band"), 1, DEM, optional=True))
    unit = QgsProcessingParameterEnum(
        ELEVATION_UNIT,
        algorithm.tr("Elevation unit of the DEM (metres, feet = international foot, us_survey_feet)"),
        options=list(ELEVATION_UNITS),
        defaultValue="metres",
        optional=True,
    )
    unit.setUsesStaticStrings(True)
    labels = {
        "metres": algorithm.tr("Metres"),
        "feet": algorithm.tr("Feet (international foot, 0.3048 m)"),
        "us_survey_feet": algorithm.tr("US survey feet (1200/3937 m)"),
    }
    label_options(unit, labels)
    algorithm.addParameter(unit)


@dataclass
class DemInput:
    """The DEM as both paths use it. `elevation` holds the cells (float32 metres, NaN nodata) on
    the whole-DEM path; on the tiled path it is None and `tiles` says how the engine reads them."""

    source: DemSource  # path, band, metres per elevation unit: what the engines read
    layer: object  # the QgsRasterLayer
    crs: object  # the DEM's QgsCoordinateReferenceSystem
    transform: object  # affine.Affine of the DEM
    latlon: bool
    metric: object  # working QgsCoordinateReferenceSystem
    row_areas: object  # float64 m² of one cell per row
    cell_metres: tuple  # ground width and height of a cell (m) at the DEM's centre
    crs_pyproj: object  # the DEM's CRS for pyproj
    metric_pyproj: object  # the working CRS for pyproj
    elevation: object = None  # whole-DEM path: the cells
    tiles: tiling.TiledPlan | None = None  # tiled path: the tiles and their Dask runner

    @property
    def name(self) -> str:
        return self.layer.name()


def read(algorithm, parameters, context, feedback, task: str) -> DemInput:
    """The DEM of the DEM/BAND/ELEVATION_UNIT parameters, checked (a file, a valid CRS, the band,
    3 x 3 cells at least) and measured: horizontal units from the DEM's CRS (metres, feet,
    degrees; Web Mercator's cell areas corrected by the projection's scale), the elevation unit
    from ELEVATION_UNIT. Cells are read here when the whole DEM fits in memory for `task`
    (hydrology.BYTES_PER_CELL); otherwise the tiled path's plan comes back instead."""
    layer = algorithm.parameterAsRasterLayer(parameters, DEM, context)
    if layer is None:
        raise QgsProcessingException(algorithm.invalidRasterError(parameters, DEM))
    label = layer.name()
    band = algorithm.parameterAsInt(parameters, BAND, context) or 1
    unit_name = algorithm.parameterAsEnumString(parameters, ELEVATION_UNIT, context) or "metres"
    path = raster.raster_path(layer, label)
    crs = layer.crs()
    if not crs.isValid():
        raise QgsProcessingException(
            algorithm.tr("DEM '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label)
        )
    source = DemSource(path, band, ELEVATION_UNITS[unit_name])
    header = source.header()
    if band < 1 or band > header.bands:
        raise QgsProcessingException(
            algorithm.tr("Raster layer '{}' has {} band(s); band {} does not exist. Choose the elevation band.").format(
                label, header.bands, band
            )
        )
    rows, cols = header.shape
    if rows < 3 or cols < 3:
        raise QgsProcessingException(
            algorithm.tr("DEM '{}' has {} x {} cells; a flow network needs at least 3 x 3. Use a larger DEM.").format(
                label, rows, cols
            )
        )
    tiles = tiling.plan(header.shape, task, feedback, (os.path.dirname(os.path.abspath(path)),))
    elevation = None if tiles is not None else _read_cells(algorithm, source, label, header.shape, task, feedback)
    metric = crs_utils.metric_crs_for(crs, layer.extent(), context, label)
    own = crs_utils.to_pyproj(crs, label)
    row_areas, cell_metres = _cell_measures(algorithm, own, header, label, crs)
    feedback.pushInfo(
        algorithm.tr("DEM '{}': elevations in {}, cells of {} m² (mean); lengths and areas are measured in {}.").format(
            label, unit_name, f"{float(np.mean(row_areas)):,.2f}", metric.authid()
        )
    )
    return DemInput(
        source,
        layer,
        crs,
        header.transform,
        crs.isGeographic(),
        metric,
        row_areas,
        cell_metres,
        own,
        crs_utils.to_pyproj(metric, label),
        elevation,
        tiles,
    )


def _read_cells(algorithm, source: DemSource, label: str, shape: tuple[int, int], task: str, feedback):
    """The whole band, after checking it fits in memory; an error when every cell is nodata."""
    from ..hydrology import MemoryEstimateError, check_memory

    try:
        needed = check_memory(shape, task)
    except MemoryEstimateError as error:
        raise QgsProcessingException(
            algorithm.tr(
                "DEM '{}' has {} cells and needs about {} GiB of memory, but only {} GiB are available. "
                "Clip the DEM to the study area or resample it to a coarser cell size."
            ).format(label, f"{error.cells:,}", f"{error.needed / 2**30:.1f}", f"{error.available / 2**30:.1f}")
        ) from error
    feedback.pushInfo(
        algorithm.tr("DEM '{}': {} x {} cells, estimated peak memory {} MiB.").format(
            label, shape[0], shape[1], f"{needed / 2**20:,.0f}"
        )
    )
    elevation = source.read_all()
    if not np.isfinite(elevation).any():
        raise QgsProcessingException(
            algorithm.tr("Raster layer '{}' holds only nodata cells in band {}: there is nothing to analyse.").format(
                label, source.band
            )
        )
    return elevation


def _cell_measures(algorithm, own, header, label: str, crs):
    """(m² of one cell per row, ground width and height of a cell) in the DEM's own CRS."""
    from ...projection import WorkingCrsError, grid_cell_measures

    try:
        return grid_cell_measures(own, header.transform, header.shape)
    except WorkingCrsError as error:
        raise QgsProcessingException(
            algorithm.tr(
                "DEM '{}': cell areas cannot be measured in its CRS {} ({}). "
                "Reproject the DEM to a Gauss-Kruger or UTM CRS."
            ).format(label, crs.authid() or crs.description(), error)
        ) from error
