# Express (大站直达) on Kunming Metro line 1 towards 东风广场: the documented pattern of the bundled
# sample (express stops 环城南路 昆明火车站 巫家坝 新亚洲体育城 南部汽车站 斗南 联大街 大学城 大学城南,
# see scripts/make_kunming_sample.py), default run-time model and headways (resources/standards/transit.json).
echo "== Express service evaluation: Kunming line 1 express, destination 东风广场"
qgis_process run urbanization:expressservice -- \
  "STATIONS=$DATA/kunming_metro_sample.gpkg|layername=stations" STATION_ID_FIELD=station_id \
  STATION_NAME_FIELD=name LINE_FIELD=line ORDER_FIELD=order EXPRESS_FIELD=express DESTINATION=东风广场 \
  "STATION_TIMES=$OUT/kunming_express_times.gpkg" "REPORT=$OUT/kunming_express_report.html" \
  | grep -E "^(MEAN_MINUTES_SAVED|MAX_MINUTES_SAVED|STATIONS_GAINING|DISTANCE_METHOD|REPORT)|rror" | sort -u || true
echo "   minutes saved per station (all-stop -> with express, door to door):"
ogrinfo -q -ro -sql "SELECT name, allstop_total_min, express_total_min, minutes_saved FROM kunming_express_times WHERE minutes_saved > 0.05 ORDER BY allstop_total_min" \
  "$OUT/kunming_express_times.gpkg" 2>/dev/null \
  | awk -F' = ' '/name \(String\)/{n=$2} /allstop_total_min/{a=$2} /express_total_min/{e=$2} /minutes_saved/{printf "   %-12s %6.1f -> %6.1f min  saves %4.1f min\n", n, a, e, $2}'
echo "== Station walking catchments: Helsinki metro stations on OSM streets, 300/500/800 m, population grid"
qgis_process run urbanization:stationcatchments -- \
  "STATIONS=$DATA/helsinki_osm_layers.gpkg|layername=rail_stations" STATION_NAME_FIELD=name \
  "NETWORK=$DATA/helsinki_osm_layers.gpkg|layername=roads" BANDS=300,500,800 \
  "POPULATION=$DATA/helsinki_population_grid_2020.gpkg" POPULATION_FIELD=population ALLOCATION=overlapping \
  "CATCHMENTS=$OUT/helsinki_station_catchments.gpkg" "STATION_SUMMARY=$OUT/helsinki_station_summary.gpkg" \
  "REPORT=$OUT/helsinki_catchments_report.html" | grep -E "^(POPULATION_COVERED|POPULATION_TOTAL|POPULATION_NOT_COVERED|POPULATION_UNREACHABLE|REPORT)|rror" | sort -u || true
