"""Processing door of the terrain domain: town construction suitability (城镇建设适宜性评价, 城镇上山,
construction_suitability.py), composing drainage's DEM input group, its own vector inputs group
(inputs.py), presets (preset.py) and output writers (outputs.py)."""

from .construction_suitability import ConstructionSuitabilityAlgorithm

ALGORITHMS = [ConstructionSuitabilityAlgorithm]
