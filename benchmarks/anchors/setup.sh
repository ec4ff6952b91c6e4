#!/usr/bin/env bash
# The anchors' own throwaway environment (issue 30): RichDEM, WhiteboxTools Workflows and pysheds in
# a venv of their own (default /tmp/anchors-venv), so the plugin's .venv keeps its dependencies.
# Usage: bash benchmarks/anchors/setup.sh [VENV]; then VENV/bin/python benchmarks/anchors/bench_anchors.py
# RichDEM 2 is not on PyPI as such; see below for which RichDEM the script installs.
set -euo pipefail
venv="${1:-/tmp/anchors-venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
# numpy below 2.4: pysheds 0.5 still calls np.in1d, which numpy 2.4 removed
"$venv/bin/pip" install -q "numpy<2.4" rasterio numba pysheds whitebox-workflows
# RichDEM: PyPI's richdem (0.3.4, 2018) does not build on Python 3.11; richdem-fork (3.0.0, 2025), a
# build of RichDEM's later code line, does: the one that installs is used and named in the results
"$venv/bin/pip" install -q richdem || "$venv/bin/pip" install -q richdem-fork || echo "no RichDEM: its anchor is skipped" >&2
"$venv/bin/python" - <<'PY'
from importlib.metadata import PackageNotFoundError, version
for name in ("numpy", "rasterio", "numba", "pysheds", "whitebox-workflows", "richdem", "richdem-fork"):
    try:
        print(name, version(name))
    except PackageNotFoundError:
        print(name, "not installed")
PY
