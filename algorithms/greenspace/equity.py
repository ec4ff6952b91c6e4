"""Park accessibility equity: enhanced two-step floating catchment (E2SFCA) with Gaussian decay,
Gini coefficient and Lorenz curve. Pure.

E2SFCA (Luo & Qi 2009, Gaussian weights after Dai 2011): with park supply S_j (area, m2), home
population P_i and walking distance d_ij within the catchment radius d0,
    G(d) = Gaussian decay, 1 at d = 0 falling to 0 at d0 (see `gaussian_weight`),
    R_j = S_j / sum_i G(d_ij) P_i            (park area per weighted resident)
    A_i = sum_j G(d_ij) R_j                  (park area accessible per resident, m2/person)
Population-weighted, the A_i sum to the park area reached by anyone: the score is comparable to
the per-capita park green space target (GB 55014-2021: 8 m2/person).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def gaussian_weight(distance, radius) -> np.ndarray:
    """Gaussian distance decay truncated at the radius (Dai 2011):
    G = (exp(-0.5 (d/d0)^2) - exp(-0.5)) / (1 - exp(-0.5)) for d <= d0, else 0."""
    d = np.asarray(distance, dtype=float)
    d0 = np.asarray(radius, dtype=float)
    edge = np.exp(-0.5)
    weight = (np.exp(-0.5 * (d / d0) ** 2) - edge) / (1 - edge)
    return np.where(d <= d0, np.clip(weight, 0, 1), 0.0)


@dataclass
class E2sfcaResult:
    """`score` per home (m2 of park per person), `ratio` per park (R_j, m2 per weighted person;
    NaN when nobody lives within reach), `reach` per home (number of parks within reach)."""

    score: np.ndarray
    ratio: np.ndarray
    reach: np.ndarray


def e2sfca(supply, population, park, home, distance, radius) -> E2sfcaResult:
    """E2SFCA from (park, home, distance) triples within reach. `radius`: scalar or one per park."""
    supply = np.asarray(supply, dtype=float)
    population = np.asarray(population, dtype=float)
    park = np.asarray(park, dtype=np.int64)
    home = np.asarray(home, dtype=np.int64)
    radius = np.broadcast_to(np.asarray(radius, dtype=float), supply.shape)
    weight = gaussian_weight(distance, radius[park])
    demand = np.bincount(park, weights=weight * population[home], minlength=len(supply))
    ratio = np.divide(supply, demand, out=np.full(len(supply), np.nan), where=demand > 0)
    score = np.bincount(home, weights=weight * np.nan_to_num(ratio[park]), minlength=len(population))
    reach = np.bincount(home, weights=(weight > 0).astype(float), minlength=len(population)).astype(np.int64)
    return E2sfcaResult(score, ratio, reach)


def lorenz(values, weights) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve: cumulative population share (x) against cumulative share of the weighted
    values (y), both starting at 0, homes sorted by value ascending."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    order = np.argsort(values, kind="stable")
    values, weights = values[order], weights[order]
    total_w = weights.sum()
    total_v = (values * weights).sum()
    x = np.r_[0.0, np.cumsum(weights) / total_w] if total_w > 0 else np.array([0.0, 1.0])
    y = np.r_[0.0, np.cumsum(values * weights) / total_v] if total_v > 0 else x.copy()
    return x, y


def gini(values, weights) -> float:
    """Population-weighted Gini coefficient (1 - 2 x area under the Lorenz curve): 0 when every
    resident has the same access, towards 1 when a few have all of it. NaN without population."""
    weights = np.asarray(weights, dtype=float)
    if not (weights > 0).any():
        return float("nan")
    x, y = lorenz(values, weights)
    area = np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2)
    return float(max(0.0, 1 - 2 * area))  # never below 0 through rounding
