<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>fields</name>
    <message>
        <source>Source feature id</source>
        <translation>源要素编号</translation>
    </message>
    <message>
        <source>District</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Distance (m)</source>
        <translation>距离（m）</translation>
    </message>
    <message>
        <source>Distance to the network (m)</source>
        <translation>至路网距离（m）</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>可达</translation>
    </message>
    <message>
        <source>On an isolated network piece</source>
        <translation>位于孤立路网</translation>
    </message>
    <message>
        <source>Service radius (m)</source>
        <translation>服务半径（m）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Park id</source>
        <translation>公园编号</translation>
    </message>
    <message>
        <source>Park name</source>
        <translation>公园名称</translation>
    </message>
    <message>
        <source>Park grade</source>
        <translation>公园等级</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Grade (Chinese)</source>
        <translation>等级（中文）</translation>
    </message>
    <message>
        <source>Minimum park area (m²)</source>
        <translation>公园最小面积（m²）</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>公园数</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>Covered share</source>
        <translation>覆盖比例</translation>
    </message>
    <message>
        <source>Covered area (m²)</source>
        <translation>覆盖面积（m²）</translation>
    </message>
    <message>
        <source>Uncovered area (m²)</source>
        <translation>未覆盖面积（m²）</translation>
    </message>
    <message>
        <source>Residential features</source>
        <translation>居住要素数</translation>
    </message>
    <message>
        <source>Residential features covered</source>
        <translation>已覆盖居住要素数</translation>
    </message>
    <message>
        <source>Residential features off the network</source>
        <translation>不在路网上的居住要素数</translation>
    </message>
    <message>
        <source>Population covered</source>
        <translation>覆盖人口</translation>
    </message>
    <message>
        <source>Population not covered</source>
        <translation>未覆盖人口</translation>
    </message>
    <message>
        <source>Coverage by residential area</source>
        <translation>覆盖率（按居住用地面积）</translation>
    </message>
    <message>
        <source>Coverage by population</source>
        <translation>覆盖率（按人口）</translation>
    </message>
    <message>
        <source>Park area (m²)</source>
        <translation>公园面积（m²）</translation>
    </message>
    <message>
        <source>Historic-district rule</source>
        <translation>历史文化街区规则</translation>
    </message>
    <message>
        <source>Accessible park area (m²/person)</source>
        <translation>人均可达公园面积（m²/人）</translation>
    </message>
    <message>
        <source>Mean accessible park area (m²/person)</source>
        <translation>平均人均可达公园面积（m²/人）</translation>
    </message>
    <message>
        <source>Target (m²/person)</source>
        <translation>目标（m²/人）</translation>
    </message>
    <message>
        <source>Below the target</source>
        <translation>低于目标</translation>
    </message>
    <message>
        <source>Population below the target</source>
        <translation>低于目标人口</translation>
    </message>
    <message>
        <source>Share of population below the target</source>
        <translation>低于目标人口比例</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>Park area per person in reach (m²)</source>
        <translation>服务范围内人均公园面积（m²）</translation>
    </message>
    <message>
        <source>Parks in reach</source>
        <translation>可达公园数</translation>
    </message>
    <message>
        <source>Gini coefficient</source>
        <translation>基尼系数</translation>
    </message>
    <message>
        <source>Facility type</source>
        <translation>设施类型</translation>
    </message>
    <message>
        <source>Walking limit (m)</source>
        <translation>步行距离上限（m）</translation>
    </message>
    <message>
        <source>Share of homes covered</source>
        <translation>住宅覆盖比例</translation>
    </message>
    <message>
        <source>Share of population covered</source>
        <translation>人口覆盖比例</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>配套完整度</translation>
    </message>
    <message>
        <source>Facility types in reach</source>
        <translation>可达设施类型数</translation>
    </message>
    <message>
        <source>Plan feature id</source>
        <translation>规划图斑编号</translation>
    </message>
    <message>
        <source>Land-use code (input)</source>
        <translation>用地代码（原值）</translation>
    </message>
    <message>
        <source>Land-use code</source>
        <translation>用地代码</translation>
    </message>
    <message>
        <source>Land-use name</source>
        <translation>用地名称</translation>
    </message>
    <message>
        <source>Land-use class</source>
        <translation>用地大类</translation>
    </message>
    <message>
        <source>Land-use class name</source>
        <translation>用地大类名称</translation>
    </message>
    <message>
        <source>Control line</source>
        <translation>控制线</translation>
    </message>
    <message>
        <source>Control line name</source>
        <translation>控制线名称</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Rule text</source>
        <translation>规则说明</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突数</translation>
    </message>
    <message>
        <source>Conflict area (m²)</source>
        <translation>冲突面积（m²）</translation>
    </message>
    <message>
        <source>Control line A</source>
        <translation>控制线甲</translation>
    </message>
    <message>
        <source>Control line A name</source>
        <translation>控制线甲名称</translation>
    </message>
    <message>
        <source>Control line B</source>
        <translation>控制线乙</translation>
    </message>
    <message>
        <source>Control line B name</source>
        <translation>控制线乙名称</translation>
    </message>
    <message>
        <source>Space class</source>
        <translation>空间类型</translation>
    </message>
    <message>
        <source>Space class name</source>
        <translation>空间类型名称</translation>
    </message>
    <message>
        <source>Planning unit</source>
        <translation>规划单元</translation>
    </message>
    <message>
        <source>Total area (m²)</source>
        <translation>总面积（m²）</translation>
    </message>
    <message>
        <source>Error type</source>
        <translation>错误类型</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Feature ids</source>
        <translation>要素编号</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Corridor id</source>
        <translation>通道编号</translation>
    </message>
    <message>
        <source>Strahler order</source>
        <translation>Strahler 河流等级</translation>
    </message>
    <message>
        <source>Contributing area (km²)</source>
        <translation>汇水面积（km²）</translation>
    </message>
    <message>
        <source>Length (m)</source>
        <translation>长度（m）</translation>
    </message>
    <message>
        <source>Slope (%)</source>
        <translation>坡度（%）</translation>
    </message>
    <message>
        <source>Corridor half-width (m)</source>
        <translation>通道半宽（m）</translation>
    </message>
    <message>
        <source>Road feature id</source>
        <translation>道路要素编号</translation>
    </message>
    <message>
        <source>Road name</source>
        <translation>道路名称</translation>
    </message>
    <message>
        <source>Depression id</source>
        <translation>洼地编号</translation>
    </message>
    <message>
        <source>Maximum depth (m)</source>
        <translation>最大深度（m）</translation>
    </message>
    <message>
        <source>Mean depth (m)</source>
        <translation>平均深度（m）</translation>
    </message>
    <message>
        <source>Volume (m³)</source>
        <translation>容积（m³）</translation>
    </message>
    <message>
        <source>Spill elevation (m)</source>
        <translation>溢出高程（m）</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>栅格数</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>建筑数</translation>
    </message>
    <message>
        <source>Road length (m)</source>
        <translation>道路长度（m）</translation>
    </message>
    <message>
        <source>Station id</source>
        <translation>站点编号</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Number of lines</source>
        <translation>线路数</translation>
    </message>
    <message>
        <source>GCJ-02 longitude</source>
        <translation>GCJ-02 经度</translation>
    </message>
    <message>
        <source>GCJ-02 latitude</source>
        <translation>GCJ-02 纬度</translation>
    </message>
    <message>
        <source>Band from (m)</source>
        <translation>距离段起点（m）</translation>
    </message>
    <message>
        <source>Band to (m)</source>
        <translation>距离段终点（m）</translation>
    </message>
    <message>
        <source>Circle area (m²)</source>
        <translation>圆面积（m²）</translation>
    </message>
    <message>
        <source>Ped-shed ratio</source>
        <translation>步行可达比</translation>
    </message>
    <message>
        <source>Street length reached (m)</source>
        <translation>可达街道长度（m）</translation>
    </message>
    <message>
        <source>Population allocation</source>
        <translation>人口分配方式</translation>
    </message>
    <message>
        <source>On the network</source>
        <translation>位于路网</translation>
    </message>
    <message>
        <source>On a small network piece</source>
        <translation>位于小块路网</translation>
    </message>
    <message>
        <source>Access points</source>
        <translation>出入口数</translation>
    </message>
    <message>
        <source>Express stop</source>
        <translation>快车停靠站</translation>
    </message>
    <message>
        <source>Uses the express</source>
        <translation>乘坐快车</translation>
    </message>
    <message>
        <source>Minutes saved</source>
        <translation>节省时间（分钟）</translation>
    </message>
    <message>
        <source>Time saved (%)</source>
        <translation>节省时间（%）</translation>
    </message>
    <message>
        <source>Catchment area within {} m (m²)</source>
        <translation>{} 米范围面积（m²）</translation>
    </message>
    <message>
        <source>Population within {} m</source>
        <translation>{} 米范围人口</translation>
    </message>
    <message>
        <source>Ped-shed ratio within {} m</source>
        <translation>{} 米步行可达比</translation>
    </message>
    <message>
        <source>Street length within {} m (m)</source>
        <translation>{} 米范围街道长度（m）</translation>
    </message>
    <message>
        <source>Rank by ped-shed ratio within {} m</source>
        <translation>{} 米步行可达比排名</translation>
    </message>
    <message>
        <source>All-stop</source>
        <translation>站站停</translation>
    </message>
    <message>
        <source>With express</source>
        <translation>开行快车</translation>
    </message>
    <message>
        <source>{}: in-vehicle time (min)</source>
        <translation>{}：车内时间（分钟）</translation>
    </message>
    <message>
        <source>{}: waiting time (min)</source>
        <translation>{}：候车时间（分钟）</translation>
    </message>
    <message>
        <source>{}: transfer time (min)</source>
        <translation>{}：换乘时间（分钟）</translation>
    </message>
    <message>
        <source>{}: total time (min)</source>
        <translation>{}：总时间（分钟）</translation>
    </message>
    <message>
        <source>{}: transfers</source>
        <translation>{}：换乘次数</translation>
    </message>
    <message>
        <source>{}: route</source>
        <translation>{}：路径</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Outside districts</source>
        <translation>片区外</translation>
    </message>
    <message>
        <source>walking network</source>
        <translation>步行路网</translation>
    </message>
    <message>
        <source>straight line</source>
        <translation>直线距离</translation>
    </message>
    <message>
        <source>meets the target</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>below the target</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>达标情况</translation>
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
        <source>Plane area (m²)</source>
        <translation>平面面积（m²）</translation>
    </message>
    <message>
        <source>Ellipsoidal area (m²)</source>
        <translation>椭球面积（m²）</translation>
    </message>
    <message>
        <source>Net ellipsoidal area (m²)</source>
        <translation>椭球净面积（m²）</translation>
    </message>
    <message>
        <source>Deducted share (田坎)</source>
        <translation>田坎扣除比例</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>判定结果</translation>
    </message>
    <message>
        <source>Outcome name</source>
        <translation>判定结果名称</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款依据</translation>
    </message>
    <message>
        <source>Population gained</source>
        <translation>新增覆盖人口</translation>
    </message>
    <message>
        <source>Total population</source>
        <translation>总人口</translation>
    </message>
    <message>
        <source>Overlap area (m²)</source>
        <translation>重叠面积（m²）</translation>
    </message>
    <message>
        <source>Area (km²)</source>
        <translation>面积（km²）</translation>
    </message>
    <message>
        <source>Population off the network</source>
        <translation>不在路网上的人口</translation>
    </message>
    <message>
        <source>Park class</source>
        <translation>公园类别</translation>
    </message>
    <message>
        <source>Park class from</source>
        <translation>公园类别来源</translation>
    </message>
    <message>
        <source>Park area of the class (m²)</source>
        <translation>该类公园面积（m²）</translation>
    </message>
    <message>
        <source>Per-capita park area (m²/person)</source>
        <translation>人均公园面积（m²/人）</translation>
    </message>
    <message>
        <source>Meets the target</source>
        <translation>是否达标</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>口径</translation>
    </message>
    <message>
        <source>Accessible comprehensive park area (m²/person)</source>
        <translation>可达综合公园面积（m²/人）</translation>
    </message>
    <message>
        <source>Accessible community park area (m²/person)</source>
        <translation>可达社区公园面积（m²/人）</translation>
    </message>
    <message>
        <source>Comprehensive and community park targets</source>
        <translation>综合公园与社区公园达标情况</translation>
    </message>
    <message>
        <source>comprehensive park</source>
        <translation>综合公园</translation>
    </message>
    <message>
        <source>community park</source>
        <translation>社区公园</translation>
    </message>
    <message>
        <source>specialized park</source>
        <translation>专类公园</translation>
    </message>
    <message>
        <source>garden</source>
        <translation>游园</translation>
    </message>
    <message>
        <source>park class field</source>
        <translation>公园类别字段</translation>
    </message>
    <message>
        <source>park size (screening)</source>
        <translation>按公园规模（筛查）</translation>
    </message>
    <message>
        <source>GB 55014-2021 2.1.4, all parks and residents given</source>
        <translation>GB 55014-2021 第2.1.4条，按输入的全部公园与人口</translation>
    </message>
    <message>
        <source>screening by district</source>
        <translation>分片区筛查</translation>
    </message>
    <message>
        <source>both targets met</source>
        <translation>两项均达标</translation>
    </message>
    <message>
        <source>comprehensive park target only</source>
        <translation>仅综合公园达标</translation>
    </message>
    <message>
        <source>community park target only</source>
        <translation>仅社区公园达标</translation>
    </message>
    <message>
        <source>neither target met</source>
        <translation>均未达标</translation>
    </message>
    <message>
        <source>off the network</source>
        <translation>不在路网上</translation>
    </message>
    <message>
        <source>Indicator key</source>
        <translation>指标代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Dimension or level</source>
        <translation>方面或层级</translation>
    </message>
    <message>
        <source>Indicator type</source>
        <translation>指标类型</translation>
    </message>
    <message>
        <source>City or district</source>
        <translation>城市或城区</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>已计算</translation>
    </message>
    <message>
        <source>Layers needed</source>
        <translation>所需图层</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <source>Definition checked</source>
        <translation>定义核对</translation>
    </message>
    <message>
        <source>Method note</source>
        <translation>方法说明</translation>
    </message>
    <message>
        <source>Checked against the text</source>
        <translation>已核对原文</translation>
    </message>
    <message>
        <source>Secondary source</source>
        <translation>二手资料</translation>
    </message>
    <message>
        <source>Convention</source>
        <translation>惯例</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <source>Official definition</source>
        <translation>官方口径</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛查</translation>
    </message>
    <message>
        <source>not judged (no numeric target, or not computed)</source>
        <translation>未判定（无数值目标或未计算）</translation>
    </message>
    <message>
        <source>Measured by</source>
        <translation>测算方式</translation>
    </message>
    <message>
        <source>recorded waterlogging spots</source>
        <translation>已记录的内涝积水点</translation>
    </message>
    <message>
        <source>DEM depressions (screening)</source>
        <translation>高程模型洼地（筛查）</translation>
    </message>
    <message>
        <source>block layer</source>
        <translation>地段图层</translation>
    </message>
    <message>
        <source>blocks the streets enclose</source>
        <translation>街道围合的地段</translation>
    </message>
    <message>
        <source>Evaluation unit</source>
        <translation>评价单元</translation>
    </message>
    <message>
        <source>Unit area (m²)</source>
        <translation>单元面积（平方米）</translation>
    </message>
    <message>
        <source>Area outside the DEM (m²)</source>
        <translation>DEM范围外面积（平方米）</translation>
    </message>
    <message>
        <source>Evaluated area (m²)</source>
        <translation>评价面积（平方米）</translation>
    </message>
    <message>
        <source>Area without elevation (m²)</source>
        <translation>无高程面积（平方米）</translation>
    </message>
    <message>
        <source>Slope ≤3° (m²)</source>
        <translation>坡度≤3°面积（平方米）</translation>
    </message>
    <message>
        <source>Slope 3-8° (m²)</source>
        <translation>坡度3°-8°面积（平方米）</translation>
    </message>
    <message>
        <source>Slope 8-15° (m²)</source>
        <translation>坡度8°-15°面积（平方米）</translation>
    </message>
    <message>
        <source>Slope 15-25° (m²)</source>
        <translation>坡度15°-25°面积（平方米）</translation>
    </message>
    <message>
        <source>Slope &gt;25° (m²)</source>
        <translation>坡度&gt;25°面积（平方米）</translation>
    </message>
    <message>
        <source>Grade high, not excluded (m²)</source>
        <translation>高等级面积（未扣除，平方米）</translation>
    </message>
    <message>
        <source>Grade fairly high, not excluded (m²)</source>
        <translation>较高等级面积（未扣除，平方米）</translation>
    </message>
    <message>
        <source>Grade medium, not excluded (m²)</source>
        <translation>中等等级面积（未扣除，平方米）</translation>
    </message>
    <message>
        <source>Grade fairly low, not excluded (m²)</source>
        <translation>较低等级面积（未扣除，平方米）</translation>
    </message>
    <message>
        <source>Grade low, not excluded (m²)</source>
        <translation>低等级面积（未扣除，平方米）</translation>
    </message>
    <message>
        <source>Excluded area, counted once (m²)</source>
        <translation>扣除面积（不重复计，平方米）</translation>
    </message>
    <message>
        <source>Excluded: ecological red line (m²)</source>
        <translation>扣除：生态保护红线（平方米）</translation>
    </message>
    <message>
        <source>Excluded: permanent basic farmland (m²)</source>
        <translation>扣除：永久基本农田（平方米）</translation>
    </message>
    <message>
        <source>Excluded: high/very high geohazard susceptibility (m²)</source>
        <translation>扣除：地质灾害高/极高易发区（平方米）</translation>
    </message>
    <message>
        <source>Excluded: active fault buffer (m²)</source>
        <translation>扣除：活动断裂避让带（平方米）</translation>
    </message>
    <message>
        <source>Excluded: flood storage or flood-prone area (m²)</source>
        <translation>扣除：蓄滞洪区/洪涝风险区（平方米）</translation>
    </message>
    <message>
        <source>Excluded: historic and cultural protection area (m²)</source>
        <translation>扣除：历史文化保护范围（平方米）</translation>
    </message>
    <message>
        <source>Excluded: overlain mineral resources (m²)</source>
        <translation>扣除：压覆矿产（平方米）</translation>
    </message>
    <message>
        <source>Excluded: water bodies (m²)</source>
        <translation>扣除：水域（平方米）</translation>
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
        <source>坝区 share (%)</source>
        <translation>坝区占比（%）</translation>
    </message>
    <message>
        <source>山区宜建地 share (%)</source>
        <translation>山区宜建地占比（%）</translation>
    </message>
    <message>
        <source>耕地 area (m²)</source>
        <translation>耕地面积（平方米）</translation>
    </message>
    <message>
        <source>耕地 in the 坝区 (m²)</source>
        <translation>坝区内耕地面积（平方米）</translation>
    </message>
    <message>
        <source>耕地 on 山区宜建地 (m²)</source>
        <translation>山区宜建地上耕地面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary area (m²)</source>
        <translation>开发边界面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on slope ≤3° (m²)</source>
        <translation>开发边界内坡度≤3°面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on slope 3-8° (m²)</source>
        <translation>开发边界内坡度3°-8°面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on slope 8-15° (m²)</source>
        <translation>开发边界内坡度8°-15°面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on slope 15-25° (m²)</source>
        <translation>开发边界内坡度15°-25°面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on slope &gt;25° (m²)</source>
        <translation>开发边界内坡度&gt;25°面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on excluded land (m²)</source>
        <translation>开发边界位于扣除范围的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: ecological red line (m²)</source>
        <translation>开发边界位于生态保护红线的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: permanent basic farmland (m²)</source>
        <translation>开发边界位于永久基本农田的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: high/very high geohazard susceptibility (m²)</source>
        <translation>开发边界位于地质灾害高/极高易发区的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: active fault buffer (m²)</source>
        <translation>开发边界位于活动断裂避让带的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: flood storage or flood-prone area (m²)</source>
        <translation>开发边界位于蓄滞洪区/洪涝风险区的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: historic and cultural protection area (m²)</source>
        <translation>开发边界位于历史文化保护范围的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: overlain mineral resources (m²)</source>
        <translation>开发边界位于压覆矿产的面积（平方米）</translation>
    </message>
    <message>
        <source>Development boundary on: water bodies (m²)</source>
        <translation>开发边界位于水域的面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 1 (m²)</source>
        <translation>第1高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 2 (m²)</source>
        <translation>第2高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 3 (m²)</source>
        <translation>第3高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 4 (m²)</source>
        <translation>第4高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 5 (m²)</source>
        <translation>第5高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 6 (m²)</source>
        <translation>第6高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 7 (m²)</source>
        <translation>第7高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Elevation band 8 (m²)</source>
        <translation>第8高程带面积（平方米）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Development boundary</source>
        <translation>开发边界</translation>
    </message>
    <message>
        <source>Exclusion reason</source>
        <translation>扣除原因</translation>
    </message>
    <message>
        <source>Exclusion reason (Chinese)</source>
        <translation>扣除原因（中文）</translation>
    </message>
    <message>
        <source>Covered in walking time on the terrain (screening)</source>
        <translation>按地形步行时间覆盖（筛查）</translation>
    </message>
    <message>
        <source>Loses coverage on the terrain</source>
        <translation>计入地形后失去覆盖</translation>
    </message>
    <message>
        <source>Walk on the terrain (m)</source>
        <translation>地形步行距离（米）</translation>
    </message>
    <message>
        <source>Walking time on the terrain (min)</source>
        <translation>地形步行时间（分钟）</translation>
    </message>
    <message>
        <source>Flat-equivalent walk (m)</source>
        <translation>平地等效步行距离（米）</translation>
    </message>
    <message>
        <source>Residential features covered on the terrain</source>
        <translation>按地形覆盖的居住要素数</translation>
    </message>
    <message>
        <source>Residential features losing coverage</source>
        <translation>失去覆盖的居住要素数</translation>
    </message>
    <message>
        <source>Population covered on the terrain</source>
        <translation>按地形覆盖人口</translation>
    </message>
    <message>
        <source>Population losing coverage</source>
        <translation>失去覆盖的人口</translation>
    </message>
    <message>
        <source>Coverage by homes on the terrain (screening)</source>
        <translation>按住户计的地形覆盖率（筛查）</translation>
    </message>
    <message>
        <source>Coverage by population, terrain (screening)</source>
        <translation>按人口计的地形覆盖率（筛查）</translation>
    </message>
</context>
</TS>
