"""The one place that knows how QGIS 3.22 (Qt5) and QGIS 3.38+ / Qt6 differ in what the plugin
uses, so every other module is written once for all of them (scripts/qt6_clean.py points here).

- `FieldType`: attribute field types. QGIS 3.22 builds fields from `QVariant.Type`; QGIS 3.38+
  takes `QMetaType.Type` (and deprecates the QVariant forms); PyQt6 has no QVariant type constants
  at all. `QgsField(name, FieldType.Double)` and `field.type() == FieldType.Double` work on all.
- `QAction`: in QtWidgets under Qt5, in QtGui under Qt6.
- `set_legend_font_family()`, `set_label_font_family()`: layout legend styles and labels hold a
  font on 3.22 and a text format from 3.30 / 3.24 (their font methods are deprecated on 3.40).
- `layer_attribution()`: a layer's attribution, on QgsMapLayer up to 3.36, on its server
  properties from 3.38 (QgsMapLayer.attribution is deprecated on 3.40).
- `keep_pyproj_thread_context()`: pyproj 3.7 (Debian 13 beside QGIS 3.40) crashes in QGIS's
  worker threads; see the function.
"""

from __future__ import annotations

import threading

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType, QVariant

try:  # Qt6
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QAction

__all__ = ["FIELDS_USE_QMETATYPE", "FieldType", "QAction", "edit_label_font", "edit_legend_font",
           "keep_pyproj_thread_context", "layer_attribution", "legend_font",
           "set_label_font_family", "set_legend_font_family"]

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


def legend_font(legend, style):
    """The font of one text style (QgsLegendStyle.Style) of a layout legend."""
    legend_style = legend.style(style)
    if hasattr(legend_style, "textFormat"):  # QGIS >= 3.30: a text format
        return legend_style.textFormat().font()
    return legend_style.font()  # QGIS 3.22: a plain font


def edit_legend_font(legend, style, edit) -> None:
    """Change one text style's font of a layout legend in place: `edit(font)` changes the QFont."""
    legend_style = legend.style(style)
    if hasattr(legend_style, "textFormat"):  # QGIS >= 3.30: a text format
        text_format = legend_style.textFormat()
        font = text_format.font()
        edit(font)
        text_format.setFont(font)
        if font.pointSizeF() > 0:
            text_format.setSize(font.pointSizeF())
        legend_style.setTextFormat(text_format)
    else:  # QGIS 3.22: a plain font
        font = legend_style.font()
        edit(font)
        legend_style.setFont(font)
    legend.setStyle(style, legend_style)


def set_legend_font_family(legend, style, family: str) -> None:
    """Give one text style of a layout legend the font `family`, keeping its size and weight."""
    edit_legend_font(legend, style, lambda font: font.setFamily(family))


def edit_label_font(label, edit) -> None:
    """Change a layout label's (QgsLayoutItemLabel) font in place: `edit(font)` changes the QFont."""
    if hasattr(label, "textFormat"):  # QGIS >= 3.24: a text format
        text_format = label.textFormat()
        font = text_format.font()
        edit(font)
        text_format.setFont(font)
        if font.pointSizeF() > 0:
            text_format.setSize(font.pointSizeF())
        label.setTextFormat(text_format)
    else:  # QGIS 3.22: a plain font
        font = label.font()
        edit(font)
        label.setFont(font)


def set_label_font_family(label, family: str) -> None:
    """Give a layout label the font `family`, keeping its size and weight."""
    edit_label_font(label, lambda font: font.setFamily(family))


def layer_attribution(layer) -> str:
    """The attribution text set on a map layer (its properties' Metadata/Server tab)."""
    properties = layer.serverProperties()
    if hasattr(properties, "attribution"):  # QGIS >= 3.38
        return properties.attribution()
    return layer.attribution()


_PYPROJ_CONTEXTS: dict[int, object] = {}  # OS thread id -> pyproj's context manager, kept alive


def keep_pyproj_thread_context() -> None:
    """Make pyproj's per-thread PROJ context of the current thread live as long as the thread.

    pyproj 3.7.0-3.7.1 (Debian 13's is 3.7.1) keeps one PROJ context per OS thread: a pointer in
    thread-specific storage, freed by an object in a `threading.local`. QGIS runs a background
    algorithm (QgsProcessingAlgRunnerTask) on a pooled QThread that Python did not create, so each
    call into Python gets a fresh thread state that is dropped when the call returns: the local is
    cleared, the context freed, the pointer left behind, and the next run on that thread that
    touches pyproj (geopandas CRS, transformations) crashes QGIS (seen here on QGIS 3.40 in
    the Planning analysis dialog; pyproj issue 1509, fixed upstream by pyproj pull request 1541).
    Holding the owner of the context once per thread keeps the pointer valid. Call it at the
    start of every algorithm run (UrbanizationAlgorithm.processAlgorithm does)."""
    ident = threading.get_ident()
    if ident in _PYPROJ_CONTEXTS:
        return
    try:
        from pyproj import _context
        from pyproj.datadir import get_user_data_dir
    except ImportError:  # no pyproj, or one without per-thread contexts: nothing to keep
        return
    if not hasattr(_context, "get_context_manager"):
        return
    get_user_data_dir()  # creates this thread's context if it has none yet
    try:
        _PYPROJ_CONTEXTS[ident] = _context.get_context_manager()
    except AttributeError:  # made during an earlier call that did not keep it: nothing to hold
        _PYPROJ_CONTEXTS[ident] = None
