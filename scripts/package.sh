#!/usr/bin/env bash
# Build the plugin zip planners install with "Plugins > Install from ZIP": the committed plugin
# files under urbanization_planning/, compiled translations included, development files left out.
# Usage: scripts/package.sh [output.zip]   (default build/urbanization_planning-<version>.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' metadata.txt)
output=$(realpath -m "${1:-build/urbanization_planning-$version.zip}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive --format=tar --prefix=urbanization_planning/ HEAD | tar -x -C "$work"
plugin="$work/urbanization_planning"
rm -rf "$plugin"/{tests,benchmarks,scripts,docs,.ci,Makefile,pyproject.toml,requirements-dev.txt,.gitignore}
lrelease -silent "$plugin"/i18n/zh-Hans/*.ts -qm "$plugin/i18n/urbanization_zh-Hans.qm"
mkdir -p "$(dirname "$output")"
rm -f "$output"
(cd "$work" && python3 -m zipfile -c "$output" urbanization_planning)
echo "$output"
