"""'Standards presets' (规划标准预设): the presets of resources/standards/ as a planner reads them,
one tab per table of a preset (parameters, park grades, conflict rules, living circles, indicators),
titled and headed in the planner's language, each row with its verification status and clause. The
planner copies a preset into their own file in the QGIS profile folder, types values into the cells
(checked at once) and saves; the algorithms then offer it (a copy under the id of a built-in preset
replaces it). A planner's file that cannot be read is named with its line, never hidden."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QTableWidget, QTableWidgetItem

from ..algorithms import standards
from ..algorithms.base import user_standards_dir
from ..translation import current_language
from . import preset_names as names
from .preset_names import status_names
from .preset_tables import VALUE, Row, Table, preset_tables, provenance_entries
from .user_presets import (
    DESCRIPTION_KEYS,
    LIST_SEPARATOR,
    Edit,
    PresetError,
    apply_edits,
    delete_user_preset,
    parse_value,
    save_user_preset,
    user_file,
    user_file_error,
    value_at,
)

__all__ = ["StandardsDialog", "status_names"]

UI_FILE = Path(__file__).resolve().with_name("standards_dialog.ui")
ID_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole
MAX_COLUMN_WIDTH = 260
CLAUSE_WIDTH = 400
#: The provenance columns after a row's values, in this order.
STATUS, CLAUSE, CHECKED = 0, 1, 2
_REFUSED = QBrush(QColor("#f8d0d0"))


@dataclass
class ShownRow:
    """One row of a shown table: its values' paths and the provenance shown beside them."""

    widget: QTableWidget
    row: int
    paths: list[str]
    clause: str = ""  # as shown: the clauses of the row's values, distinct ones joined
    status: str = ""  # a status key, or "" when the values differ in status
    checked: str = ""
    first: int = -1  # the first provenance column (STATUS, CLAUSE, CHECKED after it); -1: none (name, source)


@dataclass(frozen=True)
class Place:
    """Where a value is shown, in the planner's words: table title, row name, column header."""

    title: str
    row: str
    column: str

    def __str__(self) -> str:
        return " · ".join(part for part in (self.title, self.row, self.column) if part)


class StandardsDialog(QDialog):
    """The presets of one standard file at a time: the list of presets, then the chosen one's tables."""

    def __init__(self, parent=None, user_dir: Path | None = None):
        super().__init__(parent)
        uic.loadUi(str(UI_FILE), self)
        self.user_dir = Path(user_dir) if user_dir is not None else user_standards_dir()
        self.chinese = current_language() == "zh-Hans"
        self.data: dict = {}
        self.preset: dict = {}
        self.statuses = status_names()
        self.coded = names.value_names()
        self.items: dict[str, QTableWidgetItem] = {}  # value path -> its cell
        self.places: dict[str, Place] = {}
        self.shown_rows: list[ShownRow] = []
        self.folderLabel.setText(self.tr("My presets are kept in {}").format(self.user_dir))
        self.presetsTable.setColumnCount(4)
        self.presetsTable.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Source"), self.tr("Mine"), self.tr("Preset id")]
        )
        self.presetsTable.horizontalHeader().setStretchLastSection(True)
        self.splitter.setStretchFactor(1, 1)  # the preset's tables get the height; the list of presets scrolls
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
            self.standardCombo.setItemText(i, f"{broken}{title}")

    def standard_name(self) -> str:
        return self.standardCombo.currentData() or ""

    def _own(self, record: dict, key: str) -> str:
        """A text in the planner's language where the preset has it (label_zh, note_zh), else as written."""
        return str((record.get(f"{key}_zh") if self.chinese else None) or record.get(key) or "")

    def show_standard(self, select: str | None = None) -> None:
        self.presetsTable.setRowCount(0)
        self._clear_tables()
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
            texts = [
                self._own(preset, "label"),
                self._own(preset, "source"),
                "✓" if preset.get("user") else "",
                preset_id,
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, preset_id)
                item.setToolTip(text)
                self.presetsTable.setItem(row, column, item)
        self.presetsTable.resizeColumnsToContents()
        for column in (0, 1):
            self.presetsTable.setColumnWidth(column, min(self.presetsTable.columnWidth(column), 420))
        target = select or next(iter(presets), None)
        if target is not None:
            self.select_preset(target)
        self._fit_presets_list()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit_presets_list()

    def _fit_presets_list(self) -> None:
        """The list of presets as high as its rows (four at most), the rest for the preset's tables."""
        table = self.presetsTable
        rows = min(table.rowCount(), 4)
        wanted = (
            table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(rows)) + 2 * table.frameWidth()
        )
        total = sum(self.splitter.sizes())
        if total > wanted:
            self.splitter.setSizes([wanted, total - wanted])

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
        text = self.tr("Source: {}").format(self._own(preset, "source"))
        note = self._own(preset, "note")
        if note:
            text += "\n" + self.tr("Note: {}").format(note)
        if not mine:
            text += "\n" + self.tr("Built-in preset: copy it to your presets to change values.")
        self.sourceLabel.setText(text)
        self._fill_tables(preset, mine)
        self.saveButton.setEnabled(mine)
        self.deleteButton.setEnabled(mine)
        self.newIdEdit.setText(f"{preset_id}_mine" if not mine else "")

    # --- the preset's tables -------------------------------------------------------------------

    def _clear_tables(self) -> None:
        while self.tablesTabs.count():
            page = self.tablesTabs.widget(0)
            self.tablesTabs.removeTab(0)
            page.deleteLater()
        self.items, self.places, self.shown_rows = {}, {}, []

    def _fill_tables(self, preset: dict, editable: bool) -> None:
        self._clear_tables()
        self.preset = preset
        about = Table(
            "", "values", [VALUE], [Row(key, key, preset.get(key, ""), {VALUE: key}) for key in DESCRIPTION_KEYS]
        )
        self._add_table(self.tr("Name and source"), about, editable, provenance=False)
        standard = self.standard_name()
        for table in preset_tables(preset):
            self._add_table(names.table_title(standard, table, self.chinese), table, editable)
        self.tablesTabs.setCurrentIndex(1 if self.tablesTabs.count() > 1 else 0)

    def table_titles(self) -> list[str]:
        return [self.tablesTabs.tabText(i) for i in range(self.tablesTabs.count())]

    def _columns(self, table: Table) -> list[str]:
        """The table's columns, a Chinese text before its English one under zh-Hans (grade_zh, grade)."""
        if not self.chinese:
            return list(table.columns)
        ordered: list[str] = []
        for column in table.columns:
            twin = column[: -len("_zh")] if column.endswith("_zh") else None
            if twin in ordered:
                ordered.insert(ordered.index(twin), column)
            else:
                ordered.append(column)
        return ordered

    def _add_table(self, title: str, table: Table, editable: bool, provenance: bool = True) -> None:
        standard = self.standard_name()
        keyed = names.keyed(standard, table)
        columns = self._columns(table)
        headers = [names.key_header(standard, table)] if keyed else []
        headers += [names.column_header(standard, table, column) for column in columns]
        if provenance:
            headers += [self.tr("Verification"), self.tr("Clause"), self.tr("Where checked")]
        widget = QTableWidget(len(table.rows), len(headers))
        widget.setHorizontalHeaderLabels(headers)
        widget.setWordWrap(False)
        widget.verticalHeader().setVisible(not keyed)
        for row, record in enumerate(table.rows):
            if keyed:
                widget.setItem(row, 0, _fixed(names.key_name(table, record)))
            row_name = names.key_name(table, record) if keyed else names.row_name(record, self.chinese)
            for column, key in enumerate(columns, start=int(keyed)):
                path = record.cells.get(key)
                widget.setItem(row, column, _fixed("") if path is None else self._value_item(path, key, editable))
                if path is not None:
                    plain = table.path == ""  # a named value: its name says it all
                    self.places[path] = Place(title, row_name, "" if plain else headers[column])
            shown_row = ShownRow(widget, row, [record.cells[key] for key in columns if key in record.cells])
            if provenance:
                self._fill_provenance(shown_row, len(columns) + int(keyed), editable)
            self.shown_rows.append(shown_row)
        widget.resizeColumnsToContents()
        for column in range(widget.columnCount()):
            widest = CLAUSE_WIDTH if provenance and column == widget.columnCount() - 3 + CLAUSE else MAX_COLUMN_WIDTH
            widget.setColumnWidth(column, min(widget.columnWidth(column), widest))
        widget.horizontalHeader().setStretchLastSection(True)
        widget.itemChanged.connect(self._check_item)
        self.tablesTabs.addTab(widget, title)
        self.tablesTabs.setTabToolTip(self.tablesTabs.count() - 1, title)

    def _value_item(self, path: str, column: str, editable: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(self._shown(value_at(self.preset, path), column))
        item.setData(PATH_ROLE, path)
        if not editable:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.items[path] = item
        return item

    def _fill_provenance(self, shown: ShownRow, column: int, editable: bool) -> None:
        entries = provenance_entries(self.preset, shown.paths)
        statuses = list(dict.fromkeys(e.get("status", "") for e in entries))
        shown.clause = "; ".join(dict.fromkeys(str(e.get("clause", "")) for e in entries))
        shown.checked = "; ".join(dict.fromkeys(str(e.get("checked", "")) for e in entries))
        shown.status = statuses[0] if len(statuses) == 1 else ""
        shown.first = column
        for path in shown.paths:
            own = standards.provenance_of(self.preset, path)
            if own and len(entries) > 1:  # a row whose values differ: each value says its own
                self.items[path].setToolTip(f"{own.get('clause', '')}\n{self.statuses.get(own['status'], '')}")
        for offset, text in ((CLAUSE, shown.clause), (CHECKED, shown.checked)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if not editable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            shown.widget.setItem(shown.row, column + offset, item)
        status_text = "、".join(self.statuses.get(s, s) for s in statuses)
        if editable:
            combo = QComboBox()
            if not shown.status:
                combo.addItem(status_text, "")
            for key, name in self.statuses.items():
                combo.addItem(name, key)
            combo.setCurrentIndex(max(combo.findData(shown.status), 0))
            combo.setToolTip(status_text)
            shown.widget.setCellWidget(shown.row, column + STATUS, combo)
        else:
            item = _fixed(status_text)
            item.setData(PATH_ROLE, shown.status)
            shown.widget.setItem(shown.row, column + STATUS, item)

    def _shown(self, value, column: str) -> str:
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list):
            return LIST_SEPARATOR.join(self._shown(v, column) for v in value)
        coded = self.coded.get(column.rsplit(".", 1)[-1], {})
        return "" if value is None else coded.get(value, str(value))

    def typed(self, path: str) -> str:
        """The text of a value's cell with coded values' names turned back into their codes."""
        text = self.items[path].text().strip()
        key = str(_last_key(path))
        by_name = {name: code for code, name in self.coded.get(key, {}).items()}
        return by_name.get(text, text)

    # --- reading the planner's edits -------------------------------------------------------------

    def value_item(self, path: str) -> QTableWidgetItem | None:
        """The cell showing the value at `path`."""
        return self.items.get(path)

    def row_of_value(self, path: str) -> ShownRow | None:
        return next((row for row in self.shown_rows if path in row.paths), None)

    def provenance_item(self, path: str, offset: int) -> QTableWidgetItem | None:
        """The CLAUSE or CHECKED cell of the row showing `path`."""
        row = self.row_of_value(path)
        return None if row is None or row.first < 0 else row.widget.item(row.row, row.first + offset)

    def status_of(self, row: ShownRow) -> str:
        combo = row.widget.cellWidget(row.row, row.first + STATUS)
        if combo is not None:
            return combo.currentData() or ""
        return row.status

    def status_widget(self, path: str):
        row = self.row_of_value(path)
        return row.widget.cellWidget(row.row, row.first + STATUS) if row else None

    def problem(self, path: str) -> str | None:
        """Why the text in a value's cell cannot be saved, naming the cell as the planner sees it."""
        original = value_at(self.preset, path)
        text = self.typed(path)
        try:
            parse_value(text, original, path)
        except PresetError:
            if isinstance(original, bool):
                return self.tr("{}: '{}' is not yes or no").format(self.places[path], text)
            return self.tr("{}: '{}' is not a number").format(self.places[path], text)
        return None

    def _check_item(self, item: QTableWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if not isinstance(path, str) or self.items.get(path) is not item:
            return
        problem = self.problem(path)
        blocked = item.tableWidget().blockSignals(True)
        item.setBackground(_REFUSED if problem else QBrush())
        item.tableWidget().blockSignals(blocked)
        if problem:
            self.statusLabel.setText(self.tr("Refused: {}").format(problem))

    def edits(self) -> list[Edit]:
        found = []
        for row in self.shown_rows:
            if row.first < 0:
                found += [Edit(path, self.typed(path)) for path in row.paths]
                continue
            clause = row.widget.item(row.row, row.first + CLAUSE).text()
            checked = row.widget.item(row.row, row.first + CHECKED).text()
            status = self.status_of(row)
            for path in row.paths:
                own = standards.provenance_of(self.preset, path) or {}
                found.append(
                    Edit(
                        path,
                        self.typed(path),
                        clause if clause != row.clause else own.get("clause", ""),
                        status if status != row.status else own.get("status", ""),
                        checked if checked != row.checked else own.get("checked", ""),
                    )
                )
        return found

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
                "Copied to {} as '{}': it replaces the built-in preset in every algorithm. "
                "Edit the values below and save."
            )
        else:
            message = self.tr("Copied to {} as '{}': edit the values below and save.")
        self._presets_changed(message.format(path, new_id), new_id)

    def save_preset(self) -> None:
        preset_id = self.preset_id()
        if preset_id is None:
            return
        problems = [problem for problem in map(self.problem, self.items) if problem]
        if not self.items["source"].text().strip():
            problems.append(self.tr("every preset needs a source (the standard or document it follows)"))
        if problems:
            self.statusLabel.setText(self.tr("Not saved: {}").format(problems[0]))
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


def _fixed(text: str) -> QTableWidgetItem:
    """A cell the planner reads but does not edit (a code, a name of a value)."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)
    return item


def _last_key(path: str) -> str:
    """The last key of a value's path: "rules[3].outcome" -> "outcome", "bands_m[0]" -> "bands_m"."""
    return path.rsplit(".", 1)[-1].split("[", 1)[0]
