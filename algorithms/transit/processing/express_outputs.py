"""The express service door's outputs: the station times, the optional origin-destination table and
report, and the output numbers, declared (with the commute isochrones in their place) and written.
Text uses `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ....translation import current_language
from . import express_text
from .commute_isochrones import COMMUTE_ISOCHRONES, POPULATION_GAINED

STATION_TIMES = "STATION_TIMES"
OD_MATRIX = "OD_MATRIX"
REPORT = "REPORT"
MEAN_MINUTES_SAVED = "MEAN_MINUTES_SAVED"
MAX_MINUTES_SAVED = "MAX_MINUTES_SAVED"
STATIONS_GAINING = "STATIONS_GAINING"
DISTANCE_METHOD = "DISTANCE_METHOD"
GAIN_MIN = 0.05  # minutes saved below which a station does not count as gaining


def add_parameters(algorithm) -> None:
    """STATION_TIMES, OD_MATRIX, COMMUTE_ISOCHRONES (optional, off by default), REPORT and the
    output numbers."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            STATION_TIMES,
            algorithm.tr("Station times to the destination"),
            QgsProcessing.SourceType.TypeVectorPoint,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            OD_MATRIX,
            algorithm.tr("Origin-destination times"),
            QgsProcessing.SourceType.TypeVector,
            optional=True,
            createByDefault=False,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            COMMUTE_ISOCHRONES,
            algorithm.tr("Commute isochrones (needs the walking network)"),
            QgsProcessing.SourceType.TypeVectorPolygon,
            optional=True,
            createByDefault=False,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFileDestination(
            REPORT, algorithm.tr("Report"), algorithm.tr("HTML files (*.html)"), optional=True, createByDefault=False
        )
    )
    for name, description in (
        (POPULATION_GAINED, algorithm.tr("Population gained within the middle commute threshold (45 min by default)")),
        (MEAN_MINUTES_SAVED, algorithm.tr("Mean minutes saved (stations that gain)")),
        (MAX_MINUTES_SAVED, algorithm.tr("Largest minutes saved")),
        (STATIONS_GAINING, algorithm.tr("Stations that gain from the express")),
    ):
        algorithm.addOutput(QgsProcessingOutputNumber(name, description))
    algorithm.addOutput(
        QgsProcessingOutputString(
            DISTANCE_METHOD, algorithm.tr("Distance between stations (track, straight_line or mixed)")
        )
    )


def write_station_times(algorithm, parameters, context, feedback, evaluation, stations) -> str:
    """STATION_TIMES: each station's times both ways and the minutes saved, at the station's
    point (`stations`: express_inputs.Stations), styled by minutes saved."""
    import geopandas as gpd

    times = evaluation.stations
    out = gpd.GeoDataFrame(times, geometry=[stations.geometries[sid] for sid in times["station_id"]], crs=None)
    dest = vector.write_frame(
        algorithm,
        parameters,
        STATION_TIMES,
        context,
        out,
        wkb_type=QgsWkbTypes.Type.Point,
        frame_crs=stations.metric,
        output_crs=stations.source_crs,
        feedback=feedback,
    )
    styling.style_output(context, dest, "transit_station_times", algorithm.tr("Minutes saved by the express"))
    return dest


def write_od(algorithm, parameters, context, feedback, evaluation, model, service) -> str:
    """OD_MATRIX: all-stop and express minutes between every pair of stations (a table)."""
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
    return vector.write_frame(algorithm, parameters, OD_MATRIX, context, frame, feedback=feedback)


def write_report(algorithm, path, evaluation, model, service, isochrone_table) -> str:
    """The HTML report: the scenario, the run-time model, line charts and the isochrone table."""
    from ... import report
    from .. import report_pages

    report.write(
        path,
        report_pages.express_page(
            evaluation,
            express_text.labels(algorithm),
            express_text.parameter_rows(algorithm, model, service, evaluation),
            current_language(),
            isochrone_table,
        ),
    )
    return path


def numbers(algorithm, feedback, evaluation) -> dict:
    """MEAN_MINUTES_SAVED, MAX_MINUTES_SAVED, STATIONS_GAINING and DISTANCE_METHOD, told in the log."""
    import math

    saved = evaluation.stations["minutes_saved"]
    gaining = saved > GAIN_MIN
    largest = saved.max()
    results = {
        MEAN_MINUTES_SAVED: float(saved[gaining].mean()) if gaining.any() else 0.0,
        MAX_MINUTES_SAVED: 0.0 if math.isnan(largest) else float(largest),
        STATIONS_GAINING: int(gaining.sum()),
        DISTANCE_METHOD: evaluation.distance_method,
    }
    feedback.pushInfo(
        algorithm.tr("Express pattern: {} station(s) gain, on average {:.1f} min, at most {:.1f} min.").format(
            results[STATIONS_GAINING], results[MEAN_MINUTES_SAVED], results[MAX_MINUTES_SAVED]
        )
    )
    return results
