"""Import the checkout the way QGIS does: as the package `urbanization_planning`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "urbanization_planning"
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_DATA = ROOT / "resources" / "sample_data"

_link_dir = Path(tempfile.mkdtemp(prefix="urbanization-import-"))
(_link_dir / PACKAGE).symlink_to(ROOT, target_is_directory=True)
sys.path.insert(0, str(_link_dir))


_exit_status = 0


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process with pytest's exit status once pytest has reported everything, skipping the
    interpreter's finalization: QGIS 3.22's Processing keeps the traceback of an algorithm's last
    error, whose frames hold the run's layers; finalization frees those layers after QGIS has shut
    down, and GDAL segfaults (seen after tests that expect a QgsProcessingException)."""
    if "qgis.core" not in sys.modules:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
