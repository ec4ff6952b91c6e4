"""urbanization:controllineconflicts end to end on 100,000 generated Voronoi parcels (second-level
2023 codes) against three control layers of 300 complex polygons each, versus native:intersection
of the same plan with ONE control layer, measured in the same run. Issue 3: ours no slower, and
memory well under 2 GB (peak RSS of the process is reported in the case name). Second case:
livingspacestructure of the same plan by 16 planning units vs native:intersection of plan and units.

The data are generated (a realistic tessellation, not real parcels): Voronoi cells of random points
over 20 x 20 km in CGCS2000 / 3-degree GK CM 102E (EPSG:4543, around Kunming), and star-shaped
control polygons of ~400 vertices with irregular (multi-frequency) outlines, written to GeoPackages
so both sides read files as a planner's run would."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from common import start_qgis

from urbanization_planning.layers.compat import FieldType

N_PARCELS = 100_000
N_CONTROL = 300
EXTENT = 20_000.0
X0, Y0 = 560_000.0, 2_760_000.0
CODES = [
    "0101",
    "0102",
    "0103",
    "0201",
    "0301",
    "0401",
    "0701",
    "0703",
    "0801",
    "0804",
    "0901",
    "1001",
    "1101",
    "1207",
    "1301",
    "1401",
    "1503",
    "16",
    "1704",
    "2301",
]
WEIGHTS = [8, 4, 8, 3, 10, 3, 14, 6, 4, 2, 6, 5, 2, 8, 1, 6, 1, 1, 3, 4]


def parcels(n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    import shapely

    points = shapely.points(rng.uniform(0, EXTENT, (n, 2)) + [X0, Y0])
    frame = shapely.box(X0, Y0, X0 + EXTENT, Y0 + EXTENT)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame))
    cells = shapely.intersection(cells, frame)
    weights = np.array(WEIGHTS, dtype=float) / sum(WEIGHTS)
    return cells, rng.choice(CODES, size=len(cells), p=weights)


def control_polygons(n: int, rng, vertices: int = 400) -> np.ndarray:
    """Star-shaped polygons with a noisy radius: complex outlines, never self-intersecting."""
    import shapely

    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    polygons = []
    for _ in range(n):
        cx, cy = rng.uniform(0, EXTENT, 2) + [X0, Y0]
        radius = rng.uniform(150, 600)
        noise = sum(rng.uniform(0, 0.25 / k) * np.sin(k * angles + rng.uniform(0, 6.3)) for k in (2, 3, 5, 9, 17, 31))
        r = radius * (1 + noise + rng.uniform(-0.03, 0.03, vertices))
        polygons.append(shapely.polygons(np.column_stack([cx + r * np.cos(angles), cy + r * np.sin(angles)])))
    return np.array(polygons, dtype=object)


def write_gpkg(path: Path, geometries: np.ndarray, codes=None) -> str:
    import shapely
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsProject,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )

    fields = QgsFields()
    if codes is not None:
        fields.append(QgsField("DLBM", FieldType.String))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    writer = QgsVectorFileWriter.create(
        str(path),
        fields,
        QgsWkbTypes.Type.MultiPolygon,
        QgsCoordinateReferenceSystem("EPSG:4543"),
        QgsProject.instance().transformContext(),
        options,
    )
    for i, wkb in enumerate(shapely.to_wkb(geometries)):
        feature = QgsFeature(fields)
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        if codes is not None:
            feature.setAttributes([str(codes[i])])
        writer.addFeature(feature)
    del writer
    return str(path)


def run() -> list[tuple[str, float, float]]:
    start_qgis()
    import processing

    rng = np.random.default_rng(3)
    folder = Path(tempfile.mkdtemp(prefix="bench-zoning-"))
    cells, codes = parcels(N_PARCELS, rng)
    plan = write_gpkg(folder / "plan.gpkg", cells, codes)
    lines = {
        name: write_gpkg(folder / f"{name}.gpkg", control_polygons(N_CONTROL, rng))
        for name in ("ECOLOGICAL_REDLINE", "PERMANENT_FARMLAND", "DEVELOPMENT_BOUNDARY")
    }

    start = time.perf_counter()
    native = processing.run(
        "native:intersection", {"INPUT": plan, "OVERLAY": lines["ECOLOGICAL_REDLINE"], "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    reference = time.perf_counter() - start
    native_count = native["OUTPUT"].featureCount()
    del native

    start = time.perf_counter()
    result = processing.run(
        "urbanization:controllineconflicts",
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "DLBM",
            **lines,
            "CONFLICTS": "TEMPORARY_OUTPUT",
            "LINE_OVERLAPS": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    ours = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cases = [
        (
            f"controllineconflicts {len(cells) // 1000}k parcels x 3 lines vs native:intersection x 1 line "
            f"(peak RSS {peak_mb:.0f} MB)",
            ours,
            reference,
        )
    ]
    print(
        f"   {len(cells):,} parcels; native:intersection with one layer: {native_count:,} pieces; ours: "
        f"{result['CONFLICT_COUNT']:,} conflicts, {result['CONFLICT_AREA_M2'] / 1e6:.2f} km2, "
        f"{result['OVERLAP_COUNT']:,} line overlaps; peak RSS {peak_mb:.0f} MB",
        flush=True,
    )
    del result

    import shapely

    size = EXTENT / 4
    grid = np.array(
        [
            shapely.box(X0 + i * size, Y0 + j * size, X0 + (i + 1) * size, Y0 + (j + 1) * size)
            for i in range(4)
            for j in range(4)
        ],
        dtype=object,
    )
    units = write_gpkg(folder / "units.gpkg", grid)
    start = time.perf_counter()
    processing.run("native:intersection", {"INPUT": plan, "OVERLAY": units, "OUTPUT": "TEMPORARY_OUTPUT"})
    reference = time.perf_counter() - start
    start = time.perf_counter()
    processing.run(
        "urbanization:livingspacestructure",
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "DLBM",
            "UNITS": units,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    ours = time.perf_counter() - start
    cases.append(
        (f"livingspacestructure {len(cells) // 1000}k parcels x 16 units vs native:intersection", ours, reference)
    )
    return cases
