"""Styles for outputs: a .qml from layers/styles/ applied when Processing loads the result.

QuickOSM's pattern: a post-processor on the layer's LayerDetails, so the project is never touched
from the worker thread."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingLayerPostProcessorInterface

STYLES = Path(__file__).resolve().parent / "styles"
_keep_alive: list = []  # Processing holds post-processors weakly: keep them until they ran


class StyleFromFile(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, qml: Path, layer_name: str | None = None):
        super().__init__()
        self.qml = qml
        self.layer_name = layer_name

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is None or not layer.isValid():
            return
        message, ok = layer.loadNamedStyle(str(self.qml))
        if not ok and feedback is not None:
            feedback.pushInfo(f"Style {self.qml.name} not applied: {message}")
        from .vector import apply_field_aliases

        apply_field_aliases(layer)  # the attribute table in the planner's words
        if self.layer_name:
            layer.setName(self.layer_name)
        layer.triggerRepaint()


class FieldAliases(QgsProcessingLayerPostProcessorInterface):
    """Only the field aliases, for outputs without a style (summary tables)."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and layer.isValid():
            from .vector import apply_field_aliases

            apply_field_aliases(layer)


def alias_output(context, dest_id: str | None) -> None:
    """Set the field aliases of output `dest_id` when it is loaded, unless a style already does."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    details = context.layerToLoadOnCompletionDetails(dest_id)
    if details.postProcessor() is None:
        processor = FieldAliases()
        _keep_alive.append(processor)
        details.setPostProcessor(processor)


def style_output(context, dest_id: str | None, style: str, layer_name: str | None = None) -> None:
    """Apply layers/styles/<style>.qml to output `dest_id` when it is loaded into the project."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    qml = STYLES / f"{style}.qml"
    if not qml.exists():
        raise FileNotFoundError(qml)
    processor = StyleFromFile(qml, layer_name)
    _keep_alive.append(processor)
    details = context.layerToLoadOnCompletionDetails(dest_id)
    details.setPostProcessor(processor)
    if layer_name:
        details.name = layer_name
