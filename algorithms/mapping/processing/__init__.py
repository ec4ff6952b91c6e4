"""The planning map sheet door (规划图件): one Processing algorithm per module."""

from .export_planning_map import ExportPlanningMapAlgorithm

ALGORITHMS = [ExportPlanningMapAlgorithm]
