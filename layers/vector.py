"""QgsFeatureSource -> GeoDataFrame and GeoDataFrame -> QgsFeatureSink.

Geometry crosses as WKB in one vectorised `shapely.from_wkb` call; reprojection happens in QGIS's
C++ (the feature request's destination CRS). Null geometries are skipped and invalid ones repaired,
both counted and reported through the feedback, so engines only ever see valid geometry.
"""

from __future__ import annotations

import math
from operator import itemgetter

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterDefinition,
    QgsProperty,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..algorithms.cancel import CancelledError
from ..translation import tr
from . import file_reader
from .compat import FieldType
from .crs import to_pyproj
from .styling import alias_output, field_alias

FID = "src_fid"  # column holding the source feature id in every frame read from a source


def source_to_frame(
    source,
    *,
    context,
    feedback=None,
    fields: list[str] | tuple[str, ...] | None = None,
    target_crs: QgsCoordinateReferenceSystem | None = None,
    label: str = "",
    request: QgsFeatureRequest | None = None,
    repair: bool = True,
):
    """Read `source` (honouring selected-features-only, which Processing builds into it) into a
    GeoDataFrame with columns FID (src_fid), the requested `fields` and geometry, in `target_crs`.

    `fields=None` reads every field, `[]` none. A missing field raises QgsProcessingException
    naming `label`. Null/empty geometries are dropped and, with `repair`, invalid ones made valid;
    both counts go to `feedback`."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely
    from geopandas.array import GeometryArray

    label = label or source.sourceName()
    source_fields = source.fields()
    # A field chosen for two roles (a park's name and its class) is read once: one column serves both.
    names = [f.name() for f in source_fields] if fields is None else list(dict.fromkeys(fields))
    missing = [n for n in names if source_fields.lookupField(n) < 0]
    if missing:
        raise QgsProcessingException(
            tr("Layer '{}' has no field named {}. Choose a field that exists in the layer.").format(
                label, ", ".join(f"'{n}'" for n in missing)
            )
        )
    indices = [source_fields.lookupField(n) for n in names]

    crs = target_crs if target_crs is not None else source.sourceCrs()
    location = file_reader.location_of(source)
    whole_file = None
    if location is not None and request is None:
        whole_file = file_reader.read(location, names, target_crs, context, feedback)
    if whole_file is not None:
        ids, geometries, columns = whole_file
    else:
        ids, wkbs, columns = _iterate(source, indices, request, target_crs, context, feedback)
        geometries = shapely.from_wkb(np.asarray(wkbs, dtype=object)) if wkbs else np.array([], dtype=object)
        columns = [_nulls_to_none(column) for column in columns]
    frame = pd.DataFrame(dict(zip(names, columns)))
    frame.insert(0, FID, np.array(ids, dtype="int64"))
    # A GeometryArray straight from from_wkb's output: geopandas would otherwise check every
    # element in a Python loop.
    frame = gpd.GeoDataFrame(
        frame, geometry=GeometryArray(geometries, crs=to_pyproj(crs, label) if crs.isValid() else None)
    )

    missing_geometry = shapely.is_missing(frame.geometry.values) | shapely.is_empty(frame.geometry.values)
    if missing_geometry.any():
        frame = frame.loc[~missing_geometry].reset_index(drop=True)
        _report(
            feedback,
            tr("Layer '{}': skipped {} feature(s) without geometry.").format(label, int(missing_geometry.sum())),
        )
    if repair and len(frame):
        invalid = ~shapely.is_valid(frame.geometry.values)
        if invalid.any():
            frame.loc[invalid, "geometry"] = shapely.make_valid(frame.geometry.values[invalid])
            _report(feedback, tr("Layer '{}': repaired {} invalid geometr(y/ies).").format(label, int(invalid.sum())))
    return frame


def _iterate(source, indices: list[int], request, target_crs, context, feedback):
    """Feature ids, WKB geometries (None when null) and one value list per field index, read
    feature by feature through QGIS (reprojected by the request's destination CRS)."""
    request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    request.setSubsetOfAttributes(indices)
    if target_crs is not None and target_crs != source.sourceCrs():
        request.setDestinationCrs(target_crs, context.transformContext())
    total = source.featureCount()
    step = 100.0 / total if total and total > 0 else 0.0
    ids: list[int] = []
    wkbs: list[bytes | None] = []
    picked: list = []  # per feature: the requested values (a tuple, or the value itself for one field)
    pick = itemgetter(*indices) if indices else None
    if isinstance(source, QgsProcessingFeatureSource):
        # We repair (or keep) invalid geometries ourselves and report them: QGIS's own check,
        # set in the Processing options, would silently skip those features or abort the run.
        features = source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    for i, feature in enumerate(features):
        if feedback is not None and i % 5000 == 0:
            if feedback.isCanceled():
                raise CancelledError
            feedback.setProgress(i * step)
        ids.append(feature.id())
        geometry = feature.geometry()
        wkbs.append(None if geometry.isNull() else bytes(geometry.asWkb()))
        if pick is not None:
            picked.append(pick(feature.attributes()))
    columns = [picked] if len(indices) == 1 else (list(zip(*picked)) if picked else [[] for _ in indices])
    return ids, wkbs, columns


def _nulls_to_none(values) -> list:
    """QGIS's NULL (a QVariant through PyQt) becomes None; other values pass as they are."""
    return [None if isinstance(value, QVariant) else value for value in values]


def _report(feedback, message: str) -> None:
    if feedback is not None:
        feedback.pushInfo(message)


def require_features(frame, label: str) -> None:
    """Raise a clear error when a layer the algorithm needs has no usable features."""
    if len(frame) == 0:
        raise QgsProcessingException(
            tr("Layer '{}' has no features with geometry (or none are selected). Give it at least one feature.").format(
                label
            )
        )


def require_geometry_type(source, allowed: tuple[int, ...], label: str) -> None:
    """Raise when `source` holds the wrong kind of geometry (allowed: QgsWkbTypes.GeometryType values)."""
    geometry_type = QgsWkbTypes.geometryType(source.wkbType())
    if geometry_type not in allowed:
        names = {
            QgsWkbTypes.GeometryType.PointGeometry: tr("points"),
            QgsWkbTypes.GeometryType.LineGeometry: tr("lines"),
            QgsWkbTypes.GeometryType.PolygonGeometry: tr("polygons"),
        }
        raise QgsProcessingException(
            tr("Layer '{}' holds {}, but this input needs {}.").format(
                label,
                names.get(geometry_type, tr("no geometry")),
                tr(" or ").join(names[t] for t in allowed if t in names),
            )
        )


# ---------------------------------------------------------------------------------------------
# GeoDataFrame -> sink


def fields_for_frame(frame) -> QgsFields:
    """QgsFields from a frame's dtypes: integers -> LongLong, floats -> Double, bools -> Bool,
    everything else -> String. The geometry column is left out."""
    import pandas as pd

    fields = QgsFields()
    geometry_column = _geometry_column(frame)
    for name in frame.columns:
        if name == geometry_column:
            continue
        dtype = frame[name].dtype
        if pd.api.types.is_bool_dtype(dtype):
            variant = FieldType.Bool
        elif pd.api.types.is_integer_dtype(dtype):
            variant = FieldType.LongLong
        elif pd.api.types.is_float_dtype(dtype):
            variant = FieldType.Double
        else:
            variant = FieldType.String
        field = QgsField(str(name), variant)
        alias = field_alias(str(name))
        if alias:
            field.setAlias(alias)
        fields.append(field)
    return fields


def _geometry_column(frame) -> str | None:
    """Name of the active geometry column of a GeoDataFrame; None for a plain DataFrame."""
    import geopandas as gpd

    if isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame.columns:
        return frame._geometry_column_name
    return None


def _column_values(series) -> list:
    """Python values of a column, missing values as None (QGIS writes them as NULL)."""
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biu":  # plain NumPy: no missing values
        return series.to_numpy().tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return [None if v != v else v for v in series.to_numpy().tolist()]  # NaN != NaN
    if pd.api.types.is_bool_dtype(dtype):
        return [None if pd.isna(v) else bool(v) for v in series.astype(object)]
    if pd.api.types.is_integer_dtype(dtype):
        return [None if pd.isna(v) else int(v) for v in series.astype(object)]
    if pd.api.types.is_float_dtype(dtype):
        return [None if (v is None or math.isnan(v)) else float(v) for v in series.tolist()]
    values = series.tolist()
    if all(type(v) is str or v is None for v in values):  # text and None (NULL) only: as it is
        return values
    na, nat = pd.NA, pd.NaT

    def plain(value):
        """Object-column value -> what QGIS accepts: numpy scalars unwrapped, NaN/NA/NaT -> None."""
        if value is None or value is na or value is nat:
            return None
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    return [plain(v) for v in values]


def write_frame(
    algorithm,
    parameters,
    name: str,
    context,
    frame,
    *,
    wkb_type=QgsWkbTypes.Type.NoGeometry,
    fields: QgsFields | None = None,
    frame_crs: QgsCoordinateReferenceSystem | None = None,
    output_crs: QgsCoordinateReferenceSystem | None = None,
    feedback=None,
):
    """Write `frame` to the sink parameter `name`; geometries (in `frame_crs`) are transformed to
    `output_crs` and promoted to multi-part when `wkb_type` is. `fields` (default: derived from the
    dtypes) must name columns of `frame`. Returns the destination id, or None when an optional
    output was not requested."""
    sink = FrameSink(
        algorithm,
        parameters,
        name,
        context,
        frame,
        wkb_type=wkb_type,
        fields=fields,
        frame_crs=frame_crs,
        output_crs=output_crs,
        feedback=feedback,
    )
    if sink.sink is None:
        return None
    sink.add(frame)
    return sink.dest_id


class FirstFrameSink:
    """A FrameSink made when the first frame with rows arrives (its fields come from that frame: an
    empty partition's columns may have other dtypes, e.g. float for an empty text column), for outputs
    written partition by partition. `dest_id` makes it from the last empty frame when none had rows;
    None when no frame came at all."""

    def __init__(self, algorithm, parameters, name: str, context, **options):
        self._make = lambda frame: FrameSink(algorithm, parameters, name, context, frame, **options)
        self.sink: FrameSink | None = None
        self._empty = None

    def add(self, frame) -> None:
        if self.sink is None and len(frame) == 0:
            self._empty = frame
            return
        if self.sink is None:
            self.sink = self._make(frame)
        self.sink.add(frame)

    @property
    def dest_id(self) -> str | None:
        if self.sink is None and self._empty is not None:
            self.sink = self._make(self._empty)
        return self.sink.dest_id if self.sink is not None else None


class FrameSink:
    """A sink parameter's output, written frame by frame (partitioned algorithms write each
    partition's results as they come). Fields come from `fields` or the dtypes of `template`;
    `sink` is None when an optional output was not requested."""

    def __init__(
        self,
        algorithm,
        parameters,
        name: str,
        context,
        template,
        *,
        wkb_type=QgsWkbTypes.Type.NoGeometry,
        fields: QgsFields | None = None,
        frame_crs: QgsCoordinateReferenceSystem | None = None,
        output_crs: QgsCoordinateReferenceSystem | None = None,
        feedback=None,
    ):
        self.fields = fields if fields is not None else fields_for_frame(template)
        output_crs = output_crs or frame_crs or QgsCoordinateReferenceSystem()
        definition = algorithm.parameterDefinition(name)
        _refuse_cut_names(algorithm, parameters, name, [f.name() for f in self.fields])
        self.sink, self.dest_id = algorithm.parameterAsSink(
            parameters, name, context, self.fields, wkb_type, output_crs
        )
        if self.sink is None and not definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional:
            raise QgsProcessingException(algorithm.invalidSinkError(parameters, name))
        if self.sink is not None:
            alias_output(context, self.dest_id)  # the planner's field names when the layer loads
        self.name, self.feedback, self.wkb_type = name, feedback, wkb_type
        self.has_geometry = wkb_type != QgsWkbTypes.Type.NoGeometry and _geometry_column(template) is not None
        self.transform = None
        if self.has_geometry and frame_crs is not None and output_crs.isValid() and frame_crs != output_crs:
            self.transform = QgsCoordinateTransform(frame_crs, output_crs, context.transformContext())

    def add(self, frame) -> None:
        import shapely

        if self.sink is None:
            return
        fields, multi = self.fields, QgsWkbTypes.isMultiType(self.wkb_type)
        columns = [_column_values(frame[f.name()]) for f in fields]
        wkbs = shapely.to_wkb(frame.geometry.values) if self.has_geometry and len(frame) else None
        batch: list[QgsFeature] = []
        for i, attributes in enumerate(zip(*columns) if columns else ([] for _ in range(len(frame)))):
            feature = QgsFeature(fields)
            feature.setAttributes(list(attributes))
            if wkbs is not None and wkbs[i] is not None:
                geometry = QgsGeometry()
                geometry.fromWkb(wkbs[i])
                if multi:
                    geometry.convertToMultiType()
                if self.transform is not None:
                    geometry.transform(self.transform)
                feature.setGeometry(geometry)
            batch.append(feature)
            if len(batch) % 1000 == 0 and self.feedback is not None and self.feedback.isCanceled():
                raise CancelledError  # a writer stops within a thousand features, not a batch
            if len(batch) == 10000:
                _flush(self.sink, batch, self.feedback, self.name)
        _flush(self.sink, batch, self.feedback, self.name)


SHAPEFILE_NAME_LENGTH = 10  # dBASE field names: 10 characters, case-insensitive


def shapefile_clashes(names: list[str]) -> list[list[str]]:
    """Groups of field names a Shapefile cannot tell apart (equal in their first 10 characters)."""
    groups: dict[str, list[str]] = {}
    for field_name in names:
        groups.setdefault(field_name[:SHAPEFILE_NAME_LENGTH].lower(), []).append(field_name)
    return [group for group in groups.values() if len(group) > 1]


def _refuse_cut_names(algorithm, parameters, name: str, names: list[str]) -> None:
    """A Shapefile destination whose 10-character field names would clash is refused, naming GeoPackage."""
    value = parameters.get(name)  # read as given: parameterAsOutputLayer would mark it for loading
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    destination = str(value or "")
    if not destination.lower().split("|")[0].endswith((".shp", ".dbf")):
        return
    clashes = shapefile_clashes(names)
    if clashes:
        shown = "; ".join(" / ".join(group) for group in clashes[:3])
        raise QgsProcessingException(
            tr(
                "Output '{}': a Shapefile cuts field names to 10 characters, so {} could not be told apart. Save "
                "this output as a GeoPackage (.gpkg)."
            ).format(algorithm.parameterDefinition(name).description(), shown)
        )


def _flush(sink, batch: list, feedback, name: str) -> None:
    """Add a batch of features in one call (much faster than one call per feature)."""
    if feedback is not None and feedback.isCanceled():
        raise CancelledError
    if batch and not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
        raise QgsProcessingException(tr("Could not write features to the output {}: {}").format(name, sink.lastError()))
    batch.clear()
