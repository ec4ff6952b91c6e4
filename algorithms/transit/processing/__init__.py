"""The metropolitan commuting doors: one Processing algorithm per module (station catchments, the
express service evaluation) and the parameter groups they compose, each declaring its parameters
beside their reader or writer (stations and population for both; catchment_* and express_*,
timetable, commute_isochrones for one)."""

from .express_service import ExpressServiceAlgorithm
from .station_catchments import StationCatchmentsAlgorithm

ALGORITHMS = [ExpressServiceAlgorithm, StationCatchmentsAlgorithm]
