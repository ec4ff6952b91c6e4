#!/usr/bin/env bash
# Refresh the zh-Hans .ts files from the sources (existing translations are kept), one file per
# part of the plugin so parallel work does not collide; setup.sh compiles them all into one .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
update() {  # update NAME FILES...
  local name=$1; shift
  pylupdate5 -noobsolete "$@" -ts "i18n/zh-Hans/$name.ts" 2>/dev/null
  # No source locations: line numbers change with every edit and make parallel work collide.
  sed -i '/<location filename=/d' "i18n/zh-Hans/$name.ts"
}
core_layers=$(ls layers/*.py | grep -v layers/layout.py)
update core plugin.py translation.py processing_models.py algorithms/base.py algorithms/provider.py \
  algorithms/dependencies.py $core_layers
update fields algorithms/field_labels.py  # the output fields' vocabulary every domain shares (context "fields")
for domain in algorithms/*/; do
  name=$(basename "$domain")
  [ "$name" = "__pycache__" ] && continue
  files=$(find "$domain" -name '*.py' | sort)
  [ "$name" = "mapping" ] && files="$files layers/layout.py"  # the print layout belongs to the map export
  [ -n "$files" ] && update "$name" $files
done
if [ -d ui ] && ls ui/*.py >/dev/null 2>&1; then
  update ui ui/*.py $(ls ui/*.ui 2>/dev/null || true)
fi
echo "Unfinished translations:"
grep -c 'type="unfinished"' i18n/zh-Hans/*.ts || true
