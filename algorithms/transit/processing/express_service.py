"""The express service (大站直达) evaluation algorithm: all-stop against express run times to a
destination, the OD table and door-to-door commute isochrones on the shared walking network. QGIS
glue only: the engines are the pure modules of transit/ (express, commute, lines, isochrones); the
parameter groups beside this module declare and read the inputs and write the outputs."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ...base import UrbanizationAlgorithm
from . import commute_isochrones, express_inputs, express_outputs, express_text, timetable


class ExpressServiceAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "expressservice"
    GROUP_ID = "commuting"
    REQUIRES = ("shapely", "geopandas", "networkx")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Express service evaluation (大站直达通勤评估)")

    def tags(self) -> list[str]:
        return self.tr("metro,express,skip-stop,commute,travel time,大站直达,快慢车,轨道交通,通勤").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        express_inputs.add_parameters(self)  # stations, lines, express pattern, destination
        timetable.add_parameters(self)
        commute_isochrones.add_parameters(self)  # walking network, population, speed, thresholds
        express_outputs.add_parameters(self)

    def process(self, parameters, context, feedback):
        from .. import express, lines

        stations = express_inputs.read_stations(self, parameters, context, feedback)
        line_geometries = express_inputs.read_lines(self, parameters, context, feedback, stations.metric)
        model, service = timetable.read(self, parameters, context)
        try:
            evaluation = express.evaluate(
                stations.table,
                model=model,
                service=service,
                line_geometries=line_geometries,
                is_canceled=feedback.isCanceled,
                **express_inputs.read_pattern(self, parameters, context),
            )
        except lines.TransitInputError as error:
            raise QgsProcessingException(
                express_text.explain(self, error, stations.label, stations.order_field)
            ) from error
        for warning in evaluation.warnings:
            feedback.pushWarning(express_text.warning_text(self, warning))
        feedback.setProgress(40)

        results = {
            express_outputs.STATION_TIMES: express_outputs.write_station_times(
                self, parameters, context, feedback, evaluation, stations
            )
        }
        # the all-pairs search only when asked
        if self.parameterAsOutputLayer(parameters, express_outputs.OD_MATRIX, context):
            results[express_outputs.OD_MATRIX] = express_outputs.write_od(
                self, parameters, context, feedback, evaluation, model, service
            )
        feedback.setProgress(60)
        isochrone_table = None
        # the isochrones only when asked ("" from batch rows too)
        if self.parameterAsOutputLayer(parameters, commute_isochrones.COMMUTE_ISOCHRONES, context):
            outputs, isochrone_table = commute_isochrones.write(
                self, parameters, context, feedback, evaluation, stations
            )
            results.update(outputs)
        feedback.setProgress(90)

        report_path = self.parameterAsFileOutput(parameters, express_outputs.REPORT, context)
        if report_path:
            results[express_outputs.REPORT] = express_outputs.write_report(
                self, report_path, evaluation, model, service, isochrone_table
            )
        results.update(express_outputs.numbers(self, feedback, evaluation))
        feedback.setProgress(100)
        return results
