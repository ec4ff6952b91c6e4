"""Cancel in QGIS's own Processing dialog, as a planner presses it: the run stops within 2 s even
while the engine is inside one long computation (park coverage spent 12 s in a whole city's
service area after a cancel; issue 23). The long computation is stood in for by a slow one."""

from __future__ import annotations

import time

import pytest

from ..conftest import SAMPLE_DATA

OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"


@pytest.fixture
def slow_service_areas(monkeypatch):
    """Each service area takes 20 s (a city-wide one takes seconds; GEOS cannot be interrupted). The
    call the cancelled run abandons ends with the test, so no thread of it runs on into later tests."""
    import threading

    from urbanization_planning.algorithms.greenspace import access

    original = access.NetworkAccess.area
    test_over = threading.Event()
    ended = threading.Event()

    def slow(self, *args, **kwargs):
        if test_over.wait(20):
            ended.set()
            raise RuntimeError("the test is over")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(access.NetworkAccess, "area", slow)
    yield
    test_over.set()
    ended.wait(5)
    time.sleep(0.2)  # the abandoned worker returns from its frame


def test_cancel_in_the_processing_dialog_stops_within_2_s(provider, qtbot, qgis_iface, monkeypatch, slow_service_areas):
    import processing
    from qgis.core import QgsProcessingAlgorithm
    from qgis.PyQt.QtWidgets import QProgressBar

    monkeypatch.setattr(qgis_iface, "browserModel", lambda: None, raising=False)
    parameters = {
        "PARKS": f"{OSM}|layername=parks",
        "NETWORK": f"{OSM}|layername=roads",
        "RESIDENTIAL": f"{GRID}|layername=population_grid_2020",
        "POPULATION_FIELD": "population",
    }
    dialog = processing.createAlgorithmDialog("urbanization:parkcoverage", parameters)
    qtbot.addWidget(dialog)
    assert dialog.algorithm().flags() & QgsProcessingAlgorithm.Flag.FlagCanCancel
    progress = dialog.findChild(QProgressBar)
    dialog.runButton().click()
    qtbot.waitUntil(lambda: progress.value() >= 25, timeout=60000)  # inside the engine's service areas
    assert dialog.cancelButton().isEnabled()
    pressed = time.perf_counter()
    dialog.cancelButton().click()
    qtbot.waitUntil(lambda: not dialog.cancelButton().isEnabled(), timeout=30000)
    assert time.perf_counter() - pressed < 2.0
