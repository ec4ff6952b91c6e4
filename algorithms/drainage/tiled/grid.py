"""Tiles of a DEM too large for memory: their windows, the one-cell ring and perimeter rows and
columns tiles exchange, and the scratch files a tile keeps between stages (the cells themselves
come from dem.DemSource). Pure: numpy."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class TileGrid:
    """A DEM of `shape` cut into tiles of at most `tile_rows` x `tile_cols` cells."""

    shape: tuple[int, int]
    tile_rows: int
    tile_cols: int

    @classmethod
    def by_count(cls, shape: tuple[int, int], down: int, across: int) -> TileGrid:
        """`down` x `across` tiles (fewer when the DEM is too small for that many)."""
        return cls(shape, max(3, math.ceil(shape[0] / down)), max(3, math.ceil(shape[1] / across)))

    @classmethod
    def by_cells(cls, shape: tuple[int, int], cells: int) -> TileGrid:
        """Square tiles of about `cells` cells."""
        side = max(3, int(math.sqrt(cells)))
        return cls(shape, side, side)

    @property
    def down(self) -> int:
        return math.ceil(self.shape[0] / self.tile_rows)

    @property
    def across(self) -> int:
        return math.ceil(self.shape[1] / self.tile_cols)

    @property
    def tiles(self) -> list[tuple[int, int]]:
        return [(i, j) for i in range(self.down) for j in range(self.across)]

    def window(self, i: int, j: int) -> tuple[int, int, int, int]:
        """(first row, first column, rows, columns) of tile (i, j)."""
        row0, col0 = i * self.tile_rows, j * self.tile_cols
        return row0, col0, min(self.tile_rows, self.shape[0] - row0), min(self.tile_cols, self.shape[1] - col0)

    def exists(self, i: int, j: int) -> bool:
        return 0 <= i < self.down and 0 <= j < self.across


def perimeter(array: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(top row, bottom row, left column, right column), copied: what neighbours need of a tile."""
    return array[0].copy(), array[-1].copy(), array[:, 0].copy(), array[:, -1].copy()


def ring_around(grid: TileGrid, edges: dict, i: int, j: int, dtype, outside) -> tuple[np.ndarray, ...]:
    """The one-cell ring the neighbouring tiles' perimeters (`edges[(i, j)]` as returned by
    `perimeter`) make around tile (i, j): (top row and both its corners, bottom row and both its
    corners, left column, right column), `outside` where there is no neighbour. About four tile
    sides of cells: this, not a tile-sized array, is what the client keeps and sends per tile."""
    rows, cols = grid.window(i, j)[2:]
    top, bottom = np.full(cols + 2, outside, dtype=dtype), np.full(cols + 2, outside, dtype=dtype)
    left, right = np.full(rows, outside, dtype=dtype), np.full(rows, outside, dtype=dtype)
    if grid.exists(i - 1, j):
        top[1:-1] = edges[(i - 1, j)][1]
    if grid.exists(i + 1, j):
        bottom[1:-1] = edges[(i + 1, j)][0]
    if grid.exists(i, j - 1):
        left[:] = edges[(i, j - 1)][3]
    if grid.exists(i, j + 1):
        right[:] = edges[(i, j + 1)][2]
    if grid.exists(i - 1, j - 1):
        top[0] = edges[(i - 1, j - 1)][1][-1]
    if grid.exists(i - 1, j + 1):
        top[-1] = edges[(i - 1, j + 1)][1][0]
    if grid.exists(i + 1, j - 1):
        bottom[0] = edges[(i + 1, j - 1)][0][-1]
    if grid.exists(i + 1, j + 1):
        bottom[-1] = edges[(i + 1, j + 1)][0][0]
    return top, bottom, left, right


def with_ring(inner: np.ndarray, ring: tuple[np.ndarray, ...]) -> np.ndarray:
    """`inner` (a tile's array) inside its `ring` (as `ring_around` returns it): (rows+2, cols+2)."""
    top, bottom, left, right = ring
    out = np.empty((inner.shape[0] + 2, inner.shape[1] + 2), dtype=inner.dtype)
    out[1:-1, 1:-1] = inner
    out[0], out[-1], out[1:-1, 0], out[1:-1, -1] = top, bottom, left, right
    return out


def rings_equal(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b))


class Scratch:
    """Per-tile arrays kept between stages, as .npy files in one folder (on a cluster it must be a
    folder every worker sees)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def path(self, name: str, i: int, j: int) -> Path:
        return self.folder / f"{name}_{i}_{j}.npy"

    def save(self, name: str, i: int, j: int, array: np.ndarray) -> None:
        target = self.path(name, i, j)
        partial = target.with_suffix(".part.npy")
        np.save(partial, array)
        partial.replace(target)

    def load(self, name: str, i: int, j: int) -> np.ndarray:
        return np.load(self.path(name, i, j))

    def drop(self, name: str, i: int, j: int) -> None:
        self.path(name, i, j).unlink(missing_ok=True)
