"""Component report: how many disconnected parts the network has and which inputs sit on small
islands (a part much smaller than the main one), so planners see why a home has no park. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .graph import Network

#: A component with less than this share of the network's total length is a "small island".
SMALL_SHARE = 0.05


@dataclass
class ComponentReport:
    """`n_components`; per component (largest first by length) `lengths`; `node_component` label
    per node (0 = largest); `main_share` the largest part's share of total length."""

    n_components: int
    lengths: np.ndarray
    node_component: np.ndarray
    small_share: float = SMALL_SHARE

    @property
    def main_share(self) -> float:
        total = self.lengths.sum()
        return float(self.lengths[0] / total) if total > 0 else 0.0

    def on_small_island(self, nodes) -> np.ndarray:
        """True for each node id (negative ids: False) on a component below `small_share` of the
        total length."""
        nodes = np.asarray(nodes, dtype=np.int64)
        out = np.zeros(len(nodes), dtype=bool)
        ok = nodes >= 0
        total = self.lengths.sum()
        comp = self.node_component[nodes[ok]]
        out[ok] = self.lengths[comp] < self.small_share * total
        return out


def component_report(network: Network, small_share: float = SMALL_SHARE) -> ComponentReport:
    labels = network.components()
    n = int(labels.max()) + 1 if labels.size else 0
    lengths = np.bincount(labels[network.u], weights=network.length, minlength=n)
    order = np.argsort(-lengths, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return ComponentReport(n, lengths[order], rank[labels], small_share)
