"""'Planning analysis': one dialog for the analyses of the four themes (and data preparation).
The form is built from the chosen algorithm's parameter definitions, the run is a background
task with progress and Cancel, and the results panel shows the key numbers and the report's chart."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QDateTime, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QGuiApplication
from qgis.PyQt.QtSvg import QSvgWidget
from qgis.PyQt.QtWidgets import QDialog, QPlainTextEdit, QTableWidgetItem, QTreeWidgetItem, QVBoxLayout, QWidget

from ..algorithms.base import group_names
from . import results as result_view
from .parameter_form import ParameterForm
from .task_runner import AlgorithmRun

UI_FILE = Path(__file__).resolve().with_name("planning_analysis_dialog.ui")
PROVIDER_ID = "urbanization"
THEMES = ("multiplan", "greencity", "flood", "commuting", "healthcheck", "dataprep")  # "maps" has its own dialog
PREFERRED_SIZE = (1280, 800)  # logical pixels; never more than the screen has room for
FRAME = (16, 48)  # room for the window frame and title bar, which Qt's geometry leaves out
ID_ROLE = Qt.ItemDataRole.UserRole


def analyses_by_theme() -> dict[str, list]:
    """Registered algorithms of the provider per theme, in THEMES order, sorted by display name."""
    provider = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
    found: dict[str, list] = {theme: [] for theme in THEMES}
    for algorithm in provider.algorithms() if provider is not None else []:
        if algorithm.groupId() in found:
            found[algorithm.groupId()].append(algorithm)
    return {theme: sorted(algs, key=lambda a: a.displayName()) for theme, algs in found.items() if algs}


class PlanningAnalysisDialog(QDialog):
    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        uic.loadUi(str(UI_FILE), self)
        self.iface = iface
        self.project = QgsProject.instance()
        self.algorithm = None
        self.form: ParameterForm | None = None
        self.run_: AlgorithmRun | None = None
        self.last_parameters: dict = {}
        self.report: str | None = None
        self.chart: QSvgWidget | None = None
        self.splitter.setSizes([280, 720])
        self.numbersTable.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(self.chartHolder)
        self.logTab = QWidget(self)
        self.logTab.setObjectName("logTab")
        self.logView = QPlainTextEdit(self.logTab)
        self.logView.setObjectName("logView")
        self.logView.setReadOnly(True)
        QVBoxLayout(self.logTab).addWidget(self.logView)
        self.tabs.addTab(self.logTab, self.tr("Log"))
        self.fit_to_screen()
        self._fill_tree()
        self.analysisTree.currentItemChanged.connect(self._on_item)
        self.runButton.clicked.connect(self.run)
        self.cancelButton.clicked.connect(self.cancel)
        self.closeButton.clicked.connect(self.close)
        self.standardsButton.clicked.connect(self.open_standards)
        self.reportButton.clicked.connect(self.open_report)
        self.processingButton.clicked.connect(self.open_in_processing)
        self.exportButton.clicked.connect(self.export_map)
        self._set_result_buttons(False)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PlanningAnalysisDialog", text)

    def fit_to_screen(self) -> None:
        """PREFERRED_SIZE, or the available room of the screen the dialog opens on when that is less
        (a 1366 x 768 laptop, 150 % scaling): the form scrolls, Run/Cancel/Close stay on screen."""
        holder = self.parentWidget() or self
        screen = holder.screen() if hasattr(holder, "screen") else None
        screen = screen or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        width = min(PREFERRED_SIZE[0], room.width() - FRAME[0])
        height = min(PREFERRED_SIZE[1], room.height() - FRAME[1])
        self.resize(max(width, self.minimumSizeHint().width()), max(height, self.minimumSizeHint().height()))
        self.move(
            room.x() + (room.width() - self.width()) // 2,
            room.y() + max(0, (room.height() - FRAME[1] - self.height()) // 2),
        )

    # choosing an analysis
    def _fill_tree(self) -> None:
        self.analysisTree.clear()
        names = group_names()
        for theme, algorithms in analyses_by_theme().items():
            top = QTreeWidgetItem([names[theme]])
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for algorithm in algorithms:
                child = QTreeWidgetItem([algorithm.displayName()])
                child.setData(0, ID_ROLE, algorithm.id())
                child.setToolTip(0, algorithm.id())
                top.addChild(child)
            self.analysisTree.addTopLevelItem(top)
        self.analysisTree.expandAll()

    def algorithm_ids(self) -> list[str]:
        ids = []
        for i in range(self.analysisTree.topLevelItemCount()):
            top = self.analysisTree.topLevelItem(i)
            ids.extend(top.child(k).data(0, ID_ROLE) for k in range(top.childCount()))
        return ids

    def select_algorithm(self, algorithm_id: str) -> bool:
        for i in range(self.analysisTree.topLevelItemCount()):
            top = self.analysisTree.topLevelItem(i)
            for k in range(top.childCount()):
                if top.child(k).data(0, ID_ROLE) == algorithm_id:
                    self.analysisTree.setCurrentItem(top.child(k))
                    return True
        return False

    def _on_item(self, item, _previous=None) -> None:
        algorithm_id = item.data(0, ID_ROLE) if item is not None else None
        if algorithm_id:
            self._show_algorithm(algorithm_id)

    def _show_algorithm(self, algorithm_id: str) -> None:
        self.algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        self.form = ParameterForm(self.algorithm, self.project, canvas)
        self.formArea.setWidget(self.form)
        self.titleLabel.setText(f"<b>{self.algorithm.displayName()}</b> ({self.algorithm.group()})")
        self.helpBrowser.setHtml(self.algorithm.shortHelpString())
        self.statusLabel.clear()
        self.progressBar.setValue(0)
        self.tabs.setCurrentWidget(self.inputsTab)

    # running
    def run(self) -> None:
        if self.form is None:
            self.statusLabel.setText(self.tr("Choose an analysis first."))
            return
        problem = self.form.check()
        if problem:
            self.statusLabel.setText(problem)
            return
        self._clear_results()
        self.last_parameters = self.form.values()
        self.run_ = AlgorithmRun(self.algorithm, self.last_parameters, self.project, self)
        self.run_.progressChanged.connect(lambda value: self.progressBar.setValue(int(value)))
        self.run_.finished.connect(self._finished)
        self.runButton.setEnabled(False)
        self.cancelButton.setEnabled(True)
        self.analysisTree.setEnabled(False)
        self.progressBar.setValue(0)
        self.statusLabel.setText(self.tr("Running {} in the background...").format(self.algorithm.displayName()))
        self.run_.start()

    def is_running(self) -> bool:
        return self.run_ is not None and not self.run_.done

    def cancel(self) -> None:
        if self.is_running():
            self.statusLabel.setText(self.tr("Cancelling..."))
            self.run_.cancel()  # may finish at once (a task not started yet): message first

    def _finished(self, ok: bool, results: dict) -> None:
        run = self.run_
        self.runButton.setEnabled(True)
        self.cancelButton.setEnabled(False)
        self.analysisTree.setEnabled(True)
        self._show_log(run.feedback)
        if not ok:
            if run.feedback.isCanceled():
                self.statusLabel.setText(self.tr("Cancelled: no layers were added."))
            else:
                errors = "\n".join(run.feedback.errors) or self.tr("unknown error")
                self.statusLabel.setText(self.tr("The analysis failed:\n{}").format(errors))
                self.tabs.setCurrentWidget(self.logTab)
            return
        self.progressBar.setValue(100)
        group = self._group_layers(run.loaded_layer_ids)
        self._show_results(results, run.loaded_layer_ids)
        status = self.tr("Done: {} layer(s) added to the project.").format(len(run.loaded_layer_ids))
        if group:
            status += " " + self.tr("Group: {}.").format(group)
        if run.feedback.warnings:
            status += " " + self.tr("{} warning(s): see the Log tab.").format(len(run.feedback.warnings))
        self.statusLabel.setText(status)

    def _show_log(self, feedback) -> None:
        """The run's warnings and errors, which a planner must read before using the numbers."""
        lines = [self.tr("Warning: {}").format(w) for w in feedback.warnings]
        lines += [self.tr("Error: {}").format(e) for e in feedback.errors]
        self.logView.setPlainText("\n".join(lines) or self.tr("No warnings."))

    def _clear_results(self) -> None:
        """Forget the previous run's numbers, chart and report (a failed run must not show them)."""
        self.numbersTable.setRowCount(0)
        if self.chart is not None:
            self.chart.deleteLater()
            self.chart = None
        self.report = None
        self.logView.clear()
        self._set_result_buttons(False)

    def _group_layers(self, layer_ids: list[str]) -> str:
        """Move this run's layers into a new group '<analysis> <date time>' at the top of the
        Layers panel, so repeated runs stay apart instead of piling up."""
        layers = [self.project.mapLayer(i) for i in layer_ids]
        layers = [layer for layer in layers if layer is not None]
        if not layers:
            return ""
        root = self.project.layerTreeRoot()
        name = "{} {}".format(self.algorithm.displayName(), QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm:ss"))
        group = root.insertGroup(0, name)
        for layer in layers:
            node = root.findLayer(layer.id())
            if node is None:
                continue
            group.addChildNode(node.clone())
            node.parent().removeChildNode(node)
        return name

    def _show_results(self, results: dict, layer_ids: list[str]) -> None:
        rows = result_view.key_numbers(self.algorithm, results)
        for layer_id in layer_ids:
            layer = self.project.mapLayer(layer_id)
            if isinstance(layer, QgsVectorLayer):
                rows.append((self.tr("{}: features").format(layer.name()), f"{layer.featureCount():,}"))
        self.numbersTable.setRowCount(len(rows))
        for row, (label, value) in enumerate(rows):
            self.numbersTable.setItem(row, 0, QTableWidgetItem(label))
            self.numbersTable.setItem(row, 1, QTableWidgetItem(value))
        self.numbersTable.resizeColumnToContents(0)
        self.report = result_view.report_path(self.algorithm, results)
        if self.chart is not None:
            self.chart.deleteLater()
            self.chart = None
        chart = result_view.first_chart(self.report)
        self.chartLabel.setVisible(chart is not None)
        self.chartArea.setVisible(chart is not None)
        if chart is not None:
            self.chart = QSvgWidget(self.chartHolder)
            self.chart.load(chart)
            # the chart's own size: the scroll area scrolls it, never stretches it out of proportion
            self.chart.setFixedSize(self.chart.sizeHint())
            self.chartHolder.layout().addWidget(self.chart, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            # no taller than the chart (and a scroll bar): the key numbers above keep the room
            room = (
                self.chart.height()
                + 2 * self.chartArea.frameWidth()
                + self.chartArea.horizontalScrollBar().sizeHint().height()
            )
            self.chartArea.setMaximumHeight(room + self.chartHolder.layout().contentsMargins().top() * 2)
        self._set_result_buttons(True)
        self.tabs.setCurrentWidget(self.resultsTab)

    def _set_result_buttons(self, enabled: bool) -> None:
        self.reportButton.setEnabled(enabled and self.report is not None)
        self.processingButton.setEnabled(enabled)
        self.exportButton.setEnabled(enabled)

    def loaded_layer_ids(self) -> list[str]:
        return list(self.run_.loaded_layer_ids) if self.run_ is not None else []

    # follow-ups
    def open_report(self) -> None:
        if self.report:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.report))

    def open_in_processing(self):
        """The same algorithm in QGIS's Processing dialog, with the inputs filled in."""
        import processing

        parameters = {
            k: v
            for k, v in self.last_parameters.items()
            if k not in [p.name() for p in self.algorithm.destinationParameterDefinitions()]
        }
        dialog = processing.createAlgorithmDialog(self.algorithm.id(), parameters)
        if dialog is not None:
            dialog.show()
        return dialog

    def export_map(self):
        """The export dialog with this run's layers ticked and the analysis name as title."""
        from .export_map_dialog import ExportMapDialog

        layers = [self.project.mapLayer(i) for i in self.loaded_layer_ids()]
        dialog = ExportMapDialog(
            self.iface,
            self,
            checked=[layer for layer in layers if layer is not None],
            title=self.algorithm.displayName(),
        )
        dialog.show()
        return dialog

    def open_standards(self):
        from .standards_dialog import StandardsDialog

        dialog = StandardsDialog(self)
        dialog.finished.connect(self._after_standards)
        dialog.show()
        return dialog

    def _after_standards(self, _result=None) -> None:
        """Presets may have changed: rebuild the form so preset choices are current."""
        if self.algorithm is not None and not self.is_running():
            self._show_algorithm(self.algorithm.id())

    def closeEvent(self, event):  # noqa: N802
        if self.is_running():
            self.run_.cancel()
        super().closeEvent(event)
