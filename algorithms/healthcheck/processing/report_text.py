"""The city health check report's text: each indicator's method note and the report's labels, in
the user's language. Text uses `algorithm.tr` (context 'algorithm', see algorithms/base.py), but
for the words other doors translate differently under that shared context (see labels())."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ... import field_labels
from ...greenspace.processing.engine_text import engine_message
from ...network.processing import terrain_report


def _field_word(text: str) -> str:
    """A word of the shared field vocabulary (context 'fields'), as the attribute table shows it."""
    return QCoreApplication.translate(field_labels.CONTEXT, text)


def method_notes(algorithm, result) -> dict[str, str]:
    """Per indicator key: how it was computed, in the user's language."""
    mode = {
        "network": algorithm.tr("walking distance along the network"),
        "euclidean": algorithm.tr("straight-line distance (no network given; overstates coverage)"),
        "recorded": algorithm.tr("recorded waterlogging spots"),
        "dem": algorithm.tr("DEM depressions standing in for waterlogging spots (screening)"),
        "": "",
    }
    templates = {
        "park_coverage": algorithm.tr("Residential land inside the parks' service radii ({}), as parkcoverage."),
        "greenway_coverage": algorithm.tr(
            "Residential land within the radius of a greenway ({}), as parkcoverage with one rule."
        ),
        "facility_coverage": algorithm.tr(
            "Homes (weighted by population when given) within the GB 50180 walking distance ({}), as facilitycoverage."
        ),
        "station_coverage": algorithm.tr(
            "Residents standing in for commuters within the radius "
            "on the network ({}), as stationcatchments (screening)."
        ),
        "waterlogging_density": algorithm.tr("Spots in the built-up area per km² of it ({})."),
        "road_density": algorithm.tr("Length of the listed road classes in the built-up area per km² of it{}."),
        "built_up_share": algorithm.tr("Built-up area in the city territory over its area{}."),
        "cluster_size": algorithm.tr(
            "Each cluster: connected built-up land, parts closer than the gap tolerance joined; the value is the "
            "largest{}."
        ),
        "dense_land": algorithm.tr("Residential polygons whose population per km² exceeds the limit{}."),
        "eco_corridor": algorithm.tr("Required corridor lines inside corridor land at least the required width{}."),
    }
    official = {
        "station_coverage": algorithm.tr(
            "Commuters whose home and workplace both lie within the radius (straight line) of a station, from "
            "the commute lines."
        ),
        "facility_coverage": algorithm.tr("Communities with a facility of the type inside them, over all communities."),
        "dense_land": algorithm.tr("Blocks (地段) whose population per km² of gross block area exceeds the limit."),
        "streets": algorithm.tr(
            "Blocks enclosed by the city roads (no block layer given) whose population per km² of gross block "
            "area exceeds the limit."
        ),
    }
    return {
        r.indicator.key: official["streets" if r.mode == "streets" else r.indicator.method]
        if r.official
        else templates[r.indicator.method].format(mode[r.mode])
        for r in result.results
        if r.computed
    }


def labels(algorithm) -> dict[str, str]:
    """The report's text in the user's language (the engine's messages through engine_message).
    "Measure" and "Count" come from _door_words()."""
    return {
        "title": algorithm.tr("City health check: spatial indicators (城市体检)"),
        "edition": algorithm.tr("Indicator system"),
        "city_table": algorithm.tr("Indicators of the city"),
        "district_table": algorithm.tr("Indicators by district"),
        "not_computed_title": algorithm.tr("Indicators not computed and the layers they need"),
        "not_spatial_title": algorithm.tr(
            "Indicators of the edition that are statistics or surveys (not computed from map layers)"
        ),
        "chart_title": algorithm.tr("Rates of the city (%)"),
        "group": algorithm.tr("Dimension or level"),
        "indicator": algorithm.tr("Indicator"),
        "kind": algorithm.tr("Type"),
        "value": algorithm.tr("Value"),
        "unit": algorithm.tr("Unit"),
        "target": algorithm.tr("Target"),
        "verdict": algorithm.tr("Result"),
        "status": algorithm.tr("Definition checked"),
        "method": algorithm.tr("Method"),
        "district": algorithm.tr("District"),
        "needs": algorithm.tr("Needs"),
        "indicators": algorithm.tr("Indicators"),
        "computed": algorithm.tr("Computed"),
        "pass": algorithm.tr("Meets the target (达标)"),
        "fail": algorithm.tr("Below the target (未达标)"),
        "no_target": algorithm.tr("No numeric target"),
        "not_computed": algorithm.tr("Not computed"),
        **{f"status_{code}": words for code, words in field_labels.code_words("status", _field_word).items()},
        "basis": algorithm.tr("Definition used"),
        "basis_official": algorithm.tr("official definition"),
        "basis_screening": algorithm.tr("screening (not comparable with published values)"),
        "items_title": algorithm.tr("{}: every cluster against the target"),
        "item": algorithm.tr("Cluster (组团)"),
        "layer_built_up": algorithm.tr("built-up area"),
        "layer_admin_area": algorithm.tr("city territory (市辖区)"),
        "layer_residential": algorithm.tr("residential land"),
        "layer_population": algorithm.tr("population field"),
        "layer_parks": algorithm.tr("parks"),
        "layer_greenways": algorithm.tr("greenways"),
        "layer_facilities": algorithm.tr("facilities of the type"),
        "layer_network": algorithm.tr("walking network"),
        "layer_roads": algorithm.tr("road network"),
        "layer_stations": algorithm.tr("metro stations"),
        "layer_waterlogging": algorithm.tr("waterlogging spots or a DEM"),
        "layer_corridors": algorithm.tr("ecological corridors"),
        "layer_required_corridors": algorithm.tr("required corridor lines"),
        "note_screening": algorithm.tr(
            "Where the layers differ from the definition (residents for commuters, DEM depressions for recorded "
            "spots, straight-line distances) the value is a screening value, labelled in its method note."
        ),
        "note_status": algorithm.tr(
            "Definitions and targets come from resources/standards/city_health_check.json; the 'Definition "
            "checked' column tells whether each was checked against a public copy of the indicator list."
        ),
        "message": engine_message,
        **terrain_report.labels(algorithm),
        **_door_words(),
    }


def _door_words() -> dict[str, str]:
    """Words the door keeps in its own context: the shared 'algorithm' context gives them other
    words (waterlogging spots' 指标, the conflict check's 个数), and one context holds one.
    (Last in the module: pylupdate5 misreads the context of a tr() call after translate().)"""
    return {
        "measure": QCoreApplication.translate("CityHealthCheckAlgorithm", "Measure"),
        "count": QCoreApplication.translate("CityHealthCheckAlgorithm", "Count"),
    }
