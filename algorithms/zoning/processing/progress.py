"""Engines report progress as a 0-1 fraction (algorithms/cancel.checkpoint); Processing's feedback
counts percent."""

from __future__ import annotations

from collections.abc import Callable


def to_feedback(feedback) -> Callable[[float], None]:
    """The engine's progress callback that moves the feedback's bar."""
    return lambda fraction: feedback.setProgress(100.0 * fraction)
