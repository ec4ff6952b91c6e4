"""The drainage defaults the flood doors offer and check: resources/standards/drainage.json, the
planner's copy first."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ....translation import tr
from ...base import user_standards_dir

STANDARD = "drainage"
PRESET_NUMBERS = ("min_contributing_area_ha", "min_depth_m", "min_depression_area_m2")


def drainage_preset(strict: bool = False) -> dict:
    """The drainage defaults (the planner's copy first).

    `strict` (in a run): a broken planner's copy is a QgsProcessingException naming the file.
    Otherwise (building the parameter list, where an error would hide the algorithm) the built-in
    defaults are used and the problem goes to the QGIS message log, naming the file."""
    from ... import standards

    folder = user_standards_dir()
    try:
        values = standards.preset(STANDARD, "default", folder)
        for key in PRESET_NUMBERS:
            float(values[key])
        return values
    except (OSError, ValueError, KeyError, TypeError) as error:  # StandardsError is a ValueError
        message = tr(
            "The drainage preset (planner's copy in {}) cannot be used: {}. Fix or delete the file "
            "(menu Urbanization Planning > Standards presets...) and run again."
        ).format(folder / f"{STANDARD}.json", error)
        if strict:
            raise QgsProcessingException(message) from error
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(message, "Urbanization planning", Qgis.MessageLevel.Warning)
        return standards.preset(STANDARD, "default")
