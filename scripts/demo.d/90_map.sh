# Last step: planning map sheets (规划图件) of the sample data and of the outputs of the steps above,
# one PDF per sample area that has results, through qgis_process with the project the layers are
# styled in, in zh-Hans (LANGUAGE/LANG: the sheet's legend, title block and notes in Chinese).
echo "== Export planning map: PDF map sheets in zh-Hans (图签, 2000国家大地坐标系 where the data are CGCS2000)"
.venv/bin/python scripts/map_project.py "$DATA" "$OUT" "$OUT/planning_maps.qgz" > "$OUT/planning_maps.txt"
number=0
while IFS=$'\t' read -r sheet title ids; do
  number=$((number + 1))
  args=()
  IFS=';' read -ra layers <<< "$ids"
  for layer in "${layers[@]}"; do args+=("LAYERS=$layer"); done
  LANG=zh_CN.UTF-8 LANGUAGE=zh_CN qgis_process run urbanization:exportplanningmap "--PROJECT_PATH=$OUT/planning_maps.qgz" -- "${args[@]}" \
    "TITLE=$title" "SUBTITLE=城镇化规划工具箱示例" "PROJECT_NAME=城镇化规划工具箱示例图集" "DRAWING_NUMBER=示例-$number" \
    "UNIT=示例数据" TEMPLATE=a4_landscape DPI=200 "OUTPUT=$OUT/planning_map_$sheet.pdf" \
    | awk -v s="$sheet" '/^Results/{r=1} /ERROR|Error/ || (r && /^(OUTPUT|SCALE|CRS)/){print "  " s ": " $0}' || true
done < "$OUT/planning_maps.txt"
