"""'Standards presets': the preset tables of resources/standards/ (park grades, living-circle
distances, conflict rules...), each value with the clause it comes from and how far that was
verified. The planner copies a preset into their own file in the QGIS profile folder, edits its
values in the table and saves; the algorithms then offer it (a copy under the id of a built-in
preset replaces it). A planner's file that cannot be read is named with its line, never hidden."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QHeaderView, QTableWidgetItem

from ..algorithms import standards
from ..algorithms.base import user_standards_dir
from ..translation import current_language, tr
from .user_presets import (
    DESCRIPTION_KEYS,
    Edit,
    PresetError,
    apply_edits,
    delete_user_preset,
    save_user_preset,
    steps,
    user_file,
    user_file_error,
)

UI_FILE = Path(__file__).resolve().with_name("standards_dialog.ui")
ID_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole
VALUE, CLAUSE, STATUS, CHECKED = 1, 2, 3, 4


def status_names() -> dict[str, str]:
    """Verification status -> the name shown to the planner (已核对原文, 二手来源, 惯例, 未核实)."""
    return {
        "text": tr("Checked against the text"),
        "secondary": tr("Secondary source"),
        "convention": tr("Convention"),
        "unverified": tr("Unverified"),
    }


def field_names() -> dict[str, str]:
    """Names of the preset keys in the planner's language; unknown keys are shown as they are."""
    return {
        "label": tr("Name"),
        "label_zh": tr("Name (Chinese)"),
        "source": tr("Source"),
        "coverage_target": tr("Coverage target (share)"),
        "per_capita_target_m2": tr("Park green space per person (m²)"),
        "per_capita_comprehensive_m2": tr("Comprehensive park area per person (m²)"),
        "per_capita_community_m2": tr("Community park area per person (m²)"),
        "rules": tr("Park grades"),
        "grade": tr("Grade"),
        "grade_zh": tr("Grade (Chinese)"),
        "min_area_m2": tr("Minimum area (m²)"),
        "radius_m": tr("Service radius (m)"),
        "historic_only": tr("Historic districts only"),
        "park_class": tr("Park class"),
        "walking_speed_m_s": tr("Walking speed (m/s)"),
        "circles": tr("Living circles"),
        "walk_distance_m": tr("Walking distance (m)"),
        "population": tr("Residents"),
        "public_green": tr("Public green space"),
        "per_person_m2": tr("Per person (m²)"),
        "park_min_area_m2": tr("Smallest park (m²)"),
        "park_min_width_m": tr("Narrowest park (m)"),
        "types": tr("Facility types"),
        "circle": tr("Circle"),
        "distance_m": tr("Walking distance (m)"),
        "osm_mapping": tr("OSM value to type"),
        "osm_rules": tr("OSM tag rules"),
        "when": tr("When"),
        "bands_m": tr("Walking bands (m)"),
        "walk_speed_ms": tr("Walking speed (m/s)"),
        "threshold": tr("Threshold"),
        "cruise_kmh": tr("Cruise speed (km/h)"),
        "acceleration_ms2": tr("Acceleration (m/s²)"),
        "braking_ms2": tr("Braking (m/s²)"),
        "dwell_s": tr("Dwell time (s)"),
        "headway_all_min": tr("All-stop headway (min)"),
        "headway_express_min": tr("Express headway (min)"),
        "transfer_min": tr("Interchange walk (min)"),
        "min_contributing_area_ha": tr("Corridor start: contributing area (ha)"),
        "corridor_half_widths": tr("Corridor half-widths by order (m)"),
        "min_depth_m": tr("Waterlogging depth (m)"),
        "min_depression_area_m2": tr("Smallest hollow (m²)"),
    }


def describe(preset: dict, path: str, chinese: bool) -> str:
    """ "rules[2].radius_m" -> "历史文化街区公园绿地 · 服务半径（米）": rows and named objects by their
    own (Chinese) name, keys by field_names(), other list items by their number from 1."""
    names = field_names()
    shown, value = [], preset
    for step in steps(path):
        value = value[step]
        own = None
        if isinstance(value, dict):
            candidates = ([value.get("grade_zh"), value.get("label_zh")] if chinese else []) + [
                value.get("grade"),
                value.get("label"),
            ]
            own = next((c for c in candidates if c), None)
        if own:
            shown.append(str(own))
        elif isinstance(step, int):
            shown.append(str(step + 1))
        else:
            shown.append(names.get(step, step))
    return " · ".join(shown)


class StandardsDialog(QDialog):
    def __init__(self, parent=None, user_dir: Path | None = None):
        super().__init__(parent)
        uic.loadUi(str(UI_FILE), self)
        self.user_dir = Path(user_dir) if user_dir is not None else user_standards_dir()
        self.chinese = current_language() == "zh-Hans"
        self.data: dict = {}
        self.statuses = status_names()
        self.folderLabel.setText(self.tr("My presets are kept in {}").format(self.user_dir))
        self.presetsTable.setColumnCount(4)
        self.presetsTable.setHorizontalHeaderLabels(
            [self.tr("Preset"), self.tr("Name"), self.tr("Source"), self.tr("Mine")]
        )
        self.presetsTable.horizontalHeader().setStretchLastSection(True)
        self.valuesTable.setColumnCount(5)
        self.valuesTable.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Value"), self.tr("Clause"), self.tr("Status"), self.tr("Where checked")]
        )
        header = self.valuesTable.horizontalHeader()
        header.setSectionResizeMode(CLAUSE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHECKED, QHeaderView.ResizeMode.Stretch)
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
            broken = "⚠ " if user_file_error(self.user_dir, name) else ""
            self.standardCombo.setItemText(i, f"{broken}{title} ({name})")

    def standard_name(self) -> str:
        return self.standardCombo.currentData() or ""

    def show_standard(self, select: str | None = None) -> None:
        self.presetsTable.setRowCount(0)
        self.valuesTable.setRowCount(0)
        self.sourceLabel.clear()
        self.errorLabel.clear()
        self.errorLabel.setVisible(False)
        name = self.standard_name()
        if not name:
            return
        error = user_file_error(self.user_dir, name)
        try:
            self.data = standards.load_standard(name, None if error else self.user_dir)
        except standards.StandardsError as built_in_error:
            self._show_error(str(built_in_error))
            return
        if error:
            self._show_error(
                self.tr(
                    "My presets file cannot be read: {}. Until it is fixed or removed its presets are not used, and "
                    "algorithms that read them stop with this error; the built-in presets are shown below."
                ).format(error)
            )
        presets = self.data["presets"]
        self.presetsTable.setRowCount(len(presets))
        for row, (preset_id, preset) in enumerate(presets.items()):
            label = preset.get("label_zh" if self.chinese else "label") or preset.get("label", "")
            for column, text in enumerate(
                [preset_id, label, preset.get("source", ""), "✓" if preset.get("user") else ""]
            ):
                item = QTableWidgetItem(str(text))
                item.setData(ID_ROLE, preset_id)
                item.setToolTip(str(text))
                self.presetsTable.setItem(row, column, item)
        self.presetsTable.resizeColumnsToContents()
        for column in (1, 2):
            self.presetsTable.setColumnWidth(column, min(self.presetsTable.columnWidth(column), 320))
        target = select or next(iter(presets), None)
        if target is not None:
            self.select_preset(target)

    def _show_error(self, text: str) -> None:
        self.errorLabel.setText(text)
        self.errorLabel.setVisible(True)

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
        note = preset.get("note_zh") if self.chinese and preset.get("note_zh") else preset.get("note")
        text = self.tr("Source: {}").format(preset.get("source", ""))
        if note:
            text += "\n" + self.tr("Note: {}").format(note)
        if not mine:
            text += "\n" + self.tr("Built-in preset: copy it to your presets to change values.")
        self.sourceLabel.setText(text)
        self._fill_values(preset, mine)
        self.saveButton.setEnabled(mine)
        self.deleteButton.setEnabled(mine)
        self.newIdEdit.setText(f"{preset_id}_mine" if not mine else "")

    def _fill_values(self, preset: dict, editable: bool) -> None:
        rows = [(key, preset.get(key, "")) for key in DESCRIPTION_KEYS] + standards.leaf_paths(preset)
        table = self.valuesTable
        table.setRowCount(len(rows))
        for row, (path, value) in enumerate(rows):
            entry = None if path in DESCRIPTION_KEYS else standards.provenance_of(preset, path) or {}
            name = QTableWidgetItem(describe(preset, path, self.chinese))
            name.setData(PATH_ROLE, path)
            name.setToolTip(path)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, name)
            cells = {
                VALUE: _shown(value),
                CLAUSE: "" if entry is None else entry.get("clause", ""),
                CHECKED: "" if entry is None else entry.get("checked", ""),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not editable or (entry is None and column != VALUE):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, column, item)
            status = entry.get("status", "") if entry else ""
            if editable and entry is not None:
                combo = QComboBox()
                for key, shown in self.statuses.items():
                    combo.addItem(shown, key)
                combo.setCurrentIndex(max(combo.findData(status), 0))
                table.setCellWidget(row, STATUS, combo)
            else:
                item = QTableWidgetItem(self.statuses.get(status, status))
                item.setData(PATH_ROLE, status)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, STATUS, item)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(VALUE)

    def row_of(self, path: str) -> int:
        for row in range(self.valuesTable.rowCount()):
            if self.valuesTable.item(row, 0).data(PATH_ROLE) == path:
                return row
        return -1

    def status_at(self, row: int) -> str:
        combo = self.valuesTable.cellWidget(row, STATUS)
        if combo is not None:
            return combo.currentData()
        item = self.valuesTable.item(row, STATUS)
        return item.data(PATH_ROLE) or "" if item else ""

    def edits(self) -> list[Edit]:
        table = self.valuesTable
        return [
            Edit(
                table.item(row, 0).data(PATH_ROLE),
                table.item(row, VALUE).text(),
                table.item(row, CLAUSE).text(),
                self.status_at(row),
                table.item(row, CHECKED).text(),
            )
            for row in range(table.rowCount())
        ]

    def copy_preset(self) -> None:
        preset_id = self.preset_id()
        new_id = self.newIdEdit.text().strip()
        if preset_id is None or not new_id:
            self.statusLabel.setText(self.tr("Select a preset and give the new preset an id."))
            return
        if user_file_error(self.user_dir, self.standard_name()):
            self.statusLabel.setText(
                self.tr("Fix or remove the unreadable presets file first: {}").format(
                    user_file(self.user_dir, self.standard_name())
                )
            )
            return
        existing = self.data["presets"].get(new_id)
        if existing is not None and existing.get("user"):
            self.statusLabel.setText(self.tr("A preset '{}' exists already: choose another id.").format(new_id))
            return
        path = standards.copy_to_user(self.standard_name(), preset_id, new_id, self.user_dir)
        if existing is not None:  # the id of a built-in preset: the copy replaces it for every algorithm
            message = self.tr(
                "Copied to {} as '{}': it replaces the built-in preset in every algorithm. Edit the values below and save."
            )
        else:
            message = self.tr("Copied to {} as '{}': edit the values below and save.")
        self._presets_changed(message.format(path, new_id), new_id)

    def save_preset(self) -> None:
        preset_id = self.preset_id()
        if preset_id is None:
            return
        try:
            preset = apply_edits(self.data["presets"][preset_id], self.edits())
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
        self._label_standards()
        self.show_standard(select)
        provider = QgsApplication.processingRegistry().providerById("urbanization")
        if provider is not None:
            provider.refreshAlgorithms()
        self.statusLabel.setText(message)


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
