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
    assert "python3 -m pip install --user 'no_such_pkg_xyz>=1'" in hint
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
    assert "pip install --user 'dask' 'distributed'" in hint
    assert dependencies.describe([dependencies.Missing("distributed", None)]) == "distributed (not installed)"
