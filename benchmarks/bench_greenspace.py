"""Green-city benchmarks (issue: parkcoverage >= 5x faster than native:serviceareafromlayer for
the same 300 start points on the same ~80,000-edge network; 1,000 per-source catchments in < 5 s).

Data, generated in the same run: a 200 x 200 street grid (80 m blocks, 79,600 one-segment street
lines) in CGCS2000 / 3-degree GK (EPSG:4543), 300 square parks (400 m2 - 4 hm2) with one entrance
each, 10,000 residential parcels (30 x 30 m) in the blocks.

1. `urbanization:parkcoverage` end to end (read layers, build the graph, snap, grade service areas,
   coverage, write four outputs) with the 300 entrances, vs. `native:serviceareafromlayer` from the
   same 300 points with the 500 m cut-off (lines output), both on the same GeoPackage layers and
   writing GeoPackages; one untimed warm-up run of ours (module imports), then both timed in
   alternation (common.interleaved), each the best of its runs.
2. The same coverage computation in memory (no QGIS layer reading/writing), against the same
   native time: what the engine costs apart from the shared layers/ conversion.
3. Engine only: `network.catchments` for 1,000 sources to the 10,000 homes within 500 m, vs.
   networkx `single_source_dijkstra_path_length` with the same cut-off on the same graph.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from common import best_of, interleaved, start_qgis

N = 200  # grid nodes per side -> 2 * N * (N - 1) = 79,600 edges
STEP = 80.0  # block size (m)
X0, Y0 = 500000.0, 2770000.0
CRS = 4543


def _data(folder: Path):
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(4)
    ticks = np.arange(N) * STEP
    xs, ys = np.meshgrid(ticks, ticks)
    horizontal = np.stack(
        [np.c_[xs[:, :-1].ravel(), ys[:, :-1].ravel()], np.c_[xs[:, 1:].ravel(), ys[:, 1:].ravel()]], 1
    )
    vertical = np.stack([np.c_[xs[:-1, :].ravel(), ys[:-1, :].ravel()], np.c_[xs[1:, :].ravel(), ys[1:, :].ravel()]], 1)
    segments = np.concatenate([horizontal, vertical]) + [X0, Y0]
    roads = gpd.GeoDataFrame(
        {"highway": ["residential"] * len(segments)}, geometry=shapely.linestrings(segments), crs=CRS
    )
    # Parks: centred in random blocks, side 20-200 m (400 m2 - 4 hm2).
    blocks = rng.choice((N - 1) ** 2, 300 + 10_000, replace=False)
    bx, by = blocks % (N - 1), blocks // (N - 1)
    cx = X0 + (bx + 0.5) * STEP
    cy = Y0 + (by + 0.5) * STEP
    side = np.sqrt(rng.uniform(400, 40_000, 300))
    parks = gpd.GeoDataFrame(
        {"name": [f"park {i}" for i in range(300)]},
        geometry=shapely.box(cx[:300] - side / 2, cy[:300] - side / 2, cx[:300] + side / 2, cy[:300] + side / 2),
        crs=CRS,
    )
    # One entrance per park: the middle of the street south of its block.
    entrances = gpd.GeoDataFrame(
        {"park": np.arange(300)}, geometry=shapely.points(cx[:300], cy[:300] - STEP / 2), crs=CRS
    )
    homes = gpd.GeoDataFrame(
        {"population": rng.integers(20, 400, 10_000)},
        geometry=shapely.box(cx[300:] - 15, cy[300:] - 15, cx[300:] + 15, cy[300:] + 15),
        crs=CRS,
    )
    path = folder / "grid.gpkg"
    for name, frame in (("roads", roads), ("parks", parks), ("entrances", entrances), ("homes", homes)):
        frame.to_file(path, layer=name, driver="GPKG")
    return path, roads, entrances, homes


def run() -> list[tuple[str, float, float]]:
    start_qgis()
    import networkx as nx
    import processing
    from qgis.core import QgsVectorLayer

    from urbanization_planning.algorithms import network as nw

    folder = Path(tempfile.mkdtemp(prefix="bench-greenspace-"))
    path, roads, entrances, homes = _data(folder)

    def layer(name):
        return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")

    runs = iter(range(100))

    def ours():
        k = next(runs)
        return processing.run(
            "urbanization:parkcoverage",
            {
                "PARKS": layer("parks"),
                "ENTRANCES": layer("entrances"),
                "NETWORK": layer("roads"),
                "RESIDENTIAL": layer("homes"),
                "POPULATION_FIELD": "population",
                "STANDARD": "custom",
                "CUSTOM_RULES": "400: 500: park",
                "SERVICE_AREAS": str(folder / f"areas{k}.gpkg"),
                "RESIDENTIAL_RESULT": str(folder / f"homes_out{k}.gpkg"),
                "UNDERSERVED": str(folder / f"under{k}.gpkg"),
                "SUMMARY": str(folder / f"summary{k}.gpkg"),
            },
        )

    def native():
        k = next(runs)
        processing.run(
            "native:serviceareafromlayer",
            {
                "INPUT": layer("roads"),
                "STRATEGY": 0,
                "DEFAULT_DIRECTION": 2,
                "TOLERANCE": 0,
                "START_POINTS": layer("entrances"),
                "TRAVEL_COST2": 500.0,
                "INCLUDE_BOUNDS": False,
                "OUTPUT_LINES": str(folder / f"native_lines{k}.gpkg"),
            },
        )

    result = ours()
    native_s, ours_s = interleaved(native, ours)
    # The same computation without the layer reading and writing (shared layers/ code).
    import geopandas as gpd

    from urbanization_planning.algorithms.greenspace.coverage import park_coverage
    from urbanization_planning.algorithms.greenspace.rules import parse_rules

    parks = gpd.read_file(path, layer="parks")
    parks["park_id"] = parks.index

    def engine():
        engine_net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.5)
        park_coverage(
            parks,
            homes,
            parse_rules("400: 500: park"),
            network=engine_net,
            entrances=entrances.geometry.to_numpy(),
            population=homes["population"].to_numpy(float),
        )

    engine_s = best_of(2, engine)
    print(
        f"   parkcoverage: coverage by area {result['COVERAGE_RATE_AREA']:.1%}, by population {result['COVERAGE_RATE_POPULATION']:.1%}"
    )

    # 1,000 per-source catchments (engine), networkx as the reference on the same graph.
    net = nw.build_network(roads.geometry.to_numpy())
    base_edges = net.n_edges
    rng = np.random.default_rng(5)
    sources = homes.geometry.centroid.values[rng.choice(len(homes), 1000, replace=False)]
    net, (s, h) = nw.with_points(net, sources, homes.geometry.centroid.values, max_distance=100)
    start = time.perf_counter()
    found = nw.catchments(net, s.node, h.node, 500.0)
    catch_s = time.perf_counter() - start
    graph = net.to_networkx()
    homes_at = Counter(h.node[h.reachable].tolist())
    start = time.perf_counter()
    pairs = 0
    for node in s.node[s.reachable]:
        reached = nx.single_source_dijkstra_path_length(graph, int(node), cutoff=500.0, weight="length")
        pairs += sum(homes_at.get(n, 0) for n in reached)
    nx_s = time.perf_counter() - start
    print(f"   catchments: {len(found.source)} (source, home) pairs within 500 m; networkx {pairs}")
    return [
        (
            f"parkcoverage end to end vs native:serviceareafromlayer, {base_edges:,} edges, 300 parks, 10,000 parcels",
            ours_s,
            native_s,
        ),
        (
            "parkcoverage engine only (graph, snapping, Dijkstra, service areas, coverage; no layer I/O) vs the same native run",
            engine_s,
            native_s,
        ),
        ("1,000 per-source catchments (500 m) to 10,000 homes vs networkx", catch_s, nx_s),
    ]


if __name__ == "__main__":
    for case, ours, reference in run():
        print(f"{case}: {ours:.2f} s vs {reference:.2f} s ({reference / ours:.1f}x)")
