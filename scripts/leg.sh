#!/usr/bin/env bash
# Run the tests or the demo on a newer QGIS LTR, in the Debian root that scripts/debian_root.sh builds
# (once; later calls only check its stamps). The machine's own QGIS 3.22 needs no root: scripts/test.sh
# and scripts/demo.sh run there directly.
#   bash scripts/leg.sh 3.44 test -q                       # all QGIS tests (tests/qgis) on 3.44
#   bash scripts/leg.sh 3.40 test -q tests/qgis/test_x.py  # some
#   bash scripts/leg.sh 3.44 demo                          # the demo on the bundled sample data
# Test paths outside tests/qgis are dropped: the pure unit tests do not depend on QGIS and run once,
# on the machine (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
QGIS_VERSION=${1:?usage: scripts/leg.sh 3.40|3.44 test|demo [pytest arguments]}
WHAT=${2:?usage: scripts/leg.sh 3.40|3.44 test|demo [pytest arguments]}
shift 2
[ -e build/plugins/urbanization_planning ] || bash scripts/setup.sh  # the plugin link, translations
# the leg's QGIS and library versions, printed once per run
versions='python3 -c "from qgis.core import Qgis; import sys, numpy, shapely, geopandas
from osgeo import gdal
print(\"   QGIS\", Qgis.QGIS_VERSION, \"| Python\", sys.version.split()[0], \"| numpy\", numpy.__version__,
      \"| shapely\", shapely.__version__, \"(GEOS\", shapely.geos_version_string + \")\", \"| geopandas\",
      geopandas.__version__, \"| GDAL\", gdal.__version__)" 2>/dev/null || true'
case "$WHAT" in
  test)
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
      echo "no tests/qgis paths among the arguments: nothing to run on QGIS $QGIS_VERSION"; exit 0
    fi
    [ "$paths" -eq 0 ] && args+=(tests/qgis)
    command=(bash -c "cd \"\$1\" && shift && source scripts/env.sh && $versions && exec /opt/venv/bin/python -m pytest \"\$@\""
      leg "$CHECKOUT" "${args[@]}")
    ;;
  demo)
    command=(bash -c "cd \"\$1\" && source scripts/env.sh && $versions && exec bash scripts/demo.sh" leg "$CHECKOUT")
    ;;
  *) echo "scripts/leg.sh: say test or demo, not '$WHAT'" >&2; exit 2 ;;
esac
exec bash scripts/debian_root.sh "$QGIS_VERSION" --run env URBANIZATION_VENV=/opt/venv \
  ${DEMO_OUTPUT:+DEMO_OUTPUT="$DEMO_OUTPUT"} "${command[@]}"
