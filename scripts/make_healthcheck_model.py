"""Write resources/models/city_health_check.model3: urbanization:cityhealthcheck followed by the
planning map sheet (urbanization:exportplanningmap) of its maps, for the graphical modeller; and
give all three bundled models their parameter order (processing_models.PARAMETER_ORDER) and leave
the fields that the provider fills at run time optional in the form (never the form's first field).
Run with QGIS's Python after a change of the algorithm's parameters:
    source scripts/env.sh && QT_HASH_SEED=0 PYTHONPATH=build/plugins QT_QPA_PLATFORM=offscreen \
        .venv/bin/python scripts/make_healthcheck_model.py
(QT_HASH_SEED=0: the attribute order of the files as committed, so an unchanged model stays unchanged)."""

from __future__ import annotations

import sys
from pathlib import Path

from model_parts import add_input, add_output
from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QPointF

MODEL = Path(__file__).resolve().parent.parent / "resources" / "models" / "city_health_check.model3"
MAP_LAYERS = ("CLUSTERS", "PARK_SERVICE_AREAS", "STATION_CATCHMENTS")
TERRAIN_LABEL = "Terrain DEM: walking times uphill and downhill (地形高程模型)"
#: The walking algorithms of the green-city model that take the optional terrain DEM (issue 24).
TERRAIN_CHILDREN = {"green_city_assessment": ("parkcoverage", "facilitycoverage")}


def build() -> QgsProcessingModelAlgorithm:
    polygons, points = [QgsProcessing.SourceType.TypeVectorPolygon], [QgsProcessing.SourceType.TypeVectorPoint]
    model = QgsProcessingModelAlgorithm("City health check with map sheet (城市体检与图件)", "Urbanization planning")
    edition = QgsProcessingParameterEnum(
        "edition",
        "Indicator system edition (指标体系版本)",
        options=["mohurd_2023", "mohurd_2021"],
        defaultValue="mohurd_2023",
    )
    edition.setUsesStaticStrings(True)
    for k, parameter in enumerate(
        [
            edition,
            QgsProcessingParameterFeatureSource(
                "built_up", "Built-up area or 城区 boundary (建成区或城区范围)", polygons
            ),
            QgsProcessingParameterFeatureSource(
                "districts", "Districts or 街区 (分区, optional)", polygons, optional=True
            ),
            QgsProcessingParameterField(
                "district_name_field",
                "District name field (分区名称字段)",
                parentLayerParameterName="districts",
                optional=True,
            ),
            QgsProcessingParameterFeatureSource(
                "residential", "Residential land with population (居住用地及人口)", polygons + points
            ),
            QgsProcessingParameterField(
                "population_field",
                "Population field (人口字段)",
                parentLayerParameterName="residential",
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,  # empty: the field named like population (processing_models.py)
            ),
            QgsProcessingParameterFeatureSource("parks", "Parks and green spaces (公园绿地)", polygons + points),
            QgsProcessingParameterFeatureSource(
                "network", "Walking network and streets (步行路网与道路)", [QgsProcessing.SourceType.TypeVectorLine]
            ),
            QgsProcessingParameterFeatureSource("stations", "Metro stations (轨道站点)", points),
            QgsProcessingParameterRasterLayer("terrain_dem", TERRAIN_LABEL, optional=True),
            QgsProcessingParameterString("title", "Map title (图名)", defaultValue="城市体检空间指标图"),
        ]
    ):
        add_input(model, parameter, 120, 60 + 60 * k)

    check = QgsProcessingModelChildAlgorithm("urbanization:cityhealthcheck")
    check.setChildId("cityhealthcheck")
    check.setDescription("City health check (城市体检)")
    check.setPosition(QPointF(420, 300))
    for name, source in (
        ("EDITION", "edition"),
        ("BUILT_UP", "built_up"),
        ("DISTRICTS", "districts"),
        ("DISTRICT_NAME_FIELD", "district_name_field"),
        ("RESIDENTIAL", "residential"),
        ("POPULATION_FIELD", "population_field"),
        ("PARKS", "parks"),
        ("NETWORK", "network"),
        ("STATIONS", "stations"),
        ("TERRAIN_DEM", "terrain_dem"),
    ):
        check.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromModelParameter(source)])
    # The maps of the sheet stay temporary outputs of the check (a model output left empty by the
    # planner would not be created, leaving the sheet without layers).
    for k, (name, output_name) in enumerate((("Health check indicators", "INDICATORS"), ("Report", "REPORT"))):
        add_output(check, name, output_name, 700, 200 + 50 * k)
    model.addChildAlgorithm(check)

    sheet = QgsProcessingModelChildAlgorithm("urbanization:exportplanningmap")
    sheet.setChildId("exportplanningmap")
    sheet.setDescription("City health check map sheet")
    sheet.setPosition(QPointF(420, 560))
    sheet.addParameterSources(
        "LAYERS",
        [QgsProcessingModelChildParameterSource.fromChildOutput("cityhealthcheck", name) for name in MAP_LAYERS],
    )
    sheet.addParameterSources("TITLE", [QgsProcessingModelChildParameterSource.fromModelParameter("title")])
    sheet.addParameterSources("TEMPLATE", [QgsProcessingModelChildParameterSource.fromStaticValue("a4_landscape")])
    sheet.addParameterSources("DPI", [QgsProcessingModelChildParameterSource.fromStaticValue(200)])
    add_output(sheet, "Map sheet", "OUTPUT", 700, 620)
    model.addChildAlgorithm(sheet)
    model.setHelpContent(
        {
            "ALG_DESC": "The spatial indicators of the city health check (城市体检) for the city and each "
            "district, then a planning map sheet (规划图件) of the built-up clusters, park "
            "service areas and station catchments. Open this file in the Graphical Modeler to add "
            "layers (greenways, facilities, waterlogging spots, corridors) or maps.",
            "ALG_CREATOR": "Urbanization Planning Toolkit",
        }
    )
    return model


def finish(model: QgsProcessingModelAlgorithm, stem: str) -> None:
    """The dialog's parameter order, the fields the provider fills at run time made optional, and
    the optional terrain DEM of the walking children (once)."""
    from urbanization_planning.processing_models import CHOSEN_FIELDS, PARAMETER_ORDER, POPULATION_FIELDS

    children = TERRAIN_CHILDREN.get(stem, ())
    if children and model.parameterDefinition("terrain_dem") is None:
        network = model.parameterComponent("network").position()
        add_input(
            model,
            QgsProcessingParameterRasterLayer("terrain_dem", TERRAIN_LABEL, optional=True),
            network.x(),
            network.y() + 60,
        )
        for child_id in children:
            child = model.childAlgorithm(child_id)
            child.addParameterSources(
                "TERRAIN_DEM", [QgsProcessingModelChildParameterSource.fromModelParameter("terrain_dem")]
            )
            model.setChildAlgorithm(child)
    model.setParameterOrder(PARAMETER_ORDER[stem])
    for name in {**POPULATION_FIELDS.get(stem, {}), **CHOSEN_FIELDS.get(stem, {})}:
        definition = model.parameterDefinition(name)
        definition.setFlags(definition.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
        definition.setDefaultValue(None)


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from urbanization_planning.algorithms.provider import UrbanizationProvider

    provider = UrbanizationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    model = build()
    finish(model, MODEL.stem)
    assert model.toFile(str(MODEL)), MODEL
    print(MODEL)
    for path in sorted(MODEL.parent.glob("*.model3")):
        if path != MODEL:
            other = QgsProcessingModelAlgorithm()
            assert other.fromFile(str(path)), path
            finish(other, path.stem)
            assert other.toFile(str(path)), path
            print(path)
