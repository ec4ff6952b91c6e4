"""QGIS 3.22's batch dialog calls ProcessingResults.addResult() without the `timestamp` argument
for every HTML output (processing/gui/BatchAlgorithmDialog.loadHTMLResults), so each batch run of
an algorithm with a report ends in a TypeError. While the plugin is loaded the method accepts a
missing timestamp (now), as later QGIS versions' callers pass it. Nothing changes on versions whose
addResult already works."""

from __future__ import annotations

import functools
import inspect
import time

_original = None


def _results_class():
    try:
        from processing.core.ProcessingResults import ProcessingResults
    except ImportError:  # Processing plugin not available (e.g. plain PyQGIS scripts)
        return None
    return ProcessingResults


def needs_patch(cls) -> bool:
    """True when addResult() has a timestamp parameter without a default (QGIS 3.22)."""
    parameter = inspect.signature(cls.addResult).parameters.get("timestamp")
    return parameter is not None and parameter.default is inspect.Parameter.empty


def install() -> bool:
    """Let addResult() default its timestamp to now; True when the patch is active."""
    global _original
    cls = _results_class()
    if cls is None or _original is not None or not needs_patch(cls):
        return _original is not None
    original = cls.addResult

    @functools.wraps(original)
    def add_result(self, icon, name, timestamp=None, result=None):
        return original(self, icon, name, timestamp if timestamp is not None else time.localtime(), result)

    _original = original
    cls.addResult = add_result
    return True


def uninstall() -> None:
    global _original
    cls = _results_class()
    if cls is not None and _original is not None:
        cls.addResult = _original
    _original = None
