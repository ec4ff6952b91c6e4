"""Command line for the province-scale multi-plan checks, without QGIS (servers, cluster jobs).

    python -m urbanization_planning.cli conflicts PLAN --field DLBM --redline R.gpkg --farmland F.gpkg \\
        --boundary B.gpkg -o conflicts.gpkg [--scheduler tcp://host:8786] [--partition-size 50000]
    python -m urbanization_planning.cli space PLAN --field DLBM [--units towns.gpkg] -o space.gpkg
    python -m urbanization_planning.cli topology PLAN [--boundary area.gpkg] -o errors.gpkg

Inputs: any polygon layer GDAL reads (GeoPackage, Shapefile, ...; LAYER after a colon: plan.gpkg:dltb)
or GeoParquet (.parquet). Outputs: GeoPackage (.gpkg, one layer per result) or GeoParquet
(.parquet: one file per result, <name>_<result>.parquet). Data in longitude/latitude are checked
in the CGCS2000 Gauss-Kruger zone of their centre. Partitions run on Dask: local threads, or the
cluster at --scheduler (the scheduler and its workers need this package at this version, and the
workers GDAL's Python bindings and the inputs and output folder at the same paths: checked before any
work, see `doctor`). Results are written under a temporary name beside the output and renamed when
the run succeeds: a failed, cancelled (Ctrl-C) or interrupted run leaves no file at the output path.
Exit status 0 on success, 2 on bad input or a cluster that cannot run it, 130 on Ctrl-C.

    python -m urbanization_planning.cli doctor --scheduler tcp://host:8786 [--folder /share/plans]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from .algorithms import cluster_check, dask_runtime
from .algorithms.zoning import partition_io, partitioned, pipeline

LINE_OPTIONS = {
    "redline": "ecological_redline",
    "core": "ecological_core",
    "farmland": "permanent_farmland",
    "boundary": "development_boundary",
}


def _source(text: str, scratch: str) -> partition_io.LayerSource:
    path, layer = text, ""
    if not Path(text).exists() and ":" in text:  # file:layer (rpartition: a Windows drive has a colon too)
        path, _, layer = text.rpartition(":")
    if Path(path).suffix.lower() in (".parquet", ".geoparquet"):
        return partition_io.parquet_to_gpkg(path, scratch)
    return partition_io.LayerSource(path, layer or None)


def _metric_crs(source: partition_io.LayerSource, found) -> str | None:
    """The target CRS: the stored one when it is projected, else the Gauss-Kruger zone of the centre."""
    import pyproj

    from .algorithms.projection import metric_epsg_for

    wkt = source.crs_wkt()
    if wkt is None:
        raise partition_io.InputError(f"{source.path}: the layer has no CRS")
    crs = pyproj.CRS.from_user_input(wkt)
    if not crs.is_geographic:
        return crs.to_wkt()
    xmin, ymin = found.bounds[:, 0].min(), found.bounds[:, 1].min()
    xmax, ymax = found.bounds[:, 2].max(), found.bounds[:, 3].max()
    return pyproj.CRS.from_epsg(metric_epsg_for((xmin + xmax) / 2, (ymin + ymax) / 2)).to_wkt()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _progress(label: str):
    """An engine's 0-1 progress, said every 10 %."""
    last = [-10.0]

    def report(fraction: float) -> None:
        percent = 100.0 * fraction
        if percent - last[0] >= 10 or percent >= 100:
            last[0] = percent
            _say(f"{label}: {percent:.0f} %")

    return report


class Outputs:
    """Writers created on the first frame of each result (their columns come from it), writing under
    a temporary name in the output's folder; `close()` gives the files the output's name."""

    def __init__(self, path: str, crs: str | None = None):
        self.path, self.crs, self.writers, self.empty = Path(path), crs, {}, {}
        self.stem = f".{self.path.stem}.partial-{os.getpid()}"  # partial files: <stem>.gpkg, <stem>_<result>.parquet

    def __call__(self, name: str, frame, spatial: bool = True) -> None:
        if name not in self.writers:
            if len(frame) == 0:  # an empty partition's columns may have other dtypes: wait for rows
                self.empty[name] = (frame, spatial)
                return
            partial = str(self.path.with_name(self.stem + self.path.suffix))
            self.writers[name] = partition_io.writer_for(partial, name, self.crs, frame, spatial)
        self.writers[name].write(frame)

    def close(self) -> None:
        """Finish the writers and rename their files to the output's names (the run succeeded)."""
        for name, (frame, spatial) in self.empty.items():
            if name not in self.writers:  # no partition had rows: an empty result
                self.writers[name] = partition_io.writer_for(
                    str(self.path.with_name(self.stem + self.path.suffix)), name, self.crs, frame, spatial
                )
        for writer in self.writers.values():
            writer.close()
        for partial in dict.fromkeys(Path(writer.path) for writer in self.writers.values()):
            os.replace(partial, self.path.with_name(self.path.stem + partial.name[len(self.stem) :]))

    def discard(self) -> None:
        """Remove the partial files of a run that did not finish."""
        for partial in dict.fromkeys(str(writer.path) for writer in self.writers.values()):
            for leftover in (partial, partial + "-wal", partial + "-shm", partial + "-journal"):
                Path(leftover).unlink(missing_ok=True)


def _codes(args, found, fields: pipeline.PlanFields, table, crosswalk):
    """(the distinct land-use values, their canonical 2023 codes)."""
    from .algorithms.zoning.sandiao import to_2023

    values = pipeline.distinct_values(found, fields)
    codes, used = to_2023(values, args.classification, table, crosswalk)
    _say(f"land-use codes in {args.field} read as {used}")
    return values, codes


def _prepare(args, scratch: str, with_field: bool):
    """(the plan, the fields it is read with, its first pass, the target CRS, its partitions)."""
    plan = _source(args.plan, scratch)
    coded = with_field and args.field
    fields = pipeline.plan_fields(plan.field_names(), args.field) if coded else pipeline.PlanFields(None)
    found = pipeline.first_pass(plan, fields)
    if len(found.fids) == 0:
        raise partition_io.InputError(f"{args.plan}: no features with geometry")
    crs = _metric_crs(plan, found)
    plan.target_crs = crs
    parts = pipeline.cut(plan, found, args.partition_size)
    _say(f"{len(found.fids):,} parcels in {len(parts)} partitions of up to {args.partition_size:,}")
    return plan, fields, found, crs, parts


def _in_crs(text: str | None, scratch: str, crs: str) -> partition_io.LayerSource | None:
    """The layer named by an option, read in the target CRS (None when the option is not given)."""
    if not text:
        return None
    source = _source(text, scratch)
    source.target_crs = crs
    return source


def _layer(text: str | None, scratch: str, crs: str):
    source = _in_crs(text, scratch, crs)
    return None if source is None else partition_io.read_all(source)


def _control_layer(text: str | None, scratch: str, crs: str):
    """A control layer kept as its polygons' boxes; the tasks read the polygons they need."""
    from .algorithms.zoning.control_lines import ControlLayer

    source = _in_crs(text, scratch, crs)
    return None if source is None else ControlLayer.from_file(source)


def conflicts(args, runner, scratch: str, out: Outputs) -> None:
    from .algorithms.zoning.codes import CodeTable
    from .algorithms.zoning.rules import load_rules, national_rules
    from .algorithms.zoning.sandiao import Crosswalk

    plan, fields, found, crs, parts = _prepare(args, scratch, True)
    table, crosswalk = CodeTable.load(), Crosswalk.load()
    rules = load_rules(args.rules, table) if args.rules else national_rules(table)
    lines = {line: _control_layer(getattr(args, option), scratch, crs) for option, line in LINE_OPTIONS.items()}
    lines = {line: layer for line, layer in lines.items() if layer is not None and len(layer)}
    if not set(lines) - {"ecological_core"}:
        raise partition_io.InputError("give at least one of --redline, --farmland, --boundary")
    reader = pipeline.plan_reader(plan, fields, *_codes(args, found, fields, table, crosswalk))
    out.crs = crs
    result = partitioned.conflicts(
        reader,
        parts,
        lines,
        rules,
        runner=runner,
        min_area=args.min_area,
        crs=crs,
        consume=lambda _, frame: out("conflicts", pipeline.conflict_rows(frame)),
        progress=_progress("conflicts"),
    )
    if len(result.overlaps):
        out("line_overlaps", result.overlaps)
    out("summary", result.summary, spatial=False)
    out.close()
    _say(
        f"{result.count('prohibited'):,} prohibited ({result.area('prohibited'):,.1f} m2), "
        f"{result.count('approval'):,} need approval ({result.area('approval'):,.1f} m2), "
        f"{result.count('unknown'):,} unknown code; {len(result.overlaps):,} control line overlaps; "
        f"{result.parcels:,} parcels (CGCS2000 ellipsoidal areas)"
    )


def space(args, runner, scratch: str, out: Outputs) -> None:
    from .algorithms.zoning.codes import CodeTable
    from .algorithms.zoning.sandiao import Crosswalk
    from .algorithms.zoning.space import default_mapping, load_mapping

    plan, fields, found, crs, parts = _prepare(args, scratch, True)
    table, crosswalk = CodeTable.load(), Crosswalk.load()
    mapping = default_mapping(table)
    if args.mapping:
        mapping = load_mapping(args.mapping, table, mapping)
    units = _layer(args.units, scratch, crs)
    reader = pipeline.plan_reader(plan, fields, *_codes(args, found, fields, table, crosswalk))
    out.crs = crs
    result = partitioned.space(
        reader,
        parts,
        mapping,
        crosswalk,
        units,
        runner=runner,
        crs=crs,
        consume=lambda _, frame: out("pieces", pipeline.space_rows(frame)),
        progress=_progress("space"),
    )
    out("summary", result.summary, spatial=False)
    out.close()
    _say(f"{result.parcels:,} parcels; areas: {result.measure}")


def topology(args, runner, scratch: str, out: Outputs) -> None:
    import pyproj

    plan, _, _, crs, parts = _prepare(args, scratch, False)
    boundary = _layer(args.boundary, scratch, crs)
    out.crs = crs

    def write(_, frame):
        out("errors", pipeline.error_rows(frame, fids=pipeline.joined_fids(frame["fids"])))

    margin = pipeline.halo_margin(args.tolerance, pyproj.CRS.from_user_input(plan.crs_wkt()).is_geographic)
    result = partitioned.topology_check(
        pipeline.topology_reader(plan),
        parts,
        boundary,
        runner=runner,
        consume=write,
        tolerance=args.tolerance,
        sliver_width=args.sliver_width,
        margin=margin,
        crs=crs,
        progress=_progress("topology"),
    )
    out.close()
    _say("topology errors: " + ", ".join(f"{k} {v:,}" for k, v in result.counts.items()))


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m urbanization_planning.cli", description=__doc__.split("\n\n")[0])
    commands = main.add_subparsers(dest="command", required=True)

    def cluster(command):
        command.add_argument("--scheduler", default=None, help="Dask scheduler address (default: local threads)")
        command.add_argument(
            "--connect-timeout",
            type=float,
            default=dask_runtime.CONNECT_TIMEOUT,
            help="seconds to reach the scheduler (default %(default)s)",
        )
        command.add_argument(
            "--grace",
            type=float,
            default=dask_runtime.GRACE,
            help="seconds the cluster may be without workers before the run stops (default %(default)s)",
        )

    def common(command):
        command.add_argument("plan", help="plan or 三调 parcels (file, file:layer, or .parquet)")
        command.add_argument("-o", "--output", required=True, help="result file: .gpkg or .parquet")
        cluster(command)
        command.add_argument("--workers", type=int, default=None, help="local threads (default: the cores, up to 8)")
        command.add_argument(
            "--partition-size",
            type=int,
            default=partitioned.PARTITION_SIZE,
            help="parcels per partition (default %(default)s)",
        )

    def coded(command):
        command.add_argument("--field", required=True, help="land-use code field (e.g. DLBM)")
        command.add_argument("--classification", choices=("gb2023", "sandiao", "auto"), default="gb2023")

    check = commands.add_parser("conflicts", help="control-line conflict check (三区三线冲突检查)")
    common(check)
    coded(check)
    for option, line in LINE_OPTIONS.items():
        check.add_argument(f"--{option}", help=f"{line.replace('_', ' ')} polygons")
    check.add_argument("--rules", help="rules file (JSON or CSV; default: the national rules)")
    check.add_argument("--min-area", type=float, default=1.0, help="ignore pieces smaller than this (m2)")
    structure = commands.add_parser("space", help="production-living-ecological space structure (三生空间)")
    common(structure)
    coded(structure)
    structure.add_argument("--units", help="planning units (polygons)")
    structure.add_argument("--mapping", help="mapping file (JSON or CSV code,space_class)")
    errors = commands.add_parser("topology", help="topology check (规划图斑拓扑检查)")
    common(errors)
    errors.add_argument("--boundary", help="planning area boundary (polygons)")
    errors.add_argument("--tolerance", type=float, default=0.01, help="metres (default %(default)s)")
    errors.add_argument("--sliver-width", type=float, default=1.0, help="metres (default %(default)s)")
    check_cluster = commands.add_parser("doctor", help="check a Dask cluster before a run: what is missing where")
    cluster(check_cluster)
    check_cluster.add_argument(
        "--folder", action="append", default=[], help="a folder the workers must see (inputs, output); repeatable"
    )
    return main


def _folders(args, scratch: str) -> list[str]:
    """The folders a cluster's workers read or write: the output's, the scratch copies', the inputs'."""
    folders = [str(Path(args.output).resolve().parent), scratch]
    for name in ("plan", *LINE_OPTIONS, "units", "boundary"):
        text = getattr(args, name, None)
        if text:
            path = text if Path(text).exists() or ":" not in text else text.rpartition(":")[0]
            folders.append(str(Path(path).resolve().parent))
    return folders


def doctor(args) -> int:
    """The pre-flight of a cluster run on its own: prints what the scheduler and workers have, or lack."""
    if not args.scheduler:
        _say("error: give the cluster with --scheduler tcp://host:8786")
        return 2
    runner = dask_runtime.runner_for(args.scheduler, connect_timeout=args.connect_timeout, origin="--scheduler")
    with runner:
        try:
            reports = runner.preflight(args.folder)
        except dask_runtime.ClusterError as error:
            _say(f"error: {error}")
            return 2
        _say(f"scheduler {args.scheduler}: reachable, {cluster_check.PACKAGE} {reports.pop('scheduler')}")
        for worker, report in sorted(reports.items()):
            _say(f"worker {worker}: {cluster_check.PACKAGE} {report['version']}, GDAL bindings, {report['python']}")
        folders = ", ".join(args.folder) or "none given"
        _say(f"ok: {len(reports)} workers, {runner.slots} threads; folders seen: {folders}")
    return 0


COMMANDS = {"conflicts": conflicts, "space": space, "topology": topology}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "doctor":
        return doctor(args)
    started = time.perf_counter()
    output = Path(args.output)
    if output.exists():
        output.unlink()
    out = Outputs(args.output)
    options = {"connect_timeout": args.connect_timeout, "grace": args.grace, "origin": "--scheduler"}
    try:
        # on a cluster the scratch copies (GeoParquet inputs) go beside the output, where the workers look
        with (
            tempfile.TemporaryDirectory(
                prefix=".urbanization-cli-", dir=output.parent if args.scheduler else None
            ) as scratch,
            dask_runtime.runner_for(args.scheduler, args.workers, **options) as runner,
        ):
            _say(f"running on {runner.description}")
            runner.preflight(_folders(args, scratch))
            COMMANDS[args.command](args, runner, scratch, out)
    except (partition_io.InputError, dask_runtime.ClusterError) as error:
        out.discard()
        _say(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        out.discard()
        _say("cancelled (Ctrl-C): the run's tasks were cancelled, no output written")
        return 130
    except BaseException:
        out.discard()
        raise
    _say(f"done in {time.perf_counter() - started:.1f} s: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
