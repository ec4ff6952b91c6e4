"""The construction-suitability presets the door offers and checks:
resources/standards/construction_suitability.json ('guide2020' and 'yunnan'), the planner's copy first."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ....translation import tr
from ...base import user_standards_dir

STANDARD = "construction_suitability"


def presets(strict: bool = False) -> tuple[dict, dict]:
    """(guide2020, yunnan) payloads. `strict` (in a run): a broken planner's copy is a
    QgsProcessingException naming the file; otherwise the built-in presets are used and the problem
    goes to the QGIS message log (an error while building the parameters would hide the algorithm)."""
    from ... import standards
    from ..grading import Grading

    folder = user_standards_dir()
    try:
        guide = standards.preset(STANDARD, "guide2020", folder)
        yunnan = standards.preset(STANDARD, "yunnan", folder)
        Grading.from_presets(guide, yunnan)
        float(guide["relief_window_m"])
        float(guide["fault_buffer_m"])
        return guide, yunnan
    except (OSError, ValueError, KeyError, TypeError) as error:  # StandardsError and GradingError are ValueErrors
        message = tr(
            "The construction suitability presets (planner's copy in {}) cannot be used: {}. Fix or delete the "
            "file (menu Urbanization Planning > Standards presets...) and run again."
        ).format(folder / f"{STANDARD}.json", error)
        if strict:
            raise QgsProcessingException(message) from error
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(message, "Urbanization planning", Qgis.MessageLevel.Warning)
        return standards.preset(STANDARD, "guide2020"), standards.preset(STANDARD, "yunnan")
