"""Processing side of the tiled drainage path: decides whether a DEM needs it (estimated memory of
the whole-DEM path against the memory available) and runs drainagecorridors / waterloggingspots
tile by tile on Dask, writing the same outputs. Called from the two algorithms' process() in
algorithms/drainage/processing.py; the engines are in flow.py and analyses.py."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass

from qgis.core import QgsProcessingException

from ....layers import crs as crs_utils
from ....layers import raster, styling
from ....translation import tr
from ... import dependencies
from ...dask_runtime import PACKAGES as DASK_PACKAGES
from ...dask_runtime import TileRunner, runner_for
from ...provider import dask_settings

# share of the available memory the tiles in flight may take (the rest: QGIS, the vector outputs)
MEMORY_SHARE = 0.5


@dataclass
class TiledPlan:
    layer: object
    path: str
    band: int
    grid: object  # grid.TileGrid
    runner: TileRunner
    scratch: str | None
    needed: int  # bytes the whole-DEM path would need
    available: int


def plan(algorithm, parameters, context, feedback) -> TiledPlan | None:
    """A TiledPlan when the whole-DEM path would not fit in memory and Dask is installed; None
    otherwise (the whole-DEM path then runs, or explains why it cannot)."""
    import rasterio

    from .. import hydrology
    from .analyses import SCRATCH_BYTES_PER_CELL, tile_cells_for
    from .grid import TileGrid

    layer = algorithm.parameterAsRasterLayer(parameters, algorithm.DEM, context)
    if layer is None:
        return None
    band = algorithm.parameterAsInt(parameters, algorithm.BAND, context) or 1
    path = raster.raster_path(layer, layer.name())
    with rasterio.open(path) as dataset:
        if not 1 <= band <= dataset.count or dataset.height < 3 or dataset.width < 3:
            return None
        shape = (dataset.height, dataset.width)
    needed = hydrology.memory_estimate(shape[0] * shape[1], algorithm.TASK)
    available = hydrology.available_memory()
    if available is None or needed <= available:
        feedback.pushInfo(tr("Whole-DEM path: the DEM fits in memory."))
        return None
    missing = dependencies.find_missing(DASK_PACKAGES)
    if missing:  # the whole-DEM path then explains that the DEM does not fit
        feedback.pushWarning(tr("The DEM does not fit in memory; to analyse it tile by tile install {}:\n{}").format(
            dependencies.describe(missing), dependencies.install_hint(missing)))
        return None
    address, scratch = dask_settings()
    scratch_free = shutil.disk_usage(scratch or tempfile.gettempdir()).free
    if shape[0] * shape[1] * SCRATCH_BYTES_PER_CELL > scratch_free:
        feedback.pushWarning(tr("The DEM does not fit in memory, and tiles would need about {} GiB of disk in the "
                                "scratch folder {}, where {} GiB are free.").format(
            f"{shape[0] * shape[1] * SCRATCH_BYTES_PER_CELL / 2**30:,.0f}", scratch or tempfile.gettempdir(),
            f"{scratch_free / 2**30:,.0f}"))
        return None
    runner = runner_for(address)
    grid = TileGrid.by_cells(shape, tile_cells_for(int(available * MEMORY_SHARE), runner.workers))
    feedback.pushInfo(tr("Tiled path: the whole DEM would need about {} GiB, {} GiB are available. {} x {} tiles "
                             "of at most {} x {} cells on {}.").format(
        f"{needed / 2**30:.1f}", f"{available / 2**30:.1f}", grid.down, grid.across, grid.tile_rows, grid.tile_cols,
        runner.description))
    return TiledPlan(layer, path, band, grid, runner, scratch, needed, available)


@dataclass
class TiledDem:
    """What the tiled engines need of the DEM: as read_dem measures it, without reading the cells."""

    source: object  # grid.Source (path, band, metres per elevation unit)
    transform: object
    latlon: bool
    metric: object  # working QgsCoordinateReferenceSystem
    crs: object  # the DEM's QgsCoordinateReferenceSystem
    row_areas: object  # float64 m2 of one cell per row
    cell_metres: tuple[float, float]
    crs_pyproj: object
    metric_pyproj: object


def _dem_setup(algorithm, plan_: TiledPlan, parameters, context, feedback) -> TiledDem:
    """The DEM's units, working CRS and true cell measures, exactly as read_dem takes them."""
    import rasterio

    from ...projection import WorkingCrsError, grid_cell_measures
    from ..processing import ELEVATION_UNITS
    from .grid import Source

    layer, label = plan_.layer, plan_.layer.name()
    crs = layer.crs()
    if not crs.isValid():
        raise QgsProcessingException(algorithm.tr("DEM '{}' has no valid CRS: set its CRS in Layer Properties first.").format(
            label))
    unit_name = algorithm.parameterAsEnumString(parameters, algorithm.ELEVATION_UNIT, context) or "metres"
    with rasterio.open(plan_.path) as dataset:
        transform, shape = dataset.transform, dataset.shape
    metric = crs_utils.metric_crs_for(crs, layer.extent(), context, label)
    own = crs_utils.to_pyproj(crs, label)
    try:
        row_areas, cell_metres = grid_cell_measures(own, transform, shape)
    except WorkingCrsError as error:
        raise QgsProcessingException(algorithm.tr("DEM '{}': cell areas cannot be measured in its CRS {} ({}). "
                                            "Reproject the DEM to a Gauss-Kruger or UTM CRS.").format(
            label, crs.authid() or crs.description(), error)) from error
    return TiledDem(Source(plan_.path, plan_.band, ELEVATION_UNITS[unit_name]), transform, crs.isGeographic(), metric,
                    crs, row_areas, cell_metres, own, crs_utils.to_pyproj(metric, label))


def method_note(algorithm, plan_: TiledPlan, flat_rounds: int) -> str:
    return tr("Computed tile by tile ({} x {} tiles, {}): parallel priority-flood filling (Barnes 2016) and "
                  "tiled flow accumulation (Barnes 2017); filled surface, directions and accumulation equal the "
              "whole-DEM path's; flats drain by the shortest way to a lower cell, across tiles ({} exchange rounds).").format(
        plan_.grid.down, plan_.grid.across, plan_.runner.description, flat_rounds)


def _raster_destination(algorithm, parameters, name, context) -> str | None:
    return algorithm.parameterAsOutputLayer(parameters, name, context) or None


def run_corridors(algorithm, plan_: TiledPlan, parameters, context, feedback, area_ha: float, widths: dict,
                  name_field: str | None) -> dict:
    from .analyses import identify_corridors_tiled

    dem = _dem_setup(algorithm, plan_, parameters, context, feedback)
    metric, crs = dem.metric, dem.crs
    roads, buildings = algorithm.read_lines_and_buildings(parameters, context, feedback, metric,
                                                    extra_fields=[name_field] if name_field else [])
    feedback.setProgress(5)
    accumulation_path = _raster_destination(algorithm, parameters, algorithm.ACCUMULATION, context)
    direction_path = _raster_destination(algorithm, parameters, algorithm.FLOW_DIRECTION, context)
    with plan_.runner as runner:
        result = identify_corridors_tiled(
            dem.source, plan_.grid, dem.transform, runner, crs=dem.crs_pyproj, metric_crs=dem.metric_pyproj,
            latlon=dem.latlon, row_areas=dem.row_areas, cell_metres=dem.cell_metres, min_area_m2=area_ha * 1e4, widths=widths, roads=roads, buildings=buildings,
            road_name_column=name_field, accumulation_path=accumulation_path, direction_path=direction_path,
            raster_crs=crs_utils.crs_wkt(crs), scratch_dir=plan_.scratch, progress=algorithm.progress(feedback, 5, 80),
            is_canceled=feedback.isCanceled)
    results = {algorithm.ACCUMULATION: accumulation_path, algorithm.FLOW_DIRECTION: direction_path}
    if accumulation_path:
        styling.style_output(context, accumulation_path, "drainage_accumulation", algorithm.tr("Flow accumulation (m²)"))
    note = method_note(algorithm, plan_, result.flat_rounds)
    feedback.pushInfo(note)
    return algorithm.write_outputs(parameters, context, feedback, results, result, roads, buildings, metric, crs, area_ha, widths,
                             plan_.layer.name(), [note])


def run_depressions(algorithm, plan_: TiledPlan, parameters, context, feedback, min_depth: float, min_area: float) -> dict:
    from .analyses import find_depressions_tiled

    dem = _dem_setup(algorithm, plan_, parameters, context, feedback)
    metric, crs = dem.metric, dem.crs
    roads, buildings = algorithm.read_lines_and_buildings(parameters, context, feedback, metric)
    feedback.setProgress(5)
    depth_path = _raster_destination(algorithm, parameters, algorithm.DEPTH, context)
    with plan_.runner as runner:
        result = find_depressions_tiled(
            dem.source, plan_.grid, dem.transform, runner, crs=dem.crs_pyproj, metric_crs=dem.metric_pyproj,
            latlon=dem.latlon, row_areas=dem.row_areas, cell_metres=dem.cell_metres, min_depth=min_depth, min_area_m2=min_area, roads=roads, buildings=buildings,
            depth_path=depth_path, raster_crs=crs_utils.crs_wkt(crs), scratch_dir=plan_.scratch,
            progress=algorithm.progress(feedback, 5, 80), is_canceled=feedback.isCanceled)
    if depth_path:
        styling.style_output(context, depth_path, "drainage_depth", algorithm.tr("Ponding depth (m)"))
    note = method_note(algorithm, plan_, result.flat_rounds)
    feedback.pushInfo(note)
    return algorithm.write_outputs(parameters, context, feedback, {algorithm.DEPTH: depth_path}, result, metric, crs, min_depth,
                             min_area, plan_.layer.name(), [note])
