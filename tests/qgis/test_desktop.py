"""The plugin loads in the real QGIS desktop (under Xvfb) without warnings in the message log."""

import shutil
import subprocess

import pytest

from ..conftest import ROOT


@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("qgis") is None, reason="needs qgis and xvfb-run")
def test_plugin_loads_in_qgis_desktop_without_warnings():
    completed = subprocess.run(
        ["bash", str(ROOT / "scripts" / "check_desktop.sh")], capture_output=True, text=True, timeout=240
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "desktop load: ok" in completed.stdout
