"""The multi-plan algorithms in partitioned mode (Dask, streamed to the sinks) through Processing:
the same features as the in-memory mode on the planning sample's real OSM land use and on a
generated tessellation with topology errors across partition borders; how the mode is chosen and
said; the dependency message; cancellation."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from ..conftest import SAMPLE_DATA
from ..unit.test_zoning_partitioned import broken_plan, stars, tessellation, write

pytest.importorskip("pyarrow")

SAMPLE = SAMPLE_DATA / "planning_sample.gpkg"
LINES = {
    "ECOLOGICAL_REDLINE": "ecological_redline",
    "PERMANENT_FARMLAND": "permanent_farmland",
    "DEVELOPMENT_BOUNDARY": "development_boundary",
}


class Messages(QgsProcessingFeedback):
    def __init__(self, cancel_at: float | None = None):
        super().__init__()
        self.lines, self.cancel_at = [], cancel_at

    def pushInfo(self, text):  # noqa: N802
        self.lines.append(text)
        super().pushInfo(text)

    def pushWarning(self, text):  # noqa: N802
        self.lines.append(text)
        super().pushWarning(text)

    def setProgress(self, value):  # noqa: N802
        super().setProgress(value)
        if self.cancel_at is not None and value >= self.cancel_at:
            self.cancel()


def features(layer, key, area="ellipsoid_area_m2"):
    rows = {}
    for feature in layer.getFeatures():
        rows[tuple(feature[k] for k in key)] = (feature[area], feature.geometry().area())
    return rows


def assert_same(left, right):
    assert left.keys() == right.keys()
    for k, (area, geometry_area) in left.items():
        assert right[k][0] == pytest.approx(area, rel=1e-6)
        assert right[k][1] == pytest.approx(geometry_area, rel=1e-6)


@pytest.fixture(scope="module")
def tessellated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("partitioned_qgis")
    cells, codes = tessellation(3000, seed=21)
    plan = write(folder / "plan.gpkg", cells, codes, layer="dltb").path
    red = write(folder / "red.gpkg", stars(12, 4)).path
    broken = write(folder / "broken.gpkg", broken_plan(cells)).path
    return plan, red, broken


def test_conflicts_on_the_real_sample_match_in_memory(run, tmp_path):
    base = {
        "PLAN": f"{SAMPLE}|layername=plan_landuse",
        "LANDUSE_FIELD": "DLBM",
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
        **{k: f"{SAMPLE}|layername={v}" for k, v in LINES.items()},
    }
    memory = run("urbanization:controllineconflicts", {**base, "MODE": "in-memory"})
    messages = Messages()
    report = tmp_path / "report.html"
    streamed = run(
        "urbanization:controllineconflicts",
        {**base, "MODE": "partitioned", "PARTITION_SIZE": 100, "REPORT": str(report)},
        feedback=messages,
    )
    assert "<svg" in report.read_text(encoding="utf-8")
    assert any("partitioned" in line and "partitions" in line for line in messages.lines)
    for name in ("CONFLICT_COUNT", "PROHIBITED_COUNT", "APPROVAL_COUNT", "OVERLAP_COUNT", "UNKNOWN_CODE_COUNT"):
        assert streamed[name] == memory[name]
    assert memory["CONFLICT_COUNT"] > 10
    assert streamed["CONFLICT_AREA_M2"] == pytest.approx(memory["CONFLICT_AREA_M2"], rel=1e-6)
    key = ("plan_fid", "control_line", "rule_id")
    assert_same(features(memory["CONFLICTS"], key), features(streamed["CONFLICTS"], key))
    assert streamed["SUMMARY"].featureCount() == memory["SUMMARY"].featureCount()


def test_a_first_partition_without_conflicts_does_not_fix_the_fields(run, tessellated):
    """Partitions of 100: the first has no conflict, and its empty frame (an empty text column is
    float) must not decide the output's field types (it failed on "Rural homesteads")."""
    plan, red, _ = tessellated
    base = {
        "PLAN": f"{plan}|layername=dltb",
        "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": red,
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    memory = run("urbanization:controllineconflicts", {**base, "MODE": "in-memory"})
    streamed = run("urbanization:controllineconflicts", {**base, "MODE": "partitioned", "PARTITION_SIZE": 100})
    key = ("plan_fid", "control_line", "rule_id")
    assert_same(features(memory["CONFLICTS"], key), features(streamed["CONFLICTS"], key))


def test_space_and_topology_match_in_memory(run, tessellated):
    plan, red, broken = tessellated
    base = {
        "PLAN": f"{plan}|layername=dltb",
        "LANDUSE_FIELD": "DLBM",
        "UNITS": red,
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
    }
    memory = run("urbanization:livingspacestructure", {**base, "MODE": "in-memory"})
    streamed = run("urbanization:livingspacestructure", {**base, "MODE": "partitioned", "PARTITION_SIZE": 400})
    assert_same(features(memory["OUTPUT"], ("plan_fid", "unit")), features(streamed["OUTPUT"], ("plan_fid", "unit")))
    summary = {f["unit_name"]: f["total_ellipsoid_m2"] for f in memory["SUMMARY"].getFeatures()}
    again = {f["unit_name"]: f["total_ellipsoid_m2"] for f in streamed["SUMMARY"].getFeatures()}
    assert summary.keys() == again.keys() and len(summary) == 14  # 12 units, outside, whole plan
    for unit, area in summary.items():
        assert again[unit] == pytest.approx(area, rel=1e-6)

    base = {"PLAN": broken, "ERRORS": "memory:"}
    memory = run("urbanization:plantopology", {**base, "MODE": "in-memory"})
    streamed = run("urbanization:plantopology", {**base, "MODE": "partitioned", "PARTITION_SIZE": 300})
    for name in ("ERROR_COUNT", "OVERLAP_COUNT", "GAP_COUNT", "SLIVER_COUNT", "INVALID_COUNT", "DUPLICATE_COUNT"):
        assert streamed[name] == memory[name], name
    assert memory["OVERLAP_COUNT"] > 25 and memory["GAP_COUNT"] >= 5

    def errors(layer):
        return sorted(
            (f["error_type"], ";".join(sorted(f["feature_ids"].split(";"))), round(f["plane_area_m2"], 4))
            for f in layer.getFeatures()
        )

    assert errors(memory["ERRORS"]) == errors(streamed["ERRORS"])


def test_mode_choice_is_said(run, tessellated, monkeypatch):
    from urbanization_planning.algorithms import dependencies
    from urbanization_planning.algorithms.zoning import partitioned

    plan, red, _ = tessellated
    base = {
        "PLAN": f"{plan}|layername=dltb",
        "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": red,
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    messages = Messages()
    run("urbanization:controllineconflicts", base, feedback=messages)
    assert "Processing mode: in memory (3000 parcels)." in messages.lines

    monkeypatch.setattr(partitioned, "IN_MEMORY_LIMIT", 1000)  # 3000 parcels are "large" now
    messages = Messages()
    run("urbanization:controllineconflicts", base, feedback=messages)
    assert any(line.startswith("Processing mode: partitioned, 3000 parcels in 1 partitions") for line in messages.lines)

    real = dependencies.find_missing
    monkeypatch.setattr(
        dependencies,
        "find_missing",
        lambda names: [dependencies.Missing("dask", None)] if "dask" in names else real(names),
    )
    messages = Messages()
    result = run("urbanization:controllineconflicts", base, feedback=messages)
    assert result["CONFLICT_COUNT"] > 0
    warning = next(line for line in messages.lines if "are missing" in line)
    assert "dask (not installed)" in warning and "pip install" in warning
    with pytest.raises(QgsProcessingException, match="The partitioned mode needs dask"):
        run("urbanization:controllineconflicts", {**base, "MODE": "partitioned"})


def test_control_lines_from_a_file_and_from_memory(run, tessellated):
    """A GeoPackage control line stays in its file (boxes only), a memory-layer one is read through
    QGIS: both dissolved by components in the partitioned mode, with the conflicts and control-line
    overlaps of the in-memory mode."""
    import shapely

    from .helpers import memory_layer

    plan, red, _ = tessellated
    farmland = memory_layer("Polygon", "EPSG:4543", [shapely.to_wkt(p) for p in stars(12, 7)])
    base = {
        "PLAN": f"{plan}|layername=dltb",
        "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": red,
        "PERMANENT_FARMLAND": farmland,
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    memory = run("urbanization:controllineconflicts", {**base, "MODE": "in-memory"})
    streamed = run("urbanization:controllineconflicts", {**base, "MODE": "partitioned", "PARTITION_SIZE": 500})
    for name in ("CONFLICT_COUNT", "PROHIBITED_COUNT", "APPROVAL_COUNT", "OVERLAP_COUNT"):
        assert streamed[name] == memory[name], name
    assert memory["OVERLAP_COUNT"] > 0
    assert streamed["OVERLAP_AREA_M2"] == pytest.approx(memory["OVERLAP_AREA_M2"], rel=1e-6)
    key = ("plan_fid", "control_line", "rule_id")
    assert_same(features(memory["CONFLICTS"], key), features(streamed["CONFLICTS"], key))


def test_partitioned_mode_needs_a_geopackage(run, tessellated):
    from .helpers import memory_layer

    plan = memory_layer("Polygon", "EPSG:4543", ["POLYGON((0 0,10 0,10 10,0 10,0 0))"], {"DLBM": ["0101"]})
    red = memory_layer("Polygon", "EPSG:4543", ["POLYGON((0 0,5 0,5 5,0 5,0 0))"])
    with pytest.raises(QgsProcessingException, match="GeoPackage"):
        run(
            "urbanization:controllineconflicts",
            {
                "PLAN": plan,
                "LANDUSE_FIELD": "DLBM",
                "ECOLOGICAL_REDLINE": red,
                "MODE": "partitioned",
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
        )


def test_cancel_between_partitions(run, tessellated):
    plan, red, _ = tessellated
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run(
            "urbanization:controllineconflicts",
            {
                "PLAN": f"{plan}|layername=dltb",
                "LANDUSE_FIELD": "DLBM",
                "ECOLOGICAL_REDLINE": red,
                "MODE": "partitioned",
                "PARTITION_SIZE": 200,
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
            feedback=Messages(cancel_at=20),
        )


@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    """A Dask scheduler and two workers started as separate processes (without QGIS)."""
    pytest.importorskip("distributed")
    from ..unit.cluster_processes import Cluster

    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield cluster.scheduler().worker().worker().wait(2)
    finally:
        cluster.stop()


@pytest.fixture
def on_cluster(processes):
    """The provider's "Dask scheduler address" set to `processes` for one test."""
    from processing.core.ProcessingConfig import ProcessingConfig

    from urbanization_planning.algorithms.provider import DASK_SCHEDULER

    ProcessingConfig.setSettingValue(DASK_SCHEDULER, processes.address)
    try:
        yield processes
    finally:
        ProcessingConfig.setSettingValue(DASK_SCHEDULER, "")


def test_cancel_stops_a_cluster_run_within_5_s(run, tessellated, on_cluster):
    import time

    class CancelTimed(Messages):
        def cancel(self):
            self.cancelled_at = time.monotonic()
            super().cancel()

    plan, red, _ = tessellated
    feedback = CancelTimed(cancel_at=20)
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run(
            "urbanization:controllineconflicts",
            {
                "PLAN": f"{plan}|layername=dltb",
                "LANDUSE_FIELD": "DLBM",
                "ECOLOGICAL_REDLINE": red,
                "MODE": "partitioned",
                "PARTITION_SIZE": 100,
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
            feedback=feedback,
        )
    assert time.monotonic() - feedback.cancelled_at < 5


def test_cluster_from_the_provider_setting(run, tessellated, on_cluster):
    """With "Dask scheduler address" set, the partitions run on that cluster (a scheduler and two
    workers started as separate processes, without QGIS) and give what the in-memory run gives."""
    distributed = pytest.importorskip("distributed")

    plan, red, _ = tessellated
    base = {
        "PLAN": f"{plan}|layername=dltb",
        "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": red,
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    memory = run("urbanization:controllineconflicts", {**base, "MODE": "in-memory"})
    messages = Messages()
    with distributed.Client(on_cluster.address) as client, distributed.get_task_stream(client=client) as stream:
        streamed = run(
            "urbanization:controllineconflicts",
            # 30 partitions, not 6: with the faster conflict check one idle worker could take 6 short
            # tasks before the other was asked (seen once on 3.40); 30 keep both busy
            {**base, "MODE": "partitioned", "PARTITION_SIZE": 100},
            feedback=messages,
        )
    assert any(f"on Dask cluster at {on_cluster.address}" in line for line in messages.lines)
    assert len({task["worker"] for task in stream.data}) == 2
    key = ("plan_fid", "control_line", "rule_id")
    assert_same(features(memory["CONFLICTS"], key), features(streamed["CONFLICTS"], key))


def test_unreachable_cluster_stops_before_any_work(run, tessellated, tmp_path):
    """A scheduler address where nothing listens (a closed port on 127.0.0.1): the run stops within
    the connect timeout with a message naming the address and the setting, and leaves no output."""
    import time

    from processing.core.ProcessingConfig import ProcessingConfig

    from urbanization_planning.algorithms.provider import DASK_CONNECT_TIMEOUT, DASK_SCHEDULER

    from ..unit.cluster_processes import LOOPBACK, free_port

    plan, red, _ = tessellated
    address = f"tcp://{LOOPBACK}:{free_port()}"
    output = tmp_path / "conflicts.gpkg"
    parameters = {
        "PLAN": f"{plan}|layername=dltb",
        "LANDUSE_FIELD": "DLBM",
        "ECOLOGICAL_REDLINE": red,
        "MODE": "partitioned",
        "CONFLICTS": str(output),
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    ProcessingConfig.setSettingValue(DASK_SCHEDULER, address)
    ProcessingConfig.setSettingValue(DASK_CONNECT_TIMEOUT, 2)
    started = time.monotonic()
    try:
        with pytest.raises(QgsProcessingException, match="Could not reach the Dask scheduler") as raised:
            run("urbanization:controllineconflicts", parameters)
    finally:
        ProcessingConfig.setSettingValue(DASK_SCHEDULER, "")
        ProcessingConfig.setSettingValue(DASK_CONNECT_TIMEOUT, 10)
    assert time.monotonic() - started < 10
    assert address in str(raised.value) and "Processing setting 'Dask scheduler address'" in str(raised.value)
    assert not output.exists()


def test_worker_without_the_plugin_is_named_before_any_work(run, tessellated, tmp_path):
    """A cluster whose only worker cannot import the plugin (started without it on PYTHONPATH): the
    run stops in the pre-flight with a message naming the worker and what to install, no output."""
    pytest.importorskip("distributed")
    from processing.core.ProcessingConfig import ProcessingConfig

    from urbanization_planning.algorithms.provider import DASK_SCHEDULER

    from ..unit.cluster_processes import Cluster

    plan, red, _ = tessellated
    output = tmp_path / "conflicts.gpkg"
    cluster = Cluster(tmp_path / "cluster")
    try:
        cluster.scheduler().worker(with_plugin=False).wait(1)
        ProcessingConfig.setSettingValue(DASK_SCHEDULER, cluster.address)
        with pytest.raises(QgsProcessingException, match="cannot import urbanization_planning") as raised:
            run(
                "urbanization:controllineconflicts",
                {
                    "PLAN": f"{plan}|layername=dltb",
                    "LANDUSE_FIELD": "DLBM",
                    "ECOLOGICAL_REDLINE": red,
                    "MODE": "partitioned",
                    "CONFLICTS": str(output),
                    "LINE_OVERLAPS": "memory:",
                    "SUMMARY": "memory:",
                },
            )
    finally:
        ProcessingConfig.setSettingValue(DASK_SCHEDULER, "")
        cluster.stop()
    message = str(raised.value)
    assert f"The Dask cluster at {cluster.address}" in message and "worker tcp://127.0.0.1:" in message
    assert "GDAL's Python bindings" in message and not output.exists()


def test_preflight_checks_every_folder_the_tasks_read(run, tessellated, tmp_path, monkeypatch):
    """A control line left in its GeoPackage is read by the Dask tasks, so a cluster's pre-flight
    must ask the workers for its folder too, not only the plan's (a worker that cannot see it would
    otherwise fail mid-run, after the plan's first pass)."""
    import shutil

    from urbanization_planning.algorithms import dask_runtime

    plan, red, _ = tessellated
    elsewhere = tmp_path / "control_lines"
    elsewhere.mkdir()
    red_copy = elsewhere / "red.gpkg"
    shutil.copy(red, red_copy)
    asked = []
    monkeypatch.setattr(dask_runtime.TileRunner, "preflight", lambda self, folders=(): asked.append(list(folders)))
    run(
        "urbanization:controllineconflicts",
        {
            "PLAN": f"{plan}|layername=dltb",
            "LANDUSE_FIELD": "DLBM",
            "ECOLOGICAL_REDLINE": str(red_copy),
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
            "MODE": "partitioned",
            "PARTITION_SIZE": 500,
        },
    )
    assert asked == [sorted({str(elsewhere), str(Path(plan).parent)})]
