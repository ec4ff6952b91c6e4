#!/usr/bin/env bash
# Set everything up (idempotent) and run the whole test suite: lint, the Qt6 static check and the
# pure-engine rule; all tests on the machine's QGIS 3.22; the QGIS tests (tests/qgis) on QGIS 3.40
# LTR and 3.44 LTR, each in a cached Debian root (scripts/debian_root.sh, built once, a few minutes);
# the demo once per version as a smoke test. Every leg gates. Arguments go to pytest on every leg.
#   QGIS_VERSIONS=3.44 bash scripts/test.sh    # one leg (or any subset of "3.22 3.40 3.44")
# The roots are built while the 3.22 tests run; the 3.40 and 3.44 legs then run side by side, each
# into its log under build/logs/, printed when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
QGIS_VERSIONS=${QGIS_VERSIONS:-"3.22 3.40 3.44"}
wants() { [[ " $QGIS_VERSIONS " == *" $1 "* ]]; }
bash scripts/setup.sh
source scripts/env.sh
LOGS=build/logs
mkdir -p "$LOGS"
echo "== ruff (lint, 120-character lines, format)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== pure engines import no QGIS/Qt"
bash scripts/check_pure.sh

declare -A root_pid
for version in 3.40 3.44; do
  wants "$version" || continue
  bash scripts/debian_root.sh "$version" > "$LOGS/root-$version.log" 2>&1 &
  root_pid[$version]=$!
done

status=0
failed_legs=()
if wants 3.22; then
  echo "== QGIS 3.22 (Debian 12, the machine): all tests"
  started=$SECONDS
  leg_status=0
  .venv/bin/python -m pytest "$@" 2>&1 | tee "$LOGS/test-3.22.log" || leg_status=$?
  echo "== QGIS 3.22: the demo"
  DEMO_OUTPUT="$(pwd)/build/demo-3.22" bash scripts/demo.sh > "$LOGS/demo-3.22.log" 2>&1 || {
    leg_status=$((leg_status ? leg_status : 1)); echo "   the demo failed:"; tail -20 "$LOGS/demo-3.22.log"; }
  echo "   QGIS 3.22 tests and demo: $((SECONDS - started)) s"
  [ "$leg_status" -eq 0 ] || { status=$leg_status; failed_legs+=(3.22); }
fi

declare -A leg_pid
for version in 3.40 3.44; do
  wants "$version" || continue
  if ! wait "${root_pid[$version]}"; then
    echo "== QGIS $version: building its Debian root failed"; tail -30 "$LOGS/root-$version.log"
    status=1; failed_legs+=("$version"); continue
  fi
  (
    started=$SECONDS leg_status=0
    bash scripts/leg.sh "$version" test "$@" > "$LOGS/test-$version.log" 2>&1 || leg_status=$?
    DEMO_OUTPUT="$(pwd)/build/demo-$version" bash scripts/leg.sh "$version" demo > "$LOGS/demo-$version.log" 2>&1 \
      || { leg_status=$((leg_status ? leg_status : 1)); echo "the demo failed (see its log)" >> "$LOGS/test-$version.log"; }
    echo "$((SECONDS - started))" > "$LOGS/seconds-$version"
    exit "$leg_status"
  ) &
  leg_pid[$version]=$!
done
for version in 3.40 3.44; do
  [ -n "${leg_pid[$version]:-}" ] || continue
  leg_status=0
  wait "${leg_pid[$version]}" || leg_status=$?
  echo "== QGIS $version (Debian root): the QGIS tests, then the demo"
  cat "$LOGS/test-$version.log"
  [ "$leg_status" -eq 0 ] || tail -20 "$LOGS/demo-$version.log"
  echo "   QGIS $version tests and demo: $(cat "$LOGS/seconds-$version") s"
  [ "$leg_status" -eq 0 ] || { status=$((status ? status : leg_status)); failed_legs+=("$version"); }
done

# one closing line for every leg together
python3 - "$LOGS" $QGIS_VERSIONS <<'PY'
import re, sys
from pathlib import Path
totals = dict.fromkeys(("passed", "failed", "skipped", "error"), 0)
for version in sys.argv[2:]:
    log = Path(sys.argv[1]) / f"test-{version}.log"
    lines = [line for line in log.read_text(errors="replace").splitlines() if re.search(r"\d+ (passed|failed)", line)] \
        if log.exists() else []
    for count, word in re.findall(r"(\d+) (passed|failed|skipped|error)", lines[-1] if lines else ""):
        totals[word] += int(count)
print(f"total: {totals['passed']} passed, {totals['failed'] + totals['error']} failed, {totals['skipped']} skipped")
PY
[ "$status" -eq 0 ] || echo "failed legs: ${failed_legs[*]}"
exit "$status"
