"""Pieces the model-writing scripts (make_healthcheck_model.py, make_mountain_model.py) share: a model
input placed on the canvas, a child's output exposed as a model output."""

from __future__ import annotations

from qgis.core import QgsProcessingModelOutput, QgsProcessingModelParameter
from qgis.PyQt.QtCore import QPointF


def add_input(model, parameter, x: float, y: float) -> None:
    """`parameter` as a model input at (x, y)."""
    model.addModelParameter(parameter, QgsProcessingModelParameter(parameter.name()))
    model.parameterComponent(parameter.name()).setPosition(QPointF(x, y))


def add_output(child, name: str, output_name: str, x: float, y: float) -> None:
    """The child's `output_name` as the model output `name` at (x, y)."""
    # No description: the provider gives each model output its translated name (processing_models.py).
    output = QgsProcessingModelOutput(name)
    output.setChildId(child.childId())
    output.setChildOutputName(output_name)
    output.setPosition(QPointF(x, y))
    outputs = child.modelOutputs()
    outputs[name] = output
    child.setModelOutputs(outputs)
