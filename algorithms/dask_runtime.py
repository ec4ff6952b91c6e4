"""Where tile tasks run: Dask's local threaded scheduler, or a Dask cluster at a scheduler address.

One small shared module so every tiled engine (drainage, the partitioned zoning checks) picks its
scheduler the same way: `runner_for(address)` with the address of the Processing provider setting
"Dask scheduler address" (empty: local threads). Engines call `runner.map(function, tasks,
progress=..., is_canceled=...)` (results in task order) or `runner.stream(...)` (each result handed
on in task order as soon as it and those before it are done, `slots` tasks in flight).

On a cluster a run fails rather than hangs (issue 29): `preflight()` (cluster_check) connects within
`connect_timeout` and checks the scheduler and workers before any work; while tasks run, the client
polls every POLL seconds for cancellation and for workers, and stops with ClusterError when the
cluster has had no worker for `grace` seconds, a task's workers died or the scheduler is gone; a
task that raises is tried once more, then its error stops the run. On any stop the run's tasks are
cancelled on the cluster. Arguments every task shares (the dissolved control lines) go to every
worker once, not with each task; a worker lost mid-run is recovered (the others hold them too).
Pure: dask and, for a cluster, distributed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence

from .cancel import CancelledError
from .cluster_check import ClusterError, connect, preflight

PACKAGES = ("dask", "distributed")
CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler (the provider setting's and the CLI's default)
GRACE = 60.0  # seconds a cluster may be without workers before the run stops
POLL = 0.2  # seconds between checks for cancellation and lost workers
__all__ = ["CONNECT_TIMEOUT", "GRACE", "PACKAGES", "ClusterError", "TileRunner", "runner_for"]


class TileRunner:
    """Runs one function over a list of argument tuples, locally on threads or on a cluster.
    `origin` says where the address came from (named in every cluster error)."""

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        grace: float = GRACE,
        origin: str = "Dask scheduler address setting",
    ):
        self.address = (address or "").strip() or None
        self.workers = workers or max(1, min(os.cpu_count() or 1, 8))
        self.connect_timeout, self.grace, self.origin = float(connect_timeout), float(grace), origin
        self._client = None

    @property
    def description(self) -> str:
        if self.address:
            return f"Dask cluster at {self.address}"
        return f"Dask local threaded scheduler ({self.workers} threads)"

    def _cluster_client(self):
        if self._client is None:
            self._client = connect(self.address, self.connect_timeout, self.origin)
        return self._client

    def preflight(self, folders: Sequence[str] = ()) -> dict:
        """On a cluster: connect and check it (cluster_check.preflight: what was found) before any
        work; locally nothing ({})."""
        if not self.address:
            return {}
        return preflight(self._cluster_client(), self.address, self.origin, folders, self.connect_timeout)

    @property
    def slots(self) -> int:
        """Tasks that run at once: the cluster's threads (every worker's), or the local threads."""
        if not self.address:
            return self.workers
        return max(1, sum(self._cluster_client().nthreads().values()))

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
            results: list = []
            self.stream(function, tasks, results.append, progress=progress, is_canceled=is_canceled, ahead=len(tasks))
            return results
        return self._map_local(function, tasks, progress, is_canceled)

    def stream(
        self,
        function: Callable,
        tasks: Sequence[tuple],
        consume: Callable[[object], None],
        *,
        progress: Callable[[float], None] | None = None,
        is_canceled: Callable[[], bool] | None = None,
        ahead: int | None = None,
    ) -> None:
        """consume(function(*task)) for every task, in task order, each as soon as it and the tasks
        before it are done; at most `ahead` (default 2 x slots) tasks submitted and results held."""
        if not tasks:
            return
        ahead = max(1, ahead or 2 * self.slots)
        if not self.address:
            for start in range(0, len(tasks), ahead):
                chunk = tasks[start : start + ahead]
                count = len(chunk)

                def report(fraction, start=start, count=count):
                    if progress is not None:
                        progress((start + fraction * count) / len(tasks))

                for result in self.map(function, chunk, progress=report, is_canceled=is_canceled):
                    consume(result)
            return
        self._stream_cluster(function, tasks, consume, progress, is_canceled, ahead)

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

    def _stream_cluster(self, function, tasks, consume, progress, is_canceled, ahead):
        """A window of `ahead` tasks on the cluster, slid forward as the oldest finish; watched for
        cancellation, lost workers and failed tasks (see the module docstring). The arguments all
        tasks share go to the workers once (_scatter_shared); when every worker holding them was lost
        they are sent again to the workers there are (within the grace period) and the tasks resubmitted."""
        from distributed import wait

        client = self._cluster_client()
        futures: dict[int, object] = {}  # task index -> future, submitted and not yet consumed
        submitted = consumed = resent = 0
        watch = _Watch(client, self, is_canceled)
        shared: dict = {}

        def submit(index: int):
            task = tuple(shared.get(position, value) for position, value in enumerate(tasks[index]))
            return client.submit(function, *task, pure=False, retries=1)

        try:
            watch.wait_for_workers()  # scatter would wait for a worker without a word
            shared = _scatter_shared(client, tasks)
            while consumed < len(tasks):
                while submitted < len(tasks) and submitted - consumed < ahead:
                    futures[submitted] = submit(submitted)
                    submitted += 1
                watch.check()
                try:
                    with client.as_current():  # wait looks the client up
                        wait([futures[consumed]], timeout=POLL)
                    cancelled = futures[consumed].status == "cancelled"
                except TimeoutError:
                    for index, future in futures.items():  # a later task failed: stop now, not when its turn comes
                        if future.status == "error":
                            watch.result(future, index)
                    continue
                except BaseException as error:
                    if not _cancelled_by_distributed(error):
                        raise
                    cancelled = True
                if cancelled:  # by the cluster: the scheduler is gone, or every copy of the shared arguments
                    if client.status != "running":
                        raise watch.lost("lost the connection to the scheduler")
                    if resent >= 3:
                        raise watch.lost("every worker holding the run's data was lost three times")
                    resent += 1
                    watch.wait_for_workers()
                    shared = _scatter_shared(client, tasks)
                    futures = {index: submit(index) for index in futures}
                    continue
                future = futures.pop(consumed)
                consume(watch.result(future, consumed))
                consumed += 1
                if progress is not None:
                    progress(consumed / len(tasks))
        except BaseException:
            _cancel(client, list(futures.values()))
            raise

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.close(timeout=5)
            except Exception:  # noqa: BLE001 (a scheduler that is gone: nothing left to close)
                pass
            self._client = None

    def __enter__(self) -> TileRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Watch:
    """The checks of a cluster run between polls: cancellation, workers present, failed tasks."""

    def __init__(self, client, runner: TileRunner, is_canceled):
        self.client, self.runner, self.is_canceled = client, runner, is_canceled
        self.without_workers_since: float | None = None
        self.last_look = 0.0

    def check(self) -> None:
        if self.is_canceled is not None and self.is_canceled():
            raise CancelledError()
        now = time.monotonic()
        if now - self.last_look < 1.0:
            return
        self.last_look = now
        if self._workers() > 0:
            self.without_workers_since = None
            return
        if self.without_workers_since is None:
            self.without_workers_since = now
        elif now - self.without_workers_since >= self.runner.grace:
            raise ClusterError(
                f"The Dask cluster at {self.runner.address} ({self.runner.origin}) has had no worker for "
                f"{self.runner.grace:g} s: the workers were lost (stopped, out of memory, or failing to start; see "
                "their logs). The run is stopped and its tasks cancelled; restart workers and run again."
            )

    def wait_for_workers(self) -> None:
        """Until the cluster has a worker again (ClusterError past the grace period, CancelledError on cancel)."""
        while True:
            self.last_look = 0.0
            self.check()
            if self.without_workers_since is None:
                return
            time.sleep(POLL)

    def _workers(self) -> int:
        if self.client.status != "running":  # the scheduler itself is gone: reconnecting
            return 0
        try:
            return len(self.client.nthreads())
        except Exception:  # noqa: BLE001 (the scheduler went away during the call)
            return 0

    def lost(self, what: str) -> ClusterError:
        return ClusterError(
            f"The run on the Dask cluster at {self.runner.address} ({self.runner.origin}) {what}. It is stopped "
            "and its tasks cancelled; check the scheduler and the workers (their logs) and run again."
        )

    def result(self, future, index: int):
        """The task's result; a task that raised twice raises its error, one whose workers died ClusterError."""
        if future.status == "error":
            error = future.exception()
            if type(error).__name__ == "KilledWorker":
                raise ClusterError(
                    f"Task {index + 1} of the run on the Dask cluster at {self.runner.address} ({self.runner.origin}) "
                    f"was running on workers that died ({error}): a worker ran out of memory or was stopped. "
                    "The run is stopped and its tasks cancelled; give workers more memory or smaller partitions."
                )
        return future.result()


def _scatter_shared(client, tasks: Sequence[tuple]) -> dict:
    """{argument position: future} of the arguments every task shares (the same object, not a plain
    number or text), sent to every worker once instead of with each task: the dissolved control lines
    of a province went with every partition (issue 29)."""
    if len(tasks) < 2:
        return {}
    plain = (str, bytes, int, float, bool, type(None))
    shared = {}
    for position, value in enumerate(tasks[0]):
        if not isinstance(value, plain) and all(len(t) > position and t[position] is value for t in tasks[1:]):
            shared[position] = client.scatter([value], broadcast=True, hash=False)[0]  # a list: one future
    return shared


def _cancelled_by_distributed(error: BaseException) -> bool:
    """A distributed.FuturesCancelledError/CancelledError (the scheduler lost), not a KeyboardInterrupt
    or a task's error."""
    return type(error).__module__.startswith("distributed") and "Cancelled" in type(error).__name__


def _cancel(client, futures: list) -> None:
    """Cancel the run's tasks on the cluster (best effort: the scheduler may be gone)."""
    if not futures:
        return
    try:
        client.cancel(futures, force=True)
    except Exception:  # noqa: BLE001
        pass


def runner_for(address: str | None, workers: int | None = None, **options) -> TileRunner:
    """The runner for a provider setting value: None or blank runs locally on threads; `options`:
    connect_timeout, grace, origin (TileRunner)."""
    return TileRunner(address, workers, **options)
