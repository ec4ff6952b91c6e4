"""The plugin's graphical models (resources/models/*.model3) as algorithms of the 'urbanization'
provider itself, with their own ids (urbanization:greencityassessment, ...): they are in the
toolbox on any profile (no Processing setting that a fresh profile loses when the plugin loads
before the Processing plugin) and run from qgis_process like any other algorithm."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

MODELS_DIR = Path(__file__).resolve().parent / "resources" / "models"


def _names() -> dict[str, tuple[str, str, str]]:
    """model file stem -> (algorithm id, translated display name, group id)."""
    return {
        "green_city_assessment": ("greencityassessment", QCoreApplication.translate(
            "PlanningModel", "Green city assessment (park coverage, living circle, map sheet)"), "greencity"),
        "flood_corridor_check": ("floodcorridorcheck", QCoreApplication.translate(
            "PlanningModel", "Flood corridor check (corridors, waterlogging spots, map sheet)"), "flood"),
    }


class PlanningModel(QgsProcessingModelAlgorithm):
    """A .model3 file offered under the provider's id, name and groups."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        if not self.fromFile(str(self.path)):
            raise ValueError(f"cannot read the model {self.path}")
        self.algorithm_id, self.display_name, self.group_id = _names()[self.path.stem]

    def createInstance(self):  # noqa: N802 (QGIS API)
        return PlanningModel(self.path)

    def name(self) -> str:
        return self.algorithm_id

    def displayName(self) -> str:  # noqa: N802
        return self.display_name

    def groupId(self) -> str:  # noqa: N802
        return self.group_id

    def group(self) -> str:
        from .algorithms.base import group_names

        return group_names()[self.group_id]

    def icon(self) -> QIcon:
        from .algorithms.base import ICON

        return QIcon(str(ICON))


def planning_models() -> list[PlanningModel]:
    """One algorithm per known model file in resources/models."""
    return [PlanningModel(path) for path in sorted(MODELS_DIR.glob("*.model3")) if path.stem in _names()]
