"""Processing algorithm of the city health check (城市体检): the spatial indicators of the national
system in one run, for the city and per district. QGIS glue only: the engine is indicators.py,
which calls the green-city, transit and drainage engines; the parameter groups beside this module
(facility_inputs, road_inputs, waterlogging_inputs, official_inputs, checkup_outputs) declare and
read the inputs and write the outputs."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ...base import UrbanizationAlgorithm, user_standards_dir
from ...greenspace.processing import groups, park_inputs
from ...network.processing import walking_network
from . import checkup_outputs, facility_inputs, official_inputs, road_inputs, waterlogging_inputs
from .maps import geometries

EDITIONS = ("mohurd_2023", "mohurd_2021")  # = definitions.EDITIONS (engines load inside process())


class CityHealthCheckAlgorithm(UrbanizationAlgorithm):
    """Reads whichever layers the city has, runs indicators.city_health_check and writes the
    indicator table, the map behind each indicator and the report. Residential land, parks,
    facilities and districts are read by the green-city parameter groups (greenspace/processing/
    groups.py, park_inputs.py), the streets by the walking-network group: composed, not inherited."""

    ALGORITHM_ID = "cityhealthcheck"
    GROUP_ID = "healthcheck"
    REQUIRES = ("shapely", "geopandas", "scipy")

    RESIDENTIAL = groups.RESIDENTIAL
    POPULATION_FIELD = groups.POPULATION_FIELD
    DISTRICTS = groups.DISTRICTS
    DISTRICT_NAME_FIELD = groups.DISTRICT_NAME_FIELD
    PARKS = park_inputs.PARKS
    PARK_NAME_FIELD = park_inputs.PARK_NAME_FIELD
    PARK_SIZE_FIELD = park_inputs.PARK_SIZE_FIELD
    EDITION = "EDITION"
    BUILT_UP = "BUILT_UP"
    ADMIN_AREA = "ADMIN_AREA"
    GREENWAYS = "GREENWAYS"
    STATIONS = "STATIONS"
    CORRIDORS = "CORRIDORS"
    REQUIRED_CORRIDORS = "REQUIRED_CORRIDORS"

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
        facility_inputs.add_parameters(self)
        road_inputs.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STATIONS, self.tr("Metro stations (points)"), points, optional=True
            )
        )
        waterlogging_inputs.add_parameters(self)
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
        checkup_outputs.add_parameters(self)
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
            facility_inputs.FACILITIES,
            walking_network.NETWORK,
            self.STATIONS,
            self.GREENWAYS,
            waterlogging_inputs.WATERLOGGING_POINTS,
            self.CORRIDORS,
            self.REQUIRED_CORRIDORS,
        ):
            source = groups.source(self, parameters, name, context, optional=True)
            if source is not None:
                return crs_utils.metric_crs_for_source(source, context), source.sourceCrs()
        raise QgsProcessingException(
            self.tr("Give at least one layer of the city: a health check needs layers to measure.")
        )

    def read_layers(self, parameters, context, feedback, metric):
        """indicators.CityLayers with every layer given, in the `metric` CRS."""
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
            layers.parks, _entrances = park_inputs.read_parks(self, parameters, context, feedback, metric)
        layers.facilities, layers.facility_types, layers.facility_types_spec = facility_inputs.read(
            self, parameters, context, feedback, metric
        )
        layers.network, layers.draped = road_inputs.read_network(self, parameters, context, feedback, metric)
        layers.roads, layers.road_classes = road_inputs.read_roads(self, parameters, context, feedback, metric)
        layers.waterlogging_points = waterlogging_inputs.read(self, parameters, context, feedback, metric)
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
        outputs = checkup_outputs.write(self, parameters, context, feedback, result, metric, output_crs)
        feedback.setProgress(100)
        return outputs
