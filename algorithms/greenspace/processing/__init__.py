"""The green-city doors (绿美城市): one Processing algorithm per module, composing the parameter
groups of groups.py (homes, districts, network, report) and park_inputs.py (parks, standard)."""

from .facility_coverage import FacilityCoverageAlgorithm
from .park_coverage import ParkCoverageAlgorithm
from .park_equity import ParkEquityAlgorithm

ALGORITHMS = [ParkCoverageAlgorithm, FacilityCoverageAlgorithm, ParkEquityAlgorithm]
