"""`test` / `[` expressions: unary file and string tests, binary comparisons, ! -a -o ( )."""

from __future__ import annotations

from collections.abc import Callable

from .arith import parse_number
from .errors import ShellError

UNARY_FILE = set("bcdefghkprsuwxLSGO") | {"N"}
UNARY = UNARY_FILE | {"n", "z", "t"}
BINARY = {"=", "!=", "==", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"}


class TestEvaluator:
    """Evaluates POSIX test with dash's error messages (`[: -gt: argument expected`)."""

    def __init__(self, args: list[str], file_test: Callable[[str, str], bool]) -> None:
        self.args = args
        self.i = 0
        self.file_test = file_test

    def run(self) -> bool:
        n = len(self.args)
        if n == 0:
            return False
        # POSIX rules for few arguments avoid treating operands as operators.
        if n == 1:
            return self.args[0] != ""
        if n == 2 and self.args[0] == "!":
            return self.args[1] == ""
        if n == 3 and self.args[1] in BINARY:
            return self.binary(self.args[0], self.args[1], self.args[2])
        if n == 4 and self.args[0] == "!" and self.args[2] in BINARY:
            return not self.binary(self.args[1], self.args[2], self.args[3])
        result = self.or_expr()
        if self.i < len(self.args):
            # dash names the last word it understood, not the extra one
            raise ShellError(f"{self.args[self.i - 1]}: unexpected operator")
        return result

    def peek(self) -> str | None:
        return self.args[self.i] if self.i < len(self.args) else None

    def or_expr(self) -> bool:
        value = self.and_expr()
        while self.peek() == "-o":
            self.i += 1
            value = self.and_expr() or value
        return value

    def and_expr(self) -> bool:
        value = self.not_expr()
        while self.peek() == "-a":
            self.i += 1
            value = self.not_expr() and value
        return value

    def not_expr(self) -> bool:
        if self.peek() == "!":
            self.i += 1
            return not self.not_expr()
        return self.primary()

    def primary(self) -> bool:
        tok = self.peek()
        if tok is None:
            prev = self.args[self.i - 1] if self.i else ""
            raise ShellError(f"{prev}: argument expected")
        if tok == "(":
            self.i += 1
            value = self.or_expr()
            if self.peek() != ")":
                raise ShellError("closing paren expected")
            self.i += 1
            return value
        nxt = self.args[self.i + 1] if self.i + 1 < len(self.args) else None
        if nxt in BINARY:
            if self.i + 2 >= len(self.args):
                raise ShellError(f"{nxt}: argument expected")
            left, op, right = tok, nxt, self.args[self.i + 2]
            self.i += 3
            return self.binary(left, op, right)
        if len(tok) == 2 and tok[0] == "-" and tok[1] in UNARY:
            if nxt is None:
                raise ShellError(f"{tok}: argument expected")
            self.i += 2
            return self.unary(tok[1], nxt)
        self.i += 1
        return tok != ""

    def unary(self, op: str, arg: str) -> bool:
        if op == "n":
            return arg != ""
        if op == "z":
            return arg == ""
        if op == "t":
            return False
        return self.file_test(op, arg)

    def binary(self, left: str, op: str, right: str) -> bool:
        if op in ("=", "=="):
            return left == right
        if op == "!=":
            return left != right
        if op == "<":
            return left < right
        if op == ">":
            return left > right
        if op in ("-nt", "-ot", "-ef"):
            return self.file_test(op, left + "\0" + right)
        a, b = _integer(left), _integer(right)
        return {"-eq": a == b, "-ne": a != b, "-lt": a < b, "-le": a <= b,
                "-gt": a > b, "-ge": a >= b}[op]


def _integer(text: str) -> int:
    value = parse_number(text.strip()) if text.strip() else None
    if value is None or (text.strip().startswith("0") and len(text.strip()) > 1 and not text.strip().isdigit()):
        raise ShellError(f"Illegal number: {text}")
    # test compares decimal integers: a leading zero is not octal here
    return int(text.strip(), 10) if text.strip().lstrip("+-").isdigit() else value
