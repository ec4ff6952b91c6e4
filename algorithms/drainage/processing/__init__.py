"""Processing algorithms of the flood-resilience group, one door per module: drainage corridors
(排涝通道识别, corridors.py) and waterlogging-prone depressions (易涝点识别, waterlogging.py) from a
DEM. They compose the DEM input group (dem_input.py: one DEM source for the whole-DEM and the
tiled path), the exposure group (exposure.py) and the output writers (outputs.py)."""

from .corridors import DrainageCorridorsAlgorithm
from .waterlogging import WaterloggingSpotsAlgorithm

ALGORITHMS = [DrainageCorridorsAlgorithm, WaterloggingSpotsAlgorithm]
