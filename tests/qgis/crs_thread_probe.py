"""Run by tests/qgis/test_worker_thread_crs.py in its own process (it poisons QGIS's CRS cache on
purpose): a background task creates a Gauss-Kruger CRS and a layer in it, the main thread uses the
CRS too, QGIS's pool retires the task's thread, then the main thread uses the CRS again. Arguments: the folder that holds the plugin
package; "provider" to load the plugin's Processing provider first, as QGIS does at start-up.
Prints one JSON line."""

import json
import sys
import time

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QThreadPool

app = QgsApplication([], False)
app.initQgis()
sys.path.insert(0, sys.argv[1])
from urbanization_planning.layers.crs import crs_wkt  # noqa: E402

if sys.argv[2:] == ["provider"]:
    from urbanization_planning.algorithms.provider import UrbanizationProvider

    provider = UrbanizationProvider()
    QgsApplication.processingRegistry().addProvider(provider)

pool = getattr(QgsApplication.taskManager(), "threadPool", QThreadPool.globalInstance)()
pool.setExpiryTimeout(100)  # milliseconds (QGIS: 30 s)
made = []


def work(task):
    made.append(QgsVectorLayer("Point?crs=EPSG:4545", "made in the task", "memory"))
    return QgsCoordinateReferenceSystem("EPSG:4545").isValid()


task = QgsTask.fromFunction("a working CRS on a pool thread", work)
QgsApplication.taskManager().addTask(task)
while task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated):
    app.processEvents()
    time.sleep(0.01)
QgsCoordinateReferenceSystem("EPSG:4545").toWkt()  # the main thread uses it too (loading results does)
time.sleep(0.5)  # the task's thread retires
app.processEvents()

crs = QgsCoordinateReferenceSystem("EPSG:4545")
transform = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
lonlat = transform.transform(QgsPointXY(500000, 2770000)) if transform.isValid() else None
print(
    json.dumps(
        {
            "wkt": len(crs.toWkt()),
            "layer_wkt": len(made[0].crs().toWkt()),
            "transform_valid": transform.isValid(),
            "lonlat": [lonlat.x(), lonlat.y()] if lonlat else None,
            "crs_wkt": crs_wkt(crs),
        }
    )
)
