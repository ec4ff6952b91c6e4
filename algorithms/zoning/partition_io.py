"""Reading parcels partition by partition and writing results as they come, without QGIS. Pure
(GDAL's own Python bindings `osgeo.ogr`, which Debian and OSGeo4W ship with QGIS; pyarrow for
GeoParquet).

Reading goes through GDAL's Arrow stream (`Layer.GetArrowStream` into pyarrow, GDAL >= 3.6), batch by
batch: a first pass (`scan`) keeps only each feature's id and bounding box (40 bytes a parcel) and
the distinct values of the land-use field; a partition is then read back by a spatial filter on
its rectangle (the GeoPackage R-tree) keeping its own feature ids. GeoParquet inputs (no spatial
index) are first copied, batch by batch, into a scratch GeoPackage.

Writers append one frame at a time: a GeoPackage layer through OGR, or GeoParquet row groups
through pyarrow. Geometries are written as MultiPolygon (or none, for summaries).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

BATCH = 20_000


class InputError(ValueError):
    """An input file that cannot be read as asked; the message names it."""


@dataclass
class LayerSource:
    """A polygon layer in a file, read in `target_crs` (WKT or anything pyproj accepts; None: as stored)."""

    path: str
    layer: str | None = None
    target_crs: str | None = None
    fields: list[str] = field(default_factory=list)
    layer_index: int | None = None  # when the layer is given by position, not name
    source_crs: str | None = None  # overrides the file's CRS (a CRS QGIS assigned to the layer)

    def open(self):
        from osgeo import gdal, ogr

        gdal.UseExceptions()
        ogr.UseExceptions()
        try:
            dataset = gdal.OpenEx(str(self.path), gdal.OF_VECTOR | gdal.OF_READONLY)
        except RuntimeError as error:
            raise InputError(f"{self.path}: cannot be opened as a vector file ({error})") from error
        layer = dataset.GetLayerByName(self.layer) if self.layer else dataset.GetLayer(self.layer_index or 0)
        if layer is None:
            raise InputError(f"{self.path}: no layer '{self.layer}'")
        if not hasattr(layer, "GetArrowStream"):
            raise InputError("GDAL 3.6 or newer is needed to stream a layer (GetArrowStream)")
        names = [layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())]
        missing = [name for name in self.fields if name not in names]
        if missing:
            raise InputError(f"{self.path}: no field {', '.join(missing)} (fields: {', '.join(names)})")
        layer.SetIgnoredFields([name for name in names if name not in self.fields] + ["OGR_STYLE"])
        return dataset, layer

    def field_names(self) -> list[str]:
        """The names of the layer's fields, in the file's order."""
        _dataset, layer = replace(self, fields=[]).open()
        definition = layer.GetLayerDefn()
        return [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]

    def crs_wkt(self) -> str | None:
        if self.source_crs:
            return self.source_crs
        dataset, layer = self.open()
        reference = layer.GetSpatialRef()
        return reference.ExportToWkt() if reference is not None else None

    def feature_count(self) -> int:
        dataset, layer = self.open()
        return int(layer.GetFeatureCount())

    def batches(self, rect: tuple[float, float, float, float] | None = None):
        """(feature ids, WKB array, {field: values}) per Arrow batch, in the stored CRS."""
        dataset, layer = self.open()
        if rect is not None:
            layer.SetSpatialFilterRect(*rect)
        fid_column = layer.GetFIDColumn() or "OGC_FID"
        geometry_column = layer.GetGeometryColumn() or "wkb_geometry"
        for batch in _arrow_batches(layer, generic=rect is not None and _filtered_arrow_is_unsafe()):
            values = {name: np.array(batch.column(name).to_pylist(), dtype=object) for name in self.fields}
            wkb = batch.column(geometry_column).to_numpy(zero_copy_only=False)
            yield batch.column(fid_column).to_numpy().astype(np.int64), wkb, values
        del layer, dataset

    def transformer(self):
        """A pyproj Transformer from the stored CRS to target_crs, or None."""
        if self.target_crs is None:
            return None
        import pyproj

        source = self.crs_wkt()
        if source is None:
            return None
        source_crs, target_crs = pyproj.CRS.from_user_input(source), pyproj.CRS.from_user_input(self.target_crs)
        if source_crs == target_crs:
            return None
        return pyproj.Transformer.from_crs(source_crs, target_crs, always_xy=True)


def _filtered_arrow_is_unsafe() -> bool:
    """GDAL 3.7-3.11.3's GeoPackage driver fills a spatially filtered Arrow batch on a helper thread
    and now and then hands out corrupt offsets ("Negative size passed to PyUnicode_New"; seen with
    GDAL 3.10 beside QGIS 3.40; GDAL issue 12934, fixed in 3.11.4 by pull request 12935). 3.6 has
    not failed."""
    from osgeo import gdal

    version = int(gdal.VersionInfo("VERSION_NUM"))
    return 3070000 <= version < 3110400


#: GDAL configuration option: the GeoPackage driver's Arrow stream falls back to OGR's generic one
#: (features read one by one in C++, no helper thread).
GENERIC_ARROW_OPTION = "OGR_GPKG_STREAM_BASE_IMPL"


@contextmanager
def _generic_arrow(enabled: bool):
    """Set GENERIC_ARROW_OPTION for this thread only (Dask reads partitions in several threads)."""
    if not enabled:
        yield
        return
    from osgeo import gdal

    previous = gdal.GetThreadLocalConfigOption(GENERIC_ARROW_OPTION, None)
    gdal.SetThreadLocalConfigOption(GENERIC_ARROW_OPTION, "YES")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption(GENERIC_ARROW_OPTION, previous)


def _arrow_batches(layer, generic: bool = False):
    """The layer's features as pyarrow record batches, through GDAL's Arrow C stream; `generic`
    uses OGR's generic stream where the GeoPackage driver's own is unsafe (_filtered_arrow_is_unsafe;
    slower than the driver's, far faster than reading features in Python: see CHANGELOG)."""
    import pyarrow as pa

    with _generic_arrow(generic):
        stream = layer.GetArrowStream([f"MAX_FEATURES_IN_BATCH={BATCH}"])
        gdal_schema = stream.GetSchema()  # held: pyarrow moves it out, and the wrapper frees what is left
    schema = pa.Schema._import_from_c(gdal_schema._getPtr())
    while True:
        with _generic_arrow(generic):  # set only around GDAL's calls, never across a yield
            array = stream.GetNextRecordBatch()
        if array is None:
            return
        yield pa.RecordBatch._import_from_c(array._getPtr(), schema)


@dataclass
class Scan:
    """What the first pass keeps: per feature its id and bounding box (stored CRS)."""

    fids: np.ndarray  # int64
    bounds: np.ndarray  # (n, 4) float64: xmin, ymin, xmax, ymax
    distinct: dict[str, set]  # field -> distinct values


def scan(source: LayerSource, distinct_fields: tuple[str, ...] = (), is_canceled=None) -> Scan:
    """Ids and bounding boxes of every feature with a geometry, streamed batch by batch."""
    from ..cancel import CancelledError

    fids, bounds = [], []
    distinct: dict[str, set] = {name: set() for name in distinct_fields}
    for ids, wkb, values in source.batches():
        if is_canceled is not None and is_canceled():
            raise CancelledError
        geometries = shapely.from_wkb(wkb)
        keep = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
        fids.append(ids[keep])
        bounds.append(shapely.bounds(geometries[keep]))
        for name in distinct_fields:
            distinct[name].update(pd.unique(pd.Series(values[name][keep], dtype=object)).tolist())
    if not fids:
        return Scan(np.empty(0, dtype=np.int64), np.empty((0, 4)), distinct)
    return Scan(np.concatenate(fids), np.concatenate(bounds), distinct)


def read_rect(source: LayerSource, rect, transformer=None) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """(feature ids, geometries in the target CRS, field values) of the features whose bounding box
    meets `rect` (stored CRS); features without geometry are left out."""
    ids, geometries, values = [], [], {name: [] for name in source.fields}
    for batch_ids, wkb, batch_values in source.batches(rect):
        ids.append(batch_ids)
        geometries.append(shapely.from_wkb(wkb))
        for name in source.fields:
            values[name].append(batch_values[name])
    if not ids:
        return (
            np.empty(0, dtype=np.int64),
            np.empty(0, dtype=object),
            {n: np.empty(0, dtype=object) for n in source.fields},
        )
    fids, geometry = np.concatenate(ids), np.concatenate(geometries)
    columns = {name: np.concatenate(parts) for name, parts in values.items()}
    keep = ~shapely.is_missing(geometry) & ~shapely.is_empty(geometry)
    fids, geometry, columns = fids[keep], geometry[keep], {n: v[keep] for n, v in columns.items()}
    if transformer is not None and len(geometry):
        geometry = shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return fids, shapely.force_2d(geometry), columns


def read_all(source: LayerSource) -> np.ndarray:
    """Every geometry of a (small) layer in the target CRS: control lines, units, boundaries."""
    return read_rect(source, None, source.transformer())[1]


def parquet_to_gpkg(path: str, scratch: str, is_canceled=None) -> LayerSource:
    """Copy a GeoParquet file batch by batch into a GeoPackage in `scratch` (spatial index built
    by GDAL) so it can be read by partition; returns the copy's source (all fields kept)."""
    import pyarrow.parquet as pq
    from osgeo import osr

    from ..cancel import CancelledError

    parquet = pq.ParquetFile(path)
    geo = _geo_metadata(parquet.schema_arrow.metadata, path)
    column = geo["primary_column"]
    target = str(Path(scratch) / (Path(path).stem + ".gpkg"))
    if os.path.exists(target):
        os.remove(target)
    reference = None
    crs = geo["columns"][column].get("crs")
    if crs is not None:
        import pyproj

        reference = osr.SpatialReference()
        reference.ImportFromWkt(pyproj.CRS.from_user_input(crs).to_wkt())
        reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    writer = None
    for batch in parquet.iter_batches(batch_size=BATCH):
        if is_canceled is not None and is_canceled():
            raise CancelledError
        frame = batch.to_pandas()
        geometry = shapely.from_wkb(frame.pop(column).to_numpy())
        if writer is None:
            writer = GpkgWriter(target, Path(path).stem, reference.ExportToWkt() if reference else None, frame)
        writer.write(frame, geometry)
    if writer is None:
        raise InputError(f"{path}: the file has no rows")
    writer.close()
    return LayerSource(target, Path(path).stem)


def _geo_metadata(metadata, path) -> dict:
    import json

    if not metadata or b"geo" not in metadata:
        raise InputError(f"{path}: not a GeoParquet file (no 'geo' metadata)")
    return json.loads(metadata[b"geo"])


class GpkgWriter:
    """Appends frames to a new GeoPackage layer (MultiPolygon, or no geometry when `spatial` is
    False). OGR creates the layer and, on close, its spatial index; rows go in through sqlite3 in
    one executemany per frame (GeoPackage geometry blobs: header and envelope, then WKB), some
    twenty times faster than OGR's feature-by-feature Python calls."""

    def __init__(self, path: str, layer: str, crs_wkt: str | None, template: pd.DataFrame, spatial: bool = True):
        import sqlite3

        from osgeo import gdal, ogr, osr

        gdal.UseExceptions()
        driver = ogr.GetDriverByName("GPKG")
        dataset = driver.Open(path, 1) if os.path.exists(path) else driver.CreateDataSource(path)
        if dataset.GetLayerByName(layer) is not None:
            dataset.DeleteLayer(layer)
        reference = None
        if crs_wkt:
            reference = osr.SpatialReference()
            reference.ImportFromWkt(crs_wkt)
        created = dataset.CreateLayer(
            layer,
            reference,
            ogr.wkbMultiPolygon if spatial else ogr.wkbNone,
            ["SPATIAL_INDEX=NO", "GEOMETRY_NAME=geom", "FID=fid"],
        )
        self.columns = [c for c in template.columns if c != "geometry"]
        for name in self.columns:
            created.CreateField(ogr.FieldDefn(name, _ogr_type(template[name].dtype, ogr)))
        created = None
        dataset = None
        self.path, self.layer, self.spatial = path, layer, spatial
        self.connection = sqlite3.connect(path)
        self.srs_id = 0
        if spatial:
            found = self.connection.execute(
                "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)
            ).fetchone()
            self.srs_id = int(found[0]) if found else 0
        names = (["geom"] if spatial else []) + self.columns
        quoted = ", ".join(f'"{n}"' for n in names)
        self.insert = f'INSERT INTO "{layer}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
        self.extent = None
        self.count = 0

    def write(self, frame: pd.DataFrame, geometry: np.ndarray | None = None) -> None:
        if geometry is None and self.spatial:
            geometry = frame["geometry"].to_numpy()
        columns = [[_plain(v) for v in frame[name].tolist()] for name in self.columns]
        if self.spatial:
            blobs, bounds = _gpkg_blobs(_multi(geometry), self.srs_id)
            if len(bounds) and np.isfinite(bounds).any():
                box = (
                    np.nanmin(bounds[:, 0]),
                    np.nanmin(bounds[:, 1]),
                    np.nanmax(bounds[:, 2]),
                    np.nanmax(bounds[:, 3]),
                )
                self.extent = (
                    box
                    if self.extent is None
                    else (
                        min(self.extent[0], box[0]),
                        min(self.extent[1], box[1]),
                        max(self.extent[2], box[2]),
                        max(self.extent[3], box[3]),
                    )
                )
            rows = zip(blobs, *columns)
        else:
            rows = zip(*columns) if columns else ([] for _ in range(len(frame)))
        self.connection.executemany(self.insert, rows)
        self.connection.commit()
        self.count += len(frame)

    def close(self) -> None:
        from osgeo import ogr

        if self.connection is None:
            return
        if self.extent is not None:
            self.connection.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                (*[float(v) for v in self.extent], self.layer),
            )
            self.connection.commit()
        self.connection.close()
        self.connection = None
        if self.spatial:
            dataset = ogr.Open(self.path, 1)
            dataset.ExecuteSQL(f"SELECT CreateSpatialIndex('{self.layer}', 'geom')")
            dataset = None


def _plain(value):
    """A value as sqlite3 stores it: Python int, float, str or None (NaN is NULL)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if value is None or isinstance(value, (int, float, str, bytes)):
        return value
    return str(value)


_HEADER = np.dtype(
    [
        ("magic", "S2"),
        ("version", "u1"),
        ("flags", "u1"),
        ("srs_id", "<i4"),
        ("minx", "<f8"),
        ("maxx", "<f8"),
        ("miny", "<f8"),
        ("maxy", "<f8"),
    ]
)


def _gpkg_blobs(geometry: np.ndarray, srs_id: int) -> tuple[list, np.ndarray]:
    """GeoPackage geometry blobs (GP header, little-endian, xy envelope; then ISO WKB) and the bounds."""
    wkbs = shapely.to_wkb(geometry, byte_order=1)
    bounds = shapely.bounds(geometry)
    header = np.zeros(len(geometry), dtype=_HEADER)
    header["magic"], header["flags"], header["srs_id"] = b"GP", 0b00000011, srs_id
    header["minx"], header["maxx"], header["miny"], header["maxy"] = (
        bounds[:, 0],
        bounds[:, 2],
        bounds[:, 1],
        bounds[:, 3],
    )
    raw = header.tobytes()
    size = _HEADER.itemsize
    blobs = [None if w is None else raw[i * size : (i + 1) * size] + w for i, w in enumerate(wkbs)]
    return blobs, bounds


class ParquetWriter:
    """Appends frames as row groups of a GeoParquet file (WKB geometry column 'geometry')."""

    def __init__(self, path: str, crs_wkt: str | None, template: pd.DataFrame, spatial: bool = True):
        self.path, self.crs_wkt, self.spatial = path, crs_wkt, spatial
        self.schema = None
        self.writer = None
        self.count = 0
        self.template = template

    def _table(self, frame: pd.DataFrame):
        import geopandas as gpd
        import pyarrow as pa

        if self.spatial:
            from geopandas.io.arrow import _geopandas_to_arrow

            frame = gpd.GeoDataFrame(
                frame.assign(geometry=_multi(frame["geometry"].to_numpy())), geometry="geometry", crs=self.crs_wkt
            )
            table = _geopandas_to_arrow(frame, index=False)
        else:
            table = pa.Table.from_pandas(pd.DataFrame(frame), preserve_index=False)
        # text columns that happen to be all empty in one frame are still text
        fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in table.schema]
        return table.cast(pa.schema(fields, metadata=table.schema.metadata))

    def write(self, frame: pd.DataFrame) -> None:
        import pyarrow.parquet as pq

        table = self._table(frame)
        if self.writer is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.path, self.schema)
        self.writer.write_table(table.select(self.schema.names).cast(self.schema))
        self.count += len(frame)

    def close(self) -> None:
        if self.writer is None:
            self.write(self.template.iloc[:0])
        self.writer.close()


def writer_for(path: str, layer: str, crs_wkt: str | None, template: pd.DataFrame, spatial: bool = True):
    """A GeoPackage or GeoParquet writer by the file's suffix (.gpkg, .parquet or .geoparquet)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".gpkg":
        return GpkgWriter(path, layer, crs_wkt, template, spatial)
    if suffix in (".parquet", ".geoparquet"):
        stem = Path(path).with_suffix("")
        return ParquetWriter(f"{stem}_{layer}{suffix}" if layer else path, crs_wkt, template, spatial)
    raise InputError(f"{path}: write .gpkg or .parquet")


def _multi(geometry: np.ndarray) -> np.ndarray:
    geometry = np.asarray(geometry, dtype=object)
    single = shapely.get_type_id(geometry) == shapely.GeometryType.POLYGON
    result = geometry.copy()
    if single.any():
        result[single] = shapely.multipolygons(geometry[single], indices=np.arange(int(single.sum())))
    return result


def _ogr_type(dtype, ogr) -> int:
    if np.issubdtype(dtype, np.integer):
        return ogr.OFTInteger64
    if np.issubdtype(dtype, np.floating):
        return ogr.OFTReal
    return ogr.OFTString
