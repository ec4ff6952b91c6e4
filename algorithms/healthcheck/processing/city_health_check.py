"""Processing algorithm of the city health check (城市体检): the spatial indicators of the national
system in one run, for the city and per district. QGIS glue only: the engine is indicators.py,
which calls the green-city, transit and drainage engines."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import vector
from ....translation import current_language
from ...base import UrbanizationAlgorithm, user_standards_dir
from ...greenspace.processing import groups
from ...greenspace.processing.engine_text import engine_message
from ...network.processing import walking_network
from . import official_inputs
from .maps import MAPS, geometries, write_maps

EDITIONS = ("mohurd_2023", "mohurd_2021")  # = definitions.EDITIONS (engines load inside process())


class CityHealthCheckAlgorithm(UrbanizationAlgorithm):
    """Reads whichever layers the city has, runs indicators.city_health_check and writes the
    indicator table, the map behind each indicator and the report. Residential land, parks,
    facilities and districts are read by the green-city parameter groups (greenspace/processing/
    groups.py), the streets by layers/walking_network.py: composed, not inherited."""

    ALGORITHM_ID = "cityhealthcheck"
    GROUP_ID = "healthcheck"
    REQUIRES = ("shapely", "geopandas", "scipy")

    NETWORK = groups.NETWORK
    SNAP_DISTANCE = groups.SNAP_DISTANCE
    RESIDENTIAL = groups.RESIDENTIAL
    POPULATION_FIELD = groups.POPULATION_FIELD
    DISTRICTS = groups.DISTRICTS
    DISTRICT_NAME_FIELD = groups.DISTRICT_NAME_FIELD
    REPORT = groups.REPORT
    PARKS = groups.PARKS
    PARK_NAME_FIELD = groups.PARK_NAME_FIELD
    PARK_SIZE_FIELD = groups.PARK_SIZE_FIELD
    EDITION = "EDITION"
    BUILT_UP = "BUILT_UP"
    ADMIN_AREA = "ADMIN_AREA"
    GREENWAYS = "GREENWAYS"
    FACILITIES = "FACILITIES"
    FACILITY_TYPE_FIELD = "FACILITY_TYPE_FIELD"
    TYPE_MAPPING = "TYPE_MAPPING"
    ROAD_CLASSES = "ROAD_CLASSES"
    STATIONS = "STATIONS"
    WATERLOGGING_POINTS = "WATERLOGGING_POINTS"
    DEM = "DEM"
    CORRIDORS = "CORRIDORS"
    REQUIRED_CORRIDORS = "REQUIRED_CORRIDORS"
    INDICATORS = "INDICATORS"
    COMPUTED = "COMPUTED"
    NOT_COMPUTED = "NOT_COMPUTED"
    FAILED = "FAILED"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("City health check (城市体检)")

    def tags(self) -> list[str]:
        return self.tr(
            "city health check,indicator,park,greenway,school,waterlogging,metro,road density,"
            "城市体检,体检指标,公园绿地服务半径覆盖率,内涝积水点,道路网密度"
        ).split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        edition = QgsProcessingParameterEnum(
            self.EDITION,
            self.tr("Indicator system edition (mohurd_2023 = current, mohurd_2021 = 2021 list of 65 indicators)"),
            options=list(EDITIONS),
            defaultValue=EDITIONS[0],
        )
        edition.setUsesStaticStrings(True)
        self.addParameter(edition)
        polygons, points, lines = (
            [QgsProcessing.SourceType.TypeVectorPolygon],
            [QgsProcessing.SourceType.TypeVectorPoint],
            [QgsProcessing.SourceType.TypeVectorLine],
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BUILT_UP, self.tr("Built-up area or 城区 boundary (polygons)"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ADMIN_AREA, self.tr("City territory (市辖区, polygons)"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DISTRICTS, self.tr("Districts or 街区 (polygons, optional)"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DISTRICT_NAME_FIELD,
                self.tr("District name field"),
                parentLayerParameterName=self.DISTRICTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.RESIDENTIAL,
                self.tr("Residential land or homes (polygons or points)"),
                polygons + points,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population field"),
                parentLayerParameterName=self.RESIDENTIAL,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARKS, self.tr("Parks and green spaces (polygons or points)"), polygons + points, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.PARK_NAME_FIELD, self.tr("Park name field"), parentLayerParameterName=self.PARKS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.PARK_SIZE_FIELD,
                self.tr("Park area field in m² (empty: polygon area; needed for park points)"),
                parentLayerParameterName=self.PARKS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.GREENWAYS, self.tr("Greenways (lines)"), lines, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Facilities (points or polygons)"), points + polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FACILITY_TYPE_FIELD,
                self.tr("Facility type field"),
                parentLayerParameterName=self.FACILITIES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TYPE_MAPPING,
                self.tr(
                    "Type mapping, one per line: field value = GB 50180 type (kindergarten, "
                    "primary_school, middle_school, market, elderly_day_care, ...)"
                ),
                defaultValue="",
                multiLine=True,
                optional=True,
            )
        )
        walking_network.add_parameters(
            self, self.tr("Walking network and streets (lines; empty: straight-line distance)"), optional=True
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.ROAD_CLASSES,
                self.tr(
                    "Road classes counted as city roads in the road network density (comma separated; "
                    "the road class field; empty: the edition's GB/T 51328 classes)"
                ),
                defaultValue="",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STATIONS, self.tr("Metro stations (points)"), points, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.WATERLOGGING_POINTS, self.tr("Recorded waterlogging spots (points)"), points, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("DEM (screening for waterlogging spots when none are recorded)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CORRIDORS, self.tr("Ecological corridors (polygons)"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.REQUIRED_CORRIDORS, self.tr("Corridors required between clusters (lines)"), lines, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.INDICATORS,
                self.tr("Health check indicators (city and districts)"),
                QgsProcessing.SourceType.TypeVector,
            )
        )
        names = {
            "PARK_SERVICE_AREAS": self.tr("Park service areas"),
            "GREENWAY_SERVICE_AREAS": self.tr("Greenway service areas"),
            "FACILITY_GAPS": self.tr("Homes beyond the facility service radius"),
            "STATION_CATCHMENTS": self.tr("Station walking catchments"),
            "WATERLOGGING_SPOTS": self.tr("Waterlogging spots"),
            "DENSE_LAND": self.tr("Land above 15,000 people per km²"),
            "CLUSTERS": self.tr("Built-up clusters"),
            "CITY_ROADS": self.tr("City roads in the built-up area"),
            "WIDE_CORRIDORS": self.tr("Corridor land at least the required width"),
        }
        for sink, wkb, _style, _methods in MAPS:
            kind = {
                QgsWkbTypes.Type.Point: QgsProcessing.SourceType.TypeVectorPoint,
                QgsWkbTypes.Type.MultiLineString: QgsProcessing.SourceType.TypeVectorLine,
            }.get(wkb, QgsProcessing.SourceType.TypeVectorPolygon)
            self.addParameter(QgsProcessingParameterFeatureSink(sink, names[sink], kind, optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.COMPUTED, self.tr("Indicators computed")))
        self.addOutput(
            QgsProcessingOutputNumber(self.NOT_COMPUTED, self.tr("Indicators not computed (layers missing)"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.FAILED, self.tr("Indicators below their target (未达标)")))
        official_inputs.add_parameters(self)

    # -- reading ----------------------------------------------------------------------------------

    def _metric(self, parameters, context):
        """(metric CRS, output CRS) from the first layer given."""
        for name in (
            self.RESIDENTIAL,
            self.BUILT_UP,
            self.DISTRICTS,
            self.ADMIN_AREA,
            self.PARKS,
            self.FACILITIES,
            walking_network.NETWORK,
            self.STATIONS,
            self.GREENWAYS,
            self.WATERLOGGING_POINTS,
            self.CORRIDORS,
            self.REQUIRED_CORRIDORS,
        ):
            source = groups.source(self, parameters, name, context, optional=True)
            if source is not None:
                return crs_utils.metric_crs_for_source(source, context), source.sourceCrs()
        raise QgsProcessingException(
            self.tr("Give at least one layer of the city: a health check needs layers to measure.")
        )

    def _facilities(self, parameters, context, feedback, metric):
        """(facility frame, GB 50180 type id per facility, living-circle types) as facilitycoverage
        classifies them (type field, mapping, OSM tags; a nine-year school is both schools)."""
        from ... import standards
        from ...greenspace import living_circle
        from ...greenspace.facilities import TypeMappingError, parse_pairs

        source = groups.source(self, parameters, self.FACILITIES, context, optional=True)
        if source is None:
            return None, None, None
        type_field = self.parameterAsString(parameters, self.FACILITY_TYPE_FIELD, context)
        if not type_field:
            raise QgsProcessingException(self.tr("Choose the facility type field of '{}'.").format(source.sourceName()))
        try:
            preset = standards.preset("living_circle", "gb50180", user_standards_dir())
            living_circle.check_preset(preset)
            mapping = parse_pairs(self.parameterAsString(parameters, self.TYPE_MAPPING, context))
        except (TypeMappingError, ValueError, standards.StandardsError) as error:
            raise QgsProcessingException(self.tr("Facility types: {}").format(error)) from error
        tags = living_circle.tag_fields(source.fields().names(), preset)
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
            sites.drop(columns=sites.geometry.name).to_dict("records"), type_field, preset, mapping
        )
        rows, facility_types = living_circle.expand(type_lists)
        if unmapped:
            listed = ", ".join(f"{value} ({count})" for value, count in sorted(unmapped.items())[:15])
            feedback.pushWarning(
                self.tr(
                    "Facility type values with no GB 50180 type were ignored (add them to the type mapping): {}"
                ).format(listed)
            )
        return sites.iloc[rows].reset_index(drop=True), facility_types, preset["types"]

    def _roads(self, parameters, context, feedback, metric):
        """(road lines of the network layer, their class values or None): the classes listed when
        the planner lists some (every listed class counts), else every line with its class for the
        edition's counted classes (all lines count when the layer has no road class field)."""
        import numpy as np

        source = groups.source(self, parameters, walking_network.NETWORK, context, optional=True)
        if source is None:
            return None, None
        field = self.parameterAsString(parameters, walking_network.EXCLUDE_FIELD, context)
        field = field if field and source.fields().lookupField(field) >= 0 else ""
        frame = vector.source_to_frame(
            source,
            context=context,
            feedback=feedback,
            fields=[field] if field else [],
            target_crs=metric,
            label=self.tr("Walking network"),
        )
        if not field:
            feedback.pushInfo(
                self.tr("The network has no road class field: every line counts in the road network density.")
            )
            return frame.geometry.to_numpy(), None
        classes = {
            c.strip() for c in self.parameterAsString(parameters, self.ROAD_CLASSES, context).split(",") if c.strip()
        }
        values = frame[field].astype(str).to_numpy()
        if not classes:
            return frame.geometry.to_numpy(), values
        keep = np.isin(values, sorted(classes))
        return frame.geometry.to_numpy()[keep], None

    def _waterlogging(self, parameters, context, feedback, metric):
        """Recorded points, else one point inside each depression waterloggingspots finds on the
        DEM (run as a child algorithm, so the DEM is read and checked exactly as there)."""
        import processing
        import shapely

        points = geometries(
            self,
            parameters,
            self.WATERLOGGING_POINTS,
            context,
            feedback,
            metric,
            (QgsWkbTypes.GeometryType.PointGeometry,),
        )
        dem = self.parameterAsRasterLayer(parameters, self.DEM, context)
        if points is not None or dem is None:
            return points
        feedback.pushInfo(
            self.tr("No recorded waterlogging spots: depressions of the DEM stand in for them (screening).")
        )
        result = processing.run(
            "urbanization:waterloggingspots",
            {"DEM": dem, "DEPRESSIONS": "TEMPORARY_OUTPUT", "DEPTH": "TEMPORARY_OUTPUT"},
            context=context,
            feedback=feedback,
            is_child_algorithm=True,
        )
        layer = QgsProcessingUtils.mapLayerFromString(result["DEPRESSIONS"], context)
        frame = vector.source_to_frame(
            layer,
            context=context,
            feedback=feedback,
            fields=[],
            target_crs=metric,
            label=self.tr("Waterlogging-prone depressions"),
        )
        return shapely.point_on_surface(frame.geometry.to_numpy())

    def read_layers(self, parameters, context, feedback, metric):
        from ..indicators import CityLayers

        polygon, line, point = (
            (QgsWkbTypes.GeometryType.PolygonGeometry,),
            (QgsWkbTypes.GeometryType.LineGeometry,),
            (QgsWkbTypes.GeometryType.PointGeometry,),
        )
        layers = CityLayers(
            built_up=geometries(self, parameters, self.BUILT_UP, context, feedback, metric, polygon),
            admin_area=geometries(self, parameters, self.ADMIN_AREA, context, feedback, metric, polygon),
            greenways=geometries(self, parameters, self.GREENWAYS, context, feedback, metric, line),
            stations=geometries(self, parameters, self.STATIONS, context, feedback, metric, point),
            corridors=geometries(self, parameters, self.CORRIDORS, context, feedback, metric, polygon),
            required_corridors=geometries(self, parameters, self.REQUIRED_CORRIDORS, context, feedback, metric, line),
            districts=groups.read_districts(self, parameters, context, feedback, metric),
            snap_distance=walking_network.snap_distance(self, parameters, context),
        )
        if groups.source(self, parameters, self.RESIDENTIAL, context, optional=True) is not None:
            _source, _metric, layers.residential, layers.population = groups.read_residential(
                self, parameters, context, feedback
            )
        if groups.source(self, parameters, self.PARKS, context, optional=True) is not None:
            layers.parks, _entrances = groups.read_parks(self, parameters, context, feedback, metric)
        layers.facilities, layers.facility_types, layers.facility_types_spec = self._facilities(
            parameters, context, feedback, metric
        )
        walk = walking_network.read(self, parameters, context, feedback, metric, required=False)
        layers.network = None if walk is None else walk.network
        if walk is None:
            feedback.pushWarning(
                self.tr(
                    "No walking network given: distances are straight-line (euclidean) and labelled so in every output."
                )
            )
        layers.roads, layers.road_classes = self._roads(parameters, context, feedback, metric)
        layers.waterlogging_points = self._waterlogging(parameters, context, feedback, metric)
        official_inputs.read(self, parameters, context, feedback, metric, layers)
        return layers

    # -- running --------------------------------------------------------------------------------

    def process(self, parameters, context, feedback):
        from ... import standards
        from ..definitions import edition as load_edition
        from ..indicators import city_health_check

        try:
            edition = load_edition(self.parameterAsEnumString(parameters, self.EDITION, context), user_standards_dir())
        except (standards.StandardsError, KeyError, ValueError) as error:
            raise QgsProcessingException(self.tr("City health check definitions: {}").format(error)) from error
        metric, output_crs = self._metric(parameters, context)
        layers = self.read_layers(parameters, context, feedback, metric)
        self.raise_if_canceled(feedback)
        feedback.setProgress(20)
        result = city_health_check(
            edition, layers, progress=groups.progress_to_feedback(feedback, 20, 85), is_canceled=feedback.isCanceled
        )
        table = result.table()
        notes = self.method_notes(result)
        table["note"] = [notes.get(key, "") for key in table["indicator"]]
        outputs = {
            self.INDICATORS: vector.write_frame(
                self, parameters, self.INDICATORS, context, table.astype({"passed": "boolean"}), feedback=feedback
            )
        }
        outputs.update(write_maps(self, parameters, context, feedback, result, metric, output_crs))
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ... import report
            from ..report_pages import health_check_page

            outputs[self.REPORT] = report.write(
                report_path, health_check_page(result, self.labels(), notes, current_language())
            )
        city = table[table["scope"] == table["scope"].iloc[0]] if len(table) else table
        computed = city[city["computed"]]
        outputs[self.COMPUTED] = len(computed)
        outputs[self.NOT_COMPUTED] = len(city) - len(computed)
        outputs[self.FAILED] = int((computed["passed"] == False).sum())  # noqa: E712 (object column)
        for r in result.results:
            if r.computed:
                feedback.pushInfo(
                    f"{r.indicator.name_zh}: {'-' if r.value is None else f'{r.value:,.2f}'} {r.indicator.unit}"
                )
            else:
                feedback.pushInfo(
                    self.tr("{}: not computed, needs {}").format(r.indicator.name_zh, ", ".join(r.missing))
                )
        feedback.setProgress(100)
        return outputs

    def method_notes(self, result) -> dict[str, str]:
        """Per indicator key: how it was computed, in the user's language."""
        mode = {
            "network": self.tr("walking distance along the network"),
            "euclidean": self.tr("straight-line distance (no network given; overstates coverage)"),
            "recorded": self.tr("recorded waterlogging spots"),
            "dem": self.tr("DEM depressions standing in for waterlogging spots (screening)"),
            "": "",
        }
        templates = {
            "park_coverage": self.tr("Residential land inside the parks' service radii ({}), as parkcoverage."),
            "greenway_coverage": self.tr(
                "Residential land within the radius of a greenway ({}), as parkcoverage with one rule."
            ),
            "facility_coverage": self.tr(
                "Homes (weighted by population when given) within the "
                "GB 50180 walking distance ({}), as facilitycoverage."
            ),
            "station_coverage": self.tr(
                "Residents standing in for commuters within the radius "
                "on the network ({}), as stationcatchments (screening)."
            ),
            "waterlogging_density": self.tr("Spots in the built-up area per km² of it ({})."),
            "road_density": self.tr("Length of the listed road classes in the built-up area per km² of it{}."),
            "built_up_share": self.tr("Built-up area in the city territory over its area{}."),
            "cluster_size": self.tr(
                "Each cluster: connected built-up land, parts closer than the gap tolerance joined; the value is the "
                "largest{}."
            ),
            "dense_land": self.tr("Residential polygons whose population per km² exceeds the limit{}."),
            "eco_corridor": self.tr("Required corridor lines inside corridor land at least the required width{}."),
        }
        official = {
            "station_coverage": self.tr(
                "Commuters whose home and workplace both lie within the radius (straight line) of a station, from "
                "the commute lines."
            ),
            "facility_coverage": self.tr("Communities with a facility of the type inside them, over all communities."),
            "dense_land": self.tr("Blocks (地段) whose population per km² of gross block area exceeds the limit."),
            "streets": self.tr(
                "Blocks enclosed by the city roads (no block layer given) whose population per km² of gross block "
                "area exceeds the limit."
            ),
        }
        return {
            r.indicator.key: official["streets" if r.mode == "streets" else r.indicator.method]
            if r.official
            else templates[r.indicator.method].format(mode[r.mode])
            for r in result.results
            if r.computed
        }

    def labels(self) -> dict[str, str]:
        return {
            "title": self.tr("City health check: spatial indicators (城市体检)"),
            "edition": self.tr("Indicator system"),
            "city_table": self.tr("Indicators of the city"),
            "district_table": self.tr("Indicators by district"),
            "not_computed_title": self.tr("Indicators not computed and the layers they need"),
            "not_spatial_title": self.tr(
                "Indicators of the edition that are statistics or surveys (not computed from map layers)"
            ),
            "chart_title": self.tr("Rates of the city (%)"),
            "group": self.tr("Dimension or level"),
            "indicator": self.tr("Indicator"),
            "kind": self.tr("Type"),
            "value": self.tr("Value"),
            "unit": self.tr("Unit"),
            "target": self.tr("Target"),
            "verdict": self.tr("Result"),
            "status": self.tr("Definition checked"),
            "method": self.tr("Method"),
            "district": self.tr("District"),
            "needs": self.tr("Needs"),
            "measure": self.tr("Measure"),
            "count": self.tr("Count"),
            "indicators": self.tr("Indicators"),
            "computed": self.tr("Computed"),
            "pass": self.tr("Meets the target (达标)"),
            "fail": self.tr("Below the target (未达标)"),
            "no_target": self.tr("No numeric target"),
            "not_computed": self.tr("Not computed"),
            "status_text": self.tr("against the text"),
            "status_secondary": self.tr("secondary source"),
            "status_convention": self.tr("convention"),
            "status_unverified": self.tr("unverified"),
            "basis": self.tr("Definition used"),
            "basis_official": self.tr("official definition"),
            "basis_screening": self.tr("screening (not comparable with published values)"),
            "items_title": self.tr("{}: every cluster against the target"),
            "item": self.tr("Cluster (组团)"),
            "layer_built_up": self.tr("built-up area"),
            "layer_admin_area": self.tr("city territory (市辖区)"),
            "layer_residential": self.tr("residential land"),
            "layer_population": self.tr("population field"),
            "layer_parks": self.tr("parks"),
            "layer_greenways": self.tr("greenways"),
            "layer_facilities": self.tr("facilities of the type"),
            "layer_network": self.tr("walking network"),
            "layer_roads": self.tr("road network"),
            "layer_stations": self.tr("metro stations"),
            "layer_waterlogging": self.tr("waterlogging spots or a DEM"),
            "layer_corridors": self.tr("ecological corridors"),
            "layer_required_corridors": self.tr("required corridor lines"),
            "note_screening": self.tr(
                "Where the layers differ from the definition (residents for commuters, DEM depressions for recorded "
                "spots, straight-line distances) the value is a screening value, labelled in its method note."
            ),
            "note_status": self.tr(
                "Definitions and targets come from resources/standards/city_health_check.json; the 'Definition "
                "checked' column tells whether each was checked against a public copy of the indicator list."
            ),
            "message": engine_message,
        }
