"""Drainage corridors (排涝通道识别): where concentrated surface flow runs on a DEM, the strip each
corridor needs, its road crossings and the buildings in it. The door: parameters, the DEM read
once (dem_input), the whole-DEM or the tiled engine; corridor_outputs declares and writes the
outputs and the report."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ....layers import crs as crs_utils
from . import corridor_outputs, dem_input, exposure, outputs
from .base import DrainageAlgorithm
from .preset import drainage_preset


class DrainageCorridorsAlgorithm(DrainageAlgorithm):
    """The corridor network of a DEM, its strips, road crossings and flagged buildings."""

    ALGORITHM_ID = "drainagecorridors"

    MIN_CONTRIBUTING_AREA = "MIN_CONTRIBUTING_AREA"
    CORRIDOR_WIDTHS = "CORRIDOR_WIDTHS"
    ROAD_NAME_FIELD = "ROAD_NAME_FIELD"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Drainage corridors (排涝通道识别)")

    def tags(self) -> list[str]:
        return self.tr("flood,drainage,corridor,flow accumulation,stream,culvert,排涝通道,汇水,内涝").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        preset = drainage_preset()
        dem_input.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_CONTRIBUTING_AREA,
                self.tr("Contributing area where a corridor starts (hectares)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=float(preset["min_contributing_area_ha"]),
                minValue=0.01,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CORRIDOR_WIDTHS,
                self.tr("Corridor half-widths by Strahler order (order:metres, ...)"),
                defaultValue=preset["corridor_half_widths"],
            )
        )
        exposure.add_parameters(self)
        self.addParameter(
            QgsProcessingParameterField(
                self.ROAD_NAME_FIELD, self.tr("Road name field"), parentLayerParameterName=exposure.ROADS, optional=True
            )
        )
        corridor_outputs.add_parameters(self)

    def process(self, parameters, context, feedback):
        from ..corridors import CorridorSettingsError, parse_widths

        area_ha = self.parameterAsDouble(parameters, self.MIN_CONTRIBUTING_AREA, context)
        try:
            widths = parse_widths(self.parameterAsString(parameters, self.CORRIDOR_WIDTHS, context))
        except CorridorSettingsError as error:
            raise QgsProcessingException(
                self.tr("Corridor half-widths: {}. Write them as order:metres pairs, e.g. 1:10,2:15,3:25,4:40.").format(
                    error
                )
            ) from error
        drainage_preset(strict=True)
        name_field = self.parameterAsString(parameters, self.ROAD_NAME_FIELD, context) or None
        dem = dem_input.read(self, parameters, context, feedback, self.TASK)
        roads, buildings = exposure.read(
            self, parameters, context, feedback, dem.metric, road_fields=[name_field] if name_field else []
        )
        feedback.setProgress(5)
        arguments = {
            "crs": dem.crs_pyproj,
            "metric_crs": dem.metric_pyproj,
            "latlon": dem.latlon,
            "row_areas": dem.row_areas,
            "cell_metres": dem.cell_metres,
            "min_area_m2": area_ha * 1e4,
            "widths": widths,
            "roads": roads,
            "buildings": buildings,
            "road_name_column": name_field,
            "progress": outputs.engine_progress(feedback, 5, 80),
            "is_canceled": feedback.isCanceled,
        }
        run = self.run_whole if dem.tiles is None else self.run_tiled
        rasters, result, notes = run(dem, parameters, context, feedback, arguments)
        return corridor_outputs.write(
            self,
            parameters,
            context,
            feedback,
            result,
            rasters=rasters,
            dem=dem,
            roads=roads,
            buildings=buildings,
            area_ha=area_ha,
            widths=widths,
            notes=notes,
        )

    def run_whole(self, dem, parameters, context, feedback, arguments: dict) -> tuple:
        """(rasters written, result, report notes) of the engine on the cells in memory."""
        from ..corridors import identify_corridors

        result = identify_corridors(dem.elevation, dem.transform, **arguments)
        dem.elevation = None  # the cells go before the outputs are written
        return corridor_outputs.write_rasters(self, parameters, context, result, dem, feedback), result, []

    def run_tiled(self, dem, parameters, context, feedback, arguments: dict) -> tuple:
        """(rasters written, result, report notes) of the tiled engine, which writes the rasters itself."""
        from ..tiled.analyses import identify_corridors_tiled

        tiles = dem.tiles
        paths = corridor_outputs.raster_paths(self, parameters, context)
        with tiles.runner as runner:
            result = identify_corridors_tiled(
                dem.source,
                tiles.grid,
                dem.transform,
                runner,
                accumulation_path=paths[corridor_outputs.ACCUMULATION],
                direction_path=paths[corridor_outputs.FLOW_DIRECTION],
                raster_crs=crs_utils.crs_wkt(dem.crs),
                scratch_dir=tiles.scratch,
                **arguments,
            )
        corridor_outputs.style_accumulation(self, context, paths[corridor_outputs.ACCUMULATION])
        note = tiles.method_note(result.flat_rounds)
        feedback.pushInfo(note)
        return paths, result, [note]
