"""Processing's batch dialog, driven for two rows of every algorithm with an HTML report: the runs
end without an error (QGIS 3.22's dialog called ProcessingResults.addResult() without its
timestamp for HTML outputs) and each row's report is in the Results viewer."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsVectorLayer

from tests.qgis.test_reports_chinese import CASES


@pytest.fixture
def batch_patch(processing_ready):
    from urbanization_planning.ui import batch_results

    batch_results.install()
    yield
    batch_results.uninstall()


def _value(value):
    return value.source() if isinstance(value, QgsVectorLayer) else value


@pytest.mark.parametrize("algorithm_id", sorted(CASES))
def test_two_batch_rows_end_without_error(batch_patch, provider, qtbot, tmp_path, algorithm_id):
    from processing.core.ProcessingResults import resultsList
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog
    from processing.tools import dataobjects

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"urbanization:{algorithm_id}")
    dialog = BatchAlgorithmDialog(algorithm)
    qtbot.addWidget(dialog)
    dialog.show()  # as a planner sees it (QGIS 3.44 deletes a hidden batch dialog after its last row)
    panel = dialog.mainWidget()
    while panel.batchRowCount() < 2:
        panel.addRow()
    context = dataobjects.createContext()
    parameters = {k: v for k, v in CASES[algorithm_id]().items() if v is not None}
    for row in range(2):
        for name, value in parameters.items():
            panel.wrappers[row][panel.parameter_to_column[name]].setParameterValue(_value(value), context)
        for output in algorithm.destinationParameterDefinitions():
            if output.name() == "COMMUTE_ISOCHRONES":
                continue  # needs a walking network the express case does not give
            extension = output.defaultFileExtension()
            column = panel.parameter_to_column[output.name()]
            panel.tblParameters.cellWidget(row + 1, column).setValue(
                str(tmp_path / f"{output.name()}_{row}.{extension}")
            )
    before = len(resultsList.getResults())
    expected = {str(tmp_path / "REPORT_0.html"), str(tmp_path / "REPORT_1.html")}

    def reports() -> set[str]:
        return {str(r.filename) for r in resultsList.getResults()[before:] if str(r.filename).endswith(".html")}

    dialog.runAlgorithm()  # raised TypeError: addResult() missing 'timestamp' on QGIS 3.22
    # QGIS 3.22 runs the rows before returning; later versions run them as a background task
    try:
        qtbot.waitUntil(lambda: expected <= reports(), timeout=180_000)
    except qtbot.TimeoutError:  # say what the dialog saw: a row's error, or a row still running
        log = tmp_path / "dialog_log.txt"
        dialog.saveLogToFile(str(log))
        pytest.fail(
            f"reports after 180 s: {sorted(reports())}; the dialog's log:\n{log.read_text(encoding='utf-8')[-4000:]}"
        )
    qtbot.wait(500)  # let the dialog finish its last row before it is closed
    assert (tmp_path / "REPORT_1.html").exists()
