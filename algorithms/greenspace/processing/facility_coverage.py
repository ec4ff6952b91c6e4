"""15-minute living circle coverage (生活圈设施覆盖): the share of GB 50180 facility types each home
reaches on the walking network. QGIS glue only: the engines are greenspace/facilities.py and
living_circle.py."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import vector
from ....translation import current_language
from ...base import UrbanizationAlgorithm, user_standards_dir
from ...network.processing import terrain_report, walking_network
from . import groups
from .engine_text import engine_message


class FacilityCoverageAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "facilitycoverage"
    GROUP_ID = "greencity"
    REQUIRES = ("shapely", "geopandas", "scipy")

    NETWORK = groups.NETWORK
    SNAP_DISTANCE = groups.SNAP_DISTANCE
    RESIDENTIAL = groups.RESIDENTIAL
    POPULATION_FIELD = groups.POPULATION_FIELD
    DISTRICTS = groups.DISTRICTS
    DISTRICT_NAME_FIELD = groups.DISTRICT_NAME_FIELD
    REPORT = groups.REPORT
    MODE = groups.MODE

    FACILITIES = "FACILITIES"
    TYPE_FIELD = "TYPE_FIELD"
    TYPE_MAPPING = "TYPE_MAPPING"
    DISTANCES = "DISTANCES"
    RESULT = "RESULT"
    SUMMARY = "SUMMARY"
    UNDERSERVED = "UNDERSERVED"
    MEAN_COMPLETENESS = "MEAN_COMPLETENESS"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("15-minute living circle coverage (生活圈设施覆盖)")

    def tags(self) -> list[str]:
        return self.tr(
            "living circle,15-minute,facility,school,kindergarten,health,"
            "elderly,walking,生活圈,15分钟,配套设施,幼儿园,小学,养老"
        ).split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES,
                self.tr("Facilities (points or polygons)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TYPE_FIELD, self.tr("Facility type field"), parentLayerParameterName=self.FACILITIES
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TYPE_MAPPING,
                self.tr("Type mapping, one per line: field value = GB 50180 type id (the ids are in the help)"),
                defaultValue="",
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DISTANCES,
                self.tr("Circle distances overriding the preset, one per line: type = metres"),
                defaultValue="",
                multiLine=True,
                optional=True,
            )
        )
        groups.add_residential(self)
        groups.add_network(self, terrain=True)
        groups.add_districts(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.RESULT, self.tr("Living circle coverage of homes"), QgsProcessing.SourceType.TypeVectorAnyGeometry
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Coverage summary by facility type and district"),
                QgsProcessing.SourceType.TypeVector,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNDERSERVED,
                self.tr("Underserved homes by facility type"),
                QgsProcessing.SourceType.TypeVectorPoint,
            )
        )
        groups.add_report(self)
        self.addOutput(
            QgsProcessingOutputNumber(
                self.MEAN_COMPLETENESS, self.tr("Mean completeness (share of facility types within reach, 0-1)")
            )
        )

    def process(self, parameters, context, feedback):
        import copy

        from ... import standards
        from .. import living_circle
        from ..facilities import TypeMappingError, facility_coverage, parse_pairs

        res_source, metric, residential, population = groups.read_residential(self, parameters, context, feedback)
        try:
            preset = standards.preset("living_circle", "gb50180", user_standards_dir())
            living_circle.check_preset(preset)
            types = copy.deepcopy(preset["types"])
            mapping = parse_pairs(self.parameterAsString(parameters, self.TYPE_MAPPING, context))
            for type_id, metres in parse_pairs(self.parameterAsString(parameters, self.DISTANCES, context)).items():
                if type_id not in types:
                    raise TypeMappingError(
                        self.tr("unknown facility type '{}'; known: {}").format(type_id, ", ".join(types))
                    )
                types[type_id]["distance_m"] = float(metres)
        except (TypeMappingError, ValueError, standards.StandardsError) as error:
            raise QgsProcessingException(self.tr("Facility types: {}").format(error)) from error
        type_field = self.parameterAsString(parameters, self.TYPE_FIELD, context)
        tags = living_circle.tag_fields(
            groups.source(self, parameters, self.FACILITIES, context).fields().names(), preset
        )
        sites = groups.read_sites(
            self,
            parameters,
            self.FACILITIES,
            context,
            feedback,
            metric,
            self.tr("Facilities"),
            [type_field, *[f for f in tags if f != type_field]],
        )
        type_lists, unmapped = living_circle.classify(
            sites.drop(columns=sites.geometry.name).to_dict("records"), type_field, {**preset, "types": types}, mapping
        )
        rows, facility_types = living_circle.expand(type_lists)  # a nine-year school counts as primary and middle
        sites = sites.iloc[rows].reset_index(drop=True)
        if unmapped:
            listed = ", ".join(f"{value} ({count})" for value, count in sorted(unmapped.items())[:15])
            feedback.pushWarning(
                self.tr(
                    "Facility type values with no GB 50180 type were ignored (add them to the type mapping): {}"
                ).format(listed)
            )
        if not any(t is not None for t in facility_types):
            raise QgsProcessingException(
                self.tr(
                    "No value of '{}' maps to a GB 50180 facility type. "
                    "Fill in the type mapping, e.g. 'school = primary_school'."
                ).format(type_field)
            )
        walk = groups.read_walk(self, parameters, context, feedback, metric)
        network = None if walk is None else walk.network
        districts = groups.read_districts(self, parameters, context, feedback, metric)
        self.raise_if_canceled(feedback)
        result = facility_coverage(
            sites,
            facility_types,
            residential,
            types,
            network=network,
            snap_distance=walking_network.snap_distance(self, parameters, context),
            population=population,
            districts=districts,
            progress=groups.progress_to_feedback(feedback, 10, 85),
            is_canceled=feedback.isCanceled,
            draped=None if walk is None else walk.draped,
        )
        for message in result.messages:
            feedback.pushWarning(engine_message(message))
        if result.missing_types:
            feedback.pushInfo(
                self.tr("Facility types of the preset missing from the data (not scored): {}").format(
                    ", ".join(result.missing_types)
                )
            )
        output_crs = res_source.sourceCrs()
        polygon = groups.is_polygon(res_source)
        outputs = {
            self.RESULT: groups.write(
                self,
                parameters,
                self.RESULT,
                context,
                result.residential,
                groups.output_type(res_source),
                metric,
                output_crs,
                feedback,
                "greenspace_completeness" if polygon else "greenspace_completeness_points",
                self.tr("Living circle coverage"),
            ),
            self.SUMMARY: vector.write_frame(
                self, parameters, self.SUMMARY, context, result.summary, feedback=feedback
            ),
            self.UNDERSERVED: groups.write(
                self,
                parameters,
                self.UNDERSERVED,
                context,
                result.underserved,
                QgsWkbTypes.Type.Point,
                metric,
                output_crs,
                feedback,
                "greenspace_facility_gaps",
                self.tr("Underserved homes by facility type"),
            ),
        }
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ..report_pages import facility_page

            facility_page(
                report_path,
                self.tr("15-minute living circle coverage"),
                result,
                types,
                current_language(),
                {
                    "share_homes": self.tr("Share of homes covered"),
                    "completeness": self.tr("Completeness of homes"),
                    "by_type": self.tr("Coverage by facility type"),
                    "districts": self.tr("By type and district"),
                    "missing": self.tr("Facility types not in the data: "),
                    "message": engine_message,
                    "mode_network": self.tr("Distances along the walking network."),
                    "mode_euclidean": self.tr(
                        "No network given: straight-line (euclidean) distances, which overstate coverage."
                    ),
                    "completeness_mean": self.tr("Mean completeness"),
                    **terrain_report.labels(self),
                },
            )
            outputs[self.REPORT] = report_path
        mean = float(result.residential["completeness"].mean())
        outputs[self.MEAN_COMPLETENESS] = mean
        outputs[self.MODE] = result.mode
        feedback.pushInfo(
            self.tr("Mean completeness: {:.1%} over {} facility type(s) ({}).").format(
                mean, len(result.types), result.mode
            )
        )
        if "completeness_terrain" in result.residential:
            feedback.pushInfo(
                self.tr(
                    "Flat vs terrain (screening): mean completeness {:.1%} by distance, {:.1%} in walking time "
                    "on the DEM (fields ct_<type>, ft_<type>)."
                ).format(mean, float(result.residential["completeness_terrain"].mean()))
            )
        feedback.setProgress(100)
        return outputs
