<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>Planned land use</source>
        <translation>规划用地</translation>
    </message>
    <message>
        <source>{} of {} parcels have an empty or unknown land-use code in field &apos;{}&apos;: they are reported as the class &apos;unknown&apos;.</source>
        <translation>{} 个图斑（共 {} 个）在字段“{}”中的用地编码为空或无法识别：作为“未知编码”类单独报告。</translation>
    </message>
    <message>
        <source>The standards file &apos;{}.json&apos; cannot be used ({}). Fix it, or delete your copy in {} to use the built-in one.</source>
        <translation>标准文件“{}.json”无法使用（{}）。请修正该文件，或删除您在 {} 中的副本以使用内置文件。</translation>
    </message>
    <message>
        <source>Classification of the codes (gb2023 = 用地用海分类 2023, sandiao = 三调工作分类 via the guide's crosswalk, auto = detect)</source>
        <translation>编码所用分类（gb2023 = 2023年用地用海分类，sandiao = 三调工作分类，按指南对应表转换，auto = 自动识别）</translation>
    </message>
    <message>
        <source>田坎 deduction from the fields {}: {} parcels; their land-use areas exclude the deducted share.</source>
        <translation>按字段 {} 扣除田坎：{} 个图斑；其地类面积不含扣除部分。</translation>
    </message>
    <message>
        <source>Field '{}': {}. Set the classification to gb2023 (用地用海分类) or sandiao (三调工作分类).</source>
        <translation>字段“{}”：{}。请将分类设为 gb2023（用地用海分类）或 sandiao（三调工作分类）。</translation>
    </message>
    <message>
        <source>Field '{}' holds 三调 working-classification codes ({}): if the layer is 三调 status data, set the classification to sandiao.</source>
        <translation>字段“{}”含有三调工作分类编码（{}）：如该图层为三调现状数据，请将分类设为 sandiao。</translation>
    </message>
    <message>
        <source>the 2023 land-use classification (用地用海分类)</source>
        <translation>2023年用地用海分类</translation>
    </message>
    <message>
        <source>the 三调 working classification, converted through the 2023 guide's crosswalk</source>
        <translation>三调工作分类，并按2023年指南的对应关系转换</translation>
    </message>
    <message>
        <source>Land-use codes in field &apos;{}&apos; read as {}.</source>
        <translation>字段“{}”中的地类编码按{}读取。</translation>
    </message>
    <message>
        <source>Processing mode (auto = partitioned on Dask for large GeoPackage layers, else in memory)</source>
        <translation>处理模式（auto = 大型 GeoPackage 图层在 Dask 上分区处理，其余在内存中处理）</translation>
    </message>
    <message>
        <source>Parcels per partition (partitioned mode)</source>
        <translation>每个分区的图斑数（分区模式）</translation>
    </message>
    <message>
        <source>Processing mode: in memory ({} parcels).</source>
        <translation>处理模式：内存（{} 个图斑）。</translation>
    </message>
    <message>
        <source>The partitioned mode needs {}. Install with:
{}</source>
        <translation>分区模式需要 {}。安装命令：
{}</translation>
    </message>
    <message>
        <source>{} parcels are checked in memory because {} are missing; for data of this size install them (partitioned on Dask, memory bounded by the partition size):
{}</source>
        <translation>{} 个图斑在内存中检查，因为缺少 {}；对于这种规模的数据请安装它们（在 Dask 上分区处理，内存占用取决于分区大小）：
{}</translation>
    </message>
    <message>
        <source>The partitioned mode reads the plan from a GeoPackage layer as stored: save the layer (without selection or filter) as a GeoPackage, or choose the in-memory mode.</source>
        <translation>分区模式直接读取 GeoPackage 图层的存储数据：请将图层（不带选择集或过滤条件）另存为 GeoPackage，或选择内存模式。</translation>
    </message>
    <message>
        <source>Processing mode: in memory ({} parcels; only a GeoPackage layer as stored can be partitioned).</source>
        <translation>处理模式：内存（{} 个图斑；只有按原样存储的 GeoPackage 图层才能分区处理）。</translation>
    </message>
    <message>
        <source>Processing mode: partitioned, {} parcels in {} partitions of up to {}, on {}.</source>
        <translation>处理模式：分区，{} 个图斑分为 {} 个分区（每区最多 {} 个），运行于 {}。</translation>
    </message>
    <message>
        <source>Most land-use codes in field '{}' are unknown and the text looks like Chinese (GBK) read with the wrong encoding: {}. Set the layer's encoding to GBK (Layer Properties &gt; Source &gt; Data source encoding; 图层属性 → 源 → 数据源编码 GBK), or put a .cpg file containing GBK next to the .shp, and run again.</source>
        <translation>字段“{}”中的大部分用地编码无法识别，其文字像是以错误编码读取的中文（GBK）：{}。请将图层编码设为 GBK（图层属性 → 源 → 数据源编码 GBK），或在 .shp 旁放置内容为 GBK 的 .cpg 文件，然后重新运行。</translation>
    </message>
    <message>
        <source>Automatic (by the size of the data)</source>
        <translation>自动（按数据量选择）</translation>
    </message>
    <message>
        <source>In memory (the whole layer at once)</source>
        <translation>整体读入内存</translation>
    </message>
    <message>
        <source>Partitioned on Dask (province-scale data)</source>
        <translation>Dask 分区计算（省域数据）</translation>
    </message>
    <message>
        <source>Third national land survey work classification</source>
        <translation>第三次全国国土调查工作分类（三调）</translation>
    </message>
    <message>
        <source>Detect from the codes</source>
        <translation>按编码自动识别</translation>
    </message>
</context>
<context>
    <name>ControlLineConflictsAlgorithm</name>
    <message>
        <source>Control line conflict check (三区三线冲突检查)</source>
        <translation>三区三线冲突检查</translation>
    </message>
    <message>
        <source>three control lines,ecological red line,permanent basic farmland,urban development boundary,conflict,overlay,三区三线,多规合一</source>
        <translation>三区三线,生态保护红线,永久基本农田,城镇开发边界,冲突,叠加分析,多规合一,three control lines,conflict</translation>
    </message>
    <message>
        <source>Control line conflicts</source>
        <translation>三区三线冲突</translation>
    </message>
    <message>
        <source>Planned land use or 三调 status parcels (polygons)</source>
        <translation>规划用地或三调现状图斑（面）</translation>
    </message>
    <message>
        <source>Land-use code field (07, 0701, or class name; 三调: DLBM or DLMC)</source>
        <translation>地类编码字段（07、0701 或地类名称；三调：DLBM 或 DLMC）</translation>
    </message>
    <message>
        <source>Ignore pieces smaller than (m², plane)</source>
        <translation>忽略小于此面积的碎片（平方米，平面）</translation>
    </message>
</context>
<context>
    <name>LivingSpaceStructureAlgorithm</name>
    <message>
        <source>Production-living-ecological space structure (三生空间结构)</source>
        <translation>三生空间结构分析</translation>
    </message>
    <message>
        <source>production space,living space,ecological space,land use structure,三生空间,生产空间,生活空间,生态空间</source>
        <translation>三生空间,生产空间,生活空间,生态空间,用地结构,production space,living space,ecological space</translation>
    </message>
    <message>
        <source>Planned land use (polygons)</source>
        <translation>规划用地（面）</translation>
    </message>
    <message>
        <source>Space mapping (default = research convention, file = mapping file below)</source>
        <translation>三生空间映射（default = 研究惯例，file = 下方映射文件）</translation>
    </message>
    <message>
        <source>Mapping file (JSON or CSV: code,space_class)</source>
        <translation>映射文件（JSON 或 CSV：code,space_class）</translation>
    </message>
    <message>
        <source>Planning units, e.g. districts or towns (polygons)</source>
        <translation>规划单元，如区、乡镇（面）</translation>
    </message>
    <message>
        <source>Unit name field</source>
        <translation>单元名称字段</translation>
    </message>
    <message>
        <source>Space classes</source>
        <translation>三生空间图斑</translation>
    </message>
    <message>
        <source>Space structure by unit</source>
        <translation>各单元三生空间结构表</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <source>Space mapping is set to &apos;file&apos;: choose a mapping file (JSON or CSV).</source>
        <translation>三生空间映射设为“file”：请选择映射文件（JSON 或 CSV）。</translation>
    </message>
    <message>
        <source>The space mapping cannot be used: {}</source>
        <translation>三生空间映射无法使用：{}</translation>
    </message>
    <message>
        <source>Planning units</source>
        <translation>规划单元</translation>
    </message>
    <message>
        <source>unit {}</source>
        <translation>单元 {}</translation>
    </message>
    <message>
        <source>outside all units</source>
        <translation>所有单元之外</translation>
    </message>
    <message>
        <source>whole plan</source>
        <translation>整个规划</translation>
    </message>
    <message>
        <source>unmapped</source>
        <translation>未映射</translation>
    </message>
    <message>
        <source>Production-living-ecological space</source>
        <translation>三生空间</translation>
    </message>
    <message>
        <source>{:.1f} m² of the plan has no space class (codes without a mapping or unknown codes): shown as 'unmapped'.</source>
        <translation>规划中有 {:.1f} 平方米没有对应的空间类型（编码未映射或无法识别）：显示为“未映射”。</translation>
    </message>
    <message>
        <source>Area and share by unit</source>
        <translation>各单元面积与比例</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>ha</source>
        <translation>公顷</translation>
    </message>
    <message>
        <source>The production-living-ecological mapping is a research convention, not a national table: check it in the mapping file.</source>
        <translation>三生空间映射为研究惯例而非国家标准：请在映射文件中核对。</translation>
    </message>
    <message>
        <source>Production-living-ecological space structure</source>
        <translation>三生空间结构</translation>
    </message>
    <message>
        <source>A mapping file is given but Space mapping is &apos;default&apos;: the file is not used.</source>
        <translation>已指定映射文件，但三生空间映射设为“default”：该文件未被使用。</translation>
    </message>
    <message>
        <source>Land-use code field (07, 0701, or class name; 三调: DLBM or DLMC)</source>
        <translation>地类编码字段（07、0701 或地类名称；三调：DLBM 或 DLMC）</translation>
    </message>
    <message>
        <source>Space structure by unit (hectares, CGCS2000 ellipsoidal)</source>
        <translation>各单元三生空间结构（公顷，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Total (m², CGCS2000 ellipsoidal)</source>
        <translation>合计（平方米，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Areas are CGCS2000 ellipsoidal areas (as 三调 statistics); the 田坎 share of 三调 parcels is counted in the class of 田坎.</source>
        <translation>面积为CGCS2000椭球面积（与三调统计一致）；三调图斑的田坎扣除部分计入田坎所属类别。</translation>
    </message>
</context>
<context>
    <name>PlanTopologyAlgorithm</name>
    <message>
        <source>Planning layer topology check (规划图斑拓扑检查)</source>
        <translation>规划图斑拓扑检查</translation>
    </message>
    <message>
        <source>topology,overlap,gap,sliver,duplicate,invalid geometry,拓扑检查,重叠,缝隙,碎片</source>
        <translation>拓扑检查,重叠,缝隙,碎片,重复图斑,无效几何,topology,overlap,gap,sliver</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>缝隙</translation>
    </message>
    <message>
        <source>sliver</source>
        <translation>狭长碎片</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>无效几何</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复图斑</translation>
    </message>
    <message>
        <source>outside the planning boundary</source>
        <translation>超出规划范围</translation>
    </message>
    <message>
        <source>Planning layer (polygons)</source>
        <translation>规划图层（面）</translation>
    </message>
    <message>
        <source>Planning area boundary (polygons)</source>
        <translation>规划范围（面）</translation>
    </message>
    <message>
        <source>Tolerance (m): overlaps and gaps no wider than this are ignored</source>
        <translation>容差（米）：宽度不超过此值的重叠和缝隙忽略不计</translation>
    </message>
    <message>
        <source>Sliver width (m): parcels nowhere wider than this are slivers</source>
        <translation>碎片宽度（米）：任何位置宽度都不超过此值的图斑为狭长碎片</translation>
    </message>
    <message>
        <source>Topology errors</source>
        <translation>拓扑错误</translation>
    </message>
    <message>
        <source>Number of topology errors</source>
        <translation>拓扑错误数</translation>
    </message>
    <message>
        <source>Number of overlaps</source>
        <translation>重叠个数</translation>
    </message>
    <message>
        <source>Number of gaps</source>
        <translation>缝隙个数</translation>
    </message>
    <message>
        <source>Number of slivers</source>
        <translation>狭长碎片个数</translation>
    </message>
    <message>
        <source>Number of invalid geometries</source>
        <translation>无效几何个数</translation>
    </message>
    <message>
        <source>Number of duplicates</source>
        <translation>重复图斑个数</translation>
    </message>
    <message>
        <source>Number of parcels reaching outside the boundary</source>
        <translation>超出规划范围的图斑个数</translation>
    </message>
    <message>
        <source>Planning layer</source>
        <translation>规划图层</translation>
    </message>
    <message>
        <source>Planning area boundary</source>
        <translation>规划范围</translation>
    </message>
    <message>
        <source>Topology errors: {}</source>
        <translation>拓扑错误：{}</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <source>Ecological protection red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <source>Core protected area (in the red line)</source>
        <translation>自然保护地核心保护区（红线内）</translation>
    </message>
    <message>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <source>Urban development boundary</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <source>{} (polygons)</source>
        <translation>{}（面）</translation>
    </message>
    <message>
        <source>Conflict rules (national = default rules, file = rules file below)</source>
        <translation>冲突规则（national = 国家默认规则，file = 下方规则文件）</translation>
    </message>
    <message>
        <source>Rules file (JSON or CSV)</source>
        <translation>规则文件（JSON 或 CSV）</translation>
    </message>
    <message>
        <source>Conflict rules is set to &apos;file&apos;: choose a rules file (JSON or CSV).</source>
        <translation>冲突规则设为“file”：请选择规则文件（JSON 或 CSV）。</translation>
    </message>
    <message>
        <source>A rules file is given but Conflict rules is &apos;national&apos;: the file is not used.</source>
        <translation>已指定规则文件，但冲突规则设为“national”：该文件未被使用。</translation>
    </message>
    <message>
        <source>The conflict rules cannot be used: {}</source>
        <translation>冲突规则无法使用：{}</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no features with geometry: the checks against it are skipped.</source>
        <translation>图层“{}”没有含几何的要素：跳过与其相关的检查。</translation>
    </message>
    <message>
        <source>Give at least one control line layer with features: ecological protection red line, permanent basic farmland or urban development boundary.</source>
        <translation>请至少提供一个含要素的控制线图层：生态保护红线、永久基本农田或城镇开发边界。</translation>
    </message>
    <message>
        <source>Rule &apos;{}&apos; is not checked: no {} layer with features.</source>
        <translation>规则“{}”未检查：没有含要素的{}图层。</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突图斑</translation>
    </message>
    <message>
        <source>Control line overlaps</source>
        <translation>控制线重叠</translation>
    </message>
    <message>
        <source>Conflict summary by control line, outcome and land-use class</source>
        <translation>按控制线、判定结果和地类汇总的冲突</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <source>Number of conflicts (prohibited, needs approval, unknown code)</source>
        <translation>冲突数量（禁止、须审批、编码未知）</translation>
    </message>
    <message>
        <source>Conflict area (m², CGCS2000 ellipsoidal)</source>
        <translation>冲突面积（平方米，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Number of prohibited uses</source>
        <translation>禁止用途数量</translation>
    </message>
    <message>
        <source>Prohibited area (m², CGCS2000 ellipsoidal)</source>
        <translation>禁止用途面积（平方米，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Number of uses that need approval</source>
        <translation>须审批用途数量</translation>
    </message>
    <message>
        <source>Area that needs approval (m², CGCS2000 ellipsoidal)</source>
        <translation>须审批面积（平方米，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Number of control line overlaps</source>
        <translation>控制线重叠个数</translation>
    </message>
    <message>
        <source>Control line overlap area (m², CGCS2000 ellipsoidal)</source>
        <translation>控制线重叠面积（平方米，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Parcels with an unknown land-use code</source>
        <translation>用地编码未知的图斑数</translation>
    </message>
    <message>
        <source>prohibited</source>
        <translation>禁止</translation>
    </message>
    <message>
        <source>needs approval</source>
        <translation>须审批</translation>
    </message>
    <message>
        <source>cannot be judged (unknown code)</source>
        <translation>无法判定（编码未知）</translation>
    </message>
    <message>
        <source>allowed, area listed (not a conflict)</source>
        <translation>允许，单列面积（不是冲突）</translation>
    </message>
    <message>
        <source>Land-use code empty or not in the 2023 classification: check by hand</source>
        <translation>用地编码为空或不在 2023 用地用海分类中：请人工核查</translation>
    </message>
    <message>
        <source>unknown code</source>
        <translation>未知编码</translation>
    </message>
    <message>
        <source>Control line conflicts</source>
        <translation>三区三线冲突</translation>
    </message>
    <message>
        <source>{} prohibited ({:.1f} m²), {} need approval ({:.1f} m²), {} with an unknown code; {} control line overlaps ({:.1f} m²). Areas: CGCS2000 ellipsoidal.</source>
        <translation>禁止 {} 处（{:.1f} 平方米），须审批 {} 处（{:.1f} 平方米），编码未知 {} 处；控制线重叠 {} 处（{:.1f} 平方米）。面积为CGCS2000椭球面积。</translation>
    </message>
    <message>
        <source>田坎 inside permanent basic farmland: {:.1f} m², part of the cultivated land it divides, not a conflict (listed in the summary).</source>
        <translation>永久基本农田内的田坎：{:.1f} m²，属其分隔的耕地，不是冲突（已在汇总中单列）。</translation>
    </message>
    <message>
        <source>{}: by control line and land-use class</source>
        <translation>{}：按控制线和地类</translation>
    </message>
    <message>
        <source>Conflict area by control line (hectares, CGCS2000 ellipsoidal)</source>
        <translation>各控制线冲突面积（公顷，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Overlaps between control lines</source>
        <translation>控制线之间的重叠</translation>
    </message>
    <message>
        <source>Control line</source>
        <translation>控制线</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>地类</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>Area (m², CGCS2000 ellipsoidal)</source>
        <translation>面积（平方米，CGCS2000椭球面积）</translation>
    </message>
    <message>
        <source>Area (m², plane)</source>
        <translation>面积（平方米，平面）</translation>
    </message>
    <message>
        <source>ha</source>
        <translation>公顷</translation>
    </message>
    <message>
        <source>None found.</source>
        <translation>未发现。</translation>
    </message>
    <message>
        <source>Control line A</source>
        <translation>控制线 A</translation>
    </message>
    <message>
        <source>Control line B</source>
        <translation>控制线 B</translation>
    </message>
    <message>
        <source>{} prohibited, {} need approval, {} cannot be judged (unknown land-use code: {} parcels).</source>
        <translation>禁止 {} 处，须审批 {} 处，无法判定 {} 处（地类编码未知的图斑 {} 个）。</translation>
    </message>
    <message>
        <source>&apos;Needs approval&apos;: the rules allow the use only as a listed exception, after approval or recognition; each row of the conflicts layer names its clause.</source>
        <translation>“须审批”：规则仅允许作为所列例外、经批准或认定后开展；冲突图层每行注明所依据的条款。</translation>
    </message>
    <message>
        <source>Areas are CGCS2000 ellipsoidal areas (as 三调 statistics), plane areas in the metric CRS beside them; 田坎 shares of 三调 parcels are in net_ellipsoid_area_m2.</source>
        <translation>面积为CGCS2000椭球面积（与三调统计一致），并列出米制坐标系下的平面面积；三调图斑扣除田坎后的面积见“椭球净面积”一列。</translation>
    </message>
    <message>
        <source>Control line conflict check</source>
        <translation>三区三线冲突检查</translation>
    </message>
</context>
</TS>
