"""Which optional Python packages an algorithm needs, and how a planner installs them. Pure."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

# import name -> (pip requirement, minimum version or None, Debian package if Debian's is new enough)
PACKAGES: dict[str, tuple[str, str | None, str | None]] = {
    "shapely": ("shapely>=2.0", "2.0", None),
    "geopandas": ("geopandas>=0.14", "0.14", None),
    "networkx": ("networkx>=3.2", "3.2", None),
    "scipy": ("scipy", None, "python3-scipy"),
    "rasterio": ("rasterio", None, "python3-rasterio"),
    "pyflwdir": ("pyflwdir", None, None),
    # DEMs larger than memory run tile by tile on Dask (algorithms/dask_runtime.py); without them
    # the whole-DEM path still works
    "dask": ("dask", None, None),
    "distributed": ("distributed", None, None),
    # Province-scale multi-plan checks: Hilbert partitions (algorithms/zoning/partitioned.py)
    "dask_geopandas": ("dask-geopandas", None, None),
}


@dataclass(frozen=True)
class Missing:
    name: str
    found_version: str | None  # None: not installed at all

    @property
    def requirement(self) -> str:
        return PACKAGES[self.name][0]


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def find_missing(names: tuple[str, ...] | list[str]) -> list[Missing]:
    """Packages from `names` that are absent or older than the toolkit needs."""
    missing = []
    for name in names:
        minimum = PACKAGES[name][1]
        try:
            module = importlib.import_module(name)
        except ImportError:
            missing.append(Missing(name, None))
            continue
        version = getattr(module, "__version__", "0")
        if minimum and _version_tuple(version) < _version_tuple(minimum):
            missing.append(Missing(name, version))
    return missing


def install_hint(missing: list[Missing]) -> str:
    """The commands that install `missing` on Debian/Ubuntu and in the Windows OSGeo4W Shell."""
    debian = sorted({PACKAGES[m.name][2] for m in missing if PACKAGES[m.name][2]})
    pip = [f"'{m.requirement}'" for m in missing if not PACKAGES[m.name][2]]
    lines = []
    if debian:
        lines.append("Debian/Ubuntu: sudo apt install " + " ".join(debian))
    if pip:
        lines.append("Debian/Ubuntu: python3 -m pip install --user " + " ".join(pip))
    windows = " ".join(m.requirement for m in missing)
    lines.append(f"Windows (OSGeo4W Shell): python -m pip install {windows}")
    return "\n".join(lines)


def describe(missing: list[Missing]) -> str:
    """'geopandas (not installed), shapely (1.8.5 found, 2.0 needed)'."""
    parts = []
    for m in missing:
        if m.found_version is None:
            parts.append(f"{m.name} (not installed)")
        else:
            parts.append(f"{m.name} ({m.found_version} found, {PACKAGES[m.name][1]} needed)")
    return ", ".join(parts)
