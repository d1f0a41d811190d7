"""Shell arithmetic `$((...))`: C integer expressions with C precedence, evaluated by hand
(never by Python's eval), with dash's error texts."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .errors import ShellError

_TOKEN = re.compile(
    r"\s*(?:(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)|([A-Za-z_][A-Za-z0-9_]*)|"
    r"(<<=|>>=|&&|\|\||==|!=|<=|>=|<<|>>|\+=|-=|\*=|/=|%=|&=|\^=|\|=|[-+*/%<>&|^!~?:=()]))"
)
_BINARY = {
    "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6,
    "<": 7, ">": 7, "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
}
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="}
_MASK = (1 << 64) - 1


def _wrap(n: int) -> int:
    n &= _MASK
    return n - (1 << 64) if n >> 63 else n


_HEX = re.compile(r"0[xX][0-9a-fA-F]+")
_OCTAL = re.compile(r"0[0-7]+")


def parse_number(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and (text[0] != "0" or len(text) == 1):
        return int(text)
    sign = 1
    if text[:1] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    try:
        if _HEX.fullmatch(text):
            return sign * int(text, 16)
        if _OCTAL.fullmatch(text):
            return sign * int(text, 8)
        if re.fullmatch(r"\d+", text):
            return sign * int(text)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=256)
def _tokenize(text: str) -> tuple[tuple[str, str], ...]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            tokens.append(("bad", text[pos:].strip()[:1]))
            break
        if m.group(1):
            tokens.append(("num", m.group(1)))
        elif m.group(2):
            tokens.append(("name", m.group(2)))
        else:
            tokens.append(("op", m.group(3)))
        pos = m.end()
    return tuple(tokens)


class Arithmetic:
    def __init__(
        self, text: str, get: Callable[[str], str | None], set_: Callable[[str, str], None],
        power: bool = False,
    ) -> None:
        self.power = power  # `**` (bash and BusyBox ash; dash has none)
        self.text = text
        self.get = get
        self.set = set_
        self.tokens = _tokenize(text)
        self.i = 0

    def error(self, what: str) -> ShellError:
        return ShellError(f'arithmetic expression: {what}: "{self.text}"')

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def evaluate(self) -> int:
        if not self.tokens:
            raise self.error("expecting primary")
        value = self.expr(True)
        if self.peek() is not None:
            raise self.error("expecting EOF")
        return value

    def expr(self, live: bool) -> int:
        tok = self.peek()
        nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
        if tok and tok[0] == "name" and nxt and nxt[0] == "op" and nxt[1] in _ASSIGN:
            self.i += 2
            value = self.expr(live)
            if live:
                if nxt[1] != "=":
                    value = self.apply(nxt[1][:-1], self.variable(tok[1]), value)
                self.set(tok[1], str(value))
            return value
        return self.ternary(live)

    def ternary(self, live: bool) -> int:
        cond = self.binary(1, live)
        tok = self.peek()
        if tok == ("op", "?"):
            self.i += 1
            a = self.expr(live and cond != 0)
            if self.peek() != ("op", ":"):
                raise self.error("expecting ':'")
            self.i += 1
            b = self.expr(live and cond == 0)
            return a if cond else b
        return cond

    def binary(self, min_prec: int, live: bool) -> int:
        left = self.unary(live)
        while True:
            tok = self.peek()
            if not tok or tok[0] != "op" or tok[1] not in _BINARY or _BINARY[tok[1]] < min_prec:
                return left
            op = tok[1]
            self.i += 1
            if op == "&&":
                right = self.binary(_BINARY[op] + 1, live and left != 0)
                left = int(bool(left) and bool(right))
            elif op == "||":
                right = self.binary(_BINARY[op] + 1, live and left == 0)
                left = int(bool(left) or bool(right))
            else:
                right = self.binary(_BINARY[op] + 1, live)
                left = self.apply(op, left, right) if live else 0

    def apply(self, op: str, a: int, b: int) -> int:
        if op in ("/", "%") and b == 0:
            raise self.error("division by zero")
        if op == "/":
            if a == -(1 << 63) and b == -1:
                return (1 << 63) - 1  # dash's answer to the one overflowing division
            q = abs(a) // abs(b)
            return _wrap(q if (a >= 0) == (b >= 0) else -q)
        if op == "%":
            r = abs(a) % abs(b)
            return r if a >= 0 else -r
        result = {
            "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
            "<<": lambda: a << (b & 63), ">>": lambda: a >> (b & 63),
            "<": lambda: int(a < b), ">": lambda: int(a > b), "<=": lambda: int(a <= b),
            ">=": lambda: int(a >= b), "==": lambda: int(a == b), "!=": lambda: int(a != b),
            "&": lambda: a & b, "|": lambda: a | b, "^": lambda: a ^ b,
        }[op]()
        return _wrap(result)

    def unary(self, live: bool) -> int:
        value = self._unary(live)
        if self.power and self.peek() == ("op", "*") and self.i + 1 < len(self.tokens) \
                and self.tokens[self.i + 1] == ("op", "*"):
            self.i += 2
            exponent = self.unary(live)  # right-associative, tighter than * / %
            if exponent < 0:
                raise self.error("exponent less than 0")
            return _wrap(value ** min(exponent, 64 if abs(value) > 1 else exponent)) if live else 0
        return value

    def _unary(self, live: bool) -> int:
        tok = self.peek()
        if tok is None:
            raise self.error("expecting primary")
        if tok[0] == "op" and tok[1] in ("-", "+", "!", "~"):
            self.i += 1
            value = self.unary(live)
            return _wrap({"-": -value, "+": value, "!": int(not value), "~": ~value}[tok[1]])
        if tok == ("op", "("):
            self.i += 1
            value = self.expr(live)
            if self.peek() != ("op", ")"):
                raise self.error("expecting ')'")
            self.i += 1
            return value
        if tok[0] == "num":
            self.i += 1
            number = parse_number(tok[1])
            if number is None:
                raise self.error("expecting primary")
            return _wrap(number)
        if tok[0] == "name":
            self.i += 1
            return self.variable(tok[1]) if live else 0
        raise self.error("expecting primary")

    def variable(self, name: str) -> int:
        raw = self.get(name)
        if raw is None or raw == "":
            return 0
        value = parse_number(raw)
        if value is None:
            raise ShellError(f"Illegal number: {raw}")
        return value
