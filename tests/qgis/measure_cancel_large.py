"""Measurement, not a test of the suite: `pytest -s tests/qgis/measure_cancel_large.py`. Park
coverage on a synthetic city large enough that each phase takes seconds (a street grid of
N x N blocks, a home on every block, a park every few blocks): the time between progress reports
(the longest stretch a cancel waits for), then a cancel at each progress step."""

from __future__ import annotations

import os
import threading
import time

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from .measure_cancel import _Recorder
from .test_reliability import _algorithm, _with_outputs

N = int(os.environ.get("CITY_BLOCKS", "120"))
BLOCK = 100.0


def _layers():
    crs = "EPSG:32635"
    roads = QgsVectorLayer(f"LineString?crs={crs}", "roads", "memory")
    homes = QgsVectorLayer(f"Polygon?crs={crs}&field=population:double", "homes", "memory")
    parks = QgsVectorLayer(f"Polygon?crs={crs}&field=name:string&field=kind:string", "parks", "memory")
    features = []
    x0, y0 = 500000.0, 6600000.0
    for i in range(N + 1):
        ends = (((x0, y0 + i * BLOCK), (x0 + N * BLOCK, y0 + i * BLOCK)),)
        ends += (((x0 + i * BLOCK, y0), (x0 + i * BLOCK, y0 + N * BLOCK)),)
        for a, b in ends:
            f = QgsFeature()
            f.setGeometry(QgsGeometry.fromWkt(f"LINESTRING({a[0]} {a[1]}, {b[0]} {b[1]})"))
            features.append(f)
    roads.dataProvider().addFeatures(features)
    home_features, park_features = [], []
    for i in range(N):
        for j in range(N):
            x, y = x0 + i * BLOCK + 10, y0 + j * BLOCK + 10
            wkt = f"POLYGON(({x} {y},{x + 80} {y},{x + 80} {y + 80},{x} {y + 80},{x} {y}))"
            f = QgsFeature(parks.fields() if (i % 7 == 3 and j % 7 == 3) else homes.fields())
            f.setGeometry(QgsGeometry.fromWkt(wkt))
            if i % 7 == 3 and j % 7 == 3:
                f.setAttributes([f"p{i}_{j}", ("market", "health", "culture")[(i + j) % 3]])
                park_features.append(f)
            else:
                f.setAttributes([10.0])
                home_features.append(f)
    homes.dataProvider().addFeatures(home_features)
    parks.dataProvider().addFeatures(park_features)
    for layer in (roads, homes, parks):
        QgsProject.instance().addMapLayer(layer)
    return roads, homes, parks


EXTRA = {
    "urbanization:parkcoverage": {"STANDARD": "green300_park500", "REPORT": None},
    "urbanization:parkequity": {"REPORT": None},
    "urbanization:facilitycoverage": {
        "FACILITIES": "parks",
        "TYPE_FIELD": "kind",
        "TYPE_MAPPING": "market = market\nhealth = health\nculture = culture",
        "REPORT": None,
    },
}


@pytest.mark.parametrize("algorithm_id", list(EXTRA))
def test_measure_large(run, provider, algorithm_id, tmp_path):
    roads, homes, parks = _layers()
    algorithm = _algorithm(algorithm_id)

    def parameters(k):
        given = {"NETWORK": roads.id(), "RESIDENTIAL": homes.id(), "POPULATION_FIELD": "population"}
        given.update({"PARKS": parks.id()} if "FACILITIES" not in EXTRA[algorithm_id] else {})
        given.update({k: parks.id() if v == "parks" else v for k, v in EXTRA[algorithm_id].items()})
        return _with_outputs(algorithm, given, tmp_path / f"o{k}")

    recorder = _Recorder()
    run(algorithm_id, parameters("full"), feedback=recorder)
    total = time.perf_counter() - recorder.start
    times = [(round(v, 1), round(t, 2)) for v, t in recorder.steps]
    print(f"\nSTEPS {algorithm_id} N={N} total {total:.1f}s: {times}")
    results = []
    for k, share in enumerate((0.1, 0.3, 0.5, 0.7, 0.9)):
        feedback = QgsProcessingFeedback()
        timer = threading.Timer(share * total, feedback.cancel)
        timer.start()
        started = time.perf_counter()
        try:
            run(algorithm_id, parameters(k), feedback=feedback)
            outcome = "finished"
        except QgsProcessingException:
            outcome = "cancelled"
        timer.cancel()
        stop = time.perf_counter() - started - share * total
        results.append(f"{share:.0%} of the run: {outcome}, {stop:.2f}s after the cancel")
    print(f"CANCEL {algorithm_id} N={N}: {', '.join(results)}")
