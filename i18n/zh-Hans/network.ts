<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>Road class field (classes pedestrians cannot use are excluded)</source>
        <translation>道路等级字段（排除行人不能通行的道路）</translation>
    </message>
    <message>
        <source>Excluded road classes (comma separated)</source>
        <translation>排除的道路等级（逗号分隔）</translation>
    </message>
    <message>
        <source>Network snapping tolerance (m): line ends and vertices closer than this connect</source>
        <translation>网络捕捉容差（米）：端点和节点距离小于此值即相连</translation>
    </message>
    <message>
        <source>Maximum distance from a street (m): farther is unreachable</source>
        <translation>距街道最大距离（米）：超过即为不可达</translation>
    </message>
    <message>
        <source>Walking network</source>
        <translation>步行路网</translation>
    </message>
    <message>
        <source>The network has no field &apos;{}&apos;: no road class is excluded.</source>
        <translation>路网没有字段“{}”：不排除任何道路等级。</translation>
    </message>
    <message>
        <source>Walking network: {}.</source>
        <translation>步行路网：{}。</translation>
    </message>
    <message>
        <source>Walking network: {} nodes, {} edges, {:.1f} km; {} line(s) excluded by road class.</source>
        <translation>步行路网：{} 个节点，{} 条边，{:.1f} 公里；按道路等级排除 {} 条线。</translation>
    </message>
    <message>
        <source>The walking network has {} disconnected parts; the largest holds {:.0%} of its length. Homes on small islands are flagged (on_island).</source>
        <translation>步行路网有 {} 个互不连通的部分，最大部分占总长度的 {:.0%}。位于路网孤岛上的住宅已标注（on_island）。</translation>
    </message>
    <message>
        <source>{} feature(s) of &apos;{}&apos; have no population value in &apos;{}&apos;: counted as 0.</source>
        <translation>“{1}”中有 {0} 个要素在“{2}”中没有人口值：按 0 计。</translation>
    </message>
    <message>
        <source>{} feature(s) of &apos;{}&apos; have a negative population in &apos;{}&apos;: counted as 0.</source>
        <translation>“{1}”中有 {0} 个要素在“{2}”中人口为负值：按 0 计。</translation>
    </message>
    <message>
        <source>Choose the population field of layer &apos;{}&apos;.</source>
        <translation>请选择图层“{}”的人口字段。</translation>
    </message>
    <message>
        <source>{} population feature(s) of &apos;{}&apos; ({:,.0f} people) lie farther than {:g} m from every street: counted as unreachable.</source>
        <translation>“{1}”中有 {0} 个人口要素（{2:,.0f} 人）距任何街道超过 {3:g} 米：计为不可达。</translation>
    </message>
    <message>
        <source>Terrain DEM (optional): walking times uphill and downhill (Tobler), radii read as flat walking time</source>
        <translation>地形高程模型（可选）：上坡、下坡步行时间（Tobler），半径按平地步行时间理解</translation>
    </message>
    <message>
        <source>Elevation unit of the terrain DEM</source>
        <translation>地形高程模型的高程单位</translation>
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
    <message>
        <source>Largest share of the network the terrain DEM may leave uncovered (%)</source>
        <translation>地形高程模型未覆盖路网的最大比例（%）</translation>
    </message>
    <message>
        <source>Terrain DEM &apos;{}&apos;: its cells cannot be measured in its CRS ({}). Reproject it to a metric CRS.</source>
        <translation>地形高程模型“{}”：无法在其坐标系中量测像元（{}）。请将其投影到以米为单位的坐标系。</translation>
    </message>
    <message>
        <source>Terrain DEM &apos;{}&apos;: elevations in {}, cells of {:.1f} m; {} x {} cells read under the network.</source>
        <translation>地形高程模型“{}”：高程单位 {}，像元 {:.1f} 米；读取路网范围内 {} x {} 个像元。</translation>
    </message>
    <message>
        <source>Terrain: {} edges draped, {} taken end to end (tunnel, bridge, layer), {} steps; {} edges walked flat for nodata gaps. Trips run from each home to the facility.</source>
        <translation>地形：{} 条路段贴合地形，{} 条按两端高差计（隧道、桥梁、layer），{} 条台阶；{} 条路段因无数据缺口按平地计。出行方向为从住户到设施。</translation>
    </message>
    <message>
        <source>Terrain DEM &apos;{}&apos; does not cover {} edges ({:.1%} of the network&apos;s length): walked flat. Lines: {}</source>
        <translation>地形高程模型“{}”未覆盖 {} 条路段（占路网长度的 {:.1%}）：按平地步行计。线要素：{}</translation>
    </message>
    <message>
        <source>Terrain DEM &apos;{}&apos; leaves {:.1%} of the walking network uncovered (more than {:g} %). Use a DEM covering the network, or raise the largest uncovered share.</source>
        <translation>地形高程模型“{}”有 {:.1%} 的步行路网未覆盖（超过 {:g} %）。请使用覆盖路网的高程模型，或调高允许的未覆盖比例。</translation>
    </message>
    <message>
        <source>Walking speed on slopes</source>
        <translation>坡道步行速度</translation>
    </message>
    <message>
        <source>Tobler&apos;s hiking function (1993): 6 exp(-3.5 |s + 0.05|) km/h, 5.04 km/h on the flat</source>
        <translation>Tobler 徒步函数（1993）：6 exp(-3.5 |s + 0.05|) km/h，平地 5.04 km/h</translation>
    </message>
    <message>
        <source>Naismith&apos;s rule (1892): 3 mph plus an hour per 2,000 ft climbed; descents as the flat</source>
        <translation>Naismith 规则（1892）：每小时 3 英里，每爬升 2000 英尺另加 1 小时；下坡按平地计</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <source>Flat vs terrain</source>
        <translation>平地与地形对比</translation>
    </message>
    <message>
        <source>Standard (distance)</source>
        <translation>标准口径（距离）</translation>
    </message>
    <message>
        <source>Terrain (walking time, screening)</source>
        <translation>地形（步行时间，筛查）</translation>
    </message>
    <message>
        <source>Change on the terrain</source>
        <translation>计入地形后的变化</translation>
    </message>
    <message>
        <source>Losing coverage</source>
        <translation>失去覆盖</translation>
    </message>
    <message>
        <source>Homes covered</source>
        <translation>覆盖住户</translation>
    </message>
    <message>
        <source>Population (distance)</source>
        <translation>人口（距离）</translation>
    </message>
    <message>
        <source>Population (terrain, screening)</source>
        <translation>人口（地形，筛查）</translation>
    </message>
    <message>
        <source>Residents covered</source>
        <translation>覆盖人口</translation>
    </message>
    <message>
        <source>Terrain (screening): the walks on the DEM at the chosen walking function&apos;s speed (Tobler&apos;s hiking function by default); a distance R is read as the time to walk R on the flat. The standard&apos;s figure is the distance one.</source>
        <translation>地形（筛查）：在高程模型上按所选步行速度函数（默认托布勒徒步函数）计算步行；距离 R 读作在平地上步行 R 所需的时间。标准口径的数值为按距离计算的数值。</translation>
    </message>
</context>
</TS>
