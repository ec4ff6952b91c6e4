<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <source>The map template &apos;{}&apos; is missing ({}): reinstall the plugin or choose another template.</source>
        <translation>图幅模板“{}”缺失（{}）：请重新安装插件或选择其他模板。</translation>
    </message>
    <message>
        <source>The map template {} is not valid XML (line {}): {}</source>
        <translation>图幅模板 {} 不是有效的 XML（第 {} 行）：{}</translation>
    </message>
    <message>
        <source>QGIS could not read the map template {}.</source>
        <translation>QGIS 无法读取图幅模板 {}。</translation>
    </message>
    <message>
        <source>The map template {} lacks the items {}: give them these ids in the layout designer.</source>
        <translation>图幅模板 {} 缺少图面要素 {}：请在布局设计器中为相应要素设置这些编号（id）。</translation>
    </message>
    <message>
        <source>The map extent has zero width or height: draw an extent with an area, or leave it empty to use the layers&apos; extent.</source>
        <translation>地图范围的宽度或高度为零：请绘制一个有面积的范围，或留空以使用图层范围。</translation>
    </message>
    <message>
        <source>The layers have no features to map: their extent is empty.</source>
        <translation>图层中没有可制图的要素：其范围为空。</translation>
    </message>
    <message>
        <source>{} (source not recorded in the layer metadata)</source>
        <translation>{}（图层元数据中未记录来源）</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>km</source>
        <translation>千米</translation>
    </message>
    <message>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <source>No layers to map: choose at least one layer.</source>
        <translation>没有可制图的图层：请至少选择一个图层。</translation>
    </message>
    <message>
        <source>The map template file {} does not exist.</source>
        <translation>图幅模板文件 {} 不存在。</translation>
    </message>
    <message>
        <source>Data sources: {}</source>
        <translation>数据来源：{}</translation>
    </message>
    <message>
        <source>The output {} must end in .pdf or .png.</source>
        <translation>输出文件 {} 的扩展名必须为 .pdf 或 .png。</translation>
    </message>
    <message>
        <source>The output folder {} does not exist: choose an existing folder.</source>
        <translation>输出文件夹 {} 不存在：请选择已有的文件夹。</translation>
    </message>
    <message>
        <source>Cannot write {}: the folder or file is read-only. Choose another output path.</source>
        <translation>无法写入 {}：文件夹或文件为只读。请选择其他输出路径。</translation>
    </message>
    <message>
        <source>QGIS could not write the map sheet {} (error {}): check that the folder is writable and the file is not open in another program.</source>
        <translation>QGIS 无法写出规划图件 {}（错误 {}）：请检查文件夹是否可写、文件是否被其他程序打开。</translation>
    </message>
    <message>
        <source>   Heights: {}</source>
        <translation>   高程基准：{}</translation>
    </message>
    <message>
        <source>Scale 1:{}   CRS: {}{}   Date: {}</source>
        <translation>比例尺 1:{}   坐标系：{}{}   制图日期：{}</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>图名</translation>
    </message>
    <message>
        <source>Drawing No.</source>
        <translation>图号</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>{}-degree Gauss-Kruger projection, central meridian {}°{}</source>
        <translation>{}度带高斯-克吕格投影 中央经线{}°{}</translation>
    </message>
    <message>
        <source>{}-degree Gauss-Kruger projection, zone {}</source>
        <translation>{}度带高斯-克吕格投影 第{}带</translation>
    </message>
    <message>
        <source>northern hemisphere</source>
        <translation>北半球</translation>
    </message>
    <message>
        <source>southern hemisphere</source>
        <translation>南半球</translation>
    </message>
    <message>
        <source>UTM projection, zone {} ({})</source>
        <translation>通用横轴墨卡托投影 第{}带（{}）</translation>
    </message>
    <message>
        <source>{} ({})</source>
        <translation>{}（{}）</translation>
    </message>
    <message>
        <source>Band {}</source>
        <translation>第{}波段</translation>
    </message>
</context>
<context>
    <name>ExportPlanningMapAlgorithm</name>
    <message>
        <source>Export planning map</source>
        <translation>规划图件导出</translation>
    </message>
    <message>
        <source>layout,print,pdf,map sheet,规划图件,出图,图例,比例尺</source>
        <translation>布局,打印,pdf,图幅,规划图件,出图,图例,比例尺</translation>
    </message>
    <message>
        <source>Layers (drawn in this order: the first at the bottom)</source>
        <translation>图层（按此顺序绘制：第一个在最下层）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Planning map</source>
        <translation>规划图</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Planning unit (prepared by)</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <source>Additional data sources (the layers&apos; own attributions are listed anyway)</source>
        <translation>补充数据来源（图层自身的来源声明总会列出）</translation>
    </message>
    <message>
        <source>Sheet template</source>
        <translation>图幅模板</translation>
    </message>
    <message>
        <source>Map extent (empty: all layers)</source>
        <translation>地图范围（留空：全部图层）</translation>
    </message>
    <message>
        <source>Resolution (DPI)</source>
        <translation>分辨率（DPI）</translation>
    </message>
    <message>
        <source>Map sheet</source>
        <translation>规划图件</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;PNG images (*.png)</source>
        <translation>PDF 文件 (*.pdf);;PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Map scale denominator</source>
        <translation>地图比例尺分母</translation>
    </message>
    <message>
        <source>Map CRS</source>
        <translation>地图坐标系</translation>
    </message>
    <message>
        <source>No layers to map: choose at least one layer in &apos;Layers&apos;.</source>
        <translation>没有可制图的图层：请在“图层”中至少选择一个图层。</translation>
    </message>
    <message>
        <source>These layers cannot be read: {}.</source>
        <translation>以下图层无法读取：{}。</translation>
    </message>
    <message>
        <source>Map CRS {}, scale 1:{}.</source>
        <translation>地图坐标系 {}，比例尺 1:{}。</translation>
    </message>
    <message>
        <source>Data source: {}</source>
        <translation>数据来源：{}</translation>
    </message>
    <message>
        <source>Project name (title block)</source>
        <translation>项目名称（图签）</translation>
    </message>
    <message>
        <source>Drawing number (title block)</source>
        <translation>图号（图签）</translation>
    </message>
    <message>
        <source>Scale (auto: the smallest planning scale that shows the whole extent)</source>
        <translation>比例尺（自动：能显示全部范围的最小规划比例尺）</translation>
    </message>
    <message>
        <source>Height datum, stated when a DEM or other raster is on the sheet (empty: 1985国家高程基准 on CGCS2000 sheets, none otherwise)</source>
        <translation>高程基准，图上有高程模型等栅格时注明（留空：2000国家大地坐标系图件注明1985国家高程基准，其他不注明）</translation>
    </message>
    <message>
        <source>Automatic (the smallest planning scale showing the whole extent)</source>
        <translation>自动（能显示全部范围的最小规划比例尺）</translation>
    </message>
</context>
</TS>
