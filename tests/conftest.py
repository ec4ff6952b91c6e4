"""Import the checkout the way QGIS does: as the package `urbanization_planning`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "urbanization_planning"
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_DATA = ROOT / "resources" / "sample_data"

_link_dir = Path(tempfile.mkdtemp(prefix="urbanization-import-"))
(_link_dir / PACKAGE).symlink_to(ROOT, target_is_directory=True)
sys.path.insert(0, str(_link_dir))
