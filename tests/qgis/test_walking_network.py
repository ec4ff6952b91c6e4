"""One walking network for every green-city and transit algorithm (algorithms/network/processing/walking_network.py):
lengths shown and applied in metres for an OSM-style network in EPSG:4326, the same walking
distances in every algorithm for the same streets and homes, and no resident lost or invented
(population = covered + not covered + unreachable in every summary).

The streets: a 1 km grid of 100 m blocks drawn in UTM 48N (EPSG:32648, Kunming) and stored in
EPSG:4326, as OSM roads come; homes, parks, facilities and stations in EPSG:32648."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProject,
)

from .helpers import memory_layer
from .test_foundation import RecordingFeedback

X0, Y0 = 500000.0, 2770000.0
UTM = "EPSG:32648"
WALKING_ALGORITHMS = ("parkcoverage", "facilitycoverage", "parkequity", "stationcatchments", "expressservice")


def at(x: float, y: float) -> str:
    return f"POINT({X0 + x} {Y0 + y})"


def square(x: float, y: float, half: float = 5.0) -> str:
    x, y = X0 + x, Y0 + y
    return f"POLYGON(({x - half} {y - half}, {x + half} {y - half}, {x + half} {y + half}, {x - half} {y + half}, {x - half} {y - half}))"


def streets_4326():
    """The grid in EPSG:4326 (reprojected by QGIS, as OSM roads arrive)."""
    import processing

    wkts = [
        f"LINESTRING({X0 + 100 * i} {Y0 + 100 * j}, {X0 + 100 * (i + 1)} {Y0 + 100 * j})"
        for i in range(10)
        for j in range(11)
    ]
    wkts += [
        f"LINESTRING({X0 + 100 * j} {Y0 + 100 * i}, {X0 + 100 * j} {Y0 + 100 * (i + 1)})"
        for i in range(10)
        for j in range(11)
    ]
    grid = memory_layer("LineString", UTM, wkts, {"highway": ["residential"] * len(wkts)})
    layer = processing.run(
        "native:reprojectlayer",
        {"INPUT": grid, "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:4326"), "OUTPUT": "memory:"},
    )["OUTPUT"]
    assert layer.crs().authid() == "EPSG:4326"
    return layer


# The site (park, facility, station) stands 20 m off the street x = 500, at (500, 520) on it.
SITE = (520.0, 520.0)
# Homes: (x, y, population). 0: 20 m off x = 100, snapping at (100, 240): 400 + 280 = 680 m to the
# site along the grid; 1-2: the same spot twice (15 residents in all); 3: a negative count;
# 4: 200 m west of the grid, farther than the 50 m snap distance: unreachable.
HOMES = [(120.0, 240.0, 100.0), (860.0, 130.0, 10.0), (860.0, 130.0, 5.0), (330.0, 910.0, -7.0), (-200.0, 300.0, 40.0)]


def homes_layer(polygons: bool = False):
    wkts = [square(x, y) if polygons else at(x, y) for x, y, _ in HOMES]
    return memory_layer("Polygon" if polygons else "Point", UTM, wkts, {"people": [p for _, _, p in HOMES]})


def site_layer(**fields):
    return memory_layer("Point", UTM, [at(*SITE)], fields or None)


# --- 2: metres, shown as metres ---------------------------------------------------------------------


def _context_generator_class():
    from qgis.gui import QgsProcessingContextGenerator

    class ContextGenerator(QgsProcessingContextGenerator):
        def __init__(self, context):
            super().__init__()
            self.context = context

        def processingContext(self):  # noqa: N802 (QGIS API name)
            return self.context

    return ContextGenerator


def _ContextGenerator(context):  # noqa: N802
    return _context_generator_class()(context)


def distance_widget_units(parameter, network_layer) -> tuple[list[str], bool]:
    """The units the toolbox dialog shows for `parameter` (a distance) once NETWORK holds
    `network_layer`, built through QGIS's widget registry as the dialog builds it: (texts of the
    visible unit label/combo, warning icon visible)."""
    from qgis.gui import QgsGui, QgsProcessingGui
    from qgis.PyQt.QtWidgets import QComboBox, QLabel

    algorithm = QgsApplication.processingRegistry().algorithmById("urbanization:parkcoverage")
    registry = QgsGui.processingGuiRegistry()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    network = registry.createParameterWidgetWrapper(
        algorithm.parameterDefinition("NETWORK"), QgsProcessingGui.WidgetType.Standard
    )
    network_widget = network.createWrappedWidget(context)  # kept: a collected widget has no value
    network.setParameterValue(network_layer, context)
    wrapper = registry.createParameterWidgetWrapper(parameter, QgsProcessingGui.WidgetType.Standard)
    generator = _ContextGenerator(context)  # as the dialog gives it: layers resolve in the project
    wrapper.registerProcessingContextGenerator(generator)
    widget = wrapper.createWrappedWidget(context)
    wrapper.postInitialize([network, wrapper])
    shown = [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget) and w.text()]
    shown += [w.currentText() for w in widget.findChildren(QComboBox) if w.isVisibleTo(widget)]
    warning = any(
        not w.text() and w.pixmap() is not None and w.isVisibleTo(widget) for w in widget.findChildren(QLabel)
    )
    del network_widget, generator
    return shown, warning


@pytest.fixture
def network_in_project(tmp_path):
    """The 4326 streets as a GeoPackage path (what the network combo box holds for a file)."""
    import processing

    path = tmp_path / "roads.gpkg"
    processing.run("native:savefeatures", {"INPUT": streets_4326(), "OUTPUT": str(path)})
    return f"{path}|layername=roads"


def test_the_old_parameter_showed_degrees(provider, network_in_project):  # a control of the harness
    """The harness sees the bug: a distance tied to the network layer shows that layer's unit."""
    old = QgsProcessingParameterDistance("SNAP_DISTANCE", "old", defaultValue=50.0, parentParameterName="NETWORK")
    shown, warning = distance_widget_units(old, network_in_project)
    assert shown == ["degrees"] and warning


@pytest.mark.parametrize("algorithm_id", WALKING_ALGORITHMS)
def test_every_length_is_shown_in_metres_for_a_4326_network(provider, network_in_project, algorithm_id):
    algorithm = QgsApplication.processingRegistry().algorithmById(f"urbanization:{algorithm_id}")
    lengths = [
        p
        for p in algorithm.parameterDefinitions()
        if p.type() == QgsProcessingParameterDistance.typeName()
        and not p.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden
    ]
    names = {p.name() for p in lengths}
    assert {"TOLERANCE", "SNAP_DISTANCE"} <= names
    for parameter in lengths:
        assert parameter.parentParameterName() == ""
        assert parameter.description().count("(m)") == 1  # batch and modeller columns show no unit
        shown, warning = distance_widget_units(parameter, network_in_project)
        assert shown == ["meters"] and not warning, (algorithm_id, parameter.name(), shown)
    if algorithm_id == "parkcoverage":
        assert "OFFSET" in names


def test_lengths_are_applied_in_metres_with_a_4326_network(run):
    """Home 0 stands 20 m from its street: reachable with SNAP_DISTANCE 25 (m), not with 15; a
    value read as degrees would reach everything."""
    params = {
        "PARKS": site_layer(size=[20000.0]),
        "PARK_SIZE_FIELD": "size",
        "NETWORK": streets_4326(),
        "RESIDENTIAL": memory_layer("Point", UTM, [at(120, 240)]),
        "STANDARD": "custom",
        "CUSTOM_RULES": "0: 2000: park",
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
    }
    for snap, reachable in ((25.0, True), (15.0, False)):
        result = run("urbanization:parkcoverage", {**params, "SNAP_DISTANCE": snap})
        (home,) = list(result["RESIDENTIAL_RESULT"].getFeatures())
        assert bool(home["reachable"]) is reachable


# --- 4: one walking network ---------------------------------------------------------------------------


def by_fid(layer, column) -> dict:
    return {f["src_fid"]: f[column] for f in layer.getFeatures()}


def test_same_streets_and_homes_give_the_same_distances(run):
    """Park coverage, facility coverage and park equity measure each home to the same site with
    the same network distance (680 m by hand for home 0); station catchments, the commute
    isochrones and the park's service area reach the same streets from that site (300 m)."""
    streets, homes = streets_4326(), homes_layer()

    def park_coverage(radius):
        return run(
            "urbanization:parkcoverage",
            {
                "PARKS": site_layer(size=[20000.0]),
                "PARK_SIZE_FIELD": "size",
                "NETWORK": streets,
                "RESIDENTIAL": homes,
                "STANDARD": "custom",
                "CUSTOM_RULES": f"0: {radius}: park",
                "SERVICE_AREAS": "memory:",
                "RESIDENTIAL_RESULT": "memory:",
                "UNDERSERVED": "memory:",
                "SUMMARY": "memory:",
            },
        )

    coverage = park_coverage(2000)
    facility = run(
        "urbanization:facilitycoverage",
        {
            "FACILITIES": site_layer(kind=["kindergarten"]),
            "TYPE_FIELD": "kind",
            "DISTANCES": "kindergarten = 2000",
            "NETWORK": streets,
            "RESIDENTIAL": homes,
            "RESULT": "memory:",
            "SUMMARY": "memory:",
            "UNDERSERVED": "memory:",
        },
    )
    equity = run(
        "urbanization:parkequity",
        {
            "PARKS": site_layer(size=[20000.0]),
            "PARK_SIZE_FIELD": "size",
            "NETWORK": streets,
            "RESIDENTIAL": homes,
            "POPULATION_FIELD": "people",
            "STANDARD": "custom",
            "CUSTOM_RULES": "0: 2000: park",
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )
    park = by_fid(coverage["RESIDENTIAL_RESULT"], "distance_m")
    living = by_fid(facility["RESULT"], "d_kindergarten")
    fair = by_fid(equity["OUTPUT"], "distance_m")
    reachable = [fid for fid, value in living.items() if isinstance(value, float) and value == value]
    assert len(reachable) == 3  # homes 0, 1 (its copy merged) and 3; home 4 is unreachable
    assert park[1] == pytest.approx(680.0, abs=1e-3)  # src_fid counts from 1
    for fid in reachable:
        assert park[fid] == pytest.approx(living[fid], abs=1e-6) == pytest.approx(fair[fid], abs=1e-6)

    (service,) = list(park_coverage(300)["SERVICE_AREAS"].getFeatures())
    catchments = run(
        "urbanization:stationcatchments",
        {
            "STATIONS": site_layer(),
            "NETWORK": streets,
            "BANDS": "300",
            "CATCHMENTS": "memory:",
            "STATION_SUMMARY": "memory:",
        },
    )
    (catchment,) = list(catchments["CATCHMENTS"].getFeatures())
    stations = memory_layer(
        "Point",
        UTM,
        [at(*SITE), at(9000, 9000)],
        {"station_id": ["A", "B"], "line": ["L", "L"], "order": [1, 2], "express": [1, 1]},
    )
    express = run(
        "urbanization:expressservice",
        {
            "STATIONS": stations,
            "STATION_ID_FIELD": "station_id",
            "LINE_FIELD": "line",
            "ORDER_FIELD": "order",
            "EXPRESS_FIELD": "express",
            "DESTINATION": "A",
            "NETWORK": streets,
            "WALK_SPEED": 1.0,
            "COMMUTE_MINUTES": "5",
            "STATION_TIMES": "memory:",
            "COMMUTE_ISOCHRONES": "memory:",
        },
    )
    isochrone = next(f for f in express["COMMUTE_ISOCHRONES"].getFeatures() if f["pattern"] == "allstop")
    area = service.geometry().area()
    assert catchment.geometry().area() == pytest.approx(area, rel=1e-6)
    assert isochrone.geometry().area() == pytest.approx(area, rel=1e-6)
    assert isochrone["reached_length_m"] == pytest.approx(catchment["reached_length_m"], rel=1e-9)


def test_the_parameter_names_are_shared(provider):
    names = {"NETWORK", "EXCLUDE_FIELD", "EXCLUDE_VALUES", "TOLERANCE", "SNAP_DISTANCE"}
    defaults = set()
    for algorithm_id in WALKING_ALGORITHMS:
        algorithm = QgsApplication.processingRegistry().algorithmById(f"urbanization:{algorithm_id}")
        assert names <= {p.name() for p in algorithm.parameterDefinitions()}, algorithm_id
        defaults.add(tuple(algorithm.parameterDefinition(n).defaultValue() for n in sorted(names - {"NETWORK"})))
    assert defaults == {("highway", "motorway,motorway_link,trunk,trunk_link", 50.0, 0.5)}


def test_renamed_station_parameters_still_apply(run):
    """Saved models and scripts that set MAX_SNAP_DISTANCE / NETWORK_TOLERANCE keep their values."""
    result = run(
        "urbanization:stationcatchments",
        {
            "STATIONS": memory_layer("Point", UTM, [at(500, 500), at(-150, 500)], {"name": ["on", "far"]}),
            "STATION_NAME_FIELD": "name",
            "NETWORK": streets_4326(),
            "BANDS": "300",
            "MAX_SNAP_DISTANCE": 200,
            "CATCHMENTS": "memory:",
            "STATION_SUMMARY": "memory:",
        },
    )
    assert sorted(f["name"] for f in result["CATCHMENTS"].getFeatures()) == ["far", "on"]  # 150 m off: in with 200


# --- 5: no resident lost or invented -------------------------------------------------------------------

INPUT_POPULATION = sum(max(p, 0.0) for _, _, p in HOMES)  # 155: negatives count as 0
UNREACHABLE = 40.0


def assert_identity(row, population=INPUT_POPULATION, unreachable=UNREACHABLE, below="population_not_covered"):
    assert row["population"] == pytest.approx(population)
    assert row["population_unreachable"] == pytest.approx(unreachable)
    assert row["population"] == pytest.approx(row["population_covered"] + row[below] + row["population_unreachable"])


def warnings_of(feedback) -> str:
    return "\n".join(feedback.messages)


@pytest.mark.parametrize("polygons", [False, True])
def test_park_coverage_keeps_every_resident(run, polygons):
    feedback = RecordingFeedback()
    result = run(
        "urbanization:parkcoverage",
        {
            "PARKS": site_layer(size=[20000.0]),
            "PARK_SIZE_FIELD": "size",
            "NETWORK": streets_4326(),
            "RESIDENTIAL": homes_layer(polygons),
            "POPULATION_FIELD": "people",
            "STANDARD": "custom",
            "CUSTOM_RULES": "0: 700: park",
            "SERVICE_AREAS": "memory:",
            "RESIDENTIAL_RESULT": "memory:",
            "UNDERSERVED": "memory:",
            "SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    (total,) = [f for f in result["SUMMARY"].getFeatures() if f["district"] == "(all)"]
    assert_identity(total)
    assert total["homes_unreachable"] == 1
    assert "population added to the kept copy" in warnings_of(feedback)
    assert "negative population" in warnings_of(feedback)
    homes = {f["src_fid"]: f for f in result["RESIDENTIAL_RESULT"].getFeatures()}
    assert homes[2]["population"] == pytest.approx(15.0) and 3 not in homes


def test_facility_coverage_keeps_every_resident(run):
    result = run(
        "urbanization:facilitycoverage",
        {
            "FACILITIES": site_layer(kind=["kindergarten"]),
            "TYPE_FIELD": "kind",
            "DISTANCES": "kindergarten = 700",
            "NETWORK": streets_4326(),
            "RESIDENTIAL": homes_layer(),
            "POPULATION_FIELD": "people",
            "RESULT": "memory:",
            "SUMMARY": "memory:",
            "UNDERSERVED": "memory:",
        },
    )
    (row,) = [f for f in result["SUMMARY"].getFeatures() if f["district"] == "(all)"]
    assert_identity(row)
    assert row["population_covered"] == pytest.approx(100.0)  # home 0 at 680 m; the others beyond 700 m
    assert row["homes_unreachable"] == 1


def test_park_equity_counts_unreachable_homes_apart(run):
    result = run(
        "urbanization:parkequity",
        {
            "PARKS": site_layer(size=[20000.0]),
            "PARK_SIZE_FIELD": "size",
            "NETWORK": streets_4326(),
            "RESIDENTIAL": homes_layer(),
            "POPULATION_FIELD": "people",
            "STANDARD": "custom",
            "CUSTOM_RULES": "0: 2000: park",
            "TARGET": 8.0,
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )
    (row,) = [f for f in result["SUMMARY"].getFeatures() if f["district"] == "(all)"]
    assert_identity(row, below="population_below")
    assert result["POPULATION_BELOW"] == pytest.approx(row["population_below"])
    unreachable = [f for f in result["OUTPUT"].getFeatures() if not f["reachable"]]
    assert len(unreachable) == 1 and not unreachable[0]["below_target"]


def test_station_catchments_keep_every_resident(run):
    feedback = RecordingFeedback()
    result = run(
        "urbanization:stationcatchments",
        {
            "STATIONS": site_layer(),
            "NETWORK": streets_4326(),
            "BANDS": "700",
            "POPULATION": homes_layer(polygons=True),
            "POPULATION_FIELD": "people",
            "CATCHMENTS": "memory:",
            "STATION_SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    assert_identity(
        {
            "population": result["POPULATION_TOTAL"],
            "population_covered": result["POPULATION_COVERED"],
            "population_not_covered": result["POPULATION_NOT_COVERED"],
            "population_unreachable": result["POPULATION_UNREACHABLE"],
        }
    )
    assert "negative population" in warnings_of(feedback)


def test_commute_isochrones_keep_every_resident(run):
    stations = memory_layer(
        "Point",
        UTM,
        [at(*SITE), at(9000, 9000)],
        {"station_id": ["A", "B"], "line": ["L", "L"], "order": [1, 2], "express": [1, 1]},
    )
    feedback = RecordingFeedback()
    result = run(
        "urbanization:expressservice",
        {
            "STATIONS": stations,
            "STATION_ID_FIELD": "station_id",
            "LINE_FIELD": "line",
            "ORDER_FIELD": "order",
            "EXPRESS_FIELD": "express",
            "DESTINATION": "A",
            "NETWORK": streets_4326(),
            "WALK_SPEED": 1.0,
            "POPULATION": homes_layer(polygons=True),
            "POPULATION_FIELD": "people",
            "COMMUTE_MINUTES": "5,12",
            "STATION_TIMES": "memory:",
            "COMMUTE_ISOCHRONES": "memory:",
        },
        feedback=feedback,
    )
    rows = list(result["COMMUTE_ISOCHRONES"].getFeatures())
    assert len(rows) == 4
    for row in rows:
        assert_identity(row)
    assert "negative population" in warnings_of(feedback)


# --- 6: express service without track geometry -----------------------------------------------------------


def test_express_says_which_distance_it_used(run, tmp_path):
    stations = memory_layer(
        "Point",
        UTM,
        [at(0, 0), at(1000, 0), at(2000, 1000)],
        {"station_id": ["a", "b", "c"], "line": ["L"] * 3, "order": [1, 2, 3], "express": [1, 0, 1]},
    )
    base = {
        "STATIONS": stations,
        "STATION_ID_FIELD": "station_id",
        "LINE_FIELD": "line",
        "ORDER_FIELD": "order",
        "EXPRESS_FIELD": "express",
        "DESTINATION": "a",
        "STATION_TIMES": "memory:",
    }
    feedback = RecordingFeedback()
    straight = run("urbanization:expressservice", {**base, "REPORT": str(tmp_path / "s.html")}, feedback=feedback)
    assert straight["DISTANCE_METHOD"] == "straight_line"
    assert {f["distance_method"] for f in straight["STATION_TIMES"].getFeatures()} == {"straight_line"}
    assert "No track geometry for line(s) L" in warnings_of(feedback)
    assert "straight lines between stations" in (tmp_path / "s.html").read_text(encoding="utf-8")
    track = memory_layer(
        "LineString", UTM, [f"LINESTRING({X0} {Y0}, {X0 + 2000} {Y0}, {X0 + 2000} {Y0 + 1000})"], {"line": ["L"]}
    )
    feedback = RecordingFeedback()
    along = run(
        "urbanization:expressservice", {**base, "LINES": track, "REPORT": str(tmp_path / "t.html")}, feedback=feedback
    )
    assert along["DISTANCE_METHOD"] == "track"
    assert {f["distance_method"] for f in along["STATION_TIMES"].getFeatures()} == {"track"}
    assert "No track geometry" not in warnings_of(feedback)
    assert "along the track" in (tmp_path / "t.html").read_text(encoding="utf-8")
