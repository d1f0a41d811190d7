"""A small awk (mawk on Debian images, BusyBox awk on BusyBox ones): patterns and actions,
BEGIN/END, fields, variables, associative arrays, the usual statements and built-in functions.
Not supported: getline, user-defined functions, range patterns, system(), pipes in print."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from minicluster.runtime.shell.fmt import InvalidDirective, printf_text
from minicluster.runtime.vfs import VfsError

from .context import ProgramContext
from .regex import compile_posix
from .registry import program


class AwkError(Exception):
    pass


class NextRecord(Exception):
    pass


class ExitProgram(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


# -- lexer --------------------------------------------------------------------------------------
_TOKEN = re.compile(r"""
    (?P<ws>[ \t]+|\\\n|\#[^\n]*)
  | (?P<newline>\n)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<funcname>[A-Za-z_][A-Za-z0-9_]*(?=\())
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\+\+|--|\+=|-=|\*=|/=|%=|\^=|==|!=|<=|>=|&&|\|\||!~|>>|[-+*/%^!<>=~?:;,(){}\[\]$|])
""", re.VERBOSE)

KEYWORDS = {"BEGIN", "END", "if", "else", "while", "for", "do", "in", "next", "exit", "print",
            "printf", "delete", "break", "continue", "getline", "return", "function"}
BUILTINS = {"length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower",
            "toupper", "int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system"}


@dataclass
class Tok:
    kind: str
    value: str


def tokenize(src: str) -> list[Tok]:
    tokens: list[Tok] = []
    pos = 0
    while pos < len(src):
        c = src[pos]
        if c == "/" and _regex_allowed(tokens):
            end = pos + 1
            while end < len(src) and src[end] != "/":
                if src[end] == "\\":
                    end += 1
                if end < len(src) and src[end] == "\n":
                    raise AwkError("runaway regular expression")
                end += 1
            if end >= len(src):
                raise AwkError("runaway regular expression /" + src[pos + 1:pos + 11] + " ...")
            tokens.append(Tok("regex", src[pos + 1:end]))
            pos = end + 1
            continue
        m = _TOKEN.match(src, pos)
        if not m:
            raise AwkError(f"syntax error at or near {c}")
        kind = m.lastgroup or ""
        text = m.group(0)
        pos = m.end()
        if kind == "ws":
            continue
        if kind == "name" and text in KEYWORDS:
            kind = "kw"
        if kind == "funcname" and text in KEYWORDS:
            kind = "kw"
        if kind == "name" and text in BUILTINS:
            kind = "funcname"
        tokens.append(Tok(kind, text))
    tokens.append(Tok("eof", ""))
    return tokens


def _regex_allowed(tokens: list[Tok]) -> bool:
    if not tokens:
        return True
    last = tokens[-1]
    if last.kind in ("number", "string", "name", "regex"):
        return False
    if last.kind == "op" and last.value in (")", "]", "$", "++", "--"):
        return False
    return True


# -- parser: a tree of tuples --------------------------------------------------------------------
class Parser:
    def __init__(self, src: str) -> None:
        self.toks = tokenize(src)
        self.i = 0

    def peek(self, offset: int = 0) -> Tok:
        return self.toks[min(self.i + offset, len(self.toks) - 1)]

    def take(self) -> Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, value: str | None = None) -> bool:
        tok = self.peek()
        return tok.kind == kind and (value is None or tok.value == value)

    def expect(self, kind: str, value: str | None = None) -> Tok:
        if not self.at(kind, value):
            raise AwkError(f"syntax error at or near {self.peek().value or 'end of file'}")
        return self.take()

    def skip_newlines(self) -> None:
        while self.at("newline") or self.at("op", ";"):
            self.take()

    def skip_nl(self) -> None:
        while self.at("newline"):
            self.take()

    def program(self) -> list[tuple[Any, Any]]:
        items: list[tuple[Any, Any]] = []
        self.skip_newlines()
        while not self.at("eof"):
            if self.at("kw", "BEGIN") or self.at("kw", "END"):
                pattern: Any = self.take().value
                self.skip_nl()
                items.append((pattern, self.block()))
            else:
                pattern = None if self.at("op", "{") else self.expr()
                action = self.block() if self.at("op", "{") else None
                items.append((pattern, action))
            self.skip_newlines()
        return items

    def block(self) -> list[Any]:
        self.expect("op", "{")
        body = self.statements("}")
        self.expect("op", "}")
        return body

    def statements(self, end: str) -> list[Any]:
        body = []
        self.skip_newlines()
        while not self.at("op", end):
            if self.at("eof"):
                raise AwkError("syntax error at or near end of file")
            body.append(self.statement())
            self.skip_newlines()
        return body

    def simple_end(self) -> None:
        if self.at("op", ";") or self.at("newline"):
            self.take()
        elif not (self.at("op", "}") or self.at("eof")):
            raise AwkError(f"syntax error at or near {self.peek().value}")

    def statement(self) -> Any:
        tok = self.peek()
        if tok.kind == "op" and tok.value == "{":
            return ("block", self.block())
        if tok.kind == "kw":
            word = tok.value
            if word == "if":
                self.take()
                self.expect("op", "(")
                cond = self.expr()
                self.expect("op", ")")
                self.skip_nl()
                then = self.statement()
                self.skip_newlines_before_else()
                other = None
                if self.at("kw", "else"):
                    self.take()
                    self.skip_nl()
                    other = self.statement()
                return ("if", cond, then, other)
            if word == "while":
                self.take()
                self.expect("op", "(")
                cond = self.expr()
                self.expect("op", ")")
                self.skip_nl()
                return ("while", cond, self.statement())
            if word == "for":
                self.take()
                self.expect("op", "(")
                if self.peek().kind == "name" and self.peek(1).value == "in":
                    var = self.take().value
                    self.take()
                    array = self.expect("name").value
                    self.expect("op", ")")
                    self.skip_nl()
                    return ("forin", var, array, self.statement())
                init = None if self.at("op", ";") else self.expr()
                self.expect("op", ";")
                cond = None if self.at("op", ";") else self.expr()
                self.expect("op", ";")
                step = None if self.at("op", ")") else self.expr()
                self.expect("op", ")")
                self.skip_nl()
                return ("for", init, cond, step, self.statement())
            if word in ("next", "break", "continue"):
                self.take()
                self.simple_end()
                return (word,)
            if word == "exit":
                self.take()
                value = None if self.at("op", ";") or self.at("newline") or self.at("op", "}") else self.expr()
                self.simple_end()
                return ("exit", value)
            if word == "delete":
                self.take()
                name = self.expect("name").value
                index = None
                if self.at("op", "["):
                    self.take()
                    index = self.expr_list("]")
                    self.expect("op", "]")
                self.simple_end()
                return ("delete", name, index)
            if word in ("print", "printf"):
                self.take()
                args: list[Any] = []
                if self.at("op", "(") and self._parenthesized_list():
                    self.take()
                    args = self.expr_list(")", no_gt=False)
                    self.expect("op", ")")
                elif not (self.at("op", ";") or self.at("newline") or self.at("op", "}")
                          or self.at("op", ">") or self.at("op", ">>") or self.at("op", "|")):
                    args = self.expr_list(None, no_gt=True)
                target = None
                if self.at("op", ">") or self.at("op", ">>"):
                    mode = self.take().value
                    target = (mode, self.concat(no_gt=True))
                elif self.at("op", "|"):
                    raise AwkError("output to a pipe is not supported in the sandbox")
                self.simple_end()
                return (word, args, target)
            if word == "getline":
                raise AwkError("getline is not supported in the sandbox")
            if word == "function":
                raise AwkError("user-defined functions are not supported in the sandbox")
        expr = self.expr()
        self.simple_end()
        return ("expr", expr)

    def skip_newlines_before_else(self) -> None:
        save = self.i
        while self.at("newline") or self.at("op", ";"):
            self.take()
        if not self.at("kw", "else"):
            self.i = save

    def _parenthesized_list(self) -> bool:
        """`print (a, b)` vs `print (a) b`: a parenthesis that closes the whole list."""
        depth = 0
        j = self.i
        while j < len(self.toks):
            tok = self.toks[j]
            if tok.kind == "op" and tok.value in "([":
                depth += 1
            elif tok.kind == "op" and tok.value in ")]":
                depth -= 1
                if depth == 0:
                    nxt = self.toks[j + 1]
                    return nxt.kind in ("newline", "eof") or (nxt.kind == "op" and nxt.value in (";", "}", ">", ">>", "|"))
            j += 1
        return False

    def expr_list(self, end: str | None, no_gt: bool = False) -> list[Any]:
        items = [self.expr(no_gt)]
        while self.at("op", ","):
            self.take()
            self.skip_nl()
            items.append(self.expr(no_gt))
        return items

    # precedence climbing, lowest first
    def expr(self, no_gt: bool = False) -> Any:
        return self.ternary(no_gt)

    def ternary(self, no_gt: bool) -> Any:
        cond = self.or_(no_gt)
        if self.at("op", "?"):
            self.take()
            a = self.ternary(no_gt)
            self.expect("op", ":")
            b = self.ternary(no_gt)
            return ("?:", cond, a, b)
        if self.at("op") and self.peek().value in ("=", "+=", "-=", "*=", "/=", "%=", "^=") and cond[0] in ("var", "field", "index"):
            op = self.take().value
            value = self.ternary(no_gt)
            return ("assign", op, cond, value)
        return cond

    def or_(self, no_gt: bool) -> Any:
        left = self.and_(no_gt)
        while self.at("op", "||"):
            self.take()
            self.skip_nl()
            left = ("||", left, self.and_(no_gt))
        return left

    def and_(self, no_gt: bool) -> Any:
        left = self.in_(no_gt)
        while self.at("op", "&&"):
            self.take()
            self.skip_nl()
            left = ("&&", left, self.in_(no_gt))
        return left

    def in_(self, no_gt: bool) -> Any:
        left = self.match(no_gt)
        while self.at("kw", "in"):
            self.take()
            left = ("in", left, self.expect("name").value)
        return left

    def match(self, no_gt: bool) -> Any:
        left = self.compare(no_gt)
        while self.at("op", "~") or self.at("op", "!~"):
            op = self.take().value
            left = (op, left, self.compare(no_gt))
        return left

    def compare(self, no_gt: bool) -> Any:
        left = self.concat(no_gt)
        ops = ("<", "<=", "==", "!=", ">=") + (() if no_gt else (">",))
        if self.at("op") and self.peek().value in ops:
            op = self.take().value
            return ("cmp", op, left, self.concat(no_gt))
        return left

    def concat(self, no_gt: bool = False) -> Any:
        left = self.additive()
        while self._starts_operand():
            left = ("concat", left, self.additive())
        return left

    def _starts_operand(self) -> bool:
        tok = self.peek()
        if tok.kind in ("number", "string", "name", "funcname", "regex"):
            return True
        return tok.kind == "op" and tok.value in ("$", "(", "!", "++", "--") and not (
            tok.value == "!" and self.peek(1).value in ("=", "~"))

    def additive(self) -> Any:
        left = self.multiplicative()
        while self.at("op", "+") or self.at("op", "-"):
            op = self.take().value
            left = ("arith", op, left, self.multiplicative())
        return left

    def multiplicative(self) -> Any:
        left = self.unary()
        while self.at("op") and self.peek().value in ("*", "/", "%"):
            op = self.take().value
            left = ("arith", op, left, self.unary())
        return left

    def unary(self) -> Any:
        if self.at("op", "!"):
            self.take()
            return ("!", self.unary())
        if self.at("op", "-"):
            self.take()
            return ("neg", self.unary())
        if self.at("op", "+"):
            self.take()
            return ("num", self.unary())
        return self.power()

    def power(self) -> Any:
        base = self.postfix()
        if self.at("op", "^"):
            self.take()
            return ("arith", "^", base, self.unary())
        return base

    def postfix(self) -> Any:
        if self.at("op", "++") or self.at("op", "--"):
            op = self.take().value
            return ("preinc", op, self.postfix())
        node = self.primary()
        if node[0] in ("var", "field", "index") and (self.at("op", "++") or self.at("op", "--")):
            return ("postinc", self.take().value, node)
        return node

    def primary(self) -> Any:
        tok = self.take()
        if tok.kind == "number":
            return ("const", float(tok.value))
        if tok.kind == "string":
            return ("const", _unescape(tok.value[1:-1]))
        if tok.kind == "regex":
            return ("regex", tok.value)
        if tok.kind == "op" and tok.value == "$":
            return ("field", self.postfix_operand())
        if tok.kind == "op" and tok.value == "(":
            inner = self.expr()
            if self.at("op", ","):  # (i, j) in array
                items = [inner]
                while self.at("op", ","):
                    self.take()
                    items.append(self.expr())
                self.expect("op", ")")
                return ("group", items)
            self.expect("op", ")")
            return inner
        if tok.kind == "funcname":
            name = tok.value
            args: list[Any] = []
            if self.at("op", "("):
                self.take()
                if not self.at("op", ")"):
                    args = self.expr_list(")")
                self.expect("op", ")")
            return ("call", name, args)
        if tok.kind == "name":
            if self.at("op", "["):
                self.take()
                index = self.expr_list("]")
                self.expect("op", "]")
                return ("index", tok.value, index)
            return ("var", tok.value)
        raise AwkError(f"syntax error at or near {tok.value or 'end of file'}")

    def postfix_operand(self) -> Any:
        if self.at("op", "(") or self.at("op", "$"):
            return self.primary()
        if self.at("op", "-"):
            self.take()
            return ("neg", self.postfix_operand())
        if self.at("op", "++") or self.at("op", "--"):
            op = self.take().value
            return ("preinc", op, self.primary())
        return self.primary()


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"',
                                        "/": "/", "a": "\a", "b": "\b"}.get(m.group(1), "\\" + m.group(1)), text)


# -- values --------------------------------------------------------------------------------------
class StrNum(str):
    """Input text (fields, -v values): compares as a number when it looks like one."""


class Uninit(StrNum):
    """An unset variable or array element: both 0 and "" at once."""


UNINIT = Uninit("")
_NUMERIC = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
_LEADING = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def to_num(value: Any) -> float:
    if isinstance(value, float):
        return value
    m = _LEADING.match(value)
    return float(m.group(0)) if m else 0.0


def to_str(value: Any, fmt: str = "%.6g") -> str:
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e16:
            return str(int(value))
        return fmt % value
    return str(value)


def looks_numeric(value: Any) -> bool:
    return isinstance(value, (float, Uninit)) or (isinstance(value, StrNum) and bool(_NUMERIC.match(value)))


# -- interpreter ---------------------------------------------------------------------------------
class Interpreter:
    def __init__(self, ctx: ProgramContext, items: list[tuple[Any, Any]], assigns: dict[str, str]) -> None:
        self.ctx = ctx
        self.items = items
        self.vars: dict[str, Any] = {"FS": " ", "OFS": " ", "ORS": "\n", "NR": 0.0, "NF": 0.0,
                                     "FNR": 0.0, "SUBSEP": "\x1c", "RSTART": 0.0, "RLENGTH": -1.0,
                                     "FILENAME": "", "OFMT": "%.6g", "CONVFMT": "%.6g"}
        for name, value in assigns.items():
            self.vars[name] = StrNum(_unescape(value))
        self.arrays: dict[str, dict[str, Any]] = {}
        self.fields: list[Any] = [StrNum("")]
        self.outputs: dict[str, Any] = {}
        self.regex_cache: dict[str, re.Pattern[str]] = {}

    def regex(self, text: str) -> re.Pattern[str]:
        rx = self.regex_cache.get(text)
        if rx is None:
            rx = compile_posix(text, extended=True)
            self.regex_cache[text] = rx
        return rx

    # records
    def set_record(self, line: str) -> None:
        self.fields = [StrNum(line)] + [StrNum(f) for f in self.split(line, self.vars["FS"])]
        self.vars["NF"] = float(len(self.fields) - 1)

    def split(self, text: str, fs: Any) -> list[str]:
        fs = to_str(fs)
        if fs == " ":
            return text.split()
        if text == "":
            return []
        if len(fs) == 1 and fs != "\\":
            return text.split(fs)
        return self.regex(fs).split(text)

    def rebuild(self) -> None:
        self.fields[0] = StrNum(to_str(self.vars["OFS"]).join(to_str(f) for f in self.fields[1:]))

    def get_field(self, index: int) -> Any:
        if index < 0:
            raise AwkError(f"trying to access out of range field {index}")
        return self.fields[index] if index < len(self.fields) else StrNum("")

    def set_field(self, index: int, value: Any) -> None:
        if index == 0:
            self.set_record(to_str(value))
            return
        while len(self.fields) <= index:
            self.fields.append(StrNum(""))
        self.fields[index] = value
        self.vars["NF"] = float(len(self.fields) - 1)
        self.rebuild()

    # running
    def run(self, inputs: list[str]) -> int:
        try:
            for pattern, action in self.items:
                if pattern == "BEGIN":
                    self.execute(action)
            if any(p not in ("BEGIN",) for p, _ in self.items):
                self.main_loop(inputs)
            status = 0
        except ExitProgram as stop:
            status = stop.status
            try:
                for pattern, action in self.items:
                    if pattern == "END":
                        self.execute(action)
            except ExitProgram as again:
                status = again.status
            return status
        try:
            for pattern, action in self.items:
                if pattern == "END":
                    self.execute(action)
        except ExitProgram as stop:
            status = stop.status
        return status

    def main_loop(self, inputs: list[str]) -> None:
        if not any(p not in ("BEGIN", "END") for p, _ in self.items) and not any(p == "END" for p, _ in self.items):
            return
        for path in inputs or ["-"]:
            if "=" in path and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", path):
                name, _, value = path.partition("=")
                self.vars[name] = StrNum(_unescape(value))
                continue
            try:
                stream = self.ctx.open_stream(path)
            except VfsError as err:
                if self.ctx.flavor == "gnu":  # mawk
                    self.ctx.error(f"cannot open {path} ({err.strerror})")
                    raise ExitProgram(2) from None
                self.ctx.error(f"{path}: {err.strerror}")
                raise ExitProgram(1) from None
            self.vars["FILENAME"] = "" if path == "-" else path
            self.vars["FNR"] = 0.0
            while line := stream.readline():
                self.ctx.tick()
                self.vars["NR"] = to_num(self.vars["NR"]) + 1
                self.vars["FNR"] = to_num(self.vars["FNR"]) + 1
                self.set_record(line[:-1] if line.endswith("\n") else line)
                try:
                    for pattern, action in self.items:
                        if pattern in ("BEGIN", "END"):
                            continue
                        if pattern is None or self.truth(self.eval(pattern)):
                            if action is None:
                                self.write(to_str(self.fields[0]) + to_str(self.vars["ORS"]), None)
                            else:
                                self.execute(action)
                except NextRecord:
                    continue

    def execute(self, body: list[Any]) -> None:
        for stmt in body:
            self.stmt(stmt)

    def stmt(self, s: Any) -> None:
        self.ctx.tick()
        kind = s[0]
        if kind == "expr":
            self.eval(s[1])
        elif kind in ("print", "printf"):
            args, target = s[1], s[2]
            if kind == "print":
                text = to_str(self.vars["OFS"]).join(
                    self.output_str(self.eval(a)) for a in args) if args else to_str(self.fields[0])
                text += to_str(self.vars["ORS"])
            else:
                if not args:
                    raise AwkError("printf: no format")
                values = [self.eval(a) for a in args]
                text = self.sprintf(values)
            self.write(text, target)
        elif kind == "block":
            self.execute(s[1])
        elif kind == "if":
            if self.truth(self.eval(s[1])):
                self.stmt(s[2])
            elif s[3] is not None:
                self.stmt(s[3])
        elif kind == "while":
            while self.truth(self.eval(s[1])):
                try:
                    self.stmt(s[2])
                except _Break:
                    break
                except _Continue:
                    continue
        elif kind == "for":
            if s[1] is not None:
                self.eval(s[1])
            while s[2] is None or self.truth(self.eval(s[2])):
                try:
                    self.stmt(s[4])
                except _Break:
                    break
                except _Continue:
                    pass
                if s[3] is not None:
                    self.eval(s[3])
        elif kind == "forin":
            for key in list(self.arrays.get(s[2], {})):
                self.vars[s[1]] = StrNum(key)
                try:
                    self.stmt(s[3])
                except _Break:
                    break
                except _Continue:
                    continue
        elif kind == "next":
            raise NextRecord()
        elif kind == "break":
            raise _Break()
        elif kind == "continue":
            raise _Continue()
        elif kind == "exit":
            raise ExitProgram(int(to_num(self.eval(s[1]))) if s[1] is not None else 0)
        elif kind == "delete":
            if s[2] is None:
                self.arrays.pop(s[1], None)
            else:
                self.arrays.get(s[1], {}).pop(self.key(s[2]), None)

    def output_str(self, value: Any) -> str:
        return to_str(value, to_str(self.vars["OFMT"]))

    def write(self, text: str, target: Any) -> None:
        if target is None:
            self.ctx.stdout.write(text)
            return
        mode, expr = target
        path = to_str(self.eval(expr))
        out = self.outputs.get(path)
        if out is None:
            out = self.ctx.open_out(path, append=mode == ">>")
            self.outputs[path] = out
        out.write(text)

    def sprintf(self, values: list[Any]) -> str:
        fmt = to_str(values[0])
        args = [to_str(v) if not isinstance(v, float) else repr(v) if v != int(v) else str(int(v))
                for v in values[1:]]
        try:
            return printf_text(fmt, args, lambda text: None)
        except InvalidDirective as err:
            raise AwkError(f"bad conversion: {err}") from None

    def key(self, index: list[Any]) -> str:
        return to_str(self.vars["SUBSEP"]).join(to_str(self.eval(i)) for i in index)

    def truth(self, value: Any) -> bool:
        if isinstance(value, float):
            return value != 0
        if isinstance(value, StrNum) and _NUMERIC.match(value):
            return float(value) != 0
        return value != ""

    def assign(self, target: Any, value: Any) -> Any:
        kind = target[0]
        if kind == "var":
            self.vars[target[1]] = value
            if target[1] == "NF":
                count = int(to_num(value))
                self.fields = self.fields[: count + 1] + [StrNum("")] * max(0, count + 1 - len(self.fields))
                self.rebuild()
        elif kind == "field":
            self.set_field(int(to_num(self.eval(target[1]))), value)
        elif kind == "index":
            self.arrays.setdefault(target[1], {})[self.key(target[2])] = value
        return value

    def eval(self, e: Any) -> Any:  # noqa: C901 - one dispatch on the node kind
        kind = e[0]
        if kind == "const":
            return e[1]
        if kind == "var":
            return self.vars.get(e[1], UNINIT)
        if kind == "field":
            return self.get_field(int(to_num(self.eval(e[1]))))
        if kind == "index":
            return self.arrays.setdefault(e[1], {}).setdefault(self.key(e[2]), UNINIT)
        if kind == "regex":
            return 1.0 if self.regex(e[1]).search(to_str(self.fields[0])) else 0.0
        if kind == "assign":
            op, target, value = e[1], e[2], self.eval(e[3])
            if op != "=":
                value = self.arith(op[0], self.eval(target), value)
            return self.assign(target, value)
        if kind in ("preinc", "postinc"):
            old = to_num(self.eval(e[2]))
            new = old + (1 if e[1] == "++" else -1)
            self.assign(e[2], new)
            return new if kind == "preinc" else old
        if kind == "arith":
            return self.arith(e[1], self.eval(e[2]), self.eval(e[3]))
        if kind == "neg":
            return -to_num(self.eval(e[1]))
        if kind == "num":
            return to_num(self.eval(e[1]))
        if kind == "!":
            return 0.0 if self.truth(self.eval(e[1])) else 1.0
        if kind == "concat":
            return to_str(self.eval(e[1]), to_str(self.vars["CONVFMT"])) + to_str(self.eval(e[2]), to_str(self.vars["CONVFMT"]))
        if kind == "cmp":
            a, b = self.eval(e[2]), self.eval(e[3])
            if looks_numeric(a) and looks_numeric(b):
                x, y = to_num(a), to_num(b)
            else:
                x, y = to_str(a), to_str(b)  # type: ignore[assignment]
            return 1.0 if {"<": x < y, "<=": x <= y, "==": x == y, "!=": x != y,
                           ">": x > y, ">=": x >= y}[e[1]] else 0.0
        if kind in ("~", "!~"):
            pattern = e[2][1] if e[2][0] == "regex" else to_str(self.eval(e[2]))
            hit = self.regex(pattern).search(to_str(self.eval(e[1]))) is not None
            return 1.0 if hit == (kind == "~") else 0.0
        if kind == "&&":
            return 1.0 if self.truth(self.eval(e[1])) and self.truth(self.eval(e[2])) else 0.0
        if kind == "||":
            return 1.0 if self.truth(self.eval(e[1])) or self.truth(self.eval(e[2])) else 0.0
        if kind == "?:":
            return self.eval(e[2]) if self.truth(self.eval(e[1])) else self.eval(e[3])
        if kind == "in":
            key = self.key(e[1][1]) if e[1][0] == "group" else to_str(self.eval(e[1]))
            return 1.0 if key in self.arrays.get(e[2], {}) else 0.0
        if kind == "group":
            return self.key(e[1])
        if kind == "call":
            return self.call(e[1], e[2])
        raise AwkError(f"unsupported expression {kind}")

    def arith(self, op: str, a: Any, b: Any) -> float:
        x, y = to_num(a), to_num(b)
        if op in ("/", "%") and y == 0:
            raise AwkError("division by zero" if op == "/" else "division by zero in %")
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            return x / y
        if op == "%":
            return math.fmod(x, y)
        return float(x ** y)

    def call(self, name: str, args: list[Any]) -> Any:
        def arg(i: int) -> Any:
            return self.eval(args[i])

        if name == "length":
            if not args:
                return float(len(to_str(self.fields[0])))
            if args[0][0] == "var" and args[0][1] in self.arrays:
                return float(len(self.arrays[args[0][1]]))
            return float(len(to_str(arg(0))))
        if name == "substr":
            text = to_str(arg(0))
            start = round(to_num(arg(1)))
            length = round(to_num(arg(2))) if len(args) > 2 else len(text) + 1
            begin = max(start, 1)
            end = start + length
            return text[begin - 1:max(begin - 1, end - 1)]
        if name == "index":
            return float(to_str(arg(0)).find(to_str(arg(1))) + 1)
        if name == "split":
            parts = self.split(to_str(arg(0)), arg(2) if len(args) > 2 else self.vars["FS"])
            target = args[1][1]
            self.arrays[target] = {str(i + 1): StrNum(p) for i, p in enumerate(parts)}
            return float(len(parts))
        if name in ("sub", "gsub"):
            pattern = args[0][1] if args[0][0] == "regex" else to_str(arg(0))
            repl = to_str(arg(1))
            target = args[2] if len(args) > 2 else ("field", ("const", 0.0))
            text = to_str(self.eval(target))
            count = 0

            def replace(m: re.Match[str]) -> str:
                nonlocal count
                count += 1
                return re.sub(r"\\&|&", lambda r: "&" if r.group(0) == "\\&" else m.group(0), repl)

            result = self.regex(pattern).sub(replace, text, count=0 if name == "gsub" else 1)
            if count:
                self.assign(target, result)
            return float(count)
        if name == "match":
            m = self.regex(args[1][1] if args[1][0] == "regex" else to_str(arg(1))).search(to_str(arg(0)))
            self.vars["RSTART"] = float(m.start() + 1) if m else 0.0
            self.vars["RLENGTH"] = float(len(m.group(0))) if m else -1.0
            return self.vars["RSTART"]
        if name == "sprintf":
            return self.sprintf([self.eval(a) for a in args])
        if name == "tolower":
            return to_str(arg(0)).lower()
        if name == "toupper":
            return to_str(arg(0)).upper()
        if name == "int":
            return float(int(to_num(arg(0))))
        if name in ("sqrt", "exp", "log", "sin", "cos"):
            return float(getattr(math, name)(to_num(arg(0))))
        if name == "atan2":
            return math.atan2(to_num(arg(0)), to_num(arg(1)))
        if name in ("rand", "srand"):
            return 0.0
        raise AwkError(f"function {name} is not supported in the sandbox")


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


@program("awk", "mawk", "gawk")
def awk(ctx: ProgramContext, argv: list[str]) -> int:
    args = argv[1:]
    assigns: dict[str, str] = {}
    source: str | None = None
    fs: str | None = None
    while args and args[0].startswith("-") and len(args[0]) > 1:
        opt = args.pop(0)
        if opt == "--":
            break
        if opt.startswith("-F"):
            fs = opt[2:] or (args.pop(0) if args else "")
        elif opt.startswith("-v"):
            spec = opt[2:] or (args.pop(0) if args else "")
            name, _, value = spec.partition("=")
            assigns[name] = value
        elif opt.startswith("-f"):
            path = opt[2:] or (args.pop(0) if args else "")
            try:
                source = ctx.fs.read_bytes(path, ctx.cwd).decode("utf-8", "surrogateescape")
            except VfsError as err:
                ctx.error(f"couldn't open file {path}: {err.strerror}")
                return 2
    if source is None:
        if not args:
            ctx.stderr.write(f"usage: {ctx.name} [-F value] [-v var=value] [--] 'program text' [file ...]\n")
            return 2
        source = args.pop(0)
    if fs is not None:
        assigns["FS"] = "\t" if fs == "t" else fs
    try:
        items = Parser(source).program()
    except AwkError as err:
        ctx.stderr.write(f"{ctx.name}: line 1: {err}\n")
        return 2
    interpreter = Interpreter(ctx, items, assigns)
    try:
        return interpreter.run(args)
    except AwkError as err:
        ctx.stderr.write(f"{ctx.name}: run time error: {err}\n")
        return 2
