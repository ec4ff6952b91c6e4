"""The vector inputs of the construction-suitability door as one parameter group: the exclusion
layers by role (生态保护红线, 永久基本农田, ... polygons; 活动断裂 lines with a buffer), the
evaluation units and the 城镇开发边界, read into the metric CRS (any CRS in: reprojected) and
prepared on the DEM grid (terrain.overlays)."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)

from ....layers import vector

FAULT_BUFFER = "FAULT_BUFFER"
UNITS = "UNITS"
UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
BOUNDARY = "BOUNDARY"
BOUNDARY_NAME_FIELD = "BOUNDARY_NAME_FIELD"
PARCELS = "PARCELS"
PARCEL_CODE_FIELD = "PARCEL_CODE_FIELD"
POLYGONS = (QgsWkbTypes.GeometryType.PolygonGeometry,)
LINES = (QgsWkbTypes.GeometryType.LineGeometry,)


def exclusion_parameter(reason: str) -> str:
    """The parameter of an exclusion reason: EXCL_ECOLOGICAL_RED_LINE, ..."""
    return "EXCL_" + reason.upper()


def _labels(algorithm) -> dict:
    # fmt: off
    return {
        "ecological_red_line": algorithm.tr("Exclusion: ecological protection red line (生态保护红线, polygons)"),
        "permanent_farmland": algorithm.tr("Exclusion: permanent basic farmland (永久基本农田, polygons)"),
        "geohazard": algorithm.tr("Exclusion: geohazard susceptibility high/very high (地质灾害高/极高易发区)"),
        "active_fault": algorithm.tr("Exclusion: active faults (活动断裂, lines, buffered)"),
        "flood_storage": algorithm.tr("Exclusion: flood storage or flood-prone areas (蓄滞洪区, polygons)"),
        "heritage": algorithm.tr("Exclusion: historic and cultural protection areas (历史文化保护范围, polygons)"),
        "mineral": algorithm.tr("Exclusion: overlain mineral resources (压覆矿, polygons)"),
        "water": algorithm.tr("Exclusion: water bodies (水域, polygons)"),
    }
    # fmt: on


def add_parameters(algorithm, fault_buffer_m: float) -> None:
    """The exclusion layers, the fault buffer, the units and the development boundary (all optional)."""
    from ..overlays import REASONS

    labels = _labels(algorithm)
    for reason in REASONS:
        kind = QgsProcessing.SourceType.TypeVectorLine if reason == "active_fault" else None
        kinds = [kind or QgsProcessing.SourceType.TypeVectorPolygon]
        algorithm.addParameter(
            QgsProcessingParameterFeatureSource(exclusion_parameter(reason), labels[reason], kinds, optional=True)
        )
        if reason == "active_fault":
            algorithm.addParameter(
                QgsProcessingParameterDistance(
                    FAULT_BUFFER,
                    algorithm.tr("Active fault buffer on each side (m)"),
                    defaultValue=fault_buffer_m,
                    minValue=0.0,
                )
            )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            UNITS,
            algorithm.tr("Evaluation units, e.g. counties or towns (polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            UNIT_NAME_FIELD, algorithm.tr("Unit name field"), parentLayerParameterName=UNITS, optional=True
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            BOUNDARY,
            algorithm.tr("Urban development boundary (城镇开发边界, polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            BOUNDARY_NAME_FIELD,
            algorithm.tr("Development boundary name field"),
            parentLayerParameterName=BOUNDARY,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            PARCELS,
            algorithm.tr("三调 land-use parcels, to count buildable land that is 耕地 now (polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            PARCEL_CODE_FIELD,
            algorithm.tr("Land-use code field of the parcels (DLBM; 01xx = 耕地)"),
            parentLayerParameterName=PARCELS,
            optional=True,
        )
    )


@dataclass
class VectorInputs:
    """The vector inputs in the metric CRS: exclusion frames by reason, units and boundary frames
    (None when not given) with their names, and what was left out along the way."""

    exclusions: dict = field(default_factory=dict)
    units: object = None
    unit_names: list = field(default_factory=list)
    boundary: object = None
    boundary_names: list = field(default_factory=list)
    labels: dict = field(default_factory=dict)  # reason -> layer name
    cropland: object = None  # the 耕地 parcels (None when no parcels are given)


def read(algorithm, parameters, context, feedback, metric) -> VectorInputs:
    """Every given vector input read into `metric` (QgsCoordinateReferenceSystem); an exclusion
    layer without features excludes nothing and says so."""
    from ..overlays import REASONS

    out = VectorInputs()
    for reason in REASONS:
        frame, label = _read(algorithm, parameters, exclusion_parameter(reason), context, feedback, metric, None)
        if frame is None:
            continue
        out.labels[reason] = label
        if len(frame) == 0:
            feedback.pushWarning(
                algorithm.tr("Exclusion layer '{}' has no features: it excludes nothing.").format(label)
            )
            continue
        out.exclusions[reason] = frame
    out.units, _ = _read(algorithm, parameters, UNITS, context, feedback, metric, UNIT_NAME_FIELD)
    out.unit_names = _names(algorithm, parameters, context, out.units, UNIT_NAME_FIELD, algorithm.tr("Unit {}"))
    out.boundary, _ = _read(algorithm, parameters, BOUNDARY, context, feedback, metric, BOUNDARY_NAME_FIELD)
    out.boundary_names = _names(
        algorithm, parameters, context, out.boundary, BOUNDARY_NAME_FIELD, algorithm.tr("Boundary {}")
    )
    for frame, name in ((out.units, UNITS), (out.boundary, BOUNDARY)):
        if frame is not None and len(frame) == 0:
            feedback.pushWarning(
                algorithm.tr("Layer '{}' has no features with a geometry: it is left out.").format(
                    algorithm.parameterDefinition(name).description()
                )
            )
    out.cropland = _cropland(algorithm, parameters, context, feedback, metric)
    if out.units is not None and len(out.units) == 0:
        out.units, out.unit_names = None, []
    if out.boundary is not None and len(out.boundary) == 0:
        out.boundary, out.boundary_names = None, []
    return out


def _read(algorithm, parameters, name, context, feedback, metric, name_field):
    """(frame in `metric`, layer name) of an optional source parameter, (None, "") when not given."""
    source = algorithm.parameterAsSource(parameters, name, context)
    if source is None:
        return None, ""
    label = source.sourceName() or algorithm.parameterDefinition(name).description()
    allowed = LINES if name == exclusion_parameter("active_fault") else POLYGONS
    vector.require_geometry_type(source, allowed, label)
    field_name = algorithm.parameterAsString(parameters, name_field, context) if name_field else ""
    frame = vector.source_to_frame(
        source,
        context=context,
        feedback=feedback,
        fields=[field_name] if field_name else [],
        target_crs=metric,
        label=label,
    )
    return frame.reset_index(drop=True), label


def _names(algorithm, parameters, context, frame, name_field, pattern) -> list[str]:
    """The features' names from `name_field`, else `pattern` with the source feature id."""
    if frame is None:
        return []
    field_name = algorithm.parameterAsString(parameters, name_field, context)
    if field_name:
        return ["" if v is None else str(v) for v in frame[field_name].tolist()]
    return [pattern.format(fid) for fid in frame[vector.FID].tolist()]


def _cropland(algorithm, parameters, context, feedback, metric):
    """The 耕地 parcels (code 01xx or the class name) of the PARCELS input, None when not given."""
    from qgis.core import QgsProcessingException

    from ..overlays import is_cropland

    source = algorithm.parameterAsSource(parameters, PARCELS, context)
    if source is None:
        return None
    field_name = algorithm.parameterAsString(parameters, PARCEL_CODE_FIELD, context)
    label = source.sourceName() or algorithm.parameterDefinition(PARCELS).description()
    if not field_name:
        raise QgsProcessingException(
            algorithm.tr("Choose the land-use code field of '{}' (e.g. DLBM) to find its 耕地 parcels.").format(label)
        )
    frame, _ = _read(algorithm, parameters, PARCELS, context, feedback, metric, PARCEL_CODE_FIELD)
    cropland = frame[is_cropland(frame[field_name].tolist())] if len(frame) else frame
    feedback.pushInfo(
        algorithm.tr("'{}': {} of {} parcels are 耕地 (code 01xx).").format(label, len(cropland), len(frame))
    )
    return cropland
