"""Shared set-up for benchmarks: a QGIS application with Processing and the provider, timing."""

from __future__ import annotations

import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "resources" / "sample_data"
_link = Path(tempfile.mkdtemp(prefix="urbanization-bench-"))
(_link / "urbanization_planning").symlink_to(ROOT, target_is_directory=True)
sys.path.insert(0, str(_link))
sys.path.append("/usr/share/qgis/python/plugins")

_app = None
_providers: list = []


def start_qgis():
    """QgsApplication + Processing + the urbanization provider (once per process)."""
    global _app
    if _app is not None:
        return _app
    from qgis.core import QgsApplication

    _app = QgsApplication([], False)
    _app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from urbanization_planning.algorithms.provider import UrbanizationProvider

    provider = UrbanizationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    _providers.append(provider)
    return _app


@contextmanager
def timer(results: dict, key: str):
    start = time.perf_counter()
    yield
    results[key] = time.perf_counter() - start


def best_of(n: int, function) -> float:
    """Shortest of n timed calls (seconds): the least disturbed by the rest of the machine."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved(reference, ours, rounds: int = 2, ours_per_round: int = 2) -> tuple[float, float]:
    """Best reference and best own time, timed in alternation (reference, ours, ours, reference,
    ...), so a machine that speeds up or slows down during the run (a shared VM does) affects
    both sides alike."""
    reference_times, our_times = [], []
    for _ in range(rounds):
        reference_times.append(best_of(1, reference))
        our_times.append(best_of(ours_per_round, ours))
    return min(reference_times), min(our_times)
