"""The shared HTML report builder."""

import math
import xml.etree.ElementTree as ET

from urbanization_planning.algorithms import report


def test_table_formats_numbers_and_escapes_text():
    html = report.table(["名称", "面积"], [["<a>", 1234567], ["b", 1.23456], ["c", math.nan]], digits=1)
    assert "&lt;a&gt;" in html
    assert '<td class="num">1,234,567</td>' in html
    assert '<td class="num">1.2</td>' in html
    assert html.count("<tr>") == 4


def test_charts_are_well_formed_svg_with_one_shape_per_value():
    svg = report.stacked_bar_chart(["甲", "乙"], {"生产": [1, 2], "生活": [3, 0]}, title="三生空间")
    root = ET.fromstring(svg)
    rects = [e for e in root.iter() if e.tag.endswith("rect")]
    assert len(rects) == 2 + 4  # legend swatches + segments
    line = report.line_chart([0, 1, 2], {"express": [5, 4, 3]}, x_ticks=["a", "b", "c"])
    assert ET.fromstring(line).tag.endswith("svg")
    assert report.line_chart([], {}) == ""


def test_page_is_complete_utf8_html(tmp_path):
    text = report.page("报告", [("表", report.table(["a"], [[1]]))], notes=["来源"], lang="zh-Hans")
    path = report.write(str(tmp_path / "r.html"), text)
    with open(path, encoding="utf-8") as f:
        content = f.read()
    assert content.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in content and "来源" in content


def test_long_chinese_legend_wraps_instead_of_overlapping():
    names = ["07 居住用地", "08 公共管理与公共服务用地", "12 交通运输用地", "09 商业服务业用地", "13 公用设施用地"]
    svg = report.stacked_bar_chart(["红线"], {n: [1.0] for n in names}, width=640)
    root = ET.fromstring(svg)
    swatches = [e for e in root.iter() if e.tag.endswith("rect") and e.get("width") == "12"]
    rows = sorted({float(e.get("y")) for e in swatches})
    assert len(rows) >= 2
    for y in rows:  # within a row, each swatch starts after the previous label ends
        xs = sorted(float(e.get("x")) for e in swatches if float(e.get("y")) == y)
        assert all(b - a >= 16 + 5 * 12 for a, b in zip(xs, xs[1:]))


def test_translation_is_explicit_and_scoped_to_the_block():
    """Importing report installs no translator: labels are English until a door opens a
    translated_by() block, and English again after it (nothing leaks into the next run)."""
    import pandas as pd

    frame = pd.DataFrame({"covered_share": [0.5]})
    assert "<th>Covered share</th>" in report.frame_table(frame)
    with report.translated_by(lambda text: {"Covered share": "覆盖比例"}.get(text, text)):
        assert "<th>覆盖比例</th>" in report.frame_table(frame)
        assert report.translate("Covered share") == "覆盖比例"
    assert "<th>Covered share</th>" in report.frame_table(frame)
    assert report.translate("Covered share") == "Covered share"


def _bars(svg: str) -> list[float]:
    """Widths of the value bars (not the legend swatches)."""
    root = ET.fromstring(svg)
    return [float(e.get("width")) for e in root.iter() if e.tag.endswith("rect") and e.find("{*}title") is not None]


def test_rates_stand_on_a_0_to_100_percent_axis_with_the_target_line():
    """18 % and 60 % are not both full width: a rate is its share of the 0-100 % axis."""
    svg = report.bar_chart(
        ["甲片区", "乙片区"], [18.0, 60.0], title="按居住用地面积", unit="%", target=90, target_label="目标"
    )
    small, large = _bars(svg)
    assert abs(large / small - 60 / 18) < 0.01
    root = ET.fromstring(svg)
    texts = [e.text for e in root.iter() if e.tag.endswith("text")]
    assert "0 %" in texts and "100 %" in texts and "目标 90 %" in texts
    dashed = [e for e in root.iter() if e.tag.endswith("line") and e.get("stroke-dasharray")]
    assert len(dashed) == 1
    plot = large / 0.6
    assert abs(float(dashed[0].get("x1")) - (float(root.find("{*}rect").get("x")) + 0.9 * plot)) < 0.5
    # other units scale to the largest bar: no percent axis, the largest bar takes the plot width
    other = report.bar_chart(["a", "b"], [18.0, 60.0], unit="m²/人", width=640)
    assert "100 %" not in other and _bars(other)[1] > 1.5 * _bars(svg)[1]


def test_per_bar_targets_mark_each_bar():
    svg = report.bar_chart(["a", "b", "c"], [40.0, 70.0, 10.0], unit="%", target=[60.0, None, 30.0])
    marks = [e for e in ET.fromstring(svg).iter() if e.tag.endswith("line") and e.get("stroke-width") == "2"]
    assert len(marks) == 2


def test_labels_are_never_cut():
    """The label column widens to the longest label, the picture to the longest value."""
    labels = ["轨道站点周边覆盖通勤比例（800米步行范围内的居住人口占比）", "公园"]
    svg = report.bar_chart(labels, [42.04, 100.0], title="城市体检指标（百分比）", unit="%")
    root = ET.fromstring(svg)
    width = float(root.get("width"))
    texts = [e for e in root.iter() if e.tag.endswith("text")]
    for e in texts:
        x, text = float(e.get("x")), e.text or ""
        anchor = e.get("text-anchor", "start")
        start = (
            x - report.text_width(text)
            if anchor == "end"
            else x - report.text_width(text) / 2
            if anchor == "middle"
            else x
        )
        end = (
            x
            if anchor == "end"
            else x + report.text_width(text) / 2
            if anchor == "middle"
            else x + report.text_width(text)
        )
        assert start >= 0 and end <= width + 0.5, (text, start, end, width)


def _coverage(districts=None):
    import geopandas as gpd
    from shapely.geometry import LineString, Point, box

    from urbanization_planning.algorithms import network as nw
    from urbanization_planning.algorithms.greenspace import coverage, rules

    street = nw.build_network([LineString([(0, 0), (1000, 0)])])
    parks = gpd.GeoDataFrame({"park_id": [1], "name": ["A"]}, geometry=[box(0, 10, 100, 110)], crs=3857)
    homes = gpd.GeoDataFrame({"src_fid": [1, 2]}, geometry=[Point(150, 5), Point(900, -5)], crs=3857)
    grades = rules.parse_rules("400:300:green")
    return coverage.park_coverage(parks, homes, grades, network=street, districts=districts), grades


def _coverage_page(tmp_path, result, grades) -> str:
    from urbanization_planning.algorithms.greenspace.report_pages import coverage_page

    keys = ("rates", "by_area", "by_population", "districts", "rules", "grades", "mode_network", "mode_euclidean")
    labels = {key: key for key in keys} | {"target": "Target", "source": "Source", "parks": "Parks"}
    labels["message"] = str
    preset = {"coverage_target": 0.9, "source": "test"}
    path = coverage_page(str(tmp_path / "r.html"), "t", result, grades, preset, "en", labels)
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_no_outside_districts_row_without_districts(tmp_path):
    """Without districts every home is 'outside': the row would repeat the city under a wrong name."""
    import geopandas as gpd
    from shapely.geometry import box

    result, grades = _coverage()
    assert "(outside districts)" in set(result.summary["district"])  # the engine's table keeps it
    page = _coverage_page(tmp_path, result, grades)
    assert "Outside districts" not in page and "outside districts" not in page
    assert "Target 90 %" in page  # the rate charts carry the target line
    # with districts, homes outside them are a real row
    districts = gpd.GeoDataFrame({"name": ["west"]}, geometry=[box(-10, -50, 500, 50)], crs=3857)
    result, grades = _coverage(districts)
    assert "Outside districts" in _coverage_page(tmp_path, result, grades)
