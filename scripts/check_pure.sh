#!/usr/bin/env bash
# The one rule: modules under algorithms/ other than base.py, provider.py, */processing.py and */processing/ never
# import QGIS, Qt or Processing. Prints offenders and fails.
cd "$(dirname "$0")/.."
leaks=$(grep -rnE '^\s*(from|import)\s+(qgis|PyQt5|PyQt6|processing)\b|from \.{2,}(layers|translation|plugin)\b' algorithms --include='*.py' \
  | grep -vE '^algorithms/(provider|base)\.py:|/processing\.py:|/processing/')
if [ -n "$leaks" ]; then
  echo "Pure modules must not import QGIS/Qt:"; echo "$leaks"; exit 1
fi
echo "ok"
