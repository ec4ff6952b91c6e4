<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportMapDialog</name>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="32"/>
        <source>Planning map</source>
        <translation>规划图</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="48"/>
        <source>A4 landscape</source>
        <translation>A4 横版</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="48"/>
        <source>A4 portrait</source>
        <translation>A4 竖版</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="49"/>
        <source>A3 landscape</source>
        <translation>A3 横版</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="49"/>
        <source>A3 portrait</source>
        <translation>A3 竖版</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="75"/>
        <source>{} layer(s) were removed from the project and from this list.</source>
        <translation>已有 {} 个图层从工程中移除，列表已同步更新。</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="93"/>
        <source>Save the map sheet</source>
        <translation>保存规划图件</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="93"/>
        <source>PDF files (*.pdf);;PNG images (*.png)</source>
        <translation>PDF 文件 (*.pdf);;PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="110"/>
        <source>Tick at least one layer to map.</source>
        <translation>请至少勾选一个要制图的图层。</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="113"/>
        <source>Choose the output file (.pdf or .png).</source>
        <translation>请选择输出文件（.pdf 或 .png）。</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="120"/>
        <source>Exporting...</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="126"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="127"/>
        <source>The export failed:
{}</source>
        <translation>导出失败：
{}</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.py" line="131"/>
        <source>Map sheet written: {} (scale 1:{}, {}).</source>
        <translation>规划图件已输出：{}（比例尺 1:{}，{}）。</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="6"/>
        <source>Export planning map</source>
        <translation>规划图件导出</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="8"/>
        <source>Layers (tick the layers to map; drawn from the bottom of the list up, as in the Layers panel):</source>
        <translation>图层（勾选要制图的图层；与图层面板一致，列表下方的图层先绘制）：</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="14"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="15"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="23"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="25"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="27"/>
        <source>Planning unit</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="29"/>
        <source>Additional data sources</source>
        <translation>补充数据来源</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="31"/>
        <source>Sheet template</source>
        <translation>图幅模板</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="33"/>
        <source>Resolution (DPI)</source>
        <translation>分辨率（DPI）</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="35"/>
        <source>Output file (.pdf or .png)</source>
        <translation>输出文件（.pdf 或 .png）</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="39"/>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="48"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="49"/>
        <source>Open the sheet</source>
        <translation>打开图件</translation>
    </message>
    <message>
        <location filename="../../ui/export_map_dialog.ui" line="50"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ParameterForm</name>
    <message>
        <location filename="../../ui/parameter_form.py" line="138"/>
        <source>Please give a valid value for &apos;{}&apos;.</source>
        <translation>请为“{}”填写有效的值。</translation>
    </message>
    <message>
        <location filename="../../ui/parameter_form.py" line="88"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
</context>
<context>
    <name>PlanningAnalysisDialog</name>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="116"/>
        <source>Choose an analysis first.</source>
        <translation>请先选择一项分析。</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="130"/>
        <source>Running {} in the background...</source>
        <translation>正在后台运行“{}”…</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="138"/>
        <source>Cancelling...</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="148"/>
        <source>Cancelled: no layers were added.</source>
        <translation>已取消：未添加任何图层。</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="150"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="151"/>
        <source>The analysis failed:
{}</source>
        <translation>分析失败：
{}</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="155"/>
        <source>Done: {} layer(s) added to the project.</source>
        <translation>完成：已向工程添加 {} 个图层。</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.py" line="162"/>
        <source>{}: features</source>
        <translation>{}：要素数</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="6"/>
        <source>Planning analysis</source>
        <translation>规划分析</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="13"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="17"/>
        <source>Choose an analysis on the left.</source>
        <translation>请在左侧选择一项分析。</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="21"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="25"/>
        <source>Planning standards:</source>
        <translation>规划标准：</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="26"/>
        <source>Standards presets...</source>
        <translation>规划标准预设…</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="39"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="45"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="47"/>
        <source>Key numbers</source>
        <translation>关键指标</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="52"/>
        <source>Result</source>
        <translation>结果项</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="53"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="56"/>
        <source>Chart from the report</source>
        <translation>报告图表</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="65"/>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="66"/>
        <source>Open in Processing dialog</source>
        <translation>在处理工具对话框中打开</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="67"/>
        <source>Export map</source>
        <translation>导出图件</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="78"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="79"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/planning_analysis_dialog.ui" line="80"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>StandardsDialog</name>
    <message>
        <location filename="../../ui/standards_dialog.py" line="41"/>
        <source>My presets are kept in {}</source>
        <translation>我的预设保存在 {}</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="43"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="43"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="43"/>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="43"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="43"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="119"/>
        <source>Source: {}</source>
        <translation>依据：{}</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="121"/>
        <source>Note: {}</source>
        <translation>说明：{}</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="134"/>
        <source>Select a preset and give the new preset an id.</source>
        <translation>请选择一个预设，并为新预设填写编号。</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="138"/>
        <source>A preset &apos;{}&apos; exists already: choose another id.</source>
        <translation>预设“{}”已存在：请换一个编号。</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="144"/>
        <source>Copied to {} as &apos;{}&apos;: edit it below and save.</source>
        <translation>已复制到 {}，编号为“{}”：请在下方修改后保存。</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="152"/>
        <source>Not saved: {}</source>
        <translation>未保存：{}</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="155"/>
        <source>Saved &apos;{}&apos; in {}.</source>
        <translation>已将“{}”保存到 {}。</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="160"/>
        <source>Deleted my preset &apos;{}&apos;.</source>
        <translation>已删除我的预设“{}”。</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="6"/>
        <source>Standards presets</source>
        <translation>规划标准预设</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="10"/>
        <source>Standard table:</source>
        <translation>标准表：</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="32"/>
        <source>New preset id:</source>
        <translation>新预设编号：</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="34"/>
        <source>Copy to my presets</source>
        <translation>复制到我的预设</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="35"/>
        <source>Save my preset</source>
        <translation>保存我的预设</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="36"/>
        <source>Delete my preset</source>
        <translation>删除我的预设</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.ui" line="43"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/standards_dialog.py" line="142"/>
        <source>Copied to {} as &apos;{}&apos;: it replaces the built-in preset in every algorithm. Edit it below and save.</source>
        <translation>已复制到 {}，编号为“{}”：它将在所有算法中替代内置预设。请在下方修改后保存。</translation>
    </message>
</context>
<context>
    <name>UrbanizationMenu</name>
    <message>
        <location filename="../../ui/menu.py" line="9"/>
        <source>Planning analysis...</source>
        <translation>规划分析…</translation>
    </message>
    <message>
        <location filename="../../ui/menu.py" line="13"/>
        <source>Export planning map...</source>
        <translation>规划图件导出…</translation>
    </message>
    <message>
        <location filename="../../ui/menu.py" line="17"/>
        <source>Standards presets...</source>
        <translation>规划标准预设…</translation>
    </message>
</context>
</TS>
