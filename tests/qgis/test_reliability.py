"""Issue 8's guarantee, table-driven over every algorithm the provider registers: for each hostile
input the algorithm succeeds or raises a QgsProcessingException that names the offending input;
no Python traceback, input files unchanged, no output file left behind on failure; a run cancelled
mid-way stops promptly and is reported as failed."""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorDestination,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)

from ..conftest import SAMPLE_DATA
from .reliability import hostile
from .reliability.baselines import BASELINES, CANCEL_AT, LARGE


def _registered_ids() -> list[str]:
    from urbanization_planning.algorithms.provider import algorithm_classes

    return [f"urbanization:{cls.ALGORITHM_ID}" for cls in algorithm_classes()]


ALGORITHM_IDS = _registered_ids()
OUTCOMES: list[tuple[str, str, str]] = []  # (algorithm, case, outcome), written to build/reliability.md
CANCELS: list[tuple[str, float, float, float]] = []  # (algorithm, progress %, s to the cancel, s to stop)


@pytest.fixture(scope="module", autouse=True)
def outcome_report():
    """After the matrix: every case and how it ended, for the README's Reliability section."""
    yield
    if not OUTCOMES and not CANCELS:
        return
    path = Path(__file__).resolve().parents[2] / "build" / "reliability.md"
    path.parent.mkdir(exist_ok=True)
    lines = ["| algorithm | case | outcome |", "|---|---|---|"]
    lines += [f"| {a} | {c} | {o.replace('|', '/')} |" for a, c, o in OUTCOMES]
    succeeded = sum(o == "succeeded" for _, _, o in OUTCOMES)
    lines.append(f"\n{len(OUTCOMES)} runs: {succeeded} succeeded, {len(OUTCOMES) - succeeded} clear errors.")
    lines += [
        "",
        "| algorithm | progress at cancel (%) | cancelled after (s) | stopped within (s) |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {a} | {p:.0f} | {t:.2f} | {d:.2f} |" for a, p, t, d in CANCELS]
    lines.append(f"\n{len(CANCELS)} cancellation checks passed.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


CASES = (
    "baseline",
    "empty",
    "null_geometries",
    "invalid_geometries",
    "wrong_geometry_type",
    "epsg4326",
    "epsg4490",
    "mismatched_crs",
    "missing_field",
    "wrong_field_type",
    "same_field_everywhere",
    "number_field_for_text",
    "nodata_raster",
    "zero_numbers",
    "negative_numbers",
    "huge_numbers",
    "non_ascii_names",
    "unwritable_output",
)
VECTOR_INPUTS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)
NUMBERS = (QgsProcessingParameterNumber, QgsProcessingParameterDistance)


@pytest.fixture
def data(tmp_path) -> Path:
    """A private copy of the sample data, so input hashes can be compared before and after."""
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, folder)
    return folder


def _algorithm(algorithm_id):
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    assert algorithm is not None, algorithm_id
    return algorithm


def _with_outputs(algorithm, parameters: dict, folder: Path) -> dict:
    """Every required destination parameter, and the optional ones the baseline names (with the
    value None), pointed at a file in `folder`."""
    if not str(folder).startswith("/proc/"):
        folder.mkdir(exist_ok=True)
    parameters = dict(parameters)
    for definition in algorithm.destinationParameterDefinitions():
        name = definition.name()
        optional = definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
        if optional and name not in parameters:
            continue
        if isinstance(definition, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination)):
            parameters[name] = str(folder / f"{name.lower()}.gpkg")
        elif isinstance(definition, QgsProcessingParameterRasterDestination):
            parameters[name] = str(folder / f"{name.lower()}.tif")
        elif isinstance(definition, QgsProcessingParameterFileDestination):
            parameters[name] = str(folder / f"{name.lower()}.{definition.defaultFileExtension() or 'txt'}")
        elif isinstance(definition, QgsProcessingParameterFolderDestination):
            parameters[name] = str(folder / name.lower())
    return parameters


def _names(definition) -> list[str]:
    """How an error may name a parameter: its name, its description, the description without a
    trailing "(polygons)"-style note."""
    description = definition.description()
    return [definition.name(), description, description.split(" (")[0]]


def _variants(case: str, algorithm, baseline: dict, tmp_path: Path):
    """(description, offending parameter names, parameters) for `case`; empty when not applicable."""
    definitions = algorithm.parameterDefinitions()
    vector_inputs = [d for d in definitions if isinstance(d, VECTOR_INPUTS) and baseline.get(d.name()) is not None]
    if case == "baseline":
        return [("baseline", [], baseline)]
    if case in (
        "empty",
        "null_geometries",
        "invalid_geometries",
        "wrong_geometry_type",
        "epsg4326",
        "epsg4490",
        "non_ascii_names",
    ):
        builders = {
            "empty": hostile.empty,
            "null_geometries": hostile.null_geometries,
            "invalid_geometries": hostile.invalid_geometries,
            "wrong_geometry_type": hostile.wrong_geometry_type,
            "epsg4326": lambda layer: hostile.reprojected(layer, "EPSG:4326"),
            "epsg4490": lambda layer: hostile.reprojected(layer, "EPSG:4490"),
            "non_ascii_names": lambda layer: hostile.non_ascii_copy(layer, tmp_path),
        }
        variants = []
        for definition in vector_inputs:
            layer = hostile.as_vector_layer(baseline[definition.name()])
            if layer is None:
                continue
            value = builders[case](layer)
            names = _names(definition)
            names += [value.name()] if hasattr(value, "name") else ["图层"]
            variants.append((f"{case} {definition.name()}", names, dict(baseline, **{definition.name(): value})))
        return variants
    if case == "mismatched_crs":
        if len(vector_inputs) < 2:
            return []
        definition = vector_inputs[-1]
        layer = hostile.as_vector_layer(baseline[definition.name()])
        return [
            (
                f"{definition.name()} in EPSG:3857",
                [definition.name()],
                dict(baseline, **{definition.name(): hostile.reprojected(layer, "EPSG:3857")}),
            )
        ]
    if case in ("missing_field", "wrong_field_type"):
        variants = []
        for definition in definitions:
            if not isinstance(definition, QgsProcessingParameterField) or not baseline.get(definition.name()):
                continue
            names = _names(definition)
            if case == "missing_field":
                variants.append(
                    (
                        f"missing field {definition.name()}",
                        names + ["no_such_field"],
                        dict(baseline, **{definition.name(): "no_such_field"}),
                    )
                )
            elif definition.dataType() == QgsProcessingParameterField.DataType.Numeric:
                layer = hostile.as_vector_layer(baseline.get(definition.parentLayerParameterName()))
                text_fields = [f.name() for f in layer.fields() if not f.isNumeric()] if layer else []
                if text_fields:
                    variants.append(
                        (
                            f"text field {text_fields[0]} for {definition.name()}",
                            names + [text_fields[0]],
                            dict(baseline, **{definition.name(): text_fields[0]}),
                        )
                    )
        return variants
    if case == "same_field_everywhere":
        return _same_field_everywhere(definitions, baseline)
    if case == "number_field_for_text":
        return _number_field_for_text(definitions, baseline)
    if case == "nodata_raster":
        variants = []
        for definition in definitions:
            if isinstance(definition, QgsProcessingParameterRasterLayer) and baseline.get(definition.name()):
                layer = hostile.as_raster_layer(baseline[definition.name()])
                value = hostile.nodata_raster(layer, tmp_path)
                variants.append(
                    (
                        f"all-nodata {definition.name()}",
                        _names(definition) + ["all_nodata"],
                        dict(baseline, **{definition.name(): value}),
                    )
                )
        return variants
    if case in ("zero_numbers", "negative_numbers", "huge_numbers"):
        value = {"zero_numbers": 0, "negative_numbers": -1, "huge_numbers": 1e12}[case]
        return [
            (f"{definition.name()}={value}", _names(definition), dict(baseline, **{definition.name(): value}))
            for definition in definitions
            if isinstance(definition, NUMBERS)
        ]
    if case == "unwritable_output":
        outputs = [d.name() for d in algorithm.destinationParameterDefinitions()]
        return [("outputs under /proc", outputs, {"__unwritable__": True, **baseline})]
    raise AssertionError(case)


def _field_parameters(definitions, baseline: dict) -> dict[str, tuple[list, QgsVectorLayer]]:
    """Parent layer parameter -> (its field parameters, the layer) for the layers the baseline sets.
    A clear error about such a choice names the field parameter, the field or the layer."""
    groups: dict[str, tuple[list, QgsVectorLayer]] = {}
    for definition in definitions:
        if not isinstance(definition, QgsProcessingParameterField):
            continue
        parent = definition.parentLayerParameterName()
        layer = groups[parent][1] if parent in groups else hostile.as_vector_layer(baseline.get(parent))
        if layer is not None:
            groups.setdefault(parent, ([], layer))[0].append(definition)
    return groups


def _same_field_everywhere(definitions, baseline: dict) -> list:
    """One run with one field of each layer in every field parameter of that layer (issue 23: the
    same field for a name and a class ended in a traceback)."""
    parameters, offending = dict(baseline), []
    for group, layer in _field_parameters(definitions, baseline).values():
        if len(group) < 2:
            continue
        chosen = [baseline[d.name()] for d in group if baseline.get(d.name())]
        field = chosen[0] if chosen else next(f.name() for f in layer.fields() if f.name() != "fid")
        for definition in group:
            parameters[definition.name()] = field
            offending += _names(definition)
        offending += [field, layer.name()]
    return [("same field in every field parameter", offending, parameters)] if offending else []


def _number_field_for_text(definitions, baseline: dict) -> list:
    """A numeric field in each field parameter that expects text or any field (a name, a class)."""
    variants = []
    for group, layer in _field_parameters(definitions, baseline).values():
        numbers = [f.name() for f in layer.fields() if f.isNumeric() and f.name() != "fid"]
        for definition in group:
            if definition.dataType() == QgsProcessingParameterField.DataType.Numeric or not numbers:
                continue
            variants.append(
                (
                    f"number field {numbers[0]} for {definition.name()}",
                    _names(definition) + [numbers[0], layer.name()],
                    dict(baseline, **{definition.name(): numbers[0]}),
                )
            )
    return variants


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".aux.xml")
    }


def _run_expecting_clean_outcome(run, algorithm, description, offending, parameters, data, out):
    unwritable = parameters.pop("__unwritable__", False)
    parameters = _with_outputs(algorithm, parameters, Path("/proc/urbanization-cannot-write") if unwritable else out)
    if unwritable:
        out.mkdir(exist_ok=True)
    before = _hashes(data)
    try:
        run(algorithm.id(), parameters)
        OUTCOMES.append((algorithm.id(), description, "succeeded"))
    except QgsProcessingException as error:
        message = str(error)
        OUTCOMES.append((algorithm.id(), description, "clear error: " + message.splitlines()[-1][:160]))
        assert "Traceback" not in message, f"{description}: unhandled error\n{message}"
        if offending:
            assert any(name and name.lower() in message.lower() for name in offending), (
                f"{description}: the error does not name the offending input {offending}:\n{message}"
            )
        leftovers = [p.name for p in out.iterdir()]
        assert not leftovers, f"{description}: failed run left {leftovers}"
        assert description != "baseline", f"the baseline run failed: {message}"
    else:
        if description == "baseline":
            assert any(out.iterdir()), "baseline run wrote no output"
    assert _hashes(data) == before, f"{description}: an input file changed"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("algorithm_id", ALGORITHM_IDS)
def test_hostile_input(run, provider, algorithm_id, case, data, tmp_path):
    assert algorithm_id in BASELINES, f"{algorithm_id} has no baseline in tests/qgis/reliability/baselines.py"
    algorithm = _algorithm(algorithm_id)
    baseline = BASELINES[algorithm_id](data)
    variants = _variants(case, algorithm, baseline, tmp_path)
    if not variants:
        pytest.skip(f"{case} does not apply to {algorithm_id}")
    for i, (description, offending, parameters) in enumerate(variants):
        out = tmp_path / f"out{i}"
        _run_expecting_clean_outcome(run, algorithm, description, offending, parameters, data, out)


class _CancelMidRun(QgsProcessingFeedback):
    """Cancel pressed from another thread while the run is provably mid-way.

    At the run's first progress report above `at` % (and below 100) the algorithm's thread hands
    over to a canceller thread and waits until it has pressed Cancel, so the cancel always lands
    while work is left, however fast the machine (a timer may fire after a short run has ended:
    the old test then passed without cancelling anything). Records the progress and the time of
    the cancel, and every progress report after it."""

    def __init__(self, at: float = 0.0):
        super().__init__()
        self.at = at
        self.cancelled_at: float | None = None
        self.progress_at_cancel: float | None = None
        self.after_cancel: list[float] = []
        self._requested = threading.Event()
        self._done = threading.Event()
        self._canceller = threading.Thread(target=self._cancel, daemon=True)
        self.progressChanged.connect(self._on_progress)

    def _cancel(self):
        if self._requested.wait(60):
            self.cancelled_at = time.perf_counter()
            self.cancel()
            self._done.set()

    def _on_progress(self, value: float):
        if self.cancelled_at is not None:
            self.after_cancel.append(value)
        elif self.at < value < 100 and not self._requested.is_set():
            self.progress_at_cancel = value
            self._requested.set()
            self._done.wait(5)

    def start(self):
        self._canceller.start()

    def stop(self):
        self._requested.set()  # release the canceller if the run never got there
        self._canceller.join(5)


@pytest.mark.parametrize("algorithm_id", ALGORITHM_IDS)
def test_cancel_mid_run_stops_promptly_and_fails(run, provider, algorithm_id, data, tmp_path):
    """Every algorithm, cancelled from another thread while mid-way (progress below 100, with
    work left), fails with QGIS's cancel error within 2 s, reports no further progress beyond
    its next step and leaves no output file. `CANCEL_AT` puts the cancel inside the engines of
    the algorithms whose processing layer reports progress before the engine starts."""
    factory = LARGE.get(algorithm_id) or BASELINES.get(algorithm_id)
    assert factory is not None, f"{algorithm_id} has no baseline"
    algorithm = _algorithm(algorithm_id)
    out = tmp_path / "out"
    parameters = _with_outputs(algorithm, factory(data), out)
    feedback = _CancelMidRun(CANCEL_AT.get(algorithm_id, 0.0))
    feedback.start()
    started = time.perf_counter()
    try:
        with pytest.raises(QgsProcessingException, match="(?i)cancel") as raised:
            run(algorithm_id, parameters, feedback=feedback)
        returned = time.perf_counter()
    finally:
        feedback.stop()
    assert feedback.cancelled_at is not None, f"never reached a progress report above {feedback.at} %: {raised.value}"
    assert feedback.progress_at_cancel < 100
    assert "Traceback" not in str(raised.value)
    stop_time = returned - feedback.cancelled_at
    assert stop_time < 2.0, f"took {stop_time:.1f} s to stop after the cancel"
    # the run ended at its next checkpoint: it never reported progress beyond the next step
    assert len(feedback.after_cancel) <= 1, f"kept working after the cancel: progress {feedback.after_cancel}"
    assert not any(out.iterdir()), "a cancelled run left output files"
    CANCELS.append((algorithm_id, feedback.progress_at_cancel, feedback.cancelled_at - started, stop_time))
