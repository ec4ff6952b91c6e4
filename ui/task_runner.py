"""Run a Processing algorithm in the background as a QgsProcessingAlgRunnerTask, report progress
and messages through Qt signals, and load its outputs (named and styled by the algorithm's
post-processors) into the project as the Processing dialog does, through public API only
(Processing's own loader, processing.gui.Postprocessing, is private and changed its signature
after QGIS 3.22)."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..translation import tr


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
        if not algorithm.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading:
            self.task = QgsProcessingAlgRunnerTask(algorithm, parameters, self.context, self.feedback)
            self.task.executed.connect(self._executed)
        self.results: dict = {}
        self.loaded_layer_ids: list[str] = []
        self.done = False

    def start(self) -> None:
        """In a background task; algorithms flagged NoThreading run here in the main thread, as
        the Processing dialog runs them."""
        if self.algorithm.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading:
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
            self.loaded_layer_ids = load_outputs(self.context, self.feedback)
        self.done = True
        self.finished.emit(bool(ok) and not self.feedback.isCanceled(), self.results)


def load_outputs(context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> list[str]:
    """Add the layers the run marked for loading on completion (context.layersToLoadOnCompletion)
    to their project, named as Processing names them, then run each one's post-processor (our
    styles, layers/styling.py). Returns the ids of the layers added, in the algorithm's order.
    Runs in the main thread, after the task has finished."""
    loaded: list[str] = []
    store = context.temporaryLayerStore()
    for dest_id, details in context.layersToLoadOnCompletion().items():
        layer = QgsProcessingUtils.mapLayerFromString(dest_id, context, True, details.layerTypeHint)
        if layer is None or not layer.isValid():
            feedback.reportError(tr("Could not load the result {} into the project.").format(dest_id))
            continue
        project = details.project or context.project()
        details.setOutputLayerName(layer)
        if project.mapLayer(layer.id()) is None:
            if store.mapLayer(layer.id()) is not None:
                layer = store.takeMapLayer(layer)  # the project takes ownership from the context
            project.addMapLayer(layer)
        if details.postProcessor() is not None:
            details.postProcessor().postProcessLayer(layer, context, feedback)
        loaded.append(layer.id())
    context.setLayersToLoadOnCompletion({})  # loaded once, even if called again
    return loaded
