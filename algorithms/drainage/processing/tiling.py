"""Which path reads a DEM: whole when the whole-DEM estimate fits in the memory available, else
tile by tile on Dask (when Dask is installed and the scratch folder has room). The engines of the
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


@dataclass
class TiledPlan:
    """How the tiled path runs: the tiles, the Dask runner and the scratch folder."""

    grid: object  # tiled.grid.TileGrid
    runner: TileRunner
    scratch: str | None
    needed: int  # bytes the whole-DEM path would need
    available: int

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

    needed = hydrology.memory_estimate(shape[0] * shape[1], task)
    available = hydrology.available_memory()
    if available is None or needed <= available:
        feedback.pushInfo(tr("Whole-DEM path: the DEM fits in memory."))
        return None
    missing = dependencies.find_missing(DASK_PACKAGES)
    if missing:  # the whole-DEM path then explains that the DEM does not fit
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
    grid = TileGrid.by_cells(shape, tile_cells_for(int(available * MEMORY_SHARE), runner.workers))
    feedback.pushInfo(
        tr(
            "Tiled path: the whole DEM would need about {} GiB, {} GiB are available. {} x {} tiles "
            "of at most {} x {} cells on {}."
        ).format(
            f"{needed / 2**30:.1f}",
            f"{available / 2**30:.1f}",
            grid.down,
            grid.across,
            grid.tile_rows,
            grid.tile_cols,
            runner.description,
        )
    )
    return TiledPlan(grid, runner, scratch, needed, available)
