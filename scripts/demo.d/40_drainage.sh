# Drainage corridors (排涝通道) on the bundled Big Tujunga DEM, corridors from 1 km2 of contributing
# area. The bundled data has no roads there, so the crossing check uses an illustrative straight
# east-west transect across the DEM (made here, not a real road). GDAL_PAM_ENABLED=NO: leave no
# statistics file (.aux.xml) next to the bundled DEM.
echo "== Drainage corridors: bigtujunga.tif (SRTM 30 m), 1 km2 threshold, half-widths 1:10,2:15,3:25,4:40"
cat > "$OUT/drainage_transect.geojson" <<'JSON'
{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32611"}},
 "features": [{"type": "Feature", "properties": {"name": "illustrative transect (not a real road)"},
   "geometry": {"type": "LineString", "coordinates": [[378000, 3798000], [413000, 3798000]]}}]}
JSON
GDAL_PAM_ENABLED=NO qgis_process run urbanization:drainagecorridors -- \
  "DEM=$DATA/bigtujunga.tif" MIN_CONTRIBUTING_AREA=100 "CORRIDOR_WIDTHS=1:10,2:15,3:25,4:40" \
  "ROADS=$OUT/drainage_transect.geojson" ROAD_NAME_FIELD=name \
  "ACCUMULATION=$OUT/drainage_accumulation.tif" "CORRIDORS=$OUT/drainage_corridors.gpkg" \
  "CORRIDOR_ZONES=$OUT/drainage_zones.gpkg" "CROSSINGS=$OUT/drainage_crossings.gpkg" \
  "REPORT=$OUT/drainage_report.html" | grep -E "^(TOTAL_LENGTH_KM|CROSSING_COUNT|CORRIDORS)|rror" | sort -u || true
