"""Shared helpers of the Sprig functions: Go type names and kinds, spf13/cast conversions and
Sprig's notion of an "empty" value."""

from __future__ import annotations

import math
from typing import Any

from minicluster.templates.functions import FunctionError
from minicluster.templates.goliterals import go_parse_int
from minicluster.templates.goliterals import parse_float as go_parse_float
from minicluster.templates.gotypes import GoInt, GoStruct, Int64, StringSlice, go_type_name

from ._fmt import sprint

__all__ = [
    "FunctionError",
    "as_go_list",
    "go_kind",
    "go_parse_float",
    "go_parse_int",
    "is_empty",
    "is_go_list",
    "is_go_map",
    "to_float64",
    "to_int",
    "to_int64",
    "to_string",
    "type_name",
]

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1

# A nil pointer dereference is what Go reports when Sprig calls a method on a nil reflect.Type.
NIL_DEREFERENCE = "runtime error: invalid memory address or nil pointer dereference"


def type_name(value: Any) -> str:
    """Go's %T, honouring named types (common.Values, ...) declared with a `go_type` attribute."""
    declared = getattr(type(value), "go_type", None)
    if isinstance(value, (dict, list)) and isinstance(declared, str):
        return declared
    return go_type_name(value)


def go_kind(value: Any) -> str:
    """reflect.Kind name of a value (`invalid` for nil)."""
    if value is None:
        return "invalid"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, GoInt):
        return value.go_type
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (bytes, bytearray, list, tuple)):
        return "slice"
    if isinstance(value, dict):
        return "map"
    kind = getattr(value, "go_kind", None)
    if isinstance(kind, str):
        return kind
    return "struct" if isinstance(value, GoStruct) else "ptr"


def is_go_list(value: Any) -> bool:
    return isinstance(value, (list, tuple, bytes, bytearray))


def is_go_map(value: Any) -> bool:
    return isinstance(value, dict)


def as_go_list(value: Any) -> list[Any]:
    """The elements of a Go slice; []byte elements are uint8 values."""
    if isinstance(value, (bytes, bytearray)):
        from minicluster.templates.gotypes import Uint8

        return [Uint8(b) for b in value]
    return list(value)


def is_empty(value: Any) -> bool:
    """Sprig's `empty`: nil, zero numbers, false, and zero-length strings/slices/maps."""
    if value is None:
        return True
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value == 0
    if isinstance(value, (str, bytes, bytearray, list, tuple, dict)):
        return len(value) == 0
    return bool(getattr(value, "go_is_nil", False))


# -- strconv ---------------------------------------------------------------------------------

# -- spf13/cast ------------------------------------------------------------------------------


def _trim_zero_decimal(text: str) -> str:
    """cast drops a fractional part made only of zeros: "1.0" -> "1", "1.50" stays."""
    found_zero = False
    for i in range(len(text), 0, -1):
        ch = text[i - 1]
        if ch == ".":
            if found_zero:
                return text[: i - 1]
        elif ch == "0":
            found_zero = True
        else:
            return text
    return text


def _float_to_int64(value: float) -> int:
    # Go's out-of-range float->int64 conversion yields the minimum int64 on amd64.
    if math.isnan(value) or math.isinf(value) or not (INT64_MIN <= value < 2.0**63):
        return INT64_MIN
    return int(value)


def to_int64(value: Any) -> Int64:
    """cast.ToInt64 with errors ignored (what Sprig does): unconvertible -> 0."""
    if value is None:
        return Int64(0)
    if isinstance(value, bool):
        return Int64(1 if value else 0)
    if isinstance(value, int):
        return Int64(_wrap_int64(int(value)))
    if isinstance(value, float):
        return Int64(_float_to_int64(value))
    if isinstance(value, str):
        try:
            return Int64(go_parse_int(_trim_zero_decimal(value)))
        except ValueError:
            return Int64(0)
    return Int64(0)


def _wrap_int64(value: int) -> int:
    value &= UINT64_MAX
    return value - (1 << 64) if value > INT64_MAX else value


def to_int(value: Any) -> int:
    return int(to_int64(value))


def to_float64(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return go_parse_float(value)
        except ValueError:
            return 0.0
    return 0.0


def to_string(value: Any) -> str:
    """Sprig's strval: strings as is, []byte as text, errors/Stringers by their text, else %v."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return sprint(value)


def to_strings(value: Any) -> StringSlice:
    """Sprig's strslice: a list becomes its elements' strings (nil elements dropped)."""
    if isinstance(value, StringSlice):
        return StringSlice(value)
    if is_go_list(value) and not isinstance(value, (bytes, bytearray)):
        return StringSlice(to_string(v) for v in value if v is not None)
    if isinstance(value, (bytes, bytearray)):
        return StringSlice(to_string(v) for v in as_go_list(value))
    if value is None:
        return StringSlice()
    return StringSlice([to_string(value)])
