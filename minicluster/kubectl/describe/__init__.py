"""`kubectl describe` printers, one per kind, registered with `@describer("Job")`."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

Describer = Callable[[Any, dict[str, Any]], str]

DESCRIBERS: dict[str, Describer] = {}


def describer(kind: str) -> Callable[[Describer], Describer]:
    def register(fn: Describer) -> Describer:
        DESCRIBERS[kind] = fn
        return fn

    return register


def describe_object(ctx: Any, kind: str, obj: dict[str, Any]) -> str:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    fn = DESCRIBERS.get(kind) or DESCRIBERS["*"]
    return fn(ctx, obj)
