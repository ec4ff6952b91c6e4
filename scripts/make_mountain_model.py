"""Write resources/models/mountain_town_suitability.model3 (城镇上山适宜性与图件):
urbanization:constructionsuitability followed by the planning map sheet (urbanization:exportplanningmap)
of its class polygons, for the graphical modeller, in the parameter order of
processing_models.PARAMETER_ORDER. Run with QGIS's Python after a change of the algorithm's parameters:
    source scripts/env.sh && QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_mountain_model.py"""

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
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QPointF

MODEL = Path(__file__).resolve().parent.parent / "resources" / "models" / "mountain_town_suitability.model3"


def build() -> QgsProcessingModelAlgorithm:
    polygons, lines = [QgsProcessing.SourceType.TypeVectorPolygon], [QgsProcessing.SourceType.TypeVectorLine]
    model = QgsProcessingModelAlgorithm(
        "Mountain town suitability with map sheet (城镇上山适宜性与图件)", "Urbanization planning"
    )
    scheme = QgsProcessingParameterEnum(
        "scheme", "Classes (分类口径)", options=["yunnan", "guide"], defaultValue="yunnan"
    )
    scheme.setUsesStaticStrings(True)
    parameters = [
        QgsProcessingParameterRasterLayer("dem", "Digital elevation model (数字高程模型 DEM)"),
        QgsProcessingParameterFeatureSource(
            "red_line", "Ecological protection red line (生态保护红线)", polygons, optional=True
        ),
        QgsProcessingParameterFeatureSource(
            "farmland", "Permanent basic farmland (永久基本农田)", polygons, optional=True
        ),
        QgsProcessingParameterFeatureSource(
            "geohazard", "Geohazard high/very high (地质灾害高/极高易发区)", polygons, optional=True
        ),
        QgsProcessingParameterFeatureSource("faults", "Active faults (活动断裂)", lines, optional=True),
        QgsProcessingParameterFeatureSource("units", "Evaluation units (评价单元)", polygons, optional=True),
        QgsProcessingParameterField(
            "unit_name_field", "Unit name field (单元名称字段)", parentLayerParameterName="units", optional=True
        ),
        QgsProcessingParameterFeatureSource(
            "boundary", "Urban development boundary (城镇开发边界)", polygons, optional=True
        ),
        scheme,
        QgsProcessingParameterString("title", "Map title (图名)", defaultValue="城镇上山建设适宜性评价图"),
    ]
    for k, parameter in enumerate(parameters):
        add_input(model, parameter, 120, 60 + 60 * k)

    check = QgsProcessingModelChildAlgorithm("urbanization:constructionsuitability")
    check.setChildId("constructionsuitability")
    check.setDescription("Town construction suitability (城镇建设适宜性评价)")
    check.setPosition(QPointF(420, 300))
    for name, source in (
        ("DEM", "dem"),
        ("EXCL_ECOLOGICAL_RED_LINE", "red_line"),
        ("EXCL_PERMANENT_FARMLAND", "farmland"),
        ("EXCL_GEOHAZARD", "geohazard"),
        ("EXCL_ACTIVE_FAULT", "faults"),
        ("UNITS", "units"),
        ("UNIT_NAME_FIELD", "unit_name_field"),
        ("BOUNDARY", "boundary"),
        ("SCHEME", "scheme"),
    ):
        check.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromModelParameter(source)])
    # the class polygons stay a temporary output of the check: the sheet needs them even when the
    # planner skips a model output
    add_output(check, "Suitability summary by unit", "SUMMARY", 700, 260)
    model.addChildAlgorithm(check)

    sheet = QgsProcessingModelChildAlgorithm("urbanization:exportplanningmap")
    sheet.setChildId("exportplanningmap")
    sheet.setDescription("Mountain town suitability map sheet")
    sheet.setPosition(QPointF(420, 560))
    sheet.addParameterSources(  # the DEM under the classes: its attribution goes on the sheet
        "LAYERS",
        [
            QgsProcessingModelChildParameterSource.fromModelParameter("dem"),
            QgsProcessingModelChildParameterSource.fromChildOutput("constructionsuitability", "POLYGONS"),
        ],
    )
    sheet.addParameterSources("TITLE", [QgsProcessingModelChildParameterSource.fromModelParameter("title")])
    sheet.addParameterSources(
        "SUBTITLE", [QgsProcessingModelChildParameterSource.fromStaticValue("城镇上山：坝区、山区宜建地与禁建扣除")]
    )
    sheet.addParameterSources("TEMPLATE", [QgsProcessingModelChildParameterSource.fromStaticValue("a4_landscape")])
    sheet.addParameterSources("DPI", [QgsProcessingModelChildParameterSource.fromStaticValue(200)])
    add_output(sheet, "Map sheet", "OUTPUT", 700, 620)
    model.addChildAlgorithm(sheet)
    model.setHelpContent(
        {
            "ALG_DESC": "Town construction suitability of a DEM (城镇建设适宜性评价: 坝区, 山区宜建地, the "
            "双评价 grades) with the exclusions, per unit and on the 城镇开发边界, then a planning map sheet "
            "(规划图件) of the classes. Runs urbanization:constructionsuitability -> "
            "urbanization:exportplanningmap; open it in the graphical modeler to adapt.",
            "ALG_CREATOR": "Urbanization Planning Toolkit",
        }
    )
    return model


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from urbanization_planning.algorithms.provider import UrbanizationProvider
    from urbanization_planning.processing_models import PARAMETER_ORDER

    provider = UrbanizationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    model = build()
    model.setParameterOrder(PARAMETER_ORDER[MODEL.stem])
    assert model.toFile(str(MODEL)), MODEL
    print(MODEL)
