#!/usr/bin/env bash
# Build the offline plugin zip for networks without internet: the plugin zip of scripts/package.sh
# plus urbanization_planning/wheels/, the packages QGIS lacks with their dependencies, as wheels for
# Windows QGIS's Python (win_amd64, CPython 3.12) and for this machine's Python (scripts/offline_wheels.py).
# Installed with "Plugins > Install from ZIP", its "Install missing packages..." dialog installs from
# that folder with no network. Downloading needs PyPI (or the index of your pip configuration).
# Usage: scripts/package_offline.sh [output.zip]   (default build/urbanization_planning-<version>-offline.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' metadata.txt)
output=$(realpath -m "${1:-build/urbanization_planning-$version-offline.zip}")
python=python3
[ -x .venv/bin/python ] && python=.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash scripts/package.sh "$work/plugin.zip" >/dev/null
python3 -m zipfile -e "$work/plugin.zip" "$work"
env -u PYTHONPATH "$python" scripts/offline_wheels.py download "$work/urbanization_planning/wheels" >&2
mkdir -p "$(dirname "$output")"
rm -f "$output"
(cd "$work" && python3 -m zipfile -c "$output" urbanization_planning)
echo "$output"
