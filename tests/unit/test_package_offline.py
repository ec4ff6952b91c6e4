"""`make package-offline`: the plugin zip with wheels/ holding, for Windows QGIS's Python (win_amd64,
CPython 3.12) and for this machine's Python, a wheel for every package the algorithms need and for
each of their dependencies, read from the wheels' file names and METADATA (no Windows needed);
QGIS's own numpy, GDAL and pyproj left out."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..conftest import ROOT

SCRIPT = ROOT / "scripts" / "package_offline.sh"


def _offline_wheels():
    spec = importlib.util.spec_from_file_location("offline_wheels", ROOT / "scripts" / "offline_wheels.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


offline_wheels = _offline_wheels()


def fake_wheel(folder: Path, filename: str, requires: list[str] = ()) -> None:
    """A wheel holding only its METADATA (name, version and Requires-Dist)."""
    name, version = filename.split("-")[:2]
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {name}",
        f"Version: {version}",
        *(f"Requires-Dist: {r}" for r in requires),
    ]
    with zipfile.ZipFile(folder / filename, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(lines) + "\n")


def test_a_requirement_without_a_windows_wheel_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(offline_wheels, "REQUIREMENTS", ["pyflwdir", "shapely>=2.0"])
    fake_wheel(
        tmp_path, "pyflwdir-0.5.12-py3-none-any.whl", ["numba>=0.54", "numpy", "affine", 'pytest ; extra == "test"']
    )
    fake_wheel(tmp_path, "numba-0.61.2-cp312-cp312-win_amd64.whl", ["llvmlite<0.45,>=0.44", "numpy>=1.24"])
    fake_wheel(tmp_path, "llvmlite-0.44.0-cp311-cp311-manylinux_2_17_x86_64.whl")  # not for Windows
    fake_wheel(tmp_path, "shapely-1.8.5-cp312-cp312-win_amd64.whl")  # too old
    windows = offline_wheels.windows_qgis()
    assert offline_wheels.missing_wheels(tmp_path, windows) == [
        "affine (win_amd64-cp312)",
        "llvmlite<0.45,>=0.44 (win_amd64-cp312)",
        "shapely>=2.0 (win_amd64-cp312)",
    ]
    fake_wheel(tmp_path, "affine-2.4.0-py3-none-any.whl")
    fake_wheel(tmp_path, "llvmlite-0.44.0-cp312-cp312-win_amd64.whl")
    fake_wheel(tmp_path, "shapely-2.1.1-cp312-cp312-win_amd64.whl", ["numpy>=1.21"])
    assert offline_wheels.missing_wheels(tmp_path, windows) == []  # numpy: QGIS's own, never asked for


def test_qgis_own_packages_are_pruned(tmp_path):
    for filename in (
        "numpy-1.26.4-cp312-cp312-win_amd64.whl",
        "pyproj-3.6.1-cp312-cp312-win_amd64.whl",
        "networkx-3.4.2-py3-none-any.whl",
    ):
        fake_wheel(tmp_path, filename)
    assert sorted(w.name for w in offline_wheels.prune(tmp_path)) == [
        "numpy-1.26.4-cp312-cp312-win_amd64.whl",
        "pyproj-3.6.1-cp312-cp312-win_amd64.whl",
    ]
    assert [w.name for w in tmp_path.glob("*.whl")] == ["networkx-3.4.2-py3-none-any.whl"]


def test_the_bundle_covers_what_the_algorithms_require():
    from urbanization_planning.algorithms import dependencies

    for name in ("shapely", "geopandas", "networkx", "pyflwdir", "scipy", "rasterio"):
        assert dependencies.PACKAGES[name].requirement in offline_wheels.REQUIREMENTS
    assert "numba" in offline_wheels.REQUIREMENTS


def _pypi_reachable() -> str:
    """'' when pip can download from the configured index, else why not."""
    probe = Path(ROOT / "build" / "pypi-probe")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-q",
            "--disable-pip-version-check",
            "-d",
            str(probe),
            "affine",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    shutil.rmtree(probe, ignore_errors=True)
    return "" if done.returncode == 0 else done.stderr.strip()[-300:]


def build_offline_zip(folder: Path) -> Path:
    """Run scripts/package_offline.sh into `folder`; skips the test when there is no index to download from."""
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    if shutil.which("lrelease") is None or git.returncode != 0:
        pytest.skip(f"needs lrelease and the git repository (scripts/package.sh): {git.stderr.strip()}")
    reason = _pypi_reachable()
    if reason:
        pytest.skip(f"offline: pip cannot download from PyPI ({reason})")
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / "offline.zip"
    subprocess.run(["bash", str(SCRIPT), str(output)], check=True, capture_output=True, timeout=1800)
    return output


@pytest.mark.slow
def test_the_offline_zip_has_a_wheel_for_every_requirement_on_windows_and_here(tmp_path):
    archive = build_offline_zip(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        wheels = tmp_path / "wheels"
        wheels.mkdir()
        for name in names:
            if name.startswith("urbanization_planning/wheels/") and name.endswith(".whl"):
                (wheels / Path(name).name).write_bytes(opened.read(name))
    assert "urbanization_planning/metadata.txt" in names and "urbanization_planning/ui/pip_install.py" in names
    assert not any(name.startswith("urbanization_planning/tests/") for name in names)
    for target in offline_wheels.targets():
        assert offline_wheels.missing_wheels(wheels, target) == [], target.name
    found = {wheel.name.split("-")[0].lower() for wheel in wheels.glob("*.whl")}
    assert {"shapely", "geopandas", "networkx", "pyflwdir", "numba", "llvmlite"} <= found
    assert not found & {"numpy", "pyproj", "gdal"}  # QGIS's own
    windows = [w.name for w in wheels.glob("*win_amd64.whl")]
    assert any(name.startswith("numba-") and "cp312" in name for name in windows)
    assert any(name.startswith("llvmlite-") and "cp312" in name for name in windows)
