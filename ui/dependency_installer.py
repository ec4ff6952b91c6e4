"""'Install missing packages' (安装缺少的依赖): the planner installs what the algorithms lack from
inside QGIS, online or from a folder of wheel files, with a progress bar and pip's log. pip runs
as a background QProcess in QGIS's own Python (ui/pip_install.py says how and where)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QProcess, QProcessEnvironment, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QFileDialog, QListWidgetItem

from ..algorithms import dependencies
from . import pip_install

UI_FILE = Path(__file__).resolve().with_name("dependency_installer.ui")
NAME_ROLE = Qt.ItemDataRole.UserRole
# pip output lines that mark progress: one step per package found, then the install itself
_STEP_WORDS = ("Collecting", "Processing", "Looking in links", "Requirement already satisfied")


def required_names() -> set[str]:
    """The packages some registered algorithm of the toolkit requires (the rest speed up big data)."""
    from qgis.core import QgsApplication

    provider = QgsApplication.processingRegistry().providerById("urbanization")
    algorithms = provider.algorithms() if provider is not None else []
    return {name for algorithm in algorithms for name in getattr(algorithm, "REQUIRES", ())}


def missing_packages(names=None) -> list[dependencies.Missing]:
    """Packages that do not import, plus those already imported that lack an ability (cheap: the
    dialog opens at once; an algorithm's check imports the rest and its message leads here)."""
    missing = []
    for name in dependencies.PACKAGES if names is None else names:
        if importlib.util.find_spec(name) is None:
            missing.append(dependencies.Missing(name, None))
        elif name in sys.modules:
            missing += dependencies.find_missing([name])
    return missing


class DependencyInstallerDialog(QDialog):
    """Lists the missing packages (ticked), installs the ticked ones, reports pip's output."""

    finished_install = pyqtSignal(bool)  # True when pip succeeded and every ticked package imports

    def __init__(self, parent=None, prefix: Path | None = None):
        super().__init__(parent)
        uic.loadUi(str(UI_FILE), self)
        self.prefix = pip_install.dependency_folder() if prefix is None else prefix
        self.process: QProcess | None = None
        self.succeeded: bool | None = None
        self.requested: list[str] = []
        self.targetLabel.setText(self.tr("Installed into: {}").format(self.prefix))
        wheels = pip_install.wheel_folder_default()
        if wheels is not None:
            self.set_wheel_folder(wheels)
        self.browseButton.clicked.connect(self._browse)
        self.folderEdit.textEdited.connect(lambda _text: self.folderRadio.setChecked(True))
        self.installButton.clicked.connect(self.start)
        self.cancelButton.clicked.connect(self.cancel)
        self.closeButton.clicked.connect(self.close)
        self.refresh()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("DependencyInstallerDialog", text)

    def refresh(self) -> None:
        """List the missing packages, ticked; say so when nothing is missing."""
        self.packagesList.clear()
        required = required_names() or set(dependencies.PACKAGES)
        for item in missing_packages():
            package = dependencies.PACKAGES[item.name]
            state = (
                self.tr("not installed")
                if item.found_version is None
                else self.tr("{} installed, too old").format(item.found_version)
            )
            if item.name not in required:
                state += self.tr("; optional: very large DEMs and province-scale checks")
            entry = QListWidgetItem(f"{package.requirement}  ({state})")
            entry.setData(NAME_ROLE, item.name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if item.name in required else Qt.CheckState.Unchecked)
            self.packagesList.addItem(entry)
        nothing = self.packagesList.count() == 0
        if nothing:
            self.statusLabel.setText(self.tr("Every package the algorithms need is installed."))
        self.installButton.setEnabled(not nothing and not self.is_running())

    def set_wheel_folder(self, folder: Path | str) -> None:
        self.folderEdit.setText(str(folder))
        self.folderRadio.setChecked(True)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of wheel files"), self.folderEdit.text())
        if folder:
            self.set_wheel_folder(folder)

    def ticked(self) -> list[str]:
        rows = [self.packagesList.item(i) for i in range(self.packagesList.count())]
        return [row.data(NAME_ROLE) for row in rows if row.checkState() == Qt.CheckState.Checked]

    def is_running(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning

    def start(self) -> bool:
        """Start pip in the background; False (with the reason shown) when it cannot start."""
        self.requested = self.ticked()
        requirements = [dependencies.PACKAGES[name].requirement for name in self.requested]
        if not requirements or self.is_running():
            return False
        wheels = None
        if self.folderRadio.isChecked():
            wheels = Path(self.folderEdit.text().strip())
            if not wheels.is_dir() or not any(wheels.glob("*.whl")):
                self.statusLabel.setText(self.tr("The folder {} holds no wheel files (*.whl).").format(wheels))
                return False
        interpreter = pip_install.python_interpreter()
        if interpreter is None:
            self.statusLabel.setText(
                self.tr("QGIS's Python interpreter was not found beside {} nor in {}.").format(
                    sys.executable, sys.prefix
                )
            )
            return False
        self.prefix.mkdir(parents=True, exist_ok=True)
        constraints = self.prefix / "constraints.txt"
        constraints.write_text(pip_install.constraints_text(dependencies.installed_versions()), encoding="utf-8")
        arguments = pip_install.pip_arguments(requirements, self.prefix, constraints, wheels)
        self.logView.clear()
        self._log(" ".join([interpreter, *arguments]))
        self._log(constraints.read_text(encoding="utf-8").strip())
        environment = QProcessEnvironment()
        for key, value in pip_install.process_environment(self.prefix).items():
            environment.insert(key, value)
        self.process = QProcess(self)
        self.process.setProcessEnvironment(environment)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read_output)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._failed_to_start)
        self.succeeded = None
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(2)
        self.statusLabel.setText(self.tr("Installing {}...").format(", ".join(requirements)))
        self._set_running(True)
        self.process.start(interpreter, arguments)
        return True

    def cancel(self) -> None:
        if self.is_running():
            self._log(self.tr("Cancelled by the user."))
            self.process.kill()

    def _set_running(self, running: bool) -> None:
        self.installButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        self.packagesList.setEnabled(not running)
        self.sourceGroup.setEnabled(not running)

    def _log(self, text: str) -> None:
        self.logView.appendPlainText(text)

    def _read_output(self) -> None:
        text = bytes(self.process.readAllStandardOutput()).decode("utf-8", errors="replace")
        for line in text.splitlines():
            if not line.strip():
                continue
            self._log(line)
            if line.startswith(_STEP_WORDS):
                self.progressBar.setValue(min(80, self.progressBar.value() + 8))
            elif line.startswith("Installing collected packages"):
                self.progressBar.setValue(90)

    def _failed_to_start(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._log(self.tr("pip could not be started: {}").format(self.process.errorString()))
            self._done(False)

    def _finished(self, exit_code: int, _status=None) -> None:
        self._read_output()
        if exit_code == 0:
            pip_install.activate(self.prefix)
        self._done(exit_code == 0)

    def _done(self, pip_ok: bool) -> None:
        if self.succeeded is not None:
            return
        log = self.logView.toPlainText()
        wanted = self.requested
        self.refresh()
        still = [self.packagesList.item(i).data(NAME_ROLE) for i in range(self.packagesList.count())]
        self.succeeded = pip_ok and not set(still) & set(wanted)
        self.progressBar.setValue(100 if pip_ok else self.progressBar.value())
        if self.succeeded:
            self.statusLabel.setText(self.tr("Installed. The algorithms can run now; no need to restart QGIS."))
        elif "No module named pip" in log:
            self.statusLabel.setText(
                self.tr(
                    "QGIS's Python has no pip. Debian/Ubuntu: sudo apt install python3-pip; "
                    "Windows: run the OSGeo4W installer again and add python3-pip."
                )
            )
        else:
            self.statusLabel.setText(self.tr("The installation did not succeed: see the log below."))
        self._set_running(False)
        self.installButton.setEnabled(self.packagesList.count() > 0)
        self.finished_install.emit(self.succeeded)

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        self.cancel()
        super().closeEvent(event)
