<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>Could not load the result {} into the project.</source>
        <translation>无法将结果 {} 加载到项目中。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Coverage target (share)</source>
        <translation>覆盖率目标（比例）</translation>
    </message>
    <message>
        <source>Park green space per person (m²)</source>
        <translation>人均公园绿地面积（平方米）</translation>
    </message>
    <message>
        <source>Comprehensive park area per person (m²)</source>
        <translation>人均综合公园面积（平方米）</translation>
    </message>
    <message>
        <source>Community park area per person (m²)</source>
        <translation>人均社区公园面积（平方米）</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Grade (Chinese)</source>
        <translation>级别（中文）</translation>
    </message>
    <message>
        <source>Minimum area (m²)</source>
        <translation>最小面积（平方米）</translation>
    </message>
    <message>
        <source>Service radius (m)</source>
        <translation>服务半径（米）</translation>
    </message>
    <message>
        <source>Historic districts only</source>
        <translation>仅限历史文化街区</translation>
    </message>
    <message>
        <source>Park class</source>
        <translation>公园类别</translation>
    </message>
    <message>
        <source>Walking speed (m/s)</source>
        <translation>步行速度（米/秒）</translation>
    </message>
    <message>
        <source>Living circles</source>
        <translation>生活圈层级</translation>
    </message>
    <message>
        <source>Walking distance (m)</source>
        <translation>步行距离（米）</translation>
    </message>
    <message>
        <source>Smallest park (m²)</source>
        <translation>公园最小规模（平方米）</translation>
    </message>
    <message>
        <source>Narrowest park (m)</source>
        <translation>公园最小宽度（米）</translation>
    </message>
    <message>
        <source>Facility types</source>
        <translation>设施类型</translation>
    </message>
    <message>
        <source>Walking bands (m)</source>
        <translation>步行圈层（米）</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Cruise speed (km/h)</source>
        <translation>巡航速度（千米/小时）</translation>
    </message>
    <message>
        <source>Acceleration (m/s²)</source>
        <translation>加速度（米/秒²）</translation>
    </message>
    <message>
        <source>Braking (m/s²)</source>
        <translation>制动减速度（米/秒²）</translation>
    </message>
    <message>
        <source>Dwell time (s)</source>
        <translation>停站时间（秒）</translation>
    </message>
    <message>
        <source>All-stop headway (min)</source>
        <translation>站站停发车间隔（分钟）</translation>
    </message>
    <message>
        <source>Express headway (min)</source>
        <translation>大站快车发车间隔（分钟）</translation>
    </message>
    <message>
        <source>Interchange walk (min)</source>
        <translation>换乘步行（分钟）</translation>
    </message>
    <message>
        <source>Corridor start: contributing area (ha)</source>
        <translation>通道起始汇水面积（公顷）</translation>
    </message>
    <message>
        <source>Corridor half-widths by order (m)</source>
        <translation>各级通道半宽（米）</translation>
    </message>
    <message>
        <source>Waterlogging depth (m)</source>
        <translation>积水深度阈值（米）</translation>
    </message>
    <message>
        <source>Smallest hollow (m²)</source>
        <translation>最小洼地面积（平方米）</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Park grades and service radii</source>
        <translation>公园分级与服务半径</translation>
    </message>
    <message>
        <source>Three zones and three lines: conflict rules</source>
        <translation>三区三线冲突规则</translation>
    </message>
    <message>
        <source>Grades and service radii</source>
        <translation>分级与服务半径</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Indicators not computed from maps</source>
        <translation>非空间指标（不由图层计算）</translation>
    </message>
    <message>
        <source>Land-use and sea-use codes</source>
        <translation>用地用海分类代码</translation>
    </message>
    <message>
        <source>Facilities and walking distances</source>
        <translation>配套设施与步行距离</translation>
    </message>
    <message>
        <source>OSM values to facility types</source>
        <translation>OSM 取值对应设施类型</translation>
    </message>
    <message>
        <source>OSM tag rules for schools and clinics</source>
        <translation>学校与医疗设施的 OSM 标签识别规则</translation>
    </message>
    <message>
        <source>三调 classes to the 2023 classification</source>
        <translation>三调工作分类与用地用海分类对应</translation>
    </message>
    <message>
        <source>Space classes</source>
        <translation>三生空间类型</translation>
    </message>
    <message>
        <source>Land-use codes to space classes</source>
        <translation>用地代码对应三生空间</translation>
    </message>
    <message>
        <source>Rule id</source>
        <translation>规则编号</translation>
    </message>
    <message>
        <source>Control line</source>
        <translation>控制线</translation>
    </message>
    <message>
        <source>Inside or outside</source>
        <translation>线内或线外</translation>
    </message>
    <message>
        <source>Land-use codes</source>
        <translation>用地代码</translation>
    </message>
    <message>
        <source>Except codes</source>
        <translation>除外代码</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>管控结论</translation>
    </message>
    <message>
        <source>Clause of the rule</source>
        <translation>规则条文</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则说明</translation>
    </message>
    <message>
        <source>Rule (Chinese)</source>
        <translation>规则说明（中文）</translation>
    </message>
    <message>
        <source>Level or group</source>
        <translation>层级或类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind of indicator</source>
        <translation>指标类型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <source>Data needed</source>
        <translation>所需数据</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>指标解释</translation>
    </message>
    <message>
        <source>Target comparison</source>
        <translation>目标比较方式</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Radius (m)</source>
        <translation>半径（米）</translation>
    </message>
    <message>
        <source>Facility type</source>
        <translation>设施类型</translation>
    </message>
    <message>
        <source>Population density (per km²)</source>
        <translation>人口密度（人/平方千米）</translation>
    </message>
    <message>
        <source>Minimum width (m)</source>
        <translation>最小宽度（米）</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>2023 classification code</source>
        <translation>用地用海分类代码</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Codes ending in K read as the class without K</source>
        <translation>K 结尾代码按去掉 K 的地类读取</translation>
    </message>
    <message>
        <source>Residents (from, to)</source>
        <translation>居住人口（下限；上限）</translation>
    </message>
    <message>
        <source>Public green space per person (m²)</source>
        <translation>人均公共绿地（平方米）</translation>
    </message>
    <message>
        <source>Living circle</source>
        <translation>生活圈层级</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>三调 code</source>
        <translation>三调代码</translation>
    </message>
    <message>
        <source>OSM value</source>
        <translation>OSM 取值</translation>
    </message>
    <message>
        <source>Land-use code</source>
        <translation>用地代码</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Space class</source>
        <translation>空间类型</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>only with approval</source>
        <translation>须经审批</translation>
    </message>
    <message>
        <source>prohibited</source>
        <translation>禁止</translation>
    </message>
    <message>
        <source>inside</source>
        <translation>线内</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>线外</translation>
    </message>
    <message>
        <source>core zone of a protected area</source>
        <translation>自然保护地核心保护区</translation>
    </message>
    <message>
        <source>ecological red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <source>permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <source>urban development boundary</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>When {}</source>
        <translation>条件 {}</translation>
    </message>
    <message>
        <source>row {}</source>
        <translation>第 {} 行</translation>
    </message>
    <message>
        <source>Data for the official definition</source>
        <translation>官方口径所需数据</translation>
    </message>
    <message>
        <source>Definition used</source>
        <translation>采用口径</translation>
    </message>
    <message>
        <source>Road classes that bound blocks</source>
        <translation>围合地段的道路等级</translation>
    </message>
    <message>
        <source>Gap joining built-up parts into one cluster (m)</source>
        <translation>连成一个组团的建成区间距（米）</translation>
    </message>
    <message>
        <source>Road classes counted as {}</source>
        <translation>计为{}的道路等级</translation>
    </message>
    <message>
        <source>Listed in the summary, not as a conflict</source>
        <translation>仅列入汇总，不计为冲突</translation>
    </message>
    <message>
        <source>Slope class breaks (°)</source>
        <translation>坡度分级界线（°）</translation>
    </message>
    <message>
        <source>Relief above (m): grades lower</source>
        <translation>地形起伏度超过（米）：降级数</translation>
    </message>
    <message>
        <source>Elevation above (m): grades lower</source>
        <translation>高程超过（米）：降级数</translation>
    </message>
    <message>
        <source>山区宜建地 slope range (°)</source>
        <translation>山区宜建地坡度范围（°）</translation>
    </message>
    <message>
        <source>Relief window side (m)</source>
        <translation>地形起伏度窗口边长（米）</translation>
    </message>
    <message>
        <source>Active fault buffer (m)</source>
        <translation>活动断裂避让距离（米）</translation>
    </message>
    <message>
        <source>坝区: slope below (°)</source>
        <translation>坝区：坡度小于（°）</translation>
    </message>
    <message>
        <source>Elevation band limits (m)</source>
        <translation>高程带界线（米）</translation>
    </message>
</context>
<context>
    <name>DependencyInstallerDialog</name>
    <message>
        <source>Installed into: {}</source>
        <translation>安装位置：{}</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>{} installed, too old</source>
        <translation>已安装 {}，版本过旧</translation>
    </message>
    <message>
        <source>; optional: very large DEMs and province-scale checks</source>
        <translation>；可选：超大 DEM 与全省范围检查时使用</translation>
    </message>
    <message>
        <source>Every package the algorithms need is installed.</source>
        <translation>算法所需的包均已安装。</translation>
    </message>
    <message>
        <source>Folder of wheel files</source>
        <translation>wheel 文件所在文件夹</translation>
    </message>
    <message>
        <source>The folder {} holds no wheel files (*.whl).</source>
        <translation>文件夹 {} 中没有 wheel 文件（*.whl）。</translation>
    </message>
    <message>
        <source>QGIS&apos;s Python interpreter was not found beside {} nor in {}.</source>
        <translation>在 {} 旁及 {} 中都未找到 QGIS 的 Python 解释器。</translation>
    </message>
    <message>
        <source>Installing {}...</source>
        <translation>正在安装 {}…</translation>
    </message>
    <message>
        <source>Cancelled by the user.</source>
        <translation>已被用户取消。</translation>
    </message>
    <message>
        <source>pip could not be started: {}</source>
        <translation>无法启动 pip：{}</translation>
    </message>
    <message>
        <source>Installed. The algorithms can run now; no need to restart QGIS.</source>
        <translation>安装完成。算法现在即可运行，无需重启 QGIS。</translation>
    </message>
    <message>
        <source>QGIS&apos;s Python has no pip. Debian/Ubuntu: sudo apt install python3-pip; Windows: run the OSGeo4W installer again and add python3-pip.</source>
        <translation>QGIS 的 Python 没有 pip。Debian/Ubuntu：sudo apt install python3-pip；Windows：重新运行 OSGeo4W 安装程序并添加 python3-pip。</translation>
    </message>
    <message>
        <source>The installation did not succeed: see the log below.</source>
        <translation>安装未成功：请查看下方日志。</translation>
    </message>
    <message>
        <source>Install missing packages</source>
        <translation>安装缺少的依赖</translation>
    </message>
    <message>
        <source>The algorithms need these Python packages. They are installed with pip in QGIS&apos;s own Python into a folder of your QGIS profile (no administrator rights needed); the numpy, GDAL and pyproj QGIS runs with are kept as they are.</source>
        <translation>算法需要下列 Python 包。将用 QGIS 自带 Python 的 pip 安装到您的 QGIS 用户配置文件夹中（无需管理员权限）；QGIS 正在使用的 numpy、GDAL 和 pyproj 保持不变。</translation>
    </message>
    <message>
        <source>Install from</source>
        <translation>安装来源</translation>
    </message>
    <message>
        <source>The internet (PyPI, or the index set in your pip configuration)</source>
        <translation>互联网（PyPI，或 pip 配置中设定的镜像源）</translation>
    </message>
    <message>
        <source>A folder of wheel files, without network (the offline package&apos;s wheels folder, or one you downloaded)</source>
        <translation>wheel 文件夹，无需网络（离线安装包中的 wheels 文件夹，或您自行下载的文件夹）</translation>
    </message>
    <message>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ExportMapDialog</name>
    <message>
        <source>Planning map</source>
        <translation>规划图</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 横版</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 竖版</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 横版</translation>
    </message>
    <message>
        <source>A3 portrait</source>
        <translation>A3 竖版</translation>
    </message>
    <message>
        <source>{} layer(s) were removed from the project and from this list.</source>
        <translation>已有 {} 个图层从工程中移除，列表已同步更新。</translation>
    </message>
    <message>
        <source>Save the map sheet</source>
        <translation>保存规划图件</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;PNG images (*.png)</source>
        <translation>PDF 文件 (*.pdf);;PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Tick at least one layer to map.</source>
        <translation>请至少勾选一个要制图的图层。</translation>
    </message>
    <message>
        <source>Choose the output file (.pdf or .png).</source>
        <translation>请选择输出文件（.pdf 或 .png）。</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>The export failed:
{}</source>
        <translation>导出失败：
{}</translation>
    </message>
    <message>
        <source>Map sheet written: {} (scale 1:{}, {}).</source>
        <translation>规划图件已输出：{}（比例尺 1:{}，{}）。</translation>
    </message>
    <message>
        <source>Export planning map</source>
        <translation>规划图件导出</translation>
    </message>
    <message>
        <source>Layers (tick the layers to map; drawn from the bottom of the list up, as in the Layers panel):</source>
        <translation>图层（勾选要制图的图层；与图层面板一致，列表下方的图层先绘制）：</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Planning unit</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <source>Additional data sources</source>
        <translation>补充数据来源</translation>
    </message>
    <message>
        <source>Sheet template</source>
        <translation>图幅模板</translation>
    </message>
    <message>
        <source>Resolution (DPI)</source>
        <translation>分辨率（DPI）</translation>
    </message>
    <message>
        <source>Output file (.pdf or .png)</source>
        <translation>输出文件（.pdf 或 .png）</translation>
    </message>
    <message>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open the sheet</source>
        <translation>打开图件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>e.g. 图 3-2</source>
        <translation>例如：图 3-2</translation>
    </message>
    <message>
        <source>Automatic (smallest planning scale that fits)</source>
        <translation>自动（能容纳全部范围的最小规划比例尺）</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Drawing number</source>
        <translation>图号</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <source>Map extent</source>
        <translation>出图范围</translation>
    </message>
    <message>
        <source>All ticked layers</source>
        <translation>所有勾选图层</translation>
    </message>
    <message>
        <source>Current map view</source>
        <translation>当前地图视图</translation>
    </message>
    <message>
        <source>Extent of layer: {}</source>
        <translation>图层范围：{}</translation>
    </message>
</context>
<context>
    <name>OptionNames</name>
    <message>
        <source>WGS84 (GPS, OpenStreetMap, Tianditu)</source>
        <translation>WGS84（GPS、OpenStreetMap、天地图）</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap, Tencent maps)</source>
        <translation>GCJ-02（高德、腾讯地图）</translation>
    </message>
    <message>
        <source>BD-09 (Baidu maps)</source>
        <translation>BD-09（百度地图）</translation>
    </message>
    <message>
        <source>National rules (built in)</source>
        <translation>国家规则（内置）</translation>
    </message>
    <message>
        <source>From a file (below)</source>
        <translation>来自文件（见下方）</translation>
    </message>
    <message>
        <source>Default mapping (built in)</source>
        <translation>默认对应关系（内置）</translation>
    </message>
    <message>
        <source>Custom rules (below)</source>
        <translation>自定义规则（见下方）</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 横版</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 竖版</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 横版</translation>
    </message>
    <message>
        <source>A3 portrait</source>
        <translation>A3 竖版</translation>
    </message>
    <message>
        <source>Metres of walking</source>
        <translation>步行距离（米）</translation>
    </message>
    <message>
        <source>Minutes of walking</source>
        <translation>步行时间（分钟）</translation>
    </message>
    <message>
        <source>Each station counts everyone in reach</source>
        <translation>每个站点计入可达范围内的全部人口</translation>
    </message>
    <message>
        <source>Everyone counts for the nearest station</source>
        <translation>人口只计入最近的站点</translation>
    </message>
    <message>
        <source>双评价 town-building grades (高 to 低)</source>
        <translation>双评价城镇建设等级（高至低）</translation>
    </message>
</context>
<context>
    <name>ParameterForm</name>
    <message>
        <source>Please give a valid value for &apos;{}&apos;.</source>
        <translation>请为“{}”填写有效的值。</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Folder for the results</source>
        <translation>结果文件夹</translation>
    </message>
    <message>
        <source>Empty: temporary layers (gone when QGIS closes)</source>
        <translation>留空：临时图层（关闭 QGIS 后消失）</translation>
    </message>
    <message>
        <source>Save the results as files in this folder</source>
        <translation>将结果保存为此文件夹中的文件</translation>
    </message>
    <message>
        <source>The results folder {} does not exist: choose an existing folder.</source>
        <translation>结果文件夹 {} 不存在：请选择已有的文件夹。</translation>
    </message>
</context>
<context>
    <name>PlanningAnalysisDialog</name>
    <message>
        <source>Choose an analysis first.</source>
        <translation>请先选择一项分析。</translation>
    </message>
    <message>
        <source>Running {} in the background...</source>
        <translation>正在后台运行“{}”…</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancelled: no layers were added.</source>
        <translation>已取消：未添加任何图层。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>The analysis failed:
{}</source>
        <translation>分析失败：
{}</translation>
    </message>
    <message>
        <source>Done: {} layer(s) added to the project.</source>
        <translation>完成：已向工程添加 {} 个图层。</translation>
    </message>
    <message>
        <source>{}: features</source>
        <translation>{}：要素数</translation>
    </message>
    <message>
        <source>Planning analysis</source>
        <translation>规划分析</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Choose an analysis on the left.</source>
        <translation>请在左侧选择一项分析。</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Planning standards:</source>
        <translation>规划标准：</translation>
    </message>
    <message>
        <source>Standards presets...</source>
        <translation>规划标准预设…</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Key numbers</source>
        <translation>关键指标</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Chart from the report</source>
        <translation>报告图表</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Open in Processing dialog</source>
        <translation>在处理工具对话框中打开</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出图件</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Group: {}.</source>
        <translation>图层组：{}。</translation>
    </message>
    <message>
        <source>{} warning(s): see the Log tab.</source>
        <translation>{} 条警告：请查看“日志”页。</translation>
    </message>
    <message>
        <source>Warning: {}</source>
        <translation>警告：{}</translation>
    </message>
    <message>
        <source>Error: {}</source>
        <translation>错误：{}</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>无警告。</translation>
    </message>
</context>
<context>
    <name>StandardsDialog</name>
    <message>
        <source>My presets are kept in {}</source>
        <translation>我的预设保存在 {}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Source: {}</source>
        <translation>依据：{}</translation>
    </message>
    <message>
        <source>Note: {}</source>
        <translation>说明：{}</translation>
    </message>
    <message>
        <source>Select a preset and give the new preset an id.</source>
        <translation>请选择一个预设，并为新预设填写编号。</translation>
    </message>
    <message>
        <source>A preset &apos;{}&apos; exists already: choose another id.</source>
        <translation>预设“{}”已存在：请换一个编号。</translation>
    </message>
    <message>
        <source>Not saved: {}</source>
        <translation>未保存：{}</translation>
    </message>
    <message>
        <source>Saved &apos;{}&apos; in {}.</source>
        <translation>已将“{}”保存到 {}。</translation>
    </message>
    <message>
        <source>Deleted my preset &apos;{}&apos;.</source>
        <translation>已删除我的预设“{}”。</translation>
    </message>
    <message>
        <source>Standards presets</source>
        <translation>规划标准预设</translation>
    </message>
    <message>
        <source>New preset id:</source>
        <translation>新预设编号：</translation>
    </message>
    <message>
        <source>Copy to my presets</source>
        <translation>复制到我的预设</translation>
    </message>
    <message>
        <source>Save my preset</source>
        <translation>保存我的预设</translation>
    </message>
    <message>
        <source>Delete my preset</source>
        <translation>删除我的预设</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>依据条文</translation>
    </message>
    <message>
        <source>Where checked</source>
        <translation>核对出处</translation>
    </message>
    <message>
        <source>My presets file cannot be read: {}. Until it is fixed or removed its presets are not used, and algorithms that read them stop with this error; the built-in presets are shown below.</source>
        <translation>无法读取我的预设文件：{}。在修正或删除该文件之前，其中的预设不会被使用，读取这些预设的算法会因此报错停止；下方显示的是内置预设。</translation>
    </message>
    <message>
        <source>Built-in preset: copy it to your presets to change values.</source>
        <translation>内置预设：复制到我的预设后方可修改数值。</translation>
    </message>
    <message>
        <source>Fix or remove the unreadable presets file first: {}</source>
        <translation>请先修正或删除无法读取的预设文件：{}</translation>
    </message>
    <message>
        <source>Copied to {} as &apos;{}&apos;: it replaces the built-in preset in every algorithm. Edit the values below and save.</source>
        <translation>已复制到 {}，编号“{}”：它将在所有算法中取代同名内置预设。请在下方修改数值并保存。</translation>
    </message>
    <message>
        <source>Copied to {} as &apos;{}&apos;: edit the values below and save.</source>
        <translation>已复制到 {}，编号“{}”：请在下方修改数值并保存。</translation>
    </message>
    <message>
        <source>Preset id</source>
        <translation>预设编号</translation>
    </message>
    <message>
        <source>Name and source</source>
        <translation>名称与依据</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核实状况</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{}: &apos;{}&apos; is not yes or no</source>
        <translation>{}：“{}”不是“是”或“否”</translation>
    </message>
    <message>
        <source>{}: &apos;{}&apos; is not a number</source>
        <translation>{}：“{}”不是数字</translation>
    </message>
    <message>
        <source>Refused: {}</source>
        <translation>不接受：{}</translation>
    </message>
    <message>
        <source>every preset needs a source (the standard or document it follows)</source>
        <translation>每个预设都须写明依据（所遵循的标准或文件）</translation>
    </message>
    <message>
        <source>Planning standard:</source>
        <translation>规划标准：</translation>
    </message>
</context>
<context>
    <name>UrbanizationMenu</name>
    <message>
        <source>Planning analysis...</source>
        <translation>规划分析…</translation>
    </message>
    <message>
        <source>Export planning map...</source>
        <translation>规划图件导出…</translation>
    </message>
    <message>
        <source>Standards presets...</source>
        <translation>规划标准预设…</translation>
    </message>
    <message>
        <source>Install missing packages...</source>
        <translation>安装缺少的依赖…</translation>
    </message>
</context>
</TS>
