<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>Walking network (lines; empty: straight-line distance)</source>
        <translation>步行路网（线；为空时按直线距离）</translation>
    </message>
    <message>
        <source>Walking network (lines)</source>
        <translation>步行路网（线）</translation>
    </message>
    <message>
        <source>Residential land or homes (polygons or points)</source>
        <translation>居住用地或住宅（面或点）</translation>
    </message>
    <message>
        <source>Population field</source>
        <translation>人口字段</translation>
    </message>
    <message>
        <source>Districts (polygons, optional)</source>
        <translation>行政分区（面，可选）</translation>
    </message>
    <message>
        <source>District name field</source>
        <translation>分区名称字段</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <source>Distance mode (network or euclidean)</source>
        <translation>距离模式（network 路网 / euclidean 直线）</translation>
    </message>
    <message>
        <source>Residential land or homes</source>
        <translation>居住用地或住宅</translation>
    </message>
    <message>
        <source>Choose the population field of &apos;{}&apos;: park equity weighs homes by population.</source>
        <translation>请选择“{}”的人口字段：公园可达性公平按人口对住宅加权。</translation>
    </message>
    <message>
        <source>{} duplicate geometry(ies) in &apos;{}&apos; were counted once.</source>
        <translation>“{1}”中有 {0} 个重复几何，只计一次。</translation>
    </message>
    <message>
        <source>The population field &apos;{}&apos; of &apos;{}&apos; sums to zero: choose the field that holds residents.</source>
        <translation>“{1}”的人口字段“{0}”合计为零：请选择记录居民人数的字段。</translation>
    </message>
    <message>
        <source>The population field &apos;{}&apos; sums to zero: coverage by population is left empty.</source>
        <translation>人口字段“{}”合计为零：按人口计算的覆盖率留空。</translation>
    </message>
    <message>
        <source>No walking network given: distances are straight-line (euclidean) and labelled so in every output.</source>
        <translation>未提供步行路网：距离按直线（euclidean）计算，并在所有输出中注明。</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>行政分区</translation>
    </message>
    <message>
        <source>Park service rules: {}</source>
        <translation>公园服务规则：{}</translation>
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
        <translation>公园面积字段（平方米；为空时用多边形面积；公园为点时必填）</translation>
    </message>
    <message>
        <source>Park entrances (points, optional; empty: derived along park boundaries)</source>
        <translation>公园出入口（点，可选；为空时沿公园边界自动生成）</translation>
    </message>
    <message>
        <source>Parks and green spaces</source>
        <translation>公园绿地</translation>
    </message>
    <message>
        <source>{} park(s) have no usable area in &apos;{}&apos;: their polygon area is used (0 for points).</source>
        <translation>有 {} 个公园在“{}”中没有可用面积：改用多边形面积（点为 0）。</translation>
    </message>
    <message>
        <source>Park points have no area: choose the park area field, or they fall below every size threshold.</source>
        <translation>公园点没有面积：请选择公园面积字段，否则它们低于所有等级的面积门槛。</translation>
    </message>
    <message>
        <source>Park entrances</source>
        <translation>公园出入口</translation>
    </message>
    <message>
        <source>{} entrance(s) lie farther than {} m from every park and were ignored</source>
        <translation>有 {} 个出入口距所有公园都超过 {} 米，已忽略</translation>
    </message>
    <message>
        <source>{} park(s) have no entrance; access points were derived along their boundary</source>
        <translation>有 {} 个公园没有出入口，已沿其边界自动生成</translation>
    </message>
    <message>
        <source>{} park(s) have no access point within {} m of a street and were left out: {}</source>
        <translation>有 {} 个公园在道路 {} 米范围内没有出入口，未参与计算：{}</translation>
    </message>
    <message>
        <source>{} facility(ies) lie farther than {} m from every street and were left out</source>
        <translation>有 {} 处设施距所有道路都超过 {} 米，未参与计算</translation>
    </message>
    <message>
        <source>No historic districts given: the historic-district rule(s) {} were not applied</source>
        <translation>未提供历史文化街区：历史文化街区规则 {} 未予应用</translation>
    </message>
    <message>
        <source>Custom rules, one per line: minimum park area (m²): service radius (m): grade name [: historic]</source>
        <translation>自定义规则，每行一条：公园最小面积（m²）：服务半径（m）：等级名称 [: historic（仅历史文化街区）]</translation>
    </message>
    <message>
        <source>{} residential feature(s) lie farther than {} m from every street: score 0, counted as unreachable (not below the target)</source>
        <translation>{} 个居住要素距任何街道都超过 {} 米：得分为 0，计为不可达（不计入低于目标）</translation>
    </message>
    <message>
        <source>{} duplicate geometry(ies) in &apos;{}&apos; were counted once, their population added to the kept copy.</source>
        <translation>“{1}”中有 {0} 个重复几何只计一次，其人口已并入保留的要素。</translation>
    </message>
    <message>
        <source>{} park(s) have a park-class value that names no class (CJJ/T 85 code or name): classed by size instead: {}</source>
        <translation>{} 个公园的类别值不对应任何公园类别（CJJ/T 85 代码或名称），改按规模分类：{}</translation>
    </message>
    <message>
        <source>{} park(s) without a class in the data were classed by size (GB/T 51346 grades): screening</source>
        <translation>{} 个数据中无类别的公园按规模分类（GB/T 51346 分级）：属筛查</translation>
    </message>
    <message>
        <source>{} comprehensive or community park(s) are below every size threshold of the standard or off the network: counted in the per-capita area, not in the accessible area</source>
        <translation>{} 个综合公园或社区公园低于所选标准的全部规模门槛或不在路网上：计入人均面积，不计入可达面积</translation>
    </message>
    <message>
        <source>{} residential feature(s) lie farther than {} m from every street: distance left empty, counted as not covered (where the streets do not reach them, clip the residential layer to the network&apos;s area)</source>
        <translation>有 {} 个居住要素距所有道路都超过 {} 米：距离留空，计为未覆盖（若道路网未覆盖这些居住要素，请先把居住图层裁剪到路网范围）</translation>
    </message>
    <message>
        <source>The terrain DEM needs a walking network: it is not used.</source>
        <translation>地形高程模型需要步行路网：本次未使用。</translation>
    </message>
    <message>
        <source>Park service standard</source>
        <translation>公园服务标准</translation>
    </message>
</context>
<context>
    <name>FacilityCoverageAlgorithm</name>
    <message>
        <source>15-minute living circle coverage (生活圈设施覆盖)</source>
        <translation>15分钟生活圈设施覆盖</translation>
    </message>
    <message>
        <source>living circle,15-minute,facility,school,kindergarten,health,elderly,walking,生活圈,15分钟,配套设施,幼儿园,小学,养老</source>
        <translation>生活圈,15分钟,配套设施,学校,幼儿园,卫生,养老,步行,living circle,15-minute,facility</translation>
    </message>
    <message>
        <source>Facilities (points or polygons)</source>
        <translation>设施（点或面）</translation>
    </message>
    <message>
        <source>Facility type field</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <source>Circle distances overriding the preset, one per line: type = metres</source>
        <translation>覆盖预设的生活圈距离，每行一条：类型 = 米</translation>
    </message>
    <message>
        <source>Living circle coverage of homes</source>
        <translation>住宅生活圈覆盖结果</translation>
    </message>
    <message>
        <source>Coverage summary by facility type and district</source>
        <translation>按设施类型和分区的覆盖汇总</translation>
    </message>
    <message>
        <source>Underserved homes by facility type</source>
        <translation>各类设施服务盲区住宅</translation>
    </message>
    <message>
        <source>Mean completeness (share of facility types within reach, 0-1)</source>
        <translation>平均配套完整度（可达设施类型比例，0-1）</translation>
    </message>
    <message>
        <source>unknown facility type &apos;{}&apos;; known: {}</source>
        <translation>未知的设施类型“{}”；可用类型：{}</translation>
    </message>
    <message>
        <source>Facility types: {}</source>
        <translation>设施类型：{}</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Facility type values with no GB 50180 type were ignored (add them to the type mapping): {}</source>
        <translation>以下设施类型值没有对应的 GB 50180 设施类型，已忽略（请在类型对应关系中补充）：{}</translation>
    </message>
    <message>
        <source>No value of &apos;{}&apos; maps to a GB 50180 facility type. Fill in the type mapping, e.g. &apos;school = primary_school&apos;.</source>
        <translation>“{}”中没有任何值对应 GB 50180 设施类型。请填写类型对应关系，例如“school = primary_school”。</translation>
    </message>
    <message>
        <source>Facility types of the preset missing from the data (not scored): {}</source>
        <translation>预设中有但数据中缺失的设施类型（不计入评价）：{}</translation>
    </message>
    <message>
        <source>Living circle coverage</source>
        <translation>生活圈覆盖</translation>
    </message>
    <message>
        <source>15-minute living circle coverage</source>
        <translation>15分钟生活圈设施覆盖</translation>
    </message>
    <message>
        <source>Share of homes covered</source>
        <translation>住宅覆盖比例</translation>
    </message>
    <message>
        <source>Completeness of homes</source>
        <translation>住宅配套完整度</translation>
    </message>
    <message>
        <source>Coverage by facility type</source>
        <translation>各类设施覆盖率</translation>
    </message>
    <message>
        <source>By type and district</source>
        <translation>按设施类型和分区</translation>
    </message>
    <message>
        <source>Facility types not in the data: </source>
        <translation>数据中缺失的设施类型：</translation>
    </message>
    <message>
        <source>Distances along the walking network.</source>
        <translation>距离沿步行路网计算。</translation>
    </message>
    <message>
        <source>No network given: straight-line (euclidean) distances, which overstate coverage.</source>
        <translation>未提供路网：采用直线（euclidean）距离，会高估覆盖。</translation>
    </message>
    <message>
        <source>Mean completeness: {:.1%} over {} facility type(s) ({}).</source>
        <translation>平均配套完整度：{:.1%}，共 {} 类设施（{}）。</translation>
    </message>
    <message>
        <source>Flat vs terrain (screening): mean completeness {:.1%} by distance, {:.1%} in walking time on the DEM (fields ct_&lt;type&gt;, ft_&lt;type&gt;).</source>
        <translation>平地与地形对比（筛查）：按距离平均完整度 {:.1%}，按高程模型上的步行时间 {:.1%}（字段 ct_&lt;类型&gt;、ft_&lt;类型&gt;）。</translation>
    </message>
    <message>
        <source>Type mapping, one per line: field value = GB 50180 type id (the ids are in the help)</source>
        <translation>设施类型对应，每行一条：字段值 = GB 50180 设施类型代码（代码见帮助）</translation>
    </message>
    <message>
        <source>Mean completeness</source>
        <translation>平均完整度</translation>
    </message>
</context>
<context>
    <name>ParkCoverageAlgorithm</name>
    <message>
        <source>Park service coverage (公园绿地服务半径覆盖率)</source>
        <translation>公园绿地服务半径覆盖率</translation>
    </message>
    <message>
        <source>park,green space,service radius,coverage,walking,network,公园,绿地,服务半径,覆盖率,300米见绿,500米见园</source>
        <translation>公园,绿地,服务半径,覆盖率,步行,路网,300米见绿,500米见园,park,coverage</translation>
    </message>
    <message>
        <source>Service area: land within this distance of a reached street (m)</source>
        <translation>服务区：可达道路两侧该距离以内的用地（米）</translation>
    </message>
    <message>
        <source>Park service areas by grade</source>
        <translation>分级公园服务区</translation>
    </message>
    <message>
        <source>Residential coverage</source>
        <translation>居住用地覆盖结果</translation>
    </message>
    <message>
        <source>Underserved residential land</source>
        <translation>服务盲区居住用地</translation>
    </message>
    <message>
        <source>Coverage summary by district</source>
        <translation>分区覆盖率汇总</translation>
    </message>
    <message>
        <source>Coverage rate by residential area (0-1)</source>
        <translation>按居住用地面积计算的覆盖率（0-1）</translation>
    </message>
    <message>
        <source>Coverage rate by population (0-1)</source>
        <translation>按人口计算的覆盖率（0-1）</translation>
    </message>
    <message>
        <source>Park service areas</source>
        <translation>公园服务区</translation>
    </message>
    <message>
        <source>Park service coverage</source>
        <translation>公园绿地服务半径覆盖率</translation>
    </message>
    <message>
        <source>Coverage by residential area: {:.1%}; by population: {} ({}).</source>
        <translation>按居住用地面积覆盖率：{:.1%}；按人口覆盖率：{}（{}）。</translation>
    </message>
    <message>
        <source>Historic districts (历史文化街区, optional): the standard's historic-district rule applies inside them</source>
        <translation>历史文化街区（可选）：标准中的历史文化街区规则在其范围内适用</translation>
    </message>
    <message>
        <source>Historic districts</source>
        <translation>历史文化街区</translation>
    </message>
    <message>
        <source>&apos;{}&apos; has no polygons: the historic-district rule is not applied.</source>
        <translation>“{}”没有面要素：历史文化街区规则未予应用。</translation>
    </message>
    <message>
        <source>Coverage rates</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>by residential area</source>
        <translation>按居住用地面积</translation>
    </message>
    <message>
        <source>by population</source>
        <translation>按人口</translation>
    </message>
    <message>
        <source>Coverage by district</source>
        <translation>分区覆盖率</translation>
    </message>
    <message>
        <source>Park grades and service radii</source>
        <translation>公园等级与服务半径</translation>
    </message>
    <message>
        <source>Service areas by grade</source>
        <translation>分级服务区</translation>
    </message>
    <message>
        <source>Distances along the walking network.</source>
        <translation>距离沿步行路网计算。</translation>
    </message>
    <message>
        <source>No network given: straight-line (euclidean) distances, which overstate coverage.</source>
        <translation>未提供路网：采用直线（euclidean）距离，会高估覆盖。</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>公园</translation>
    </message>
    <message>
        <source>Terrain-aware coverage rate, screening (by population, else by homes; 0-1; with a DEM)</source>
        <translation>计入地形的覆盖率，筛查（按人口，无人口时按住户；0-1；需高程模型）</translation>
    </message>
    <message>
        <source>Flat vs terrain (screening): {} homes covered by distance, {} in walking time on the DEM; {} homes ({} residents) lose coverage. Terrain-aware rate: {:.1%}.</source>
        <translation>平地与地形对比（筛查）：按距离覆盖 {} 户，按高程模型上的步行时间覆盖 {} 户；{} 户（{} 人）失去覆盖。计入地形的覆盖率：{:.1%}。</translation>
    </message>
    <message>
        <source>Flat vs terrain</source>
        <translation>平地与地形对比</translation>
    </message>
    <message>
        <source>Terrain (screening): each home&apos;s walk to the park on the DEM, Tobler&apos;s hiking function; a radius R is read as the time to walk R on the flat (5.04 km/h). The standard&apos;s figure is the distance one.</source>
        <translation>地形（筛查）：每户沿高程模型步行至公园，采用 Tobler 徒步函数；服务半径 R 理解为在平地上步行 R 所需的时间（5.04 km/h）。标准口径的数值仍为按距离计算的结果。</translation>
    </message>
    <message>
        <source>Homes covered</source>
        <translation>覆盖住户</translation>
    </message>
    <message>
        <source>Homes losing coverage</source>
        <translation>失去覆盖的住户</translation>
    </message>
    <message>
        <source>Residents losing coverage</source>
        <translation>失去覆盖的居民</translation>
    </message>
    <message>
        <source>Standard (distance)</source>
        <translation>标准口径（距离）</translation>
    </message>
    <message>
        <source>Terrain (walking time, screening)</source>
        <translation>地形（步行时间，筛查）</translation>
    </message>
</context>
<context>
    <name>ParkEquityAlgorithm</name>
    <message>
        <source>Park accessibility equity (公园可达性公平)</source>
        <translation>公园可达性公平</translation>
    </message>
    <message>
        <source>park,equity,E2SFCA,two-step floating catchment,Gini,Lorenz,accessibility,公园,公平,可达性,基尼系数,均好度</source>
        <translation>公园,公平,E2SFCA,两步移动搜索法,基尼系数,洛伦兹曲线,可达性,均好度,park,equity</translation>
    </message>
    <message>
        <source>Per-capita park area target (m²/person, GB 55014: 8)</source>
        <translation>人均公园面积目标（平方米/人，GB 55014：8）</translation>
    </message>
    <message>
        <source>Park accessibility of homes</source>
        <translation>住宅公园可达性</translation>
    </message>
    <message>
        <source>Equity summary by district</source>
        <translation>分区公平性汇总</translation>
    </message>
    <message>
        <source>Gini coefficient of park accessibility</source>
        <translation>公园可达性基尼系数</translation>
    </message>
    <message>
        <source>Mean accessible park area (m²/person)</source>
        <translation>人均可达公园面积均值（平方米/人）</translation>
    </message>
    <message>
        <source>Population below the target</source>
        <translation>低于目标的人口</translation>
    </message>
    <message>
        <source>Park accessibility</source>
        <translation>公园可达性</translation>
    </message>
    <message>
        <source>Park accessibility equity</source>
        <translation>公园可达性公平</translation>
    </message>
    <message>
        <source>Lorenz curve of park accessibility</source>
        <translation>公园可达性洛伦兹曲线</translation>
    </message>
    <message>
        <source>Equal access</source>
        <translation>绝对均等线</translation>
    </message>
    <message>
        <source>Cumulative share of population</source>
        <translation>人口累计比例</translation>
    </message>
    <message>
        <source>Cumulative share of accessible park area</source>
        <translation>可达公园面积累计比例</translation>
    </message>
    <message>
        <source>Mean accessible park area by district</source>
        <translation>分区人均可达公园面积</translation>
    </message>
    <message>
        <source>Equity by district</source>
        <translation>分区公平性</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>公园</translation>
    </message>
    <message>
        <source>E2SFCA with Gaussian distance decay within each park grade's service radius; score in m² of park per person.</source>
        <translation>采用高斯距离衰减的增强两步移动搜索法（E2SFCA），搜索半径为各公园等级的服务半径；得分为人均可达公园面积（平方米/人）。</translation>
    </message>
    <message>
        <source>Distances along the walking network.</source>
        <translation>距离沿步行路网计算。</translation>
    </message>
    <message>
        <source>No network given: straight-line (euclidean) distances, which overstate coverage.</source>
        <translation>未提供路网：采用直线（euclidean）距离，会高估覆盖。</translation>
    </message>
    <message>
        <source>Mean accessible park area {:.2f} m²/person, Gini {:.3f}, {:.0f} people below the target ({}).</source>
        <translation>人均可达公园面积 {:.2f} 平方米/人，基尼系数 {:.3f}，低于目标的人口 {:.0f} 人（{}）。</translation>
    </message>
    <message>
        <source>Park class field (optional: CJJ/T 85 / GB/T 51346 codes or names, e.g. G11 or 综合公园, G12 or 社区公园; empty values: classed by size)</source>
        <translation>公园类别字段（可选：CJJ/T 85 / GB/T 51346 代码或名称，如 G11 或 综合公园、G12 或 社区公园；空值按规模分类）</translation>
    </message>
    <message>
        <source>Comprehensive and community park access of homes (screening)</source>
        <translation>居住用地综合公园与社区公园可达性（筛查）</translation>
    </message>
    <message>
        <source>Per-capita comprehensive and community park area (GB 55014 2.1.4)</source>
        <translation>人均综合公园与社区公园面积（GB 55014 第2.1.4条）</translation>
    </message>
    <message>
        <source>Per-capita comprehensive park area, all parks and residents given (m²/person)</source>
        <translation>人均综合公园面积，按输入的全部公园与人口（m²/人）</translation>
    </message>
    <message>
        <source>Per-capita community park area, all parks and residents given (m²/person)</source>
        <translation>人均社区公园面积，按输入的全部公园与人口（m²/人）</translation>
    </message>
    <message>
        <source>Comprehensive and community park access</source>
        <translation>综合公园与社区公园可达性</translation>
    </message>
    <message>
        <source>Per-capita comprehensive and community park area (GB 55014-2021 2.1.4)</source>
        <translation>人均综合公园与社区公园面积（GB 55014-2021 第2.1.4条）</translation>
    </message>
    <message>
        <source>GB 55014-2021 2.1.4: per-capita comprehensive park area and per-capita community park area each greater than {} m²/person, for the city. The row 'All' is the clause's measure over the parks and residents given; rows by district and the accessible areas per home are screening beyond the standard.</source>
        <translation>GB 55014-2021 第2.1.4条：城市人均综合公园面积和人均社区公园面积应分别大于 {} m²/人。“全部”一行为该条款口径（按输入的全部公园与人口计算）；分片区各行及各居住单元的可达面积为超出标准定义的筛查。</translation>
    </message>
    <message>
        <source>Per-capita comprehensive park area {:.2f} m²/person, community park area {:.2f} m²/person (target: more than {:g} each, GB 55014-2021 2.1.4).</source>
        <translation>人均综合公园面积 {:.2f} m²/人，人均社区公园面积 {:.2f} m²/人（目标：均大于 {:g}，GB 55014-2021 第2.1.4条）。</translation>
    </message>
    <message>
        <source>Park classes: {}</source>
        <translation>公园类别：{}</translation>
    </message>
    <message>
        <source>Terrain (screening, decay on walking time): mean {:.2f} m²/person, Gini {:.3f}, {:.0f} people below the target.</source>
        <translation>地形（筛查，按步行时间衰减）：人均 {:.2f} m²，基尼系数 {:.3f}，{:.0f} 人低于目标。</translation>
    </message>
</context>
</TS>
