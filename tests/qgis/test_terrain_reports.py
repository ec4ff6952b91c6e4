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


def test_facility_coverage_report(run, tmp_path):
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


def test_park_equity_report(run, tmp_path):
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
