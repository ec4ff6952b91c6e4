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
