"""Styled map layers of the bundled sample data plus the demo's outputs, for the map sheet step of
the demo (scripts/demo.d/90_map.sh).

Usage: python scripts/map_project.py DATA_DIR OUT_DIR PROJECT.qgz
Writes PROJECT.qgz with the styled layers, every vector layer copied into
OUT_DIR/planning_map_layers.gpkg (qgis_process 3.22 aborts at exit after using a project layer of
some single-layer GeoPackages, even with native:buffer; layers of this one GeoPackage work).
Prints one line per sheet: <name>\t<title>\t<layer id>;<layer id>;... (drawn bottom first). The
outputs of earlier demo steps (*.gpkg, *.tif in OUT_DIR) go on the sheet of the sample area they
lie in (Helsinki, Kunming, Big Tujunga); other files are left out."""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsClassificationJenks,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsStyle,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
SHEETS = {  # name: title, area (lon/lat) the outputs must intersect, where the outputs come from
    "helsinki": (
        "赫尔辛基中心区规划分析图（示例）",
        QgsRectangle(24.90, 60.14, 24.99, 60.20),
        "demo results from the Helsinki sample (OSM, HSY) 示例分析结果",
    ),
    "kunming": (
        "昆明市轨道交通规划分析图（示例）",
        QgsRectangle(102.4, 24.6, 103.1, 25.3),
        "demo results from the Kunming metro sample (OSM) 示例分析结果",
    ),
    "bigtujunga": (
        "大图洪加流域排涝分析图（示例）",
        QgsRectangle(-118.35, 34.2, -117.95, 34.45),
        "demo results from the SRTM DEM (public domain, NASA/USGS) 示例分析结果",
    ),
}
STORE = "planning_map_layers.gpkg"


def vector(path: Path, layer: str, name: str) -> QgsVectorLayer:
    result = QgsVectorLayer(f"{path}|layername={layer}", name, "ogr")
    if not result.isValid():
        raise SystemExit(f"cannot open {path} layer {layer}")
    return result


def style_sample(grid, parks, roads, stations, lines) -> None:
    """Planning-map colours: population in yellow-orange classes, parks green, roads grey."""
    ramp = QgsStyle.defaultStyle().colorRamp("YlOrRd")
    renderer = QgsGraduatedSymbolRenderer("population")
    renderer.setSourceSymbol(QgsFillSymbol.createSimple({"outline_color": "255,255,255,120", "outline_width": "0.1"}))
    renderer.setSourceColorRamp(ramp)
    renderer.setClassificationMethod(QgsClassificationJenks())
    renderer.updateClasses(grid, 5)
    renderer.classificationMethod().setLabelPrecision(0)
    renderer.updateRangeLabels()
    grid.setRenderer(renderer)
    grid.setOpacity(0.75)
    parks.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple({"color": "96,170,80,220", "outline_color": "46,110,40", "outline_width": "0.2"})
        )
    )
    roads.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "90,90,90", "width": "0.25"})))
    stations.setRenderer(
        QgsSingleSymbolRenderer(
            QgsMarkerSymbol.createSimple(
                {"name": "circle", "color": "255,255,255", "outline_color": "200,30,40", "size": "1.8"}
            )
        )
    )
    lines.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "200,30,40", "width": "0.6"})))


# Demo output file -> (layer style in layers/styles, map legend name); outputs not listed are left off
# the sheets: tables, intermediate copies, the GCJ-02 shifted stations (they would sit 300 m off),
# and enough of the Helsinki results to keep that sheet's legend on the page.
OUTPUT_STYLES = {
    "zoning_conflicts": ("zoning_conflicts", "三区三线冲突 Control line conflicts"),
    "park_service_areas": ("greenspace_service_areas", "公园服务范围 Park service areas"),
    "park_underserved": ("greenspace_underserved", "公园服务盲区 Underserved residential land"),
    "kunming_express_times": ("transit_station_times", "大站直达节省时间 Express minutes saved"),
    "drainage_accumulation": ("drainage_accumulation", "汇水面积（m²） Flow accumulation (m²)"),
    "drainage_zones": ("drainage_zones", "排涝通道控制带 Corridor zones"),
    "drainage_corridors": ("drainage_corridors", "排涝通道 Drainage corridors"),
    "drainage_crossings": ("drainage_crossings", "通道与道路交叉点 Road crossings"),
}
STYLES = Path(__file__).resolve().parent.parent / "layers" / "styles"


def _styled(layer, stem: str):
    style, title = OUTPUT_STYLES[stem]
    layer.loadNamedStyle(str(STYLES / f"{style}.qml"))
    layer.setName(title)
    return layer


def output_layers(out_dir: Path) -> list:
    """The demo's map-worthy outputs (OUTPUT_STYLES), styled and named for the legend."""
    layers = []
    for path in sorted(out_dir.glob("*.gpkg")):
        if path.name == STORE or path.stem not in OUTPUT_STYLES:
            continue
        probe = QgsVectorLayer(str(path), path.stem, "ogr")
        for sub in probe.dataProvider().subLayers() if probe.isValid() else []:
            layer_name = sub.split("!!::!!")[1]
            name = path.stem if layer_name in (path.stem, "") else f"{path.stem} {layer_name}"
            layer = QgsVectorLayer(f"{path}|layername={layer_name}", name, "ogr")
            if layer.isValid() and layer.geometryType() != QgsWkbTypes.GeometryType.NullGeometry:
                layers.append(_styled(layer, path.stem))
    for path in sorted(out_dir.glob("*.tif")):
        layer = QgsRasterLayer(str(path), path.stem)
        if layer.isValid() and path.stem in OUTPUT_STYLES:
            layers.append(_styled(layer, path.stem))
    order = {
        QgsWkbTypes.GeometryType.PolygonGeometry: 0,
        QgsWkbTypes.GeometryType.LineGeometry: 1,
        QgsWkbTypes.GeometryType.PointGeometry: 2,
    }
    return sorted(
        layers, key=lambda layer: -1 if isinstance(layer, QgsRasterLayer) else order.get(layer.geometryType(), 3)
    )


def sheet_of(layer, project) -> str | None:
    extent = QgsCoordinateTransform(layer.crs(), WGS84, project).transformBoundingBox(layer.extent())
    return next((name for name, (_title, area, _source) in SHEETS.items() if area.intersects(extent)), None)


def main(data: Path, out_dir: Path, project_path: Path) -> None:
    project = QgsProject.instance()
    project.setCrs(WGS84)  # not metric: the algorithm picks the local metric CRS of each sheet
    grid = vector(data / "helsinki_population_grid_2020.gpkg", "population_grid_2020", "人口网格 Population 2020")
    parks = vector(data / "helsinki_osm_layers.gpkg", "parks", "公园绿地 Parks")
    roads = vector(data / "helsinki_osm_layers.gpkg", "roads", "道路 Roads")
    lines = vector(data / "kunming_metro_osm.gpkg", "lines_schematic", "地铁线路 Metro lines")
    stations = vector(data / "kunming_metro_osm.gpkg", "stations", "地铁车站 Metro stations")
    style_sample(grid, parks, roads, stations, lines)
    sheets = {"helsinki": [grid, parks, roads], "kunming": [lines, stations], "bigtujunga": []}
    for layer in sum(sheets.values(), []):
        set_layer_attribution(layer, layer_attribution(layer))  # from resources/sample_data/SOURCES.md
    for layer in output_layers(out_dir):
        name = sheet_of(layer, project)
        if name is not None:
            set_layer_attribution(layer, SHEETS[name][2])
            sheets[name].append(layer)
    store = out_dir / STORE
    store.unlink(missing_ok=True)
    lines = []
    for name, layers in sheets.items():
        if layers and (name == "helsinki" or len(layers) > (2 if name == "kunming" else 0)):
            copies = [project_copy(layer, store) for layer in layers]
            project.addMapLayers(copies)
            lines.append(f"{name}\t{SHEETS[name][0]}\t{';'.join(layer.id() for layer in copies)}")
    if not project.write(str(project_path)):
        raise SystemExit(f"cannot write {project_path}")
    print("\n".join(lines))


def project_copy(layer, store: Path):
    """The layer for the project: vector layers copied into `store` (a single GeoPackage) with
    their style; rasters as they are."""
    if isinstance(layer, QgsRasterLayer):
        return layer
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer.name()
    options.actionOnExistingFile = (
        QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        if store.exists()
        else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile
    )
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(store), QgsProject.instance().transformContext(), options
    )
    if error[0] != QgsVectorFileWriter.WriterError.NoError:
        raise SystemExit(f"cannot write {layer.name()} to {store}: {error[1]}")
    copy = QgsVectorLayer(f"{store}|layername={layer.name()}", layer.name(), "ogr")
    copy.setRenderer(layer.renderer().clone())
    copy.setOpacity(layer.opacity())
    set_layer_attribution(copy, compat.layer_attribution(layer))
    return copy


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    # the plugin's own reading of the sample data's attributions (the plugin linked as QGIS loads it)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build" / "plugins"))
    from urbanization_planning.layers import compat
    from urbanization_planning.layers.compat import set_layer_attribution
    from urbanization_planning.layers.layout import layer_attribution

    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    app.exitQgis()
