"""Checks that stop a run whose input would make the result meaningless (a silent 0 %), with an
error that names the layer and field and says what to do."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsProcessingException

from ..translation import tr


def require_park_areas(areas_m2, layer_label: str, size_field: str) -> None:
    """Every park needs an area to be graded: point parks without an area field (or with none
    usable) would reach no size threshold and give 0 % coverage."""
    areas = np.asarray(areas_m2, dtype=float)
    missing = int(np.count_nonzero(~(areas > 0)))
    if len(areas) and missing == len(areas):
        if size_field:
            raise QgsProcessingException(
                tr(
                    "No park in '{}' has an area: the field '{}' is empty or zero and the parks are points. "
                    "Choose a field with the park area in m², or use park polygons."
                ).format(layer_label, size_field)
            )
        raise QgsProcessingException(
            tr(
                "The parks in '{}' are points without an area: choose the park area field (m²), which points need, "
                "or use park polygons. Without it no park reaches any size threshold and coverage would be 0 %."
            ).format(layer_label)
        )
