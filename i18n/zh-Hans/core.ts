<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>Style {} not applied: {}</source>
        <translation>样式 {} 未应用：{}</translation>
    </message>
    <message>
        <source>Urbanization Planning</source>
        <translation>城镇化规划</translation>
    </message>
    <message>
        <source>Open the Urbanization algorithms in the Processing Toolbox</source>
        <translation>在处理工具箱中打开城镇化规划算法</translation>
    </message>
    <message>
        <source>Raster layer &apos;{}&apos; could not be loaded.</source>
        <translation>无法加载栅格图层“{}”。</translation>
    </message>
    <message>
        <source>Raster layer &apos;{}&apos; comes from the &apos;{}&apos; provider; only raster files can be analysed. Save it as a GeoTIFF first (Export &gt; Save As).</source>
        <translation>栅格图层“{}”来自“{}”数据源，只能分析栅格文件。请先另存为 GeoTIFF（导出 &gt; 另存为）。</translation>
    </message>
    <message>
        <source>Raster layer &apos;{}&apos; is not a file on disk ({}). Save it as a GeoTIFF first.</source>
        <translation>栅格图层“{}”不是磁盘上的文件（{}）。请先另存为 GeoTIFF。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no field named {}. Choose a field that exists in the layer.</source>
        <translation>图层“{}”中没有名为 {} 的字段。请选择图层中已有的字段。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: skipped {} feature(s) without geometry.</source>
        <translation>图层“{}”：跳过了 {} 个无几何的要素。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: repaired {} invalid geometr(y/ies).</source>
        <translation>图层“{}”：修复了 {} 个无效几何。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no features with geometry (or none are selected). Give it at least one feature.</source>
        <translation>图层“{}”没有带几何的要素（或未选中任何要素）。请至少提供一个要素。</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>线</translation>
    </message>
    <message>
        <source>polygons</source>
        <translation>面</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; holds {}, but this input needs {}.</source>
        <translation>图层“{}”的几何类型为{}，但此输入需要{}。</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>无几何</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no valid CRS: set its CRS in Layer Properties first.</source>
        <translation>图层“{}”没有有效的坐标参考系：请先在图层属性中设置坐标参考系。</translation>
    </message>
    <message>
        <source>Cannot write the raster {}: {}. Choose a folder you can write to.</source>
        <translation>无法写入栅格 {}：{}。请选择可写入的文件夹。</translation>
    </message>
    <message>
        <source>Could not write features to the output {}: {}</source>
        <translation>无法向输出 {} 写入要素：{}</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: its CRS {} cannot be used to measure lengths and areas ({}). Reproject the layer to a CGCS2000 Gauss-Kruger or UTM CRS first.</source>
        <translation>图层“{}”：其坐标系 {} 无法用于量算长度和面积（{}）。请先将图层重投影到 CGCS2000 高斯-克吕格或 UTM 坐标系。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: its CRS {} cannot be read by pyproj ({}). Assign a standard CRS (an EPSG code) in Layer Properties.</source>
        <translation>图层“{}”：pyproj 无法读取其坐标系 {}（{}）。请在图层属性中指定标准坐标系（EPSG 代码）。</translation>
    </message>
    <message>
        <source>No park in '{}' has an area: the field '{}' is empty or zero and the parks are points. Choose a field with the park area in m², or use park polygons.</source>
        <translation>“{}”中没有任何公园有面积：字段“{}”为空或为零，且公园为点要素。请选择记录公园面积（平方米）的字段，或改用公园多边形。</translation>
    </message>
    <message>
        <source>The parks in '{}' are points without an area: choose the park area field (m²), which points need, or use park polygons. Without it no park reaches any size threshold and coverage would be 0 %.</source>
        <translation>“{}”中的公园为点要素，没有面积：请选择公园面积字段（平方米，点要素必须填写），或改用公园多边形。否则没有公园达到任何面积门槛，覆盖率将为 0 %。</translation>
    </message>
    <message>
        <source>Python packages some algorithms need are missing: {}.</source>
        <translation>部分算法所需的 Python 包缺失：{}。</translation>
    </message>
    <message>
        <source>Output &apos;{}&apos;: a Shapefile cuts field names to 10 characters, so {} could not be told apart. Save this output as a GeoPackage (.gpkg).</source>
        <translation>输出“{}”：Shapefile 会把字段名截断为10个字符，{} 将无法区分。请将此输出保存为 GeoPackage（.gpkg）。</translation>
    </message>
</context>
<context>
    <name>PlanningModel</name>
    <message>
        <source>Green city assessment (park coverage, living circle, map sheet)</source>
        <translation>绿色城市评估（公园覆盖、生活圈、规划图件）</translation>
    </message>
    <message>
        <source>Flood corridor check (corridors, waterlogging spots, map sheet)</source>
        <translation>排涝通道核查（排涝通道、易涝点、规划图件）</translation>
    </message>
    <message>
        <source>Map sheet (规划图件)</source>
        <translation>规划图件</translation>
    </message>
    <message>
        <source>Living circle coverage (生活圈覆盖)</source>
        <translation>生活圈覆盖</translation>
    </message>
    <message>
        <source>Park service areas (公园服务范围)</source>
        <translation>公园服务范围</translation>
    </message>
    <message>
        <source>Residential park coverage (居住用地公园覆盖)</source>
        <translation>居住用地公园覆盖</translation>
    </message>
    <message>
        <source>Corridor zones (通道控制带)</source>
        <translation>排涝通道控制带</translation>
    </message>
    <message>
        <source>Drainage corridors (排涝通道)</source>
        <translation>排涝通道</translation>
    </message>
    <message>
        <source>Waterlogging-prone depressions (易涝点)</source>
        <translation>易涝点</translation>
    </message>
    <message>
        <source>City health check with map sheet (indicators, report, map sheet)</source>
        <translation>城市体检与图件（体检指标、报告、规划图件）</translation>
    </message>
    <message>
        <source>Health check indicators (城市体检指标)</source>
        <translation>城市体检指标</translation>
    </message>
    <message>
        <source>Health check report (城市体检报告, HTML)</source>
        <translation>城市体检报告（HTML）</translation>
    </message>
    <message>
        <source>Map title (图名)</source>
        <translation>图名</translation>
    </message>
    <message>
        <source>Population field (人口字段; empty: the field named like population, 人口, POP or RK)</source>
        <translation>人口字段（留空：自动选用名为 population、人口、POP、RK 等的字段）</translation>
    </message>
    <message>
        <source>Parks and green spaces (公园绿地)</source>
        <translation>公园绿地</translation>
    </message>
    <message>
        <source>Residential land or homes with population (居住用地及人口)</source>
        <translation>居住用地及人口</translation>
    </message>
    <message>
        <source>Facilities (公共服务设施)</source>
        <translation>公共服务设施</translation>
    </message>
    <message>
        <source>Facility type field (设施类型字段)</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <source>Type mapping: field value = GB 50180 type, one per line (类型对照)</source>
        <translation>类型对照：字段值 = GB 50180 设施类型，每行一条</translation>
    </message>
    <message>
        <source>Digital elevation model (数字高程模型 DEM)</source>
        <translation>数字高程模型（DEM）</translation>
    </message>
    <message>
        <source>Contributing area where a corridor starts (汇水面积阈值, ha)</source>
        <translation>排涝通道起始汇水面积（公顷）</translation>
    </message>
    <message>
        <source>Built-up area or urban boundary (建成区或城区范围)</source>
        <translation>建成区或城区范围</translation>
    </message>
    <message>
        <source>Walking network and streets (步行路网与道路)</source>
        <translation>步行路网与道路</translation>
    </message>
    <message>
        <source>Metro stations (轨道站点)</source>
        <translation>轨道站点</translation>
    </message>
    <message>
        <source>Indicator system edition (指标体系版本)</source>
        <translation>指标体系版本</translation>
    </message>
    <message>
        <source>Choose the {} of layer &apos;{}&apos;.</source>
        <translation>请选择{}（图层“{}”）。</translation>
    </message>
    <message>
        <source>Layer '{}' has no population field (a numeric field named like population, 人口, POP or RK). Choose the population field.</source>
        <translation>图层“{}”没有人口字段（名为 population、人口、POP、RK 等的数值字段），请选择人口字段。</translation>
    </message>
    <message>
        <source>Population field of layer &apos;{}&apos;: {}</source>
        <translation>图层“{}”的人口字段：{}</translation>
    </message>
    <message>
        <source>Walking network (步行路网)</source>
        <translation>步行路网</translation>
    </message>
    <message>
        <source>Roads (道路)</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Buildings (建筑)</source>
        <translation>建筑</translation>
    </message>
    <message>
        <source>Districts (分区或街区)</source>
        <translation>分区或街区</translation>
    </message>
    <message>
        <source>District name field (分区名称字段)</source>
        <translation>分区名称字段</translation>
    </message>
    <message>
        <source>Mountain town suitability with map sheet (城镇上山适宜性与图件)</source>
        <translation>城镇上山适宜性与图件</translation>
    </message>
    <message>
        <source>Ecological protection red line (生态保护红线)</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <source>Permanent basic farmland (永久基本农田)</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <source>Geohazard susceptibility high/very high (地质灾害高/极高易发区)</source>
        <translation>地质灾害高/极高易发区</translation>
    </message>
    <message>
        <source>Active faults (活动断裂)</source>
        <translation>活动断裂</translation>
    </message>
    <message>
        <source>Evaluation units, counties or towns (评价单元)</source>
        <translation>评价单元（县、乡镇）</translation>
    </message>
    <message>
        <source>Unit name field (单元名称字段)</source>
        <translation>单元名称字段</translation>
    </message>
    <message>
        <source>Urban development boundary (城镇开发边界)</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <source>Classes on the map (图件分类口径)</source>
        <translation>图件分类口径</translation>
    </message>
    <message>
        <source>Suitability summary by unit (分单元适宜性汇总)</source>
        <translation>分单元适宜性汇总</translation>
    </message>
    <message>
        <source>Terrain DEM: walking times uphill and downhill (地形高程模型)</source>
        <translation>地形高程模型（上坡、下坡步行时间）</translation>
    </message>
</context>
<context>
    <name>UrbanizationAlgorithm</name>
    <message>
        <source>This algorithm needs Python packages that are missing: {}.
Install them:
{}</source>
        <translation>此算法需要的 Python 包缺失：{}。
请安装：
{}</translation>
    </message>
    <message>
        <source>Cancelled by the user.</source>
        <translation>用户已取消。</translation>
    </message>
    <message>
        <source>Multi-plan integration</source>
        <translation>多规合一</translation>
    </message>
    <message>
        <source>Green city</source>
        <translation>绿美城市</translation>
    </message>
    <message>
        <source>Flood resilience</source>
        <translation>城市洪涝治理</translation>
    </message>
    <message>
        <source>Metropolitan commuting</source>
        <translation>都市圈通勤</translation>
    </message>
    <message>
        <source>Planning maps</source>
        <translation>规划图件</translation>
    </message>
    <message>
        <source>Data preparation</source>
        <translation>数据准备</translation>
    </message>
    <message>
        <source>City health check</source>
        <translation>城市体检</translation>
    </message>
</context>
<context>
    <name>UrbanizationProvider</name>
    <message>
        <source>Urbanization planning</source>
        <translation>城镇化规划</translation>
    </message>
    <message>
        <source>Urbanization Planning Toolkit</source>
        <translation>城镇化规划工具箱</translation>
    </message>
    <message>
        <source>Dask scheduler address (empty: this computer&apos;s cores)</source>
        <translation>Dask 调度器地址（留空：使用本机各核心）</translation>
    </message>
    <message>
        <source>Scratch folder for tiles (on a cluster: a folder every worker sees)</source>
        <translation>分块临时文件夹（使用集群时：须为各工作节点都能访问的文件夹）</translation>
    </message>
    <message>
        <source>Dask scheduler connect timeout (seconds)</source>
        <translation>连接 Dask 调度器的超时（秒）</translation>
    </message>
    <message>
        <source>Seconds a Dask cluster may be without workers before the run stops</source>
        <translation>Dask 集群无工作节点多少秒后停止运行</translation>
    </message>
</context>
<context>
    <name>dependencies</name>
    <message>
        <source>In QGIS, no terminal needed: menu Plugins &gt; Urbanization Planning &gt; Install missing packages... (also offline, from a folder of wheel files)</source>
        <translation>在 QGIS 中安装，无需命令行：菜单 插件 &gt; 城镇化规划 &gt; 安装缺少的依赖…（也可离线，从 wheel 文件夹安装）</translation>
    </message>
    <message>
        <source>Debian/Ubuntu:</source>
        <translation>Debian/Ubuntu：</translation>
    </message>
    <message>
        <source>Debian 13 and newer:</source>
        <translation>Debian 13 及更新版本：</translation>
    </message>
    <message>
        <source>Debian/Ubuntu, what apt lacks or has too old (pip install --user is refused there, PEP 668): a venv that sees QGIS&apos;s packages, then start QGIS with it:</source>
        <translation>Debian/Ubuntu 上 apt 没有或版本过旧的包（系统会拒绝 pip install --user，见 PEP 668）：建一个能看到 QGIS 自带包的虚拟环境，再用它启动 QGIS：</translation>
    </message>
    <message>
        <source>Windows (OSGeo4W Shell):</source>
        <translation>Windows（在 OSGeo4W Shell 中）：</translation>
    </message>
</context>
</TS>
