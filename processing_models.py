"""The plugin's graphical models (resources/models/*.model3) as algorithms of the 'urbanization'
provider itself, with their own ids (urbanization:greencityassessment, ...): they are in the
toolbox on any profile (no Processing setting that a fresh profile loses when the plugin loads
before the Processing plugin) and run from qgis_process like any other algorithm."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingDestinationParameter, QgsProcessingException, QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

MODELS_DIR = Path(__file__).resolve().parent / "resources" / "models"

# The inputs of each model in the order its dialog shows them: layers in the order the help names
# them, then fields, then options (written into the files by scripts/make_healthcheck_model.py).
PARAMETER_ORDER = {
    "green_city_assessment": [
        "parks",
        "network",
        "terrain_dem",
        "residential",
        "facilities",
        "population_field",
        "type_field",
        "type_mapping",
        "title",
    ],
    "flood_corridor_check": ["dem", "roads", "buildings", "min_area", "title"],
    "city_health_check": [
        "built_up",
        "districts",
        "residential",
        "parks",
        "network",
        "stations",
        "terrain_dem",
        "district_name_field",
        "population_field",
        "edition",
        "title",
    ],
    "mountain_town_suitability": [
        "dem",
        "red_line",
        "farmland",
        "geohazard",
        "faults",
        "units",
        "boundary",
        "unit_name_field",
        "scheme",
        "title",
    ],
}
# Field inputs left empty in the form and filled at run time: model -> {field input: its layer input}.
# The population field is the one named like population (never the form's first field, `fid`); a
# facility type field cannot be guessed, so an empty one stops the run with a message.
POPULATION_FIELDS = {
    "green_city_assessment": {"population_field": "residential"},
    "city_health_check": {"population_field": "residential"},
}
CHOSEN_FIELDS = {"green_city_assessment": {"type_field": "facilities"}}


def _names() -> dict[str, tuple[str, str, str]]:
    """model file stem -> (algorithm id, translated display name, group id)."""
    return {
        "green_city_assessment": (
            "greencityassessment",
            QCoreApplication.translate(
                "PlanningModel", "Green city assessment (park coverage, living circle, map sheet)"
            ),
            "greencity",
        ),
        "flood_corridor_check": (
            "floodcorridorcheck",
            QCoreApplication.translate(
                "PlanningModel", "Flood corridor check (corridors, waterlogging spots, map sheet)"
            ),
            "flood",
        ),
        "city_health_check": (
            "cityhealthcheckmap",
            QCoreApplication.translate(
                "PlanningModel", "City health check with map sheet (indicators, report, map sheet)"
            ),
            "healthcheck",
        ),
        "mountain_town_suitability": (
            "mountaintownsuitability",
            QCoreApplication.translate(
                "PlanningModel", "Mountain town suitability with map sheet (城镇上山适宜性与图件)"
            ),
            "multiplan",
        ),
    }


def _input_names() -> dict[str, dict[str, str]]:
    """Model file stem -> model input -> translated label (Chinese only under zh-Hans); no
    "optional": Processing adds its own [optional] mark."""
    title = QCoreApplication.translate("PlanningModel", "Map title (图名)")
    population = QCoreApplication.translate(
        "PlanningModel", "Population field (人口字段; empty: the field named like population, 人口, POP or RK)"
    )
    parks = QCoreApplication.translate("PlanningModel", "Parks and green spaces (公园绿地)")
    residential = QCoreApplication.translate(
        "PlanningModel", "Residential land or homes with population (居住用地及人口)"
    )
    terrain = QCoreApplication.translate(
        "PlanningModel", "Terrain DEM: walking times uphill and downhill (地形高程模型)"
    )
    return {
        "green_city_assessment": {
            "parks": parks,
            "network": QCoreApplication.translate("PlanningModel", "Walking network (步行路网)"),
            "terrain_dem": terrain,
            "residential": residential,
            "facilities": QCoreApplication.translate("PlanningModel", "Facilities (公共服务设施)"),
            "population_field": population,
            "type_field": QCoreApplication.translate("PlanningModel", "Facility type field (设施类型字段)"),
            "type_mapping": QCoreApplication.translate(
                "PlanningModel", "Type mapping: field value = GB 50180 type, one per line (类型对照)"
            ),
            "title": title,
        },
        "flood_corridor_check": {
            "dem": QCoreApplication.translate("PlanningModel", "Digital elevation model (数字高程模型 DEM)"),
            "roads": QCoreApplication.translate("PlanningModel", "Roads (道路)"),
            "buildings": QCoreApplication.translate("PlanningModel", "Buildings (建筑)"),
            "min_area": QCoreApplication.translate(
                "PlanningModel", "Contributing area where a corridor starts (汇水面积阈值, ha)"
            ),
            "title": title,
        },
        "city_health_check": {
            "built_up": QCoreApplication.translate(
                "PlanningModel", "Built-up area or urban boundary (建成区或城区范围)"
            ),
            "districts": QCoreApplication.translate("PlanningModel", "Districts (分区或街区)"),
            "residential": residential,
            "parks": parks,
            "network": QCoreApplication.translate("PlanningModel", "Walking network and streets (步行路网与道路)"),
            "stations": QCoreApplication.translate("PlanningModel", "Metro stations (轨道站点)"),
            "terrain_dem": terrain,
            "district_name_field": QCoreApplication.translate("PlanningModel", "District name field (分区名称字段)"),
            "population_field": population,
            "edition": QCoreApplication.translate("PlanningModel", "Indicator system edition (指标体系版本)"),
            "title": title,
        },
        "mountain_town_suitability": {
            "dem": QCoreApplication.translate("PlanningModel", "Digital elevation model (数字高程模型 DEM)"),
            "red_line": QCoreApplication.translate("PlanningModel", "Ecological protection red line (生态保护红线)"),
            "farmland": QCoreApplication.translate("PlanningModel", "Permanent basic farmland (永久基本农田)"),
            "geohazard": QCoreApplication.translate(
                "PlanningModel", "Geohazard susceptibility high/very high (地质灾害高/极高易发区)"
            ),
            "faults": QCoreApplication.translate("PlanningModel", "Active faults (活动断裂)"),
            "units": QCoreApplication.translate("PlanningModel", "Evaluation units, counties or towns (评价单元)"),
            "unit_name_field": QCoreApplication.translate("PlanningModel", "Unit name field (单元名称字段)"),
            "boundary": QCoreApplication.translate("PlanningModel", "Urban development boundary (城镇开发边界)"),
            "scheme": QCoreApplication.translate("PlanningModel", "Classes on the map (图件分类口径)"),
            "title": title,
        },
    }


def _output_names() -> dict[str, str]:
    """Model output (child output name) -> translated description; the files leave them empty."""
    return {
        "Map sheet": QCoreApplication.translate("PlanningModel", "Map sheet (规划图件)"),
        "Living circle coverage": QCoreApplication.translate("PlanningModel", "Living circle coverage (生活圈覆盖)"),
        "Park service areas": QCoreApplication.translate("PlanningModel", "Park service areas (公园服务范围)"),
        "Residential park coverage": QCoreApplication.translate(
            "PlanningModel", "Residential park coverage (居住用地公园覆盖)"
        ),
        "Corridor zones": QCoreApplication.translate("PlanningModel", "Corridor zones (通道控制带)"),
        "Drainage corridors": QCoreApplication.translate("PlanningModel", "Drainage corridors (排涝通道)"),
        "Waterlogging-prone depressions": QCoreApplication.translate(
            "PlanningModel", "Waterlogging-prone depressions (易涝点)"
        ),
        "Health check indicators": QCoreApplication.translate(
            "PlanningModel", "Health check indicators (城市体检指标)"
        ),
        "Report": QCoreApplication.translate("PlanningModel", "Health check report (城市体检报告, HTML)"),
        "Suitability summary by unit": QCoreApplication.translate(
            "PlanningModel", "Suitability summary by unit (分单元适宜性汇总)"
        ),
    }


class PlanningModel(QgsProcessingModelAlgorithm):
    """A .model3 file offered under the provider's id, name and groups."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        if not self.fromFile(str(self.path)):
            raise ValueError(f"cannot read the model {self.path}")
        self.algorithm_id, self.display_name, self.group_id = _names()[self.path.stem]
        outputs, inputs = _output_names(), _input_names()[self.path.stem]
        for parameter in self.parameterDefinitions():
            output = parameter.name().split(":", 1)[-1]
            if parameter.name() in inputs:
                parameter.setDescription(inputs[parameter.name()])
            elif not parameter.description() and output in outputs:
                parameter.setDescription(outputs[output])
            if isinstance(parameter, QgsProcessingDestinationParameter):
                parameter.setCreateByDefault(True)  # the report too: on unless the planner skips it
            if parameter.type() == "enum" and parameter.usesStaticStrings():
                from .algorithms.base import ENUM_WRAPPER  # the model's enums by label, as the algorithms'

                parameter.setMetadata({**parameter.metadata(), "widget_wrapper": {"class": ENUM_WRAPPER}})

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        """Fill the inputs left out with their defaults and the field inputs left empty (see
        POPULATION_FIELDS, CHOSEN_FIELDS), then run the model."""
        parameters = dict(parameters)
        for definition in self.parameterDefinitions():  # qgis_process leaves out inputs: their model default
            if not definition.isDestination() and parameters.get(definition.name()) is None:
                if definition.defaultValue() is not None:
                    parameters[definition.name()] = definition.defaultValue()
        for field, layer_input in POPULATION_FIELDS.get(self.path.stem, {}).items():
            if not self.parameterAsString(parameters, field, context):
                parameters[field] = self._population_field(parameters, layer_input, context, feedback)
        for field, layer_input in CHOSEN_FIELDS.get(self.path.stem, {}).items():
            if not self.parameterAsString(parameters, field, context):
                raise QgsProcessingException(
                    QCoreApplication.translate("PlanningModel", "Choose the {} of layer '{}'.").format(
                        self.parameterDefinition(field).description(),
                        self._layer_name(parameters, layer_input, context),
                    )
                )
        return super().processAlgorithm(parameters, context, feedback)

    def _layer_name(self, parameters, layer_input, context) -> str:
        layer = self.parameterAsVectorLayer(parameters, layer_input, context)
        if layer is not None:
            return layer.name()
        source = self.parameterAsSource(parameters, layer_input, context)
        return source.sourceName() if source is not None else layer_input

    def _population_field(self, parameters, layer_input, context, feedback) -> str:
        from .algorithms.population_field import guess_population_field

        source = self.parameterAsSource(parameters, layer_input, context)
        numeric = [f.name() for f in source.fields() if f.isNumeric()] if source is not None else []
        field = guess_population_field(numeric)
        name = self._layer_name(parameters, layer_input, context)
        if field is None:
            # pylupdate5 drops a translate() whose last argument has a trailing comma: laid out by hand.
            # fmt: off
            message = QCoreApplication.translate("PlanningModel", "Layer '{}' has no population field "
                                                 "(a numeric field named like population, 人口, POP or RK). "
                                                 "Choose the population field.")
            # fmt: on
            raise QgsProcessingException(message.format(name))
        feedback.pushInfo(
            QCoreApplication.translate("PlanningModel", "Population field of layer '{}': {}").format(name, field)
        )
        return field

    def createInstance(self):  # noqa: N802 (QGIS API)
        return PlanningModel(self.path)

    def name(self) -> str:
        return self.algorithm_id

    def displayName(self) -> str:  # noqa: N802
        return self.display_name

    def groupId(self) -> str:  # noqa: N802
        return self.group_id

    def group(self) -> str:
        from .algorithms.base import group_names

        return group_names()[self.group_id]

    def shortHelpString(self) -> str:  # noqa: N802
        from .algorithms.base import help_text

        return help_text(self.algorithm_id)

    def icon(self) -> QIcon:
        from .algorithms.base import ICON

        return QIcon(str(ICON))


def planning_models() -> list[PlanningModel]:
    """One algorithm per known model file in resources/models."""
    return [PlanningModel(path) for path in sorted(MODELS_DIR.glob("*.model3")) if path.stem in _names()]
