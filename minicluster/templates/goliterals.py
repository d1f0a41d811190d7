"""Go literal syntax as strconv reads it: integers with base prefixes and `_` separators,
floats (decimal and hex), rune constants and interpreted/raw strings."""

from __future__ import annotations

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1


class SyntaxErr(ValueError):
    """strconv.ErrSyntax: the message is `invalid syntax`."""

    def __init__(self) -> None:
        super().__init__("invalid syntax")


def underscore_ok(s: str) -> bool:
    """strconv's rule: '_' only between digits, or right after a base prefix."""
    saw = "^"
    i = 0
    if s[:1] in "+-":
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1] in "bBoOxX":
        i = 2
        saw = "0"
        hexa = s[1] in "xX"
    while i < len(s):
        c = s[i]
        if c.isdigit() or (hexa and c in "abcdefABCDEF"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def go_parse_int(text: str, base: int = 0, bits: int = 64) -> int:
    """strconv.ParseInt; raises SyntaxErr (a ValueError) or ValueError("value out of range")."""
    if not text:
        raise SyntaxErr()
    body = text
    negative = False
    if body[0] in "+-":
        negative = body[0] == "-"
        body = body[1:]
    base_zero = base == 0
    if base == 0:
        base = 10
        if body.startswith("0") and len(body) > 1:
            prefix = body[1].lower()
            if prefix == "x":
                base, body = 16, body[2:]
            elif prefix == "b":
                base, body = 2, body[2:]
            elif prefix == "o":
                base, body = 8, body[2:]
            else:
                base, body = 8, body[1:]
    if not body:
        raise SyntaxErr()
    if "_" in body:
        if not base_zero or not underscore_ok(text):
            raise SyntaxErr()
        body = body.replace("_", "")
    value = 0
    for ch in body.lower():
        digit = _DIGITS.find(ch)
        if digit < 0 or digit >= base:
            raise SyntaxErr()
        value = value * base + digit
    if negative:
        value = -value
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if value < low or value > high:
        raise ValueError("value out of range")
    return value


def go_parse_uint(text: str, base: int = 0) -> int:
    """strconv.ParseUint; raises SyntaxErr or ValueError (out of range)."""
    if text[:1] in "+-":
        raise SyntaxErr()
    value = go_parse_int(text, base, bits=66)
    if value > UINT64_MAX:
        raise ValueError("value out of range")
    return value


def parse_uint(s: str) -> int:
    """strconv.ParseUint(s, 0, 64)."""
    return go_parse_uint(s)


def parse_int(s: str) -> int:
    """strconv.ParseInt(s, 0, 64)."""
    return go_parse_int(s)


def parse_float(s: str) -> float:
    """strconv.ParseFloat(s, 64): Go float syntax, underscores included (3E8_3 is 3e83)."""
    if not s:
        raise SyntaxErr()
    body = s
    sign = ""
    if body[0] in "+-":
        sign, body = body[0], body[1:]
    if "_" in body:
        if not underscore_ok(body):
            raise SyntaxErr()
        body = body.replace("_", "")
    low = body.lower()
    if low in ("inf", "infinity", "nan"):
        return float(sign + low)
    try:
        if low.startswith("0x"):
            if "p" not in low:
                raise SyntaxErr()
            v = float.fromhex(sign + body)
        else:
            if not body or any(c not in "0123456789.eE+-" for c in body):
                raise SyntaxErr()
            v = float(sign + body)
    except (ValueError, OverflowError) as e:
        raise SyntaxErr() from e
    if v in (float("inf"), float("-inf")):
        raise ValueError("value out of range")
    return v


_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def unquote_char(s: str, i: int, quote: str) -> tuple[str, int]:
    """strconv.UnquoteChar: decode one character of s starting at i; returns (char, next i)."""
    c = s[i]
    if c == quote and quote in "'\"":
        raise SyntaxErr()
    if c != "\\":
        return c, i + 1
    if i + 1 >= len(s):
        raise SyntaxErr()
    e = s[i + 1]
    i += 2
    if e in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[e], i
    if e in ("'", '"'):
        if e != quote:
            raise SyntaxErr()
        return e, i
    if e in "xuU":
        n = {"x": 2, "u": 4, "U": 8}[e]
        hexs = s[i : i + n]
        if len(hexs) < n or any(ch not in "0123456789abcdefABCDEF" for ch in hexs):
            raise SyntaxErr()
        v = int(hexs, 16)
        i += n
        if e == "x":
            if quote == "'":
                return chr(v), i
            # a \x byte in a string: keep it as the raw byte value
            return chr(v), i
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise SyntaxErr()
        return chr(v), i
    if e in "01234567":
        octs = s[i - 1 : i + 2]
        if len(octs) < 3 or any(ch not in "01234567" for ch in octs):
            raise SyntaxErr()
        v = int(octs, 8)
        if v > 255:
            raise SyntaxErr()
        return chr(v), i + 2
    raise SyntaxErr()


def unquote(s: str) -> str:
    """strconv.Unquote for "..." and `...` literals."""
    if len(s) < 2:
        raise SyntaxErr()
    q = s[0]
    if q != s[-1]:
        raise SyntaxErr()
    body = s[1:-1]
    if q == "`":
        if "`" in body:
            raise SyntaxErr()
        return body.replace("\r", "")
    if q not in "\"'":
        raise SyntaxErr()
    if "\n" in body:
        raise SyntaxErr()
    if "\\" not in body and q not in body:
        if q == "'" and len(body) != 1:
            raise SyntaxErr()
        return body
    out = []
    i = 0
    while i < len(body):
        ch, i = unquote_char(body, i, q)
        out.append(ch)
        if q == "'" and i < len(body):
            raise SyntaxErr()
    return "".join(out)
