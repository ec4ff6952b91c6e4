"""An input form built from an algorithm's parameter definitions with QGIS's own Processing widget
wrappers (layer combo boxes filtered to the parameter's geometry types, field combo boxes linked
to their layer, enums, numbers...), so the dialog works for any algorithm, including ones added
after it was written. Outputs are check boxes (optional ones as the algorithm's createByDefault
says); the checked ones are loaded into the project, as temporary outputs or, when a results
folder is chosen, as files named <algorithm>_<output>_<date time> in it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingDestinationParameter,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProject,
)
from qgis.gui import (
    QgsAbstractProcessingParameterWidgetWrapper,
    QgsFileWidget,
    QgsGui,
    QgsProcessingContextGenerator,
    QgsProcessingGui,
    QgsProcessingParameterWidgetContext,
)
from qgis.PyQt.QtWidgets import QCheckBox, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from .enum_labels import name_options


class _ContextGenerator(QgsProcessingContextGenerator):
    """Gives the wrappers our context (with the project), so that a field box finds the layer
    chosen in its parent box."""

    def __init__(self, context: QgsProcessingContext):
        super().__init__()
        self.context = context

    def processingContext(self):  # noqa: N802 (QGIS API)
        return self.context


class _StackedRows(QVBoxLayout):
    """addRow() like QFormLayout's, with each label on its own full-width line above its input."""

    def addRow(self, first, second=None):  # noqa: N802 (QFormLayout's name)
        self.addWidget(first)
        if second is not None:
            self.addWidget(second)
            self.addSpacing(6)


class ParameterForm(QWidget):
    """One row per visible parameter of `algorithm`; values() gives the parameters dict."""

    def __init__(
        self,
        algorithm: QgsProcessingAlgorithm,
        project: QgsProject | None = None,
        map_canvas=None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.algorithm = algorithm
        self.project = project or QgsProject.instance()
        self.context = QgsProcessingContext()
        self.context.setProject(self.project)
        self.wrappers: dict[str, QgsAbstractProcessingParameterWidgetWrapper] = {}
        self.fallbacks: dict[str, QLineEdit] = {}
        widget_context = QgsProcessingParameterWidgetContext()
        widget_context.setProject(self.project)
        if map_canvas is not None:
            widget_context.setMapCanvas(map_canvas)
        self.widget_context = widget_context
        self.context_generator = _ContextGenerator(self.context)
        # Labels above their inputs, wrapped to the form's width: long parameter descriptions never
        # squeeze the boxes (a form layout's label column did, to 150 px at 1600 px).
        layout = _StackedRows(self)
        registry = QgsGui.processingGuiRegistry()
        for parameter in algorithm.parameterDefinitions():
            if parameter.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden:
                continue
            if parameter.isDestination():
                continue  # outputs: a check box each below; temporary files/layers loaded when done
            wrapper = registry.createParameterWidgetWrapper(parameter, QgsProcessingGui.WidgetType.Standard)
            if wrapper is None:
                editor = QLineEdit(self)
                editor.setObjectName(parameter.name())
                default = parameter.defaultValue()
                editor.setText("" if default is None else str(default))
                self.fallbacks[parameter.name()] = editor
                layout.addRow(_wrapped(QLabel(parameter.description())), editor)
                continue
            wrapper.setWidgetContext(widget_context)
            wrapper.registerProcessingContextGenerator(self.context_generator)
            widget = wrapper.createWrappedWidget(self.context)
            widget.setObjectName(parameter.name())
            label = wrapper.createWrappedLabel() or QLabel(parameter.description())
            if parameter.type() == "enum":
                name_options(widget, parameter)
            layout.addRow(_wrapped(label), widget)
            self.wrappers[parameter.name()] = wrapper
        for wrapper in self.wrappers.values():
            wrapper.postInitialize(list(self.wrappers.values()))
        self.outputs: dict[str, QCheckBox] = {}
        self.folder: QgsFileWidget | None = None
        destinations = algorithm.destinationParameterDefinitions()
        if destinations:
            heading = QLabel(self.tr("Outputs"))
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            layout.addRow(heading)
            self.folder = QgsFileWidget(self)
            self.folder.setObjectName("outputFolder")
            self.folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
            self.folder.setDialogTitle(self.tr("Folder for the results"))
            self.folder.lineEdit().setPlaceholderText(self.tr("Empty: temporary layers (gone when QGIS closes)"))
            layout.addRow(_wrapped(QLabel(self.tr("Save the results as files in this folder"))), self.folder)
        for parameter in destinations:
            optional = bool(parameter.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)
            box = QCheckBox(parameter.description(), self)
            box.setToolTip(parameter.description())
            box.setObjectName(f"output_{parameter.name()}")
            box.setChecked(not optional or parameter.createByDefault() or is_report(parameter))
            box.setEnabled(optional)  # mandatory outputs are always created
            layout.addRow(box)
            self.outputs[parameter.name()] = box
        layout.addStretch(1)

    def widget(self, name: str) -> QWidget:
        """The input widget of parameter `name` (for tests and for presets)."""
        if name in self.wrappers:
            return self.wrappers[name].wrappedWidget()
        return self.fallbacks[name]

    def set_output(self, name: str, create: bool) -> None:
        """Create the optional output `name` or not (mandatory outputs stay on)."""
        box = self.outputs[name]
        if box.isEnabled():
            box.setChecked(create)

    def output_folder(self) -> Path | None:
        """The folder the results are saved in, None for temporary results."""
        text = self.folder.filePath().strip() if self.folder is not None else ""
        return Path(text) if text else None

    def set_output_folder(self, folder: str) -> None:
        if self.folder is not None:
            self.folder.setFilePath(folder)

    def set_value(self, name: str, value) -> None:
        if name in self.wrappers:
            self.wrappers[name].setParameterValue(value, self.context)
        else:
            self.fallbacks[name].setText("" if value is None else str(value))

    def values(self) -> dict:
        """The parameters dict: widget values plus temporary destinations for every output."""
        parameters = {name: wrapper.parameterValue() for name, wrapper in self.wrappers.items()}
        for name, editor in self.fallbacks.items():
            parameters[name] = editor.text() or None
        folder = self.output_folder()
        stamp = datetime.now().strftime("%Y%m%d_%H%M%S")
        for parameter in self.algorithm.destinationParameterDefinitions():
            if self.outputs[parameter.name()].isChecked():
                parameters[parameter.name()] = (
                    file_destination(
                        parameter, self.project, folder / f"{self.algorithm.name()}_{parameter.name().lower()}_{stamp}"
                    )
                    if folder is not None
                    else temporary_destination(parameter, self.project)
                )
        return {name: value for name, value in parameters.items() if value is not None}

    def check(self) -> str:
        """'' when every mandatory input has a valid value; else the first problem, for a planner."""
        folder = self.output_folder()
        if folder is not None and not folder.is_dir():
            return self.tr("The results folder {} does not exist: choose an existing folder.").format(folder)
        parameters = self.values()
        for parameter in self.algorithm.parameterDefinitions():
            if parameter.isDestination() or parameter.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden:
                continue
            value = parameters.get(parameter.name())
            if not parameter.checkValueIsAcceptable(value, self.context):
                return self.tr("Please give a valid value for '{}'.").format(parameter.description())
        return ""


def _wrapped(label: QLabel) -> QLabel:
    """A label that takes the row's width and wraps only what does not fit in it."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


def is_report(parameter) -> bool:
    """An HTML report destination: created by default here, the results panel shows its chart."""
    return isinstance(
        parameter, QgsProcessingParameterFileDestination
    ) and parameter.defaultFileExtension().lower() in ("html", "htm")


def _unused(stem: Path, suffix: str) -> Path:
    """`stem`+`suffix`, or `stem`_2+`suffix`, ... : never overwrite an earlier run's file."""
    path, number = stem.with_name(stem.name + suffix), 1
    while path.exists():
        number += 1
        path = stem.with_name(f"{stem.name}_{number}{suffix}")
    return path


def file_destination(parameter: QgsProcessingDestinationParameter, project: QgsProject, stem: Path):
    """A file `stem`.<the parameter's default extension>; layers are loaded into `project` when done."""
    if isinstance(parameter, QgsProcessingParameterFolderDestination):
        return str(_unused(stem, ""))
    path = str(_unused(stem, f".{parameter.defaultFileExtension()}"))
    if isinstance(parameter, QgsProcessingParameterFileDestination):
        return path
    definition = QgsProcessingOutputLayerDefinition(path, project)
    definition.destinationName = parameter.description()
    return definition


def temporary_destination(parameter: QgsProcessingDestinationParameter, project: QgsProject):
    """Layers: a temporary output that Processing loads into `project` on completion (with the
    algorithm's style post-processor); files and folders: TEMPORARY_OUTPUT, which Processing
    turns into a path of the right type in its temporary folder."""
    if isinstance(parameter, (QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination)):
        return QgsProcessing.TEMPORARY_OUTPUT
    definition = QgsProcessingOutputLayerDefinition(QgsProcessing.TEMPORARY_OUTPUT, project)
    definition.destinationName = parameter.description()
    return definition
