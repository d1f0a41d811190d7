"""encoding/json Unmarshal into interface{} (numbers are float64) with Go's error texts."""

from __future__ import annotations

import json
from typing import Any


class JSONDecodeError(Exception):
    pass


def _quote_char(ch: str) -> str:
    if ch == "'":
        return "'\\''"
    if ch == '"':
        return "'\"'"
    from ._gostr import go_quote

    return "'" + go_quote(ch)[1:-1] + "'"


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _go_message(text: str, err: json.JSONDecodeError) -> str:
    pos = err.pos
    message = err.msg
    if pos >= len(text) or message.startswith("Unterminated string"):
        return "unexpected end of JSON input"
    ch = text[pos]
    if message.startswith("Expecting value") and ch in "tfn":
        literal = {"t": "true", "f": "false", "n": "null"}[ch]
        for offset, expected in enumerate(literal):
            got = text[pos + offset : pos + offset + 1]
            if not got:
                return "unexpected end of JSON input"
            if got != expected:
                return (
                    f"invalid character {_quote_char(got)} in literal {literal} "
                    f"(expecting {_quote_char(expected)})"
                )
    if message.startswith("Expecting value"):
        context = "looking for beginning of value"
    elif message.startswith("Expecting property name"):
        context = "looking for beginning of object key string"
    elif message.startswith("Expecting ',' delimiter"):
        opener = _innermost_container(text, pos)
        context = "after object key:value pair" if opener == "{" else "after array element"
    elif message.startswith("Expecting ':' delimiter"):
        context = "after object key"
    elif message.startswith("Extra data"):
        context = "after top-level value"
    elif message.startswith("Invalid control character"):
        context = "in string literal"
    elif message.startswith("Invalid \\escape"):
        context = "in string escape code"
    else:
        context = "looking for beginning of value"
    return f"invalid character {_quote_char(ch)} {context}"


def _innermost_container(text: str, pos: int) -> str:
    depth: list[str] = []
    in_string = escaped = False
    for ch in text[:pos]:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth.append(ch)
        elif ch in "]}" and depth:
            depth.pop()
    return depth[-1] if depth else ""


def decode(text: str) -> Any:
    """json.Unmarshal into interface{}; raises JSONDecodeError with Go's message."""
    stripped = text.strip(" \t\r\n")
    if not stripped:
        raise JSONDecodeError("unexpected end of JSON input")
    for word in ("NaN", "Infinity", "-Infinity"):
        if stripped.startswith(word):
            raise JSONDecodeError(
                f"invalid character {_quote_char(stripped[0 if word[0] != '-' else 1])} "
                "looking for beginning of value"
            )
    try:
        return json.loads(text, parse_int=float, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise JSONDecodeError(_go_message(text, err)) from None
    except ValueError as err:
        raise JSONDecodeError(
            f"invalid character {_quote_char(str(err)[0])} looking for beginning of value"
        ) from None


def json_kind(value: Any) -> str:
    """The JSON kind named in `cannot unmarshal KIND into Go value of type T`."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    return "number"
