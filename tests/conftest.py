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


def _fingerprints(folder: Path) -> dict[str, str]:
    """File name -> MD5 of the files in `folder`, leaving out GDAL's *.aux.xml statistics cache,
    which QGIS writes beside a raster whenever it opens it as a layer (git ignores it)."""
    import hashlib

    return {
        path.name: hashlib.md5(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.endswith(".aux.xml")
    }


_sample_data_before = _fingerprints(SAMPLE_DATA)


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when a test changed the bundled sample data (tests must work on copies:
    QGIS itself writes to a GeoPackage when a subset filter is set or an edit session starts)."""
    global _exit_status
    _exit_status = int(exitstatus)
    changed = [name for name, digest in _fingerprints(SAMPLE_DATA).items() if _sample_data_before.get(name) != digest]
    if changed:
        print(f"\nERROR: the tests changed bundled sample data: {', '.join(changed)}", file=sys.stderr)
        _exit_status = _exit_status or 1
        session.exitstatus = _exit_status


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
