"""Run by tests/qgis/test_ui_dialog_fits.py in its own process on an X server of a given screen size
(xvfb-run), optionally with QT_SCALE_FACTOR: the 规划分析 dialog under zh-Hans as a planner opens it.
For every analysis: are Run, Cancel and Close inside the screen's available area, and what do the
enum boxes show. Then Run, Cancel and Close are clicked with the mouse on a drainage run (how long
cancelling took), and the screen is saved as a screenshot. Arguments: the folder holding the plugin
package, a QGIS profile folder, the screenshot path. Prints one JSON line."""

import json
import shutil
import sys
import time

from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QPoint, Qt, QTranslator
from qgis.PyQt.QtGui import QGuiApplication
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QComboBox

plugin_parent, profile, screenshot = sys.argv[1:4]
app = QgsApplication([], True, profile)
app.initQgis()
sys.path.insert(0, plugin_parent)
sys.path.append("/usr/share/qgis/python/plugins")
settings = QgsSettings()
settings.setValue("locale/overrideFlag", True)
settings.setValue("locale/userLocale", "zh-Hans")

from processing.core.Processing import Processing  # noqa: E402

import urbanization_planning  # noqa: E402
from urbanization_planning.algorithms.provider import UrbanizationProvider  # noqa: E402
from urbanization_planning.ui.planning_analysis_dialog import PlanningAnalysisDialog  # noqa: E402

translator = QTranslator()
translator.load(str(urbanization_planning.__path__[0] + "/i18n/urbanization_zh-Hans.qm"))
QCoreApplication.installTranslator(translator)
Processing.initialize()
provider = UrbanizationProvider()
QgsApplication.processingRegistry().addProvider(provider)


def settle(seconds: float = 0.0) -> None:
    end = time.monotonic() + seconds
    while True:
        QApplication.processEvents()
        if time.monotonic() >= end:
            return
        time.sleep(0.02)


def on_screen(widget, room) -> bool:
    """The whole widget visible and inside the screen's available area."""
    top_left = widget.mapToGlobal(QPoint(0, 0))
    bottom_right = widget.mapToGlobal(QPoint(widget.width() - 1, widget.height() - 1))
    return widget.isVisible() and room.contains(top_left) and room.contains(bottom_right)


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center())


dialog = PlanningAnalysisDialog()
dialog.show()
settle(0.5)
room = QGuiApplication.primaryScreen().availableGeometry()
result = {
    "screen": [room.width(), room.height()],
    "dialog": [dialog.frameGeometry().width(), dialog.frameGeometry().height()],
    "ids": dialog.algorithm_ids(),
    "off_screen": [],
    "enums": {},
}
for algorithm_id in dialog.algorithm_ids():
    dialog.select_algorithm(algorithm_id)
    settle()
    for button in (dialog.runButton, dialog.cancelButton, dialog.closeButton):
        if not on_screen(button, room):
            result["off_screen"].append(f"{algorithm_id} {button.objectName()}")
    for parameter in dialog.algorithm.parameterDefinitions():
        if parameter.type() != "enum" or parameter.isDestination():
            continue
        widget = dialog.form.widget(parameter.name())
        combos = [widget] if isinstance(widget, QComboBox) else widget.findChildren(QComboBox)
        result["enums"][f"{algorithm_id} {parameter.name()}"] = {
            "options": list(parameter.options()),
            "shown": [combos[0].itemText(i) for i in range(combos[0].count())] if combos else [],
        }

# a drainage run started and cancelled with the mouse, then the dialog closed with the mouse
copy = shutil.copy(urbanization_planning.__path__[0] + "/resources/sample_data/bigtujunga.tif", profile)
dem = QgsRasterLayer(copy, "dem")  # a copy: QGIS writes statistics beside a raster it opens
QgsProject.instance().addMapLayer(dem)
dialog.select_algorithm("urbanization:drainagecorridors")
dialog.form.set_value("DEM", dem)
dialog.tabs.setCurrentWidget(dialog.inputsTab)
settle(0.3)
QGuiApplication.primaryScreen().grabWindow(0).save(screenshot)
click(dialog.runButton)
settle(0.5)
result["running"] = dialog.is_running()
click(dialog.cancelButton)
start = time.monotonic()
while dialog.is_running() and time.monotonic() - start < 30:
    settle(0.02)
result["cancel_seconds"] = round(time.monotonic() - start, 2)
result["status"] = dialog.statusLabel.text()
# a park coverage run on the sample to its end: the results tab with the report's rate chart
data = urbanization_planning.__path__[0] + "/resources/sample_data/"
layers = {
    name: QgsVectorLayer(f"{data}{file}|layername={layer}", layer, "ogr")
    for name, (file, layer) in {
        "PARKS": ("helsinki_osm_layers.gpkg", "parks"),
        "NETWORK": ("helsinki_osm_layers.gpkg", "roads"),
        "RESIDENTIAL": ("helsinki_population_grid_2020.gpkg", "population_grid_2020"),
    }.items()
}
QgsProject.instance().addMapLayers(list(layers.values()))
dialog.select_algorithm("urbanization:parkcoverage")
for name, layer in layers.items():
    dialog.form.set_value(name, layer)
dialog.form.set_value("POPULATION_FIELD", "population")
dialog.form.set_value("STANDARD", "green300_park500")
click(dialog.runButton)
start = time.monotonic()
while (dialog.run_ is None or not dialog.run_.done) and time.monotonic() - start < 120:
    settle(0.05)
settle(0.5)
result["results_status"] = dialog.statusLabel.text()
chart = dialog.chart
result["chart"] = (
    None if chart is None else [chart.width(), chart.height(), chart.sizeHint().width(), chart.sizeHint().height()]
)
QGuiApplication.primaryScreen().grabWindow(0).save(screenshot.replace(".png", "_results.png"))
click(dialog.closeButton)
settle(0.2)
result["closed"] = not dialog.isVisible()
print(json.dumps(result, ensure_ascii=False))
sys.stdout.flush()
import os  # noqa: E402

os._exit(0)  # skip QGIS's teardown: the probe has said all it has to say
