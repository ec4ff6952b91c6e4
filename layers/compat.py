"""The one place that knows how QGIS 3.22 (Qt5) and QGIS 3.38+ / Qt6 differ in what the plugin
uses, so every other module is written once for all of them (scripts/qt6_clean.py points here).

- `FieldType`: attribute field types. QGIS 3.22 builds fields from `QVariant.Type`; QGIS 3.38+
  takes `QMetaType.Type` (and deprecates the QVariant forms); PyQt6 has no QVariant type constants
  at all. `QgsField(name, FieldType.Double)` and `field.type() == FieldType.Double` work on all.
- `QAction`: in QtWidgets under Qt5, in QtGui under Qt6.
"""

from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType, QVariant

try:  # Qt6
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QAction

__all__ = ["FIELDS_USE_QMETATYPE", "FieldType", "QAction"]

# QgsField and QgsFields take QMetaType.Type from QGIS 3.38 (and always under Qt6)
FIELDS_USE_QMETATYPE = Qgis.QGIS_VERSION_INT >= 33800 or not hasattr(QVariant, "Double")

_QMETATYPE_NAMES = {"String": "QString", "Date": "QDate", "DateTime": "QDateTime", "Time": "QTime",
                    "ByteArray": "QByteArray", "StringList": "QStringList", "List": "QVariantList",
                    "Map": "QVariantMap", "Char": "QChar", "Invalid": "UnknownType"}


def _resolve(name: str):
    if FIELDS_USE_QMETATYPE:
        return getattr(QMetaType.Type, _QMETATYPE_NAMES.get(name, name))
    return getattr(QVariant, name)


class FieldType:
    """Field type constants in the form this QGIS's QgsField expects (see the module docstring)."""

    Bool = _resolve("Bool")
    Int = _resolve("Int")
    UInt = _resolve("UInt")
    LongLong = _resolve("LongLong")
    ULongLong = _resolve("ULongLong")
    Double = _resolve("Double")
    String = _resolve("String")
    Date = _resolve("Date")
    DateTime = _resolve("DateTime")
    Time = _resolve("Time")
    ByteArray = _resolve("ByteArray")
    StringList = _resolve("StringList")
    List = _resolve("List")
    Map = _resolve("Map")
    Char = _resolve("Char")
    Invalid = _resolve("Invalid")
