"""The city health check's outputs: the indicator table, the map behind each indicator (maps.py),
the optional report and the indicator counts, declared and written, with each indicator told in
the log. Text uses `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ....layers import vector
from ....translation import current_language
from . import report_text
from .maps import MAPS, write_maps

INDICATORS = "INDICATORS"
REPORT = "REPORT"
COMPUTED = "COMPUTED"
NOT_COMPUTED = "NOT_COMPUTED"
FAILED = "FAILED"


def add_parameters(algorithm) -> None:
    """INDICATORS, one optional sink per map (MAPS), REPORT (off by default) and the counts."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            INDICATORS,
            algorithm.tr("Health check indicators (city and districts)"),
            QgsProcessing.SourceType.TypeVector,
        )
    )
    names = {
        "PARK_SERVICE_AREAS": algorithm.tr("Park service areas"),
        "GREENWAY_SERVICE_AREAS": algorithm.tr("Greenway service areas"),
        "FACILITY_GAPS": algorithm.tr("Homes beyond the facility service radius"),
        "STATION_CATCHMENTS": algorithm.tr("Station walking catchments"),
        "WATERLOGGING_SPOTS": algorithm.tr("Waterlogging spots"),
        "DENSE_LAND": algorithm.tr("Land above 15,000 people per km²"),
        "CLUSTERS": algorithm.tr("Built-up clusters"),
        "CITY_ROADS": algorithm.tr("City roads in the built-up area"),
        "WIDE_CORRIDORS": algorithm.tr("Corridor land at least the required width"),
    }
    for sink, wkb, _style, _methods in MAPS:
        kind = {
            QgsWkbTypes.Type.Point: QgsProcessing.SourceType.TypeVectorPoint,
            QgsWkbTypes.Type.MultiLineString: QgsProcessing.SourceType.TypeVectorLine,
        }.get(wkb, QgsProcessing.SourceType.TypeVectorPolygon)
        algorithm.addParameter(QgsProcessingParameterFeatureSink(sink, names[sink], kind, optional=True))
    algorithm.addParameter(
        QgsProcessingParameterFileDestination(
            REPORT, algorithm.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
        )
    )
    algorithm.addOutput(QgsProcessingOutputNumber(COMPUTED, algorithm.tr("Indicators computed")))
    algorithm.addOutput(
        QgsProcessingOutputNumber(NOT_COMPUTED, algorithm.tr("Indicators not computed (layers missing)"))
    )
    algorithm.addOutput(QgsProcessingOutputNumber(FAILED, algorithm.tr("Indicators below their target (未达标)")))


def write(algorithm, parameters, context, feedback, result, metric, output_crs) -> dict:
    """Every output of a health check result (indicators.HealthCheckResult); the outputs dict."""
    table = result.table()
    notes = report_text.method_notes(algorithm, result)
    table["note"] = [notes.get(key, "") for key in table["indicator"]]
    outputs = {
        INDICATORS: vector.write_frame(
            algorithm, parameters, INDICATORS, context, table.astype({"passed": "boolean"}), feedback=feedback
        )
    }
    outputs.update(write_maps(algorithm, parameters, context, feedback, result, metric, output_crs))
    report_path = algorithm.parameterAsFileOutput(parameters, REPORT, context)
    if report_path:
        from ... import report
        from ..report_pages import health_check_page

        outputs[REPORT] = report.write(
            report_path, health_check_page(result, report_text.labels(algorithm), notes, current_language())
        )
    city = table[table["scope"] == table["scope"].iloc[0]] if len(table) else table
    computed = city[city["computed"]]
    outputs[COMPUTED] = len(computed)
    outputs[NOT_COMPUTED] = len(city) - len(computed)
    outputs[FAILED] = int((computed["passed"] == False).sum())  # noqa: E712 (object column)
    for r in result.results:
        if r.computed:
            feedback.pushInfo(
                f"{r.indicator.name_zh}: {'-' if r.value is None else f'{r.value:,.2f}'} {r.indicator.unit}"
            )
        else:
            feedback.pushInfo(
                algorithm.tr("{}: not computed, needs {}").format(r.indicator.name_zh, ", ".join(r.missing))
            )
    return outputs
