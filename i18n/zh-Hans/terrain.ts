<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>The construction suitability presets (planner&apos;s copy in {}) cannot be used: {}. Fix or delete the file (menu Urbanization Planning &gt; Standards presets...) and run again.</source>
        <translation>城镇建设适宜性预设（规划人员副本位于 {}）无法使用：{}。请修正或删除该文件（菜单“城镇规划工具 &gt; 标准预设...”）后重新运行。</translation>
    </message>
</context>
<context>
    <name>ConstructionSuitabilityAlgorithm</name>
    <message>
        <source>Town construction suitability (城镇建设适宜性评价, 城镇上山)</source>
        <translation>城镇建设适宜性评价（城镇上山）</translation>
    </message>
    <message>
        <source>slope,relief,suitability,mountain city,双评价,城镇建设适宜性,城镇上山,坝区,山区宜建地,坡度,地形起伏度</source>
        <translation>坡度,地形起伏度,适宜性,山地城镇,双评价,城镇建设适宜性,城镇上山,坝区,山区宜建地,slope,relief</translation>
    </message>
    <message>
        <source>双评价 town-building grades (高 to 低)</source>
        <translation>双评价城镇建设等级（高至低）</translation>
    </message>
    <message>
        <source>Yunnan 城镇上山: 坝区, 山区宜建地, too steep</source>
        <translation>云南城镇上山：坝区、山区宜建地、过陡</translation>
    </message>
    <message>
        <source>Relief window side (m; 地形起伏度 = highest minus lowest cell in the window)</source>
        <translation>地形起伏度窗口边长（米；窗口内最高与最低栅格高程之差）</translation>
    </message>
    <message>
        <source>Construction suitability classes</source>
        <translation>城镇建设适宜性分类</translation>
    </message>
    <message>
        <source>Slope (degrees)</source>
        <translation>坡度（度）</translation>
    </message>
    <message>
        <source>Suitability class polygons</source>
        <translation>适宜性分类面</translation>
    </message>
    <message>
        <source>Suitability summary by unit</source>
        <translation>分单元适宜性汇总</translation>
    </message>
    <message>
        <source>Development boundary on excluded land</source>
        <translation>开发边界位于扣除范围内的部分</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <source>Evaluated area (m²)</source>
        <translation>评价面积（平方米）</translation>
    </message>
    <message>
        <source>坝区 area (m²)</source>
        <translation>坝区面积（平方米）</translation>
    </message>
    <message>
        <source>山区宜建地 area (m²)</source>
        <translation>山区宜建地面积（平方米）</translation>
    </message>
    <message>
        <source>Excluded area (m²)</source>
        <translation>扣除面积（平方米）</translation>
    </message>
    <message>
        <source>Relief window: {} x {} cells ({} m asked, cells of {} x {} m).</source>
        <translation>地形起伏度窗口：{} x {} 个栅格（设定 {} 米，栅格 {} x {} 米）。</translation>
    </message>
    <message>
        <source>Tiled path: {} x {} tiles of at most {} x {} cells, each read with a {}-cell halo, on {}.</source>
        <translation>分块计算：{} x {} 块，每块最多 {} x {} 个栅格，各带 {} 个栅格的缓冲边，运行于 {}。</translation>
    </message>
    <message>
        <source>Construction suitability</source>
        <translation>城镇建设适宜性</translation>
    </message>
    <message>
        <source>Computed tile by tile ({} x {} tiles, {}); every cell equals the whole-raster path&apos;s.</source>
        <translation>分块计算（{} x {} 块，{}）；每个栅格与整幅计算结果相同。</translation>
    </message>
    <message>
        <source>(whole DEM)</source>
        <translation>（整幅DEM）</translation>
    </message>
    <message>
        <source>Unit &apos;{}&apos;: {} ha lie outside the DEM and are not evaluated (outside_dem_m2).</source>
        <translation>单元“{}”：{} 公顷位于DEM范围之外，未参与评价（outside_dem_m2）。</translation>
    </message>
    <message>
        <source>DEM &apos;{}&apos;: {} ha without elevation (nodata) are left out and counted in nodata_m2.</source>
        <translation>DEM“{}”：{} 公顷无高程（无值），未参与评价，计入 nodata_m2。</translation>
    </message>
    <message>
        <source>Evaluated {} ha: 坝区 {} ha, 山区宜建地 {} ha, excluded {} ha (CGCS2000 ellipsoidal).</source>
        <translation>评价 {} 公顷：坝区 {} 公顷，山区宜建地 {} 公顷，扣除 {} 公顷（CGCS2000椭球面积）。</translation>
    </message>
    <message>
        <source>Slope: Horn's method on the ground size of each row's cells ({} x {} m at the DEM's centre; per row on the ellipsoid for a geographic DEM). Relief (地形起伏度): highest minus lowest elevation in a {} x {} cell window.</source>
        <translation>坡度：Horn算法，按每行栅格的地面尺寸计算（DEM中心处 {} x {} 米；地理坐标DEM按椭球逐行计算）。地形起伏度：{} x {} 栅格窗口内最高与最低高程之差。</translation>
    </message>
    <message>
        <source>Grades (screening): slope classes at {}°, lowered by relief {} and elevation {} ([threshold m, grades]); the guide's own table was not found in public text, so the preset is marked unverified.</source>
        <translation>等级（筛查）：坡度分级界线 {}°，按地形起伏度 {} 和高程 {}（[阈值米, 降级数]）降级；公开文本中未找到指南原表，预设标为“未核实”。</translation>
    </message>
    <message>
        <source>坝区: slope below {}°; 山区宜建地: slope {}-{}° outside every exclusion (Yunnan 城镇上山, secondary source). A cell belongs to a polygon when its centre lies inside; a cell excluded for two reasons counts once in the excluded total and once under each reason.</source>
        <translation>坝区：坡度小于 {}°；山区宜建地：坡度 {}°-{}° 且不在任何扣除范围内（云南城镇上山，二手资料）。栅格中心落在面内即属于该面；因两种原因被扣除的栅格在扣除合计中计一次，在各原因中各计一次。</translation>
    </message>
    <message>
        <source>Areas: cell areas on the ellipsoid (CGCS2000/GRS80), per row.</source>
        <translation>面积：逐行计算的椭球（CGCS2000）栅格面积。</translation>
    </message>
    <message>
        <source>Relief window side of {} m is {} cells wide, larger than twice the DEM &apos;{}&apos; ({} x {} cells): choose a window of at most a few kilometres (the default is {} m).</source>
        <translation>地形起伏度窗口边长 {} 米相当于 {} 个栅格，超过DEM“{}”（{} x {} 个栅格）的两倍：请选择不超过数千米的窗口（默认 {} 米）。</translation>
    </message>
    <message>
        <source>Classes of the suitability raster</source>
        <translation>适宜性栅格分类</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <source>Exclusion: ecological protection red line (生态保护红线, polygons)</source>
        <translation>扣除：生态保护红线（面）</translation>
    </message>
    <message>
        <source>Exclusion: permanent basic farmland (永久基本农田, polygons)</source>
        <translation>扣除：永久基本农田（面）</translation>
    </message>
    <message>
        <source>Exclusion: geohazard susceptibility high/very high (地质灾害高/极高易发区)</source>
        <translation>扣除：地质灾害高/极高易发区（面）</translation>
    </message>
    <message>
        <source>Exclusion: active faults (活动断裂, lines, buffered)</source>
        <translation>扣除：活动断裂（线，按避让距离缓冲）</translation>
    </message>
    <message>
        <source>Exclusion: flood storage or flood-prone areas (蓄滞洪区, polygons)</source>
        <translation>扣除：蓄滞洪区/洪涝风险区（面）</translation>
    </message>
    <message>
        <source>Exclusion: historic and cultural protection areas (历史文化保护范围, polygons)</source>
        <translation>扣除：历史文化保护范围（面）</translation>
    </message>
    <message>
        <source>Exclusion: overlain mineral resources (压覆矿, polygons)</source>
        <translation>扣除：压覆矿产（面）</translation>
    </message>
    <message>
        <source>Exclusion: water bodies (水域, polygons)</source>
        <translation>扣除：水域（面）</translation>
    </message>
    <message>
        <source>Active fault buffer on each side (m)</source>
        <translation>活动断裂每侧避让距离（米）</translation>
    </message>
    <message>
        <source>Evaluation units, e.g. counties or towns (polygons)</source>
        <translation>评价单元，如县、乡镇（面）</translation>
    </message>
    <message>
        <source>Unit name field</source>
        <translation>单元名称字段</translation>
    </message>
    <message>
        <source>Urban development boundary (城镇开发边界, polygons)</source>
        <translation>城镇开发边界（面）</translation>
    </message>
    <message>
        <source>Development boundary name field</source>
        <translation>开发边界名称字段</translation>
    </message>
    <message>
        <source>Exclusion layer &apos;{}&apos; has no features: it excludes nothing.</source>
        <translation>扣除图层“{}”没有要素：不扣除任何范围。</translation>
    </message>
    <message>
        <source>Unit {}</source>
        <translation>单元 {}</translation>
    </message>
    <message>
        <source>Boundary {}</source>
        <translation>边界 {}</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no features with a geometry: it is left out.</source>
        <translation>图层“{}”没有带几何的要素：已忽略。</translation>
    </message>
    <message>
        <source>Construction suitability</source>
        <translation>城镇建设适宜性</translation>
    </message>
    <message>
        <source>Slope (degrees)</source>
        <translation>坡度（度）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Land for town building by grade (hectares, CGCS2000 ellipsoidal)</source>
        <translation>城镇建设土地资源分级面积（公顷，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Evaluated (ha)</source>
        <translation>评价面积（公顷）</translation>
    </message>
    <message>
        <source>坝区 share (%)</source>
        <translation>坝区占比（%）</translation>
    </message>
    <message>
        <source>山区宜建地 share (%)</source>
        <translation>山区宜建地占比（%）</translation>
    </message>
    <message>
        <source>No elevation (ha)</source>
        <translation>无高程（公顷）</translation>
    </message>
    <message>
        <source>Outside the DEM (ha)</source>
        <translation>DEM范围外（公顷）</translation>
    </message>
    <message>
        <source>Excluded, counted once (ha)</source>
        <translation>扣除合计（不重复计，公顷）</translation>
    </message>
    <message>
        <source>Town-building land grades (双评价)</source>
        <translation>城镇建设土地资源等级（双评价）</translation>
    </message>
    <message>
        <source>城镇上山: 坝区 and 山区宜建地</source>
        <translation>城镇上山：坝区与山区宜建地</translation>
    </message>
    <message>
        <source>Excluded land by reason</source>
        <translation>分原因扣除面积</translation>
    </message>
    <message>
        <source>Development boundary on excluded land (conflicts)</source>
        <translation>开发边界位于扣除范围内的部分（冲突）</translation>
    </message>
    <message>
        <source>Boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Area (ha)</source>
        <translation>面积（公顷）</translation>
    </message>
    <message>
        <source>No part of the development boundary lies on excluded land.</source>
        <translation>开发边界没有位于扣除范围内的部分。</translation>
    </message>
    <message>
        <source>Town construction suitability (城镇建设适宜性评价)</source>
        <translation>城镇建设适宜性评价</translation>
    </message>
    <message>
        <source>坝区 (ha)</source>
        <translation>坝区（公顷）</translation>
    </message>
    <message>
        <source>山区宜建地 (ha)</source>
        <translation>山区宜建地（公顷）</translation>
    </message>
    <message>
        <source>三调 land-use parcels, to count buildable land that is 耕地 now (polygons)</source>
        <translation>三调地类图斑，用于统计现状为耕地的可建设用地（面）</translation>
    </message>
    <message>
        <source>Land-use code field of the parcels (DLBM; 01xx = 耕地)</source>
        <translation>图斑地类编码字段（DLBM；01xx为耕地）</translation>
    </message>
    <message>
        <source>Choose the land-use code field of '{}' (e.g. DLBM) to find its 耕地 parcels.</source>
        <translation>请选择“{}”的地类编码字段（如 DLBM），以识别其中的耕地图斑。</translation>
    </message>
    <message>
        <source>'{}': {} of {} parcels are 耕地 (code 01xx).</source>
        <translation>“{}”：{} 个图斑（共 {} 个）为耕地（编码01xx）。</translation>
    </message>
    <message>
        <source>Buildable land that is 耕地 now (三调)</source>
        <translation>现状为耕地的可建设用地（三调）</translation>
    </message>
    <message>
        <source>耕地 (ha)</source>
        <translation>耕地（公顷）</translation>
    </message>
    <message>
        <source>耕地 in the 坝区 (ha)</source>
        <translation>坝区内耕地（公顷）</translation>
    </message>
    <message>
        <source>耕地 on 山区宜建地 (ha)</source>
        <translation>山区宜建地上的耕地（公顷）</translation>
    </message>
    <message>
        <source>Area by elevation band (ha)</source>
        <translation>分高程带面积（公顷）</translation>
    </message>
</context>
</TS>
