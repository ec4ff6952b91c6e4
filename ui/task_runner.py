"""Run a Processing algorithm in the background as a QgsProcessingAlgRunnerTask, report progress
and messages through Qt signals, and load its outputs (styled by the algorithm's post-processors)
into the project as the Processing dialog does."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal


class RecordingFeedback(QgsProcessingFeedback):
    """Feedback that keeps the errors and warnings, for the dialog to show."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)
        super().reportError(error, fatalError)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)
        super().pushWarning(warning)


class AlgorithmRun(QObject):
    """One background run; emit `finished(ok, results)` once the outputs are loaded."""

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt signal style)
    finished = pyqtSignal(bool, dict)

    def __init__(self, algorithm, parameters: dict, project: QgsProject | None = None, parent=None):
        super().__init__(parent)
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = QgsProcessingContext()
        self.context.setProject(project or QgsProject.instance())
        self.feedback = RecordingFeedback()
        self.feedback.progressChanged.connect(self.progressChanged)
        self.task = None
        if not algorithm.flags() & QgsProcessingAlgorithm.FlagNoThreading:
            self.task = QgsProcessingAlgRunnerTask(algorithm, parameters, self.context, self.feedback)
            self.task.executed.connect(self._executed)
        self.results: dict = {}
        self.loaded_layer_ids: list[str] = []
        self.done = False

    def start(self) -> None:
        """In a background task; algorithms flagged NoThreading run here in the main thread, as
        the Processing dialog runs them."""
        if self.algorithm.flags() & QgsProcessingAlgorithm.FlagNoThreading:
            results, ok = self.algorithm.run(self.parameters, self.context, self.feedback)
            self._executed(ok, results or {})
        else:
            QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        self.feedback.cancel()
        if not self.done and self.task is not None:
            self.task.cancel()

    def _executed(self, ok: bool, results: dict) -> None:
        self.results = dict(results or {})
        if ok and not self.feedback.isCanceled():
            import processing  # noqa: F401 (QGIS's processing plugin, for its result loader)
            from processing.gui.Postprocessing import handleAlgorithmResults

            project = self.context.project()
            before = set(project.mapLayers())
            ok = bool(handleAlgorithmResults(self.algorithm, self.context, self.feedback, False, self.parameters))
            self.loaded_layer_ids = [i for i in project.mapLayers() if i not in before]
        self.done = True
        self.finished.emit(bool(ok) and not self.feedback.isCanceled(), self.results)
