# Source this: the environment the plugin runs in for tests, the demo and qgis_process.
# Works on the machine (QGIS 3.22, venv .venv) and inside the Debian roots of scripts/debian_root.sh
# (QGIS 3.40 and 3.44, venv /opt/venv, which sets URBANIZATION_VENV).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${URBANIZATION_VENV:-$ROOT/.venv}
# per-QGIS-version build state (qgis_process profile), so 3.22 and 3.40 runs never share a profile
BUILD_STATE="$ROOT/build/qgis-$(dpkg-query -W -f='${Version}' qgis 2>/dev/null | sed -E 's/^([0-9]+:)?([0-9]+\.[0-9]+).*/\2/')"
export QGIS_PLUGINPATH="$ROOT/build/plugins"
venv_site=$(ls -d "$VENV"/lib/python3*/site-packages 2>/dev/null | head -1)
[ -n "$venv_site" ] && export PYTHONPATH="$venv_site${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# qgis_process with the project's own profile folder (XDG_DATA_HOME), so enabling the plugin touches no user profile
qgis_process() { XDG_DATA_HOME="$BUILD_STATE/xdg" qgis_process.bin "$@"; }
# Debian's pyproj looks for PROJ's data under sys.prefix, which inside the venv is .venv/
[ -d /usr/share/proj ] && export PROJ_DATA=/usr/share/proj
