"""The one base class of the toolkit's Processing algorithms: names, groups, help, translation,
dependency checks and the small helpers every algorithm needs."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from . import dependencies, field_labels, report
from .cancel import CancelledError
from .cluster_check import ClusterError

PLUGIN_DIR = Path(__file__).resolve().parent.parent
RESOURCES = PLUGIN_DIR / "resources"
ICON = RESOURCES / "icons" / "urbanization.svg"


def group_names() -> dict[str, str]:
    """Group id -> translated display name; the ids are stable, saved models refer to them."""
    return {
        "multiplan": QCoreApplication.translate("UrbanizationAlgorithm", "Multi-plan integration"),
        "greencity": QCoreApplication.translate("UrbanizationAlgorithm", "Green city"),
        "flood": QCoreApplication.translate("UrbanizationAlgorithm", "Flood resilience"),
        "commuting": QCoreApplication.translate("UrbanizationAlgorithm", "Metropolitan commuting"),
        "maps": QCoreApplication.translate("UrbanizationAlgorithm", "Planning maps"),
        "dataprep": QCoreApplication.translate("UrbanizationAlgorithm", "Data preparation"),
        "healthcheck": QCoreApplication.translate("UrbanizationAlgorithm", "City health check"),
    }


def user_standards_dir() -> Path:
    """Where the planner's own presets live: <QGIS profile>/urbanization_planning/standards."""
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "urbanization_planning" / "standards"


def help_text(algorithm_id: str) -> str:
    """The help page resources/help/<language>/<id>.html, English when no translation exists."""
    from ..translation import current_language

    for language in (current_language(), "en"):
        page = RESOURCES / "help" / language / f"{algorithm_id}.html"
        if page.exists():
            return page.read_text(encoding="utf-8")
    return ""


@contextmanager
def _older_objects_frozen():
    """Keep Python's cycle collector off the objects that existed before the run (QGIS's and the
    libraries', ~200,000): each full collection would walk them all again while a run allocates
    hundreds of thousands of features and geometries (about 15 % of a park coverage run). New
    objects are still collected; the frozen ones return to the collector afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _delete(paths: list[Path]) -> None:
    """Remove the output files a failed run created, with GeoPackage/GDAL side files."""
    for path in paths:
        for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", ".aux.xml"))):
            leftover.unlink(missing_ok=True)


def translate_field_text(text: str) -> str:
    """Field labels and placeholder values (algorithms/field_labels.py) in the user's language."""
    return QCoreApplication.translate(field_labels.CONTEXT, text)


# Where an enum parameter keeps its options' display labels (id -> translated label) and the widget
# wrapper that shows them in QGIS's Processing, batch and modeller dialogs (ui/enum_labels.py).
OPTION_LABELS = "option_labels"
ENUM_WRAPPER = __name__.rsplit(".", 2)[0] + ".ui.enum_labels.LabelledEnumWrapper"


def label_options(parameter, labels: dict[str, str]):
    """Give the static-string enum `parameter` display labels (option id -> translated label):
    the dialogs show the labels while Processing, saved models and qgis_process keep the ids."""
    metadata = dict(parameter.metadata())
    metadata[OPTION_LABELS] = dict(labels)
    parameter.setMetadata(metadata)
    return parameter


# Contexts pylupdate5 records outside a class: `algorithm.tr("...")` in a helper that takes the
# algorithm as its parameter named `algorithm`, and bare `tr("...")` (translation.tr).
SHARED_CONTEXTS = ("algorithm", "@default")


class UrbanizationAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ALGORITHM_ID, GROUP_ID and REQUIRES, implement displayName(),
    initAlgorithm() and process(); processAlgorithm() checks dependencies and calls process()
    (not run(): that name belongs to QgsProcessingAlgorithm)."""

    ALGORITHM_ID = ""
    GROUP_ID = ""
    REQUIRES: tuple[str, ...] = ("shapely", "geopandas")

    def tr(self, text: str) -> str:
        """Translate with the class name as context (what pylupdate5 records for self.tr), falling
        back to the parent classes' contexts (UrbanizationAlgorithm's own included: "Cancelled by
        the user.") and then to SHARED_CONTEXTS: the contexts pylupdate5 gives shared helper code
        (`algorithm.tr(...)` in a function taking the algorithm, module-level `translation.tr(...)`),
        so report and label code outside the class translates too."""
        mro = type(self).__mro__
        for context in [*(cls.__name__ for cls in mro[: mro.index(UrbanizationAlgorithm) + 1]), *SHARED_CONTEXTS]:
            translated = QCoreApplication.translate(context, text)
            if translated != text:
                return translated
        return text

    def addParameter(self, definition, createOutput=True):  # noqa: N802, N803 (QGIS API names)
        """QGIS's addParameter; a static-string enum also gets the widget wrapper that shows its
        options by label (when it has labels) in QGIS's own dialogs."""
        if definition.type() == "enum" and definition.usesStaticStrings():
            metadata = dict(definition.metadata())
            wrapper = dict(metadata.get("widget_wrapper") or {})
            if "class" not in wrapper:
                wrapper["class"] = ENUM_WRAPPER
                metadata["widget_wrapper"] = wrapper
                definition.setMetadata(metadata)
        return super().addParameter(definition, createOutput)

    def createInstance(self):  # noqa: N802 (QGIS API names)
        return type(self)()

    def name(self) -> str:
        return self.ALGORITHM_ID

    def group(self) -> str:
        return group_names()[self.GROUP_ID]

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP_ID

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def shortHelpString(self) -> str:  # noqa: N802
        return help_text(self.ALGORITHM_ID)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Check dependencies, run process(); a failed or cancelled run leaves no output file
        behind that could be mistaken for a result."""
        self.require_packages()
        from ..layers.compat import keep_pyproj_thread_context

        keep_pyproj_thread_context()  # pyproj 3.7 in QGIS's worker threads (see there)
        new_files = [path for path in self._output_files(parameters) if not path.exists()]
        try:
            # reports' field headers and values in the user's language, for this run only
            with _older_objects_frozen(), report.translated_by(translate_field_text):
                results = self.process(parameters, context, feedback)
            self.raise_if_canceled(feedback)
        except CancelledError:
            _delete(new_files)
            raise QgsProcessingException(self.tr("Cancelled by the user.")) from None
        except ClusterError as error:  # a Dask cluster that cannot run it: the message says what to do
            _delete(new_files)
            raise QgsProcessingException(str(error)) from None
        except BaseException:
            _delete(new_files)
            raise
        return results

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 (QGIS API)
        """Styles recorded during the run go into the output files now that they are closed."""
        from ..layers.styling import embed_styles

        embed_styles(context)
        return {}

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    def parameterAsSource(self, parameters, name, context):  # noqa: N802 (QGIS API name)
        """QGIS's source, remembering where a plain GeoPackage/Shapefile layer lives so that
        layers.vector.source_to_frame can read it whole through GDAL's Arrow stream."""
        from ..layers import file_reader

        source = super().parameterAsSource(parameters, name, context)
        if source is not None:
            file_reader.remember_location(source, self, parameters, name, context)
        return source

    def _output_files(self, parameters) -> list[Path]:
        """Files the destination parameters name explicitly (temporary outputs are QGIS's to clean)."""
        from qgis.core import QgsProcessingDestinationParameter, QgsProcessingOutputLayerDefinition, QgsProperty

        paths = []
        for definition in self.destinationParameterDefinitions():
            if not isinstance(definition, QgsProcessingDestinationParameter):
                continue
            value = parameters.get(definition.name())
            if isinstance(value, QgsProcessingOutputLayerDefinition):
                value = value.sink.staticValue() if isinstance(value.sink, QgsProperty) else value.sink
            if not isinstance(value, str) or not value or value == "TEMPORARY_OUTPUT":
                continue
            path = value[4:] if value.startswith("ogr:") else value
            path = path.split("|")[0]
            if path.startswith(("memory:", "postgres:", "spatialite:")) or "dbname=" in path:
                continue
            paths.append(Path(path))
        return paths

    def require_packages(self) -> None:
        """Raise a QgsProcessingException naming each missing package and how to install it."""
        missing = dependencies.find_missing(self.REQUIRES)
        if missing:
            raise QgsProcessingException(
                self.tr("This algorithm needs Python packages that are missing: {}.\nInstall them:\n{}").format(
                    dependencies.describe(missing),
                    dependencies.install_hint(
                        missing,
                        lambda text: QCoreApplication.translate(dependencies.CONTEXT, text),
                        dependencies.installed_versions(),
                    ),
                )
            )

    def raise_if_canceled(self, feedback) -> None:
        """Stop a long step promptly when the user pressed Cancel; the run is reported as failed."""
        if feedback is not None and feedback.isCanceled():
            raise CancelledError
