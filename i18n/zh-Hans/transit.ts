<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExpressServiceAlgorithm</name>
    <message>
        <source>Express service evaluation (大站直达通勤评估)</source>
        <translation>大站直达通勤评估</translation>
    </message>
    <message>
        <source>metro,express,skip-stop,commute,travel time,大站直达,快慢车,轨道交通,通勤</source>
        <translation>地铁,快车,大站直达,快慢车,通勤,出行时间,轨道交通,metro,express</translation>
    </message>
</context>
<context>
    <name>StationCatchmentsAlgorithm</name>
    <message>
        <source>Station walking catchments (轨道站点步行范围)</source>
        <translation>轨道站点步行范围</translation>
    </message>
    <message>
        <source>metro,station,catchment,walking,ped-shed,TOD,service area,轨道站点,步行范围,站城融合</source>
        <translation>地铁,站点,步行范围,步行可达比,TOD,服务区,轨道站点,站城融合,metro,catchment</translation>
    </message>
    <message>
        <source>Walking network (streets and paths)</source>
        <translation>步行网络（街道和步行道）</translation>
    </message>
    <message>
        <source>Allocation (overlapping: each station&apos;s own catchment; nearest: streets go to the nearest station)</source>
        <translation>分配方式（overlapping 重叠：各站完整范围；nearest 就近：街道划给最近车站）</translation>
    </message>
    <message>
        <source>No station of layer &apos;{}&apos; lies within {:g} m of the walking network. Check that the network covers the stations, or raise the largest distance to the network.</source>
        <translation>图层“{}”中没有车站位于步行网络 {:g} 米以内。请检查网络是否覆盖车站，或调大到网络的最大距离。</translation>
    </message>
    <message>
        <source>The walking network cannot be used: {}</source>
        <translation>步行网络无法使用：{}</translation>
    </message>
    <message>
        <source>{} station(s) lie more than {:g} m from the walking network and get no catchment: {}</source>
        <translation>{} 个车站距步行网络超过 {:g} 米，未生成步行范围：{}</translation>
    </message>
    <message>
        <source>{} station(s) snap onto a small piece of network not joined to the streets; their catchments are tiny: {}. Check the network near them (e.g. a platform footway) or add their entrances.</source>
        <translation>{} 个车站吸附到了与街道不连通的零碎路段上，步行范围极小：{}。请检查其附近的网络（如站台步道），或补充车站出入口。</translation>
    </message>
    <message>
        <source>Renamed: SNAP_DISTANCE (m)</source>
        <translation>已更名为 SNAP_DISTANCE（米）</translation>
    </message>
    <message>
        <source>Renamed: TOLERANCE (m)</source>
        <translation>已更名为 TOLERANCE（米）</translation>
    </message>
    <message>
        <source>Flat vs terrain (screening): {:,.0f} people within the outer band by distance, {:,.0f} in walking time on the DEM (columns area_terrain_m2, pedshed_terrain, population_terrain).</source>
        <translation>平地与地形对比（筛查）：按距离最外圈内 {:,.0f} 人，按高程模型上的步行时间 {:,.0f} 人（列 area_terrain_m2、pedshed_terrain、population_terrain）。</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <source>Metro stations</source>
        <translation>轨道站点</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: {} feature(s) have no value in field &apos;{}&apos;. Fill the field or remove those stations.</source>
        <translation>图层“{}”：{} 个要素的字段“{}”为空。请填写该字段或删除这些车站。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: field &apos;{}&apos; must hold numbers (the position of each station along its line).</source>
        <translation>图层“{}”：字段“{}”必须为数值（各车站在线路上的顺序）。</translation>
    </message>
    <message>
        <source>Metro line geometry</source>
        <translation>轨道线路几何</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: the geometry of line &apos;{}&apos; is not one continuous line ({} pieces). Join the pieces (e.g. with Dissolve and Merge lines) or leave the line layer out to use straight distances.</source>
        <translation>图层“{}”：线路“{}”的几何不是一条连续的线（{} 段）。请先合并各段（如“融合”和“合并线”），或不提供线路图层而按直线距离计算。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;, line &apos;{}&apos;: order number {} is used by more than one station ({}). Give each station of a line its own order number in field &apos;{}&apos;.</source>
        <translation>图层“{}”，线路“{}”：顺序号 {} 被多个车站使用（{}）。请在字段“{}”中为同一线路的每个车站设置不同的顺序号。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: line &apos;{}&apos; has only one station ({}). A line needs at least two stations: check the line id field or remove the station.</source>
        <translation>图层“{}”：线路“{}”只有一个车站（{}）。一条线路至少需要两个车站：请检查线路编号字段或删除该车站。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;, line &apos;{}&apos;: the stations have no order along the line. Choose an order field with a number for every station, or give the metro line geometry.</source>
        <translation>图层“{}”，线路“{}”：车站没有沿线顺序。请选择每个车站都有数值的顺序字段，或提供轨道线路几何。</translation>
    </message>
    <message>
        <source>Station &apos;{}&apos; lies {:.0f} m from the geometry of line &apos;{}&apos; (more than {:.0f} m). Check its line id or the line geometry.</source>
        <translation>车站“{}”距线路“{}”的几何 {:.0f} 米（超过 {:.0f} 米）。请检查其线路编号或线路几何。</translation>
    </message>
    <message>
        <source>There is no station &apos;{}&apos; in layer &apos;{}&apos;. Near matches: {}. Give a station id or name exactly as in the layer.</source>
        <translation>图层“{1}”中没有车站“{0}”。最接近的有：{2}。请按图层中的写法填写车站编号或站名。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>There is no line &apos;{}&apos; in layer &apos;{}&apos;. Its lines are: {}.</source>
        <translation>图层“{1}”中没有线路“{0}”。现有线路：{2}。</translation>
    </message>
    <message>
        <source>No line has two or more express stops. Mark the express stops with the express stop field or list them in &apos;Express stops&apos;.</source>
        <translation>没有任何线路有两个及以上快车停靠站。请用快车停靠字段标注，或在“快车停靠站”中列出。</translation>
    </message>
    <message>
        <source>The express pattern of line &apos;{}&apos; passes the destination {} without stopping. Add {} to the express stops or choose another destination.</source>
        <translation>线路“{}”的大站快车越过目的地 {} 不停。请把 {} 加入快车停靠站，或另选目的地。</translation>
    </message>
    <message>
        <source>Line &apos;{}&apos; has only one express stop ({}): no express runs on it.</source>
        <translation>线路“{}”只有一个快车停靠站（{}）：该线路不开行快车。</translation>
    </message>
    <message>
        <source>No track geometry for line(s) {}: distances between stations are straight lines, which understate run times where the track curves. Give the metro line geometry (LINES) for distances along the track (distance_method in the outputs).</source>
        <translation>线路 {} 没有轨道几何：站间距离按直线计算，线路弯曲处会低估运行时间。请提供轨道线路几何（LINES）以沿轨道计算距离（输出中的 distance_method 字段注明所用方法）。</translation>
    </message>
    <message>
        <source>Station {} cannot reach the destination on the metro network: its times are empty.</source>
        <translation>车站 {} 在轨道网络上无法到达目的地：其时间为空。</translation>
    </message>
    <message>
        <source>along the track (line geometry)</source>
        <translation>沿轨道（线路几何）</translation>
    </message>
    <message>
        <source>straight lines between stations (no line geometry)</source>
        <translation>站间直线（无线路几何）</translation>
    </message>
    <message>
        <source>along the track where line geometry is given, else straight lines</source>
        <translation>有线路几何处沿轨道，其余按站间直线</translation>
    </message>
    <message>
        <source>Distance between stations</source>
        <translation>站间距离</translation>
    </message>
    <message>
        <source>Cruise speed (km/h)</source>
        <translation>巡航速度（km/h）</translation>
    </message>
    <message>
        <source>Acceleration (m/s²)</source>
        <translation>起动加速度（m/s²）</translation>
    </message>
    <message>
        <source>Braking deceleration (m/s²)</source>
        <translation>制动减速度（m/s²）</translation>
    </message>
    <message>
        <source>Dwell time per stop (s)</source>
        <translation>每站停站时间（秒）</translation>
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
        <source>Interchange walking time (min)</source>
        <translation>换乘步行时间（分钟）</translation>
    </message>
    <message>
        <source>Express service evaluation</source>
        <translation>大站直达通勤评估</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Express stops</source>
        <translation>快车停靠站</translation>
    </message>
    <message>
        <source>Run-time model and service</source>
        <translation>运行时间模型与运营参数</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Line {}: minutes saved to the destination, station by station</source>
        <translation>{} 号线：各站到目的地节省分钟</translation>
    </message>
    <message>
        <source>Line {}: door-to-door minutes to the destination along the line</source>
        <translation>{} 号线：沿线各站到目的地门到门时间（分钟）</translation>
    </message>
    <message>
        <source>Distance along the line (km)</source>
        <translation>沿线距离（公里）</translation>
    </message>
    <message>
        <source>min</source>
        <translation>分钟</translation>
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
        <source>Stations</source>
        <translation>车站</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>车站</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Express stop</source>
        <translation>快车停靠</translation>
    </message>
    <message>
        <source>All-stop, min</source>
        <translation>站站停（分钟）</translation>
    </message>
    <message>
        <source>With express, min</source>
        <translation>开行快车（分钟）</translation>
    </message>
    <message>
        <source>Minutes saved</source>
        <translation>节省分钟</translation>
    </message>
    <message>
        <source>Route with express</source>
        <translation>开行快车后乘车路线</translation>
    </message>
    <message>
        <source>Door-to-door time = half the headway of each boarded train + in-vehicle time (trapezoidal speed profile between stops, dwell only where the train stops) + interchange walks. Riders take the quickest option; walking to the station is not included.</source>
        <translation>门到门时间 = 每次上车等候（发车间隔的一半）+ 车内时间（站间梯形速度曲线，仅在停靠站停站）+ 换乘步行时间。乘客选择最快方案；不含步行到站时间。</translation>
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
        <source>Door-to-door commute isochrones (walk + wait + ride)</source>
        <translation>门到门通勤等时圈（步行 + 候车 + 乘车）</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>运营方案</translation>
    </message>
    <message>
        <source>Area (km²)</source>
        <translation>面积（平方公里）</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Population gained with the express</source>
        <translation>开行快车新增覆盖人口</translation>
    </message>
    <message>
        <source>Population unreachable (too far from every street)</source>
        <translation>不可达人口（距任何街道过远）</translation>
    </message>
    <message>
        <source>Station id field (empty: feature id)</source>
        <translation>车站编号字段（留空：使用要素编号）</translation>
    </message>
    <message>
        <source>Station entrances (optional)</source>
        <translation>车站出入口（可选）</translation>
    </message>
    <message>
        <source>Station id field of the entrances</source>
        <translation>出入口的车站编号字段</translation>
    </message>
    <message>
        <source>Station entrances</source>
        <translation>车站出入口</translation>
    </message>
    <message>
        <source>Choose the field of layer &apos;{}&apos; that holds the station id of each entrance.</source>
        <translation>请选择图层“{}”中记录各出入口所属车站编号的字段。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: {} entrance(s) name no station of the station layer in field &apos;{}&apos; and are left out.</source>
        <translation>图层“{}”：{} 个出入口在字段“{}”中的车站编号在站点图层中不存在，已忽略。</translation>
    </message>
    <message>
        <source>Bands (comma separated)</source>
        <translation>圈层（逗号分隔）</translation>
    </message>
    <message>
        <source>Band unit</source>
        <translation>圈层单位</translation>
    </message>
    <message>
        <source>Walking speed (m/s, for bands in minutes)</source>
        <translation>步行速度（米/秒，用于以分钟计的圈层）</translation>
    </message>
    <message>
        <source>Bands &apos;{}&apos; cannot be read: give positive numbers separated by commas, e.g. 300,500,800.</source>
        <translation>无法读取圈层“{}”：请填写以逗号分隔的正数，如 300,500,800。</translation>
    </message>
    <message>
        <source>Station catchments</source>
        <translation>站点步行范围</translation>
    </message>
    <message>
        <source>Station summary</source>
        <translation>车站汇总表</translation>
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
        <source>Population covered by the outer band (no double counting)</source>
        <translation>外圈层覆盖人口（不重复计算）</translation>
    </message>
    <message>
        <source>Population of the population layer</source>
        <translation>人口图层的总人口</translation>
    </message>
    <message>
        <source>Population that can reach a street but no station within the outer band</source>
        <translation>可到达街道但外圈范围内无车站的人口</translation>
    </message>
    <message>
        <source>Population farther than the snap distance from every street</source>
        <translation>距任何街道超过吸附距离的人口</translation>
    </message>
    <message>
        <source>Station walking catchments</source>
        <translation>轨道站点步行范围</translation>
    </message>
    <message>
        <source>Population within {:g} m on the network of any station: {:,.0f} of {:,.0f} ({:,.0f} not covered, {:,.0f} unreachable).</source>
        <translation>任一车站网络距离 {:g} 米内的人口：{:,.0f} / {:,.0f}（未覆盖 {:,.0f}，不可达 {:,.0f}）。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Stations off the network</source>
        <translation>不在网络上的车站</translation>
    </message>
    <message>
        <source>Stations with a ped-shed ratio below 0.5 (poor walkability)</source>
        <translation>步行可达比低于 0.5 的车站（步行条件较差）</translation>
    </message>
    <message>
        <source>Ped-shed ratio within {} m, best first</source>
        <translation>{} 米圈层步行可达比（由高到低）</translation>
    </message>
    <message>
        <source>Catchment area / circle area</source>
        <translation>步行范围面积 / 圆面积</translation>
    </message>
    <message>
        <source>Population within {} m on the network</source>
        <translation>沿网络 {} 米以内人口</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Ped-shed {} m</source>
        <translation>步行可达比 {} 米</translation>
    </message>
    <message>
        <source>Area {} m (ha)</source>
        <translation>面积 {} 米（公顷）</translation>
    </message>
    <message>
        <source>Population {} m</source>
        <translation>人口 {} 米</translation>
    </message>
    <message>
        <source>Stations ranked by ped-shed ratio of the outer band</source>
        <translation>按外圈层步行可达比排序的车站</translation>
    </message>
    <message>
        <source>Catchment = streets reachable on foot within the band (partial streets at the limit included), buffered by 50 m. Ped-shed ratio = catchment area / area of the circle of the band&apos;s radius; below about 0.5 the surroundings are poorly walkable. Population apportioned by area.</source>
        <translation>步行范围 = 圈层距离内步行可达的街道（含界限处部分可达的街道）两侧各缓冲 50 米。步行可达比 = 步行范围面积 / 以圈层距离为半径的圆面积；低于约 0.5 说明周边步行条件较差。人口按面积比例分摊。</translation>
    </message>
    <message>
        <source>Walking network (optional: door-to-door commute isochrones)</source>
        <translation>步行网络（可选：门到门通勤等时圈）</translation>
    </message>
    <message>
        <source>Walking speed (m/s)</source>
        <translation>步行速度（米/秒）</translation>
    </message>
    <message>
        <source>Door-to-door commute thresholds (min, comma separated)</source>
        <translation>门到门通勤时间阈值（分钟，逗号分隔）</translation>
    </message>
    <message>
        <source>Commute thresholds &apos;{}&apos; cannot be read: give minutes separated by commas, e.g. 30,45,60.</source>
        <translation>无法读取通勤时间阈值“{}”：请填写以逗号分隔的分钟数，如 30,45,60。</translation>
    </message>
    <message>
        <source>Commute isochrones need the walking network: choose a street layer in &apos;Walking network&apos;.</source>
        <translation>通勤等时圈需要步行网络：请在“步行网络”中选择街道图层。</translation>
    </message>
    <message>
        <source>The walking network cannot be used: {}</source>
        <translation>步行网络无法使用：{}</translation>
    </message>
    <message>
        <source>{} station(s) lie more than {:g} m from the walking network; nobody walks to them: {}</source>
        <translation>{} 个车站距步行网络超过 {:g} 米，无人可步行到达：{}</translation>
    </message>
    <message>
        <source>Door-to-door commute isochrones</source>
        <translation>门到门通勤等时圈</translation>
    </message>
    <message>
        <source>Population within {:g} min door to door: {:,.0f} more with the express.</source>
        <translation>门到门 {:g} 分钟以内人口：开行快车后增加 {:,.0f} 人。</translation>
    </message>
    <message>
        <source>Metro stations (one point per station and line)</source>
        <translation>轨道站点（每个车站每条线路一个点）</translation>
    </message>
    <message>
        <source>Station id field (same id for an interchange on every line)</source>
        <translation>车站编号字段（换乘站在各线路上编号相同）</translation>
    </message>
    <message>
        <source>Line id field</source>
        <translation>线路编号字段</translation>
    </message>
    <message>
        <source>Order along the line field (empty: order along the line geometry)</source>
        <translation>沿线顺序字段（留空：按线路几何排序）</translation>
    </message>
    <message>
        <source>Metro line geometry (optional: distances along the track)</source>
        <translation>轨道线路几何（可选：沿轨道量算站间距）</translation>
    </message>
    <message>
        <source>Line id field of the line geometry (default: same name as the line id field)</source>
        <translation>线路几何的线路编号字段（默认与线路编号字段同名）</translation>
    </message>
    <message>
        <source>Express stop field (1/true/yes where the express stops)</source>
        <translation>快车停靠字段（快车停靠处为 1/true/yes/是）</translation>
    </message>
    <message>
        <source>Express stops (station ids or names, comma separated)</source>
        <translation>快车停靠站（车站编号或站名，逗号分隔）</translation>
    </message>
    <message>
        <source>Lines the express runs on (comma separated; empty: every line with two or more express stops)</source>
        <translation>开行快车的线路（逗号分隔；留空：所有有两个及以上快车停靠站的线路）</translation>
    </message>
    <message>
        <source>Destination station (id or name, e.g. 东风广场)</source>
        <translation>目的地车站（编号或站名，如 东风广场）</translation>
    </message>
    <message>
        <source>Station times to the destination</source>
        <translation>各站到目的地时间</translation>
    </message>
    <message>
        <source>Origin-destination times</source>
        <translation>起讫点出行时间表</translation>
    </message>
    <message>
        <source>Commute isochrones (needs the walking network)</source>
        <translation>通勤等时圈（需要步行网络）</translation>
    </message>
    <message>
        <source>Population gained within the middle commute threshold (45 min by default)</source>
        <translation>中间通勤阈值内（默认 45 分钟）新增覆盖人口</translation>
    </message>
    <message>
        <source>Mean minutes saved (stations that gain)</source>
        <translation>平均节省分钟（受益车站）</translation>
    </message>
    <message>
        <source>Largest minutes saved</source>
        <translation>最大节省分钟</translation>
    </message>
    <message>
        <source>Stations that gain from the express</source>
        <translation>受益于快车的车站数</translation>
    </message>
    <message>
        <source>Distance between stations (track, straight_line or mixed)</source>
        <translation>站间距离方法（track 沿轨道、straight_line 直线或 mixed 混合）</translation>
    </message>
    <message>
        <source>Minutes saved by the express</source>
        <translation>大站快车节省分钟</translation>
    </message>
    <message>
        <source>Express pattern: {} station(s) gain, on average {:.1f} min, at most {:.1f} min.</source>
        <translation>大站直达方案：{} 个车站受益，平均节省 {:.1f} 分钟，最多 {:.1f} 分钟。</translation>
    </message>
    <message>
        <source>Population (optional polygons, apportioned by area)</source>
        <translation>人口（可选面图层，按面积分摊）</translation>
    </message>
    <message>
        <source>Population field</source>
        <translation>人口字段</translation>
    </message>
    <message>
        <source>Station name field</source>
        <translation>站名字段</translation>
    </message>
    <message>
        <source>Station catchments in walking time on the terrain (screening; with a terrain DEM)</source>
        <translation>按地形步行时间的站点步行范围（筛查；需地形高程模型）</translation>
    </message>
    <message>
        <source>Station walking catchments on the terrain</source>
        <translation>按地形的站点步行范围</translation>
    </message>
    <message>
        <source>Band (m)</source>
        <translation>距离圈（米）</translation>
    </message>
    <message>
        <source>Ped-shed (distance)</source>
        <translation>步行可达比（距离）</translation>
    </message>
    <message>
        <source>Ped-shed (terrain, screening)</source>
        <translation>步行可达比（地形，筛查）</translation>
    </message>
    <message>
        <source>Area, distance (km²)</source>
        <translation>面积，距离（平方公里）</translation>
    </message>
    <message>
        <source>Area, terrain (km², screening)</source>
        <translation>面积，地形（平方公里，筛查）</translation>
    </message>
</context>
</TS>
