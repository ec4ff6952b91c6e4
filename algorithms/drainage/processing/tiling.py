"""Which path reads a DEM: whole when it is small and fits in the memory available, else tile by
tile on Dask (when Dask is installed and the scratch folder has room): above TILES_ABOVE_CELLS the
tiled path is faster per cell and leaner even when the whole DEM would fit. The engines of the
tiled path are in algorithms/drainage/tiled/."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass

from ....translation import tr
from ... import dependencies
from ...dask_runtime import PACKAGES as DASK_PACKAGES
from ...dask_runtime import TileRunner, runner_for
from ...provider import dask_runner_options, dask_settings

# share of the available memory the tiles in flight may take (the rest: QGIS, the vector outputs)
MEMORY_SHARE = 0.5
# DEMs of more cells go tile by tile even when they fit: at 100 million cells the tiled path took
# 0.65-0.77 of the whole-DEM path's time at 0.4 of its memory (benchmarks/RESULTS.md, tiled drainage)
TILES_ABOVE_CELLS = 64 * 2**20
# tiles of at most 4096 x 4096 cells: two in flight peaked at 1.1-1.2 GiB at 100 and 400 million cells
MAX_TILE_CELLS = 4096 * 4096


@dataclass
class TiledPlan:
    """How the tiled path runs: the tiles, the Dask runner and the scratch folder."""

    grid: object  # tiled.grid.TileGrid
    runner: TileRunner
    scratch: str | None
    needed: int  # bytes the whole-DEM path would need
    available: int | None

    def method_note(self, flat_rounds: int) -> str:
        """The report's note on how the tiled path computed the result."""
        return tr(
            "Computed tile by tile ({} x {} tiles, {}): parallel priority-flood filling (Barnes 2016) and "
            "tiled flow accumulation (Barnes 2017); filled surface, directions and accumulation equal the "
            "whole-DEM path's; flats drain by the shortest way to a lower cell, across tiles ({} exchange "
            "rounds)."
        ).format(self.grid.down, self.grid.across, self.runner.description, flat_rounds)


def plan(shape: tuple[int, int], task: str, feedback, folders: tuple[str, ...] = ()) -> TiledPlan | None:
    """A TiledPlan when a DEM of `shape` would not fit in memory for `task` and Dask is
    installed; None otherwise (the whole-DEM path then runs, or explains why it cannot). On a
    cluster its pre-flight runs first: the workers must see `folders` (the DEM's) and the scratch folder."""
    from .. import hydrology
    from ..tiled.analyses import SCRATCH_BYTES_PER_CELL, tile_cells_for
    from ..tiled.grid import TileGrid

    cells = shape[0] * shape[1]
    needed = hydrology.memory_estimate(cells, task)
    available = hydrology.available_memory()
    fits = available is None or needed <= available
    if fits and cells <= TILES_ABOVE_CELLS:
        feedback.pushInfo(
            tr(
                "Whole-DEM path: the DEM fits in memory (about {} GiB needed, {} GiB available), and up to {} "
                "million cells one pass over the whole DEM is faster than tiles ({} million cells here)."
            ).format(
                f"{needed / 2**30:.1f}",
                "?" if available is None else f"{available / 2**30:.1f}",
                f"{TILES_ABOVE_CELLS / 1e6:,.0f}",
                f"{cells / 1e6:,.1f}",
            )
        )
        return None
    missing = dependencies.find_missing(DASK_PACKAGES)
    if missing:  # the whole-DEM path runs, or explains that the DEM does not fit
        if fits:
            feedback.pushInfo(
                tr("Whole-DEM path: the DEM fits in memory (tile by tile would be faster with {} installed).").format(
                    dependencies.describe(missing)
                )
            )
        else:
            feedback.pushWarning(
                tr("The DEM does not fit in memory; to analyse it tile by tile install {}:\n{}").format(
                    dependencies.describe(missing), dependencies.install_hint(missing)
                )
            )
        return None
    address, scratch = dask_settings()
    scratch_free = shutil.disk_usage(scratch or tempfile.gettempdir()).free
    if shape[0] * shape[1] * SCRATCH_BYTES_PER_CELL > scratch_free:
        feedback.pushWarning(
            tr(
                "The DEM does not fit in memory, and tiles would need about {} GiB of disk in the "
                "scratch folder {}, where {} GiB are free."
            ).format(
                f"{shape[0] * shape[1] * SCRATCH_BYTES_PER_CELL / 2**30:,.0f}",
                scratch or tempfile.gettempdir(),
                f"{scratch_free / 2**30:,.0f}",
            )
        )
        return None
    runner = runner_for(address, **dask_runner_options())
    try:
        runner.preflight([*folders, scratch or tempfile.gettempdir()])
    except BaseException:
        runner.close()
        raise
    budget = int((available if available is not None else needed) * MEMORY_SHARE)
    grid = TileGrid.by_cells(shape, min(MAX_TILE_CELLS, tile_cells_for(budget, runner.workers)))
    why = (
        tr("the DEM has {} million cells, where tiles are faster and leaner").format(f"{cells / 1e6:,.0f}")
        if fits
        else tr("the whole DEM would need about {} GiB, {} GiB are available").format(
            f"{needed / 2**30:.1f}", f"{available / 2**30:.1f}"
        )
    )
    feedback.pushInfo(
        tr("Tiled path: {}. {} x {} tiles of at most {} x {} cells on {}.").format(
            why,
            grid.down,
            grid.across,
            grid.tile_rows,
            grid.tile_cols,
            runner.description,
        )
    )
    return TiledPlan(grid, runner, scratch, needed, available)
