"""'Standards presets': the preset tables of resources/standards/ (park grades, conflict rules,
living-circle distances, space mapping...) with their sources; copy a preset into the planner's
own file in the QGIS profile folder, edit it there, and the algorithms offer it: a copy under the
id of a built-in preset replaces it (the algorithms read presets through algorithms/standards.py
with the profile folder), a copy under a new id is listed wherever an algorithm lists preset ids."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QDialog, QTableWidgetItem

from ..algorithms import standards
from ..algorithms.base import user_standards_dir
from ..translation import current_language
from .user_presets import PresetError, delete_user_preset, parse_preset, save_user_preset

UI_FILE = Path(__file__).resolve().with_name("standards_dialog.ui")
ID_ROLE = Qt.ItemDataRole.UserRole
SHOWN_KEYS = ("label", "label_zh", "source", "note", "user")


def payload_summary(preset: dict, width: int = 120) -> str:
    """The preset's values other than label/source/note, as compact JSON cut to `width`."""
    payload = {k: v for k, v in preset.items() if k not in SHOWN_KEYS}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= width else text[: width - 1] + "…"


class StandardsDialog(QDialog):
    def __init__(self, parent=None, user_dir: Path | None = None):
        super().__init__(parent)
        uic.loadUi(str(UI_FILE), self)
        self.user_dir = Path(user_dir) if user_dir is not None else user_standards_dir()
        self.chinese = current_language() == "zh-Hans"
        self.data: dict = {}
        self.folderLabel.setText(self.tr("My presets are kept in {}").format(self.user_dir))
        self.presetsTable.setColumnCount(5)
        self.presetsTable.setHorizontalHeaderLabels(
            [self.tr("Preset"), self.tr("Name"), self.tr("Source"), self.tr("Mine"), self.tr("Values")])
        self.presetsTable.horizontalHeader().setStretchLastSection(True)
        for name in standards.standard_names():
            self.standardCombo.addItem(name, name)
        self.standardCombo.currentIndexChanged.connect(lambda _i: self.show_standard())
        self.presetsTable.itemSelectionChanged.connect(self.show_preset)
        self.copyButton.clicked.connect(self.copy_preset)
        self.saveButton.clicked.connect(self.save_preset)
        self.deleteButton.clicked.connect(self.delete_preset)
        self.closeButton.clicked.connect(self.close)
        self._label_standards()
        self.show_standard()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("StandardsDialog", text)

    def _label_standards(self) -> None:
        for i in range(self.standardCombo.count()):
            name = self.standardCombo.itemData(i)
            try:
                data = standards.load_standard(name)
            except standards.StandardsError:
                continue
            title = data.get("title_zh" if self.chinese else "title") or data.get("title") or name
            self.standardCombo.setItemText(i, f"{title} ({name})")

    def standard_name(self) -> str:
        return self.standardCombo.currentData() or ""

    def show_standard(self, select: str | None = None) -> None:
        self.presetsTable.setRowCount(0)
        self.presetEdit.clear()
        self.sourceLabel.clear()
        name = self.standard_name()
        if not name:
            return
        try:
            self.data = standards.load_standard(name, self.user_dir)
        except standards.StandardsError as error:
            self.statusLabel.setText(str(error))
            return
        presets = self.data["presets"]
        self.presetsTable.setRowCount(len(presets))
        for row, (preset_id, preset) in enumerate(presets.items()):
            label = preset.get("label_zh" if self.chinese else "label") or preset.get("label", "")
            cells = [preset_id, label, preset.get("source", ""), "✓" if preset.get("user") else "",
                     payload_summary(preset)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                item.setData(ID_ROLE, preset_id)
                item.setToolTip(str(text))
                self.presetsTable.setItem(row, column, item)
        self.presetsTable.resizeColumnsToContents()
        for column in (1, 2):
            self.presetsTable.setColumnWidth(column, min(self.presetsTable.columnWidth(column), 280))
        target = select or next(iter(presets), None)
        if target is not None:
            self.select_preset(target)

    def select_preset(self, preset_id: str) -> None:
        for row in range(self.presetsTable.rowCount()):
            if self.presetsTable.item(row, 0).data(ID_ROLE) == preset_id:
                self.presetsTable.selectRow(row)
                return

    def preset_id(self) -> str | None:
        items = self.presetsTable.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def show_preset(self) -> None:
        preset_id = self.preset_id()
        if preset_id is None:
            return
        preset = self.data["presets"][preset_id]
        mine = bool(preset.get("user"))
        source = self.tr("Source: {}").format(preset.get("source", ""))
        if preset.get("note"):
            source += "\n" + self.tr("Note: {}").format(preset["note"])
        self.sourceLabel.setText(source)
        shown = {k: v for k, v in preset.items() if k != "user"}
        self.presetEdit.setPlainText(json.dumps(shown, ensure_ascii=False, indent=2))
        self.presetEdit.setReadOnly(not mine)
        self.saveButton.setEnabled(mine)
        self.deleteButton.setEnabled(mine)
        self.newIdEdit.setText(f"{preset_id}_mine" if not mine else "")

    def copy_preset(self) -> None:
        preset_id = self.preset_id()
        new_id = self.newIdEdit.text().strip()
        if preset_id is None or not new_id:
            self.statusLabel.setText(self.tr("Select a preset and give the new preset an id."))
            return
        existing = self.data["presets"].get(new_id)
        if existing is not None and existing.get("user"):
            self.statusLabel.setText(self.tr("A preset '{}' exists already: choose another id.").format(new_id))
            return
        path = standards.copy_to_user(self.standard_name(), preset_id, new_id, self.user_dir)
        if existing is not None:  # the id of a built-in preset: the copy replaces it for every algorithm
            message = self.tr("Copied to {} as '{}': it replaces the built-in preset in every algorithm. Edit it below and save.")
        else:
            message = self.tr("Copied to {} as '{}': edit it below and save.")
        self._presets_changed(message.format(path, new_id), new_id)

    def save_preset(self) -> None:
        preset_id = self.preset_id()
        try:
            preset = parse_preset(self.presetEdit.toPlainText())
        except PresetError as error:
            self.statusLabel.setText(self.tr("Not saved: {}").format(error))
            return
        path = save_user_preset(self.user_dir, self.standard_name(), preset_id, preset)
        self._presets_changed(self.tr("Saved '{}' in {}.").format(preset_id, path), preset_id)

    def delete_preset(self) -> None:
        preset_id = self.preset_id()
        if preset_id and delete_user_preset(self.user_dir, self.standard_name(), preset_id):
            self._presets_changed(self.tr("Deleted my preset '{}'.").format(preset_id), None)

    def _presets_changed(self, message: str, select: str | None) -> None:
        """Show the table again and let the algorithms list the presets anew."""
        self.show_standard(select)
        provider = QgsApplication.processingRegistry().providerById("urbanization")
        if provider is not None:
            provider.refreshAlgorithms()
        self.statusLabel.setText(message)
