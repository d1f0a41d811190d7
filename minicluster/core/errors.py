"""The root of every error the kit raises on purpose.

Errors are raised typed, deep in a layer, and rendered once at a boundary (the kubectl or helm
command, the notebook magic, the grader). A boundary turns a MiniclusterError into the text the
real tool would print and never shows a Python traceback to a learner.
"""

from __future__ import annotations


class MiniclusterError(Exception):
    """Base class. `message` is the learner-facing text, already worded like the real tool."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ClockRunawayError(MiniclusterError):
    """The simulation kept scheduling work without ever becoming idle."""


class StateError(MiniclusterError):
    """A persisted state directory cannot be used (corrupt, or written by a newer kit)."""
