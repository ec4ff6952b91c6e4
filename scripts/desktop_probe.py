"""Run inside the real QGIS desktop (qgis --code): reload the plugin while listening to the message
log, open its menu's three dialogs through their menu actions, then write what was seen to
$PROBE_OUT. Used by scripts/check_desktop.sh (on QGIS 3.22 and, in the trixie root, 3.40)."""

import json
import os
import sys
import traceback

import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

messages = []
errors = []
DIALOGS = ("analysis", "export", "standards")  # UrbanizationPlugin.dialogs keys


def listen(message, tag, level):
    if level >= Qgis.MessageLevel.Warning:
        messages.append({"tag": tag, "level": int(level), "message": message[:500]})


def hook(kind, value, tb):  # an exception in a slot would otherwise only reach QGIS's error dialog
    errors.append("".join(traceback.format_exception(kind, value, tb))[-2000:])


def plugin_menu_actions(title):
    for action in iface.pluginMenu().actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == title:
            return menu.actions()
    return []


def probe():
    result = {"qgis": Qgis.QGIS_VERSION, "errors": errors}
    try:
        QgsApplication.messageLog().messageReceived.connect(listen)
        qgis.utils.reloadPlugin("urbanization_planning")
        plugin = qgis.utils.plugins.get("urbanization_planning")
        provider = QgsApplication.processingRegistry().providerById("urbanization")
        result["active"] = "urbanization_planning" in qgis.utils.active_plugins
        result["algorithms"] = sorted(a.id() for a in provider.algorithms()) if provider else []
        actions = plugin_menu_actions(plugin.menu_name) if plugin else []
        result["menu"] = [a.text() for a in actions]
        sys.excepthook = hook
        for action in actions[:3]:  # analysis, export map, standards (the fourth opens the toolbox)
            action.trigger()
        QgsApplication.processEvents()
        result["dialogs"] = {
            key: bool(plugin and key in plugin.dialogs and plugin.dialogs[key].isVisible()) for key in DIALOGS
        }
        result["dialog_titles"] = {
            key: plugin.dialogs[key].windowTitle() for key in DIALOGS if plugin and key in plugin.dialogs
        }
        for dialog in plugin.dialogs.values() if plugin else []:
            dialog.close()
    except Exception:  # noqa: BLE001 (report, never hang the desktop)
        errors.append(traceback.format_exc()[-2000:])
    result["warnings"] = [
        m for m in messages if "urbaniz" in (m["tag"] + m["message"]).lower() or m["tag"] == "Python error"
    ]
    with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    QTimer.singleShot(300, iface.actionExit().trigger)


probe()
