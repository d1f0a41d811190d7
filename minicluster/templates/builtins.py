"""text/template's builtin functions (funcs.go): not len index slice print printf println
html js urlquery eq ne lt le gt ge call. `and`/`or` short-circuit inside the executor.

Parameters typed reflect.Value in Go receive raw values here (None = nil interface,
NO_VALUE = no value); failures raise FunctionError, reported as `error calling NAME: ...`.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

from .functions import FunctionError
from .gofmt import go_sprint, go_sprintf, go_sprintln, go_type_of
from .gotypes import GoStruct
from .govalues import K_ANY, K_RAW, K_STR, NO_VALUE, is_uint, truth


def _indirect_iface(v: Any) -> Any:
    return NO_VALUE if v is None else v


def _not(arg: Any) -> bool:
    return not truth(arg)


def _len(item: Any) -> int:
    if item is None:
        raise FunctionError("len of nil pointer")
    if item is NO_VALUE:
        raise FunctionError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(item.encode("utf-8"))
    if isinstance(item, (list, dict, bytes, tuple)):
        return len(item)
    if isinstance(item, GoStruct) and hasattr(item, "__len__"):
        return len(item)  # a map type with methods (Helm's .Files)
    raise FunctionError(f"len of type {go_type_of(item)}")


def _index_arg(index: Any, cap: int) -> int:
    if isinstance(index, int) and not isinstance(index, bool):
        x = int(index)
    elif index is NO_VALUE or index is None:
        raise FunctionError("cannot index slice/array with nil")
    else:
        raise FunctionError(f"cannot index slice/array with type {go_type_of(index)}")
    if x < 0 or x > cap:
        raise FunctionError(f"index out of range: {x}")
    return x


def _map_items(item: Any) -> dict | None:
    """A GoStruct that stands for a Go map type with methods (Helm's .Files)."""
    if isinstance(item, GoStruct):
        items = getattr(item, "items", None)
        if callable(items):
            return dict(items())
    return None


def _index(item: Any, *indexes: Any) -> Any:
    item = _indirect_iface(item)
    if item is NO_VALUE:
        raise FunctionError("index of untyped nil")
    for index in indexes:
        index = _indirect_iface(index)
        if item is None:
            raise FunctionError("index of nil pointer")
        if isinstance(item, (list, tuple, str, bytes)):
            seq = item.encode("utf-8") if isinstance(item, str) else item
            x = _index_arg(index, len(seq))
            if x == len(seq):
                raise FunctionError(f"index out of range: {x}")
            item = seq[x]
        elif isinstance(item, dict) or _map_items(item) is not None:
            if not isinstance(item, dict):
                item = _map_items(item)
            if index is NO_VALUE:
                raise FunctionError("value is nil; should be of type string")
            if not isinstance(index, str):
                raise FunctionError(f"value has type {go_type_of(index)}; should be string")
            if index in item:
                item = item[index]
            else:
                item = getattr(type(item), "go_zero", None)
        else:
            raise FunctionError(f"can't index item of type {go_type_of(item)}")
    return item


def _slice(item: Any, *indexes: Any) -> Any:
    item = _indirect_iface(item)
    if item is NO_VALUE:
        raise FunctionError("slice of untyped nil")
    if len(indexes) > 3:
        raise FunctionError(f"too many slice indexes: {len(indexes)}")
    if isinstance(item, str):
        if len(indexes) == 3:
            raise FunctionError("cannot 3-index slice a string")
        data: Any = item.encode("utf-8")
    elif isinstance(item, (list, tuple, bytes)):
        data = item
    else:
        raise FunctionError(f"can't slice item of type {go_type_of(item)}")
    cap = len(data)
    idx = [0, len(data), 0]
    for i, index in enumerate(indexes):
        idx[i] = _index_arg(index, cap)
    if idx[0] > idx[1]:
        raise FunctionError(f"invalid slice index: {idx[0]} > {idx[1]}")
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise FunctionError(f"invalid slice index: {idx[1]} > {idx[2]}")
    out = data[idx[0] : idx[1]]
    if isinstance(item, str):
        return out.decode("utf-8", "replace")
    if isinstance(item, list):
        return type(item)(out) if type(item) is not list else list(out)
    return out


def _eval_args(args: tuple) -> str:
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    # text/template passes each argument through printableValue: nil prints as <no value>
    return go_sprint(*("<no value>" if a is None else a for a in args))


def _html(*args: Any) -> str:
    s = _eval_args(args)
    return (
        s.replace("&", "&amp;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\x00", "\ufffd")
    )


_JS = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D"}


def _js(*args: Any) -> str:
    s = _eval_args(args)
    out = []
    for ch in s:
        o = ord(ch)
        if ch in _JS:
            out.append(_JS[ch])
        elif o < 0x20:
            out.append(f"\\u00{o:02X}")
        elif o < 0x80 or ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{o:04X}")
    return "".join(out)


def _urlquery(*args: Any) -> str:
    return urllib.parse.quote_plus(_eval_args(args), safe="")


# -- comparison
_INVALID, _BOOL, _COMPLEX, _INT, _FLOAT, _STRING, _UINT = range(7)


def _basic_kind(v: Any) -> int:
    if v is NO_VALUE or v is None:
        return _INVALID
    t = type(v)
    if t is bool:
        return _BOOL
    if t is str:
        return _STRING
    if t is float:
        return _FLOAT
    if isinstance(v, int):
        return _UINT if is_uint(v) else _INT
    if isinstance(v, complex):
        return _COMPLEX
    if isinstance(v, str):
        return _STRING
    return _INVALID


def _reflect_kind(v: Any) -> str:
    if v is NO_VALUE or v is None:
        return "invalid"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, (list, tuple, bytes)):
        return "slice"
    if isinstance(v, GoStruct):
        return "struct"
    return type(v).__name__


def _eq(arg1: Any, *arg2: Any) -> bool:
    arg1 = _indirect_iface(arg1)
    if not arg2:
        raise FunctionError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in arg2:
        arg = _indirect_iface(arg)
        k2 = _basic_kind(arg)
        result = False
        if k1 != k2:
            if k1 == _INT and k2 == _UINT or k1 == _UINT and k2 == _INT:
                result = int(arg1) == int(arg)
            elif arg1 is not NO_VALUE and arg is not NO_VALUE:
                raise FunctionError(
                    f"incompatible types for comparison: {go_type_of(arg1)} and {go_type_of(arg)}"
                )
        elif k1 != _INVALID:
            result = arg1 == arg
        else:
            r1, r2 = _reflect_kind(arg1), _reflect_kind(arg)
            if r1 != r2 and r1 != "invalid" and r2 != "invalid":
                raise FunctionError(
                    f"non-comparable types {go_sprintf('%s', arg1)}: {go_type_of(arg1)}, "
                    f"{go_type_of(arg)}: {go_sprint(arg)}"
                )
            if arg1 is NO_VALUE or arg is NO_VALUE:
                result = arg1 is arg
            elif isinstance(arg, (dict, list, tuple, bytes)):
                raise FunctionError(f"non-comparable type {go_sprintf('%s', arg)}: {go_type_of(arg)}")
            else:
                result = arg1 is arg or arg1 == arg
        if result:
            return True
    return False


def _ne(arg1: Any, arg2: Any) -> bool:
    return not _eq(arg1, arg2)


def _lt(arg1: Any, arg2: Any) -> bool:
    arg1 = _indirect_iface(arg1)
    k1 = _basic_kind(arg1)
    if k1 == _INVALID:
        raise FunctionError("invalid type for comparison")
    arg2 = _indirect_iface(arg2)
    k2 = _basic_kind(arg2)
    if k2 == _INVALID:
        raise FunctionError("invalid type for comparison")
    if k1 != k2:
        if k1 == _INT and k2 == _UINT or k1 == _UINT and k2 == _INT:
            return int(arg1) < int(arg2)
        raise FunctionError(
            f"incompatible types for comparison: {go_type_of(arg1)} and {go_type_of(arg2)}"
        )
    if k1 in (_BOOL, _COMPLEX):
        raise FunctionError("invalid type for comparison")
    if k1 == _STRING:
        return arg1.encode("utf-8") < arg2.encode("utf-8")
    return arg1 < arg2


def _le(arg1: Any, arg2: Any) -> bool:
    return _lt(arg1, arg2) or _eq(arg1, arg2)


def _gt(arg1: Any, arg2: Any) -> bool:
    return not _le(arg1, arg2)


def _ge(arg1: Any, arg2: Any) -> bool:
    return not _lt(arg1, arg2)


def _call(name: str, fn: Any, *args: Any) -> Any:
    fn = _indirect_iface(fn)
    if fn is NO_VALUE:
        raise FunctionError("call of nil")
    if not callable(fn) or isinstance(fn, type):
        raise FunctionError(f"non-function {name} of type {go_type_of(fn)}")
    return fn(*[None if a is NO_VALUE else a for a in args])


def _printf(fmt: str, *args: Any) -> str:
    return go_sprintf(fmt, *args)


# name -> (function, fixed parameter kinds, variadic kind or None)
BUILTINS: dict[str, tuple[Callable[..., Any], tuple[int, ...], int | None]] = {
    "and": (lambda *a: a, (K_RAW,), K_RAW),
    "or": (lambda *a: a, (K_RAW,), K_RAW),
    "not": (_not, (K_RAW,), None),
    "len": (_len, (K_RAW,), None),
    "index": (_index, (K_RAW,), K_RAW),
    "slice": (_slice, (K_RAW,), K_RAW),
    "print": (go_sprint, (), K_ANY),
    "printf": (_printf, (K_STR,), K_ANY),
    "println": (go_sprintln, (), K_ANY),
    "html": (_html, (), K_ANY),
    "js": (_js, (), K_ANY),
    "urlquery": (_urlquery, (), K_ANY),
    "eq": (_eq, (K_RAW,), K_RAW),
    "ne": (_ne, (K_RAW, K_RAW), None),
    "lt": (_lt, (K_RAW, K_RAW), None),
    "le": (_le, (K_RAW, K_RAW), None),
    "gt": (_gt, (K_RAW, K_RAW), None),
    "ge": (_ge, (K_RAW, K_RAW), None),
    "call": (_call, (K_RAW,), K_RAW),
}
