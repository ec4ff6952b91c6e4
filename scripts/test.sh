#!/usr/bin/env bash
# Set everything up (idempotent) and run the whole test suite: lint, pure unit tests, QGIS tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "== ruff"
.venv/bin/ruff check .
echo "== pure engines import no QGIS/Qt"
bash scripts/check_pure.sh
echo "== pytest"
.venv/bin/python -m pytest "$@"
