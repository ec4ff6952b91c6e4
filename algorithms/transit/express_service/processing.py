"""The express service (大站直达) evaluation algorithm: all-stop against express run times to a
destination, the OD table and door-to-door commute isochrones on the shared walking network. QGIS
glue only: the engines are the pure modules beside this one (express, commute, lines, isochrones)."""

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

from ....layers import crs as crs_utils
from ....layers import styling, vector, walking_network
from ....translation import current_language
from ...base import UrbanizationAlgorithm
from .. import values


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
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STATIONS, self.tr("Metro stations (one point per station and line)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.STATION_ID_FIELD, self.tr("Station id field (same id for an interchange on every line)"),
            defaultValue="station_id", parentLayerParameterName=self.STATIONS))
        self.addParameter(QgsProcessingParameterField(
            self.STATION_NAME_FIELD, self.tr("Station name field"), parentLayerParameterName=self.STATIONS,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.LINE_FIELD, self.tr("Line id field"), defaultValue="line", parentLayerParameterName=self.STATIONS))
        self.addParameter(QgsProcessingParameterField(
            self.ORDER_FIELD, self.tr("Order along the line field (empty: order along the line geometry)"),
            parentLayerParameterName=self.STATIONS, type=QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LINES, self.tr("Metro line geometry (optional: distances along the track)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.LINES_ID_FIELD, self.tr("Line id field of the line geometry (default: same name as the line id field)"),
            parentLayerParameterName=self.LINES, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.EXPRESS_FIELD, self.tr("Express stop field (1/true/yes where the express stops)"),
            parentLayerParameterName=self.STATIONS, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.EXPRESS_STATIONS, self.tr("Express stops (station ids or names, comma separated)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.EXPRESS_LINES, self.tr("Lines the express runs on (comma separated; empty: every line with two or more express stops)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.DESTINATION, self.tr("Destination station (id or name, e.g. 东风广场)")))
        numbers = (
            (self.CRUISE_SPEED, self.tr("Cruise speed (km/h)"), values.preset_value("runtime_kunming_b", "cruise_kmh"), 5.0, 200.0),
            (self.ACCELERATION, self.tr("Acceleration (m/s²)"), values.preset_value("acceleration_braking", "acceleration_ms2"), 0.1, 3.0),
            (self.BRAKING, self.tr("Braking deceleration (m/s²)"), values.preset_value("acceleration_braking", "braking_ms2"), 0.1, 3.0),
            (self.DWELL_TIME, self.tr("Dwell time per stop (s)"), values.preset_value("dwell", "dwell_s"), 0.0, 600.0),
            (self.HEADWAY_ALLSTOP, self.tr("All-stop headway (min)"), values.preset_value("headways", "headway_all_min"), 0.5, 120.0),
            (self.HEADWAY_EXPRESS, self.tr("Express headway (min)"), values.preset_value("headways", "headway_express_min"), 0.5, 120.0),
            (self.TRANSFER_TIME, self.tr("Interchange walking time (min)"), values.preset_value("transfer", "transfer_min"), 0.0, 60.0),
        )
        for name, label, default, low, high in numbers:
            self.addParameter(QgsProcessingParameterNumber(
                name, label, QgsProcessingParameterNumber.Type.Double, defaultValue=default, minValue=low, maxValue=high))
        walking_network.add_parameters(
            self, self.tr("Walking network (optional: door-to-door commute isochrones)"), optional=True)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.POPULATION, self.tr("Population (optional polygons, apportioned by area)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field"), parentLayerParameterName=self.POPULATION,
            type=QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.WALK_SPEED, self.tr("Walking speed (m/s)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=values.preset_value("walking_speed", "walk_speed_ms"), minValue=0.1, maxValue=3.0))
        self.addParameter(QgsProcessingParameterString(
            self.COMMUTE_MINUTES, self.tr("Door-to-door commute thresholds (min, comma separated)"),
            defaultValue="30,45,60"))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.STATION_TIMES, self.tr("Station times to the destination"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OD_MATRIX, self.tr("Origin-destination times"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.COMMUTE_ISOCHRONES, self.tr("Commute isochrones (needs the walking network)"),
            QgsProcessing.SourceType.TypeVectorPolygon, optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber(
            self.POPULATION_GAINED, self.tr("Population gained within the middle commute threshold (45 min by default)")))
        self.addOutput(QgsProcessingOutputNumber(self.MEAN_MINUTES_SAVED, self.tr("Mean minutes saved (stations that gain)")))
        self.addOutput(QgsProcessingOutputNumber(self.MAX_MINUTES_SAVED, self.tr("Largest minutes saved")))
        self.addOutput(QgsProcessingOutputNumber(self.STATIONS_GAINING, self.tr("Stations that gain from the express")))
        self.addOutput(QgsProcessingOutputString(
            self.DISTANCE_METHOD, self.tr("Distance between stations (track, straight_line or mixed)")))

    # ---------------------------------------------------------------------------------------------

    def process(self, parameters, context, feedback):
        import math

        from .. import commute, express, express_report, lines
        from ..runtime import RunTimeModel

        table, frame_crs, source_crs, geometries = self._read_stations(parameters, context, feedback)
        line_geometries = self._read_lines(parameters, context, feedback, frame_crs)
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
                table, self.parameterAsString(parameters, self.DESTINATION, context), model, service,
                line_geometries=line_geometries,
                express_stations=express.parse_list(self.parameterAsString(parameters, self.EXPRESS_STATIONS, context)),
                express_lines=express.parse_list(self.parameterAsString(parameters, self.EXPRESS_LINES, context)),
                is_canceled=feedback.isCanceled,
            )
        except lines.TransitInputError as error:
            raise QgsProcessingException(self._explain(error, parameters, context)) from error
        for warning in evaluation.warnings:
            feedback.pushWarning(self._warning(warning))
        feedback.setProgress(40)

        import geopandas as gpd

        stations = evaluation.stations
        out = gpd.GeoDataFrame(stations, geometry=[geometries[sid] for sid in stations["station_id"]], crs=None)
        dest = vector.write_frame(self, parameters, self.STATION_TIMES, context, out, wkb_type=QgsWkbTypes.Type.Point,
                                  frame_crs=frame_crs, output_crs=source_crs, feedback=feedback)
        styling.style_output(context, dest, "transit_station_times", self.tr("Minutes saved by the express"))
        results = {self.STATION_TIMES: dest}

        if self.parameterAsOutputLayer(parameters, self.OD_MATRIX, context):  # optional: the all-pairs search only when asked
            results[self.OD_MATRIX] = self._write_od(parameters, context, feedback, evaluation, model, service)
        feedback.setProgress(60)
        isochrone_table = None
        if self.parameterAsOutputLayer(parameters, self.COMMUTE_ISOCHRONES, context):  # "" also from batch rows
            outputs, isochrone_table = self._isochrones(parameters, context, feedback, evaluation, geometries,
                                                        frame_crs, source_crs)
            results.update(outputs)
        feedback.setProgress(90)

        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ... import report

            report.write(report_path, express_report.build(evaluation, self._labels(),
                                                           self._parameter_rows(model, service, evaluation), current_language(),
                                                           isochrone_table))
            results[self.REPORT] = report_path

        gaining = stations["minutes_saved"] > 0.05
        results[self.MEAN_MINUTES_SAVED] = float(stations.loc[gaining, "minutes_saved"].mean()) if gaining.any() else 0.0
        saved_max = stations["minutes_saved"].max()
        results[self.MAX_MINUTES_SAVED] = 0.0 if math.isnan(saved_max) else float(saved_max)
        results[self.STATIONS_GAINING] = int(gaining.sum())
        results[self.DISTANCE_METHOD] = evaluation.distance_method
        feedback.pushInfo(self.tr("Express pattern: {} station(s) gain, on average {:.1f} min, at most {:.1f} min.").format(
            results[self.STATIONS_GAINING], results[self.MEAN_MINUTES_SAVED], results[self.MAX_MINUTES_SAVED]))
        feedback.setProgress(100)
        return results

    def _read_stations(self, parameters, context, feedback):
        """Station rows in a metric CRS as a table (station_id, name, line, order, express, x, y),
        the metric and source CRS, and one point per station id for the output."""
        import math

        source = self.parameterAsSource(parameters, self.STATIONS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.STATIONS))
        label = source.sourceName() or self.tr("Metro stations")
        vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PointGeometry,), label)
        id_field = self.parameterAsString(parameters, self.STATION_ID_FIELD, context)
        name_field = self.parameterAsString(parameters, self.STATION_NAME_FIELD, context)
        line_field = self.parameterAsString(parameters, self.LINE_FIELD, context)
        order_field = self.parameterAsString(parameters, self.ORDER_FIELD, context)
        express_field = self.parameterAsString(parameters, self.EXPRESS_FIELD, context)
        fields = list(dict.fromkeys(f for f in (id_field, name_field, line_field, order_field, express_field) if f))
        metric = crs_utils.metric_crs_for_source(source, context)
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=fields,
                                       target_crs=metric, label=label)
        vector.require_features(frame, label)
        points = frame.geometry.representative_point()
        import pandas as pd

        table = pd.DataFrame({
            "station_id": [values.text(v) for v in frame[id_field]],
            "line": [values.text(v) for v in frame[line_field]],
            "x": points.x.to_numpy(), "y": points.y.to_numpy(),
        })
        table["name"] = [values.text(v) for v in frame[name_field]] if name_field else table["station_id"]
        for column, field in (("station_id", id_field), ("line", line_field)):
            empty = table[column] == ""
            if empty.any():
                raise QgsProcessingException(self.tr(
                    "Layer '{}': {} feature(s) have no value in field '{}'. Fill the field or remove those stations."
                ).format(label, int(empty.sum()), field))
        if order_field:
            try:
                table["order"] = [math.nan if v is None else float(v) for v in frame[order_field]]
            except (TypeError, ValueError) as error:
                raise QgsProcessingException(self.tr(
                    "Layer '{}': field '{}' must hold numbers (the position of each station along its line)."
                ).format(label, order_field)) from error
        else:
            table["order"] = math.nan
        table["express"] = [values.truthy(v) for v in frame[express_field]] if express_field else False
        self._order_field, self._label = order_field, label
        geometries = {}
        for sid, geometry in zip(table["station_id"], frame.geometry):
            geometries.setdefault(sid, geometry)
        return table, metric, source.sourceCrs(), geometries

    def _read_lines(self, parameters, context, feedback, metric):
        """{line id: LineString} in the metric CRS from the optional LINES layer (parts merged)."""
        source = self.parameterAsSource(parameters, self.LINES, context)
        if source is None:
            return {}
        import shapely

        label = source.sourceName() or self.tr("Metro line geometry")
        vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.LineGeometry,), label)
        field = (self.parameterAsString(parameters, self.LINES_ID_FIELD, context)
                 or self.parameterAsString(parameters, self.LINE_FIELD, context))
        frame = vector.source_to_frame(source, context=context, feedback=feedback, fields=[field],
                                       target_crs=metric, label=label)
        vector.require_features(frame, label)
        result = {}
        for line_id, rows in frame.groupby(frame[field].map(values.text)):
            merged = shapely.line_merge(shapely.union_all(rows.geometry.values))
            if merged.geom_type != "LineString":
                raise QgsProcessingException(self.tr(
                    "Layer '{}': the geometry of line '{}' is not one continuous line ({} pieces). Join the pieces "
                    "(e.g. with Dissolve and Merge lines) or leave the line layer out to use straight distances."
                ).format(label, line_id, len(getattr(merged, "geoms", [])) or 0))
            result[line_id] = merged
        return result

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
            raise QgsProcessingException(self.tr(
                "Commute thresholds '{}' cannot be read: give minutes separated by commas, e.g. 30,45,60.").format(text)) from error
        walk = walking_network.read(self, parameters, context, feedback, metric, required=False)
        if walk is None:
            raise QgsProcessingException(self.tr(
                "Commute isochrones need the walking network: choose a street layer in 'Walking network'."))
        population = walking_network.read_population_polygons(
            self, parameters, self.POPULATION, self.POPULATION_FIELD, context, feedback, metric, walk)
        geometries_in, values_in = population.reachable_part() if population is not None else (None, None)
        stations = evaluation.stations
        try:
            result = isochrones.commute_isochrones(
                walk.network, [geometries[sid] for sid in stations["station_id"]],
                {"allstop": stations["allstop_total_min"].to_numpy(), "express": stations["express_total_min"].to_numpy()},
                thresholds, speed, population_geometries=geometries_in, population_values=values_in,
                max_snap=walk.snap_distance,
                progress=lambda p: feedback.setProgress(60 + 30 * p), is_canceled=feedback.isCanceled)
        except nw.NetworkError as error:
            raise QgsProcessingException(self.tr("The walking network cannot be used: {}").format(error)) from error
        _add_population_columns(result.table, population)
        if result.off_network:
            names = [stations["name"].iloc[i] for i in result.off_network]
            feedback.pushWarning(self.tr("{} station(s) lie more than {:g} m from the walking network; nobody walks to "
                                         "them: {}").format(len(names), walk.snap_distance, ", ".join(names)))
        keep = [p is not None and not p.is_empty for p in result.polygons]
        frame = gpd.GeoDataFrame(result.table[keep].reset_index(drop=True), geometry=list(result.polygons[keep]))
        frame = frame.sort_values(["minutes", "pattern"], ascending=[False, True]).reset_index(drop=True)
        dest = vector.write_frame(self, parameters, self.COMMUTE_ISOCHRONES, context, frame,
                                  wkb_type=QgsWkbTypes.Type.MultiPolygon, frame_crs=metric, output_crs=source_crs,
                                  feedback=feedback)
        styling.style_output(context, dest, "transit_isochrones", self.tr("Door-to-door commute isochrones"))
        middle = thresholds[len(thresholds) // 2]
        gained = result.table.loc[(result.table["pattern"] == "express") & (result.table["minutes"] == middle),
                                  "population_gained"]
        value = float(gained.iloc[0]) if len(gained) and gained.notna().all() else None
        if value is not None:
            feedback.pushInfo(self.tr("Population within {:g} min door to door: {:,.0f} more with the express.").format(
                middle, value))
        return {self.COMMUTE_ISOCHRONES: dest, self.POPULATION_GAINED: value}, result.table

    def _write_od(self, parameters, context, feedback, evaluation, model, service):
        import pandas as pd

        from .. import commute

        names = evaluation.stations.set_index("station_id")["name"].to_dict()
        rows = commute.od_matrix(evaluation.lines, model, service,
                                 progress=lambda p: feedback.setProgress(40 + 20 * p),
                                 is_canceled=feedback.isCanceled)
        frame = pd.DataFrame(rows, columns=["origin_id", "destination_id", "allstop_min", "express_min"])
        frame.insert(1, "origin", frame["origin_id"].map(names))
        frame.insert(3, "destination", frame["destination_id"].map(names))
        frame["minutes_saved"] = frame["allstop_min"] - frame["express_min"]
        return vector.write_frame(self, parameters, self.OD_MATRIX, context, frame, feedback=feedback)

    def _explain(self, error, parameters, context) -> str:
        """The engine's input error in the planner's words, naming the layer, field and the fix."""
        from .. import commute, express, lines

        label = self._label
        if isinstance(error, lines.DuplicateOrderError):
            return self.tr("Layer '{}', line '{}': order number {} is used by more than one station ({}). Give each "
                           "station of a line its own order number in field '{}'.").format(
                label, error.line, f"{error.order:g}", ", ".join(error.stations), self._order_field)
        if isinstance(error, lines.SingleStationLineError):
            return self.tr("Layer '{}': line '{}' has only one station ({}). A line needs at least two stations: "
                           "check the line id field or remove the station.").format(label, error.line, error.station)
        if isinstance(error, lines.MissingOrderError):
            return self.tr("Layer '{}', line '{}': the stations have no order along the line. Choose an order field "
                           "with a number for every station, or give the metro line geometry.").format(label, error.line)
        if isinstance(error, lines.StationOffLineError):
            return self.tr("Station '{}' lies {:.0f} m from the geometry of line '{}' (more than {:.0f} m). Check its "
                           "line id or the line geometry.").format(
                error.station, error.distance_m, error.line, lines.OFF_LINE_TOLERANCE_M)
        if isinstance(error, lines.UnknownStationError):
            return self.tr("There is no station '{}' in layer '{}'. Near matches: {}. Give a station id or name "
                           "exactly as in the layer.").format(
                error.query, label, ", ".join(error.suggestions) or self.tr("none"))
        if isinstance(error, express.UnknownLineError):
            return self.tr("There is no line '{}' in layer '{}'. Its lines are: {}.").format(
                error.line, label, ", ".join(error.known))
        if isinstance(error, express.NoExpressError):
            return self.tr("No line has two or more express stops. Mark the express stops with the express stop "
                           "field or list them in 'Express stops'.")
        if isinstance(error, commute.ExpressSkipsDestinationError):
            return self.tr("The express pattern of line '{}' passes the destination {} without stopping. Add {} to "
                           "the express stops or choose another destination.").format(
                error.line, error.destination, error.destination)
        return str(error)

    def _warning(self, warning: tuple) -> str:
        kind, *values = warning
        if kind == "single_express_stop":
            return self.tr("Line '{}' has only one express stop ({}): no express runs on it.").format(*values)
        if kind == "straight_line":
            return self.tr("No track geometry for line(s) {}: distances between stations are straight lines, "
                           "which understate run times where the track curves. Give the metro line geometry "
                           "(LINES) for distances along the track (distance_method in the outputs).").format(*values)
        return self.tr("Station {} cannot reach the destination on the metro network: its times are empty.").format(*values)

    def _parameter_rows(self, model, service, evaluation) -> list[tuple[str, str]]:
        methods = {"track": self.tr("along the track (line geometry)"),
                   "straight_line": self.tr("straight lines between stations (no line geometry)"),
                   "mixed": self.tr("along the track where line geometry is given, else straight lines")}
        return [
            (self.tr("Distance between stations"), methods[evaluation.distance_method]),
            (self.tr("Cruise speed (km/h)"), f"{model.cruise_kmh:g}"),
            (self.tr("Acceleration (m/s²)"), f"{model.acceleration:g}"),
            (self.tr("Braking deceleration (m/s²)"), f"{model.braking:g}"),
            (self.tr("Dwell time per stop (s)"), f"{model.dwell_s:g}"),
            (self.tr("All-stop headway (min)"), f"{service.headway_all_min:g}"),
            (self.tr("Express headway (min)"), f"{service.headway_express_min:g}"),
            (self.tr("Interchange walking time (min)"), f"{service.transfer_min:g}"),
        ]

    def _labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Express service evaluation"),
            "summary": self.tr("Scenario"),
            "destination": self.tr("Destination"),
            "pattern": self.tr("Express stops"),
            "parameters": self.tr("Run-time model and service"),
            "line": self.tr("Line"),
            "saved_chart": self.tr("Line {}: minutes saved to the destination, station by station"),
            "times_chart": self.tr("Line {}: door-to-door minutes to the destination along the line"),
            "distance_km": self.tr("Distance along the line (km)"),
            "minutes": self.tr("min"),
            "all_stop": self.tr("All-stop"),
            "express": self.tr("With express"),
            "stations": self.tr("Stations"),
            "station": self.tr("Station"),
            "lines": self.tr("Lines"),
            "express_stop": self.tr("Express stop"),
            "all_total": self.tr("All-stop, min"),
            "express_total": self.tr("With express, min"),
            "saved": self.tr("Minutes saved"),
            "route": self.tr("Route with express"),
            "method_note": self.tr(
                "Door-to-door time = half the headway of each boarded train + in-vehicle time (trapezoidal speed "
                "profile between stops, dwell only where the train stops) + interchange walks. Riders take the "
                "quickest option; walking to the station is not included."),
            "yes": self.tr("yes"),
            "no": self.tr("no"),
            "isochrones": self.tr("Door-to-door commute isochrones (walk + wait + ride)"),
            "pattern_col": self.tr("Pattern"),
            "area_km2": self.tr("Area (km²)"),
            "population": self.tr("Population"),
            "gained": self.tr("Population gained with the express"),
            "unreachable": self.tr("Population unreachable (too far from every street)"),
        }
