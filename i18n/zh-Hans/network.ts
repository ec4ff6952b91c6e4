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
</context>
</TS>
