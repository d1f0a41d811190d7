"""How the executor calls a template function: its Go parameter types, read from annotations.

Convention for functions registered with `@template_function` (functions.py):
  str -> string, int -> int, float -> float64, bool -> bool, dict[...]/Mapping -> a map,
  list[...] -> []interface{}, Int64 -> int64; anything else (Any, object, no annotation,
  unions) -> interface{}. `*args: T` makes the function variadic in T.
Arguments are checked against these types exactly as Go's reflection does (`wrong type for
value; expected string; got float64`, `expected integer; found 1.5`). A parameter of an
interface, map or list type receives None for nil / missing values.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from .govalues import K_ANY, K_BOOL, K_FLOAT, K_INT, K_INT64, K_LIST, K_MAP, K_STR

_BY_NAME = {
    "str": K_STR,
    "int": K_INT,
    "float": K_FLOAT,
    "bool": K_BOOL,
    "dict": K_MAP,
    "Dict": K_MAP,
    "Mapping": K_MAP,
    "MutableMapping": K_MAP,
    "list": K_LIST,
    "List": K_LIST,
    "Int64": K_INT64,
}


def kind_of_annotation(ann: Any) -> int:
    if ann is inspect.Parameter.empty:
        return K_ANY
    if not isinstance(ann, str):
        ann = getattr(ann, "__name__", None) or str(ann)
    ann = ann.replace(" ", "")
    if "|" in ann or ann.startswith(("Optional[", "Union[")):
        return K_ANY
    base = ann.split("[", 1)[0].rsplit(".", 1)[-1]
    return _BY_NAME.get(base, K_ANY)


class FuncSpec:
    """A callable with Go's calling convention. `prefix` says what the executor passes first:
    "" nothing, "context" the RenderContext, "state" the executor state (engine functions)."""

    __slots__ = ("name", "fn", "kinds", "variadic", "prefix", "builtin")

    def __init__(
        self,
        name: str,
        fn: Callable[..., Any],
        kinds: tuple[int, ...],
        variadic: int | None,
        prefix: str = "",
        builtin: bool = False,
    ) -> None:
        self.name = name
        self.fn = fn
        self.kinds = kinds
        self.variadic = variadic
        self.prefix = prefix
        self.builtin = builtin

    def kind_at(self, i: int) -> int:
        if i < len(self.kinds):
            return self.kinds[i]
        return self.variadic if self.variadic is not None else K_ANY


def spec_from_callable(name: str, fn: Callable[..., Any], prefix: str = "", skip: int = 0) -> FuncSpec:
    """Read the parameter kinds of `fn`; `skip` leading parameters are supplied by the engine."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):  # a C function without a signature: accept anything
        return FuncSpec(name, fn, (), K_ANY, prefix)
    kinds: list[int] = []
    variadic: int | None = None
    params = list(sig.parameters.values())[skip:]
    for p in params:
        if p.kind == p.VAR_POSITIONAL:
            variadic = kind_of_annotation(p.annotation)
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            kinds.append(kind_of_annotation(p.annotation))
    return FuncSpec(name, fn, tuple(kinds), variadic, prefix)
