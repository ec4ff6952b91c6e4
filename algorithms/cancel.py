"""The one cancellation signal of the pure engines. Pure."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

T = TypeVar("T")


class CancelledError(Exception):
    """An engine stopped because the caller's is_canceled() callback returned True. Processing's
    base class turns it into QGIS's "cancelled" error in one place (algorithms/base.py)."""


def checkpoint(progress=None, is_canceled=None):
    """A progress callback that first checks for cancellation: engines call it at each step, so
    one call both reports progress (`progress(fraction)`, when given) and stops a cancelled run."""

    def report(fraction: float) -> None:
        if is_canceled is not None and is_canceled():
            raise CancelledError("cancelled")
        if progress is not None:
            progress(fraction)

    return report


def cancellable(function: Callable[[], T], is_canceled: Callable[[], bool] | None, poll: float = 0.1) -> T:
    """`function()` on a worker thread while this thread asks `is_canceled` every `poll` seconds:
    a long call that cannot look for a cancel itself (one GEOS overlay of a city-wide service
    area, several seconds) no longer holds up a cancelled run. On a cancel, CancelledError at once;
    the abandoned call ends on its thread and its result is dropped (GEOS cannot be interrupted).
    Without `is_canceled`, a plain call. The result is the same either way."""
    if is_canceled is None:
        return function()
    pool = ThreadPoolExecutor(1)
    future = pool.submit(contextvars.copy_context().run, function)
    pool.shutdown(wait=False)
    while True:
        try:
            return future.result(timeout=poll)
        except FutureTimeout:
            if is_canceled():
                future.cancel()
                raise CancelledError("cancelled") from None
