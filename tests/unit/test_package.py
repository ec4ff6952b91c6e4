"""The plugin zip holds what QGIS needs (metadata, code, compiled translation) and no dev files."""

import shutil
import subprocess
import zipfile

import pytest

from ..conftest import ROOT


@pytest.mark.skipif(shutil.which("lrelease") is None or not (ROOT / ".git").exists(), reason="needs git and lrelease")
def test_plugin_zip(tmp_path):
    output = tmp_path / "plugin.zip"
    subprocess.run(["bash", str(ROOT / "scripts" / "package.sh"), str(output)], check=True, capture_output=True)
    names = set(zipfile.ZipFile(output).namelist())
    for required in (
        "metadata.txt",
        "__init__.py",
        "plugin.py",
        "algorithms/provider.py",
        "layers/vector.py",
        "i18n/urbanization_zh-Hans.qm",
        "resources/icons/urbanization.svg",
        "LICENSE",
    ):
        assert f"urbanization_planning/{required}" in names, required
    assert not any(n.startswith(("urbanization_planning/tests/", "urbanization_planning/.venv/")) for n in names)
