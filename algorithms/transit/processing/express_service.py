"""The express service (大站直达) evaluation algorithm: all-stop against express run times to a
destination, the OD table and door-to-door commute isochrones on the shared walking network. QGIS
glue only: the engines are the pure modules of transit/ (express, commute, lines, isochrones)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ....translation import current_language
from ...base import UrbanizationAlgorithm
from ...network.processing import walking_network
from .. import values
from . import express_text
from .express_inputs import read_lines, read_stations


def _add_population_columns(table, population) -> None:
    """Isochrone rows: 'population' becomes the population within the isochrone
    (population_covered) beside the total, the rest and the unreachable population, so that
    population = covered + not covered + unreachable on every row (NaN without a population layer)."""
    from ... import walking

    covered = table.pop("population").to_numpy(dtype=float)
    rows = [walking.population_row(population.total, c, population.unreachable) for c in covered] if population else []
    for column in ("population", "population_covered", "population_not_covered", "population_unreachable"):
        table[column] = [row[column] for row in rows] if rows else float("nan")


class ExpressServiceAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "expressservice"
    GROUP_ID = "commuting"
    REQUIRES = ("shapely", "geopandas", "networkx")

    STATIONS = "STATIONS"
    STATION_ID_FIELD = "STATION_ID_FIELD"
    STATION_NAME_FIELD = "STATION_NAME_FIELD"
    LINE_FIELD = "LINE_FIELD"
    ORDER_FIELD = "ORDER_FIELD"
    LINES = "LINES"
    LINES_ID_FIELD = "LINES_ID_FIELD"
    EXPRESS_FIELD = "EXPRESS_FIELD"
    EXPRESS_STATIONS = "EXPRESS_STATIONS"
    EXPRESS_LINES = "EXPRESS_LINES"
    DESTINATION = "DESTINATION"
    CRUISE_SPEED = "CRUISE_SPEED"
    ACCELERATION = "ACCELERATION"
    BRAKING = "BRAKING"
    DWELL_TIME = "DWELL_TIME"
    HEADWAY_ALLSTOP = "HEADWAY_ALLSTOP"
    HEADWAY_EXPRESS = "HEADWAY_EXPRESS"
    TRANSFER_TIME = "TRANSFER_TIME"
    NETWORK = walking_network.NETWORK
    POPULATION = "POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    WALK_SPEED = "WALK_SPEED"
    COMMUTE_MINUTES = "COMMUTE_MINUTES"
    STATION_TIMES = "STATION_TIMES"
    OD_MATRIX = "OD_MATRIX"
    COMMUTE_ISOCHRONES = "COMMUTE_ISOCHRONES"
    REPORT = "REPORT"
    POPULATION_GAINED = "POPULATION_GAINED"
    MEAN_MINUTES_SAVED = "MEAN_MINUTES_SAVED"
    MAX_MINUTES_SAVED = "MAX_MINUTES_SAVED"
    STATIONS_GAINING = "STATIONS_GAINING"
    DISTANCE_METHOD = "DISTANCE_METHOD"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Express service evaluation (大站直达通勤评估)")

    def tags(self) -> list[str]:
        return self.tr("metro,express,skip-stop,commute,travel time,大站直达,快慢车,轨道交通,通勤").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STATIONS,
                self.tr("Metro stations (one point per station and line)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STATION_ID_FIELD,
                self.tr("Station id field (same id for an interchange on every line)"),
                defaultValue="station_id",
                parentLayerParameterName=self.STATIONS,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STATION_NAME_FIELD,
                self.tr("Station name field"),
                parentLayerParameterName=self.STATIONS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LINE_FIELD, self.tr("Line id field"), defaultValue="line", parentLayerParameterName=self.STATIONS
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ORDER_FIELD,
                self.tr("Order along the line field (empty: order along the line geometry)"),
                parentLayerParameterName=self.STATIONS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LINES,
                self.tr("Metro line geometry (optional: distances along the track)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LINES_ID_FIELD,
                self.tr("Line id field of the line geometry (default: same name as the line id field)"),
                parentLayerParameterName=self.LINES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.EXPRESS_FIELD,
                self.tr("Express stop field (1/true/yes where the express stops)"),
                parentLayerParameterName=self.STATIONS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.EXPRESS_STATIONS, self.tr("Express stops (station ids or names, comma separated)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.EXPRESS_LINES,
                self.tr(
                    "Lines the express runs on (comma separated; empty: every line with two or more express stops)"
                ),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.DESTINATION, self.tr("Destination station (id or name, e.g. 东风广场)"))
        )
        numbers = (
            (
                self.CRUISE_SPEED,
                self.tr("Cruise speed (km/h)"),
                values.preset_value("runtime_kunming_b", "cruise_kmh"),
                5.0,
                200.0,
            ),
            (
                self.ACCELERATION,
                self.tr("Acceleration (m/s²)"),
                values.preset_value("acceleration_braking", "acceleration_ms2"),
                0.1,
                3.0,
            ),
            (
                self.BRAKING,
                self.tr("Braking deceleration (m/s²)"),
                values.preset_value("acceleration_braking", "braking_ms2"),
                0.1,
                3.0,
            ),
            (self.DWELL_TIME, self.tr("Dwell time per stop (s)"), values.preset_value("dwell", "dwell_s"), 0.0, 600.0),
            (
                self.HEADWAY_ALLSTOP,
                self.tr("All-stop headway (min)"),
                values.preset_value("headways", "headway_all_min"),
                0.5,
                120.0,
            ),
            (
                self.HEADWAY_EXPRESS,
                self.tr("Express headway (min)"),
                values.preset_value("headways", "headway_express_min"),
                0.5,
                120.0,
            ),
            (
                self.TRANSFER_TIME,
                self.tr("Interchange walking time (min)"),
                values.preset_value("transfer", "transfer_min"),
                0.0,
                60.0,
            ),
        )
        for name, label, default, low, high in numbers:
            self.addParameter(
                QgsProcessingParameterNumber(
                    name,
                    label,
                    QgsProcessingParameterNumber.Type.Double,
                    defaultValue=default,
                    minValue=low,
                    maxValue=high,
                )
            )
        walking_network.add_parameters(
            self, self.tr("Walking network (optional: door-to-door commute isochrones)"), optional=True
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POPULATION,
                self.tr("Population (optional polygons, apportioned by area)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population field"),
                parentLayerParameterName=self.POPULATION,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WALK_SPEED,
                self.tr("Walking speed (m/s)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=values.preset_value("walking_speed", "walk_speed_ms"),
                minValue=0.1,
                maxValue=3.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.COMMUTE_MINUTES,
                self.tr("Door-to-door commute thresholds (min, comma separated)"),
                defaultValue="30,45,60",
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.STATION_TIMES,
                self.tr("Station times to the destination"),
                QgsProcessing.SourceType.TypeVectorPoint,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OD_MATRIX,
                self.tr("Origin-destination times"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.COMMUTE_ISOCHRONES,
                self.tr("Commute isochrones (needs the walking network)"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True, createByDefault=False
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.POPULATION_GAINED,
                self.tr("Population gained within the middle commute threshold (45 min by default)"),
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.MEAN_MINUTES_SAVED, self.tr("Mean minutes saved (stations that gain)"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.MAX_MINUTES_SAVED, self.tr("Largest minutes saved")))
        self.addOutput(QgsProcessingOutputNumber(self.STATIONS_GAINING, self.tr("Stations that gain from the express")))
        self.addOutput(
            QgsProcessingOutputString(
                self.DISTANCE_METHOD, self.tr("Distance between stations (track, straight_line or mixed)")
            )
        )

    # ---------------------------------------------------------------------------------------------

    def process(self, parameters, context, feedback):
        import math

        from .. import commute, express, lines, report_pages
        from ..runtime import RunTimeModel

        read = read_stations(self, parameters, context, feedback)
        table, frame_crs, source_crs, geometries = read.table, read.metric, read.source_crs, read.geometries
        line_geometries = read_lines(self, parameters, context, feedback, frame_crs)
        model = RunTimeModel(
            self.parameterAsDouble(parameters, self.CRUISE_SPEED, context),
            self.parameterAsDouble(parameters, self.ACCELERATION, context),
            self.parameterAsDouble(parameters, self.BRAKING, context),
            self.parameterAsDouble(parameters, self.DWELL_TIME, context),
        )
        service = commute.ServiceParameters(
            self.parameterAsDouble(parameters, self.HEADWAY_ALLSTOP, context),
            self.parameterAsDouble(parameters, self.HEADWAY_EXPRESS, context),
            self.parameterAsDouble(parameters, self.TRANSFER_TIME, context),
        )
        try:
            evaluation = express.evaluate(
                table,
                self.parameterAsString(parameters, self.DESTINATION, context),
                model,
                service,
                line_geometries=line_geometries,
                express_stations=express.parse_list(self.parameterAsString(parameters, self.EXPRESS_STATIONS, context)),
                express_lines=express.parse_list(self.parameterAsString(parameters, self.EXPRESS_LINES, context)),
                is_canceled=feedback.isCanceled,
            )
        except lines.TransitInputError as error:
            raise QgsProcessingException(express_text.explain(self, error, read.label, read.order_field)) from error
        for warning in evaluation.warnings:
            feedback.pushWarning(express_text.warning_text(self, warning))
        feedback.setProgress(40)

        import geopandas as gpd

        stations = evaluation.stations
        out = gpd.GeoDataFrame(stations, geometry=[geometries[sid] for sid in stations["station_id"]], crs=None)
        dest = vector.write_frame(
            self,
            parameters,
            self.STATION_TIMES,
            context,
            out,
            wkb_type=QgsWkbTypes.Type.Point,
            frame_crs=frame_crs,
            output_crs=source_crs,
            feedback=feedback,
        )
        styling.style_output(context, dest, "transit_station_times", self.tr("Minutes saved by the express"))
        results = {self.STATION_TIMES: dest}

        if self.parameterAsOutputLayer(
            parameters, self.OD_MATRIX, context
        ):  # optional: the all-pairs search only when asked
            results[self.OD_MATRIX] = self._write_od(parameters, context, feedback, evaluation, model, service)
        feedback.setProgress(60)
        isochrone_table = None
        if self.parameterAsOutputLayer(parameters, self.COMMUTE_ISOCHRONES, context):  # "" also from batch rows
            outputs, isochrone_table = self._isochrones(
                parameters, context, feedback, evaluation, geometries, frame_crs, source_crs
            )
            results.update(outputs)
        feedback.setProgress(90)

        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ... import report

            report.write(
                report_path,
                report_pages.express_page(
                    evaluation,
                    express_text.labels(self),
                    express_text.parameter_rows(self, model, service, evaluation),
                    current_language(),
                    isochrone_table,
                ),
            )
            results[self.REPORT] = report_path

        gaining = stations["minutes_saved"] > 0.05
        results[self.MEAN_MINUTES_SAVED] = (
            float(stations.loc[gaining, "minutes_saved"].mean()) if gaining.any() else 0.0
        )
        saved_max = stations["minutes_saved"].max()
        results[self.MAX_MINUTES_SAVED] = 0.0 if math.isnan(saved_max) else float(saved_max)
        results[self.STATIONS_GAINING] = int(gaining.sum())
        results[self.DISTANCE_METHOD] = evaluation.distance_method
        feedback.pushInfo(
            self.tr("Express pattern: {} station(s) gain, on average {:.1f} min, at most {:.1f} min.").format(
                results[self.STATIONS_GAINING], results[self.MEAN_MINUTES_SAVED], results[self.MAX_MINUTES_SAVED]
            )
        )
        feedback.setProgress(100)
        return results

    def _isochrones(self, parameters, context, feedback, evaluation, geometries, metric, source_crs):
        """COMMUTE_ISOCHRONES: areas within each threshold door to door, both patterns, with population.
        Returns the outputs and the isochrone table (for the report)."""
        import geopandas as gpd

        from ... import network as nw
        from .. import catchments, isochrones

        speed = self.parameterAsDouble(parameters, self.WALK_SPEED, context)
        text = self.parameterAsString(parameters, self.COMMUTE_MINUTES, context)
        try:
            thresholds = catchments.parse_bands(text)
        except catchments.CatchmentInputError as error:
            raise QgsProcessingException(
                self.tr(
                    "Commute thresholds '{}' cannot be read: give minutes separated by commas, e.g. 30,45,60."
                ).format(text)
            ) from error
        walk = walking_network.read(self, parameters, context, feedback, metric, required=False)
        if walk is None:
            raise QgsProcessingException(
                self.tr("Commute isochrones need the walking network: choose a street layer in 'Walking network'.")
            )
        population = walking_network.read_population_polygons(
            self, parameters, self.POPULATION, self.POPULATION_FIELD, context, feedback, metric, walk
        )
        geometries_in, values_in = population.reachable_part() if population is not None else (None, None)
        stations = evaluation.stations
        try:
            result = isochrones.commute_isochrones(
                walk.network,
                [geometries[sid] for sid in stations["station_id"]],
                {
                    "allstop": stations["allstop_total_min"].to_numpy(),
                    "express": stations["express_total_min"].to_numpy(),
                },
                thresholds,
                speed,
                population_geometries=geometries_in,
                population_values=values_in,
                snap_distance=walk.snap_distance,
                progress=lambda p: feedback.setProgress(60 + 30 * p),
                is_canceled=feedback.isCanceled,
            )
        except nw.NetworkError as error:
            raise QgsProcessingException(self.tr("The walking network cannot be used: {}").format(error)) from error
        _add_population_columns(result.table, population)
        if result.off_network:
            names = [stations["name"].iloc[i] for i in result.off_network]
            feedback.pushWarning(
                self.tr("{} station(s) lie more than {:g} m from the walking network; nobody walks to them: {}").format(
                    len(names), walk.snap_distance, ", ".join(names)
                )
            )
        keep = [p is not None and not p.is_empty for p in result.polygons]
        frame = gpd.GeoDataFrame(result.table[keep].reset_index(drop=True), geometry=list(result.polygons[keep]))
        frame = frame.sort_values(["minutes", "pattern"], ascending=[False, True]).reset_index(drop=True)
        dest = vector.write_frame(
            self,
            parameters,
            self.COMMUTE_ISOCHRONES,
            context,
            frame,
            wkb_type=QgsWkbTypes.Type.MultiPolygon,
            frame_crs=metric,
            output_crs=source_crs,
            feedback=feedback,
        )
        styling.style_output(context, dest, "transit_isochrones", self.tr("Door-to-door commute isochrones"))
        middle = thresholds[len(thresholds) // 2]
        gained = result.table.loc[
            (result.table["pattern"] == "express") & (result.table["minutes"] == middle), "population_gained"
        ]
        value = float(gained.iloc[0]) if len(gained) and gained.notna().all() else None
        if value is not None:
            feedback.pushInfo(
                self.tr("Population within {:g} min door to door: {:,.0f} more with the express.").format(middle, value)
            )
        return {self.COMMUTE_ISOCHRONES: dest, self.POPULATION_GAINED: value}, result.table

    def _write_od(self, parameters, context, feedback, evaluation, model, service):
        import pandas as pd

        from .. import commute

        names = evaluation.stations.set_index("station_id")["name"].to_dict()
        rows = commute.od_matrix(
            evaluation.lines,
            model,
            service,
            progress=lambda p: feedback.setProgress(40 + 20 * p),
            is_canceled=feedback.isCanceled,
        )
        frame = pd.DataFrame(rows, columns=["origin_id", "destination_id", "allstop_min", "express_min"])
        frame.insert(1, "origin", frame["origin_id"].map(names))
        frame.insert(3, "destination", frame["destination_id"].map(names))
        frame["minutes_saved"] = frame["allstop_min"] - frame["express_min"]
        return vector.write_frame(self, parameters, self.OD_MATRIX, context, frame, feedback=feedback)
