#!/usr/bin/env python3
"""Build resources/sample_data/planning_sample.gpkg: a small planning sample for the multi-plan
checks, made from real data.

What it is (and is not): the 237 OpenStreetMap `landuse` polygons of central Helsinki
(helsinki_osm_layers.gpkg) with their OSM tags recoded to the 2023 Chinese land-use classes
(field DLBM = 地类编码, DLMC = 地类名称, the usual field names of Chinese planning data), and three
control lines DRAWN over them for demonstration: they are not real designations.
- ecological_redline: the larger green and water polygons (grass, pond, basin >= 2000 m2) buffered
  by 15 m, as a red line drawn around a city park system would be;
- permanent_farmland: a 120 m radius octagon centred on the largest green polygon (overlapping the
  red line, a conflict the check must find);
- development_boundary: the sample's extent without its northern 300 m and an eastern notch.
All layers are in EPSG:4326 like the source. Licence: ODbL 1.0, "(c) OpenStreetMap contributors".

Run from the repository root: `source scripts/env.sh && .venv/bin/python scripts/make_planning_sample.py`.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "sample_data" / "helsinki_osm_layers.gpkg"
TARGET = ROOT / "resources" / "sample_data" / "planning_sample.gpkg"
METRIC = "EPSG:32635"  # UTM 35N, where central Helsinki lies
ATTRIBUTION = "ODbL 1.0, (c) OpenStreetMap contributors; control lines drawn for demonstration, not real designations"

# OSM landuse tag -> (2023 classification code, class name)
RECODE = {
    "residential": ("0701", "城镇住宅用地"),
    "commercial": ("0901", "商业用地"),
    "retail": ("0901", "商业用地"),
    "civil": ("0801", "机关团体用地"),
    "construction": ("16", "留白用地"),
    "military": ("1501", "军事设施用地"),
    "railway": ("1201", "铁路用地"),
    "road": ("1207", "城镇村道路用地"),
    "lane": ("1207", "城镇村道路用地"),
    "lanes": ("1207", "城镇村道路用地"),
    "lane;parking": ("1208", "交通场站用地"),
    "cycleway": ("1207", "城镇村道路用地"),
    "steps": ("1207", "城镇村道路用地"),
    "bus_stop": ("1208", "交通场站用地"),
    "grass": ("1401", "公园绿地"),
    "pond": ("1704", "坑塘水面"),
    "basin": ("1704", "坑塘水面"),
}


def read_landuse():
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer

    layer = QgsVectorLayer(f"{SOURCE}|layername=landuse", "landuse", "ogr")
    if not layer.isValid():
        sys.exit(f"cannot open {SOURCE}")
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(METRIC), QgsProject.instance())
    rows = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        geometry.transform(transform)
        tag = feature["landuse"]
        code, name = RECODE.get(tag, (None, None))
        rows.append(
            (
                feature["osm_id"] or feature["osm_way_id"],
                feature["name"],
                tag,
                code,
                name,
                shapely.from_wkb(bytes(geometry.asWkb())),
            )
        )
    return rows


def control_lines(rows) -> dict[str, shapely.Geometry]:
    geometries = np.array([r[5] for r in rows], dtype=object)
    tags = np.array([r[2] for r in rows], dtype=object)
    green = np.isin(tags, ["grass", "pond", "basin"]) & (shapely.area(geometries) >= 2000)
    redline = shapely.simplify(shapely.buffer(shapely.union_all(geometries[green]), 15.0, quad_segs=4), 1.0)
    largest = geometries[green][np.argmax(shapely.area(geometries[green]))]
    centre = shapely.centroid(largest)
    octagon = shapely.Polygon(
        [
            (centre.x + 120 * math.cos(a), centre.y + 120 * math.sin(a))
            for a in np.linspace(0, 2 * math.pi, 9)[:-1] + math.pi / 8
        ]
    )
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    boundary = shapely.difference(
        shapely.box(minx - 10, miny - 10, maxx + 10, maxy - 300),
        shapely.box(maxx - 200, miny + 400, maxx + 20, miny + 700),
    )
    return {"ecological_redline": redline, "permanent_farmland": octagon, "development_boundary": boundary}


def write_layer(path: Path, name: str, fields: list[tuple[str, object]], rows: list[tuple], first: bool) -> None:
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsProject,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )

    qfields = QgsFields()
    for field_name, variant in fields:
        qfields.append(QgsField(field_name, variant))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.layerOptions = [f"DESCRIPTION={ATTRIBUTION}"]
    if not first:
        options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    writer = QgsVectorFileWriter.create(
        str(path), qfields, QgsWkbTypes.Type.MultiPolygon, wgs84, QgsProject.instance().transformContext(), options
    )
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(METRIC), wgs84, QgsProject.instance())
    for *attributes, geometry in rows:
        feature = QgsFeature(qfields)
        qgeometry = QgsGeometry()
        qgeometry.fromWkb(shapely.to_wkb(shapely.set_precision(geometry, 0.01)))
        qgeometry.convertToMultiType()
        qgeometry.transform(transform)
        feature.setGeometry(qgeometry)
        feature.setAttributes(list(attributes))
        writer.addFeature(feature)
    del writer


def _field_types():
    """layers/compat.py's FieldType (field types for this QGIS), loaded by path: this script runs
    outside the plugin package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("compat", ROOT / "layers" / "compat.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FieldType


def main() -> None:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    FieldType = _field_types()
    rows = read_landuse()
    TARGET.unlink(missing_ok=True)
    string = FieldType.String
    write_layer(
        TARGET,
        "plan_landuse",
        [("osm_id", string), ("name", string), ("osm_landuse", string), ("DLBM", string), ("DLMC", string)],
        rows,
        first=True,
    )
    names = {
        "ecological_redline": "生态保护红线",
        "permanent_farmland": "永久基本农田",
        "development_boundary": "城镇开发边界",
    }
    for layer_name, geometry in control_lines(rows).items():
        write_layer(
            TARGET,
            layer_name,
            [("name", string), ("note", string)],
            [(names[layer_name], "drawn for demonstration", geometry)],
            first=False,
        )
    print(f"{TARGET}: {TARGET.stat().st_size / 1024:.0f} KiB")
    app.exitQgis()


if __name__ == "__main__":
    main()
