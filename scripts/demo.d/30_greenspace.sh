# Park service coverage ("300 m to green, 500 m to a park") of the Helsinki population grid cells
# (the bundled grid holds the cells that meet the OSM extract), walking on the OSM streets.
echo "== Park service coverage: Helsinki parks, OSM walking network, HSY population grid"
qgis_process run urbanization:parkcoverage -- \
  "PARKS=$DATA/helsinki_osm_layers.gpkg|layername=parks" PARK_NAME_FIELD=name \
  "NETWORK=$DATA/helsinki_osm_layers.gpkg|layername=roads" \
  "RESIDENTIAL=$DATA/helsinki_population_grid_2020.gpkg|layername=population_grid_2020" POPULATION_FIELD=population STANDARD=green300_park500 \
  "SERVICE_AREAS=$OUT/park_service_areas.gpkg" "RESIDENTIAL_RESULT=$OUT/park_coverage.gpkg" \
  "UNDERSERVED=$OUT/park_underserved.gpkg" "SUMMARY=$OUT/park_coverage_summary.gpkg" \
  "REPORT=$OUT/park_coverage.html" \
  | awk -F'\t' '/^COVERAGE_RATE/ {sub(/:$/, "", $1); printf "%s: %.1f %%\n", $1, 100 * $2} /^MODE|rror/ {print}' || true
