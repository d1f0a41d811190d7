"""Sprig's defaults.go and reflect.go: default/empty/coalesce/ternary and type inspection."""

from __future__ import annotations

import copy
from typing import Any

from minicluster.templates.functions import template_function

from ._core import FunctionError, go_kind, is_empty, is_go_list, type_name
from ._equal import deep_equal


@template_function("default")
def default(fallback: Any, *given: Any) -> Any:
    if not given or is_empty(given[0]):
        return fallback
    return given[0]


@template_function("empty")
def empty(value: Any) -> bool:
    return is_empty(value)


@template_function("coalesce")
def coalesce(*values: Any) -> Any:
    for value in values:
        if not is_empty(value):
            return value
    return None


@template_function("all")
def all_(*values: Any) -> bool:
    return all(not is_empty(v) for v in values)


@template_function("any")
def any_(*values: Any) -> bool:
    return any(not is_empty(v) for v in values)


@template_function("ternary")
def ternary(if_true: Any, if_false: Any, condition: bool) -> Any:
    return if_true if condition else if_false


def _deep_copy(value: Any) -> Any:
    if value is None:
        # copystructure asks reflect for the type of a nil interface.
        raise FunctionError("reflect: call of reflect.Value.Type on zero Value")
    return copy.deepcopy(value)


@template_function("deepCopy")
def deep_copy(value: Any) -> Any:
    return _deep_copy(value)


@template_function("mustDeepCopy")
def must_deep_copy(value: Any) -> Any:
    return _deep_copy(value)


def _compact(name: str, values: Any) -> list[Any]:
    if not is_go_list(values):
        _kind_error(f"Cannot {name} on type", values)
    return [v for v in values if not is_empty(v)]


def _kind_error(prefix: str, value: Any) -> None:
    from ._core import NIL_DEREFERENCE

    if value is None:
        raise FunctionError(NIL_DEREFERENCE)
    raise FunctionError(f"{prefix} {go_kind(value)}")


@template_function("compact")
def compact(values: Any) -> list[Any]:
    return _compact("compact", values)


@template_function("mustCompact")
def must_compact(values: Any) -> list[Any]:
    return _compact("compact", values)


# -- reflect.go -----------------------------------------------------------------------------


@template_function("typeOf")
def type_of(value: Any) -> str:
    return type_name(value)


@template_function("typeIs")
def type_is(target: str, value: Any) -> bool:
    return target == type_name(value)


@template_function("typeIsLike")
def type_is_like(target: str, value: Any) -> bool:
    name = type_name(value)
    return target == name or "*" + target == name


@template_function("kindOf")
def kind_of(value: Any) -> str:
    return go_kind(value)


@template_function("kindIs")
def kind_is(target: str, value: Any) -> bool:
    return target == go_kind(value)


@template_function("deepEqual")
def deep_equal_fn(a: Any, b: Any) -> bool:
    return deep_equal(a, b)
