"""The timetable group of the express service door: the run-time model (cruise speed, acceleration,
braking, dwell) and the service (headways, interchange walk), declared with their documented
defaults (resources/standards/transit.json) and read into the engine's RunTimeModel and
ServiceParameters. Labels use `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterNumber

from .. import values

CRUISE_SPEED = "CRUISE_SPEED"
ACCELERATION = "ACCELERATION"
BRAKING = "BRAKING"
DWELL_TIME = "DWELL_TIME"
HEADWAY_ALLSTOP = "HEADWAY_ALLSTOP"
HEADWAY_EXPRESS = "HEADWAY_EXPRESS"
TRANSFER_TIME = "TRANSFER_TIME"


def add_parameters(algorithm) -> None:
    """The seven numbers, each with its preset default and its plausible range."""
    numbers = (  # name, label, preset of resources/standards/transit.json and its key, range
        (CRUISE_SPEED, algorithm.tr("Cruise speed (km/h)"), "runtime_kunming_b", "cruise_kmh", 5.0, 200.0),
        (ACCELERATION, algorithm.tr("Acceleration (m/s²)"), "acceleration_braking", "acceleration_ms2", 0.1, 3.0),
        (BRAKING, algorithm.tr("Braking deceleration (m/s²)"), "acceleration_braking", "braking_ms2", 0.1, 3.0),
        (DWELL_TIME, algorithm.tr("Dwell time per stop (s)"), "dwell", "dwell_s", 0.0, 600.0),
        (HEADWAY_ALLSTOP, algorithm.tr("All-stop headway (min)"), "headways", "headway_all_min", 0.5, 120.0),
        (HEADWAY_EXPRESS, algorithm.tr("Express headway (min)"), "headways", "headway_express_min", 0.5, 120.0),
        (TRANSFER_TIME, algorithm.tr("Interchange walking time (min)"), "transfer", "transfer_min", 0.0, 60.0),
    )
    for name, label, preset, key, low, high in numbers:
        default = values.preset_value(preset, key)
        algorithm.addParameter(
            QgsProcessingParameterNumber(
                name, label, QgsProcessingParameterNumber.Type.Double, defaultValue=default, minValue=low, maxValue=high
            )
        )


def read(algorithm, parameters, context) -> tuple:
    """(RunTimeModel, commute.ServiceParameters) of the parameters."""
    from ..commute import ServiceParameters
    from ..runtime import RunTimeModel

    def number(name: str) -> float:
        return algorithm.parameterAsDouble(parameters, name, context)

    model = RunTimeModel(number(CRUISE_SPEED), number(ACCELERATION), number(BRAKING), number(DWELL_TIME))
    return model, ServiceParameters(number(HEADWAY_ALLSTOP), number(HEADWAY_EXPRESS), number(TRANSFER_TIME))
