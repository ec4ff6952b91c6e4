"""The command line (no QGIS) on GeoPackage and GeoParquet, and the same partitions on a Dask
scheduler and two workers started as separate processes: results identical to the local threaded run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

pytest.importorskip("pyarrow")

from urbanization_planning import cli  # noqa: E402
from urbanization_planning.algorithms.zoning import partition_io  # noqa: E402

from .cluster_processes import Cluster  # noqa: E402
from .test_zoning_partitioned import broken_plan, stars, tessellation, write  # noqa: E402


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    cells, codes = tessellation(2000, seed=11)
    plan = write(folder / "plan.gpkg", cells, codes, layer="dltb")
    paths = {"plan": plan.path}
    for name, seed in (("redline", 1), ("farmland", 2), ("boundary", 3)):
        paths[name] = write(folder / f"{name}.gpkg", stars(10, seed)).path
    paths["broken"] = write(folder / "broken.gpkg", broken_plan(cells)).path
    return folder, paths


def read(path, layer=None):
    source = partition_io.LayerSource(str(path), layer)
    dataset, ogr_layer = source.open()
    source.fields = [
        ogr_layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(ogr_layer.GetLayerDefn().GetFieldCount())
    ]
    fids, geometry, columns = partition_io.read_rect(source, None)
    return pd.DataFrame(columns).infer_objects().assign(geometry=geometry)


def read_table(path, layer):
    from osgeo import ogr

    dataset = ogr.Open(str(path))
    return pd.DataFrame([feature.items() for feature in dataset.GetLayerByName(layer)]).infer_objects()


def conflicts_args(paths, output, *extra):
    return [
        "conflicts",
        paths["plan"] + ":dltb",
        "--field",
        "DLBM",
        "--redline",
        paths["redline"],
        "--farmland",
        paths["farmland"],
        "--boundary",
        paths["boundary"],
        "-o",
        str(output),
        "--partition-size",
        "300",
        *extra,
    ]


def by_key(frame):
    return frame.sort_values(["plan_fid", "control_line", "rule_id"]).reset_index(drop=True)


def test_conflicts_gpkg_and_parquet(files):
    folder, paths = files
    assert cli.main(conflicts_args(paths, folder / "out.gpkg")) == 0
    pieces = by_key(read(folder / "out.gpkg", "conflicts"))
    summary = read_table(folder / "out.gpkg", "summary")
    assert len(pieces) > 50 and set(pieces["outcome"]) >= {"prohibited", "unknown"}
    assert summary["conflict_count"].sum() == len(pieces)
    assert summary["ellipsoid_area_m2"].sum() == pytest.approx(pieces["ellipsoid_area_m2"].sum(), rel=1e-9)
    assert (shapely.get_type_id(pieces["geometry"].to_numpy()) == shapely.GeometryType.MULTIPOLYGON).all()

    assert cli.main(conflicts_args(paths, folder / "out.parquet")) == 0
    import geopandas as gpd

    parquet = by_key(gpd.read_parquet(folder / "out_conflicts.parquet"))
    assert len(parquet) == len(pieces)
    np.testing.assert_allclose(parquet["ellipsoid_area_m2"], pieces["ellipsoid_area_m2"], rtol=1e-12)
    assert parquet.crs is not None and parquet.crs.to_epsg() == 4543

    # GeoParquet as input too (streamed into a scratch GeoPackage)
    gpd.read_parquet(folder / "out_conflicts.parquet")  # readable by geopandas
    frame = read(paths["plan"], "dltb")
    gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4543").to_parquet(folder / "plan.parquet")
    args = conflicts_args(paths, folder / "from_parquet.gpkg")
    args[1] = str(folder / "plan.parquet")
    assert cli.main(args) == 0
    again = read(folder / "from_parquet.gpkg", "conflicts")
    assert len(again) == len(pieces)
    assert again["ellipsoid_area_m2"].sum() == pytest.approx(pieces["ellipsoid_area_m2"].sum(), rel=1e-9)


def test_bad_input_exits_2(files, capsys):
    folder, paths = files
    args = conflicts_args(paths, folder / "bad.gpkg")
    args[3] = "NOPE"
    assert cli.main(args) == 2
    assert "no field NOPE" in capsys.readouterr().err


def test_cluster_matches_local_threads(files):
    distributed = pytest.importorskip("distributed")
    folder, paths = files
    assert cli.main(conflicts_args(paths, folder / "local.gpkg")) == 0
    assert (
        cli.main(["topology", paths["broken"], "-o", str(folder / "local_topology.gpkg"), "--partition-size", "250"])
        == 0
    )
    cluster = Cluster(folder / "cluster")  # a scheduler and two workers as separate processes
    address = cluster.address
    try:
        cluster.scheduler().worker().worker().wait(2)
        with distributed.Client(address) as client, distributed.get_task_stream(client=client) as stream:
            assert cli.main(conflicts_args(paths, folder / "cluster.gpkg", "--scheduler", address)) == 0
            assert (
                cli.main(
                    [
                        "topology",
                        paths["broken"],
                        "-o",
                        str(folder / "cluster_topology.gpkg"),
                        "--partition-size",
                        "250",
                        "--scheduler",
                        address,
                    ]
                )
                == 0
            )
    finally:
        cluster.stop()
    workers = {task["worker"] for task in stream.data}
    assert len(workers) == 2  # the partitions really ran in both worker processes
    local, cluster_pieces = (
        by_key(read(folder / "local.gpkg", "conflicts")),
        by_key(read(folder / "cluster.gpkg", "conflicts")),
    )
    pd.testing.assert_frame_equal(local.drop(columns="geometry"), cluster_pieces.drop(columns="geometry"))
    assert shapely.equals_exact(local["geometry"].to_numpy(), cluster_pieces["geometry"].to_numpy(), 0).all()
    key = ["error_type", "fids", "plane_area_m2"]
    local_errors = read(folder / "local_topology.gpkg", "errors").sort_values(key).reset_index(drop=True)
    cluster_errors = read(folder / "cluster_topology.gpkg", "errors").sort_values(key).reset_index(drop=True)
    assert len(local_errors) > 40
    pd.testing.assert_frame_equal(local_errors.drop(columns="geometry"), cluster_errors.drop(columns="geometry"))


def test_space_command_matches_the_whole_layer_engine(files):
    from urbanization_planning.algorithms.zoning import space
    from urbanization_planning.algorithms.zoning.codes import CodeTable

    folder, paths = files
    assert (
        cli.main(
            [
                "space",
                paths["plan"] + ":dltb",
                "--field",
                "DLBM",
                "--units",
                paths["redline"],
                "-o",
                str(folder / "space.gpkg"),
                "--partition-size",
                "300",
            ]
        )
        == 0
    )
    plan = read(paths["plan"], "dltb")
    table = CodeTable.load()
    units = read(paths["redline"])["geometry"].to_numpy()
    mapping = space.default_mapping(table)
    whole = space.structure(
        plan["geometry"].to_numpy(), mapping.classify(table.normalise(plan["DLBM"].to_numpy())), units, crs="EPSG:4543"
    )
    summary = read_table(folder / "space.gpkg", "summary").sort_values(["unit", "space_class"]).reset_index(drop=True)
    expected = whole.summary.sort_values(["unit", "space_class"]).reset_index(drop=True)
    assert (summary[["unit", "space_class"]].to_numpy() == expected[["unit", "space_class"]].to_numpy()).all()
    np.testing.assert_allclose(summary["area_m2"], expected["area_m2"], rtol=1e-6)
    pieces = read(folder / "space.gpkg", "pieces")
    assert len(pieces) == len(whole.pieces)


def test_an_empty_first_partition_does_not_fix_the_columns(tmp_path):
    """The writers take their columns from the first frame with rows (an empty text column is float)."""
    import geopandas as gpd

    out = cli.Outputs(str(tmp_path / "o.parquet"), "EPSG:4543")
    out("pieces", pd.DataFrame({"name": pd.Series([], dtype=float), "geometry": np.array([], dtype=object)}))
    out("pieces", pd.DataFrame({"name": ["Rural homesteads"], "geometry": [shapely.box(0, 0, 1, 1)]}))
    out("summary", pd.DataFrame({"n": pd.Series([], dtype=float)}), spatial=False)
    out.close()
    assert gpd.read_parquet(tmp_path / "o_pieces.parquet")["name"].tolist() == ["Rural homesteads"]
    assert (tmp_path / "o_summary.parquet").exists() and not list(tmp_path.glob(".o.partial*"))
