"""Runs on a real multi-process Dask cluster (a `dask scheduler` and `dask worker` processes on
127.0.0.1, tests/unit/cluster_processes.py): the pre-flight names what is missing, a run fails
rather than hangs (unreachable scheduler, a worker without the plugin, every worker lost, a failing
task, cancel) and leaves no output file, and a run uses every worker. Each test has a deadline."""

from __future__ import annotations

import operator
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("osgeo.ogr")

from urbanization_planning import cli  # noqa: E402
from urbanization_planning.algorithms import dask_runtime  # noqa: E402
from urbanization_planning.algorithms.cancel import CancelledError  # noqa: E402
from urbanization_planning.algorithms.zoning import partition_io  # noqa: E402

from .cluster_processes import LOOPBACK, Cluster, free_port  # noqa: E402
from .test_zoning_cli import by_key, conflicts_args, read  # noqa: E402
from .test_zoning_partitioned import stars, tessellation, write  # noqa: E402

pytestmark = pytest.mark.slow
DEADLINE = 150  # seconds per test, cluster start included


@pytest.fixture(autouse=True)
def deadline():
    """A test still running after DEADLINE seconds fails (SIGALRM in the main thread)."""

    def expired(signum, frame):
        raise TimeoutError(f"test still running after {DEADLINE} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(DEADLINE)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster-data")
    cells, codes = tessellation(2000, seed=11)
    paths = {"plan": write(folder / "plan.gpkg", cells, codes, layer="dltb").path}
    for name, seed in (("redline", 1), ("farmland", 2), ("boundary", 3)):
        paths[name] = write(folder / f"{name}.gpkg", stars(10, seed)).path
    return folder, paths


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-thread workers, all with the plugin."""
    started = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield started.scheduler().worker().worker().wait(2)
    finally:
        started.stop()


@pytest.fixture
def own_cluster(tmp_path):
    started = Cluster(tmp_path)
    try:
        yield started
    finally:
        started.stop()


def test_unreachable_scheduler_fails_within_the_connect_timeout(files, capsys):
    folder, paths = files
    address = f"tcp://{LOOPBACK}:{free_port()}"  # a closed port
    output = folder / "unreachable.gpkg"
    started = time.monotonic()
    assert cli.main(conflicts_args(paths, output, "--scheduler", address, "--connect-timeout", "2")) == 2
    assert time.monotonic() - started < 10
    message = capsys.readouterr().err
    assert f"Could not reach the Dask scheduler at {address} within 2 s (--scheduler)" in message
    assert not output.exists() and not list(folder.glob(".unreachable*"))


def test_doctor_reports_a_healthy_cluster(cluster, files, capsys):
    folder, _ = files
    assert cli.main(["doctor", "--scheduler", cluster.address, "--folder", str(folder)]) == 0
    said = capsys.readouterr().err
    assert "ok: 2 workers, 2 threads" in said and said.count("worker tcp://127.0.0.1") == 2
    assert not list(folder.glob(".urbanization-cluster-check-*"))  # the scratch files are gone


def test_cluster_run_uses_every_worker_and_matches_local_threads(cluster, files):
    folder, paths = files
    assert cli.main(conflicts_args(paths, folder / "local.gpkg")) == 0
    with distributed.Client(cluster.address) as client:  # the default client: get_task_stream looks it up
        with distributed.get_task_stream(client=client) as stream:
            assert cli.main(conflicts_args(paths, folder / "cluster.gpkg", "--scheduler", cluster.address)) == 0
    assert {task["worker"] for task in stream.data} == set(client_workers(cluster))
    local, remote = by_key(read(folder / "local.gpkg", "conflicts")), by_key(read(folder / "cluster.gpkg", "conflicts"))
    assert len(local) > 50
    assert (local.drop(columns="geometry").to_numpy() == remote.drop(columns="geometry").to_numpy()).all()
    with dask_runtime.runner_for(cluster.address) as runner:
        assert runner.slots == 2  # the cluster's threads, not this computer's cores


def client_workers(cluster):
    with distributed.Client(cluster.address, set_as_default=False) as client:
        return list(client.nthreads())


def test_cancel_stops_a_cluster_run_within_5_s(cluster):
    cancelled = threading.Event()
    threading.Timer(1.0, cancelled.set).start()
    got = []
    started = time.monotonic()
    with dask_runtime.runner_for(cluster.address) as runner, pytest.raises(CancelledError):
        runner.stream(time.sleep, [(0.5,)] * 200, got.append, is_canceled=cancelled.is_set)
    assert time.monotonic() - started < 1.0 + 5.0
    assert 0 < len(got) < 200
    with distributed.Client(cluster.address, set_as_default=False) as client:  # nothing left running
        assert wait_until(lambda: not any(client.processing().values()), 5)


def wait_until(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.1)
    return True


def test_a_task_failing_twice_stops_the_run(cluster):
    with dask_runtime.runner_for(cluster.address) as runner, pytest.raises(ZeroDivisionError):
        runner.stream(operator.truediv, [(1, 1)] * 3 + [(1, 0)] + [(1, 1)] * 20, lambda result: None)


def test_worker_without_the_plugin_is_named_by_the_preflight(own_cluster, files, capsys):
    folder, paths = files
    own_cluster.scheduler().worker(with_plugin=False).wait(1)
    assert cli.main(["doctor", "--scheduler", own_cluster.address]) == 2
    said = capsys.readouterr().err
    assert "worker tcp://127.0.0.1:" in said and "cannot import urbanization_planning" in said
    assert own_cluster.address in said and "(--scheduler)" in said
    output = folder / "bad_worker.gpkg"
    assert cli.main(conflicts_args(paths, output, "--scheduler", own_cluster.address)) == 2
    assert not output.exists() and not list(folder.glob(".bad_worker*"))


def test_scheduler_without_the_plugin_is_named_by_the_preflight(own_cluster, capsys):
    own_cluster.scheduler(with_plugin=False).worker().wait(1)
    assert cli.main(["doctor", "--scheduler", own_cluster.address]) == 2
    said = capsys.readouterr().err
    assert f"The Dask scheduler at {own_cluster.address} (--scheduler) cannot read this package's tasks" in said


def test_all_workers_lost_mid_run_stops_within_the_grace_period(own_cluster, files, capsys, monkeypatch):
    folder, paths = files
    own_cluster.scheduler().worker().worker().wait(2)
    real_writer = partition_io.writer_for
    killed = []

    def writer_then_kill(*args, **kwargs):  # the first partition is written: now every worker dies
        if not killed:
            own_cluster.kill_workers()
            killed.append(time.monotonic())
        return real_writer(*args, **kwargs)

    monkeypatch.setattr(partition_io, "writer_for", writer_then_kill)
    output = folder / "lost.gpkg"
    args = conflicts_args(paths, output, "--scheduler", own_cluster.address, "--grace", "3")
    args[args.index("--partition-size") + 1] = "20"  # 100 partitions: most still to run
    assert cli.main(args) == 2
    assert killed and time.monotonic() - killed[0] < 3 + 5
    said = capsys.readouterr().err
    assert f"The Dask cluster at {own_cluster.address} (--scheduler) has had no worker for 3 s" in said
    assert not output.exists() and not list(Path(folder).glob(".lost*"))


@pytest.fixture
def python_ctrl_c():
    """SIGINT raises KeyboardInterrupt, as in a Python program started from a terminal: something
    earlier in a test session had left it ignored, and the interrupted run simply finished."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_stops_a_cluster_run_within_5_s_and_leaves_no_output(cluster, files, capsys, monkeypatch, python_ctrl_c):
    import os

    folder, paths = files
    real_writer = partition_io.writer_for
    pressed = []

    def writer_then_ctrl_c(*args, **kwargs):  # the first partition is written: the user presses Ctrl-C
        if not pressed:
            pressed.append(time.monotonic())
            # Pressed now, not on a timer: a loaded machine once let the whole run finish first. On the
            # main thread Python raises KeyboardInterrupt right here; on another thread the write waits
            # until the main thread has seen it.
            os.kill(os.getpid(), signal.SIGINT)
            if threading.current_thread() is not threading.main_thread():
                time.sleep(3)
        return real_writer(*args, **kwargs)

    monkeypatch.setattr(partition_io, "writer_for", writer_then_ctrl_c)
    output = folder / "interrupted.gpkg"
    args = conflicts_args(paths, output, "--scheduler", cluster.address)
    args[args.index("--partition-size") + 1] = "20"
    assert cli.main(args) == 130
    assert pressed and time.monotonic() - pressed[0] < 5
    assert "cancelled (Ctrl-C)" in capsys.readouterr().err
    assert not output.exists() and not list(folder.glob(".interrupted*"))
    with distributed.Client(cluster.address, set_as_default=False) as client:  # the run's tasks were cancelled
        assert wait_until(lambda: not any(client.processing().values()), 5)


def test_a_scheduler_without_workers_is_named(own_cluster, capsys):
    own_cluster.scheduler()
    started = time.monotonic()
    assert cli.main(["doctor", "--scheduler", own_cluster.address, "--connect-timeout", "3"]) == 2
    assert time.monotonic() - started < 3 * 3 + 5
    assert (
        f"The Dask scheduler at {own_cluster.address} (--scheduler) has no worker after 3 s" in capsys.readouterr().err
    )


def test_what_a_worker_lacks_is_said_plainly():
    """A worker that cannot see a folder or lacks GDAL's bindings (not reproducible on one machine)."""
    from urbanization_planning.algorithms import cluster_check

    version = "0.1.0"
    report = {"python": "/opt/py/bin/python", "version": version, "missing": ["osgeo.gdal (ModuleNotFoundError)"]}
    said = cluster_check._worker_problem("tcp://127.0.0.1:1", {**report, "unseen": ["/share/plans/.check-1"]}, version)
    assert said == (
        "worker tcp://127.0.0.1:1 (/opt/py/bin/python) cannot import osgeo.gdal (ModuleNotFoundError); "
        "does not see the folder(s) /share/plans"
    )
    assert (
        cluster_check._worker_problem("w", {"python": "p", "version": version, "missing": [], "unseen": []}, version)
        == ""
    )
    older = cluster_check._worker_problem(
        "w", {"python": "p", "version": "0.0.9", "missing": [], "unseen": []}, version
    )
    assert "has urbanization_planning 0.0.9, this computer 0.1.0" in older


def test_one_worker_lost_mid_run_is_recovered(own_cluster, files, monkeypatch):
    """The other worker holds the shared data too (sent to every worker) and takes over the tasks."""
    folder, paths = files
    own_cluster.scheduler().worker().worker().wait(2)
    real_writer = partition_io.writer_for
    killed = []

    def writer_then_kill_one(*args, **kwargs):
        if not killed:
            own_cluster.workers[0].kill()  # --no-nanny: the worker process itself
            killed.append(True)
        return real_writer(*args, **kwargs)

    monkeypatch.setattr(partition_io, "writer_for", writer_then_kill_one)
    args = conflicts_args(paths, folder / "one_lost.gpkg", "--scheduler", own_cluster.address)
    args[args.index("--partition-size") + 1] = "20"
    assert cli.main(args) == 0 and killed
    monkeypatch.setattr(partition_io, "writer_for", real_writer)
    local_args = conflicts_args(paths, folder / "one_lost_local.gpkg")
    local_args[local_args.index("--partition-size") + 1] = "20"  # the same partitions
    assert cli.main(local_args) == 0
    local = by_key(read(folder / "one_lost_local.gpkg", "conflicts"))
    remote = by_key(read(folder / "one_lost.gpkg", "conflicts"))
    assert (local.drop(columns="geometry").to_numpy() == remote.drop(columns="geometry").to_numpy()).all()
