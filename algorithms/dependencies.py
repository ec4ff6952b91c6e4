"""Which optional Python packages an algorithm needs, and how a planner installs them. Pure.

A package counts as present when it imports and has the abilities the toolkit calls (the functions
and classes named in `Package.abilities`), whatever its version string says: packagers patch,
vendor and mis-stamp versions (Debian's shapely 2.2.0 reports `0+unknown`), so a version is shown in
messages but never compared.

The install hint's words are marked with QT_TRANSLATE_NOOP under CONTEXT; the QGIS side passes a
`translate` that looks them up (the commands themselves stay as they are typed).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass

CONTEXT = "dependencies"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name pylupdate5 looks for)
    """Marks `text` for translation under `context` (pylupdate5 extracts it); returns it unchanged."""
    return text


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class Package:
    """One optional package: how to install it and what the toolkit calls in it."""

    requirement: str  # pip requirement
    minimum: str | None  # the first release known to have `abilities`, for messages only
    debian: str | None  # Debian package, where Debian's is new enough
    abilities: tuple[str, ...] = ()  # dotted names below the package that the toolkit calls
    debian_release: int = 12  # the first Debian release whose `debian` package is new enough


PACKAGES: dict[str, Package] = {
    # shapely 2's vectorised API (1.8 has none of these at top level)
    # Debian 12 has shapely 1.8, geopandas 0.12 and networkx 2.8: too old; Debian 13's are new enough
    "shapely": Package(
        "shapely>=2.0",
        "2.0",
        "python3-shapely",
        ("from_ragged_array", "from_wkb", "union_all", "make_valid", "get_parts", "STRtree", "voronoi_polygons", "lib"),
        13,
    ),
    "geopandas": Package(
        "geopandas>=0.14", "0.14", "python3-geopandas", ("GeoDataFrame", "GeoSeries", "read_file"), 13
    ),
    "networkx": Package("networkx>=3.2", "3.2", "python3-networkx", ("DiGraph", "Graph"), 13),
    "scipy": Package(
        "scipy",
        None,
        "python3-scipy",
        (
            "sparse.coo_matrix",
            "sparse.csgraph.dijkstra",
            "sparse.csgraph.connected_components",
            "spatial.cKDTree",
            "ndimage",
        ),
    ),
    "rasterio": Package("rasterio", None, "python3-rasterio", ("open", "Env", "windows.Window", "features")),
    "pyflwdir": Package("pyflwdir", None, None, ("from_array", "FlwdirRaster")),
    # DEMs larger than memory run tile by tile on Dask (algorithms/dask_runtime.py); without them
    # the whole-DEM path still works
    "dask": Package("dask", None, None, ("delayed", "compute", "callbacks.Callback")),
    "distributed": Package("distributed", None, None, ("Client", "as_completed")),
    # Province-scale multi-plan checks: GeoParquet partitions (algorithms/zoning/partition_io.py)
    "pyarrow": Package("pyarrow>=14", None, None, ("Table", "parquet.ParquetWriter", "parquet.ParquetFile")),
}


@dataclass(frozen=True)
class Missing:
    name: str
    found_version: str | None  # None: not installed at all; "unknown" when its version string says nothing
    lacking: tuple[str, ...] = ()  # abilities the installed package does not have

    @property
    def requirement(self) -> str:
        return PACKAGES[self.name].requirement


_RELEASE = re.compile(r"^\d+(\.\d+)*")


def version_text(module) -> str:
    """The module's version as a planner can read it, or "unknown" when it names no release
    (missing, empty, or a placeholder such as setuptools-scm's `0+unknown`)."""
    version = str(getattr(module, "__version__", "") or "")
    if not _RELEASE.match(version) or "unknown" in version:
        return "unknown"
    return version


def has_ability(module, dotted: str) -> bool:
    """Whether `module` has the attribute path `dotted`, importing submodules on the way
    (`sparse.csgraph.dijkstra` needs `scipy.sparse.csgraph` imported)."""
    target = module
    path = module.__name__
    for part in dotted.split("."):
        path = f"{path}.{part}"
        if hasattr(target, part):
            target = getattr(target, part)
            continue
        try:
            target = importlib.import_module(path)
        except ImportError:
            return False
    return True


def find_missing(names: tuple[str, ...] | list[str]) -> list[Missing]:
    """Packages from `names` that are absent or lack an ability the toolkit calls."""
    missing = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            missing.append(Missing(name, None))
            continue
        lacking = tuple(ability for ability in PACKAGES[name].abilities if not has_ability(module, ability))
        if lacking:
            missing.append(Missing(name, version_text(module), lacking))
    return missing


# Packages QGIS itself brings and is built against: an install keeps exactly the installed release
QGIS_PACKAGES = ("numpy", "GDAL", "pyproj")

# fmt: off
# pylupdate5 drops a QT_TRANSLATE_NOOP() or translate() call whose last argument has a trailing
# comma, which ruff format would add: these calls are laid out by hand (tests/qgis/test_translation.py)
HINT_TEXTS = {
    "qgis": QT_TRANSLATE_NOOP("dependencies", "In QGIS, no terminal needed: menu Plugins > Urbanization Planning > "
                              "Install missing packages... (also offline, from a folder of wheel files)"),
    "apt": QT_TRANSLATE_NOOP("dependencies", "Debian/Ubuntu:"),
    "apt13": QT_TRANSLATE_NOOP("dependencies", "Debian 13 and newer:"),
    "venv": QT_TRANSLATE_NOOP("dependencies", "Debian/Ubuntu, what apt lacks or has too old (pip install --user "
                              "is refused there, PEP 668): a venv that sees QGIS's packages, then start QGIS with it:"),
    "windows": QT_TRANSLATE_NOOP("dependencies", "Windows (OSGeo4W Shell):"),
}
# fmt: on


def installed_versions(names: tuple[str, ...] = QGIS_PACKAGES) -> dict[str, str]:
    """The installed release of each of `names` as pip sees it (its metadata), for pinning."""
    from importlib import metadata

    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def install_hint(
    missing: list[Missing], translate: Callable[[str], str] = _identity, keep: dict[str, str] | None = None
) -> str:
    """How to install `missing`: the plugin's own installer, apt where Debian's packages are new
    enough, a venv with system site packages for the rest on Debian/Ubuntu (PEP 668 refuses
    `pip install --user`), pip in the OSGeo4W Shell on Windows (requirements in double quotes: cmd.exe
    takes `>` as a redirect). `keep`: QGIS's own releases (installed_versions()), pinned in the venv."""
    packages = [PACKAGES[m.name] for m in missing]
    apt12 = sorted({p.debian for p in packages if p.debian and p.debian_release <= 12})
    apt13 = sorted({p.debian for p in packages if p.debian and p.debian_release == 13})
    venv = [p.requirement for p in packages if not p.debian or p.debian_release > 12]
    lines = [translate(HINT_TEXTS["qgis"])]
    if apt12:
        lines.append(f"{translate(HINT_TEXTS['apt'])} sudo apt install {' '.join(apt12)}")
    if apt13:
        lines.append(f"{translate(HINT_TEXTS['apt13'])} sudo apt install {' '.join(apt13)}")
    if venv:
        pins = [f"{name}=={version}" for name, version in sorted((keep or {}).items())]
        quoted = " ".join(f"'{r}'" for r in venv + pins)
        lines += [
            translate(HINT_TEXTS["venv"]),
            "  python3 -m venv --system-site-packages ~/qgis-venv",
            f"  ~/qgis-venv/bin/python -m pip install {quoted}",
            "  PYTHONPATH=$(echo ~/qgis-venv/lib/python3*/site-packages) qgis",
        ]
    windows = " ".join(f'"{p.requirement}"' for p in packages)
    lines.append(f"{translate(HINT_TEXTS['windows'])} python -m pip install {windows}")
    return "\n".join(lines)


def describe(missing: list[Missing]) -> str:
    """'geopandas (not installed), shapely (1.8.5 found, lacks union_all; 2.0 or newer needed)'."""
    parts = []
    for m in missing:
        if m.found_version is None:
            parts.append(f"{m.name} (not installed)")
            continue
        minimum = PACKAGES[m.name].minimum
        newer = f"; {minimum} or newer needed" if minimum else "; a newer release needed"
        parts.append(f"{m.name} ({m.found_version} found, lacks {', '.join(m.lacking)}{newer})")
    return ", ".join(parts)
