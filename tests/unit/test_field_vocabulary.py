"""The shared field vocabulary (algorithms/field_labels.py) gives one meaning per field name: a key
written twice in its dict literals would silently keep only the last label (two domains once both
used `unit`, one for a measurement unit, one for an evaluation unit)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from urbanization_planning.algorithms import field_labels

SOURCE = Path(field_labels.__file__)


def test_no_field_or_code_is_defined_twice():
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    repeated = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            repeated += [key for key, count in Counter(keys).items() if count > 1]
    assert repeated == []


def test_every_coded_field_has_a_label():
    assert set(field_labels.CODES) <= set(field_labels.FIELDS)
