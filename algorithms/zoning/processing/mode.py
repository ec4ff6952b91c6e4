"""The processing-mode parameter group of the multi-plan doors: in memory, or partitioned on Dask
for province-scale data (chosen by size when 'auto'), and the partitioned plan, its Dask runner
and its sinks. Messages use the module-level tr() (context '@default')."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ....layers import vector
from ....translation import tr
from ...base import label_options
from .. import pipeline
from ..partition_io import LayerSource

MODE = "MODE"
MODES = ("auto", "in-memory", "partitioned")
PARTITION_SIZE = "PARTITION_SIZE"
PARTITION_PACKAGES = ("dask", "distributed", "pyarrow")


def add_mode_parameters(algorithm) -> None:
    """Advanced: in memory, or partitioned on Dask (province-scale data), or auto (by size)."""
    mode = QgsProcessingParameterEnum(
        MODE,
        tr("Processing mode (auto = partitioned on Dask for large GeoPackage layers, else in memory)"),
        options=list(MODES),
        defaultValue="auto",
    )
    mode.setUsesStaticStrings(True)
    labels = {
        "auto": tr("Automatic (by the size of the data)"),
        "in-memory": tr("In memory (the whole layer at once)"),
        "partitioned": tr("Partitioned on Dask (province-scale data)"),
    }
    label_options(mode, labels)
    size = QgsProcessingParameterNumber(
        PARTITION_SIZE,
        tr("Parcels per partition (partitioned mode)"),
        QgsProcessingParameterNumber.Type.Integer,
        defaultValue=50000,
        minValue=100,
    )
    for parameter in (mode, size):
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        algorithm.addParameter(parameter)


def file_source(source, metric, context, fields: list[str]) -> LayerSource | None:
    """`source` as the engines' LayerSource (read by Dask tasks without QGIS), or None when it is
    not a plain GeoPackage layer."""
    from ....layers import partitions

    stored = partitions.stored_layer(source, metric, context)
    if stored is None:
        return None
    return LayerSource(
        stored.path,
        stored.layer_name,
        stored.target_crs,
        list(fields),
        layer_index=stored.layer_id,
        source_crs=stored.source_crs,
    )


def choose_partitions(algorithm, parameters, context, feedback, source, metric, fields) -> LayerSource | None:
    """The plan as a partition_io.LayerSource when it is checked partitioned, else None (in
    memory); says which path runs and why."""
    from ... import dependencies
    from .. import partitioned

    requested = algorithm.parameterAsEnumString(parameters, MODE, context) or "auto"
    count = source.featureCount()
    if requested == "in-memory" or (requested == "auto" and 0 <= count <= partitioned.IN_MEMORY_LIMIT):
        feedback.pushInfo(tr("Processing mode: in memory ({} parcels).").format(count))
        return None
    missing = dependencies.find_missing(PARTITION_PACKAGES)
    if missing:
        hint = dependencies.install_hint(missing)
        if requested == "partitioned":
            raise QgsProcessingException(
                tr("The partitioned mode needs {}. Install with:\n{}").format(dependencies.describe(missing), hint)
            )
        feedback.pushWarning(
            tr(
                "{} parcels are checked in memory because {} are missing; for data of this size "
                "install them (partitioned on Dask, memory bounded by the partition size):\n{}"
            ).format(count, dependencies.describe(missing), hint)
        )
        return None
    layer = file_source(source, metric, context, fields)
    if layer is None:
        if requested == "partitioned":
            raise QgsProcessingException(
                tr(
                    "The partitioned mode reads the plan from a GeoPackage layer as stored: save the "
                    "layer (without selection or filter) as a GeoPackage, or choose the in-memory mode."
                )
            )
        feedback.pushInfo(
            tr("Processing mode: in memory ({} parcels; only a GeoPackage layer as stored can be partitioned).").format(
                count
            )
        )
        return None
    return layer


def partition_plan(
    algorithm, parameters, context, feedback, layer, fields: pipeline.PlanFields, read_by_tasks: tuple = ()
):
    """(the first pass over the plan, its partitions, the Dask runner). On a cluster the runner's
    pre-flight runs first: an unreachable or unfit cluster, or workers that cannot see the plan's
    folder or those of `read_by_tasks` (other layers the tasks read from their files), stop the run
    before any work."""
    import os

    from ...dask_runtime import runner_for
    from ...provider import dask_runner_options, dask_settings

    runner = runner_for(dask_settings()[0], **dask_runner_options())
    try:
        paths = [layer.path, *(other.path for other in read_by_tasks)]
        runner.preflight(sorted({os.path.dirname(os.path.abspath(path)) for path in paths}))
        found = pipeline.first_pass(layer, fields, feedback.isCanceled)
        vector.require_features(found.fids, tr("Planned land use"))
        size = algorithm.parameterAsInt(parameters, PARTITION_SIZE, context)
        parts = pipeline.cut(layer, found, size)
    except BaseException:
        runner.close()
        raise
    feedback.pushInfo(
        tr("Processing mode: partitioned, {} parcels in {} partitions of up to {}, on {}.").format(
            len(found.fids), len(parts), size, runner.description
        )
    )
    return found, parts, runner


def polygon_sink(algorithm, parameters, name: str, context, metric, source, feedback) -> vector.FirstFrameSink:
    """Partitioned output `name`: multipolygons in `metric`, written in the plan's CRS; its
    fields come from the first partition's frame."""
    return vector.FirstFrameSink(
        algorithm,
        parameters,
        name,
        context,
        wkb_type=QgsWkbTypes.Type.MultiPolygon,
        frame_crs=metric,
        output_crs=source.sourceCrs(),
        feedback=feedback,
    )
