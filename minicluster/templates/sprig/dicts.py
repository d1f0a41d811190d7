"""Sprig's dict.go: maps are mutated in place where Sprig mutates them (set, unset, merge)."""

from __future__ import annotations

from typing import Any

from minicluster.templates.functions import template_function
from minicluster.templates.gotypes import StringSlice

from ._core import FunctionError, to_string, type_name
from ._mergo import merge_maps


@template_function("dict")
def dict_(*pairs: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for i in range(0, len(pairs), 2):
        key = to_string(pairs[i])
        result[key] = pairs[i + 1] if i + 1 < len(pairs) else ""
    return result


# A literal nil reaches a map parameter as None: a nil Go map, readable as empty.
_NIL_MAP: dict[str, Any] = {}


@template_function("get")
def get(d: dict, key: str) -> Any:
    d = d or _NIL_MAP
    return d[key] if key in d else ""


@template_function("set")
def set_(d: dict, key: str, value: Any) -> dict:
    if d is None:
        raise FunctionError("assignment to entry in nil map")
    d[key] = value
    return d


@template_function("unset")
def unset(d: dict, key: str) -> dict:
    if d is None:
        return {}
    d.pop(key, None)
    return d


@template_function("hasKey")
def has_key(d: dict, key: str) -> bool:
    return key in (d or _NIL_MAP)


@template_function("pluck")
def pluck(name: str, *dicts: dict) -> list[Any]:
    return [d[name] for d in dicts if d and name in d]


@template_function("keys")
def keys(*dicts: dict) -> StringSlice:
    # Go returns map keys in random order; insertion order keeps renders reproducible.
    return StringSlice(k for d in dicts for k in (d or _NIL_MAP))


@template_function("values")
def values(d: dict) -> list[Any]:
    return list((d or _NIL_MAP).values())


@template_function("pick")
def pick(d: dict, *names: str) -> dict[str, Any]:
    d = d or _NIL_MAP
    return {name: d[name] for name in names if name in d}


@template_function("omit")
def omit(d: dict, *names: str) -> dict[str, Any]:
    skip = set(names)
    return {k: v for k, v in (d or _NIL_MAP).items() if k not in skip}


def _merge(dst: dict, sources: tuple[dict, ...], overwrite: bool) -> dict:
    if dst is None:
        dst = {}
    for src in sources:
        if src is not None:
            merge_maps(dst, src, overwrite)
    return dst


@template_function("merge")
def merge(dst: dict, *sources: dict) -> dict:
    return _merge(dst, sources, False)


@template_function("mustMerge")
def must_merge(dst: dict, *sources: dict) -> dict:
    return _merge(dst, sources, False)


@template_function("mergeOverwrite")
def merge_overwrite(dst: dict, *sources: dict) -> dict:
    return _merge(dst, sources, True)


@template_function("mustMergeOverwrite")
def must_merge_overwrite(dst: dict, *sources: dict) -> dict:
    return _merge(dst, sources, True)


def _assert_map(value: Any) -> dict:
    if isinstance(value, dict) and type_name(value) == "map[string]interface {}":
        return value
    shown = "nil" if value is None else type_name(value)
    raise FunctionError(
        f"interface conversion: interface {{}} is {shown}, not map[string]interface {{}}"
    )


@template_function("dig")
def dig(*args: Any) -> Any:
    if len(args) < 3:
        raise FunctionError("dig needs at least three arguments")
    current = _assert_map(args[-1])
    fallback = args[-2]
    path = []
    for key in args[:-2]:
        if not isinstance(key, str):
            shown = "nil" if key is None else type_name(key)
            raise FunctionError(f"interface conversion: interface {{}} is {shown}, not string")
        path.append(key)
    for i, key in enumerate(path):
        if key not in current:
            return fallback
        step = current[key]
        if i == len(path) - 1:
            return step
        current = _assert_map(step)
    return fallback
