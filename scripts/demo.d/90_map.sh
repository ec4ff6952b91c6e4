# Last step: planning map sheets (规划图件) of the sample data and of the outputs of the steps above,
# one PDF per sample area that has results, through qgis_process with a project (the export needs one).
echo "== Export planning map: PDF map sheets with Chinese titles"
.venv/bin/python -W ignore::DeprecationWarning scripts/map_project.py "$DATA" "$OUT" "$OUT/planning_maps.qgz" > "$OUT/planning_maps.txt"
while IFS=$'\t' read -r sheet title ids; do
  args=()
  IFS=';' read -ra layers <<< "$ids"
  for layer in "${layers[@]}"; do args+=("LAYERS=$layer"); done
  qgis_process run urbanization:exportplanningmap "--PROJECT_PATH=$OUT/planning_maps.qgz" -- "${args[@]}" \
    "TITLE=$title" "SUBTITLE=Urbanization Planning Toolkit demo / 城镇化规划工具箱示例" \
    "UNIT=示例数据 Sample data" TEMPLATE=a4_landscape DPI=200 "OUTPUT=$OUT/planning_map_$sheet.pdf" \
    | awk -v s="$sheet" '/^Results/{r=1} /ERROR|Error/ || (r && /^(OUTPUT|SCALE|CRS)/){print "  " s ": " $0}' || true
done < "$OUT/planning_maps.txt"
