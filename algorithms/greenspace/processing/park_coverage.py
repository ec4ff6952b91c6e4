"""Park service coverage (公园绿地服务半径覆盖率): residential land inside the parks' service radii,
measured on the walking network. QGIS glue only: the engine is greenspace/coverage.py."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)

from ....layers import vector
from ....translation import current_language
from ...base import UrbanizationAlgorithm
from ...network.processing import walking_network
from . import groups, park_inputs
from .engine_text import engine_message


class ParkCoverageAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "parkcoverage"
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
    PARKS = park_inputs.PARKS
    PARK_NAME_FIELD = park_inputs.PARK_NAME_FIELD
    PARK_SIZE_FIELD = park_inputs.PARK_SIZE_FIELD
    ENTRANCES = park_inputs.ENTRANCES
    STANDARD = park_inputs.STANDARD
    CUSTOM_RULES = park_inputs.CUSTOM_RULES
    HISTORIC_DISTRICTS = "HISTORIC_DISTRICTS"
    OFFSET = "OFFSET"
    SERVICE_AREAS = "SERVICE_AREAS"
    RESIDENTIAL_RESULT = "RESIDENTIAL_RESULT"
    UNDERSERVED = "UNDERSERVED"
    SUMMARY = "SUMMARY"
    COVERAGE_RATE_AREA = "COVERAGE_RATE_AREA"
    COVERAGE_RATE_POPULATION = "COVERAGE_RATE_POPULATION"
    TERRAIN_RATE = "TERRAIN_RATE"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Park service coverage (公园绿地服务半径覆盖率)")

    def tags(self) -> list[str]:
        return self.tr(
            "park,green space,service radius,coverage,walking,network,公园,绿地,服务半径,覆盖率,300米见绿,500米见园"
        ).split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        park_inputs.add_parks(self)
        groups.add_network(self, terrain=True)
        groups.add_residential(self)
        park_inputs.add_standard(self)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.HISTORIC_DISTRICTS,
                self.tr(
                    "Historic districts (历史文化街区, optional): the "
                    "standard's historic-district rule applies inside them"
                ),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        groups.add_districts(self)
        self.addParameter(
            walking_network.metres_parameter(
                self.OFFSET,
                self.tr("Service area: land within this distance of a reached street (m)"),
                50.0,
                minimum=0.0,
                advanced=True,
            )
        )  # network.DEFAULT_OFFSET (engines load inside process())
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SERVICE_AREAS, self.tr("Park service areas by grade"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.RESIDENTIAL_RESULT, self.tr("Residential coverage"), QgsProcessing.SourceType.TypeVectorAnyGeometry
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNDERSERVED,
                self.tr("Underserved residential land"),
                QgsProcessing.SourceType.TypeVectorAnyGeometry,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Coverage summary by district"), QgsProcessing.SourceType.TypeVector
            )
        )
        groups.add_report(self)
        self.addOutput(
            QgsProcessingOutputNumber(self.COVERAGE_RATE_AREA, self.tr("Coverage rate by residential area (0-1)"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.COVERAGE_RATE_POPULATION, self.tr("Coverage rate by population (0-1)"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.TERRAIN_RATE,
                self.tr("Terrain-aware coverage rate, screening (by population, else by homes; 0-1; with a DEM)"),
            )
        )

    def process(self, parameters, context, feedback):
        import shapely

        from ..coverage import park_coverage

        res_source, metric, residential, population = groups.read_residential(self, parameters, context, feedback)
        rules, preset = park_inputs.rules_for(self, parameters, context)
        parks, entrances = park_inputs.read_parks(self, parameters, context, feedback, metric)
        walk = groups.read_walk(self, parameters, context, feedback, metric)
        network = None if walk is None else walk.network
        districts = groups.read_districts(self, parameters, context, feedback, metric)
        historic = self.read_historic(parameters, context, feedback, metric)
        self.raise_if_canceled(feedback)
        feedback.setProgress(10)
        result = park_coverage(
            parks,
            residential,
            rules,
            network=network,
            entrances=entrances,
            snap_distance=walking_network.snap_distance(self, parameters, context),
            offset=self.parameterAsDouble(parameters, self.OFFSET, context),
            population=population,
            districts=districts,
            historic=historic,
            progress=groups.progress_to_feedback(feedback, 10, 85),
            is_canceled=feedback.isCanceled,
            draped=None if walk is None else walk.draped,
        )
        for message in result.messages:
            feedback.pushWarning(engine_message(message))
        self.raise_if_canceled(feedback)
        output_crs = res_source.sourceCrs()
        polygon = groups.is_polygon(res_source)
        service = result.service_areas[~shapely.is_missing(result.service_areas.geometry.to_numpy())]
        outputs = {
            self.SERVICE_AREAS: groups.write(
                self,
                parameters,
                self.SERVICE_AREAS,
                context,
                service,
                QgsWkbTypes.Type.MultiPolygon,
                metric,
                output_crs,
                feedback,
                "greenspace_service_areas",
                self.tr("Park service areas"),
            ),
            self.RESIDENTIAL_RESULT: groups.write(
                self,
                parameters,
                self.RESIDENTIAL_RESULT,
                context,
                result.residential,
                groups.output_type(res_source),
                metric,
                output_crs,
                feedback,
                "greenspace_coverage" if polygon else "greenspace_coverage_points",
                self.tr("Residential coverage"),
            ),
            self.UNDERSERVED: groups.write(
                self,
                parameters,
                self.UNDERSERVED,
                context,
                result.underserved,
                groups.output_type(res_source),
                metric,
                output_crs,
                feedback,
                "greenspace_underserved" if polygon else "greenspace_underserved_points",
                self.tr("Underserved residential land"),
            ),
            self.SUMMARY: vector.write_frame(
                self, parameters, self.SUMMARY, context, result.summary, feedback=feedback
            ),
        }
        feedback.setProgress(95)
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ..report_pages import coverage_page

            coverage_page(
                report_path,
                self.tr("Park service coverage"),
                result,
                rules,
                preset,
                current_language(),
                self.coverage_labels(),
            )
            outputs[self.REPORT] = report_path
        feedback.pushInfo(
            self.tr("Coverage by residential area: {:.1%}; by population: {} ({}).").format(
                result.rate_area,
                "-" if result.rate_population is None else f"{result.rate_population:.1%}",
                result.mode,
            )
        )
        if result.terrain is not None:
            t = result.terrain
            rate = t["rate_population_terrain"] if t["rate_population_terrain"] is not None else t["rate_homes_terrain"]
            feedback.pushInfo(
                self.tr(
                    "Flat vs terrain (screening): {} homes covered by distance, {} in walking time on the DEM; "
                    "{} homes ({} residents) lose coverage. Terrain-aware rate: {:.1%}."
                ).format(
                    t["homes_covered"],
                    t["homes_covered_terrain"],
                    t["homes_losing_coverage"],
                    "-" if t["population_losing_coverage"] is None else f"{t['population_losing_coverage']:,.0f}",
                    rate,
                )
            )
            outputs[self.TERRAIN_RATE] = rate
        outputs[self.COVERAGE_RATE_AREA] = result.rate_area
        outputs[self.COVERAGE_RATE_POPULATION] = result.rate_population
        outputs[self.MODE] = result.mode
        feedback.setProgress(100)
        return outputs

    def coverage_labels(self) -> dict:
        return {
            "rates": self.tr("Coverage rates"),
            "by_area": self.tr("by residential area"),
            "by_population": self.tr("by population"),
            "districts": self.tr("Coverage by district"),
            "rules": self.tr("Park grades and service radii"),
            "grades": self.tr("Service areas by grade"),
            "mode_network": self.tr("Distances along the walking network."),
            "mode_euclidean": self.tr(
                "No network given: straight-line (euclidean) distances, which overstate coverage."
            ),
            "target": self.tr("Target"),
            "source": self.tr("Source"),
            "parks": self.tr("Parks"),
            "message": engine_message,
            "terrain": self.tr("Flat vs terrain"),
            "terrain_note": self.tr(
                "Terrain (screening): each home's walk to the park on the DEM, Tobler's hiking function; a radius R "
                "is read as the time to walk R on the flat (5.04 km/h). The standard's figure is the distance one."
            ),
            "homes_covered": self.tr("Homes covered"),
            "homes_losing": self.tr("Homes losing coverage"),
            "population_losing": self.tr("Residents losing coverage"),
            "flat": self.tr("Standard (distance)"),
            "terrain_screening": self.tr("Terrain (walking time, screening)"),
        }

    def read_historic(self, parameters, context, feedback, metric):
        """Historic-district polygons (None when not given or empty) in the metric CRS."""
        import shapely

        source = groups.source(self, parameters, self.HISTORIC_DISTRICTS, context, optional=True)
        if source is None:
            return None
        label = self.tr("Historic districts")
        frame = vector.source_to_frame(
            source, context=context, feedback=feedback, fields=[], target_crs=metric, label=label
        )
        polygons = frame.geometry.to_numpy()
        polygons = polygons[shapely.area(polygons) > 0]
        if len(polygons) == 0:
            feedback.pushWarning(
                self.tr("'{}' has no polygons: the historic-district rule is not applied.").format(label)
            )
            return None
        return polygons
