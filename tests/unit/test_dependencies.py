"""Missing-package detection and the install hint planners see."""

from urbanization_planning.algorithms import dependencies


def test_present_packages_are_not_missing():
    assert dependencies.find_missing(["scipy", "shapely"]) == []


def test_absent_package_is_named_with_install_commands(monkeypatch):
    monkeypatch.setitem(dependencies.PACKAGES, "no_such_pkg_xyz", ("no_such_pkg_xyz>=1", "1.0", None))
    missing = dependencies.find_missing(["no_such_pkg_xyz"])
    assert [m.name for m in missing] == ["no_such_pkg_xyz"]
    assert dependencies.describe(missing) == "no_such_pkg_xyz (not installed)"
    hint = dependencies.install_hint(missing)
    assert "python3 -m pip install --user 'no_such_pkg_xyz>=1'" in hint
    assert "OSGeo4W" in hint


def test_old_version_is_reported(monkeypatch):
    import sys
    import types

    monkeypatch.setitem(sys.modules, "fake_old_pkg", types.SimpleNamespace(__version__="1.8.5"))
    monkeypatch.setitem(dependencies.PACKAGES, "fake_old_pkg", ("fake_old_pkg>=2.0", "2.0", None))
    missing = dependencies.find_missing(["fake_old_pkg"])
    assert dependencies.describe(missing) == "fake_old_pkg (1.8.5 found, 2.0 needed)"


def test_debian_packages_are_suggested_through_apt():
    hint = dependencies.install_hint([dependencies.Missing("scipy", None)])
    assert "sudo apt install python3-scipy" in hint


def test_dask_packages_are_named_for_the_tiled_drainage_path():
    from urbanization_planning.algorithms import dask_runtime

    hint = dependencies.install_hint([dependencies.Missing(name, None) for name in dask_runtime.PACKAGES])
    assert "pip install --user 'dask' 'distributed'" in hint
    assert dependencies.describe([dependencies.Missing("distributed", None)]) == "distributed (not installed)"
