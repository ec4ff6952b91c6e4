"""urbanization:controllineconflicts end to end on 100,000 generated Voronoi parcels (second-level
2023 codes) against three control layers of 300 complex polygons each, versus native:intersection
of the same plan with ONE control layer, measured in the same run. Issue 3: ours no slower, and
memory well under 2 GB; issue 30: at most 0.3 of native's time. Both sides are warmed by one untimed
run, then timed alternately (native, ours, ours; three rounds), each call's peak RSS sampled; the
table gets the medians and the minimums. Second case: livingspacestructure of the same plan by 16
planning units vs native:intersection of plan and units (two rounds). CPU time is given beside
wall time: on a machine shared with other jobs it is the steadier of the two.

The data are generated (a realistic tessellation, not real parcels): Voronoi cells of random points
over 20 x 20 km in CGCS2000 / 3-degree GK CM 102E (EPSG:4543, around Kunming), and star-shaped
control polygons of ~400 vertices with irregular (multi-frequency) outlines, written to GeoPackages
so both sides read files as a planner's run would."""

from __future__ import annotations

import gc
import os
import resource
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median

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


class PeakRss:
    """Peak resident memory of this process while a call runs, sampled every 10 ms by a thread (the
    process-wide maximum of getrusage cannot tell two sides run in one process apart)."""

    def __init__(self):
        self.peak = 0

    @staticmethod
    def now() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()

    def __enter__(self):
        self.running = True
        self.peak = self.now()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.now())
            time.sleep(0.01)

    def __exit__(self, *_):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.now())


@dataclass
class Timed:
    """One timed call: wall and CPU seconds (every thread of the process), peak RSS during the call
    and its growth over the RSS at the call's start (MB)."""

    wall: float
    cpu: float
    peak_mb: float
    growth_mb: float


def alternated(reference, ours, rounds: int, ours_per_round: int = 2) -> dict[str, list[Timed]]:
    """Each side run once to warm up (untimed), then `rounds` rounds of reference, ours x
    `ours_per_round`, alternated so a machine that speeds up or slows down affects both sides alike."""
    runs: dict[str, list[Timed]] = {"reference": [], "ours": []}
    reference()
    ours()
    for _ in range(rounds):
        for side, call, times in (("reference", reference, 1), ("ours", ours, ours_per_round)):
            for _ in range(times):
                gc.collect()
                before = PeakRss.now()
                with PeakRss() as rss:
                    start, cpu = time.perf_counter(), time.process_time()
                    call()
                    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
                runs[side].append(Timed(wall, cpu, rss.peak / 2**20, (rss.peak - before) / 2**20))
    return runs


def rows(label: str, runs: dict[str, list[Timed]]) -> list[tuple[str, float, float]]:
    """Three table rows (median and min wall time, median CPU time of each side) and a printed line
    with every figure."""
    ours, reference = runs["ours"], runs["reference"]
    for side, timed in (("ours", ours), ("reference", reference)):
        print(
            f"   {label}, {side}: wall {', '.join(f'{t.wall:.2f}' for t in timed)} s; CPU "
            f"{', '.join(f'{t.cpu:.2f}' for t in timed)} s; peak RSS {max(t.peak_mb for t in timed):.0f} MB "
            f"(+{max(t.growth_mb for t in timed):.0f} MB over the call's start)",
            flush=True,
        )
    print(f"   load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}", flush=True)
    memory = (
        f"peak RSS {max(t.peak_mb for t in ours):.0f} MB (+{max(t.growth_mb for t in ours):.0f}) vs "
        f"{max(t.peak_mb for t in reference):.0f} MB (+{max(t.growth_mb for t in reference):.0f})"
    )
    wall = ([t.wall for t in ours], [t.wall for t in reference])
    cpu = ([t.cpu for t in ours], [t.cpu for t in reference])
    return [
        (f"{label}, wall, median of {len(ours)} vs {len(reference)}, warm, alternated ({memory})", *map(median, wall)),
        (f"{label}, wall, min of the same runs", *map(min, wall)),
        (f"{label}, CPU time, median of the same runs", *map(median, cpu)),
    ]


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
    results = {}

    def native():
        output = processing.run(
            "native:intersection",
            {"INPUT": plan, "OVERLAY": lines["ECOLOGICAL_REDLINE"], "OUTPUT": "TEMPORARY_OUTPUT"},
        )
        results["native"] = output["OUTPUT"].featureCount()

    def ours():
        output = processing.run(
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
        results["ours"] = {k: output[k] for k in ("CONFLICT_COUNT", "CONFLICT_AREA_M2", "OVERLAP_COUNT")}

    label = f"controllineconflicts {len(cells) // 1000}k parcels x 3 lines vs native:intersection x 1 line"
    cases = rows(label, alternated(native, ours, rounds=3))
    found = results["ours"]
    print(
        f"   {len(cells):,} parcels; native:intersection with one layer: {results['native']:,} pieces; ours: "
        f"{found['CONFLICT_COUNT']:,} conflicts, {found['CONFLICT_AREA_M2'] / 1e6:.6f} km2, "
        f"{found['OVERLAP_COUNT']:,} line overlaps",
        flush=True,
    )

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

    def native_units():
        processing.run("native:intersection", {"INPUT": plan, "OVERLAY": units, "OUTPUT": "TEMPORARY_OUTPUT"})

    def space():
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

    label = f"livingspacestructure {len(cells) // 1000}k parcels x 16 units vs native:intersection"
    cases += rows(label, alternated(native_units, space, rounds=2, ours_per_round=1))
    return cases


def write_data(folder: Path) -> None:
    """The benchmark's GeoPackages written to `folder`, and the two whole-process commands that time
    them through qgis_process (run each with /usr/bin/time -v, or a benchmark tool, after
    `source scripts/env.sh`, which enables the plugin for qgis_process)."""
    start_qgis()
    rng = np.random.default_rng(3)
    folder.mkdir(parents=True, exist_ok=True)
    cells, codes = parcels(N_PARCELS, rng)
    write_gpkg(folder / "plan.gpkg", cells, codes)
    names = ("ECOLOGICAL_REDLINE", "PERMANENT_FARMLAND", "DEVELOPMENT_BOUNDARY")
    for name in names:
        write_gpkg(folder / f"{name}.gpkg", control_polygons(N_CONTROL, rng))
    lines = " ".join(f"{name}={folder / name}.gpkg" for name in names)
    print(
        f"qgis_process run urbanization:controllineconflicts -- PLAN={folder}/plan.gpkg LANDUSE_FIELD=DLBM {lines} "
        f"CONFLICTS={folder}/out_conflicts.gpkg LINE_OVERLAPS={folder}/out_overlaps.gpkg "
        f"SUMMARY={folder}/out_summary.csv\n"
        f"qgis_process run native:intersection -- INPUT={folder}/plan.gpkg "
        f"OVERLAY={folder}/ECOLOGICAL_REDLINE.gpkg OUTPUT={folder}/out_native.gpkg"
    )


if __name__ == "__main__":  # python benchmarks/bench_zoning.py FOLDER: the data and the qgis_process commands
    import sys

    write_data(Path(sys.argv[1]))
