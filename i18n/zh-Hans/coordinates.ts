<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChinaCoordinatesAlgorithm</name>
    <message>
        <source>Convert Chinese map coordinates (GCJ-02 / BD-09)</source>
        <translation>国内地图坐标转换（GCJ-02 / BD-09）</translation>
    </message>
    <message>
        <source>gcj02,bd09,wgs84,amap,gaode,baidu,tencent,火星坐标,百度坐标,坐标转换</source>
        <translation>gcj02,bd09,wgs84,amap,gaode,baidu,tencent,火星坐标,百度坐标,坐标转换,高德,百度,腾讯</translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入图层</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>转换结果</translation>
    </message>
    <message>
        <source>The input is in a projected CRS; it is read as WGS84 longitude/latitude and the output is in EPSG:4326.</source>
        <translation>输入图层为投影坐标系；将按 WGS84 经纬度读取，输出为 EPSG:4326。</translation>
    </message>
    <message>
        <source>{} feature(s) lie partly or wholly outside China, where the offset is not defined: those vertices were left unchanged.</source>
        <translation>{} 个要素部分或全部位于中国境外，该处偏移无定义：这些顶点保持不变。</translation>
    </message>
    <message>
        <source>wgs84 = GPS/OpenStreetMap/CGCS2000, gcj02 = AMap/Tencent, bd09 = Baidu</source>
        <translation>wgs84 = GPS/OpenStreetMap/CGCS2000，gcj02 = 高德/腾讯，bd09 = 百度</translation>
    </message>
    <message>
        <source>From coordinate system ({})</source>
        <translation>源坐标系（{}）</translation>
    </message>
    <message>
        <source>To coordinate system</source>
        <translation>目标坐标系</translation>
    </message>
</context>
</TS>
