#!/usr/bin/env bash
# Run the QGIS-dependent tests (tests/qgis) on QGIS 3.40 LTR, in the Debian 13 root that
# scripts/trixie_root.sh builds (once; later calls only check its stamps). Arguments go to pytest;
# test paths outside tests/qgis are dropped (the pure unit tests do not depend on QGIS and run
# once, on the machine: scripts/test.sh).
#   bash scripts/test_trixie.sh -q                       # all QGIS tests on 3.40
#   bash scripts/test_trixie.sh -q tests/qgis/test_x.py  # some
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
args=() paths=0 qgis_paths=0
for arg in "$@"; do
  if [[ "$arg" == tests/* || "$arg" == ./tests/* ]]; then
    paths=$((paths + 1))
    [[ "$arg" == *tests/qgis* ]] || continue
    qgis_paths=$((qgis_paths + 1))
  fi
  args+=("$arg")
done
if [ "$paths" -gt 0 ] && [ "$qgis_paths" -eq 0 ]; then
  echo "no tests/qgis paths among the arguments: nothing to run on QGIS 3.40"; exit 0
fi
[ "$paths" -eq 0 ] && args+=(tests/qgis)
[ -e build/plugins/urbanization_planning ] || bash scripts/setup.sh  # the plugin link, translations
exec bash scripts/trixie_root.sh --run env URBANIZATION_VENV=/opt/venv \
  bash -c 'cd "$1" && shift && source scripts/env.sh \
    && echo "   $(python3 -c "from qgis.core import Qgis; print(\"QGIS\", Qgis.QGIS_VERSION)" 2>/dev/null)" \
    && exec /opt/venv/bin/python -m pytest "$@"' test_trixie "$CHECKOUT" "${args[@]}"
