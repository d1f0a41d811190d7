"""encoding/json Unmarshal into interface{} (numbers are float64) with Go's error texts.

Go validates the whole input with its scanner before decoding, and reports the first offending
character the way the scanner's state names it; the scanner below follows the same states
(including the space Go feeds at the end of input, which is why "nul" fails on ' ')."""

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


_WS = " \t\r\n"
_HEX = "0123456789abcdefABCDEF"


def _fail(ch: str, context: str) -> JSONDecodeError:
    return JSONDecodeError(f"invalid character {_quote_char(ch)} {context}")


def validate(text: str) -> None:
    """Go's checkValid: raise JSONDecodeError at the first invalid character."""
    stack: list[str] = []  # "{" (expecting key), ":" (object value), "[" (array)
    state = "value"
    literal = ""
    literal_pos = 0
    hex_left = 0
    done = False

    def end_value(ch: str) -> str:
        """After a complete value: where we are decides what may follow."""
        nonlocal done
        if not stack:
            done = True
            return end_top(ch)
        return after_value(ch)

    def end_top(ch: str) -> str:
        if ch not in _WS:
            raise _fail(ch, "after top-level value")
        return "end"

    def after_value(ch: str) -> str:
        top = stack[-1]
        if ch in _WS:
            return "after"
        if top == "{":
            if ch == ":":
                stack[-1] = ":"
                return "value"
            raise _fail(ch, "after object key")
        if top == ":":
            if ch == ",":
                stack[-1] = "{"
                return "key"
            if ch == "}":
                stack.pop()
                return end_value(" ") if not stack else "after"
            raise _fail(ch, "after object key:value pair")
        if ch == ",":
            return "value"
        if ch == "]":
            stack.pop()
            return end_value(" ") if not stack else "after"
        raise _fail(ch, "after array element")

    def begin_value(ch: str) -> str:
        nonlocal literal, literal_pos
        if ch in _WS:
            return state
        if ch == "{":
            stack.append("{")
            return "key_or_empty"
        if ch == "[":
            stack.append("[")
            return "value_or_empty"
        if ch == '"':
            return "string"
        if ch == "-":
            return "neg"
        if ch == "0":
            return "zero"
        if "1" <= ch <= "9":
            return "int"
        if ch in "tfn":
            literal = {"t": "true", "f": "false", "n": "null"}[ch]
            literal_pos = 1
            return "literal"
        raise _fail(ch, "looking for beginning of value")

    for ch in list(text) + [" "]:
        if state == "end":
            state = end_top(ch)
        elif state == "after":
            state = end_value(ch) if not stack else after_value(ch)
        elif state == "value":
            state = begin_value(ch)
        elif state == "value_or_empty":
            if ch in _WS:
                continue
            if ch == "]":
                stack.pop()
                state = end_value(" ") if not stack else "after"
            else:
                state = begin_value(ch)
        elif state in ("key", "key_or_empty"):
            if ch in _WS:
                continue
            if ch == "}" and state == "key_or_empty":
                stack.pop()
                state = end_value(" ") if not stack else "after"
            elif ch == '"':
                state = "string"
            else:
                raise _fail(ch, "looking for beginning of object key string")
        elif state == "string":
            if ch == '"':
                state = "after" if stack else "end"
                if not stack:
                    done = True
            elif ch == "\\":
                state = "escape"
            elif ord(ch) < 0x20:
                raise _fail(ch, "in string literal")
        elif state == "escape":
            if ch in 'bfnrt\\/"':
                state = "string"
            elif ch == "u":
                state, hex_left = "unicode", 4
            else:
                raise _fail(ch, "in string escape code")
        elif state == "unicode":
            if ch not in _HEX:
                raise _fail(ch, "in \\u hexadecimal character escape")
            hex_left -= 1
            if hex_left == 0:
                state = "string"
        elif state == "neg":
            if ch == "0":
                state = "zero"
            elif "1" <= ch <= "9":
                state = "int"
            else:
                raise _fail(ch, "in numeric literal")
        elif state in ("int", "zero", "frac", "exp_digits"):
            if state in ("int", "frac", "exp_digits") and ch.isascii() and ch.isdigit():
                continue
            if state in ("int", "zero") and ch == ".":
                state = "dot"
            elif state in ("int", "zero", "frac") and ch in "eE":
                state = "exp"
            else:
                state = end_value(ch)
        elif state == "dot":
            if not (ch.isascii() and ch.isdigit()):
                raise _fail(ch, "after decimal point in numeric literal")
            state = "frac"
        elif state in ("exp", "exp_sign"):
            if state == "exp" and ch in "+-":
                state = "exp_sign"
            elif ch.isascii() and ch.isdigit():
                state = "exp_digits"
            else:
                raise _fail(ch, "in exponent of numeric literal")
        elif state == "literal":
            expected = literal[literal_pos]
            if ch != expected:
                raise _fail(ch, f"in literal {literal} (expecting {_quote_char(expected)})")
            literal_pos += 1
            if literal_pos == len(literal):
                state = "after" if stack else "end"
                if not stack:
                    done = True
    if not done or stack:
        raise JSONDecodeError("unexpected end of JSON input")


def decode(text: str) -> Any:
    """json.Unmarshal into interface{}; raises JSONDecodeError with Go's message."""
    validate(text)
    return json.loads(text, parse_int=float)
