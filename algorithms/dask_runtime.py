"""Where tile tasks run: Dask's local threaded scheduler, or a Dask cluster at a scheduler address.

One small shared module so every tiled engine (drainage now, the vector algorithms later) picks its
scheduler the same way: `runner_for(address)` with the address of the Processing provider setting
"Dask scheduler address" (empty: local threads). Engines call `runner.map(function, tasks,
progress=..., is_canceled=...)`: one task per tile, results in task order, progress reported as
tasks finish, and cancellation checked between tasks (algorithms.cancel.CancelledError; tasks
already running on a cluster are cancelled too). Pure: dask and, for a cluster, distributed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from .cancel import CancelledError

PACKAGES = ("dask", "distributed")


class TileRunner:
    """Runs one function over a list of argument tuples, locally on threads or on a cluster."""

    def __init__(self, address: str | None = None, workers: int | None = None):
        self.address = (address or "").strip() or None
        self.workers = workers or max(1, min(os.cpu_count() or 1, 8))
        self._client = None

    @property
    def description(self) -> str:
        if self.address:
            return f"Dask cluster at {self.address}"
        return f"Dask local threaded scheduler ({self.workers} threads)"

    def _cluster_client(self):
        if self._client is None:
            from distributed import Client

            self._client = Client(self.address, set_as_default=False)
        return self._client

    def map(
        self,
        function: Callable,
        tasks: Sequence[tuple],
        *,
        progress: Callable[[float], None] | None = None,
        is_canceled: Callable[[], bool] | None = None,
    ) -> list:
        """[function(*task) for task in tasks], run by Dask; `progress(fraction done)` after each task."""
        if not tasks:
            return []
        if is_canceled is not None and is_canceled():
            raise CancelledError()
        if self.address:
            return self._map_cluster(function, tasks, progress, is_canceled)
        return self._map_local(function, tasks, progress, is_canceled)

    def _map_local(self, function, tasks, progress, is_canceled):
        """On cancel, tasks not started yet return at once and the ones running finish their tile:
        nothing is left writing when CancelledError reaches the caller."""
        import threading

        import dask
        from dask.callbacks import Callback

        cancelled = threading.Event()
        done = [0]

        def guarded(*task):
            return None if cancelled.is_set() else function(*task)

        def before(key, dsk, state):
            if is_canceled is not None and is_canceled():
                cancelled.set()

        def after(key, result, dsk, state, worker_id):
            done[0] += 1
            if progress is not None and not cancelled.is_set():
                progress(done[0] / len(tasks))

        delayed = [dask.delayed(guarded, pure=False)(*task) for task in tasks]
        with Callback(pretask=before, posttask=after):
            results = list(dask.compute(*delayed, scheduler="threads", num_workers=self.workers))
        if cancelled.is_set() or (is_canceled is not None and is_canceled()):
            raise CancelledError()
        return results

    def _map_cluster(self, function, tasks, progress, is_canceled):
        from distributed import as_completed

        client = self._cluster_client()
        futures = [client.submit(function, *task, pure=False) for task in tasks]
        position = {future.key: i for i, future in enumerate(futures)}
        results: list = [None] * len(tasks)
        done = 0
        try:
            with client.as_current():  # as_completed looks the client up
                for future in as_completed(futures):
                    if is_canceled is not None and is_canceled():
                        raise CancelledError()
                    results[position[future.key]] = future.result()
                    done += 1
                    if progress is not None:
                        progress(done / len(tasks))
        except BaseException:
            client.cancel(futures)
            raise
        return results

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> TileRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def runner_for(address: str | None, workers: int | None = None) -> TileRunner:
    """The runner for a provider setting value: None or blank runs locally on threads."""
    return TileRunner(address, workers)
