# Multi-plan integration on the bundled planning sample (Helsinki OSM land use recoded to the 2023
# Chinese classes, control lines drawn for demonstration): the three control lines (三区三线)
# conflict check, then the production-living-ecological structure and the topology check.
SAMPLE="$DATA/planning_sample.gpkg"
zoning_numbers() {  # print chosen numeric results of a qgis_process --json run: zoning_numbers KEY...
  python3 -c 'import json, sys
text = sys.stdin.read()
results = json.loads(text[text.index("{"):])["results"]
print(", ".join("{} = {:,.0f}".format(k, results[k]) for k in sys.argv[1:]))' "$@"
}
echo "== Control line conflict check (三区三线冲突检查): planning_sample.gpkg"
qgis_process run urbanization:controllineconflicts --json -- \
  "PLAN=$SAMPLE|layername=plan_landuse" LANDUSE_FIELD=DLBM \
  "ECOLOGICAL_REDLINE=$SAMPLE|layername=ecological_redline" \
  "PERMANENT_FARMLAND=$SAMPLE|layername=permanent_farmland" \
  "DEVELOPMENT_BOUNDARY=$SAMPLE|layername=development_boundary" \
  "CONFLICTS=$OUT/zoning_conflicts.gpkg" "LINE_OVERLAPS=$OUT/zoning_line_overlaps.gpkg" \
  "SUMMARY=$OUT/zoning_conflict_summary.csv" "REPORT=$OUT/zoning_conflicts.html" 2>/dev/null \
  | zoning_numbers CONFLICT_COUNT CONFLICT_AREA_M2 OVERLAP_COUNT OVERLAP_AREA_M2 \
  || echo "control line conflict check failed"
echo "== Production-living-ecological space structure (三生空间结构): report $OUT/zoning_space.html"
qgis_process run urbanization:livingspacestructure -- \
  "PLAN=$SAMPLE|layername=plan_landuse" LANDUSE_FIELD=DLBM "OUTPUT=$OUT/zoning_space.gpkg" \
  "SUMMARY=$OUT/zoning_space_summary.csv" "REPORT=$OUT/zoning_space.html" >/dev/null 2>&1 \
  && python3 -c 'import csv, sys
row = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[-1]
print(", ".join("{} {:.1f} %".format(k[:-4], float(v)) for k, v in row.items() if k.endswith("_pct")))' \
  "$OUT/zoning_space_summary.csv" || echo "space structure failed"
echo "== Planning layer topology check (规划图斑拓扑检查): OSM land use as a planning layer"
qgis_process run urbanization:plantopology --json -- \
  "PLAN=$SAMPLE|layername=plan_landuse" "BOUNDARY=$SAMPLE|layername=development_boundary" \
  "ERRORS=$OUT/zoning_topology_errors.gpkg" 2>/dev/null \
  | zoning_numbers OVERLAP_COUNT GAP_COUNT SLIVER_COUNT INVALID_COUNT DUPLICATE_COUNT OUTSIDE_BOUNDARY_COUNT \
  || echo "topology check failed"
