"""The in-QGIS installer (安装缺少的依赖): QGIS's Python interpreter found where QGIS hides it, QGIS's
numpy/GDAL/pyproj pinned, an offline install from a wheel folder into a temporary profile that then
runs the algorithms, and the dialog as a planner sees it at 1366 x 768 under zh-Hans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from ..conftest import DATA, ROOT

PROBE = Path(__file__).with_name("installer_probe.py")
WHEEL_CACHE = ROOT / "build" / "test-wheels" / "installer"  # downloaded once, kept between runs
HIDDEN = ("networkx", "pyflwdir")
SCREENSHOT = ROOT / "docs" / "images" / "dependency_installer.png"


def test_the_interpreter_is_python_not_the_qgis_binary(tmp_path):
    from urbanization_planning.ui.pip_install import python_interpreter

    # Windows, OSGeo4W: sys.executable is bin/qgis-bin.exe, Python in apps/Python312
    osgeo = tmp_path / "OSGeo4W"
    (osgeo / "bin").mkdir(parents=True)
    (osgeo / "bin" / "qgis-bin.exe").write_text("")
    (osgeo / "apps" / "Python312").mkdir(parents=True)
    (osgeo / "apps" / "Python312" / "python.exe").write_text("")
    found = python_interpreter(str(osgeo / "bin" / "qgis-bin.exe"), (str(osgeo / "apps" / "Python312"),), windows=True)
    assert found == str(osgeo / "apps" / "Python312" / "python.exe")
    # Linux: sys.executable is /usr/bin/qgis, Python is python3 beside it
    usr = tmp_path / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "qgis").write_text("")
    (usr / "bin" / "python3").write_text("")
    assert python_interpreter(str(usr / "bin" / "qgis"), (str(usr),), windows=False) == str(usr / "bin" / "python3")
    # a real interpreter is taken as it is; nothing found is None, never the QGIS binary
    assert python_interpreter(sys.executable) == sys.executable
    assert python_interpreter(str(usr / "bin" / "qgis"), (str(tmp_path / "nowhere"),), windows=True) is None


def test_qgis_numpy_gdal_and_pyproj_are_pinned_and_the_install_is_offline_with_a_folder(tmp_path):
    from urbanization_planning.algorithms import dependencies
    from urbanization_planning.ui import pip_install

    versions = dependencies.installed_versions()
    assert set(versions) == {"numpy", "GDAL", "pyproj"}
    text = pip_install.constraints_text(versions)
    assert f"numpy=={metadata.version('numpy')}" in text.splitlines()
    arguments = pip_install.pip_arguments(["networkx>=3.2"], tmp_path / "deps", tmp_path / "c.txt", tmp_path / "w")
    assert arguments[:3] == ["-m", "pip", "install"] and arguments[-1] == "networkx>=3.2"
    assert {"--prefix", "-c", "--no-index", "--find-links", "--only-binary=:all:"} <= set(arguments)
    assert "--no-deps" not in arguments and "--user" not in arguments and "--target" not in arguments
    assert "--no-index" not in pip_install.pip_arguments(["networkx"], tmp_path, tmp_path / "c.txt")


def test_folders_pip_creates_are_put_first_on_sys_path(tmp_path, monkeypatch):
    from urbanization_planning.ui import pip_install

    site = tmp_path / "local" / "lib" / "python3.11" / "dist-packages"  # Debian's --prefix layout
    site.mkdir(parents=True)
    (site / "extra.pth").write_text(str(tmp_path / "from_pth") + "\n")
    (tmp_path / "from_pth").mkdir()
    monkeypatch.setattr(sys, "path", list(sys.path))
    added = pip_install.activate(tmp_path)
    assert sys.path[: len(added)] == added and str(site) in added and str(tmp_path / "from_pth") in added
    assert pip_install.activate(tmp_path) == []
    environment = pip_install.process_environment(tmp_path, {"PYTHONPATH": "/elsewhere"})
    assert environment["PYTHONPATH"] == os.pathsep.join([str(site), "/elsewhere"])


@pytest.fixture(scope="module")
def wheels():
    """networkx and pyflwdir wheels, the releases the test environment has (their dependencies are
    installed in the probe's Python: pip resolves against them). Downloaded once; offline: skip."""
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    wanted = [f"{name}=={metadata.version(name)}" for name in HIDDEN]
    if len(list(WHEEL_CACHE.glob("*.whl"))) < len(HIDDEN):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--disable-pip-version-check",
                "-q",
                "-d",
                str(WHEEL_CACHE),
                *wanted,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot download {wanted} from PyPI (offline?): {done.stderr.strip()[-300:]}")
    return WHEEL_CACHE


def _python_without(hidden: tuple[str, ...], shim: Path) -> dict[str, str]:
    """The environment of a QGIS Python that lacks `hidden`: PYTHONPATH is a folder of links to
    everything in the test venv's site-packages except those packages (their metadata included,
    so pip sees them missing too)."""
    homes = {Path(str(metadata.distribution(name).locate_file(""))) for name in hidden}
    if len(homes) != 1 or not next(iter(homes)).name == "site-packages":
        pytest.skip(
            f"{', '.join(hidden)} are not all in one venv's site-packages ({sorted(map(str, homes))}): "
            "a Python without them cannot be made by PYTHONPATH (Debian's own packages are always seen)"
        )
    venv_site = homes.pop()
    shim.mkdir()
    for entry in venv_site.iterdir():
        if not entry.name.lower().startswith(hidden):
            (shim / entry.name).symlink_to(entry)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PIP_FIND_LINKS")}
    environment["PYTHONPATH"] = str(shim)
    return environment


def _install_and_run(plugin: Path, wheels: str, tmp_path: Path) -> dict:
    """The probe in a QGIS whose Python lacks networkx and pyflwdir, with the plugin at `plugin`."""
    tmp_path.mkdir(exist_ok=True)
    link = tmp_path / "link"
    link.mkdir()
    (link / "urbanization_planning").symlink_to(plugin, target_is_directory=True)
    environment = _python_without(HIDDEN, tmp_path / "shim")
    profile, out = tmp_path / "profile", tmp_path / "out"
    profile.mkdir()
    out.mkdir()
    dem = tmp_path / "cape.tif"
    dem.write_bytes((DATA / "drainage_cape_peninsula_cut.tif").read_bytes())
    python = os.path.realpath(sys.executable)  # the venv's interpreter without the venv
    done = subprocess.run(
        [python, str(PROBE), str(link), str(profile), wheels, str(dem), str(out)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    _check(result, profile)
    return result


def _check(result: dict, profile: Path) -> None:
    assert result["lacking_before"] == list(HIDDEN)
    assert Path(result["profile"]).resolve() == profile.resolve()
    # the Processing error names the package and the menu entry of the installer
    assert "pyflwdir (not installed)" in result["refused"]
    assert "Install missing packages..." in result["refused"]
    assert set(HIDDEN) <= set(result["ticked"])
    assert result["started"] and result["succeeded"], result["log"] + "\n" + result["status"]
    assert "--no-index" in result["log"] and f"numpy=={metadata.version('numpy')}" in result["log"]
    deps = Path(result["target"])
    assert deps == profile / "python" / "urbanization_planning_deps"
    for name in HIDDEN:
        assert Path(result["files"][name]).is_relative_to(deps), result["files"]
    assert not Path(result["files"]["numpy"]).is_relative_to(deps)  # QGIS's numpy kept
    assert not list(deps.rglob("numpy")) and not list(deps.rglob("pyproj"))
    assert 0 < result["coverage_rate_population"] <= 1
    assert result["corridor_km"] > 0 and result["corridor_features"] > 0


def test_an_offline_install_into_a_fresh_profile_lets_the_algorithms_run(wheels, tmp_path):
    """The acceptance test of issue 23: a QGIS whose Python lacks networkx and pyflwdir installs them
    from a wheel folder into a temporary profile, then runs parkcoverage and drainagecorridors."""
    result = _install_and_run(ROOT, str(wheels), tmp_path)
    assert result["default_folder"] == ""  # a checkout has no wheels/: online by default


@pytest.mark.slow
def test_the_offline_package_installs_from_its_own_wheels(tmp_path):
    """`make package-offline`'s zip, installed as a plugin: its dialog offers its wheels/ folder and
    installs from it with no network (pip --no-index), then the algorithms run."""
    from tests.unit.test_package_offline import build_offline_zip

    archive = build_offline_zip(tmp_path / "zip")
    plugins = tmp_path / "plugins"
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(plugins)
    plugin = plugins / "urbanization_planning"
    result = _install_and_run(plugin, "-", tmp_path / "run")
    assert Path(result["default_folder"]).resolve() == (plugin / "wheels").resolve()


def test_the_dialog_at_1366_x_768_in_chinese(chinese, provider, qtbot, tmp_path, monkeypatch):
    """Everything readable and the buttons on screen at 1366 x 768 under zh-Hans, with two packages
    missing; `UPDATE_SCREENSHOTS=1` saves it as docs/images/dependency_installer.png."""
    from qgis.PyQt.QtWidgets import QPushButton

    from urbanization_planning.algorithms import dependencies
    from urbanization_planning.ui import dependency_installer, menu

    monkeypatch.setattr(
        dependency_installer,
        "missing_packages",
        lambda names=None: [
            dependencies.Missing("networkx", None),
            dependencies.Missing("pyflwdir", None),
            dependencies.Missing("dask", None),
        ],
    )
    monkeypatch.setattr(dependency_installer.pip_install, "wheel_folder_default", lambda: None)
    profile = "C:/Users/规划师/AppData/Roaming/QGIS/QGIS3/profiles/default"  # as on a planner's laptop
    dialog = dependency_installer.DependencyInstallerDialog(
        prefix=Path(profile, "python", "urbanization_planning_deps")
    )
    qtbot.addWidget(dialog)
    screen = (1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= screen[0] and dialog.height() <= screen[1] - 40  # the taskbar
    assert menu.install_text() == "安装缺少的依赖…"
    assert dialog.windowTitle() == "安装缺少的依赖"
    assert dialog.ticked() == ["networkx", "pyflwdir"]  # dask is optional: offered, not ticked
    assert "未安装" in dialog.packagesList.item(0).text()
    for button in dialog.findChildren(QPushButton):
        assert button.isVisible() and button.geometry().bottom() < dialog.height(), button.text()
        assert all("\u4e00" <= c <= "\u9fff" for c in button.text()), button.text()
    dialog.set_wheel_folder(tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    assert not dialog.start()
    assert "没有 wheel 文件" in dialog.statusLabel.text()
    assert not Path(profile).exists()  # refused before creating anything
    # as it looks while installing from the offline package (the log lines as pip writes them)
    wheels = f"{profile}/python/plugins/urbanization_planning/wheels"
    dialog.set_wheel_folder(wheels)
    dialog._set_running(True)
    dialog.statusLabel.setText("正在安装 networkx>=3.2, pyflwdir…")
    dialog.progressBar.setValue(42)
    site = "c:\\program files\\qgis 3.40.5\\apps\\python312\\lib\\site-packages"
    dialog.logView.setPlainText(
        "\n".join(
            [
                f"Looking in links: {wheels}",
                f"Processing {wheels}/networkx-3.4.2-py3-none-any.whl",
                f"Processing {wheels}/pyflwdir-0.5.10-py3-none-any.whl",
                f"Requirement already satisfied: numpy in {site} (from pyflwdir) (1.26.4)",
                f"Processing {wheels}/numba-0.61.2-cp312-cp312-win_amd64.whl",
                f"Processing {wheels}/llvmlite-0.44.0-cp312-cp312-win_amd64.whl",
            ]
        )
    )
    qtbot.wait(100)  # the layout takes the new texts
    for label in (dialog.statusLabel, dialog.targetLabel, dialog.introLabel):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    shot = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / SCREENSHOT.name
    assert dialog.grab().save(str(shot))


def test_the_missing_package_message_names_the_installer_in_chinese(chinese, provider, monkeypatch):
    """The Processing error under zh-Hans: the installer's menu path in Chinese, commands as typed."""
    from qgis.core import QgsProcessingException

    from urbanization_planning.algorithms import dependencies

    monkeypatch.setitem(
        dependencies.PACKAGES, "no_such_pkg_xyz", dependencies.Package("no_such_pkg_xyz>=1", "1.0", None, ("anything",))
    )
    algorithm = provider.algorithms()[0].create()
    algorithm.REQUIRES = ("no_such_pkg_xyz",)
    with pytest.raises(QgsProcessingException) as raised:
        algorithm.require_packages()
    message = str(raised.value)
    assert "菜单 插件 > 城镇化规划 > 安装缺少的依赖…" in message
    assert 'Windows（在 OSGeo4W Shell 中）： python -m pip install "no_such_pkg_xyz>=1"' in message
    assert "python3 -m venv --system-site-packages ~/qgis-venv" in message
