"""The Chinese map coordinates door (GCJ-02, BD-09): one Processing algorithm per module."""

from .china_coordinates import ChinaCoordinatesAlgorithm

ALGORITHMS = [ChinaCoordinatesAlgorithm]
