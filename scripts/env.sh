# Source this: the environment the plugin runs in for tests, the demo and qgis_process.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export QGIS_PLUGINPATH="$ROOT/build/plugins"
export PYTHONPATH="$ROOT/.venv/lib/python3.11/site-packages${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# qgis_process with the project's own profile folder (XDG_DATA_HOME), so enabling the plugin touches no user profile
qgis_process() { XDG_DATA_HOME="$ROOT/build/xdg" qgis_process.bin "$@"; }
# Debian's pyproj looks for PROJ's data under sys.prefix, which inside the venv is .venv/
[ -d /usr/share/proj ] && export PROJ_DATA=/usr/share/proj
