# Kunming metro stations from WGS84 to GCJ-02 (the coordinates AMap shows) and back.
echo "== Convert Chinese map coordinates: Kunming metro stations WGS84 -> GCJ-02"
qgis_process run urbanization:chinacoordinates -- \
  "INPUT=$DATA/kunming_metro_osm.gpkg|layername=stations" FROM=wgs84 TO=gcj02 \
  "OUTPUT=$OUT/kunming_stations_gcj02.gpkg" | grep -E "^OUTPUT|rror" | sort -u || true
