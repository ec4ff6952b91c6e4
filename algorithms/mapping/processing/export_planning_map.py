"""Processing algorithm: export a planning map sheet (规划图件) to PDF or PNG."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ....layers import layout as sheets
from ...base import UrbanizationAlgorithm, label_options


class ExportPlanningMapAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "exportplanningmap"
    GROUP_ID = "maps"
    REQUIRES: tuple[str, ...] = ()

    LAYERS = "LAYERS"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    UNIT = "UNIT"
    SOURCES = "SOURCES"
    TEMPLATE = "TEMPLATE"
    EXTENT = "EXTENT"
    DPI = "DPI"
    OUTPUT = "OUTPUT"
    SCALE = "SCALE"
    CRS = "CRS"
    PROJECT_NAME = "PROJECT_NAME"
    DRAWING_NUMBER = "DRAWING_NUMBER"
    PLAN_SCALE = "PLAN_SCALE"
    HEIGHT_DATUM = "HEIGHT_DATUM"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export planning map")

    def tags(self) -> list[str]:
        return self.tr("layout,print,pdf,map sheet,规划图件,出图,图例,比例尺").split(",")

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.LAYERS,
                self.tr("Layers (drawn in this order: the first at the bottom)"),
                QgsProcessing.SourceType.TypeMapLayer,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TITLE, self.tr("Title"), defaultValue=self.tr("Planning map"))
        )
        self.addParameter(
            QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), defaultValue="", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.UNIT, self.tr("Planning unit (prepared by)"), defaultValue="", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PROJECT_NAME, self.tr("Project name (title block)"), defaultValue="", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DRAWING_NUMBER, self.tr("Drawing number (title block)"), defaultValue="", optional=True
            )
        )
        scales = QgsProcessingParameterEnum(
            self.PLAN_SCALE,
            self.tr("Scale (auto: the smallest planning scale that shows the whole extent)"),
            options=["auto", *(f"1:{s}" for s in sheets.PLAN_SCALES)],
            defaultValue="auto",
        )
        scales.setUsesStaticStrings(True)
        label_options(scales, {"auto": self.tr("Automatic (the smallest planning scale showing the whole extent)")})
        self.addParameter(scales)
        self.addParameter(
            QgsProcessingParameterString(
                self.HEIGHT_DATUM,
                self.tr(
                    "Height datum, stated when a DEM or other raster is on the sheet "
                    "(empty: 1985国家高程基准 on CGCS2000 sheets, none otherwise)"
                ),
                defaultValue="",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SOURCES,
                self.tr("Additional data sources (the layers' own attributions are listed anyway)"),
                defaultValue="",
                optional=True,
            )
        )
        template = QgsProcessingParameterEnum(
            self.TEMPLATE, self.tr("Sheet template"), options=list(sheets.TEMPLATES), defaultValue="a4_landscape"
        )
        template.setUsesStaticStrings(True)
        self.addParameter(template)
        self.addParameter(
            QgsProcessingParameterExtent(self.EXTENT, self.tr("Map extent (empty: all layers)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI, self.tr("Resolution (DPI)"), defaultValue=300, minValue=50, maxValue=1200
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Map sheet"), self.tr("PDF files (*.pdf);;PNG images (*.png)"), defaultValue=None
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.SCALE, self.tr("Map scale denominator")))
        self.addOutput(QgsProcessingOutputString(self.CRS, self.tr("Map CRS")))

    def process(self, parameters, context, feedback):
        project = context.project()
        own_project = None
        if project is None:  # qgis_process without --PROJECT_PATH, a model run from a script
            from qgis.core import QgsProject

            own_project = project = QgsProject()
            project.setTransformContext(context.transformContext())
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context)
        if not layers:
            raise QgsProcessingException(self.tr("No layers to map: choose at least one layer in 'Layers'."))
        invalid = [layer.name() for layer in layers if not layer.isValid()]
        if invalid:
            raise QgsProcessingException(self.tr("These layers cannot be read: {}.").format(", ".join(invalid)))
        for layer in layers:
            if project.mapLayer(layer.id()) is None:
                sheets.adopt_file_style(layer)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        sheets.check_writable(output)
        extent = None
        extent_crs = None
        if parameters.get(self.EXTENT) not in (None, ""):
            extent = self.parameterAsExtent(parameters, self.EXTENT, context)
            extent_crs = self.parameterAsExtentCrs(parameters, self.EXTENT, context)
        content = sheets.SheetContent(
            title=self.parameterAsString(parameters, self.TITLE, context),
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context),
            planning_unit=self.parameterAsString(parameters, self.UNIT, context),
            extra_sources=self.parameterAsString(parameters, self.SOURCES, context),
            project_name=self.parameterAsString(parameters, self.PROJECT_NAME, context),
            drawing_number=self.parameterAsString(parameters, self.DRAWING_NUMBER, context),
            scale=_chosen_scale(self.parameterAsEnumString(parameters, self.PLAN_SCALE, context)),
            height_datum=self.parameterAsString(parameters, self.HEIGHT_DATUM, context),
        )
        template = self.parameterAsEnumString(parameters, self.TEMPLATE, context)
        feedback.setProgress(10)
        sheet = sheets.build_planning_sheet(project, template, layers, content, extent, extent_crs)
        feedback.pushInfo(self.tr("Map CRS {}, scale 1:{}.").format(sheet.map_crs.authid(), f"{sheet.scale:,.0f}"))
        for line in sheet.sources:
            feedback.pushInfo(self.tr("Data source: {}").format(line))
        self.raise_if_canceled(feedback)
        feedback.setProgress(40)
        path = sheets.export_sheet(sheet, output, self.parameterAsDouble(parameters, self.DPI, context))
        results = {self.OUTPUT: str(path), self.SCALE: sheet.scale, self.CRS: sheet.map_crs.authid()}
        del sheet  # free the layout now, while its project exists (qgis_process crashes otherwise)
        del own_project
        feedback.setProgress(100)
        return results


def _chosen_scale(choice: str) -> float | None:
    """'1:5000' -> 5000.0; 'auto' (or nothing) -> None."""
    return float(choice.split(":", 1)[1]) if choice and choice.startswith("1:") else None
