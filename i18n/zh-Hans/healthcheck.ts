<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>Commutes: one line per commuter or OD pair, from home to workplace (轨道站点周边覆盖通勤比例)</source>
        <translation>通勤OD：每名通勤者或每个OD对一条线，由居住地指向就业地（轨道站点周边覆盖通勤比例）</translation>
    </message>
    <message>
        <source>Commuters per line (empty: one each)</source>
        <translation>每条线的通勤人数（留空：每条一人）</translation>
    </message>
    <message>
        <source>Communities (社区, polygons): facility indicators as shares of communities</source>
        <translation>社区（面）：设施指标按有设施的社区比例计算</translation>
    </message>
    <message>
        <source>Blocks (地段 / 街坊, polygons): population density over gross land</source>
        <translation>地段 / 街坊（面）：人口密度按毛用地面积计算</translation>
    </message>
    <message>
        <source>Every commute line needs a home and a workplace end: {}</source>
        <translation>每条通勤线都须有居住地和就业地两端：{}</translation>
    </message>
</context>
<context>
    <name>CityHealthCheckAlgorithm</name>
    <message>
        <source>City health check (城市体检)</source>
        <translation>城市体检</translation>
    </message>
    <message>
        <source>city health check,indicator,park,greenway,school,waterlogging,metro,road density,城市体检,体检指标,公园绿地服务半径覆盖率,内涝积水点,道路网密度</source>
        <translation>城市体检,体检指标,公园,绿道,学校,内涝,轨道,道路网密度,公园绿地服务半径覆盖率,内涝积水点,city health check,indicator</translation>
    </message>
    <message>
        <source>Indicator system edition (mohurd_2023 = current, mohurd_2021 = 2021 list of 65 indicators)</source>
        <translation>指标体系版本（mohurd_2023 = 现行，mohurd_2021 = 2021年65项指标）</translation>
    </message>
    <message>
        <source>Built-up area or 城区 boundary (polygons)</source>
        <translation>建成区或城区范围（面）</translation>
    </message>
    <message>
        <source>City territory (市辖区, polygons)</source>
        <translation>市辖区范围（面）</translation>
    </message>
    <message>
        <source>Districts or 街区 (polygons, optional)</source>
        <translation>分区或街区（面，可选）</translation>
    </message>
    <message>
        <source>District name field</source>
        <translation>分区名称字段</translation>
    </message>
    <message>
        <source>Residential land or homes (polygons or points)</source>
        <translation>居住用地或住户（面或点）</translation>
    </message>
    <message>
        <source>Population field</source>
        <translation>人口字段</translation>
    </message>
    <message>
        <source>Parks and green spaces (polygons or points)</source>
        <translation>公园绿地（面或点）</translation>
    </message>
    <message>
        <source>Park name field</source>
        <translation>公园名称字段</translation>
    </message>
    <message>
        <source>Park area field in m² (empty: polygon area; needed for park points)</source>
        <translation>公园面积字段（平方米；留空用面积；公园为点时必填）</translation>
    </message>
    <message>
        <source>Greenways (lines)</source>
        <translation>绿道（线）</translation>
    </message>
    <message>
        <source>Metro stations (points)</source>
        <translation>轨道站点（点）</translation>
    </message>
    <message>
        <source>Ecological corridors (polygons)</source>
        <translation>生态廊道（面）</translation>
    </message>
    <message>
        <source>Corridors required between clusters (lines)</source>
        <translation>组团间应设置的生态廊道（线）</translation>
    </message>
    <message>
        <source>Give at least one layer of the city: a health check needs layers to measure.</source>
        <translation>请至少提供一个城市图层：城市体检需要图层才能测算。</translation>
    </message>
    <message>
        <source>City health check definitions: {}</source>
        <translation>城市体检指标定义：{}</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <source>Health check indicators (city and districts)</source>
        <translation>城市体检指标（全市及分区）</translation>
    </message>
    <message>
        <source>Park service areas</source>
        <translation>公园服务范围</translation>
    </message>
    <message>
        <source>Greenway service areas</source>
        <translation>绿道服务范围</translation>
    </message>
    <message>
        <source>Homes beyond the facility service radius</source>
        <translation>设施服务半径外的住户</translation>
    </message>
    <message>
        <source>Station walking catchments</source>
        <translation>轨道站点步行范围</translation>
    </message>
    <message>
        <source>Waterlogging spots</source>
        <translation>内涝积水点</translation>
    </message>
    <message>
        <source>Land above 15,000 people per km²</source>
        <translation>人口密度超过每平方公里1.5万人的用地</translation>
    </message>
    <message>
        <source>Built-up clusters</source>
        <translation>建成区组团</translation>
    </message>
    <message>
        <source>City roads in the built-up area</source>
        <translation>建成区内城市道路</translation>
    </message>
    <message>
        <source>Corridor land at least the required width</source>
        <translation>达到规定净宽的廊道用地</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <source>Indicators computed</source>
        <translation>已计算指标数</translation>
    </message>
    <message>
        <source>Indicators not computed (layers missing)</source>
        <translation>未计算指标数（缺少图层）</translation>
    </message>
    <message>
        <source>Indicators below their target (未达标)</source>
        <translation>未达标指标数</translation>
    </message>
    <message>
        <source>{}: not computed, needs {}</source>
        <translation>{}：未计算，需要 {}</translation>
    </message>
    <message>
        <source>Facilities (points or polygons)</source>
        <translation>公共服务设施（点或面）</translation>
    </message>
    <message>
        <source>Facility type field</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <source>Choose the facility type field of &apos;{}&apos;.</source>
        <translation>请选择“{}”的设施类型字段。</translation>
    </message>
    <message>
        <source>Facility types: {}</source>
        <translation>设施类型：{}</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>公共服务设施</translation>
    </message>
    <message>
        <source>Facility type values with no GB 50180 type were ignored (add them to the type mapping): {}</source>
        <translation>以下设施类型值没有对应的 GB 50180 类型，已忽略（请加入类型对照）：{}</translation>
    </message>
    <message>
        <source>walking distance along the network</source>
        <translation>沿步行网络的距离</translation>
    </message>
    <message>
        <source>straight-line distance (no network given; overstates coverage)</source>
        <translation>直线距离（未提供网络，覆盖率偏高）</translation>
    </message>
    <message>
        <source>recorded waterlogging spots</source>
        <translation>已记录的内涝积水点</translation>
    </message>
    <message>
        <source>DEM depressions standing in for waterlogging spots (screening)</source>
        <translation>以高程模型洼地代替内涝积水点（筛查）</translation>
    </message>
    <message>
        <source>Residential land inside the parks&apos; service radii ({}), as parkcoverage.</source>
        <translation>公园服务半径内的居住用地面积占比（{}），与“公园绿地服务半径覆盖率”算法一致。</translation>
    </message>
    <message>
        <source>Residential land within the radius of a greenway ({}), as parkcoverage with one rule.</source>
        <translation>绿道服务半径内的居住用地面积占比（{}），按单一规则的公园覆盖算法计算。</translation>
    </message>
    <message>
        <source>Homes (weighted by population when given) within the GB 50180 walking distance ({}), as facilitycoverage.</source>
        <translation>GB 50180 步行距离内的住户占比（有人口时按人口加权，{}），与生活圈设施覆盖算法一致。</translation>
    </message>
    <message>
        <source>Residents standing in for commuters within the radius on the network ({}), as stationcatchments (screening).</source>
        <translation>以居住人口代替通勤人口，沿网络半径内的占比（{}），与轨道站点步行范围算法一致（筛查）。</translation>
    </message>
    <message>
        <source>Spots in the built-up area per km² of it ({}).</source>
        <translation>建成区内积水点数除以建成区面积（平方公里）（{}）。</translation>
    </message>
    <message>
        <source>Length of the listed road classes in the built-up area per km² of it{}.</source>
        <translation>建成区内所列等级道路长度除以建成区面积{}。</translation>
    </message>
    <message>
        <source>Built-up area in the city territory over its area{}.</source>
        <translation>市辖区内建成区面积除以市辖区面积{}。</translation>
    </message>
    <message>
        <source>Each cluster: connected built-up land, parts closer than the gap tolerance joined; the value is the largest{}.</source>
        <translation>每个组团：连通的建成区，间距小于容差的部分视为同一组团；指标值取最大组团{}。</translation>
    </message>
    <message>
        <source>Residential polygons whose population per km² exceeds the limit{}.</source>
        <translation>人口密度超过限值的居住用地地块{}。</translation>
    </message>
    <message>
        <source>Required corridor lines inside corridor land at least the required width{}.</source>
        <translation>位于达到规定净宽的廊道用地内的应设廊道长度{}。</translation>
    </message>
    <message>
        <source>Commuters whose home and workplace both lie within the radius (straight line) of a station, from the commute lines.</source>
        <translation>居住地和就业地均在轨道站点半径（直线距离）内的通勤人口比例，按通勤OD线计算。</translation>
    </message>
    <message>
        <source>Communities with a facility of the type inside them, over all communities.</source>
        <translation>有该类设施的社区数占社区总数的比例。</translation>
    </message>
    <message>
        <source>Blocks (地段) whose population per km² of gross block area exceeds the limit.</source>
        <translation>按地段毛面积计算人口密度超过限值的地段。</translation>
    </message>
    <message>
        <source>Blocks enclosed by the city roads (no block layer given) whose population per km² of gross block area exceeds the limit.</source>
        <translation>由城市道路围合的街区（未给出地段图层）中，按毛面积计算人口密度超过限值的街区。</translation>
    </message>
    <message>
        <source>City health check: spatial indicators (城市体检)</source>
        <translation>城市体检空间指标</translation>
    </message>
    <message>
        <source>Indicator system</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <source>Indicators of the city</source>
        <translation>全市指标</translation>
    </message>
    <message>
        <source>Indicators by district</source>
        <translation>分区指标</translation>
    </message>
    <message>
        <source>Indicators not computed and the layers they need</source>
        <translation>未计算的指标及所需图层</translation>
    </message>
    <message>
        <source>Indicators of the edition that are statistics or surveys (not computed from map layers)</source>
        <translation>本版中的统计、调查类指标（不由图层计算）</translation>
    </message>
    <message>
        <source>Rates of the city (%)</source>
        <translation>全市比率指标（%）</translation>
    </message>
    <message>
        <source>Dimension or level</source>
        <translation>方面或层级</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>指标类型</translation>
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
        <source>Result</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Definition checked</source>
        <translation>定义核对</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <source>District</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>所需图层</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>已计算</translation>
    </message>
    <message>
        <source>Meets the target (达标)</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Below the target (未达标)</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No numeric target</source>
        <translation>无量化目标</translation>
    </message>
    <message>
        <source>Not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>Definition used</source>
        <translation>采用口径</translation>
    </message>
    <message>
        <source>official definition</source>
        <translation>官方口径</translation>
    </message>
    <message>
        <source>screening (not comparable with published values)</source>
        <translation>筛查口径（不可与公布值直接比较）</translation>
    </message>
    <message>
        <source>{}: every cluster against the target</source>
        <translation>{}：各组团分别判断</translation>
    </message>
    <message>
        <source>Cluster (组团)</source>
        <translation>组团</translation>
    </message>
    <message>
        <source>built-up area</source>
        <translation>建成区</translation>
    </message>
    <message>
        <source>city territory (市辖区)</source>
        <translation>市辖区范围</translation>
    </message>
    <message>
        <source>residential land</source>
        <translation>居住用地</translation>
    </message>
    <message>
        <source>population field</source>
        <translation>人口字段</translation>
    </message>
    <message>
        <source>parks</source>
        <translation>公园绿地</translation>
    </message>
    <message>
        <source>greenways</source>
        <translation>绿道</translation>
    </message>
    <message>
        <source>facilities of the type</source>
        <translation>该类设施</translation>
    </message>
    <message>
        <source>walking network</source>
        <translation>步行网络</translation>
    </message>
    <message>
        <source>road network</source>
        <translation>道路网</translation>
    </message>
    <message>
        <source>metro stations</source>
        <translation>轨道站点</translation>
    </message>
    <message>
        <source>waterlogging spots or a DEM</source>
        <translation>内涝积水点或高程模型</translation>
    </message>
    <message>
        <source>ecological corridors</source>
        <translation>生态廊道</translation>
    </message>
    <message>
        <source>required corridor lines</source>
        <translation>应设廊道线</translation>
    </message>
    <message>
        <source>Where the layers differ from the definition (residents for commuters, DEM depressions for recorded spots, straight-line distances) the value is a screening value, labelled in its method note.</source>
        <translation>图层与指标定义不一致时（以居住人口代替通勤人口、以高程洼地代替积水点记录、直线距离），数值为筛查值，并在计算方法中注明。</translation>
    </message>
    <message>
        <source>Definitions and targets come from resources/standards/city_health_check.json; the &apos;Definition checked&apos; column tells whether each was checked against a public copy of the indicator list.</source>
        <translation>指标定义与目标值取自 resources/standards/city_health_check.json；“定义核对”一栏说明各指标是否已与公开的指标体系文本核对。</translation>
    </message>
    <message>
        <source>Walking network and streets (lines; empty: straight-line distance)</source>
        <translation>步行网络与道路（线；留空按直线距离）</translation>
    </message>
    <message>
        <source>Road classes counted as city roads in the road network density (comma separated; the road class field; empty: the edition&apos;s GB/T 51328 classes)</source>
        <translation>计入道路网密度的城市道路等级（逗号分隔；道路等级字段的取值；留空：按所选版本的 GB/T 51328 道路等级）</translation>
    </message>
    <message>
        <source>No walking network given: distances are straight-line (euclidean) and labelled so in every output.</source>
        <translation>未提供步行网络：距离按直线（欧氏）计算，并在每个输出中注明。</translation>
    </message>
    <message>
        <source>Walking network</source>
        <translation>步行路网</translation>
    </message>
    <message>
        <source>The network has no road class field: every line counts in the road network density.</source>
        <translation>网络图层没有道路等级字段：全部线要素计入道路网密度。</translation>
    </message>
    <message>
        <source>Recorded waterlogging spots (points)</source>
        <translation>已记录的内涝积水点（点）</translation>
    </message>
    <message>
        <source>DEM (screening for waterlogging spots when none are recorded)</source>
        <translation>数字高程模型（无积水点记录时用于筛查）</translation>
    </message>
    <message>
        <source>No recorded waterlogging spots: depressions of the DEM stand in for them (screening).</source>
        <translation>没有内涝积水点记录：以高程模型识别的洼地代替（筛查）。</translation>
    </message>
    <message>
        <source>Waterlogging-prone depressions</source>
        <translation>易涝洼地</translation>
    </message>
    <message>
        <source>Type mapping, one per line: field value = GB 50180 type id (the ids are in the help)</source>
        <translation>设施类型对应，每行一条：字段值 = GB 50180 设施类型代码（代码见帮助）</translation>
    </message>
</context>
</TS>
