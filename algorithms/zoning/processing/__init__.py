"""The doors of the multi-plan integration group (多规合一): one Processing algorithm per module,
composing the plan and processing-mode parameter groups (plan.py, mode.py)."""

from .control_line_conflicts import ControlLineConflictsAlgorithm
from .plan_topology import PlanTopologyAlgorithm
from .space_structure import LivingSpaceStructureAlgorithm

ALGORITHMS = [ControlLineConflictsAlgorithm, LivingSpaceStructureAlgorithm, PlanTopologyAlgorithm]
