#!/usr/bin/env bash
# Set everything up (idempotent) and run the whole test suite: lint, the Qt6/3.40 static check and
# pure-engine rule, all tests on the machine's QGIS 3.22, then the QGIS tests (tests/qgis) again on
# QGIS 3.40 LTR in a cached Debian 13 root (scripts/test_trixie.sh; built once, about 2 minutes).
# Arguments go to pytest on both. QGIS_VERSIONS="3.22" (or "3.40") runs one only.
set -euo pipefail
cd "$(dirname "$0")/.."
QGIS_VERSIONS=${QGIS_VERSIONS:-"3.22 3.40"}
bash scripts/setup.sh
source scripts/env.sh
echo "== ruff"
.venv/bin/ruff check .
echo "== pure engines import no QGIS/Qt"
bash scripts/check_pure.sh
status=0
if [[ " $QGIS_VERSIONS " == *" 3.22 "* ]]; then
  echo "== pytest on QGIS 3.22 (Debian 12): all tests"
  started=$SECONDS
  .venv/bin/python -m pytest "$@" || status=$?
  echo "   QGIS 3.22 tests: $((SECONDS - started)) s"
fi
if [[ " $QGIS_VERSIONS " == *" 3.40 "* ]]; then
  echo "== pytest on QGIS 3.40 LTR (Debian 13 root): the QGIS tests"
  started=$SECONDS
  trixie_status=0
  bash scripts/test_trixie.sh "$@" || trixie_status=$?
  echo "   QGIS 3.40 setup and tests: $((SECONDS - started)) s"
  if [ "$trixie_status" -ne 0 ]; then status=$((status ? status : trixie_status)); fi
fi
exit "$status"
