#!/usr/bin/env bash
# Set everything up on Debian 12 / Ubuntu: QGIS and friends from the distribution, a venv with the
# Python packages QGIS lacks, compiled translations, the plugin linked and enabled for qgis_process.
# Idempotent: a second run checks and returns in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

APT_PACKAGES=(qgis python3-qgis qgis-providers python3-pyqt5 gdal-bin python3-rasterio python3-scipy
  proj-data xvfb qttools5-dev-tools pyqt5-dev-tools fonts-noto-cjk poppler-utils python3-venv)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing from the distribution: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv (with QGIS's system site packages)"
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
stamp=.venv/.requirements-stamp
wanted=$(cat constraints.txt requirements.txt requirements-dev.txt | sha1sum)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "== installing Python packages into .venv"
  # without PYTHONPATH: another checkout's venv on it (scripts/env.sh) would make pip skip everything
  env -u PYTHONPATH .venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
  echo "$wanted" > "$stamp"
fi

echo "== compiling translations"
lrelease -silent i18n/zh-Hans/*.ts -qm i18n/urbanization_zh-Hans.qm

# QGIS imports the plugin as a package named after its folder: link the checkout under that name.
mkdir -p build/plugins build/profile
ln -sfn "$ROOT" build/plugins/urbanization_planning
