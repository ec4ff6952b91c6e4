"""Styles for outputs: a .qml from layers/styles/ applied when Processing loads the result.

QuickOSM's pattern: a post-processor on the layer's LayerDetails, so the project is never touched
from the worker thread."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsEditorWidgetSetup, QgsProcessingLayerPostProcessorInterface, QgsValueMapFieldFormatter
from qgis.PyQt.QtCore import QCoreApplication

from ..algorithms import field_labels

STYLES = Path(__file__).resolve().parent / "styles"
_keep_alive: list = []  # Processing holds post-processors weakly: keep them until they ran
_to_embed: dict[int, list[tuple[str, Path, str | None]]] = {}  # per context: file outputs to style in place


def field_alias(name: str) -> str | None:
    """The planner's name of an output field in the user's language (field_labels), None for a
    field the toolkit does not write."""
    described = field_labels.describe(name, _translate)
    return described[0] if described else None


def apply_field_aliases(layer) -> None:
    """Give every known output field of a loaded vector layer its alias, and every coded field a
    value map showing its codes in words (attribute table, identify, forms); files do not keep
    aliases, so the style post-processor calls this on load."""
    if not hasattr(layer, "fields"):
        return
    for index, field in enumerate(layer.fields()):
        alias = field_alias(field.name())
        if alias and not field.alias():
            layer.setFieldAlias(index, alias)
        words = field_labels.code_words(field.name(), _translate)
        if words and field.editorWidgetSetup().type() in ("", "TextEdit"):
            null = QgsValueMapFieldFormatter.NULL_VALUE
            map_entries = [{text: null if code is None else code} for code, text in words.items()]
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueMap", {"map": map_entries}))


def _translate(text: str) -> str:
    return QCoreApplication.translate(field_labels.CONTEXT, text)


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
            feedback.pushInfo(
                QCoreApplication.translate("@default", "Style {} not applied: {}").format(self.qml.name, message)
            )
        apply_field_aliases(layer)  # the attribute table in the planner's words
        if self.layer_name:
            layer.setName(self.layer_name)
        layer.triggerRepaint()


class FieldAliases(QgsProcessingLayerPostProcessorInterface):
    """Only the field aliases, for outputs without a style (summary tables)."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and layer.isValid():
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
    """Apply layers/styles/<style>.qml to output `dest_id` when it is loaded into the project; a
    file output also gets the style (and its name) in the file after the run (embed_styles), so it
    keeps them wherever it is opened: as a model's intermediate result on a map sheet, in qgis_process."""
    qml = STYLES / f"{style}.qml"
    if not qml.exists():
        raise FileNotFoundError(qml)
    if dest_id:
        _to_embed.setdefault(_key(context), []).append((dest_id, qml, layer_name))
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    processor = StyleFromFile(qml, layer_name)
    _keep_alive.append(processor)
    details = context.layerToLoadOnCompletionDetails(dest_id)
    details.setPostProcessor(processor)
    if layer_name:
        details.name = layer_name


def _key(context) -> int:
    from qgis.PyQt import sip

    return sip.unwrapinstance(context)


def embed_styles(context) -> None:
    """Write the styles recorded by style_output into their files, once the run closed them:
    a GeoPackage gets its default style (named after the layer) in its layer_styles table, a
    GeoTIFF a .qml beside it; QGIS applies both when it opens the file."""
    for dest_id, qml, layer_name in _to_embed.pop(_key(context), []):
        if not embed_style(dest_id, qml, layer_name):
            style_temporary_layer(context, dest_id, qml, layer_name)


def style_temporary_layer(context, dest_id: str, qml: Path, layer_name: str | None) -> bool:
    """A temporary output (a model's intermediate result, a memory layer in the context's store)
    gets the style and name now, so a later step of the model (the map sheet) draws its classes
    instead of one random colour."""
    from qgis.core import QgsProcessingUtils

    layer = QgsProcessingUtils.mapLayerFromString(str(dest_id), context, False)
    if layer is None or not layer.isValid():
        return False
    layer.loadNamedStyle(str(qml))
    apply_field_aliases(layer)
    if layer_name:
        layer.setName(layer_name)
    return True


def embed_style(dest_id: str, qml: Path, layer_name: str | None) -> bool:
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    path = Path(str(dest_id).split("|")[0])
    suffix = path.suffix.lower()
    if suffix not in (".gpkg", ".tif", ".tiff") or not path.exists():
        return False  # memory layers, other formats: styled by the post-processor only
    if suffix == ".gpkg":
        layer = QgsVectorLayer(str(dest_id), layer_name or path.stem, "ogr")
        if not layer.isValid():
            return False
        layer.loadNamedStyle(str(qml))
        apply_field_aliases(layer)
        from .compat import save_default_style

        return not save_default_style(layer, layer_name or path.stem, layer_name or "")
    layer = QgsRasterLayer(str(path), layer_name or path.stem)
    if not layer.isValid():
        return False
    layer.loadNamedStyle(str(qml))
    layer.saveNamedStyle(str(path.with_suffix(".qml")))
    return True


def embedded_name(layer) -> str:
    """The layer name stored with an embedded GeoPackage style ('' when there is none)."""
    if not hasattr(layer, "listStylesInDatabase"):
        return ""
    count, _ids, names, _descriptions, _error = layer.listStylesInDatabase()
    return names[0] if count > 0 and names else ""  # -1: the provider keeps no styles
