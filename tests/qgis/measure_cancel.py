"""Measurement, not a test of the suite: `pytest -s tests/qgis/measure_cancel.py`. For every
algorithm's reliability baseline (LARGE where there is one): one run recording its progress
reports, then one cancelled run per progress step (the cancel pressed from another thread at
that report, as in test_reliability), printing how long each took to stop."""

from __future__ import annotations

import threading
import time

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from .reliability.baselines import BASELINES, LARGE
from .test_reliability import _algorithm, _with_outputs, data  # noqa: F401 (fixture)

ALGORITHM_IDS = sorted(BASELINES)


class _Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.steps: list[tuple[float, float]] = []
        self.start = time.perf_counter()
        self.progressChanged.connect(lambda v: self.steps.append((v, time.perf_counter() - self.start)))


class _CancelAt(QgsProcessingFeedback):
    """Cancel from another thread at the first progress report >= `at` (and < 100)."""

    def __init__(self, at: float):
        super().__init__()
        self.at, self.cancelled_at, self.seen = at, None, None
        self._requested, self._done = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._cancel, daemon=True)
        self.progressChanged.connect(self._on_progress)
        self._thread.start()

    def _cancel(self):
        if self._requested.wait(120):
            self.cancelled_at = time.perf_counter()
            self.cancel()
            self._done.set()

    def _on_progress(self, value):
        if self.cancelled_at is None and self.at <= value < 100 and not self._requested.is_set():
            self.seen = value
            self._requested.set()
            self._done.wait(5)

    def stop(self):
        self._requested.set()
        self._thread.join(5)


@pytest.mark.parametrize("algorithm_id", ALGORITHM_IDS)
def test_measure(run, provider, algorithm_id, data, tmp_path):  # noqa: F811
    factory = LARGE.get(algorithm_id) or BASELINES[algorithm_id]
    algorithm = _algorithm(algorithm_id)
    recorder = _Recorder()
    run(algorithm_id, _with_outputs(algorithm, factory(data), tmp_path / "full"), feedback=recorder)
    total = time.perf_counter() - recorder.start
    steps = sorted({round(v) for v, _ in recorder.steps if v < 100})
    picks = steps if len(steps) <= 10 else [steps[round(i * (len(steps) - 1) / 9)] for i in range(10)]
    worst = []
    for k, at in enumerate(picks):
        feedback = _CancelAt(at)
        try:
            run(algorithm_id, _with_outputs(algorithm, factory(data), tmp_path / f"c{k}"), feedback=feedback)
            outcome = "finished"
        except QgsProcessingException as error:
            outcome = str(error)[:40]
        finally:
            feedback.stop()
        stop = time.perf_counter() - feedback.cancelled_at if feedback.cancelled_at else float("nan")
        worst.append((stop, feedback.seen, outcome))
    line = ", ".join(f"{seen}%: {stop:.2f}s" for stop, seen, _ in worst)
    print(f"\nCANCEL {algorithm_id} run {total:.1f}s | {line}")
    slow = [(s, seen, o) for s, seen, o in worst if s == s and s >= 2.0]
    print(f"SLOW {algorithm_id} {slow}" if slow else f"OK {algorithm_id}")
