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
