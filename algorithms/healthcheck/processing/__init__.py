"""The city health check door (城市体检): one Processing algorithm, composing the green-city and
walking-network parameter groups."""

from .city_health_check import CityHealthCheckAlgorithm

ALGORITHMS = [CityHealthCheckAlgorithm]
