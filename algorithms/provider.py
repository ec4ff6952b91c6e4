"""The Processing provider 'urbanization': collects the algorithms of every domain package."""

from __future__ import annotations

import importlib
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .base import ICON

# Each domain's processing module exposes ALGORITHMS, a list of algorithm classes.
DOMAINS = ("coordinates", "zoning", "greenspace", "drainage", "transit", "mapping", "healthcheck")


def algorithm_classes() -> list[type]:
    """Algorithm classes of every domain whose processing module exists."""
    classes = []
    here = Path(__file__).resolve().parent
    for domain in DOMAINS:
        if (here / domain / "processing.py").exists():
            module = importlib.import_module(f"{__package__}.{domain}.processing")
            classes.extend(module.ALGORITHMS)
    return classes


class UrbanizationProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "urbanization"

    def name(self) -> str:
        return QCoreApplication.translate("UrbanizationProvider", "Urbanization planning")

    def longName(self) -> str:  # noqa: N802
        return QCoreApplication.translate("UrbanizationProvider", "Urbanization Planning Toolkit")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:  # noqa: N802
        return str(ICON)

    def loadAlgorithms(self) -> None:  # noqa: N802
        from ..processing_models import planning_models

        for algorithm in [cls() for cls in algorithm_classes()] + planning_models():
            if not self.addAlgorithm(algorithm):
                QgsMessageLog.logMessage(
                    f"Could not add algorithm {algorithm.name()}", "Urbanization Planning", Qgis.Warning
                )
