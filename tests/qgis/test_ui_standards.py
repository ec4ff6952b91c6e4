"""The 'Standards presets' dialog: browse the preset tables with their sources, copy a preset into
the planner's own file, edit and save it, and see the algorithms' standards loader offer it."""

from __future__ import annotations

import json

import pytest

from urbanization_planning.algorithms import standards


@pytest.fixture
def dialog(provider, qtbot, tmp_path):
    from urbanization_planning.ui.standards_dialog import StandardsDialog

    dlg = StandardsDialog(user_dir=tmp_path / "standards")
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def choose(dialog, name: str) -> None:
    dialog.standardCombo.setCurrentIndex(dialog.standardCombo.findData(name))


def test_every_standard_table_is_listed_with_sources(dialog):
    names = [dialog.standardCombo.itemData(i) for i in range(dialog.standardCombo.count())]
    assert names == standards.standard_names() and names
    for name in names:
        choose(dialog, name)
        presets = standards.load_standard(name)["presets"]
        assert dialog.presetsTable.rowCount() == len(presets)
        assert dialog.sourceLabel.text().startswith("Source: ")
        first = next(iter(presets.values()))
        assert dialog.presetsTable.item(0, 2).text() == first["source"]
        assert not dialog.saveButton.isEnabled() and dialog.presetEdit.isReadOnly()  # built-in: read-only


def test_copy_edit_save_and_the_algorithms_see_the_preset(dialog, tmp_path):
    name = standards.standard_names()[0]
    choose(dialog, name)
    original_id = dialog.preset_id()
    dialog.newIdEdit.setText("kunming_2026")
    dialog.copyButton.click()
    user_dir = tmp_path / "standards"
    assert "kunming_2026" in standards.preset_ids(name, user_dir)
    assert dialog.preset_id() == "kunming_2026" and dialog.saveButton.isEnabled()
    edited = json.loads(dialog.presetEdit.toPlainText())
    edited["label"] = "昆明市 2026 修订"
    dialog.presetEdit.setPlainText(json.dumps(edited, ensure_ascii=False))
    dialog.saveButton.click()
    assert "Saved" in dialog.statusLabel.text()
    saved = standards.preset(name, "kunming_2026", user_dir)
    assert saved["label"] == "昆明市 2026 修订" and saved["user"] is True
    assert standards.preset(name, original_id, user_dir).get("user") is None  # built-in untouched
    dialog.deleteButton.click()
    assert "kunming_2026" not in standards.preset_ids(name, user_dir)


def test_invalid_edits_and_duplicate_ids_are_refused(dialog, tmp_path):
    name = standards.standard_names()[0]
    choose(dialog, name)
    dialog.newIdEdit.setText("mine")
    dialog.copyButton.click()
    dialog.newIdEdit.setText("mine")
    dialog.copyButton.click()
    assert "exists already" in dialog.statusLabel.text()
    dialog.presetEdit.setPlainText("{not json")
    dialog.saveButton.click()
    assert dialog.statusLabel.text().startswith("Not saved: line 1")
    dialog.presetEdit.setPlainText('{"label": "no source"}')
    dialog.saveButton.click()
    assert "needs a 'source'" in dialog.statusLabel.text()


def test_a_built_in_preset_edited_under_its_own_id_changes_what_an_algorithm_computes(dialog, run, tmp_path,
                                                                                      monkeypatch):
    """Living circle: copy GB 50180 under its own id, cut the food-market distance to 100 m, save;
    urbanization:facilitycoverage (which reads the preset with the profile folder) then finds fewer
    homes within reach of a market on the Helsinki sample."""
    from qgis.core import QgsApplication

    from ..conftest import SAMPLE_DATA
    from .helpers import gpkg_layer

    if QgsApplication.processingRegistry().algorithmById("urbanization:facilitycoverage") is None:
        pytest.skip("urbanization:facilitycoverage is not registered yet")
    from urbanization_planning.algorithms.greenspace import processing as greenspace

    user_dir = tmp_path / "standards"
    monkeypatch.setattr(greenspace, "user_standards_dir", lambda: user_dir)
    osm, grid = SAMPLE_DATA / "helsinki_osm_layers.gpkg", SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"

    def completeness():
        return run("urbanization:facilitycoverage", {
            "FACILITIES": gpkg_layer(osm, "landuse"), "TYPE_FIELD": "landuse", "TYPE_MAPPING": "retail = market",
            "RESIDENTIAL": gpkg_layer(grid, "population_grid_2020"), "POPULATION_FIELD": "population",
            "NETWORK": gpkg_layer(osm, "roads"), "RESULT": "memory:", "SUMMARY": "memory:",
            "UNDERSERVED": "memory:"})["MEAN_COMPLETENESS"]

    before = completeness()
    choose(dialog, "living_circle")
    dialog.select_preset("gb50180")
    dialog.newIdEdit.setText("gb50180")
    dialog.copyButton.click()
    assert "replaces the built-in preset" in dialog.statusLabel.text()
    edited = json.loads(dialog.presetEdit.toPlainText())
    edited["types"]["market"]["distance_m"] = 100
    dialog.presetEdit.setPlainText(json.dumps(edited, ensure_ascii=False))
    dialog.saveButton.click()
    assert standards.preset("living_circle", "gb50180", user_dir)["types"]["market"]["distance_m"] == 100
    assert completeness() < before
