"""The tiled path of urbanization:drainagecorridors and urbanization:waterloggingspots through
Processing: chosen when the whole-DEM estimate exceeds the available memory (made small here),
said in the log and the report, and giving the whole-DEM path's outputs; the provider's Dask
settings."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
import rasterio
from qgis.core import QgsProcessingFeedback

from ..conftest import SAMPLE_DATA

_COPIES = Path(tempfile.mkdtemp(prefix="drainage-tiled-"))
DEM = shutil.copy(SAMPLE_DATA / "bigtujunga.tif", _COPIES)  # 1197 x 643 cells, 30 m, EPSG:32611
_KEEP: list = []


class LogFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)


@pytest.fixture(scope="module")
def registered(processing_ready):
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().providerById("urbanization") is None:
        from urbanization_planning.algorithms.provider import UrbanizationProvider

        _KEEP.append(UrbanizationProvider())
        QgsApplication.processingRegistry().addProvider(_KEEP[-1])
    return True


def run_both(algorithm, params, tmp_path, monkeypatch):
    """(whole-DEM result, tiled result, tiled log): the tiled run with 10 MiB 'available'."""
    import processing

    from urbanization_planning.algorithms.drainage import hydrology

    whole_dir, tiled_dir = tmp_path / "whole", tmp_path / "tiled"
    whole_dir.mkdir()
    tiled_dir.mkdir()
    outputs = {key: value for key, value in params.items() if isinstance(value, str) and "{}" in value}
    whole = processing.run(algorithm, {**params, **{k: v.format(whole_dir) for k, v in outputs.items()}})
    monkeypatch.setattr(hydrology, "available_memory", lambda: 10 * 2**20)  # the DEM needs ~30 MiB whole
    feedback = LogFeedback()
    tiled = processing.run(
        algorithm, {**params, **{k: v.format(tiled_dir) for k, v in outputs.items()}}, feedback=feedback
    )
    return whole, tiled, feedback.lines


def raster(path):
    with rasterio.open(path) as dataset:
        return dataset.read(1), dataset.nodata


def test_corridors_tiled_equal_the_whole_dem(registered, tmp_path, monkeypatch):
    from qgis.core import QgsVectorLayer

    params = {
        "DEM": DEM,
        "MIN_CONTRIBUTING_AREA": 100.0,
        "CORRIDOR_WIDTHS": "1:10,2:15,3:25,4:40",
        "ACCUMULATION": "{}/acc.tif",
        "FLOW_DIRECTION": "{}/d8.tif",
        "CORRIDORS": "{}/lines.gpkg",
        "CORRIDOR_ZONES": "{}/zones.gpkg",
        "REPORT": "{}/report.html",
    }
    whole, tiled, log = run_both("urbanization:drainagecorridors", params, tmp_path, monkeypatch)
    assert any(line.startswith("Tiled path") for line in log), log
    assert "tile by tile" in Path(tiled["REPORT"]).read_text(encoding="utf-8")
    assert tiled["TOTAL_LENGTH_KM"] == pytest.approx(whole["TOTAL_LENGTH_KM"], rel=1e-9)
    a, nodata = raster(whole["ACCUMULATION"])
    b, _ = raster(tiled["ACCUMULATION"])
    np.testing.assert_allclose(b, a, rtol=2e-6)
    assert np.array_equal(raster(tiled["FLOW_DIRECTION"])[0], raster(whole["FLOW_DIRECTION"])[0])
    lines = [QgsVectorLayer(str(result["CORRIDORS"]), "l", "ogr") for result in (whole, tiled)]
    assert lines[0].featureCount() == lines[1].featureCount() > 0
    orders = [sorted(f["strahler"] for f in layer.getFeatures()) for layer in lines]
    assert orders[0] == orders[1]


def test_waterlogging_tiled_equal_the_whole_dem(registered, tmp_path, monkeypatch):
    from qgis.core import QgsVectorLayer

    params = {"DEM": DEM, "MIN_DEPTH": 0.5, "MIN_AREA": 0.0, "DEPRESSIONS": "{}/spots.gpkg", "DEPTH": "{}/depth.tif"}
    whole, tiled, log = run_both("urbanization:waterloggingspots", params, tmp_path, monkeypatch)
    assert any(line.startswith("Tiled path") for line in log), log
    assert tiled["DEPRESSION_COUNT"] == whole["DEPRESSION_COUNT"] > 0
    assert tiled["TOTAL_VOLUME_M3"] == pytest.approx(whole["TOTAL_VOLUME_M3"], rel=1e-9)
    np.testing.assert_array_equal(raster(tiled["DEPTH"])[0], raster(whole["DEPTH"])[0])
    layers = [QgsVectorLayer(str(result["DEPRESSIONS"]), "d", "ogr") for result in (whole, tiled)]
    key = [sorted((f["cells"], round(f["spill_elev_m"], 3)) for f in layer.getFeatures()) for layer in layers]
    assert key[0] == key[1]


def test_a_large_dem_that_fits_goes_tile_by_tile(registered, tmp_path, monkeypatch):
    """Above TILES_ABOVE_CELLS the tiled path runs even with memory to spare (it is faster per cell
    and leaner there), says why, and gives the whole-DEM path's figures."""
    import processing

    from urbanization_planning.algorithms.drainage.processing import tiling

    params = {"DEM": DEM, "MIN_DEPTH": 0.5, "MIN_AREA": 0.0}
    whole = processing.run(
        "urbanization:waterloggingspots",
        {**params, "DEPRESSIONS": str(tmp_path / "w.gpkg"), "DEPTH": str(tmp_path / "w.tif")},
    )
    monkeypatch.setattr(tiling, "TILES_ABOVE_CELLS", 1000)  # the test DEM: more cells, plenty of memory
    monkeypatch.setattr(tiling, "MAX_TILE_CELLS", 512 * 512)
    feedback = LogFeedback()
    tiled = processing.run(
        "urbanization:waterloggingspots",
        {**params, "DEPRESSIONS": str(tmp_path / "t.gpkg"), "DEPTH": str(tmp_path / "t.tif")},
        feedback=feedback,
    )
    said = [line for line in feedback.lines if line.startswith("Tiled path")]
    assert said and "where tiles are faster and leaner" in said[0], feedback.lines
    assert tiled["DEPRESSION_COUNT"] == whole["DEPRESSION_COUNT"] > 0
    np.testing.assert_array_equal(raster(tiled["DEPTH"])[0], raster(whole["DEPTH"])[0])


def test_whole_dem_path_is_said_when_the_dem_fits(registered, tmp_path):
    import processing

    feedback = LogFeedback()
    processing.run(
        "urbanization:waterloggingspots",
        {"DEM": DEM, "DEPRESSIONS": str(tmp_path / "d.gpkg"), "DEPTH": str(tmp_path / "d.tif")},
        feedback=feedback,
    )
    assert any(line.startswith("Whole-DEM path") for line in feedback.lines)


def test_dask_settings_are_registered(registered):
    from processing.core.ProcessingConfig import ProcessingConfig

    from urbanization_planning.algorithms.provider import DASK_SCHEDULER, DASK_SCRATCH, dask_settings

    assert DASK_SCHEDULER in ProcessingConfig.settings and DASK_SCRATCH in ProcessingConfig.settings
    ProcessingConfig.setSettingValue(DASK_SCHEDULER, "  ")
    assert dask_settings() == (None, None)
    ProcessingConfig.setSettingValue(DASK_SCHEDULER, "tcp://10.0.0.5:8786")
    try:
        assert dask_settings()[0] == "tcp://10.0.0.5:8786"
    finally:
        ProcessingConfig.setSettingValue(DASK_SCHEDULER, "")
