"""Missing-package detection (by ability, never by version string) and the install hint planners see."""

import sys
import types

import pytest

from urbanization_planning.algorithms import dependencies

SHAPELY_2_ABILITIES = dependencies.PACKAGES["shapely"].abilities


def fake_module(name: str, version, abilities) -> types.ModuleType:
    """A stand-in package with `__version__` (None: no attribute) and the given top-level names."""
    module = types.ModuleType(name)
    if version is not None:
        module.__version__ = version
    for ability in abilities:
        setattr(module, ability, object())
    return module


def test_present_packages_are_not_missing():
    assert dependencies.find_missing(["scipy", "shapely", "geopandas", "rasterio"]) == []


@pytest.mark.parametrize("version", ["0+unknown", "2.2.0", "2.0.0rc1", "", None, "garbage"])
def test_a_package_with_the_abilities_is_present_whatever_its_version_says(monkeypatch, version):
    monkeypatch.setitem(sys.modules, "shapely", fake_module("shapely", version, SHAPELY_2_ABILITIES))
    assert dependencies.find_missing(["shapely"]) == []


def test_the_installed_shapely_passes_when_stamped_0_unknown(monkeypatch):
    """Debian's python3-shapely 2.2.0 reports `0+unknown` (QGIS 3.44 on Debian forky)."""
    import shapely

    monkeypatch.setattr(shapely, "__version__", "0+unknown")
    assert dependencies.find_missing(["shapely"]) == []


def test_an_old_package_is_named_by_what_it_lacks(monkeypatch):
    """shapely 1.8.5 has none of shapely 2's vectorised functions at top level."""
    monkeypatch.setitem(sys.modules, "shapely", fake_module("shapely", "1.8.5", ["STRtree"]))
    [missing] = dependencies.find_missing(["shapely"])
    assert missing.found_version == "1.8.5"
    assert "STRtree" not in missing.lacking and "from_ragged_array" in missing.lacking
    assert dependencies.describe([missing]).startswith("shapely (1.8.5 found, lacks from_ragged_array, ")
    assert dependencies.describe([missing]).endswith("; 2.0 or newer needed)")


def test_an_unstamped_package_lacking_abilities_says_unknown_version(monkeypatch):
    monkeypatch.setitem(sys.modules, "shapely", fake_module("shapely", "0+unknown", []))
    [missing] = dependencies.find_missing(["shapely"])
    assert missing.found_version == "unknown"


def test_absent_package_is_named_with_install_commands(monkeypatch):
    monkeypatch.setitem(
        dependencies.PACKAGES, "no_such_pkg_xyz", dependencies.Package("no_such_pkg_xyz>=1", "1.0", None, ("anything",))
    )
    missing = dependencies.find_missing(["no_such_pkg_xyz"])
    assert missing == [dependencies.Missing("no_such_pkg_xyz", None)]
    assert dependencies.describe(missing) == "no_such_pkg_xyz (not installed)"
    hint = dependencies.install_hint(missing)
    assert "~/qgis-venv/bin/python -m pip install 'no_such_pkg_xyz>=1'" in hint
    assert "OSGeo4W" in hint


def test_abilities_in_submodules_are_imported_to_be_checked():
    import scipy

    assert dependencies.has_ability(scipy, "sparse.csgraph.dijkstra")
    assert not dependencies.has_ability(scipy, "sparse.csgraph.no_such_function")
    assert not dependencies.has_ability(scipy, "no_such_submodule.anything")


def test_every_listed_ability_exists_in_the_installed_packages():
    """The list names real functions: a typo would refuse every run."""
    import importlib

    for name, package in dependencies.PACKAGES.items():
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        absent = [a for a in package.abilities if not dependencies.has_ability(module, a)]
        assert absent == [], name


def test_debian_packages_are_suggested_through_apt():
    hint = dependencies.install_hint([dependencies.Missing("scipy", None)])
    assert "sudo apt install python3-scipy" in hint


def test_dask_packages_are_named_for_the_tiled_drainage_path():
    from urbanization_planning.algorithms import dask_runtime

    hint = dependencies.install_hint([dependencies.Missing(name, None) for name in dask_runtime.PACKAGES])
    assert "pip install 'dask' 'distributed'" in hint
    assert dependencies.describe([dependencies.Missing("distributed", None)]) == "distributed (not installed)"


def test_the_hint_never_suggests_pip_install_user_on_debian():
    """Debian 12/13 refuse `pip install --user` (PEP 668, "externally-managed-environment"): the hint
    offers the plugin's installer, apt where Debian's package is new enough, else a venv that sees
    the system's packages and QGIS started with it."""
    names = list(dependencies.PACKAGES)
    hint = dependencies.install_hint([dependencies.Missing(name, None) for name in names])
    assert "--user'" not in hint and "pip install --user" not in hint.replace("pip install --user is", "")
    assert "Plugins > Urbanization Planning > Install missing packages..." in hint.splitlines()[0]
    assert "python3 -m venv --system-site-packages ~/qgis-venv" in hint
    assert "PYTHONPATH=$(echo ~/qgis-venv/lib/python3*/site-packages) qgis" in hint


def test_debian_13_gets_shapely_geopandas_networkx_from_apt_debian_12_from_the_venv():
    missing = [dependencies.Missing(name, None) for name in ("shapely", "geopandas", "networkx", "scipy", "pyflwdir")]
    lines = dependencies.install_hint(missing).splitlines()
    assert "Debian/Ubuntu: sudo apt install python3-scipy" in lines
    assert "Debian 13 and newer: sudo apt install python3-geopandas python3-networkx python3-shapely" in lines
    [venv_pip] = [line for line in lines if "qgis-venv/bin/python -m pip" in line]
    # Debian 12's are too old: the venv installs them (on Debian 13 pip finds apt's and skips them)
    assert "'shapely>=2.0' 'geopandas>=0.14' 'networkx>=3.2' 'pyflwdir'" in venv_pip
    assert "scipy" not in venv_pip


def test_the_venv_keeps_the_numpy_gdal_and_pyproj_qgis_has():
    hint = dependencies.install_hint(
        [dependencies.Missing("pyflwdir", None)], keep={"numpy": "1.24.2", "GDAL": "3.6.2", "pyproj": "3.4.1"}
    )
    assert "pip install 'pyflwdir' 'GDAL==3.6.2' 'numpy==1.24.2' 'pyproj==3.4.1'" in hint


def test_windows_requirements_are_double_quoted_for_cmd_exe():
    """cmd.exe reads `>` in `shapely>=2.0` as a redirect to a file named `=2.0`."""
    missing = [dependencies.Missing(name, None) for name in ("shapely", "networkx", "pyflwdir")]
    [windows] = [line for line in dependencies.install_hint(missing).splitlines() if line.startswith("Windows")]
    assert windows == 'Windows (OSGeo4W Shell): python -m pip install "shapely>=2.0" "networkx>=3.2" "pyflwdir"'
    assert ">" not in windows.replace('"shapely>=2.0"', "").replace('"networkx>=3.2"', "")


def test_the_hint_words_are_translated_and_the_commands_are_not():
    chinese = {text: f"<{text}>" for text in dependencies.HINT_TEXTS.values()}
    hint = dependencies.install_hint([dependencies.Missing("networkx", None)], translate=lambda t: chinese.get(t, t))
    assert all(line.startswith(("<", "  ")) for line in hint.splitlines())
    assert "sudo apt install python3-networkx" in hint and 'python -m pip install "networkx>=3.2"' in hint


def test_installed_versions_reads_the_metadata_pip_compares():
    versions = dependencies.installed_versions()
    import numpy

    assert versions["numpy"] == numpy.__version__
    assert dependencies.installed_versions(("no_such_pkg_xyz",)) == {}
