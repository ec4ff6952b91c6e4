#!/usr/bin/env bash
# Set everything up (idempotent) and run the main job on the bundled sample data through
# qgis_process, exactly as a planner would from the command line. Outputs go to demo_output/.
set -euo pipefail
cd "$(dirname "$0")/.."
# in a Debian root of scripts/leg.sh the root's venv is given and the machine's setup is not ours to run
[ -n "${URBANIZATION_VENV:-}" ] || bash scripts/setup.sh
source scripts/env.sh
OUT="${DEMO_OUTPUT:-$(pwd)/demo_output}"
mkdir -p "$OUT"
qgis_process plugins enable urbanization_planning >/dev/null 2>&1 || true  # exits 1 when already enabled
if ! qgis_process list 2>/dev/null | grep -q "urbanization:"; then
  echo "qgis_process does not see the plugin's algorithms (QGIS_PLUGINPATH=$QGIS_PLUGINPATH)" >&2
  exit 1
fi
DATA="$(pwd)/resources/sample_data"
for step in scripts/demo.d/*.sh; do
  # shellcheck source=/dev/null
  source "$step"
done
echo
echo "Demo outputs are in $OUT"
