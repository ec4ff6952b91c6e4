#!/usr/bin/env bash
# Start the real QGIS desktop under Xvfb with the plugin enabled in a throwaway profile, reload the
# plugin while listening to the message log, and fail on any warning or error it logs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
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
/usr/bin/python3 - "$PROBE_OUT" <<'PY'
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
assert result["active"], "plugin not active (see the QGIS output above)"
assert "urbanization:chinacoordinates" in result["algorithms"], "provider has no algorithms"
assert not result["warnings"], f"warnings logged: {result['warnings']}"
print("desktop load: ok")
PY
