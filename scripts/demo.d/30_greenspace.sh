# Park service coverage ("300 m to green, 500 m to a park") of the Helsinki population grid cells
# that lie in the OSM extract, walking on the OSM streets.
echo "== Park service coverage: Helsinki parks, OSM walking network, HSY population grid"
# The extract's bounding box as a layer: qgis_process 3.40 and 3.44 read an "xmin,xmax,ymin,ymax
# [EPSG:4326]" extent string as a file name, every version reads a layer's extent alike
EXTRACT_EXTENT="$OUT/osm_extract_extent.geojson"
printf '%s' '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry":
  {"type": "Polygon", "coordinates": [[[24.9351837, 60.1641581], [24.9534132, 60.1641581],
  [24.9534132, 60.1791074], [24.9351837, 60.1791074], [24.9351837, 60.1641581]]]}}]}' > "$EXTRACT_EXTENT"
qgis_process run native:extractbyextent -- \
  "INPUT=$DATA/helsinki_population_grid_2020.gpkg|layername=population_grid_2020" \
  "EXTENT=$EXTRACT_EXTENT" CLIP=false \
  "OUTPUT=$OUT/helsinki_grid_in_extract.gpkg" >/dev/null
qgis_process run urbanization:parkcoverage -- \
  "PARKS=$DATA/helsinki_osm_layers.gpkg|layername=parks" PARK_NAME_FIELD=name \
  "NETWORK=$DATA/helsinki_osm_layers.gpkg|layername=roads" \
  "RESIDENTIAL=$OUT/helsinki_grid_in_extract.gpkg" POPULATION_FIELD=population STANDARD=green300_park500 \
  "SERVICE_AREAS=$OUT/park_service_areas.gpkg" "RESIDENTIAL_RESULT=$OUT/park_coverage.gpkg" \
  "UNDERSERVED=$OUT/park_underserved.gpkg" "SUMMARY=$OUT/park_coverage_summary.gpkg" \
  "REPORT=$OUT/park_coverage.html" \
  | awk -F'\t' '/^COVERAGE_RATE/ {sub(/:$/, "", $1); printf "%s: %.1f %%\n", $1, 100 * $2} /^MODE|rror/ {print}' || true
