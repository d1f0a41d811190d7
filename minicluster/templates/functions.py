"""The registry of template functions (Go builtins, Sprig, Helm).

A function is a plain Python callable over the values of gotypes.py, registered by name:

    @template_function("upper")
    def upper(s: str) -> str: ...

A function that needs the render context (include, tpl, required, lookup, now, randAlphaNum...)
registers with `context=True` and receives the RenderContext as its first argument. A function
reports failure by raising FunctionError(message); the engine wraps it as Go does:
`error calling upper: <message>`. Arity errors are produced by the engine from the signature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class RenderContext(Protocol):
    """What a context function sees. `clock` and `rand` may be None when rendering outside a
    cluster (then `now` uses a fixed instant and random functions a fixed seed)."""

    clock: Any  # minicluster.core.clock.VirtualClock | None
    rand: Any  # minicluster.core.rand.SeededRandom | None
    lookup: Any  # callable(api_version, kind, namespace, name) -> dict, or None


class FunctionError(Exception):
    """Raised by a template function; the engine reports `error calling NAME: <message>`."""


@dataclass(frozen=True)
class TemplateFunction:
    name: str
    fn: Callable[..., Any]
    context: bool = False  # receives the RenderContext first
    # Functions the engine must call lazily / specially (and, or) are not registered here.


REGISTRY: dict[str, TemplateFunction] = {}


def template_function(
    name: str, *, context: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in REGISTRY:
            raise ValueError(f"template function {name!r} registered twice")
        REGISTRY[name] = TemplateFunction(name, fn, context)
        return fn

    return register
