"""Running independent geometry work on the machine's cores. Pure.

shapely 2 (GEOS) and most NumPy kernels release the GIL, so plain threads overlap the heavy
parts of per-station or per-half polygon building; results keep the order of the inputs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: At most this many threads: the work is memory-bound beyond a few cores.
MAX_WORKERS = 4


def workers() -> int:
    """Threads worth starting on this machine (1 means: run in the calling thread)."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def thread_map(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """[function(item) for item in items], spread over `workers()` threads."""
    items = list(items)
    if workers() == 1 or len(items) < 2:
        return [function(item) for item in items]
    with ThreadPoolExecutor(min(workers(), len(items))) as pool:
        return list(pool.map(function, items))


def in_background(function: Callable[[], R], background: bool = True) -> Callable[[], R]:
    """Start `function()` on a second thread when `background` and the machine has a second core;
    returns what to call for its result (which otherwise runs it then, in the calling thread)."""
    if not background or workers() < 2:
        return function
    pool = ThreadPoolExecutor(1)
    future = pool.submit(function)
    pool.shutdown(wait=False)
    return future.result
