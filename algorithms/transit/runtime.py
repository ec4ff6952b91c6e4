"""Train run times from a trapezoidal speed profile: accelerate at a constant rate to the cruise
speed, cruise, brake at a constant rate to a stop. Hops too short to reach the cruise speed follow
a triangular profile (accelerate, then brake at once). Pure: numpy only.

Why this model: it is the standard first-order run-time estimate of rail planning (no gradients,
curves or coasting); it captures what an express pattern saves - one acceleration, one braking and
one dwell per skipped stop - with three parameters a planner can look up for a rolling stock.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RunTimeModel:
    """Cruise speed (km/h), acceleration and braking (m/s2), dwell time per stop (s)."""

    cruise_kmh: float = 80.0
    acceleration: float = 1.0
    braking: float = 1.0
    dwell_s: float = 30.0

    def __post_init__(self):
        for name in ("cruise_kmh", "acceleration", "braking"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.dwell_s < 0:
            raise ValueError(f"dwell_s must not be negative, got {self.dwell_s}")

    @property
    def cruise_ms(self) -> float:
        return self.cruise_kmh / 3.6

    @property
    def critical_distance(self) -> float:
        """Shortest hop (m) on which the train reaches the cruise speed."""
        v = self.cruise_ms
        return v * v / (2 * self.acceleration) + v * v / (2 * self.braking)

    def run_seconds(self, distance_m):
        """Stop-to-stop running time (s, without dwell) for a distance or an array of distances."""
        d = np.asarray(distance_m, dtype=float)
        if np.any(d < 0):
            raise ValueError("distances must not be negative")
        a, b, v = self.acceleration, self.braking, self.cruise_ms
        cruise = v / a + v / b + (d - self.critical_distance) / v
        peak = np.sqrt(2.0 * d * a * b / (a + b))  # top speed of the triangular profile
        triangle = peak / a + peak / b
        result = np.where(d >= self.critical_distance, cruise, triangle)
        return float(result) if result.ndim == 0 else result

    def in_vehicle_seconds(self, positions_m, stops) -> float:
        """In-vehicle time (s) between the first and last of `stops` (indices into `positions_m`,
        the stations' distances along the line): a run between consecutive stops, plus a dwell at
        every intermediate stop. Stations not in `stops` are passed without stopping."""
        chosen = np.asarray(positions_m, dtype=float)[np.asarray(sorted(stops), dtype=int)]
        if len(chosen) < 2:
            return 0.0
        runs = self.run_seconds(np.abs(np.diff(chosen)))
        return float(np.sum(runs) + self.dwell_s * (len(chosen) - 2))
