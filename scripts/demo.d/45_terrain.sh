# Town construction suitability (城镇建设适宜性评价, 城镇上山) on the bundled Big Tujunga DEM: slope
# classes, 坝区 and 山区宜建地 under the Yunnan preset's limits, no exclusion layers (the sample has
# none there). GDAL_PAM_ENABLED=NO: leave no statistics file next to the bundled DEM.
echo "== Construction suitability (城镇上山): bigtujunga.tif (SRTM 30 m), no exclusions"
GDAL_PAM_ENABLED=NO qgis_process run urbanization:constructionsuitability -- \
  "DEM=$DATA/bigtujunga.tif" "CLASSES=$OUT/suitability_classes.tif" \
  "POLYGONS=$OUT/suitability_classes.gpkg" "SUMMARY=$OUT/suitability_summary.gpkg" \
  "REPORT=$OUT/suitability_report.html" \
  | awk -F'\t' '/^(EVALUATED_M2|BAZI_M2|MOUNTAIN_M2|EXCLUDED_M2)/ {sub(/:$/, "", $1); printf "%s: %.1f km2\n", $1, $2 / 1e6} /rror/ {print}' || true
