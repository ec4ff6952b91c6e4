<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>The drainage preset (planner&apos;s copy in {}) cannot be used: {}. Fix or delete the file (menu Urbanization Planning &gt; Standards presets...) and run again.</source>
        <translation>排涝参数预设（规划师副本 {}）无法使用：{}。请修正或删除该文件（菜单“城镇化规划 &gt; 标准预设...”）后重新运行。</translation>
    </message>
    <message>
        <source>The DEM does not fit in memory, and tiles would need about {} GiB of disk in the scratch folder {}, where {} GiB are free.</source>
        <translation>高程模型超出可用内存，而分块计算约需 {} GiB 磁盘空间（临时文件夹 {}），该处仅剩 {} GiB。</translation>
    </message>
    <message>
        <source>The DEM does not fit in memory; to analyse it tile by tile install {}:
{}</source>
        <translation>高程模型超出可用内存；如需分块计算，请安装 {}：
{}</translation>
    </message>
    <message>
        <source>Computed tile by tile ({} x {} tiles, {}): parallel priority-flood filling (Barnes 2016) and tiled flow accumulation (Barnes 2017); filled surface, directions and accumulation equal the whole-DEM path&apos;s; flats drain by the shortest way to a lower cell, across tiles ({} exchange rounds).</source>
        <translation>分块计算（{} x {} 块，{}）：并行优先队列填洼（Barnes 2016）与分块汇流累积（Barnes 2017）；填洼面、流向和汇流累积量与整体计算相同；平地沿最短路径流向较低栅格，可跨越分块（交换 {} 轮）。</translation>
    </message>
    <message>
        <source>Whole-DEM path: the DEM fits in memory (tile by tile would be faster with {} installed).</source>
        <translation>整体计算：高程模型可完整放入内存（安装 {} 后分块计算会更快）。</translation>
    </message>
    <message>
        <source>the DEM has {} million cells, where tiles are faster and leaner</source>
        <translation>高程模型有 {} 百万个栅格，此规模下分块计算更快、更省内存</translation>
    </message>
    <message>
        <source>the whole DEM would need about {} GiB, {} GiB are available</source>
        <translation>整体计算约需 {} GiB 内存，可用 {} GiB</translation>
    </message>
    <message>
        <source>Tiled path: {}. {} x {} tiles of at most {} x {} cells on {}.</source>
        <translation>分块计算：{}。共 {} x {} 块，每块至多 {} x {} 个栅格，运行于 {}。</translation>
    </message>
    <message>
        <source>Whole-DEM path: the DEM fits in memory (about {} GiB needed, {} GiB available), and up to {} million cells one pass over the whole DEM is faster than tiles ({} million cells here).</source>
        <translation>整体计算：高程模型可完整放入内存（约需 {} GiB，可用 {} GiB），且在 {} 百万个栅格以内整体一次计算比分块更快（本次 {} 百万个栅格）。</translation>
    </message>
</context>
<context>
    <name>DrainageCorridorsAlgorithm</name>
    <message>
        <source>Drainage corridors (排涝通道识别)</source>
        <translation>排涝通道识别</translation>
    </message>
    <message>
        <source>flood,drainage,corridor,flow accumulation,stream,culvert,排涝通道,汇水,内涝</source>
        <translation>洪涝,排水,排涝通道,汇流累积,河道,涵洞,汇水,内涝,flood,drainage</translation>
    </message>
    <message>
        <source>Contributing area where a corridor starts (hectares)</source>
        <translation>排涝通道起始汇水面积（公顷）</translation>
    </message>
    <message>
        <source>Corridor half-widths by Strahler order (order:metres, ...)</source>
        <translation>按 Strahler 分级的通道半宽（级别:米, ...）</translation>
    </message>
    <message>
        <source>Road name field</source>
        <translation>道路名称字段</translation>
    </message>
    <message>
        <source>Corridor half-widths: {}. Write them as order:metres pairs, e.g. 1:10,2:15,3:25,4:40.</source>
        <translation>通道半宽设置有误：{}。请写成“级别:米”的形式，例如 1:10,2:15,3:25,4:40。</translation>
    </message>
</context>
<context>
    <name>WaterloggingSpotsAlgorithm</name>
    <message>
        <source>Waterlogging-prone depressions (易涝点识别)</source>
        <translation>易涝点识别</translation>
    </message>
    <message>
        <source>flood,waterlogging,depression,sink,ponding,易涝点,内涝,洼地</source>
        <translation>洪涝,内涝,易涝点,洼地,积水,flood,waterlogging</translation>
    </message>
    <message>
        <source>Minimum depression area (m²)</source>
        <translation>最小洼地面积（m²）</translation>
    </message>
    <message>
        <source>Waterlogging-prone depressions</source>
        <translation>易涝洼地</translation>
    </message>
    <message>
        <source>Ponding depth (filled minus original, m)</source>
        <translation>积水深度（填洼后减原高程，米）</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>Number of depressions</source>
        <translation>易涝洼地数量</translation>
    </message>
    <message>
        <source>Total ponding volume (m³)</source>
        <translation>总积水量（m³）</translation>
    </message>
    <message>
        <source>Ponding depth (m)</source>
        <translation>积水深度（米）</translation>
    </message>
    <message>
        <source>{} depression(s) at least {} m deep (of {} hollows), {} m³ of ponding in total.</source>
        <translation>共 {} 个深度不小于 {} 米的易涝洼地（洼地总数 {}），总积水量 {} m³。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>DEM</source>
        <translation>高程模型</translation>
    </message>
    <message>
        <source>Hollows before the thresholds</source>
        <translation>筛选前的洼地数</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Depression id</source>
        <translation>洼地编号</translation>
    </message>
    <message>
        <source>Max depth (m)</source>
        <translation>最大深度（米）</translation>
    </message>
    <message>
        <source>Mean depth (m)</source>
        <translation>平均深度（米）</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <source>Volume (m³)</source>
        <translation>蓄水量（m³）</translation>
    </message>
    <message>
        <source>Upstream area (km²)</source>
        <translation>上游汇水面积（km²）</translation>
    </message>
    <message>
        <source>Road length inside (m)</source>
        <translation>洼地内道路长度（米）</translation>
    </message>
    <message>
        <source>Buildings inside</source>
        <translation>洼地内建筑数量</translation>
    </message>
    <message>
        <source>Largest ponding volumes</source>
        <translation>蓄水量最大的洼地</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Depressions by volume</source>
        <translation>按蓄水量排序的洼地</translation>
    </message>
    <message>
        <source>Screening depth: minimum depth of a filled hollow (m)</source>
        <translation>筛查深度：填洼后洼地的最小深度（米）</translation>
    </message>
    <message>
        <source>Depth is the depression-filled surface minus the DEM (priority flood), in metres: the water a hollow holds when full to its rim.</source>
        <translation>深度为填洼后地表减去原高程（优先队列填洼），单位为米：即洼地蓄满至溢出时的水深。</translation>
    </message>
    <message>
        <source>The screening depth is a screening threshold, not the standard's criterion. GB 51222-2017 §3.2.3 (Table 3.2.3) sets, under the design return period of waterlogging prevention, that ground floors of homes and commercial buildings take in no water and that the water in one traffic lane is no deeper than 15 cm; the default 0.15 m borrows that number to leave out shallow hollows. A DEM sees neither pipes nor inlets: treat the list as places to check, not as a flood model or a compliance check.</source>
        <translation>筛查深度是筛查阈值，不是标准的判定指标。GB 51222-2017 第 3.2.3 条（表 3.2.3）规定：在内涝防治设计重现期下，居民住宅和工商业建筑物的底层不进水，道路中一条车道的积水深度不超过 15 cm；默认值 0.15 m 借用这一数值来排除过浅的洼地。高程模型不含管网和雨水口：请把清单作为排查位置，而不是内涝模型或达标核查。</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <source>DEM &apos;{}&apos; has no valid CRS: set its CRS in Layer Properties first.</source>
        <translation>高程模型“{}”没有有效的坐标参考系：请先在图层属性中设置坐标参考系。</translation>
    </message>
    <message>
        <source>DEM &apos;{}&apos;: cell areas cannot be measured in its CRS {} ({}). Reproject the DEM to a Gauss-Kruger or UTM CRS.</source>
        <translation>高程模型“{}”：无法在其坐标系 {} 中量算栅格面积（{}）。请将高程模型重投影到高斯-克吕格或 UTM 坐标系。</translation>
    </message>
    <message>
        <source>Digital elevation model (DEM)</source>
        <translation>数字高程模型（DEM）</translation>
    </message>
    <message>
        <source>Elevation band</source>
        <translation>高程波段</translation>
    </message>
    <message>
        <source>Elevation unit of the DEM (metres, feet = international foot, us_survey_feet)</source>
        <translation>高程模型的高程单位</translation>
    </message>
    <message>
        <source>Raster layer &apos;{}&apos; has {} band(s); band {} does not exist. Choose the elevation band.</source>
        <translation>栅格图层“{}”共有 {} 个波段，不存在第 {} 波段。请选择高程所在的波段。</translation>
    </message>
    <message>
        <source>DEM &apos;{}&apos; has {} x {} cells; a flow network needs at least 3 x 3. Use a larger DEM.</source>
        <translation>高程模型“{}”只有 {} × {} 个栅格，计算汇流网络至少需要 3 × 3 个。请使用范围更大的高程模型。</translation>
    </message>
    <message>
        <source>DEM '{}': elevations in {}, cells of {} m² (mean); lengths and areas are measured in {}.</source>
        <translation>高程模型“{}”：高程单位 {}，栅格平均面积 {} m²；长度和面积在 {} 中量算。</translation>
    </message>
    <message>
        <source>DEM &apos;{}&apos; has {} cells and needs about {} GiB of memory, but only {} GiB are available. Clip the DEM to the study area or resample it to a coarser cell size.</source>
        <translation>高程模型“{}”共有 {} 个栅格，约需 {} GiB 内存，但当前仅有 {} GiB 可用。请将高程模型裁剪到研究范围，或重采样为更大的栅格尺寸。</translation>
    </message>
    <message>
        <source>DEM &apos;{}&apos;: {} x {} cells, estimated peak memory {} MiB.</source>
        <translation>高程模型“{}”：{} × {} 个栅格，预计峰值内存 {} MiB。</translation>
    </message>
    <message>
        <source>Raster layer &apos;{}&apos; holds only nodata cells in band {}: there is nothing to analyse.</source>
        <translation>栅格图层“{}”第 {} 波段全部为无数据栅格，无法分析。</translation>
    </message>
    <message>
        <source>Roads (lines)</source>
        <translation>道路（线）</translation>
    </message>
    <message>
        <source>Buildings (polygons)</source>
        <translation>建筑（面）</translation>
    </message>
    <message>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <source>Flow accumulation (contributing area, m²)</source>
        <translation>汇流累积量（汇水面积，m²）</translation>
    </message>
    <message>
        <source>Flow direction (D8)</source>
        <translation>水流方向（D8）</translation>
    </message>
    <message>
        <source>Drainage corridors</source>
        <translation>排涝通道</translation>
    </message>
    <message>
        <source>Corridor zones</source>
        <translation>通道控制范围</translation>
    </message>
    <message>
        <source>Corridor-road crossings</source>
        <translation>通道与道路交叉点</translation>
    </message>
    <message>
        <source>Buildings in corridor zones</source>
        <translation>通道范围内的建筑</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>Total corridor length (km)</source>
        <translation>通道总长度（km）</translation>
    </message>
    <message>
        <source>Number of corridor-road crossings</source>
        <translation>通道与道路交叉点数量</translation>
    </message>
    <message>
        <source>Number of buildings in corridor zones</source>
        <translation>通道范围内建筑数量</translation>
    </message>
    <message>
        <source>Flow accumulation (m²)</source>
        <translation>汇流累积量（m²）</translation>
    </message>
    <message>
        <source>No cell drains {} ha or more: no corridor was found. Lower the contributing area threshold or use a larger DEM.</source>
        <translation>没有栅格的汇水面积达到 {} 公顷，未识别出排涝通道。请降低起始汇水面积或使用范围更大的高程模型。</translation>
    </message>
    <message>
        <source>{} corridor segment(s), {} km in total; {} road crossing(s); {} building(s) in corridor zones.</source>
        <translation>共 {} 段排涝通道，总长 {} km；与道路交叉 {} 处；通道范围内建筑 {} 栋。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>DEM</source>
        <translation>高程模型</translation>
    </message>
    <message>
        <source>Contributing area where a corridor starts (hectares)</source>
        <translation>排涝通道起始汇水面积（公顷）</translation>
    </message>
    <message>
        <source>Corridor segments</source>
        <translation>通道段数</translation>
    </message>
    <message>
        <source>no roads given</source>
        <translation>未提供道路</translation>
    </message>
    <message>
        <source>Strahler order</source>
        <translation>Strahler 级别</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>段数</translation>
    </message>
    <message>
        <source>Length (km)</source>
        <translation>长度（km）</translation>
    </message>
    <message>
        <source>Half-width (m)</source>
        <translation>半宽（m）</translation>
    </message>
    <message>
        <source>Zone area (ha)</source>
        <translation>控制范围面积（公顷）</translation>
    </message>
    <message>
        <source>Largest upstream area (km²)</source>
        <translation>最大上游汇水面积（km²）</translation>
    </message>
    <message>
        <source>Corridor length by Strahler order</source>
        <translation>各级排涝通道长度</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Corridors by Strahler order</source>
        <translation>按 Strahler 级别统计的排涝通道</translation>
    </message>
    <message>
        <source>Road id</source>
        <translation>道路编号</translation>
    </message>
    <message>
        <source>Road name</source>
        <translation>道路名称</translation>
    </message>
    <message>
        <source>Corridor id</source>
        <translation>通道编号</translation>
    </message>
    <message>
        <source>Upstream area (km²)</source>
        <translation>上游汇水面积（km²）</translation>
    </message>
    <message>
        <source>Crossings to check (culverts, underpasses), largest upstream area first</source>
        <translation>待排查的交叉点（涵洞、下穿通道），按上游汇水面积从大到小</translation>
    </message>
    <message>
        <source>Method: priority-flood depression filling, D8 flow directions and flow accumulation (pyflwdir); a corridor starts where the contributing area reaches the threshold; Strahler order is counted on the corridor network. Half-widths are planning defaults, not standard values: check them against the hydraulic design.</source>
        <translation>方法：优先队列填洼、D8 水流方向和汇流累积（pyflwdir）；汇水面积达到阈值处为排涝通道起点；Strahler 级别在通道网络上计算。通道半宽为规划默认值而非标准值，请按水力设计核对。</translation>
    </message>
    <message>
        <source>Drainage corridors (排涝通道识别)</source>
        <translation>排涝通道识别</translation>
    </message>
    <message>
        <source>Metres</source>
        <translation>米</translation>
    </message>
    <message>
        <source>Feet (international foot, 0.3048 m)</source>
        <translation>英尺（国际英尺，0.3048 米）</translation>
    </message>
    <message>
        <source>US survey feet (1200/3937 m)</source>
        <translation>美国测量英尺（1200/3937 米）</translation>
    </message>
</context>
</TS>
