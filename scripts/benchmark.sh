#!/usr/bin/env bash
# Set up (idempotent) and run the benchmarks: each figure beside a reference run in the same command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
.venv/bin/python benchmarks/run.py "$@"
