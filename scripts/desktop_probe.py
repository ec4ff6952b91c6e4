"""Run inside the real QGIS desktop (qgis --code): reload the plugin while listening to the message
log, then write what was seen to $PROBE_OUT. Used by scripts/check_desktop.sh."""

import json
import os

import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

messages = []


def listen(message, tag, level):
    if level >= Qgis.MessageLevel.Warning:
        messages.append({"tag": tag, "level": int(level), "message": message[:500]})


QgsApplication.messageLog().messageReceived.connect(listen)
qgis.utils.reloadPlugin("urbanization_planning")
provider = QgsApplication.processingRegistry().providerById("urbanization")
plugin_menu = [a.text() for a in iface.pluginMenu().actions()]
result = {
    "active": "urbanization_planning" in qgis.utils.active_plugins,
    "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else [],
    "plugin_menu": plugin_menu,
    "warnings": [m for m in messages if "urbaniz" in (m["tag"] + m["message"]).lower() or m["tag"] == "Python error"],
}
with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as f:
    json.dump(result, f, ensure_ascii=False, indent=1)
QTimer.singleShot(300, iface.actionExit().trigger)
