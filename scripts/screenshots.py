"""Run inside the real QGIS desktop (qgis --code, started by scripts/screenshots.sh): load the
sample data, drive the three dialogs as a planner would, and save screenshots of each dialog and
of an exported map page in $SHOTS_DIR. Steps run from the event loop so background tasks finish."""

import importlib.util
import os
import subprocess
import traceback
from pathlib import Path

import qgis.utils
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

ROOT = Path(os.environ["PLUGIN_ROOT"])
DATA = ROOT / "resources" / "sample_data"
SHOTS = Path(os.environ["SHOTS_DIR"])
SUFFIX = os.environ.get("SHOTS_SUFFIX", "")
LOG = SHOTS / f"screenshots{SUFFIX}.log"
plugin = qgis.utils.plugins["urbanization_planning"]
state = {}


def log(text: str) -> None:
    with open(LOG, "a", encoding="utf-8") as f:
        f.write(text + "\n")


def save(widget, name: str) -> None:
    path = SHOTS / f"{name}{SUFFIX}.png"
    widget.grab().save(str(path))
    log(f"saved {path}")


def styled_sample_layers() -> None:
    """The sample layers of the planning sample and Helsinki, styled like the demo's map sheets."""
    spec = importlib.util.spec_from_file_location("map_project", ROOT / "scripts" / "map_project.py")
    map_project = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(map_project)
    grid = QgsVectorLayer(
        f"{DATA / 'helsinki_population_grid_2020.gpkg'}|layername=population_grid_2020",
        "人口网格 Population 2020",
        "ogr",
    )
    parks = QgsVectorLayer(f"{DATA / 'helsinki_osm_layers.gpkg'}|layername=parks", "公园绿地 Parks", "ogr")
    roads = QgsVectorLayer(f"{DATA / 'helsinki_osm_layers.gpkg'}|layername=roads", "道路 Roads", "ogr")
    lines = QgsVectorLayer(
        f"{DATA / 'kunming_metro_osm.gpkg'}|layername=lines_schematic", "地铁线路 Metro lines", "ogr"
    )
    stations = QgsVectorLayer(f"{DATA / 'kunming_metro_osm.gpkg'}|layername=stations", "地铁车站 Metro stations", "ogr")
    map_project.style_sample(grid, parks, roads, stations, lines)
    QgsProject.instance().addMapLayers([grid, parks, roads])
    state["helsinki"] = [grid, parks, roads]
    for layer_name in ("plan_landuse", "ecological_redline", "permanent_farmland", "development_boundary"):
        layer = QgsVectorLayer(f"{DATA / 'planning_sample.gpkg'}|layername={layer_name}", layer_name, "ogr")
        if layer.isValid():
            QgsProject.instance().addMapLayer(layer, False)
            state.setdefault("planning", {})[layer_name] = layer
    dem = QgsRasterLayer(str(DATA / "bigtujunga.tif"), "bigtujunga DEM")
    QgsProject.instance().addMapLayer(dem, False)
    state["dem"] = dem
    iface.mapCanvas().setExtent(grid.extent())


def analysis_inputs() -> None:
    dialog = plugin.show_analysis()
    state["analysis"] = dialog
    dialog.resize(1280, 800)  # the laptop screen planners have
    if dialog.select_algorithm("urbanization:parkcoverage"):  # the longest form: labels wrap above wide inputs
        grid, parks, roads = state["helsinki"]
        dialog.form.set_value("PARKS", parks)
        dialog.form.set_value("NETWORK", roads)
        dialog.form.set_value("RESIDENTIAL", grid)
        save(dialog, "dialog_planning_analysis_parkcoverage")
    planning = state.get("planning")
    algorithm_id = "urbanization:controllineconflicts"
    if planning and dialog.select_algorithm(algorithm_id):
        dialog.form.set_value("PLAN", planning["plan_landuse"])
        dialog.form.set_value("LANDUSE_FIELD", "DLBM")
        dialog.form.set_value("ECOLOGICAL_REDLINE", planning["ecological_redline"])
        dialog.form.set_value("PERMANENT_FARMLAND", planning["permanent_farmland"])
        dialog.form.set_value("DEVELOPMENT_BOUNDARY", planning["development_boundary"])
    else:
        dialog.select_algorithm("urbanization:drainagecorridors")
        dialog.form.set_value("DEM", state["dem"])
    save(dialog, "dialog_planning_analysis_inputs")
    dialog.runButton.click()
    save(dialog, "dialog_planning_analysis_running")


def analysis_results() -> bool:
    dialog = state["analysis"]
    if dialog.is_running():
        return False
    log("analysis: " + dialog.statusLabel.text().replace("\n", " "))
    save(dialog, "dialog_planning_analysis_results")
    canvas = iface.mapCanvas()
    layers = [QgsProject.instance().mapLayer(i) for i in dialog.loaded_layer_ids()]
    extent = next((layer.extent() for layer in layers if layer is not None and layer.isSpatial()), None)
    if extent is not None:
        canvas.setExtent(canvas.mapSettings().layerExtentToOutputExtent(layers[0], extent))
        canvas.zoomScale(canvas.scale() * 1.1)
    canvas.refreshAllLayers()
    return True


def main_window() -> bool:
    """The QGIS window with the styled results, once the canvas has drawn them."""
    if iface.mapCanvas().isDrawing():
        return False
    save(iface.mainWindow(), "qgis_with_results")
    return True


def standards() -> None:
    dialog = plugin.show_standards()
    dialog.resize(1100, 650)
    save(dialog, "dialog_standards_presets")
    dialog.close()


def export_map() -> None:
    dialog = plugin.show_export_map()
    dialog.resize(680, 760)
    wanted = {layer.id() for layer in state["helsinki"]}
    for row in range(dialog.layersList.count()):
        item = dialog.layersList.item(row)
        if item.data(0x0100) in wanted:
            item.setCheckState(2)
    dialog.titleEdit.setText("赫尔辛基中心区公园绿地与人口分布图")
    dialog.subtitleEdit.setText("城镇化规划工具箱示例 Urbanization Planning Toolkit sample")
    dialog.unitEdit.setText("示例数据 Sample data")
    dialog.projectEdit.setText("城镇化规划工具箱示例图集")
    dialog.numberEdit.setText("示例-1")
    dialog.dpiSpin.setValue(150)
    dialog.outputEdit.setText(str(SHOTS / f"planning_map_sheet{SUFFIX}.pdf"))
    dialog.exportButton.click()
    state["export"] = dialog


def export_done() -> bool:
    dialog = state["export"]
    if dialog.run_ is None or not dialog.run_.done:
        return False
    log("export: " + dialog.statusLabel.text())
    save(dialog, "dialog_export_planning_map")
    pdf = SHOTS / f"planning_map_sheet{SUFFIX}.pdf"
    if pdf.exists():
        subprocess.run(
            ["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(SHOTS / f"map_sheet{SUFFIX}")], check=False
        )
        pdf.unlink()
        log("saved map_sheet page")
    return True


STEPS = [styled_sample_layers, analysis_inputs, analysis_results, main_window, standards, export_map, export_done]


def next_step(index: int = 0, tries: int = 0) -> None:
    if index >= len(STEPS) or tries > 300:
        log("done" if index >= len(STEPS) else f"gave up at {STEPS[index].__name__}")
        for dialog in plugin.dialogs.values():
            dialog.close()
        QgsProject.instance().clear()  # nothing to save: QGIS exits without asking
        QTimer.singleShot(300, iface.actionExit().trigger)
        return
    try:
        finished = STEPS[index]() is not False
    except Exception:  # keep going so QGIS exits; the log says what failed
        log(traceback.format_exc())
        finished = True
    QTimer.singleShot(
        1500 if finished else 200, lambda: next_step(index + 1 if finished else index, 0 if finished else tries + 1)
    )


QgsApplication.processingRegistry()  # the provider is registered by the plugin
QTimer.singleShot(1000, next_step)
