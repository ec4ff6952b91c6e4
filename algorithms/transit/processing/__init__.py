"""The metropolitan commuting doors: one Processing algorithm per module (station catchments, the
express service evaluation with its readers and text beside it)."""

from .express_service import ExpressServiceAlgorithm
from .station_catchments import StationCatchmentsAlgorithm

ALGORITHMS = [ExpressServiceAlgorithm, StationCatchmentsAlgorithm]
