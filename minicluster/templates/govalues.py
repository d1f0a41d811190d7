"""Execution-time value helpers shared by the executor and the builtins.

Go's reflect distinguishes a nil interface (a missing map key: `None` here) from an invalid
Value ("no value": the result of a pipeline that produced nil, `NO_VALUE` here). The difference
decides between `nil pointer evaluating interface {}.x` and silently printing nothing.
"""

from __future__ import annotations

from typing import Any

from .gotypes import GoInt, GoStruct


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return False


NO_VALUE: Any = _Sentinel("<no value>")
MISSING: Any = _Sentinel("<missing>")


def truth(v: Any) -> bool:
    """text/template's isTrue: zero values, nil and empty collections are false."""
    if v is None or v is NO_VALUE:
        return False
    t = type(v)
    if t is bool:
        return v
    if t is str or t is list or t is dict:
        return len(v) > 0
    if t is int or t is float:
        return v != 0
    if isinstance(v, GoStruct):
        # map types with methods (Helm's .Files) are modelled as GoStructs with items()
        return len(v) > 0 if hasattr(v, "__len__") else True
    if isinstance(v, (str, list, dict, tuple, bytes)):
        return len(v) > 0
    if isinstance(v, (int, float, complex)):
        return v != 0
    return True


def is_uint(v: Any) -> bool:
    return isinstance(v, GoInt) and v.go_type.startswith("uint")


# Parameter kinds of template functions, derived from annotations (see funcspec.py)
K_ANY = 0  # interface{}: nil and "no value" arrive as None
K_RAW = 1  # reflect.Value (builtins only): None = nil interface, NO_VALUE = no value
K_STR = 2
K_INT = 3
K_FLOAT = 4
K_BOOL = 5
K_MAP = 6
K_LIST = 7
K_INT64 = 8

KIND_NAMES = {
    K_ANY: "interface {}",
    K_STR: "string",
    K_INT: "int",
    K_FLOAT: "float64",
    K_BOOL: "bool",
    K_MAP: "map[string]interface {}",
    K_LIST: "[]interface {}",
    K_INT64: "int64",
}


def assignable(v: Any, kind: int) -> bool:
    t = type(v)
    if kind == K_STR:
        return t is str
    if kind == K_INT:
        return t is int
    if kind == K_FLOAT:
        return t is float
    if kind == K_BOOL:
        return t is bool
    if kind == K_MAP:
        return isinstance(v, dict)
    if kind == K_LIST:
        return t is list or (isinstance(v, list) and getattr(t, "go_type", "[]interface {}") == "[]interface {}")
    if kind == K_INT64:
        return isinstance(v, GoInt) and v.go_type == "int64"
    return True
