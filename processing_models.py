"""Offer the plugin's graphical models (resources/models/*.model3) in Processing's Models list by
adding their folder to Processing's models folders while the plugin is loaded."""

from __future__ import annotations

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent / "resources" / "models"


def _folders() -> tuple[object, list[str]]:
    from processing.core.ProcessingConfig import ProcessingConfig
    from processing.modeler.ModelerUtils import ModelerUtils

    value = ProcessingConfig.getSetting(ModelerUtils.MODELS_FOLDER) or ""
    return ModelerUtils.MODELS_FOLDER, [f for f in str(value).split(";") if f]


def _set(folders: list[str]) -> None:
    from processing.core.ProcessingConfig import ProcessingConfig
    from qgis.core import QgsApplication

    key, _ = _folders()
    ProcessingConfig.setSettingValue(key, ";".join(folders))
    provider = QgsApplication.processingRegistry().providerById("model")
    if provider is not None:
        provider.refreshAlgorithms()


def register_models_folder() -> bool:
    """Add resources/models to the models folders; False when Processing is not available."""
    try:
        _, folders = _folders()
    except ImportError:
        return False
    if str(MODELS_DIR) not in folders:
        _set(folders + [str(MODELS_DIR)])
    return True


def unregister_models_folder() -> None:
    try:
        _, folders = _folders()
    except ImportError:
        return
    if str(MODELS_DIR) in folders:
        _set([f for f in folders if f != str(MODELS_DIR)])
