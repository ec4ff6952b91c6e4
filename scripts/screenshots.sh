#!/usr/bin/env bash
# Screenshots of the three dialogs and of an exported map page, taken in the real QGIS desktop under
# Xvfb with the plugin enabled in a throwaway profile; saved in docs/images/. Chinese (zh-Hans, the
# main audience) by default; `scripts/screenshots.sh en` for English.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
unset QT_QPA_PLATFORM QGIS_CUSTOM_CONFIG_PATH  # the desktop aborts with offscreen
language=${1:-zh-Hans}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/xdg" SHOTS_DIR="$(pwd)/docs/images" PLUGIN_ROOT="$(pwd)"
export SHOTS_SUFFIX=""; [ "$language" = "en" ] && SHOTS_SUFFIX="_en"
mkdir -p "$SHOTS_DIR"
rm -f "$SHOTS_DIR/screenshots$SHOTS_SUFFIX.log"
ini="$XDG_DATA_HOME/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
mkdir -p "$(dirname "$ini")"
override=false; [ "$language" != "en" ] && override=true
printf '[PythonPlugins]\nurbanization_planning=true\n[locale]\noverrideFlag=%s\nuserLocale=%s\n' \
  "$override" "$language" > "$ini"
timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" qgis --nologo --noversioncheck --code scripts/screenshots.py \
  > "$work/qgis.log" 2>&1 || true
cat "$SHOTS_DIR/screenshots$SHOTS_SUFFIX.log" 2>/dev/null || { echo "QGIS did not run the script:"; tail -20 "$work/qgis.log"; exit 1; }
rm -f "$SHOTS_DIR/screenshots$SHOTS_SUFFIX.log"
ls -1 "$SHOTS_DIR"
