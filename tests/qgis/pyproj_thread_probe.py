"""Run by tests/qgis/test_pyproj_threads.py in its own process (a crash must not take pytest down):
several QgsTasks in a row, each using pyproj on QGIS's pooled worker threads, as consecutive
background runs of the Planning analysis dialog do. Argument: "keep" to call
layers.compat.keep_pyproj_thread_context() first in each task, as every algorithm run does."""

import sys
import time

from qgis.core import QgsApplication, QgsTask

app = QgsApplication([], False)
app.initQgis()
keep = sys.argv[1] == "keep"
if keep:
    sys.path.insert(0, sys.argv[2])  # the folder that holds the plugin package
    from urbanization_planning.layers.compat import keep_pyproj_thread_context


def work(task):
    import pyproj

    if keep:
        keep_pyproj_thread_context()
    return pyproj.CRS.from_user_input("EPSG:4547").name


for _ in range(8):
    task = QgsTask.fromFunction("pyproj in a worker thread", work)
    QgsApplication.taskManager().addTask(task)
    while task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated):
        app.processEvents()
        time.sleep(0.01)
    if task.status() != QgsTask.TaskStatus.Complete:
        sys.exit("task failed")
print("survived")
