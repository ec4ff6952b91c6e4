"""The Processing provider 'urbanization': collects the algorithms of every domain package."""

from __future__ import annotations

import importlib
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .base import ICON

# Each domain's processing module (or package) exposes ALGORITHMS, a list of algorithm classes.
DOMAINS = ("coordinates", "zoning", "greenspace", "drainage", "transit", "mapping", "healthcheck", "terrain")
# Processing settings (Settings > Options > Processing > Providers > Urbanization planning)
DASK_SCHEDULER = "URBANIZATION_DASK_SCHEDULER"
DASK_SCRATCH = "URBANIZATION_DASK_SCRATCH"
DASK_CONNECT_TIMEOUT = "URBANIZATION_DASK_CONNECT_TIMEOUT"
DASK_GRACE = "URBANIZATION_DASK_GRACE"
SETTINGS = (DASK_SCHEDULER, DASK_SCRATCH, DASK_CONNECT_TIMEOUT, DASK_GRACE)


def _settings():
    from processing.core.ProcessingConfig import Setting

    group = QCoreApplication.translate("UrbanizationProvider", "Urbanization planning")
    return [
        Setting(
            group,
            DASK_SCHEDULER,
            QCoreApplication.translate("UrbanizationProvider", "Dask scheduler address (empty: this computer's cores)"),
            "",
        ),
        Setting(
            group,
            DASK_SCRATCH,
            QCoreApplication.translate(
                "UrbanizationProvider", "Scratch folder for tiles (on a cluster: a folder every worker sees)"
            ),
            "",
            valuetype=Setting.FOLDER,
        ),
        Setting(
            group,
            DASK_CONNECT_TIMEOUT,
            QCoreApplication.translate("UrbanizationProvider", "Dask scheduler connect timeout (seconds)"),
            10,
        ),
        Setting(
            group,
            DASK_GRACE,
            QCoreApplication.translate(
                "UrbanizationProvider", "Seconds a Dask cluster may be without workers before the run stops"
            ),
            60,
        ),
    ]


def dask_settings() -> tuple[str | None, str | None]:
    """(scheduler address or None, scratch folder or None) from the Processing settings."""
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
    except ImportError:  # Processing plugin not loaded: local scheduler, system temporary folder
        return None, None
    values = []
    for name in (DASK_SCHEDULER, DASK_SCRATCH):
        value = ProcessingConfig.getSetting(name)
        values.append(str(value).strip() or None if value else None)
    return values[0], values[1]


def dask_runner_options() -> dict:
    """The Dask runner's options from the Processing settings (dask_runtime.runner_for keywords)."""
    from .dask_runtime import CONNECT_TIMEOUT, GRACE

    origin = "Processing setting 'Dask scheduler address' (Settings > Options > Processing > Providers)"
    options = {"connect_timeout": CONNECT_TIMEOUT, "grace": GRACE, "origin": origin}
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
    except ImportError:
        return options
    for key, name in (("connect_timeout", DASK_CONNECT_TIMEOUT), ("grace", DASK_GRACE)):
        try:
            value = float(ProcessingConfig.getSetting(name))
        except (TypeError, ValueError):
            continue
        if value > 0:
            options[key] = value
    return options


def algorithm_classes() -> list[type]:
    """Algorithm classes of every domain with a door package (`<domain>/processing/`)."""
    classes = []
    here = Path(__file__).resolve().parent
    for domain in DOMAINS:
        if (here / domain / "processing" / "__init__.py").exists():
            module = importlib.import_module(f"{__package__}.{domain}.processing")
            classes.extend(module.ALGORITHMS)
    return classes


class UrbanizationProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "urbanization"

    def name(self) -> str:
        return QCoreApplication.translate("UrbanizationProvider", "Urbanization planning")

    def longName(self) -> str:  # noqa: N802
        return QCoreApplication.translate("UrbanizationProvider", "Urbanization Planning Toolkit")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:  # noqa: N802
        return str(ICON)

    def load(self) -> bool:
        from ..layers.crs import make_working_crss_on_this_thread

        make_working_crss_on_this_thread()  # QGIS loads providers on the main thread: see there
        try:
            from processing.core.ProcessingConfig import ProcessingConfig
        except ImportError:
            ProcessingConfig = None  # noqa: N806
        if ProcessingConfig is not None:
            ProcessingConfig.settingIcons[self.name()] = self.icon()
            for setting in _settings():
                ProcessingConfig.addSetting(setting)
            ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self) -> None:
        try:
            from processing.core.ProcessingConfig import ProcessingConfig
        except ImportError:
            return
        for name in SETTINGS:
            ProcessingConfig.removeSetting(name)

    def loadAlgorithms(self) -> None:  # noqa: N802
        from ..processing_models import planning_models

        for algorithm in [cls() for cls in algorithm_classes()] + planning_models():
            if not self.addAlgorithm(algorithm):
                QgsMessageLog.logMessage(
                    f"Could not add algorithm {algorithm.name()}", "Urbanization Planning", Qgis.MessageLevel.Warning
                )
