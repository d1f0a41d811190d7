"""Go fmt printing for Sprig: the engine's implementation (templates/gofmt.py), one place."""

from __future__ import annotations

from typing import Any

from minicluster.templates.gofmt import go_sprint, go_sprintf


def sprint(value: Any) -> str:
    """fmt.Sprint of one value (%v)."""
    return go_sprint(value)


def sprintf(fmt: str, *args: Any) -> str:
    return go_sprintf(fmt, *args)
