"""Enum options by label in QGIS's own dialogs (Processing, batch, modeller). Our enums store
static-string ids ('metres', 'a4_landscape'), which QGIS shows as they are: QGIS has no display
label for an enum option (3.22 to 3.44). The base class names LabelledEnumWrapper in each such
parameter's metadata ("widget_wrapper" "class", which Processing's Python widget factory honours);
it builds QGIS's own C++ widget exactly as the factory would and renames the combo box items,
whose data (the value Processing reads and saves) stays the id."""

from __future__ import annotations

from qgis.gui import QgsGui, QgsProcessingGui
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QComboBox, QWidget

from ..algorithms.base import OPTION_LABELS
from .option_names import option_label

_DIALOG_TYPES = {
    "BatchAlgorithmDialog": QgsProcessingGui.WidgetType.Batch,
    "ModelerParametersDialog": QgsProcessingGui.WidgetType.Modeler,
}


def option_labels(parameter) -> dict[str, str]:
    """Option id -> what the planner reads, for every option of the enum `parameter`."""
    own = dict(parameter.metadata().get(OPTION_LABELS) or {})
    return {option: own.get(option) or option_label(option) for option in parameter.options()}


def name_options(widget: QWidget | None, parameter) -> None:
    """Show the enum choices of `widget` (a combo box or a widget holding one) by label; the item
    data stays the id. Only items whose text is still an id of `parameter` are renamed, so a
    modeller's 'model input' or 'algorithm output' choices keep their names."""
    if widget is None:
        return
    labels = option_labels(parameter)
    combos = [widget] if isinstance(widget, QComboBox) else widget.findChildren(QComboBox)
    for combo in combos:
        for index in range(combo.count()):
            option = combo.itemText(index)
            label = labels.get(option)
            if label and label != option and combo.itemData(index) in (option, None):
                combo.setItemText(index, label)
                combo.setItemData(index, option, Qt.ItemDataRole.ToolTipRole)


class LabelledEnumWrapper:
    """Called by Processing's WidgetWrapperFactory as `LabelledEnumWrapper(param, dialog, row, col)`;
    returns QGIS's own wrapper for the dialog (not an instance of this class), whose widget shows
    the options by label."""

    def __new__(cls, param, dialog, row=0, col=0, **_options):
        registry = QgsGui.processingGuiRegistry()
        if dialog.__class__.__name__ == "ModelerParametersDialog":
            wrapper = registry.createModelerParameterWidget(dialog.model, dialog.childId, param, dialog.context)
            name_options(wrapper, param)  # the modeller's widget holds its combo box already
        else:
            kind = _DIALOG_TYPES.get(dialog.__class__.__name__, QgsProcessingGui.WidgetType.Standard)
            wrapper = registry.createParameterWidgetWrapper(param, kind)
            if wrapper is not None:
                create = wrapper.createWrappedWidget

                def create_named(context, create=create, param=param):
                    widget = create(context)
                    name_options(widget, param)
                    return widget

                wrapper.createWrappedWidget = create_named  # the dialogs call it from Python
        if wrapper is not None and hasattr(wrapper, "setDialog"):
            wrapper.setDialog(dialog)
        return wrapper
