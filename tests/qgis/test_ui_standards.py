"""The 'Standards presets' dialog: every table with each value's clause and verification status,
values edited in the table of the planner's copy, saved and read back, and a broken presets file
named with its line instead of hidden."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt

from urbanization_planning.algorithms import standards


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


def cell(dialog, path: str, column: int) -> str:
    row = dialog.row_of(path)
    assert row >= 0, path
    return dialog.valuesTable.item(row, column).text()


def set_cell(dialog, path: str, column: int, text: str) -> None:
    dialog.valuesTable.item(dialog.row_of(path), column).setText(text)


def test_every_value_is_shown_with_its_clause_and_status(dialog):
    from urbanization_planning.ui.standards_dialog import CLAUSE, STATUS, VALUE, status_names

    names = [dialog.standardCombo.itemData(i) for i in range(dialog.standardCombo.count())]
    assert names == standards.standard_names() and names
    shown = status_names()
    for name in ("park_service", "living_circle", "transit", "drainage"):
        choose(dialog, name)
        presets = standards.load_standard(name)["presets"]
        assert dialog.presetsTable.rowCount() == len(presets)
        for preset_id, preset in presets.items():
            dialog.select_preset(preset_id)
            leaves = standards.leaf_paths(preset)
            assert dialog.valuesTable.rowCount() == len(leaves) + 3  # name, Chinese name, source first
            for path, value in leaves:
                entry = standards.provenance_of(preset, path)
                assert cell(dialog, path, VALUE) == ("true" if value is True else str(value))
                assert cell(dialog, path, CLAUSE) == entry["clause"]
                assert cell(dialog, path, STATUS) == shown[entry["status"]]
            assert not dialog.saveButton.isEnabled()
            assert not dialog.valuesTable.item(3, VALUE).flags() & Qt.ItemFlag.ItemIsEditable  # built-in: read-only
    choose(dialog, "park_service", "garden_city")
    assert cell(dialog, "per_capita_community_m2", CLAUSE).startswith("GB 55014-2021 2.1.4")
    assert cell(dialog, "rules[2].min_area_m2", STATUS) == shown["unverified"]


def test_edit_a_value_save_and_reload(make_dialog, tmp_path):
    from urbanization_planning.ui.standards_dialog import CHECKED, CLAUSE, STATUS, VALUE

    dialog = make_dialog()
    choose(dialog, "park_service", "garden_city")
    dialog.newIdEdit.setText("kunming_2026")
    dialog.copyButton.click()
    user_dir = tmp_path / "standards"
    assert dialog.preset_id() == "kunming_2026" and dialog.saveButton.isEnabled()
    set_cell(dialog, "rules[1].radius_m", VALUE, "450")
    set_cell(dialog, "label", VALUE, "昆明市 2026 修订")
    set_cell(dialog, "per_capita_target_m2", VALUE, "9.5")
    set_cell(dialog, "per_capita_target_m2", CLAUSE, "昆明市公园绿地规划 2026, 第3条")
    set_cell(dialog, "per_capita_target_m2", CHECKED, "市政府文件")
    combo = dialog.valuesTable.cellWidget(dialog.row_of("per_capita_target_m2"), STATUS)
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
    assert standards.provenance_problems(saved) == []
    assert standards.preset("park_service", "garden_city", user_dir).get("user") is None  # built-in untouched
    reloaded = make_dialog()
    choose(reloaded, "park_service", "kunming_2026")
    assert cell(reloaded, "rules[1].radius_m", VALUE) == "450"
    assert cell(reloaded, "per_capita_target_m2", CLAUSE) == "昆明市公园绿地规划 2026, 第3条"
    reloaded.deleteButton.click()
    assert "kunming_2026" not in standards.preset_ids("park_service", user_dir)


def test_a_value_that_is_not_a_number_is_refused(dialog):
    from urbanization_planning.ui.standards_dialog import VALUE

    choose(dialog, "park_service", "gbt51346")
    dialog.newIdEdit.setText("mine")
    dialog.copyButton.click()
    dialog.newIdEdit.setText("mine")
    dialog.copyButton.click()
    assert "exists already" in dialog.statusLabel.text()
    set_cell(dialog, "rules[0].radius_m", VALUE, "three hundred")
    dialog.saveButton.click()
    assert dialog.statusLabel.text() == "Not saved: rules[0].radius_m: 'three hundred' is not a number"


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
    from urbanization_planning.ui.standards_dialog import VALUE

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
    set_cell(dialog, "types.market.distance_m", VALUE, "100")
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
            "secondary": "二手来源",
            "convention": "惯例",
            "unverified": "未核实",
        }
    finally:
        QCoreApplication.removeTranslator(translator)
