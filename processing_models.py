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
        "green_city_assessment": (
            "greencityassessment",
            QCoreApplication.translate(
                "PlanningModel", "Green city assessment (park coverage, living circle, map sheet)"
            ),
            "greencity",
        ),
        "flood_corridor_check": (
            "floodcorridorcheck",
            QCoreApplication.translate(
                "PlanningModel", "Flood corridor check (corridors, waterlogging spots, map sheet)"
            ),
            "flood",
        ),
        "city_health_check": (
            "cityhealthcheckmap",
            QCoreApplication.translate(
                "PlanningModel", "City health check with map sheet (indicators, report, map sheet)"
            ),
            "healthcheck",
        ),
    }


def _output_names() -> dict[str, str]:
    """Model output (child output name) -> translated description; the files leave them empty."""
    return {
        "Map sheet": QCoreApplication.translate("PlanningModel", "Map sheet (规划图件)"),
        "Living circle coverage": QCoreApplication.translate("PlanningModel", "Living circle coverage (生活圈覆盖)"),
        "Park service areas": QCoreApplication.translate("PlanningModel", "Park service areas (公园服务范围)"),
        "Residential park coverage": QCoreApplication.translate(
            "PlanningModel", "Residential park coverage (居住用地公园覆盖)"
        ),
        "Corridor zones": QCoreApplication.translate("PlanningModel", "Corridor zones (通道控制带)"),
        "Drainage corridors": QCoreApplication.translate("PlanningModel", "Drainage corridors (排涝通道)"),
        "Waterlogging-prone depressions": QCoreApplication.translate(
            "PlanningModel", "Waterlogging-prone depressions (易涝点)"
        ),
        "Health check indicators": QCoreApplication.translate(
            "PlanningModel", "Health check indicators (城市体检指标)"
        ),
        "Report": QCoreApplication.translate("PlanningModel", "Health check report (城市体检报告, HTML)"),
    }


class PlanningModel(QgsProcessingModelAlgorithm):
    """A .model3 file offered under the provider's id, name and groups."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        if not self.fromFile(str(self.path)):
            raise ValueError(f"cannot read the model {self.path}")
        self.algorithm_id, self.display_name, self.group_id = _names()[self.path.stem]
        outputs = _output_names()
        for parameter in self.parameterDefinitions():
            output = parameter.name().split(":", 1)[-1]
            if not parameter.description() and output in outputs:
                parameter.setDescription(outputs[output])
            if parameter.type() == "enum" and parameter.usesStaticStrings():
                from .algorithms.base import ENUM_WRAPPER  # the model's enums by label, as the algorithms'

                parameter.setMetadata({**parameter.metadata(), "widget_wrapper": {"class": ENUM_WRAPPER}})

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

    def shortHelpString(self) -> str:  # noqa: N802
        from .algorithms.base import help_text

        return help_text(self.algorithm_id)

    def icon(self) -> QIcon:
        from .algorithms.base import ICON

        return QIcon(str(ICON))


def planning_models() -> list[PlanningModel]:
    """One algorithm per known model file in resources/models."""
    return [PlanningModel(path) for path in sorted(MODELS_DIR.glob("*.model3")) if path.stem in _names()]
