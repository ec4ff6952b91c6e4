"""pyproj in QGIS's worker threads: consecutive background runs must not crash QGIS.

pyproj 3.7.0-3.7.1 (Debian 13's, beside QGIS 3.40) frees a thread's PROJ context when the Python
call on a QGIS pooled thread returns and crashes on the next use from that thread (pyproj issue
1509). layers.compat.keep_pyproj_thread_context() keeps the context alive; every algorithm run calls
it. Each case runs in its own process so that a crash fails the test instead of ending pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyproj
import pytest

from .. import conftest

PROBE = Path(__file__).with_name("pyproj_thread_probe.py")
AFFECTED = pyproj.__version__.startswith(("3.7.0", "3.7.1"))


def _run(mode: str, *more: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(PROBE), mode, str(conftest._link_dir), *more],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_consecutive_worker_thread_runs_survive_with_the_context_kept():
    completed = _run("keep")
    assert completed.returncode == 0 and "survived" in completed.stdout, completed.stderr[-2000:]


def test_runs_on_new_pool_threads_that_reuse_an_expired_threads_id_survive():
    """What crashed the whole 3.40 test run: QGIS's pool retires idle threads, a new one often gets
    the old one's id, and a guard keyed by thread id took it for a thread already guarded."""
    completed = _run("keep", "recycle")
    assert completed.returncode == 0 and "survived" in completed.stdout, completed.stderr[-2000:]


@pytest.mark.skipif(not AFFECTED, reason=f"pyproj {pyproj.__version__} keeps no per-thread context to lose")
def test_without_keeping_the_context_the_affected_pyproj_crashes():
    """The control: proves the probe exercises the bug, so the test above can fail."""
    completed = _run("plain")
    assert completed.returncode != 0 and "survived" not in completed.stdout
