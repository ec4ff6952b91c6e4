"""Run by tests/qgis/test_pyproj_threads.py in its own process (a crash must not take pytest down):
several QgsTasks in a row, each using pyproj on QGIS's pooled worker threads, as consecutive
background runs of the Planning analysis dialog do. Arguments: "keep" to call
layers.compat.keep_pyproj_thread_context() first in each task, as every algorithm run does; the
folder that holds the plugin package; optionally "recycle" to let the pool's idle threads expire
between tasks (as they do after 30 s in QGIS), so later tasks run on new OS threads, which often
reuse an expired thread's id."""

import sys
import time

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QThreadPool

app = QgsApplication([], False)
app.initQgis()
keep = sys.argv[1] == "keep"
recycle = sys.argv[3:] == ["recycle"]
if recycle:  # the task manager's own pool from QGIS 3.34, Qt's global one before
    pool = getattr(QgsApplication.taskManager(), "threadPool", QThreadPool.globalInstance)()
    pool.setExpiryTimeout(150)  # milliseconds: longer than between tasks, shorter than a pause
if keep:
    sys.path.insert(0, sys.argv[2])  # the folder that holds the plugin package
    from urbanization_planning.layers.compat import keep_pyproj_thread_context


def work(task):
    import pyproj

    if keep:
        keep_pyproj_thread_context()
    return pyproj.CRS.from_user_input("EPSG:4547").name


for number in range(9):
    task = QgsTask.fromFunction("pyproj in a worker thread", work)
    QgsApplication.taskManager().addTask(task)
    while task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated):
        app.processEvents()
        time.sleep(0.01)
    if task.status() != QgsTask.TaskStatus.Complete:
        sys.exit("task failed")
    if recycle and number % 3 == 2:
        time.sleep(0.6)  # the idle thread expires: the next three tasks run on a new one
print("survived")
