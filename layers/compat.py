"""The one place that knows how QGIS 3.22 (Qt5) and QGIS 3.38+ / Qt6 differ in what the plugin
uses, so every other module is written once for all of them (scripts/qt6_clean.py points here).

- `FieldType`: attribute field types. QGIS 3.22 builds fields from `QVariant.Type`; QGIS 3.38+
  takes `QMetaType.Type` (and deprecates the QVariant forms); PyQt6 has no QVariant type constants
  at all. `QgsField(name, FieldType.Double)` and `field.type() == FieldType.Double` work on all.
- `QAction`: in QtWidgets under Qt5, in QtGui under Qt6.
- `set_legend_font_family()`, `set_label_font_family()`: layout legend styles and labels hold a
  font on 3.22 and a text format from 3.30 / 3.24 (their font methods are deprecated on 3.40).
- `layer_attribution()`, `set_layer_attribution()`: a layer's attribution, on QgsMapLayer up to 3.36, on its server
  properties from 3.38 (QgsMapLayer.attribution is deprecated on 3.40).
- `save_default_style()`: a layer's default style in its data source (a GeoPackage's layer_styles);
  `saveStyleToDatabase` is deprecated from 3.44 in favour of `saveStyleToDatabaseV2`.
- `keep_pyproj_thread_context()`: pyproj 3.7 (Debian 13 beside QGIS 3.40) crashes in QGIS's
  worker threads; see the function.
"""

from __future__ import annotations

import ctypes
import threading

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType, QVariant

try:  # Qt6
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QAction

__all__ = [
    "FIELDS_USE_QMETATYPE",
    "FieldType",
    "QAction",
    "edit_label_font",
    "edit_legend_font",
    "keep_pyproj_thread_context",
    "layer_attribution",
    "legend_font",
    "save_default_style",
    "set_label_font_family",
    "set_layer_attribution",
    "set_legend_font_family",
]

# QgsField and QgsFields take QMetaType.Type from QGIS 3.38 (and always under Qt6)
FIELDS_USE_QMETATYPE = Qgis.QGIS_VERSION_INT >= 33800 or not hasattr(QVariant, "Double")

_QMETATYPE_NAMES = {
    "String": "QString",
    "Date": "QDate",
    "DateTime": "QDateTime",
    "Time": "QTime",
    "ByteArray": "QByteArray",
    "StringList": "QStringList",
    "List": "QVariantList",
    "Map": "QVariantMap",
    "Char": "QChar",
    "Invalid": "UnknownType",
}


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


def set_layer_attribution(layer, text: str) -> None:
    """Set a map layer's attribution text (see layer_attribution)."""
    properties = layer.serverProperties()
    if hasattr(properties, "setAttribution"):  # QGIS >= 3.38
        properties.setAttribution(text)
    else:
        layer.setAttribution(text)


def save_default_style(layer, name: str, description: str) -> str:
    """Store the layer's current style as its data source's default style; '' on success, else the
    error QGIS gives. 3.44 returns (result flags, message) from saveStyleToDatabaseV2; earlier
    versions only have saveStyleToDatabase, which returns the message."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        _results, message = layer.saveStyleToDatabaseV2(name, description, True, "")
        return message or ""
    return layer.saveStyleToDatabase(name, description, True, "") or ""


_THREAD_STATE = threading.local()  # `kept` is set in a thread state that lives as long as its thread


def keep_pyproj_thread_context() -> None:
    """Keep this OS thread's Python thread state, and with it pyproj's PROJ context, for the life of
    the thread.

    pyproj 3.7.0-3.7.1 (Debian 13's is 3.7.1) keeps one PROJ context per OS thread: a pointer in
    thread-specific storage, freed by an object in a `threading.local`. QGIS runs a background
    algorithm (QgsProcessingAlgRunnerTask) on a pooled QThread that Python did not create, so each
    call into Python gets a fresh thread state that is dropped when the call returns: the local is
    cleared, the context freed, the pointer left behind, and the next run on that thread that
    touches pyproj (geopandas CRS, transformations) crashes QGIS (pyproj issue 1509, fixed upstream
    by pyproj pull request 1541). One more PyGILState_Ensure, never released, keeps the thread
    state. The cost: a pool thread that expires (after 30 s idle) leaves its state and PROJ context
    behind, one per thread the pool starts (a few hundred kB and the proj.db handle). Pinning the
    state rather than holding the context by thread id also survives a new pool thread that
    reuses an expired one's id, which crashed the earlier guard (tests/qgis/test_pyproj_threads.py).
    Call it before anything touches pyproj in a run (UrbanizationAlgorithm.processAlgorithm does)."""
    if getattr(_THREAD_STATE, "kept", False) or threading.current_thread() is threading.main_thread():
        return
    ensure = ctypes.pythonapi.PyGILState_Ensure
    ensure.restype = ctypes.c_int
    ensure()  # the GIL is held: this only raises the state's use count, so it is never dropped
    _THREAD_STATE.kept = True
