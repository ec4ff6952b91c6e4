#!/usr/bin/env bash
# Start the real QGIS desktop under Xvfb with the plugin enabled in a throwaway profile, reload the
# plugin while listening to the message log, open the menu's three dialogs, and fail on any warning
# or Python error. Runs on whichever QGIS is installed: the machine's 3.22, and 3.40 and 3.44 inside
# their Debian roots (scripts/leg.sh runs tests/qgis/test_desktop.py there).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ ! -e "$QGIS_PLUGINPATH/urbanization_planning" ]; then  # QGIS would sit on a modal error until the timeout
  echo "the plugin is not linked into $QGIS_PLUGINPATH: run scripts/setup.sh first"; exit 1
fi
unset QT_QPA_PLATFORM QGIS_CUSTOM_CONFIG_PATH  # the desktop aborts with offscreen; the profile must be ours
work=$(mktemp -d)
export XDG_DATA_HOME="$work/xdg" PROBE_OUT="$work/probe.json"
ini="$XDG_DATA_HOME/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
mkdir -p "$(dirname "$ini")"
printf '[PythonPlugins]\nurbanization_planning=true\n' > "$ini"
timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" qgis --nologo --noversioncheck --code scripts/desktop_probe.py \
  > "$work/qgis.log" 2>&1 || true
if [ ! -s "$PROBE_OUT" ]; then
  echo "QGIS did not run the probe:"; tail -20 "$work/qgis.log"; exit 1
fi
cat "$PROBE_OUT"
grep -iE -A5 "error|traceback|couldn.t load" "$work/qgis.log" | head -40 || true
/usr/bin/python3 - "$PROBE_OUT" "$work/qgis.log" <<'PY'
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
log = open(sys.argv[2], encoding="utf-8", errors="replace").read()
assert result.get("active"), f"plugin not active (see the QGIS output above): {result.get('errors')}"
assert "urbanization:chinacoordinates" in result["algorithms"], "provider has no algorithms"
assert not result["errors"], "Python errors: " + "\n".join(result["errors"])
assert "Traceback (most recent call last)" not in log, "a Python traceback in the QGIS output (above)"
assert not result["warnings"], f"warnings logged: {result['warnings']}"
assert len(result["menu"]) >= 4, f"menu entries: {result['menu']}"
assert all(result["dialogs"].values()), f"dialogs that did not open: {result['dialogs']}"
print(f"desktop load on QGIS {result['qgis']}: menu {len(result['menu'])} entries, "
      f"dialogs opened: {', '.join(result['dialog_titles'].values())}")
print("desktop load: ok")
PY
