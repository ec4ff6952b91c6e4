"""Run by tests/qgis/test_dependency_installer.py in its own process, whose Python lacks networkx and
pyflwdir: the plugin loads (classFactory's path set-up), drainagecorridors refuses naming the
installer, the installer dialog installs both from a wheel folder (no network) into the profile
folder, then parkcoverage and drainagecorridors run. Arguments: the folder holding the plugin
package, the QGIS profile folder, the wheel folder ("-": the one the dialog offers), a DEM, an
output folder. Prints one JSON line."""

import importlib.util
import json
import os
import sys
from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtCore import QEventLoop, QTimer

plugin_parent, profile, wheels, dem, out = sys.argv[1:6]
app = QgsApplication([], True, profile)
app.initQgis()
sys.path.insert(0, plugin_parent)
sys.path.append("/usr/share/qgis/python/plugins")
result = {
    "profile": QgsApplication.qgisSettingsDirPath(),
    "lacking_before": [n for n in ("networkx", "pyflwdir") if importlib.util.find_spec(n) is None],
}

import urbanization_planning  # noqa: E402
from urbanization_planning.ui import pip_install  # noqa: E402

pip_install.activate()  # what classFactory does first
import processing  # noqa: E402
from processing.core.Processing import Processing  # noqa: E402

from urbanization_planning.algorithms.provider import UrbanizationProvider  # noqa: E402

Processing.initialize()
provider = UrbanizationProvider()
QgsApplication.processingRegistry().addProvider(provider)

corridors = {
    "DEM": dem,
    "MIN_CONTRIBUTING_AREA": 50.0,
    "ACCUMULATION": os.path.join(out, "acc.tif"),
    "CORRIDORS": os.path.join(out, "corridors.gpkg"),
    "CORRIDOR_ZONES": "memory:",
}


class Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)


feedback = Recorder()
try:
    processing.run("urbanization:drainagecorridors", corridors, feedback=feedback)
    result["refused"] = ""
except QgsProcessingException as error:
    result["refused"] = "\n".join([str(error), *feedback.errors])

from urbanization_planning.ui.dependency_installer import DependencyInstallerDialog  # noqa: E402

dialog = DependencyInstallerDialog()
rows = [dialog.packagesList.item(i) for i in range(dialog.packagesList.count())]
result["listed"] = [row.text() for row in rows]
result["ticked"] = dialog.ticked()
result["target"] = str(dialog.prefix)
result["default_folder"] = dialog.folderEdit.text() if dialog.folderRadio.isChecked() else ""
if wheels != "-":  # "-": the offline package's own folder, which the dialog offers by itself
    dialog.set_wheel_folder(wheels)
loop = QEventLoop()
dialog.finished_install.connect(lambda _ok: loop.quit())
QTimer.singleShot(300000, loop.quit)
result["started"] = dialog.start()
if result["started"]:
    loop.exec()
result["succeeded"] = dialog.succeeded
result["log"] = dialog.logView.toPlainText()
result["status"] = dialog.statusLabel.text()
import networkx  # noqa: E402
import numpy  # noqa: E402
import pyflwdir  # noqa: E402

result["files"] = {"networkx": networkx.__file__, "pyflwdir": pyflwdir.__file__, "numpy": numpy.__file__}

sample = Path(urbanization_planning.__file__).parent / "resources" / "sample_data"
osm, grid = sample / "helsinki_osm_layers.gpkg", sample / "helsinki_population_grid_2020.gpkg"
coverage = processing.run(
    "urbanization:parkcoverage",
    {
        "PARKS": QgsVectorLayer(f"{osm}|layername=parks", "parks", "ogr"),
        "PARK_NAME_FIELD": "name",
        "NETWORK": QgsVectorLayer(f"{osm}|layername=roads", "roads", "ogr"),
        "RESIDENTIAL": QgsVectorLayer(f"{grid}|layername=population_grid_2020", "grid", "ogr"),
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
    },
)
result["coverage_rate_population"] = coverage["COVERAGE_RATE_POPULATION"]
drainage = processing.run("urbanization:drainagecorridors", corridors)
result["corridor_km"] = drainage["TOTAL_LENGTH_KM"]
result["corridor_features"] = QgsVectorLayer(drainage["CORRIDORS"], "c", "ogr").featureCount()
print(json.dumps(result))
sys.stdout.flush()
os._exit(0)  # skip QGIS's teardown (see tests/conftest.py pytest_unconfigure)
