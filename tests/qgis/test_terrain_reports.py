"""The "flat vs terrain" section of the HTML reports of the walking algorithms (issue 24): present
with a terrain DEM, its numbers those of the outputs; absent without one. Data: the Big Tujunga crop
and generated street grid of test_network_terrain.py."""

from __future__ import annotations

import html
import re

import pytest

from tests.qgis.helpers import memory_layer
from tests.qgis.test_network_terrain import CROP, X0, Y0, _features, _grid, _homes, _park

SECTION = "<h2>Flat vs terrain</h2>"


def _section(path) -> str:
    """The flat vs terrain section's HTML (up to the next heading), '' when the page has none."""
    text = path.read_text(encoding="utf-8")
    start = text.find(SECTION)
    if start < 0:
        return ""
    end = text.find("<h2>", start + len(SECTION))
    return text[start : end if end > 0 else len(text)]


def _row(section: str, label: str) -> list[str]:
    """The cells of the section's table row whose first cell is `label`."""
    for row in re.findall(r"<tr>(.*?)</tr>", section):
        cells = [html.unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in {section}")


def _number(cell: str) -> float:
    return float(cell.replace(",", "").replace("%", "").strip())


X, Y = X0 + 100, Y0 + 100


def _facility(tmp_path):
    market = memory_layer("Point", "EPSG:32611", [f"POINT({X + 500} {Y + 503})"], {"kind": ["market"]})
    parameters = {
        "FACILITIES": market,
        "TYPE_FIELD": "kind",
        "RESIDENTIAL": _homes(X, Y),
        "POPULATION_FIELD": "population",
        "NETWORK": _grid(X, Y),
        "RESULT": "memory:",
        "SUMMARY": "memory:",
        "UNDERSERVED": "memory:",
    }
    return parameters, str(CROP)


def test_facility_coverage_report(run, tmp_path):
    parameters, _ = _facility(tmp_path)
    run("urbanization:facilitycoverage", {**parameters, "REPORT": str(tmp_path / "flat.html")})
    assert _section(tmp_path / "flat.html") == ""
    assert "terrain" not in (tmp_path / "flat.html").read_text(encoding="utf-8").lower()
    hill = run(
        "urbanization:facilitycoverage", {**parameters, "TERRAIN_DEM": str(CROP), "REPORT": str(tmp_path / "hill.html")}
    )
    section = _section(tmp_path / "hill.html")
    total = [f for f in _features(hill, "SUMMARY") if f["district"] == "(all)"][0]
    cells = _row(section, next(c for c in re.findall(r"<td>([^<]*: Homes covered)</td>", section)))
    assert [_number(c) for c in cells[1:]] == [
        total["homes_covered"],
        total["homes_covered_terrain"],
        total["homes_losing_coverage"],
    ]
    assert total["homes_losing_coverage"] > 0
    rows = _features(hill, "RESULT")
    mean = sum(f["completeness_terrain"] for f in rows) / len(rows)
    assert _number(_row(section, "Mean completeness")[2]) == pytest.approx(100 * mean, abs=0.05)
    assert "screening" in section


def _equity(tmp_path):
    parameters = {
        "PARKS": _park(X + 500, Y + 500),
        "PARK_NAME_FIELD": "name",
        "NETWORK": _grid(X, Y),
        "RESIDENTIAL": _homes(X, Y),
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
    }
    return parameters, str(CROP)


def test_park_equity_report(run, tmp_path):
    parameters, _ = _equity(tmp_path)
    run("urbanization:parkequity", {**parameters, "REPORT": str(tmp_path / "flat.html")})
    assert _section(tmp_path / "flat.html") == ""
    hill = run(
        "urbanization:parkequity", {**parameters, "TERRAIN_DEM": str(CROP), "REPORT": str(tmp_path / "hill.html")}
    )
    section = _section(tmp_path / "hill.html")
    total = _features(hill, "SUMMARY")[-1]
    cells = _row(section, "Population below the target")
    flat, terrain, change = (_number(c) for c in cells[1:])
    assert (flat, terrain) == (round(total["population_below"]), round(total["population_below_terrain"]))
    assert change == terrain - flat
    cells = _row(section, "Mean accessible park area (m²/person)")
    assert _number(cells[2]) == pytest.approx(total["mean_m2_terrain"], abs=5e-4)


def _blocks():
    """100 blocks of 100 people, one in each cell of the grid."""
    wkts = [
        f"POLYGON(({X + i * 100 + 5} {Y + j * 100 + 5},{X + i * 100 + 95} {Y + j * 100 + 5},"
        f"{X + i * 100 + 95} {Y + j * 100 + 95},{X + i * 100 + 5} {Y + j * 100 + 95},"
        f"{X + i * 100 + 5} {Y + j * 100 + 5}))"
        for i in range(10)
        for j in range(10)
    ]
    return memory_layer("Polygon", "EPSG:32611", wkts, {"population": [100.0] * len(wkts)})


def _catchments(tmp_path):
    station = memory_layer("Point", "EPSG:32611", [f"POINT({X + 500} {Y + 502})"], {"name": ["Hill"]})
    parameters = {
        "STATIONS": station,
        "STATION_NAME_FIELD": "name",
        "NETWORK": _grid(X, Y),
        "BANDS": "300,500",
        "POPULATION": _blocks(),
        "POPULATION_FIELD": "population",
        "ALLOCATION": "overlapping",
        "CATCHMENTS": "memory:",
        "STATION_SUMMARY": "memory:",
    }
    return parameters, str(CROP)


def test_station_catchments_report(run, tmp_path):
    parameters, _ = _catchments(tmp_path)
    run("urbanization:stationcatchments", {**parameters, "REPORT": str(tmp_path / "flat.html")})
    assert _section(tmp_path / "flat.html") == ""
    hill = run(
        "urbanization:stationcatchments",
        {**parameters, "TERRAIN_DEM": str(CROP), "REPORT": str(tmp_path / "hill.html")},
    )
    section = _section(tmp_path / "hill.html")
    summary = _features(hill, "STATION_SUMMARY")[0]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", section) if "<td>Hill</td>" in r]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in rows]
    by_band = {int(_number(c[1])): [_number(v) for v in c[2:]] for c in cells}
    assert set(by_band) == {300, 500}
    pedshed, pedshed_terrain, people, people_terrain, change = by_band[500]
    assert pedshed == pytest.approx(summary["pedshed_500"], abs=5e-3)
    assert pedshed_terrain == pytest.approx(summary["pedshed_terrain_500"], abs=5e-3)
    assert (people, people_terrain) == (round(summary["population_500"]), round(summary["population_terrain_500"]))
    assert change == people_terrain - people < 0


def _express(tmp_path):
    # test_network_terrain's express case: a hill rising 20 % north of the line; walks to the stations downhill.
    from tests.qgis.test_network_terrain import express_on_a_north_slope

    return express_on_a_north_slope(tmp_path, names=("A", "B", "C"))


def test_express_service_report(run, tmp_path):
    parameters, dem = _express(tmp_path)
    run("urbanization:expressservice", {**parameters, "REPORT": str(tmp_path / "flat.html")})
    assert _section(tmp_path / "flat.html") == ""
    assert "terrain" not in (tmp_path / "flat.html").read_text(encoding="utf-8").lower()
    hill = run("urbanization:expressservice", {**parameters, "TERRAIN_DEM": dem, "REPORT": str(tmp_path / "hill.html")})
    section = _section(tmp_path / "hill.html")
    features = {(f["pattern"], f["minutes"]): f for f in hill["COMMUTE_ISOCHRONES"].getFeatures()}
    feature = features[("express", 10)]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", section)]
    row = next(c for c in cells if c and c[0] == "With express" and _number(c[1]) == 10)
    people, people_terrain, change, area, area_terrain = (_number(v) for v in row[2:])
    assert (people, people_terrain) == (
        round(feature["population_covered"]),
        round(feature["population_covered_terrain"]),
    )
    assert change == people_terrain - people
    assert area_terrain == pytest.approx(feature["area_terrain_m2"] / 1e6, abs=0.05)
    assert any(_number(c[4]) < 0 for c in cells if c)  # people lost on the terrain in some isochrone


def _health(tmp_path):
    parameters = {
        "EDITION": "mohurd_2021",
        "PARKS": _park(X + 500, Y + 500),
        "PARK_NAME_FIELD": "name",
        "NETWORK": _grid(X, Y),
        "RESIDENTIAL": _homes(X, Y),
        "POPULATION_FIELD": "population",
        "INDICATORS": "memory:",
    }
    return parameters, str(CROP)


def test_city_health_check_report(run, tmp_path):
    from qgis.core import QgsProcessingUtils, QgsVectorLayer

    parameters, _ = _health(tmp_path)
    run("urbanization:cityhealthcheck", {**parameters, "REPORT": str(tmp_path / "flat.html")})
    assert _section(tmp_path / "flat.html") == ""
    hill = run(
        "urbanization:cityhealthcheck", {**parameters, "TERRAIN_DEM": str(CROP), "REPORT": str(tmp_path / "hill.html")}
    )
    value = hill["INDICATORS"]
    layer = value if isinstance(value, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(value, None)
    park = next(f for f in layer.getFeatures() if f["scope"] == "(all)" and f["indicator"] == "park_coverage")
    section = _section(tmp_path / "hill.html")
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", section)]
    row = next(c for c in cells if c and park["name_zh"] in html.unescape(c[0]))
    flat, terrain, change = (_number(v) for v in row[2:])
    assert flat == pytest.approx(park["value"], abs=5e-3)
    assert terrain == pytest.approx(park["value_terrain"], abs=5e-3)
    assert change == pytest.approx(terrain - flat, abs=0.011) and change < 0


CASES = {
    "facilitycoverage": _facility,
    "parkequity": _equity,
    "stationcatchments": _catchments,
    "expressservice": _express,
    "cityhealthcheck": _health,
}


@pytest.mark.parametrize("algorithm_id", sorted(CASES))
def test_terrain_section_reads_in_chinese(chinese, run, tmp_path, algorithm_id):
    # Under zh-Hans the section (heading, headers, labels, note) has no English word left.
    from tests.qgis.test_reports_chinese import data_words, english_words

    parameters, dem = CASES[algorithm_id](tmp_path)
    report = tmp_path / "hill.html"
    run(f"urbanization:{algorithm_id}", {**parameters, "TERRAIN_DEM": dem, "REPORT": str(report)})
    text = report.read_text(encoding="utf-8")
    assert "<h2>平地与地形对比</h2>" in text
    section = text[text.index("<h2>平地与地形对比</h2>") :].split("<h2>")[1]
    note = "地形（筛查）：在高程模型上按所选步行速度函数"
    assert note in text
    assert english_words(section, data_words(parameters)) == []
