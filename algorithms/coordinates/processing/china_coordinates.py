"""Processing algorithm: convert Chinese map coordinates (WGS84 / GCJ-02 / BD-09)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)

from ....layers import vector
from ...base import UrbanizationAlgorithm

SYSTEMS = ("wgs84", "gcj02", "bd09")


class ChinaCoordinatesAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "chinacoordinates"
    GROUP_ID = "dataprep"
    REQUIRES = ("shapely", "geopandas")

    INPUT = "INPUT"
    FROM = "FROM"
    TO = "TO"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Convert Chinese map coordinates (GCJ-02 / BD-09)")

    def tags(self) -> list[str]:
        return self.tr("gcj02,bd09,wgs84,amap,gaode,baidu,tencent,火星坐标,百度坐标,坐标转换").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Input layer"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]
            )
        )
        systems = self.tr("wgs84 = GPS/OpenStreetMap/CGCS2000, gcj02 = AMap/Tencent, bd09 = Baidu")
        for name, label, default in (
            (self.FROM, self.tr("From coordinate system ({})").format(systems), "gcj02"),
            (self.TO, self.tr("To coordinate system"), "wgs84"),
        ):
            parameter = QgsProcessingParameterEnum(name, label, options=list(SYSTEMS), defaultValue=default)
            parameter.setUsesStaticStrings(True)
            parameter.setMetadata({"widget_wrapper": {"useCheckBoxes": False}})
            self.addParameter(parameter)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Converted")))

    def process(self, parameters, context, feedback):
        from ..geometry import convert_geometries

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        source_system = self.parameterAsEnumString(parameters, self.FROM, context)
        target_system = self.parameterAsEnumString(parameters, self.TO, context)

        crs = source.sourceCrs()
        if not crs.isGeographic():
            crs = QgsCoordinateReferenceSystem("EPSG:4326")
            feedback.pushInfo(
                self.tr(
                    "The input is in a projected CRS; it is read as WGS84 longitude/latitude and the output is in EPSG:4326."
                )
            )
        frame = vector.source_to_frame(
            source, context=context, feedback=feedback, target_crs=crs, label=source.sourceName(), repair=False
        )
        self.raise_if_canceled(feedback)
        feedback.setProgress(40)
        result = convert_geometries(frame.geometry.values, source_system, target_system)
        frame = frame.set_geometry(result.geometries)
        self.raise_if_canceled(feedback)
        feedback.setProgress(60)
        if result.outside_china:
            feedback.pushWarning(
                self.tr(
                    "{} feature(s) lie partly or wholly outside China, where the offset is not defined: those vertices were left unchanged."
                ).format(result.outside_china)
            )
        dest_id = vector.write_frame(
            self,
            parameters,
            self.OUTPUT,
            context,
            frame.drop(columns=[vector.FID]),
            wkb_type=source.wkbType(),
            fields=source.fields(),
            frame_crs=crs,
            output_crs=crs,
            feedback=feedback,
        )
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id}
