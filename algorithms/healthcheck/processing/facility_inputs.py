"""The facilities group of the city health check: FACILITIES, their FACILITY_TYPE_FIELD and the
TYPE_MAPPING to GB 50180 types, declared beside their reader, which classifies them as
facilitycoverage does. Messages use `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ...base import user_standards_dir
from ...greenspace.processing import groups

FACILITIES = "FACILITIES"
FACILITY_TYPE_FIELD = "FACILITY_TYPE_FIELD"
TYPE_MAPPING = "TYPE_MAPPING"


def add_parameters(algorithm) -> None:
    """FACILITIES (points or polygons), FACILITY_TYPE_FIELD and TYPE_MAPPING, all optional."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            FACILITIES,
            algorithm.tr("Facilities (points or polygons)"),
            [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterField(
            FACILITY_TYPE_FIELD,
            algorithm.tr("Facility type field"),
            parentLayerParameterName=FACILITIES,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            TYPE_MAPPING,
            algorithm.tr("Type mapping, one per line: field value = GB 50180 type id (the ids are in the help)"),
            defaultValue="",
            multiLine=True,
            optional=True,
        )
    )


def read(algorithm, parameters, context, feedback, metric):
    """(facility frame, GB 50180 type id per facility, living-circle types) as facilitycoverage
    classifies them (type field, mapping, OSM tags; a nine-year school is both schools); three
    Nones when no facility layer is given."""
    from ... import standards
    from ...greenspace import living_circle
    from ...greenspace.facilities import TypeMappingError, parse_pairs

    source = groups.source(algorithm, parameters, FACILITIES, context, optional=True)
    if source is None:
        return None, None, None
    type_field = algorithm.parameterAsString(parameters, FACILITY_TYPE_FIELD, context)
    if not type_field:
        raise QgsProcessingException(
            algorithm.tr("Choose the facility type field of '{}'.").format(source.sourceName())
        )
    try:
        preset = standards.preset("living_circle", "gb50180", user_standards_dir())
        living_circle.check_preset(preset)
        mapping = parse_pairs(algorithm.parameterAsString(parameters, TYPE_MAPPING, context))
    except (TypeMappingError, ValueError, standards.StandardsError) as error:
        raise QgsProcessingException(algorithm.tr("Facility types: {}").format(error)) from error
    tags = living_circle.tag_fields(source.fields().names(), preset)
    sites = groups.read_sites(
        algorithm,
        parameters,
        FACILITIES,
        context,
        feedback,
        metric,
        algorithm.tr("Facilities"),
        [type_field, *[f for f in tags if f != type_field]],
    )
    type_lists, unmapped = living_circle.classify(
        sites.drop(columns=sites.geometry.name).to_dict("records"), type_field, preset, mapping
    )
    rows, facility_types = living_circle.expand(type_lists)
    if unmapped:
        listed = ", ".join(f"{value} ({count})" for value, count in sorted(unmapped.items())[:15])
        feedback.pushWarning(
            algorithm.tr(
                "Facility type values with no GB 50180 type were ignored (add them to the type mapping): {}"
            ).format(listed)
        )
    return sites.iloc[rows].reset_index(drop=True), facility_types, preset["types"]
