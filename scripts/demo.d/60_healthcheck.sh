# City health check (城市体检) on the Helsinki sample with the Chinese indicator definitions: a
# demonstration of the method, not a health check of Helsinki. Built-up area = the demonstration
# development boundary of planning_sample.gpkg; districts = a 2 x 2 grid over the OSM extract;
# residents = the HSY grid cells of the extract (the bundled grid); OSM retail land as
# food markets. Indicators whose layers the sample lacks are listed as not computed.
echo "== City health check (城市体检, demonstration on Helsinki data): indicators by city and district"
# The extract's bounding box as a layer: qgis_process 3.40 and 3.44 read an "xmin,xmax,ymin,ymax
# [EPSG:4326]" extent string as a file name, every version reads a layer's extent alike
EXTRACT_EXTENT="$OUT/osm_extract_extent.geojson"
printf '%s' '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry":
  {"type": "Polygon", "coordinates": [[[24.9351837, 60.1641581], [24.9534132, 60.1641581],
  [24.9534132, 60.1791074], [24.9351837, 60.1791074], [24.9351837, 60.1641581]]]}}]}' > "$EXTRACT_EXTENT"
qgis_process run native:creategrid -- TYPE=2 "EXTENT=$EXTRACT_EXTENT" \
  HSPACING=0.0092 VSPACING=0.0075 CRS=EPSG:4326 "OUTPUT=$OUT/healthcheck_districts.gpkg" >/dev/null
start=$(date +%s.%N)
qgis_process run urbanization:cityhealthcheck -- EDITION=mohurd_2023 \
  "BUILT_UP=$DATA/planning_sample.gpkg|layername=development_boundary" \
  "DISTRICTS=$OUT/healthcheck_districts.gpkg" DISTRICT_NAME_FIELD=id \
  "RESIDENTIAL=$DATA/helsinki_population_grid_2020.gpkg|layername=population_grid_2020" POPULATION_FIELD=population \
  "PARKS=$DATA/helsinki_osm_layers.gpkg|layername=parks" PARK_NAME_FIELD=name \
  "NETWORK=$DATA/helsinki_osm_layers.gpkg|layername=roads" \
  "STATIONS=$DATA/helsinki_osm_layers.gpkg|layername=rail_stations" \
  "FACILITIES=$DATA/helsinki_osm_layers.gpkg|layername=landuse" FACILITY_TYPE_FIELD=landuse "TYPE_MAPPING=retail = market" \
  "INDICATORS=$OUT/healthcheck_indicators.gpkg" "PARK_SERVICE_AREAS=$OUT/healthcheck_park_service.gpkg" \
  "STATION_CATCHMENTS=$OUT/healthcheck_station_catchments.gpkg" "CLUSTERS=$OUT/healthcheck_clusters.gpkg" \
  "DENSE_LAND=$OUT/healthcheck_dense_land.gpkg" "CITY_ROADS=$OUT/healthcheck_city_roads.gpkg" \
  "REPORT=$OUT/healthcheck_report.html" 2>/dev/null \
  | awk '/^Results/ {r = 1} /rror/ || (r && /^(COMPUTED|NOT_COMPUTED|FAILED|REPORT)/) {print}
         /(%|km²)$|not computed, needs/ {sub(/^[0-9.]*\.\./, ""); print "   " $0}' || true
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "   (%.1f s including qgis_process start-up)\n", e - s}'
# The same check as the graphical model resources/models/city_health_check.model3, offered by the
# provider as urbanization:cityhealthcheckmap, whose last step is the planning map sheet (规划图件;
# it runs without a project).
qgis_process run urbanization:cityhealthcheckmap -- \
  edition=mohurd_2023 "built_up=$DATA/planning_sample.gpkg|layername=development_boundary" \
  "districts=$OUT/healthcheck_districts.gpkg" district_name_field=id \
  "residential=$DATA/helsinki_population_grid_2020.gpkg|layername=population_grid_2020" population_field=population \
  "parks=$DATA/helsinki_osm_layers.gpkg|layername=parks" "network=$DATA/helsinki_osm_layers.gpkg|layername=roads" \
  "stations=$DATA/helsinki_osm_layers.gpkg|layername=rail_stations" "title=城市体检空间指标图（赫尔辛基数据示例）" \
  "cityhealthcheck:Health check indicators=$OUT/healthcheck_model_indicators.gpkg" \
  "exportplanningmap:Map sheet=$OUT/healthcheck_sheet.pdf" 2>/dev/null \
  | awk '/^Results/ {r = 1} /rror/ || (r && /Map sheet/) {print}' || true
