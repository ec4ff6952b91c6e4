"""The 'Standards presets' dialog: every table with each value's clause and verification status,
values edited in the table of the planner's copy, saved and read back, and a broken presets file
named with its line instead of hidden."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import Qt

from urbanization_planning.algorithms import standards
from urbanization_planning.ui.standards_dialog import CHECKED, CLAUSE, STATUS


@pytest.fixture
def make_dialog(provider, qtbot, tmp_path):
    from urbanization_planning.ui.standards_dialog import StandardsDialog

    def make():
        dlg = StandardsDialog(user_dir=tmp_path / "standards")
        qtbot.addWidget(dlg)
        dlg.show()
        return dlg

    return make


@pytest.fixture
def dialog(make_dialog):
    return make_dialog()


def choose(dialog, name: str, preset_id: str | None = None) -> None:
    dialog.standardCombo.setCurrentIndex(dialog.standardCombo.findData(name))
    if preset_id:
        dialog.select_preset(preset_id)


def cell(dialog, path: str) -> str:
    item = dialog.value_item(path)
    assert item is not None, path
    return item.text()


def set_cell(dialog, path: str, text: str) -> None:
    dialog.value_item(path).setText(text)


def clause(dialog, path: str) -> str:
    return dialog.provenance_item(path, CLAUSE).text()


def status(dialog, path: str) -> str:
    row = dialog.row_of_value(path)
    combo = dialog.status_widget(path)
    return combo.currentText() if combo is not None else row.widget.item(row.row, row.first + STATUS).text()


def test_every_value_is_shown_with_its_clause_and_status(dialog):
    from urbanization_planning.ui.preset_tables import provenance_entries
    from urbanization_planning.ui.standards_dialog import status_names
    from urbanization_planning.ui.user_presets import parse_value, value_at

    names = [dialog.standardCombo.itemData(i) for i in range(dialog.standardCombo.count())]
    assert names == standards.standard_names() and names
    shown = status_names()
    for name in names:
        choose(dialog, name)
        presets = standards.load_standard(name)["presets"]
        assert dialog.presetsTable.rowCount() == len(presets)
        for preset_id, preset in presets.items():
            dialog.select_preset(preset_id)
            assert cell(dialog, "source") == preset["source"]
            shown_paths = set(dialog.items) - {"label", "label_zh", "source"}
            for path, _value in standards.leaf_paths(preset):
                # every value is in a cell: its own, or the cell of the list it belongs to
                owner = next(p for p in standards.ancestors(path) if p in shown_paths)
                entries = provenance_entries(preset, [owner])
                assert entries, path
                row = dialog.row_of_value(owner)
                assert all(entry["clause"] in clause(dialog, owner) for entry in entries)
                assert all(shown[entry["status"]] in status(dialog, owner) for entry in entries)
                if len(row.paths) == 1 and len(entries) == 1:
                    assert clause(dialog, owner) == entries[0]["clause"]
                    assert status(dialog, owner) == shown[entries[0]["status"]]
            for path in shown_paths:  # what a cell shows reads back as the value it shows
                value = value_at(preset, path)
                assert parse_value(dialog.typed(path), value, path) == value, path
            assert not dialog.saveButton.isEnabled()
            assert not dialog.value_item("source").flags() & Qt.ItemFlag.ItemIsEditable  # built-in: read-only
    choose(dialog, "park_service", "garden_city")
    assert clause(dialog, "per_capita_community_m2").startswith("GB 55014-2021 2.1.4")
    assert status(dialog, "rules[2].min_area_m2") == shown["unverified"]


def test_edit_a_value_save_and_reload(make_dialog, tmp_path):
    dialog = make_dialog()
    choose(dialog, "park_service", "garden_city")
    dialog.newIdEdit.setText("kunming_2026")
    dialog.copyButton.click()
    user_dir = tmp_path / "standards"
    assert dialog.preset_id() == "kunming_2026" and dialog.saveButton.isEnabled()
    set_cell(dialog, "rules[1].radius_m", "450")
    set_cell(dialog, "label", "昆明市 2026 修订")
    set_cell(dialog, "per_capita_target_m2", "9.5")
    dialog.provenance_item("per_capita_target_m2", CLAUSE).setText("昆明市公园绿地规划 2026, 第3条")
    dialog.provenance_item("per_capita_target_m2", CHECKED).setText("市政府文件")
    combo = dialog.status_widget("per_capita_target_m2")
    combo.setCurrentIndex(combo.findData("text"))
    dialog.saveButton.click()
    assert "Saved" in dialog.statusLabel.text()
    saved = standards.preset("park_service", "kunming_2026", user_dir)
    assert saved["rules"][1]["radius_m"] == 450 and isinstance(saved["rules"][1]["radius_m"], int)
    assert saved["per_capita_target_m2"] == 9.5 and saved["label"] == "昆明市 2026 修订"
    assert saved["provenance"]["per_capita_target_m2"] == {
        "clause": "昆明市公园绿地规划 2026, 第3条",
        "status": "text",
        "checked": "市政府文件",
    }
    # the changed radius no longer has the clause's word for it: unverified until the planner says
    assert saved["provenance"]["rules[1].radius_m"]["status"] == "unverified"
    assert "rules[1].grade" not in saved["provenance"]  # the row's other values keep the row's entry
    assert standards.provenance_problems(saved) == []
    assert standards.preset("park_service", "garden_city", user_dir).get("user") is None  # built-in untouched
    reloaded = make_dialog()
    choose(reloaded, "park_service", "kunming_2026")
    assert cell(reloaded, "rules[1].radius_m") == "450"
    assert clause(reloaded, "per_capita_target_m2") == "昆明市公园绿地规划 2026, 第3条"
    reloaded.deleteButton.click()
    assert "kunming_2026" not in standards.preset_ids("park_service", user_dir)


def test_a_value_that_is_not_a_number_is_refused(dialog):
    choose(dialog, "park_service", "gbt51346")
    dialog.newIdEdit.setText("mine")
    dialog.copyButton.click()
    dialog.newIdEdit.setText("mine")
    dialog.copyButton.click()
    assert "exists already" in dialog.statusLabel.text()
    set_cell(dialog, "rules[0].radius_m", "three hundred")
    expected = "Park grades and service radii · garden · Service radius (m): 'three hundred' is not a number"
    assert dialog.statusLabel.text() == f"Refused: {expected}"  # at once, named as the planner sees it
    assert dialog.value_item("rules[0].radius_m").background().color().name() == "#f8d0d0"
    dialog.saveButton.click()
    assert dialog.statusLabel.text() == f"Not saved: {expected}"
    assert standards.preset("park_service", "mine", dialog.user_dir)["rules"][0]["radius_m"] == 300
    set_cell(dialog, "rules[0].radius_m", "350")
    dialog.saveButton.click()
    assert standards.preset("park_service", "mine", dialog.user_dir)["rules"][0]["radius_m"] == 350


def test_lists_and_coded_values_are_edited_in_their_cells(dialog):
    """A list in one cell ("300; 500; 800") and a rule's outcome shown by name keep their types."""
    choose(dialog, "transit", "tod_bands")
    dialog.newIdEdit.setText("bands")
    dialog.copyButton.click()
    assert cell(dialog, "bands_m") == "300; 500; 800"
    set_cell(dialog, "bands_m", "400；600")
    dialog.saveButton.click()
    assert standards.preset("transit", "bands", dialog.user_dir)["bands_m"] == [400, 600]
    choose(dialog, "conflict_rules", "national")
    dialog.newIdEdit.setText("province")
    dialog.copyButton.click()
    assert cell(dialog, "rules[1].outcome") == "prohibited" and cell(dialog, "rules[0].outcome") == "allowed"
    set_cell(dialog, "rules[1].outcome", "only with approval")
    set_cell(dialog, "rules[0].codes", "03; 04")
    dialog.saveButton.click()
    saved = standards.preset("conflict_rules", "province", dialog.user_dir)
    assert saved["rules"][1]["outcome"] == "approval" and saved["rules"][0]["codes"] == ["03", "04"]
    assert standards.provenance_problems(saved) == []


def test_a_broken_presets_file_is_named_with_its_line(make_dialog, tmp_path):
    user_dir = tmp_path / "standards"
    user_dir.mkdir()
    broken = user_dir / "park_service.json"
    broken.write_text('{"presets": {\n  "mine": {"label": "x",\n    "rules": [300 500]}}}', encoding="utf-8")
    dialog = make_dialog()
    choose(dialog, "park_service")
    assert dialog.errorLabel.isVisible()
    text = dialog.errorLabel.text()
    assert str(broken) in text and "line 3" in text
    assert dialog.presetsTable.rowCount() == len(standards.load_standard("park_service")["presets"])  # built-ins shown
    index = dialog.standardCombo.findData("park_service")
    assert dialog.standardCombo.itemText(index).startswith("⚠ ")
    dialog.newIdEdit.setText("other")
    dialog.copyButton.click()
    assert "Fix or remove the unreadable presets file first" in dialog.statusLabel.text()
    assert broken.read_text(encoding="utf-8").count("300 500") == 1  # the planner's file is left alone
    choose(dialog, "transit")
    assert not dialog.errorLabel.isVisible()


def test_a_built_in_preset_edited_under_its_own_id_changes_what_an_algorithm_computes(
    dialog, run, tmp_path, monkeypatch
):
    """Living circle: copy GB 50180 under its own id, cut the food-market distance to 100 m in the
    table, save; urbanization:facilitycoverage (which reads the preset with the profile folder)
    then finds fewer homes within reach of a market on the Helsinki sample."""
    from urbanization_planning.algorithms.greenspace.processing import facility_coverage as greenspace

    from ..conftest import SAMPLE_DATA
    from .helpers import gpkg_layer

    user_dir = tmp_path / "standards"
    monkeypatch.setattr(greenspace, "user_standards_dir", lambda: user_dir)
    osm, grid = SAMPLE_DATA / "helsinki_osm_layers.gpkg", SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"

    def completeness():
        return run(
            "urbanization:facilitycoverage",
            {
                "FACILITIES": gpkg_layer(osm, "landuse"),
                "TYPE_FIELD": "landuse",
                "TYPE_MAPPING": "retail = market",
                "RESIDENTIAL": gpkg_layer(grid, "population_grid_2020"),
                "POPULATION_FIELD": "population",
                "NETWORK": gpkg_layer(osm, "roads"),
                "RESULT": "memory:",
                "SUMMARY": "memory:",
                "UNDERSERVED": "memory:",
            },
        )["MEAN_COMPLETENESS"]

    before = completeness()
    choose(dialog, "living_circle", "gb50180")
    dialog.newIdEdit.setText("gb50180")
    dialog.copyButton.click()
    assert "replaces the built-in preset" in dialog.statusLabel.text()
    set_cell(dialog, "types.market.distance_m", "100")
    dialog.saveButton.click()
    assert standards.preset("living_circle", "gb50180", user_dir)["types"]["market"]["distance_m"] == 100
    assert completeness() < before


def test_status_names_in_chinese(provider):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from urbanization_planning.translation import I18N_DIR
    from urbanization_planning.ui.standards_dialog import status_names

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "urbanization_zh-Hans.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert status_names() == {
            "text": "已核对原文",
            "secondary": "二手资料",
            "convention": "惯例",
            "unverified": "未核实",
        }
    finally:
        QCoreApplication.removeTranslator(translator)


SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "images" / "standards_dialog.png"
CJK = re.compile(r"[\u4e00-\u9fff]")


def type_into(qtbot, item, text: str) -> None:
    """Type into a cell as a planner does: open its editor, replace the text, press Enter."""
    from qgis.PyQt.QtWidgets import QLineEdit

    table = item.tableWidget()
    table.setCurrentItem(item)
    table.editItem(item)
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    editor.insert(text)  # as an input method does (QTest types ASCII keys only)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: item.text() == text)  # committed; the editor may be gone already


def test_a_planner_edits_a_preset_in_chinese_at_1366_x_768(chinese, provider, qtbot, tmp_path):
    """Under zh-Hans on a 1366 x 768 screen: every table titled and headed in Chinese (the conflict
    rules are not 公园分级), statuses and the 依据 in Chinese, no key path anywhere in a header or a
    title; a radius typed into its cell is saved and read back by a new dialog."""
    from urbanization_planning.ui.standards_dialog import StandardsDialog

    user_dir = tmp_path / "standards"
    dialog = StandardsDialog(user_dir=user_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "规划标准预设"
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
    assert dialog.closeButton.isVisible() and dialog.saveButton.isVisible()
    for name in standards.standard_names():
        choose(dialog, name)
        assert CJK.search(dialog.standardCombo.currentText()), name
        for preset_id in standards.preset_ids(name):
            dialog.select_preset(preset_id)
            for index in range(dialog.tablesTabs.count()):
                title = dialog.tablesTabs.tabText(index)
                table = dialog.tablesTabs.widget(index)
                headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
                assert CJK.search(title) and not re.search(r"[_\[\]]", title), (name, title)
                assert all(CJK.search(h) and not re.search(r"[_\[\]]", h) for h in headers), (name, headers)
    choose(dialog, "conflict_rules", "national")
    assert dialog.table_titles() == ["名称与依据", "三区三线冲突规则"]
    assert "公园分级" not in " ".join(dialog.table_titles())
    assert (
        cell(dialog, "rules[1].outcome") == "禁止" and cell(dialog, "rules[1].control_line") == "自然保护地核心保护区"
    )
    assert status(dialog, "rules[1].outcome") == "二手资料"
    choose(dialog, "city_health_check", "mohurd_2023")
    assert dialog.sourceLabel.text().startswith("依据：住房和城乡建设部《关于全面开展城市体检工作的指导意见》")
    assert "说明：2023年基础指标体系原文未查到" in dialog.sourceLabel.text()
    assert "公园绿化活动场地服务半径覆盖率 · 分级与服务半径" in dialog.table_titles()
    choose(dialog, "park_service", "garden_city")
    assert dialog.table_titles() == ["名称与依据", "参数", "公园分级与服务半径"]
    dialog.newIdEdit.setText("kunming")
    dialog.copyButton.click()
    assert dialog.preset_id() == "kunming"
    dialog.tablesTabs.setCurrentIndex(2)
    item = dialog.value_item("rules[1].radius_m")
    type_into(qtbot, item, "四百")
    assert dialog.statusLabel.text().startswith("不接受：公园分级与服务半径 · ")
    assert dialog.statusLabel.text().endswith("服务半径（米）：“四百”不是数字")
    dialog.saveButton.click()
    assert dialog.statusLabel.text().startswith("未保存：")
    type_into(qtbot, item, "450")
    dialog.saveButton.click()
    assert dialog.statusLabel.text().startswith("已将“kunming”保存到")
    assert standards.preset("park_service", "kunming", user_dir)["rules"][1]["radius_m"] == 450
    reloaded = StandardsDialog(user_dir=user_dir)
    qtbot.addWidget(reloaded)
    reloaded.show()
    qtbot.waitExposed(reloaded)
    choose(reloaded, "park_service", "kunming")
    assert cell(reloaded, "rules[1].radius_m") == "450"
    # changed: the clause no longer vouches for it; the row names both statuses, the cell its own
    assert status(reloaded, "rules[1].radius_m") == "二手资料、未核实"
    assert reloaded.value_item("rules[1].radius_m").toolTip().endswith("未核实")
    reloaded.tablesTabs.setCurrentIndex(2)
    qtbot.wait(50)
    shot = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / SCREENSHOT.name
    assert reloaded.grab().save(str(shot))
