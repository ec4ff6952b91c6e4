"""Processing algorithms of the green-city group (绿美城市): park service coverage, 15-minute
living circle coverage and park accessibility equity, measured on the walking network."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...layers import crs as crs_utils
from ...layers import styling, vector, walking_network
from ...translation import current_language, tr
from ..base import UrbanizationAlgorithm, user_standards_dir

POINTS_POLYGONS = (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.PolygonGeometry)
PARK_STANDARDS = ("garden_city", "gbt51346", "green300_park500", "city_checkup", "custom")


def engine_message(message) -> str:
    """An engine warning (greenspace.messages) in the user's language."""
    templates = {
        "entrances_ignored": tr("{} entrance(s) lie farther than {} m from every park and were ignored"),
        "parks_derived": tr("{} park(s) have no entrance; access points were derived along their boundary"),
        "homes_unreachable": tr("{} residential feature(s) lie farther than {} m from every street: distance left empty"),
        "homes_unreachable_score": tr("{} residential feature(s) lie farther than {} m from every street: score 0, counted as unreachable (not below the target)"),
        "parks_unreachable": tr("{} park(s) have no access point within {} m of a street and were left out: {}"),
        "facilities_unreachable": tr("{} facility(ies) lie farther than {} m from every street and were left out"),
        "historic_rules_skipped": tr("No historic districts given: the historic-district rule(s) {} were not applied"),
        "class_values_unknown": tr("{} park(s) have a park-class value that names no class (CJJ/T 85 code or name): classed by size instead: {}"),
        "classes_by_size": tr("{} park(s) without a class in the data were classed by size (GB/T 51346 grades): screening"),
        "class_parks_not_scored": tr("{} comprehensive or community park(s) are below every size threshold of the standard or off the network: counted in the per-capita area, not in the accessible area"),
    }
    return templates[message.key].format(*message.args)


class GreenAlgorithm(UrbanizationAlgorithm):
    """Shared plumbing of the group: the network, residential and district parameters and their
    reading. Shared messages use the module-level tr() (context '@default')."""

    GROUP_ID = "greencity"
    REQUIRES = ("shapely", "geopandas", "scipy")

    NETWORK = walking_network.NETWORK
    SNAP_DISTANCE = walking_network.SNAP_DISTANCE
    RESIDENTIAL = "RESIDENTIAL"
    POPULATION_FIELD = "POPULATION_FIELD"
    DISTRICTS = "DISTRICTS"
    DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
    REPORT = "REPORT"
    MODE = "MODE"

    # -- parameters -----------------------------------------------------------------------------

    def add_network_parameters(self, network_optional: bool = True) -> None:
        walking_network.add_parameters(
            self, tr("Walking network (lines; empty: straight-line distance)") if network_optional
            else tr("Walking network (lines)"), optional=network_optional)

    def add_residential_parameters(self, population_optional: bool = True) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.RESIDENTIAL, tr("Residential land or homes (polygons or points)"),
            [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, tr("Population field"), parentLayerParameterName=self.RESIDENTIAL,
            type=QgsProcessingParameterField.DataType.Numeric, optional=population_optional))

    def add_district_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DISTRICTS, tr("Districts (polygons, optional)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.DISTRICT_NAME_FIELD, tr("District name field"), parentLayerParameterName=self.DISTRICTS, optional=True))

    def add_report_parameter(self) -> None:
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString(self.MODE, tr("Distance mode (network or euclidean)")))

    # -- reading --------------------------------------------------------------------------------

    def source(self, parameters, name, context, optional: bool = False):
        source = self.parameterAsSource(parameters, name, context)
        if source is None and not optional:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source

    def read_residential(self, parameters, context, feedback, population_required: bool = False):
        """(source, metric CRS, frame with src_fid and geometry, population array or None)."""
        from .inputs import merge_duplicates

        source = self.source(parameters, self.RESIDENTIAL, context)
        label = tr("Residential land or homes")
        vector.require_geometry_type(source, POINTS_POLYGONS, label)
        metric = crs_utils.metric_crs_for_source(source, context)
        field = self.parameterAsString(parameters, self.POPULATION_FIELD, context)
        if population_required and not field:
            raise QgsProcessingException(tr("Choose the population field of '{}': park equity weighs homes by population.").format(label))
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=[field] if field else [],
                                       target_crs=metric, label=label)
        vector.require_features(frame, label)
        population = walking_network.population_values(frame[field].tolist(), label, field, feedback) if field else None
        keep, population = merge_duplicates(frame.geometry.to_numpy(), population)
        if len(keep) < len(frame):
            feedback.pushWarning(tr("{} duplicate geometry(ies) in '{}' were counted once, their population added to the kept copy.").format(
                len(frame) - len(keep), label))
            frame = frame.iloc[keep].reset_index(drop=True)
        if field:
            if population.sum() <= 0:
                if population_required:
                    raise QgsProcessingException(tr("The population field '{}' of '{}' sums to zero: choose the field that holds residents.").format(field, label))
                feedback.pushWarning(tr("The population field '{}' sums to zero: coverage by population is left empty.").format(field))
                population = None
            frame = frame.drop(columns=[field])
        return source, metric, frame, population

    def read_network(self, parameters, context, feedback, metric, required: bool = False):
        """The shared walking network (layers/walking_network.py), None when the optional input
        is empty (straight-line distances, labelled so)."""
        walk = walking_network.read(self, parameters, context, feedback, metric, required)
        if walk is None:
            feedback.pushWarning(tr("No walking network given: distances are straight-line (euclidean) and labelled so in every output."))
            return None
        return walk.network

    def snap_distance(self, parameters, context) -> float:
        return walking_network.snap_distance(self, parameters, context)

    def read_districts(self, parameters, context, feedback, metric):
        source = self.source(parameters, self.DISTRICTS, context, optional=True)
        if source is None:
            return None
        label = tr("Districts")
        field = self.parameterAsString(parameters, self.DISTRICT_NAME_FIELD, context)
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=[field] if field else [],
                                       target_crs=metric, label=label)
        frame["name"] = frame[field].astype(str) if field else frame[vector.FID].astype(str)
        return frame[["name", "geometry"]]

    def read_sites(self, parameters, name, context, feedback, metric, label, fields):
        """Parks or facilities (points or polygons), duplicates counted once."""
        from .inputs import duplicate_mask

        source = self.source(parameters, name, context)
        vector.require_geometry_type(source, POINTS_POLYGONS, label)
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=[f for f in fields if f],
                                       target_crs=metric, label=label)
        vector.require_features(frame, label)
        duplicates = duplicate_mask(frame.geometry.to_numpy())
        if duplicates.any():
            feedback.pushWarning(tr("{} duplicate geometry(ies) in '{}' were counted once.").format(int(duplicates.sum()), label))
            frame = frame[~duplicates].reset_index(drop=True)
        return frame

    def progress(self, feedback, start: float, end: float):
        def report(fraction: float) -> None:
            feedback.setProgress(start + (end - start) * fraction)
        return report

    def write(self, parameters, name, context, frame, wkb_type, metric, output_crs, feedback, style=None, layer_name=None):
        dest = vector.write_frame(self, parameters, name, context, frame, wkb_type=wkb_type, frame_crs=metric,
                                  output_crs=output_crs, feedback=feedback)
        if style:
            styling.style_output(context, dest, style, layer_name)
        return dest

    @staticmethod
    def output_type(source, polygon_type=QgsWkbTypes.Type.MultiPolygon):
        """Polygon sources give multi-polygons, point sources points (multi-points when multi)."""
        if QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry:
            return polygon_type
        return QgsWkbTypes.Type.MultiPoint if QgsWkbTypes.isMultiType(source.wkbType()) else QgsWkbTypes.Type.Point

    def rules_for(self, parameters, context, standard_name, custom_name):
        """Park rules from the chosen preset (the planner's copies in the profile folder first) or
        the custom text; the preset dict is returned too (None for custom)."""
        from .. import standards
        from .rules import RulesError, parse_rules, rules_from_preset

        standard = self.parameterAsEnumString(parameters, standard_name, context)
        try:
            if standard == "custom":
                return parse_rules(self.parameterAsString(parameters, custom_name, context)), None
            preset = standards.preset("park_service", standard, user_standards_dir())
            return rules_from_preset(preset), preset
        except (RulesError, standards.StandardsError) as error:
            raise QgsProcessingException(tr("Park service rules: {}").format(error)) from error


class ParkAlgorithm(GreenAlgorithm):
    """The park inputs and standard shared by park coverage and park equity."""

    PARKS = "PARKS"
    PARK_NAME_FIELD = "PARK_NAME_FIELD"
    PARK_SIZE_FIELD = "PARK_SIZE_FIELD"
    ENTRANCES = "ENTRANCES"
    STANDARD = "STANDARD"
    CUSTOM_RULES = "CUSTOM_RULES"

    def add_standard_parameters(self) -> None:
        parameter = QgsProcessingParameterEnum(
            self.STANDARD, tr("Standard (garden_city = GB/T 50563, gbt51346 = GB/T 51346 park grades, green300_park500 = 300 m to green, 500 m to a park, custom)"),
            options=list(PARK_STANDARDS), defaultValue="green300_park500")
        parameter.setUsesStaticStrings(True)
        self.addParameter(parameter)
        self.addParameter(QgsProcessingParameterString(
            self.CUSTOM_RULES, tr("Custom rules, one per line: minimum park area (m²): service radius (m): grade name [: historic]"),
            defaultValue="400: 300: green\n10000: 500: park", multiLine=True, optional=True))

    def add_park_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PARKS, tr("Parks and green spaces (polygons or points)"),
            [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.PARK_NAME_FIELD, tr("Park name field"), parentLayerParameterName=self.PARKS, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PARK_SIZE_FIELD, tr("Park area field in m² (empty: polygon area; needed for park points)"),
            parentLayerParameterName=self.PARKS, type=QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ENTRANCES, tr("Park entrances (points, optional; empty: derived along park boundaries)"),
            [QgsProcessing.SourceType.TypeVectorPoint], optional=True))

    def read_parks(self, parameters, context, feedback, metric, class_field: str = ""):
        """Parks frame with park_id (source feature id), name and size_m2 (field or geometry area),
        and the raw values of `class_field` as class_value when one is named."""
        import shapely

        name_field = self.parameterAsString(parameters, self.PARK_NAME_FIELD, context)
        size_field = self.parameterAsString(parameters, self.PARK_SIZE_FIELD, context)
        label = tr("Parks and green spaces")
        frame = self.read_sites(parameters, self.PARKS, context, feedback, metric, label, [name_field, size_field, class_field])
        if class_field:
            frame["class_value"] = frame[class_field].tolist()
        frame["park_id"] = frame[vector.FID].astype("int64")
        frame["name"] = [None if v is None else str(v) for v in frame[name_field]] if name_field else None
        if size_field:
            from ..walking import clean_population

            sizes, nulls, negative = clean_population(frame[size_field].tolist())
            if nulls or negative:
                feedback.pushWarning(tr("{} park(s) have no usable area in '{}': their polygon area is used (0 for points).").format(nulls + negative, size_field))
                sizes = [s if s > 0 else a for s, a in zip(sizes, shapely.area(frame.geometry.to_numpy()))]
            frame["size_m2"] = sizes
        from ...layers.input_checks import require_park_areas

        require_park_areas(frame["size_m2"] if size_field else shapely.area(frame.geometry.to_numpy()), label, size_field)
        if not size_field and (shapely.area(frame.geometry.to_numpy()) <= 0).any():
            feedback.pushWarning(tr("Park points have no area: choose the park area field, or they fall below every size threshold."))
        entrances = None
        source = self.source(parameters, self.ENTRANCES, context, optional=True)
        if source is not None:
            entrance_frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=[],
                                                    target_crs=metric, label=tr("Park entrances"))
            entrances = entrance_frame.geometry.to_numpy()
        return frame, entrances


class ParkCoverageAlgorithm(ParkAlgorithm):
    ALGORITHM_ID = "parkcoverage"

    HISTORIC_DISTRICTS = "HISTORIC_DISTRICTS"
    OFFSET = "OFFSET"
    SERVICE_AREAS = "SERVICE_AREAS"
    RESIDENTIAL_RESULT = "RESIDENTIAL_RESULT"
    UNDERSERVED = "UNDERSERVED"
    SUMMARY = "SUMMARY"
    COVERAGE_RATE_AREA = "COVERAGE_RATE_AREA"
    COVERAGE_RATE_POPULATION = "COVERAGE_RATE_POPULATION"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Park service coverage (公园绿地服务半径覆盖率)")

    def tags(self) -> list[str]:
        return self.tr("park,green space,service radius,coverage,walking,network,公园,绿地,服务半径,覆盖率,300米见绿,500米见园").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_park_parameters()
        self.add_network_parameters()
        self.add_residential_parameters()
        self.add_standard_parameters()
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.HISTORIC_DISTRICTS,
            self.tr("Historic districts (历史文化街区, optional): the standard's historic-district rule applies inside them"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.add_district_parameters()
        self.addParameter(walking_network.metres_parameter(
            self.OFFSET, self.tr("Service area: land within this distance of a reached street (m)"),
            50.0, minimum=0.0, advanced=True))  # network.DEFAULT_OFFSET (engines load inside process())
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SERVICE_AREAS, self.tr("Park service areas by grade"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.RESIDENTIAL_RESULT, self.tr("Residential coverage"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.UNDERSERVED, self.tr("Underserved residential land"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Coverage summary by district"), QgsProcessing.SourceType.TypeVector))
        self.add_report_parameter()
        self.addOutput(QgsProcessingOutputNumber(self.COVERAGE_RATE_AREA, self.tr("Coverage rate by residential area (0-1)")))
        self.addOutput(QgsProcessingOutputNumber(self.COVERAGE_RATE_POPULATION, self.tr("Coverage rate by population (0-1)")))

    def process(self, parameters, context, feedback):
        import shapely

        from .coverage import park_coverage

        res_source, metric, residential, population = self.read_residential(parameters, context, feedback)
        rules, preset = self.rules_for(parameters, context, self.STANDARD, self.CUSTOM_RULES)
        parks, entrances = self.read_parks(parameters, context, feedback, metric)
        network = self.read_network(parameters, context, feedback, metric)
        districts = self.read_districts(parameters, context, feedback, metric)
        historic = self.read_historic(parameters, context, feedback, metric)
        self.raise_if_canceled(feedback)
        feedback.setProgress(10)
        result = park_coverage(
            parks, residential, rules, network=network, entrances=entrances,
            snap_distance=self.snap_distance(parameters, context),
            offset=self.parameterAsDouble(parameters, self.OFFSET, context),
            population=population, districts=districts, historic=historic, progress=self.progress(feedback, 10, 85),
            is_canceled=feedback.isCanceled,
        )
        for message in result.messages:
            feedback.pushWarning(engine_message(message))
        self.raise_if_canceled(feedback)
        output_crs = res_source.sourceCrs()
        service = result.service_areas[~shapely.is_missing(result.service_areas.geometry.to_numpy())]
        outputs = {
            self.SERVICE_AREAS: self.write(parameters, self.SERVICE_AREAS, context, service, QgsWkbTypes.Type.MultiPolygon,
                                           metric, output_crs, feedback, "greenspace_service_areas", self.tr("Park service areas")),
            self.RESIDENTIAL_RESULT: self.write(parameters, self.RESIDENTIAL_RESULT, context, result.residential,
                                                self.output_type(res_source), metric, output_crs, feedback,
                                                _coverage_style(res_source), self.tr("Residential coverage")),
            self.UNDERSERVED: self.write(parameters, self.UNDERSERVED, context, result.underserved,
                                         self.output_type(res_source), metric, output_crs, feedback,
                                         _underserved_style(res_source), self.tr("Underserved residential land")),
            self.SUMMARY: vector.write_frame(self, parameters, self.SUMMARY, context, result.summary, feedback=feedback),
        }
        feedback.setProgress(95)
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from .report_pages import coverage_page

            coverage_page(report_path, self.tr("Park service coverage"), result, rules, preset, current_language(), self.coverage_labels())
            outputs[self.REPORT] = report_path
        feedback.pushInfo(self.tr("Coverage by residential area: {:.1%}; by population: {} ({}).").format(
            result.rate_area, "-" if result.rate_population is None else f"{result.rate_population:.1%}", result.mode))
        outputs[self.COVERAGE_RATE_AREA] = result.rate_area
        outputs[self.COVERAGE_RATE_POPULATION] = result.rate_population
        outputs[self.MODE] = result.mode
        feedback.setProgress(100)
        return outputs

    def coverage_labels(self) -> dict:
        return {
            "rates": self.tr("Coverage rates"), "by_area": self.tr("by residential area"),
            "by_population": self.tr("by population"), "districts": self.tr("Coverage by district"),
            "rules": self.tr("Park grades and service radii"), "grades": self.tr("Service areas by grade"),
            "mode_network": self.tr("Distances along the walking network."),
            "mode_euclidean": self.tr("No network given: straight-line (euclidean) distances, which overstate coverage."),
            "target": self.tr("Target"), "source": self.tr("Source"), "parks": self.tr("Parks"),
            "message": engine_message,
        }

    def read_historic(self, parameters, context, feedback, metric):
        """Historic-district polygons (None when not given or empty) in the metric CRS."""
        import shapely

        source = self.source(parameters, self.HISTORIC_DISTRICTS, context, optional=True)
        if source is None:
            return None
        label = self.tr("Historic districts")
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=[], target_crs=metric, label=label)
        polygons = frame.geometry.to_numpy()
        polygons = polygons[shapely.area(polygons) > 0]
        if len(polygons) == 0:
            feedback.pushWarning(self.tr("'{}' has no polygons: the historic-district rule is not applied.").format(label))
            return None
        return polygons


def _coverage_style(source) -> str:
    polygon = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
    return "greenspace_coverage" if polygon else "greenspace_coverage_points"


def _underserved_style(source) -> str:
    polygon = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
    return "greenspace_underserved" if polygon else "greenspace_underserved_points"


class FacilityCoverageAlgorithm(GreenAlgorithm):
    ALGORITHM_ID = "facilitycoverage"

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
        return self.tr("living circle,15-minute,facility,school,kindergarten,health,elderly,walking,生活圈,15分钟,配套设施,幼儿园,小学,养老").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Facilities (points or polygons)"),
            [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.TYPE_FIELD, self.tr("Facility type field"), parentLayerParameterName=self.FACILITIES))
        self.addParameter(QgsProcessingParameterString(
            self.TYPE_MAPPING, self.tr("Type mapping, one per line: field value = GB 50180 type (kindergarten, primary_school, middle_school, health, elderly_care, child_care, sports_centre, culture, market, ...)"),
            defaultValue="", multiLine=True, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.DISTANCES, self.tr("Circle distances overriding the preset, one per line: type = metres"),
            defaultValue="", multiLine=True, optional=True))
        self.add_residential_parameters()
        self.add_network_parameters()
        self.add_district_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.RESULT, self.tr("Living circle coverage of homes"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Coverage summary by facility type and district"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.UNDERSERVED, self.tr("Underserved homes by facility type"), QgsProcessing.SourceType.TypeVectorPoint))
        self.add_report_parameter()
        self.addOutput(QgsProcessingOutputNumber(self.MEAN_COMPLETENESS, self.tr("Mean completeness (share of facility types within reach, 0-1)")))

    def process(self, parameters, context, feedback):
        import copy

        from .. import standards
        from . import living_circle
        from .facilities import TypeMappingError, facility_coverage, parse_pairs

        res_source, metric, residential, population = self.read_residential(parameters, context, feedback)
        try:
            preset = standards.preset("living_circle", "gb50180", user_standards_dir())
            living_circle.check_preset(preset)
            types = copy.deepcopy(preset["types"])
            mapping = parse_pairs(self.parameterAsString(parameters, self.TYPE_MAPPING, context))
            for type_id, metres in parse_pairs(self.parameterAsString(parameters, self.DISTANCES, context)).items():
                if type_id not in types:
                    raise TypeMappingError(self.tr("unknown facility type '{}'; known: {}").format(type_id, ", ".join(types)))
                types[type_id]["distance_m"] = float(metres)
        except (TypeMappingError, ValueError, standards.StandardsError) as error:
            raise QgsProcessingException(self.tr("Facility types: {}").format(error)) from error
        type_field = self.parameterAsString(parameters, self.TYPE_FIELD, context)
        tags = living_circle.tag_fields(self.source(parameters, self.FACILITIES, context).fields().names(), preset)
        sites = self.read_sites(parameters, self.FACILITIES, context, feedback, metric, self.tr("Facilities"),
                                [type_field, *[f for f in tags if f != type_field]])
        type_lists, unmapped = living_circle.classify(sites.drop(columns=sites.geometry.name).to_dict("records"), type_field,
                                                      {**preset, "types": types}, mapping)
        rows, facility_types = living_circle.expand(type_lists)  # a nine-year school counts as primary and middle
        sites = sites.iloc[rows].reset_index(drop=True)
        if unmapped:
            listed = ", ".join(f"{value} ({count})" for value, count in sorted(unmapped.items())[:15])
            feedback.pushWarning(self.tr("Facility type values with no GB 50180 type were ignored (add them to the type mapping): {}").format(listed))
        if not any(t is not None for t in facility_types):
            raise QgsProcessingException(self.tr("No value of '{}' maps to a GB 50180 facility type. Fill in the type mapping, e.g. 'school = primary_school'.").format(type_field))
        network = self.read_network(parameters, context, feedback, metric)
        districts = self.read_districts(parameters, context, feedback, metric)
        self.raise_if_canceled(feedback)
        result = facility_coverage(
            sites, facility_types, residential, types, network=network,
            snap_distance=self.snap_distance(parameters, context),
            population=population, districts=districts, progress=self.progress(feedback, 10, 85),
            is_canceled=feedback.isCanceled,
        )
        for message in result.messages:
            feedback.pushWarning(engine_message(message))
        if result.missing_types:
            feedback.pushInfo(self.tr("Facility types of the preset missing from the data (not scored): {}").format(", ".join(result.missing_types)))
        output_crs = res_source.sourceCrs()
        polygon = QgsWkbTypes.geometryType(res_source.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
        outputs = {
            self.RESULT: self.write(parameters, self.RESULT, context, result.residential, self.output_type(res_source),
                                    metric, output_crs, feedback,
                                    "greenspace_completeness" if polygon else "greenspace_completeness_points",
                                    self.tr("Living circle coverage")),
            self.SUMMARY: vector.write_frame(self, parameters, self.SUMMARY, context, result.summary, feedback=feedback),
            self.UNDERSERVED: self.write(parameters, self.UNDERSERVED, context, result.underserved, QgsWkbTypes.Type.Point,
                                         metric, output_crs, feedback, "greenspace_facility_gaps",
                                         self.tr("Underserved homes by facility type")),
        }
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from .report_pages import facility_page

            facility_page(report_path, self.tr("15-minute living circle coverage"), result, types, current_language(), {
                "share_homes": self.tr("Share of homes covered"), "completeness": self.tr("Completeness of homes"),
                "by_type": self.tr("Coverage by facility type"), "districts": self.tr("By type and district"),
                "missing": self.tr("Facility types not in the data: "), "message": engine_message,
                "mode_network": self.tr("Distances along the walking network."),
                "mode_euclidean": self.tr("No network given: straight-line (euclidean) distances, which overstate coverage."),
            })
            outputs[self.REPORT] = report_path
        mean = float(result.residential["completeness"].mean())
        outputs[self.MEAN_COMPLETENESS] = mean
        outputs[self.MODE] = result.mode
        feedback.pushInfo(self.tr("Mean completeness: {:.1%} over {} facility type(s) ({}).").format(mean, len(result.types), result.mode))
        feedback.setProgress(100)
        return outputs


class ParkEquityAlgorithm(ParkAlgorithm):
    ALGORITHM_ID = "parkequity"

    TARGET = "TARGET"
    PARK_CLASS_FIELD = "PARK_CLASS_FIELD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    CLASS_ACCESS = "CLASS_ACCESS"
    CLASS_SUMMARY = "CLASS_SUMMARY"
    GINI = "GINI"
    MEAN_SCORE = "MEAN_SCORE"
    POPULATION_BELOW = "POPULATION_BELOW"
    PER_CAPITA_COMPREHENSIVE = "PER_CAPITA_COMPREHENSIVE"
    PER_CAPITA_COMMUNITY = "PER_CAPITA_COMMUNITY"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Park accessibility equity (公园可达性公平)")

    def tags(self) -> list[str]:
        return self.tr("park,equity,E2SFCA,two-step floating catchment,Gini,Lorenz,accessibility,公园,公平,可达性,基尼系数,均好度").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_park_parameters()
        self.addParameter(QgsProcessingParameterField(
            self.PARK_CLASS_FIELD, self.tr("Park class field (optional: CJJ/T 85 / GB/T 51346 codes or names, e.g. G11 or 综合公园, G12 or 社区公园; empty values: classed by size)"),
            parentLayerParameterName=self.PARKS, optional=True))
        self.add_network_parameters()
        self.add_residential_parameters(population_optional=False)
        self.add_standard_parameters()
        self.addParameter(QgsProcessingParameterNumber(
            self.TARGET, self.tr("Per-capita park area target (m²/person, GB 55014: 8)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=8.0, minValue=0.0))
        self.add_district_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Park accessibility of homes"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Equity summary by district"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CLASS_ACCESS, self.tr("Comprehensive and community park access of homes (screening)"),
            QgsProcessing.SourceType.TypeVectorAnyGeometry, optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CLASS_SUMMARY, self.tr("Per-capita comprehensive and community park area (GB 55014 2.1.4)"),
            QgsProcessing.SourceType.TypeVector, optional=True, createByDefault=True))
        self.add_report_parameter()
        self.addOutput(QgsProcessingOutputNumber(self.GINI, self.tr("Gini coefficient of park accessibility")))
        self.addOutput(QgsProcessingOutputNumber(self.MEAN_SCORE, self.tr("Mean accessible park area (m²/person)")))
        self.addOutput(QgsProcessingOutputNumber(self.POPULATION_BELOW, self.tr("Population below the target")))
        self.addOutput(QgsProcessingOutputNumber(
            self.PER_CAPITA_COMPREHENSIVE, self.tr("Per-capita comprehensive park area, all parks and residents given (m²/person)")))
        self.addOutput(QgsProcessingOutputNumber(
            self.PER_CAPITA_COMMUNITY, self.tr("Per-capita community park area, all parks and residents given (m²/person)")))

    def process(self, parameters, context, feedback):
        from .park_equity import park_equity

        res_source, metric, residential, population = self.read_residential(parameters, context, feedback, population_required=True)
        rules, preset = self.rules_for(parameters, context, self.STANDARD, self.CUSTOM_RULES)
        class_rules, class_targets = self.class_standard(rules, preset)
        class_field = self.parameterAsString(parameters, self.PARK_CLASS_FIELD, context)
        parks, entrances = self.read_parks(parameters, context, feedback, metric, class_field)
        network = self.read_network(parameters, context, feedback, metric)
        districts = self.read_districts(parameters, context, feedback, metric)
        result = park_equity(
            parks, residential, population, rules,
            target_m2=self.parameterAsDouble(parameters, self.TARGET, context), network=network,
            entrances=entrances, snap_distance=self.snap_distance(parameters, context),
            districts=districts, progress=self.progress(feedback, 10, 85), is_canceled=feedback.isCanceled,
            class_targets=class_targets, class_rules=class_rules,
            class_values=parks["class_value"].tolist() if class_field else None,
        )
        for message in result.messages:
            feedback.pushWarning(engine_message(message))
        output_crs = res_source.sourceCrs()
        polygon = QgsWkbTypes.geometryType(res_source.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
        outputs = {
            self.OUTPUT: self.write(parameters, self.OUTPUT, context, result.residential, self.output_type(res_source),
                                    metric, output_crs, feedback, "greenspace_equity" if polygon else "greenspace_equity_points",
                                    self.tr("Park accessibility")),
            self.SUMMARY: vector.write_frame(self, parameters, self.SUMMARY, context, result.summary, feedback=feedback),
            self.CLASS_ACCESS: self.write(parameters, self.CLASS_ACCESS, context, result.class_homes, self.output_type(res_source),
                                          metric, output_crs, feedback,
                                          "greenspace_park_classes" if polygon else "greenspace_park_classes_points",
                                          self.tr("Comprehensive and community park access")),
            self.CLASS_SUMMARY: vector.write_frame(self, parameters, self.CLASS_SUMMARY, context, result.classes.summary,
                                                   feedback=feedback),
        }
        outputs = {key: value for key, value in outputs.items() if value is not None}
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from .report_pages import equity_page

            equity_page(report_path, self.tr("Park accessibility equity"), result, current_language(), {
                "lorenz": self.tr("Lorenz curve of park accessibility"), "equality": self.tr("Equal access"),
                "population_share": self.tr("Cumulative share of population"),
                "access_share": self.tr("Cumulative share of accessible park area"),
                "mean": self.tr("Mean accessible park area by district"), "districts": self.tr("Equity by district"),
                "parks": self.tr("Parks"), "message": engine_message,
                "method": self.tr("E2SFCA with Gaussian distance decay within each park grade's service radius; score in m² of park per person."),
                "mode_network": self.tr("Distances along the walking network."),
                "mode_euclidean": self.tr("No network given: straight-line (euclidean) distances, which overstate coverage."),
                "classes": self.tr("Per-capita comprehensive and community park area (GB 55014-2021 2.1.4)"),
                "classes_note": self.tr("GB 55014-2021 2.1.4: per-capita comprehensive park area and per-capita community park area each greater than {} m²/person, for the city. The row 'All' is the clause's measure over the parks and residents given; rows by district and the accessible areas per home are screening beyond the standard."),
            })
            outputs[self.REPORT] = report_path
        city = result.classes.summary.query("basis == 'standard'").set_index("park_class")
        outputs[self.PER_CAPITA_COMPREHENSIVE] = float(city.loc["comprehensive", "per_capita_m2"])
        outputs[self.PER_CAPITA_COMMUNITY] = float(city.loc["community", "per_capita_m2"])
        feedback.pushInfo(self.tr("Per-capita comprehensive park area {:.2f} m²/person, community park area {:.2f} m²/person (target: more than {:g} each, GB 55014-2021 2.1.4).").format(
            outputs[self.PER_CAPITA_COMPREHENSIVE], outputs[self.PER_CAPITA_COMMUNITY], float(city.loc["comprehensive", "target_m2"])))
        total = result.summary.iloc[-1]
        outputs[self.GINI] = result.gini
        outputs[self.MEAN_SCORE] = result.mean
        outputs[self.POPULATION_BELOW] = float(total["population_below"])
        outputs[self.MODE] = result.mode
        feedback.pushInfo(self.tr("Mean accessible park area {:.2f} m²/person, Gini {:.3f}, {:.0f} people below the target ({}).").format(
            result.mean, result.gini, float(total["population_below"]), result.mode))
        feedback.setProgress(100)
        return outputs

    def class_standard(self, rules, preset):
        """(rules that class parks by size, per-capita targets of the two classes): the chosen
        standard's where it has them, else those of the GB/T 51346 preset (classes by size are
        then a screening reading, said in the messages)."""
        from .. import standards
        from .rules import has_classes, per_capita_targets, rules_from_preset

        targets = per_capita_targets(preset)
        if has_classes(rules) and {"comprehensive", "community"} <= set(targets):
            return rules, {k: targets[k] for k in ("comprehensive", "community")}
        try:
            graded = standards.preset("park_service", "gbt51346", user_standards_dir())
            fallback = per_capita_targets(graded)
            class_rules = rules if has_classes(rules) else rules_from_preset(graded)
        except (standards.StandardsError, ValueError) as error:
            raise QgsProcessingException(self.tr("Park classes: {}").format(error)) from error
        return class_rules, {k: targets.get(k, fallback[k]) for k in ("comprehensive", "community")}


ALGORITHMS = [ParkCoverageAlgorithm, FacilityCoverageAlgorithm, ParkEquityAlgorithm]
