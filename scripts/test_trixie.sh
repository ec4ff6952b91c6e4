#!/usr/bin/env bash
# Run the QGIS-dependent tests (tests/qgis) on QGIS 3.40 LTR, in the Debian 13 root that
# scripts/trixie_root.sh builds (once; later calls only check its stamps). Arguments go to pytest.
# The pure unit tests do not depend on QGIS and run once, on the machine (scripts/test.sh).
#   bash scripts/test_trixie.sh -q                       # all QGIS tests on 3.40
#   bash scripts/test_trixie.sh -q tests/qgis/test_x.py  # some
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
targets=()
for arg in "$@"; do [[ "$arg" == tests/* ]] && targets+=("$arg"); done
[ ${#targets[@]} -eq 0 ] && set -- "$@" tests/qgis
exec bash scripts/trixie_root.sh --run env URBANIZATION_VENV=/opt/venv \
  bash -c 'cd "$1" && shift && source scripts/env.sh && echo "== pytest on $(python3 -c "from qgis.core import Qgis; print(\"QGIS\", Qgis.QGIS_VERSION)" 2>/dev/null)" \
    && exec /opt/venv/bin/python -m pytest "$@"' test_trixie "$CHECKOUT" "$@"
