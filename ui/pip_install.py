"""pip in QGIS's own Python, installing what the toolkit lacks into a folder of the user's QGIS profile.

The folder is a pip `--prefix` (pip then sees what QGIS's Python already has and installs only what
is missing); the plugin puts its site-packages folders on sys.path at load (`activate`). A
constraints file pins numpy, GDAL and pyproj to the releases QGIS runs with, so dependencies are
resolved against them and they are never replaced; `--only-binary=:all:` because QGIS's Python has
no compiler on Windows. With a wheel folder (the offline package's `wheels/`, or one the planner
chooses) pip runs with `--no-index`: no network needed.
"""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

from ..algorithms import dependencies

FOLDER_NAME = "urbanization_planning_deps"
PLUGIN_DIR = Path(__file__).resolve().parent.parent
OFFLINE_WHEELS = PLUGIN_DIR / "wheels"  # filled by scripts/package_offline.sh
# where pip puts a --prefix install: Windows, a venv or python.org build, Debian's patched scheme
_SITE_PATTERNS = (
    "Lib/site-packages",
    "lib/python3*/site-packages",
    "local/lib/python3*/dist-packages",
    "lib/python3*/dist-packages",
)


def dependency_folder() -> Path:
    """<QGIS profile>/python/urbanization_planning_deps: per user, no administrator rights needed."""
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "python" / FOLDER_NAME


def site_dirs(prefix: Path) -> list[Path]:
    """The site-packages folders pip created under `prefix` (none before the first install)."""
    found: list[Path] = []
    for pattern in _SITE_PATTERNS:
        found += [path for path in sorted(prefix.glob(pattern)) if path.is_dir() and path not in found]
    return found


def activate(prefix: Path | None = None) -> list[str]:
    """Put the site-packages folders of `prefix` (default: the profile's folder) at the front of
    sys.path, their .pth files processed, so packages installed there import (also right after an
    install, without restarting QGIS). Returns the entries added."""
    prefix = dependency_folder() if prefix is None else prefix
    added: list[str] = []
    for folder in site_dirs(prefix):
        if str(folder) in sys.path:
            continue
        before = list(sys.path)
        site.addsitedir(str(folder))
        new = [entry for entry in sys.path if entry not in before]
        sys.path[:] = new + before
        added += new
    if added:
        import importlib

        importlib.invalidate_caches()
    return added


def python_interpreter(
    executable: str | None = None, prefixes: tuple[str, ...] | None = None, windows: bool | None = None
) -> str | None:
    """The Python interpreter of the running QGIS. Inside QGIS `sys.executable` is often QGIS itself
    (qgis-bin.exe on Windows, /usr/bin/qgis on Linux): then look for python.exe / python3 beside it
    and in sys.prefix and sys.exec_prefix (OSGeo4W: apps/Python312/python.exe)."""
    executable = sys.executable if executable is None else executable
    prefixes = (sys.prefix, sys.exec_prefix) if prefixes is None else prefixes
    windows = os.name == "nt" if windows is None else windows
    if executable and Path(executable).name.lower().startswith("python") and Path(executable).is_file():
        return executable
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    names = ["python.exe", "python3.exe"] if windows else [f"python{version}", "python3", "python"]
    folders = [Path(executable).parent] if executable else []
    for prefix in prefixes:
        folders += [Path(prefix), Path(prefix) / ("Scripts" if windows else "bin")]
    for folder in folders:
        for name in names:
            if (folder / name).is_file():
                return str(folder / name)
    return None


def constraints_text(versions: dict[str, str]) -> str:
    """`numpy==1.24.2` lines: QGIS's own releases, which the install must resolve against and keep."""
    lines = ["# the releases QGIS runs with: never replaced (urbanization_planning installer)"]
    lines += [f"{name}=={version}" for name, version in sorted(versions.items())]
    return "\n".join(lines) + "\n"


def wheel_folder_default() -> Path | None:
    """The offline package's wheel folder, when the plugin was installed from it."""
    return OFFLINE_WHEELS if any(OFFLINE_WHEELS.glob("*.whl")) else None


def pip_arguments(requirements: list[str], prefix: Path, constraints: Path, wheels: Path | None = None) -> list[str]:
    """The arguments after the interpreter: `-m pip install --prefix ...`; offline with `wheels`."""
    arguments = [
        "-m",
        "pip",
        "install",
        "--prefix",
        str(prefix),
        "--only-binary=:all:",
        "-c",
        str(constraints),
        "--no-warn-script-location",
        "--disable-pip-version-check",
        "--progress-bar",
        "off",
        "--no-input",
    ]
    if wheels is not None:
        arguments += ["--no-index", "--find-links", str(wheels)]
    return arguments + requirements


def process_environment(prefix: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment pip runs in: QGIS's, with the profile folder's site-packages first on
    PYTHONPATH (what an earlier install put there counts as installed) and UTF-8 output."""
    env = dict(os.environ if base is None else base)
    paths = [str(folder) for folder in site_dirs(prefix)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def missing_requirements(names: tuple[str, ...] | list[str] | None = None) -> list[dependencies.Missing]:
    """What the toolkit's algorithms lack (all of dependencies.PACKAGES by default)."""
    return dependencies.find_missing(list(dependencies.PACKAGES) if names is None else names)
