#!/usr/bin/env bash
# GRASS reference for the drainage domain: r.watershed -s (single flow direction) stream cells.
# Used to make tests/data/drainage_bigtujunga_grass_streams.npz and by benchmarks/bench_drainage.py.
# Usage: bash benchmarks/grass_drainage.sh DEM.tif THRESHOLD_CELLS OUT_STREAMS.tif
# Exact commands (GRASS 8.2, Debian bookworm package grass-core):
#   grass --tmp-location DEM.tif --exec bash -c '
#     r.in.gdal -o input=DEM.tif output=dem
#     g.region raster=dem
#     r.watershed -s elevation=dem threshold=THRESHOLD_CELLS stream=streams memory=4000
#     r.out.gdal -c input=streams output=OUT_STREAMS.tif format=GTiff type=Int32 createopt=COMPRESS=DEFLATE'
set -euo pipefail
dem="$(realpath "$1")"; threshold="$2"; out="$(realpath -m "$3")"
grass --tmp-location "$dem" --exec bash -c "
  set -e
  r.in.gdal -o --quiet input='$dem' output=dem
  g.region raster=dem
  r.watershed -s --quiet elevation=dem threshold=$threshold stream=streams memory=4000
  r.out.gdal -c --quiet --overwrite input=streams output='$out' format=GTiff type=Int32 createopt=COMPRESS=DEFLATE
"
