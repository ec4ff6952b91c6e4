"""Texts of the plugin's menu entries for the dialogs (kept with the dialogs, translated in ui.ts)."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def analysis_text() -> str:
    return QCoreApplication.translate("UrbanizationMenu", "Planning analysis...")


def export_map_text() -> str:
    return QCoreApplication.translate("UrbanizationMenu", "Export planning map...")


def standards_text() -> str:
    return QCoreApplication.translate("UrbanizationMenu", "Standards presets...")


def install_text() -> str:
    return QCoreApplication.translate("UrbanizationMenu", "Install missing packages...")
