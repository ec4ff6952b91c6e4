"""urbanization:chinacoordinates through Processing and qgis_process, on the real Kunming stations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import numpy as np
import pytest
from qgis.core import QgsPointXY, QgsVectorLayer

from ..conftest import ROOT, SAMPLE_DATA
from ..unit.test_chinese_coordinates import metres_between
from .helpers import gpkg_layer, memory_layer


def gcj02_station_layer():
    """The 103 stations placed at their stored GCJ-02 coordinates (as AMap would give them)."""
    stations = gpkg_layer(SAMPLE_DATA / "kunming_metro_osm.gpkg", "stations")
    wkts, ids, truth = [], [], []
    for feature in stations.getFeatures():
        wkts.append(f"POINT({feature['gcj02_lon']} {feature['gcj02_lat']})")
        ids.append(feature["station_id"])
        point = feature.geometry().asPoint()
        truth.append((point.x(), point.y()))
    layer = memory_layer("Point", "EPSG:4326", wkts, {"station_id": ids}, name="amap_stations")
    return layer, dict(zip(ids, truth))


def converted_points(path) -> dict[str, QgsPointXY]:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid()
    return {f["station_id"]: f.geometry().asPoint() for f in layer.getFeatures()}


def test_gcj02_stations_convert_to_stored_wgs84_within_one_metre(run, tmp_path):
    layer, truth = gcj02_station_layer()
    result = run(
        "urbanization:chinacoordinates",
        {"INPUT": layer, "FROM": "gcj02", "TO": "wgs84", "OUTPUT": str(tmp_path / "wgs84.gpkg")},
    )
    points = converted_points(result["OUTPUT"])
    assert len(points) == 103
    lon = np.array([points[k].x() for k in truth])
    lat = np.array([points[k].y() for k in truth])
    expected = np.array(list(truth.values()))
    assert metres_between(lon, lat, expected[:, 0], expected[:, 1]).max() < 1.0


def test_bd09_round_trip_within_half_a_metre_and_input_untouched(run, tmp_path):
    layer, truth = gcj02_station_layer()
    source = SAMPLE_DATA / "kunming_metro_osm.gpkg"
    before = source.read_bytes()
    first = run(
        "urbanization:chinacoordinates",
        {"INPUT": layer, "FROM": "gcj02", "TO": "bd09", "OUTPUT": str(tmp_path / "bd.gpkg")},
    )
    back = run(
        "urbanization:chinacoordinates",
        {"INPUT": first["OUTPUT"], "FROM": "bd09", "TO": "gcj02", "OUTPUT": str(tmp_path / "gcj.gpkg")},
    )
    original = {f["station_id"]: f.geometry().asPoint() for f in layer.getFeatures()}
    returned = converted_points(back["OUTPUT"])
    errors = [
        metres_between(
            np.array([original[k].x()]),
            np.array([original[k].y()]),
            np.array([returned[k].x()]),
            np.array([returned[k].y()]),
        )[0]
        for k in original
    ]
    assert max(errors) < 0.5
    assert source.read_bytes() == before


def test_lines_and_polygons_keep_vertex_count_and_fields(run):
    layer = memory_layer(
        "LineString",
        "EPSG:4490",
        ["LINESTRING(102.70 25.03, 102.71 25.04, 102.72 25.05)", None],
        {"name": ["一号线", "空"]},
    )
    result = run("urbanization:chinacoordinates", {"INPUT": layer, "FROM": "wgs84", "TO": "gcj02", "OUTPUT": "memory:"})
    out = result["OUTPUT"]
    assert out.crs().authid() == "EPSG:4490"
    features = list(out.getFeatures())
    assert [f["name"] for f in features] == ["一号线"]  # the feature without geometry is skipped
    assert len(features[0].geometry().asPolyline()) == 3


def test_features_outside_china_are_left_and_counted(run):
    from .test_foundation import RecordingFeedback

    layer = memory_layer("Point", "EPSG:4326", ["POINT(24.94 60.17)", "POINT(102.7 25.0)"])
    feedback = RecordingFeedback()
    result = run(
        "urbanization:chinacoordinates",
        {"INPUT": layer, "FROM": "gcj02", "TO": "wgs84", "OUTPUT": "memory:"},
        feedback=feedback,
    )
    points = [f.geometry().asPoint() for f in result["OUTPUT"].getFeatures()]
    assert (points[0].x(), points[0].y()) == (24.94, 60.17)
    assert points[1].x() != 102.7
    assert any(m.startswith("1 feature(s) lie partly or wholly outside China") for m in feedback.messages)


def test_projected_input_is_read_as_lonlat_and_written_in_wgs84(run):
    layer = memory_layer("Point", "EPSG:4543", ["POINT(500000 2770000)"])
    result = run("urbanization:chinacoordinates", {"INPUT": layer, "FROM": "gcj02", "TO": "wgs84", "OUTPUT": "memory:"})
    out = result["OUTPUT"]
    assert out.crs().authid() == "EPSG:4326"
    point = next(out.getFeatures()).geometry().asPoint()
    assert 101.9 < point.x() < 102.1 and 24.9 < point.y() < 25.1


@pytest.mark.skipif(shutil.which("qgis_process.bin") is None, reason="qgis_process.bin is not installed")
def test_qgis_process_runs_the_algorithm_end_to_end(tmp_path):
    """The same call a planner types: the plugin enabled in a throwaway profile, then run."""
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"), QT_QPA_PLATFORM="offscreen")
    for name in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):  # pytest-qgis 5 (3.40) points these at its profile
        env.pop(name, None)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "urbanization_planning").symlink_to(ROOT, target_is_directory=True)
    env["QGIS_PLUGINPATH"] = str(plugins)
    enable = subprocess.run(
        ["qgis_process.bin", "plugins", "enable", "urbanization_planning"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert enable.returncode == 0, enable.stderr
    listing = subprocess.run(["qgis_process.bin", "list"], env=env, capture_output=True, text=True, timeout=120)
    assert "urbanization:chinacoordinates" in listing.stdout
    output = tmp_path / "stations_gcj02.gpkg"
    completed = subprocess.run(
        [
            "qgis_process.bin",
            "run",
            "urbanization:chinacoordinates",
            "--json",
            "--",
            f"INPUT={SAMPLE_DATA / 'kunming_metro_osm.gpkg'}|layername=stations",
            "FROM=wgs84",
            "TO=gcj02",
            f"OUTPUT={output}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout[completed.stdout.index("{") :])["results"]
    assert results["OUTPUT"] == str(output)
    converted = QgsVectorLayer(str(output), "out", "ogr")
    assert converted.featureCount() == 103
    # WGS84 -> GCJ-02 reproduces the coordinates AMap gives, stored in gcj02_lon/lat
    for feature in converted.getFeatures():
        point = feature.geometry().asPoint()
        assert (
            metres_between(
                np.array([point.x()]),
                np.array([point.y()]),
                np.array([feature["gcj02_lon"]]),
                np.array([feature["gcj02_lat"]]),
            )[0]
            < 1.0
        )
