"""Sprig's list.go. A non-list argument is a Go panic: `Cannot <op> on type <kind>`."""

from __future__ import annotations

import math
from typing import Any

from minicluster.templates.functions import template_function

from ._core import NIL_DEREFERENCE, FunctionError, as_go_list, go_kind, is_go_list, to_int
from ._equal import contains as _contains
from ._equal import deep_equal


def _require_list(value: Any, message: str) -> list[Any]:
    """The list's elements, or Go's panic naming the argument's kind."""
    if value is None:
        raise FunctionError(NIL_DEREFERENCE)
    if not is_go_list(value):
        raise FunctionError(message.format(kind=go_kind(value)))
    return as_go_list(value)


def _register(name: str, must_name: str | None = None):  # type: ignore[no-untyped-def]
    def wrap(fn):  # type: ignore[no-untyped-def]
        template_function(name)(fn)
        if must_name:
            template_function(must_name)(fn)
        return fn

    return wrap


@_register("list")
def list_(*values: Any) -> list[Any]:
    return list(values)


template_function("tuple")(list_)


def _push(values: Any, value: Any) -> list[Any]:
    return _require_list(values, "Cannot push on type {kind}") + [value]


for _name in ("append", "push", "mustAppend", "mustPush"):
    template_function(_name)(_push)


@_register("prepend", "mustPrepend")
def prepend(values: Any, value: Any) -> list[Any]:
    return [value] + _require_list(values, "Cannot prepend on type {kind}")


@_register("chunk", "mustChunk")
def chunk(size: int, values: Any) -> list[list[Any]]:
    items = _require_list(values, "Cannot chunk type {kind}")
    if size <= 0:
        raise FunctionError("runtime error: makeslice: len out of range")
    count = int(math.floor((len(items) - 1) / size) + 1) if items else 0
    return [items[i * size : (i + 1) * size] for i in range(count)]


@_register("first", "mustFirst")
def first(values: Any) -> Any:
    items = _require_list(values, "Cannot find first on type {kind}")
    return items[0] if items else None


@_register("last", "mustLast")
def last(values: Any) -> Any:
    items = _require_list(values, "Cannot find last on type {kind}")
    return items[-1] if items else None


@_register("rest", "mustRest")
def rest(values: Any) -> list[Any]:
    items = _require_list(values, "Cannot find rest on type {kind}")
    return items[1:]


@_register("initial", "mustInitial")
def initial(values: Any) -> list[Any]:
    items = _require_list(values, "Cannot find initial on type {kind}")
    return items[:-1]


@_register("reverse", "mustReverse")
def reverse(values: Any) -> list[Any]:
    return list(reversed(_require_list(values, "Cannot find reverse on type {kind}")))


@_register("uniq", "mustUniq")
def uniq(values: Any) -> list[Any]:
    result: list[Any] = []
    for item in _require_list(values, "Cannot find uniq on type {kind}"):
        if not _contains(result, item):
            result.append(item)
    return result


@_register("without", "mustWithout")
def without(values: Any, *omit: Any) -> list[Any]:
    items = _require_list(values, "Cannot find without on type {kind}")
    return [item for item in items if not _contains(list(omit), item)]


@_register("has", "mustHas")
def has(needle: Any, haystack: Any) -> bool:
    if haystack is None:
        return False
    items = _require_list(haystack, "Cannot find has on type {kind}")
    return any(deep_equal(needle, item) for item in items)


@_register("slice", "mustSlice")
def slice_(values: Any, *indices: Any) -> Any:
    items = _require_list(values, "list should be type of slice or array but {kind}")
    if not items:
        return None
    start = to_int(indices[0]) if indices else 0
    end = to_int(indices[1]) if len(indices) >= 2 else len(items)
    if start < 0 or end < start or end > len(items):
        raise FunctionError("reflect.Value.Slice: slice index out of bounds")
    kind = type(values) if isinstance(values, list) else list
    return kind(values[start:end]) if isinstance(values, list) else items[start:end]


@template_function("concat")
def concat(*lists: Any) -> list[Any]:
    result: list[Any] = []
    for value in lists:
        result.extend(_require_list(value, "Cannot concat type {kind} as list"))
    return result
