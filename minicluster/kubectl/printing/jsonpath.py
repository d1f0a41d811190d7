"""kubectl's JSONPath dialect (client-go util/jsonpath), over JSON-shaped Python values.

Supported as kubectl supports it: text outside `{...}` is printed literally; inside an action,
fields `.a.b`, `['a']`, `*`, recursive descent `..`, indexes and slices `[0]`, `[-1:]`,
`[0:4:2]`, unions `[0,1]` / `['a','b']`, filters `[?(@.k=="v")]` (==, !=, <, >, <=, >=, or
existence), quoted literals, numbers, and `{range ...}...{end}`. Results of one action are
joined by single spaces; maps and lists print as compact JSON, like json.Marshal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


class JSONPathError(Exception):
    """Parse or execution failure; `str()` is the Go error text."""


# -- nodes ---------------------------------------------------------------------------------------
@dataclass
class _List:
    nodes: list[Any] = field(default_factory=list)


@dataclass
class _Text:
    text: str


@dataclass
class _Field:
    name: str


@dataclass
class _Wildcard:
    pass


@dataclass
class _Recursive:
    pass


@dataclass
class _Param:
    value: int = 0
    known: bool = False
    derived: bool = False


@dataclass
class _Array:
    params: tuple[_Param, _Param, _Param]


@dataclass
class _Union:
    lists: list[_List]


@dataclass
class _Filter:
    left: _List
    right: _List
    op: str


@dataclass
class _Literal:
    value: Any  # int, float or bool


@dataclass
class _Identifier:
    name: str  # "range" | "end"


# -- parser --------------------------------------------------------------------------------------
_EOF = ""
_DICT_KEY = re.compile(r"^'([^']*)'$")
_SLICE = re.compile(r"^(-?\d*)(:-?\d*)?(:-?\d*)?$")
_FILTER = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$", re.S)


def _go_rune(ch: str) -> str:
    """Go's %#U: U+0025 '%'."""
    return f"U+{ord(ch):04X} '{ch}'"


def _is_terminator(ch: str) -> bool:
    return ch in (_EOF, " ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}")


def _is_alnum(ch: str) -> bool:
    return ch == "_" or ch.isalpha() or ch.isdigit()


def _unquote(text: str) -> str:
    quote, body = text[0], text[1:-1]
    if "\\" not in body and quote not in body:
        return body
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a",
               "b": "\b", "f": "\f", "v": "\v"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in escapes:
                out.append(escapes[nxt])
                i += 2
                continue
            if nxt in "xuU":
                width = {"x": 2, "u": 4, "U": 8}[nxt]
                out.append(chr(int(body[i + 2 : i + 2 + width], 16)))
                i += 2 + width
                continue
            raise JSONPathError(f"unquote string {text} error invalid syntax")
        out.append(ch)
        i += 1
    return "".join(out)


class _Parser:
    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.root = _List()

    # low-level cursor
    def next(self) -> str:
        if self.pos >= len(self.input):
            self._width = 0
            return _EOF
        ch = self.input[self.pos]
        self._width = 1
        self.pos += 1
        return ch

    def backup(self) -> None:
        self.pos -= self._width

    def peek(self) -> str:
        ch = self.next()
        self.backup()
        return ch

    def consume(self) -> str:
        value = self.input[self.start : self.pos]
        self.start = self.pos
        return value

    # grammar
    def parse(self) -> _List:
        self._text(self.root)
        return self.root

    def _text(self, cur: _List) -> None:
        while True:
            if self.input.startswith("{", self.pos):
                if self.pos > self.start:
                    cur.nodes.append(_Text(self.consume()))
                self.pos += 1
                self.consume()
                action = _List()
                cur.nodes.append(action)
                self._inside(action)
                return
            if self.next() == _EOF:
                break
        if self.pos > self.start:
            cur.nodes.append(_Text(self.consume()))

    def _inside(self, cur: _List) -> None:
        # Iterative where Go recurses, so that long expressions cannot overflow the stack.
        while True:
            rest = self.input[self.pos :]
            if rest.startswith("}"):
                self.pos += 1
                self.consume()
                self._text(self.root)
                return
            if rest.startswith("[?("):
                self._filter(cur)
                continue
            if rest.startswith(".."):
                if cur.nodes and isinstance(cur.nodes[-1], _Recursive):
                    raise JSONPathError("invalid multiple recursive descent")
                self.pos += 2
                self.consume()
                cur.nodes.append(_Recursive())
                if _is_alnum(self.peek()):
                    self._field(cur)
                continue
            ch = self.next()
            if ch == _EOF or ch in "\r\n":
                raise JSONPathError("unclosed action")
            if ch == " " or ch in "@$":
                self.consume()
            elif ch == "[":
                self._array(cur)
            elif ch in "\"'":
                self._quote(cur, ch)
            elif ch == ".":
                self._field(cur)
            elif ch in "+-" or ch.isdigit():
                self.backup()
                self._number(cur)
            elif _is_alnum(ch):
                self.backup()
                self._identifier(cur)
            else:
                raise JSONPathError(f"unrecognized character in action: {_go_rune(ch)}")

    def _identifier(self, cur: _List) -> None:
        while not _is_terminator(self.next()):
            pass
        self.backup()
        value = self.consume()
        if value in ("true", "false"):
            cur.nodes.append(_Literal(value == "true"))
        else:
            cur.nodes.append(_Identifier(value))

    def _number(self, cur: _List) -> None:
        if self.peek() in "+-":
            self.next()
        while True:
            ch = self.next()
            if ch != "." and not ch.isdigit():
                self.backup()
                break
        value = self.consume()
        try:
            cur.nodes.append(_Literal(int(value)))
            return
        except ValueError:
            pass
        try:
            cur.nodes.append(_Literal(float(value)))
        except ValueError:
            raise JSONPathError(f"cannot parse number {value}") from None

    def _field(self, cur: _List) -> None:
        self.consume()
        while True:
            ch = self.next()
            if ch == "\\":
                self.next()
            elif _is_terminator(ch):
                self.backup()
                break
        value = self.consume()
        cur.nodes.append(_Wildcard() if value == "*" else _Field(value.replace("\\", "")))

    def _quote(self, cur: _List, end: str) -> None:
        while True:
            ch = self.next()
            if ch == _EOF or ch == "\n":
                raise JSONPathError("unterminated quoted string")
            if ch == end and self.input[self.pos - 2] != "\\":
                break
        cur.nodes.append(_Text(_unquote(self.consume())))

    def _array(self, cur: _List) -> None:
        while True:
            ch = self.next()
            if ch == _EOF or ch == "\n":
                raise JSONPathError("unterminated array")
            if ch == "]":
                break
        text = self.consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            cur.nodes.append(_Union([_parse_action(f"[{p.strip(' ')}]") for p in parts]))
            return
        key = _DICT_KEY.match(text)
        if key:
            cur.nodes.extend(_parse_action(f".{key.group(1)}").nodes)
            return
        m = _SLICE.match(text)
        if not m:
            raise JSONPathError(f"invalid array index {text}")
        params = (_Param(), _Param(), _Param())
        for i, raw in enumerate(m.groups()):
            if raw:
                if i > 0:
                    raw = raw[1:]
                if i > 0 and raw == "":
                    params[i].known = False
                else:
                    params[i].known = True
                    try:
                        params[i].value = int(raw)
                    except ValueError:
                        raise JSONPathError(f"array index {raw} is not a number") from None
            elif i == 1:
                params[1].known = True
                params[1].value = params[0].value + 1
                params[1].derived = True
        cur.nodes.append(_Array(params))

    def _filter(self, cur: _List) -> None:
        self.pos += 3
        self.consume()
        begin = end = False
        pair = ""
        while True:
            ch = self.next()
            if ch == _EOF or ch == "\n":
                raise JSONPathError("unterminated filter")
            if ch in "\"'":
                if not begin:
                    begin, pair = True, ch
                    continue
                if self.input[self.pos - 2] != "\\" and ch == pair:
                    end = True
            elif ch == ")" and begin == end:
                break
        if self.next() != "]":
            raise JSONPathError("unclosed array expect ]")
        text = self.consume()[:-2]
        m = _FILTER.match(text)
        if m is None:
            cur.nodes.append(_Filter(_parse_action(text), _List(), "exists"))
        else:
            cur.nodes.append(_Filter(_parse_action(m.group(1)), _parse_action(m.group(3)),
                                     m.group(2)))


def _parse_action(text: str) -> _List:
    root = _Parser("{" + text + "}").parse()
    return root.nodes[0]


def parse(template: str) -> _List:
    return _Parser(template).parse()


# -- evaluation ----------------------------------------------------------------------------------
def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    return "string"


def _category(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    return "other"


def _compare(op: str, left: Any, right: Any) -> bool:
    lc, rc = _category(left), _category(right)
    if op in ("==", "!="):
        if lc != rc or lc == "other":
            if lc == "other" or rc == "other":
                raise JSONPathError("non-comparable types")
            raise JSONPathError("incompatible types for comparison")
        return (left == right) if op == "==" else (left != right)
    if lc != rc or lc in ("bool", "other"):
        raise JSONPathError("incompatible types for comparison"
                            if lc != rc else "invalid type for comparison")
    return {"<": left < right, ">": left > right, "<=": left <= right,
            ">=": left >= right}[op] if op in ("<", ">", "<=", ">=") else _bad_op(op)


def _bad_op(op: str) -> bool:
    raise JSONPathError(f"unrecognized filter operator {op}")


class _Evaluator:
    def __init__(self, allow_missing_keys: bool) -> None:
        self.allow_missing_keys = allow_missing_keys

    def walk(self, values: list[Any], node: Any) -> list[Any]:
        if isinstance(node, _List):
            for child in node.nodes:
                values = self.walk(values, child)
            return values
        if isinstance(node, _Text):
            return [node.text]
        if isinstance(node, _Literal):
            return [node.value for _ in values]
        if isinstance(node, _Field):
            return self._field(values, node)
        if isinstance(node, _Array):
            return self._array(values, node)
        if isinstance(node, _Filter):
            return self._filter(values, node)
        if isinstance(node, _Wildcard):
            return [child for v in values if v is not None for child in _children(v)]
        if isinstance(node, _Recursive):
            return self._recursive(values)
        if isinstance(node, _Union):
            return [r for lst in node.lists for r in self.walk(values, lst)]
        raise JSONPathError(f"unrecognized identifier {node.name}")

    def _field(self, values: list[Any], node: _Field) -> list[Any]:
        results = [v[node.name] for v in values if isinstance(v, dict) and node.name in v]
        if not results and values and not self.allow_missing_keys:
            raise JSONPathError(f"{node.name} is not found")
        return results

    def _array(self, values: list[Any], node: _Array) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            if not isinstance(value, list):
                raise JSONPathError(f"{_type_name(value)} is not array or slice")
            n = len(value)
            p0 = node.params[0].value if node.params[0].known else 0
            if p0 < 0:
                p0 += n
            p1 = node.params[1].value if node.params[1].known else n
            if p1 < 0 or (p1 == 0 and node.params[1].derived):
                p1 += n
            if p1 == p0:
                return result
            if p0 >= n or p0 < 0:
                raise JSONPathError(f"array index out of bounds: index {p0}, length {n}")
            if p1 > n or p1 < 0:
                raise JSONPathError(f"array index out of bounds: index {p1 - 1}, length {n}")
            if p0 > p1:
                raise JSONPathError(f"starting index {p0} is greater than ending index {p1}")
            step = 1
            if node.params[2].known:
                if node.params[2].value <= 0:
                    raise JSONPathError("step must be > 0")
                step = node.params[2].value
            result.extend(value[p0:p1:step])
        return result

    def _filter(self, values: list[Any], node: _Filter) -> list[Any]:
        results: list[Any] = []
        for value in values:
            if not isinstance(value, list):
                raise JSONPathError(
                    f"{go_value(value)} is not array or slice and cannot be filtered")
            for item in value:
                try:
                    lefts = self.walk([item], node.left)
                except JSONPathError:
                    if node.op == "exists":
                        continue
                    raise
                if node.op == "exists":
                    if lefts:
                        results.append(item)
                    continue
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise JSONPathError("can only compare one element at a time")
                rights = self.walk([item], node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise JSONPathError("can only compare one element at a time")
                if _compare(node.op, lefts[0], rights[0]):
                    results.append(item)
        return results

    def _recursive(self, values: list[Any]) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            children = _children(value)
            if children:
                result.append(value)
                result.extend(self._recursive(children))
        return result


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [value[k] for k in sorted(value)]
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str):
        # Go indexes a string by bytes (uint8 values).
        return list(value.encode())
    return []


def execute_results(root: _List, data: Any, allow_missing_keys: bool = True) -> list[list[Any]]:
    """Every action's result list, in order (FindResults), with range/end expanded."""
    ev = _Evaluator(allow_missing_keys)
    out, _ = _run(ev, root.nodes, 0, data, depth=0)
    return out


def _run(ev: _Evaluator, nodes: list[Any], i: int, data: Any,
         depth: int) -> tuple[list[list[Any]], int]:
    """Evaluate nodes[i:] against data until an `end` closing this depth; returns the result
    lists and the index just after that `end` (or len(nodes))."""
    results: list[list[Any]] = []
    while i < len(nodes):
        node = nodes[i]
        ident = _action_identifier(node)
        if ident == "end":
            if depth == 0:
                raise JSONPathError("not in range, nothing to end")
            return results, i + 1
        if ident == "range":
            rest = [n for n in node.nodes if not isinstance(n, _Identifier)]
            items = ev.walk([data], _List(rest))
            body_end = _skip_body(nodes, i + 1)
            for item in items:
                inner, _ = _run(ev, nodes, i + 1, item, depth + 1)
                results.extend(inner)
            i = body_end
            continue
        if isinstance(node, _Text):
            results.append([node.text])
        else:
            results.append(ev.walk([data], node))
        i += 1
    return results, i


def _action_identifier(node: Any) -> str | None:
    if not isinstance(node, _List):
        return None
    for child in node.nodes:
        if isinstance(child, _Identifier):
            if child.name in ("range", "end"):
                return child.name
            raise JSONPathError(f"unrecognized identifier {child.name}")
    return None


def _skip_body(nodes: list[Any], i: int) -> int:
    depth = 1
    while i < len(nodes):
        ident = _action_identifier(nodes[i])
        if ident == "range":
            depth += 1
        elif ident == "end":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


# -- printing ------------------------------------------------------------------------------------
def go_json(value: Any) -> str:
    """json.Marshal: compact, keys sorted, HTML characters escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def go_text(value: Any) -> str:
    """fmt.Fprint of a scalar as unstructured JSON holds it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    return str(value)


def go_float(value: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64) as %v prints it."""
    if value == int(value) and abs(value) < 1e21:
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    text = repr(value)
    if "e" in text:
        mant, exp = text.split("e")
        sign = exp[0] if exp[0] in "+-" else "+"
        digits = exp.lstrip("+-").rjust(2, "0")
        return f"{mant}e{sign}{digits}"
    return text


def go_value(value: Any) -> str:
    """fmt's %#v for unstructured content (used only in kubectl's debug dump)."""
    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(k, ensure_ascii=False)}:{go_value(value[k])}"
                          for k in sorted(value))
        return "map[string]interface {}{" + inner + "}"
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(go_value(v) for v in value) + "}"
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return go_text(value)


def format_results(results: list[list[Any]]) -> str:
    out = []
    for values in results:
        parts = [go_json(v) if isinstance(v, (dict, list)) else go_text(v) for v in values]
        out.append(" ".join(parts))
    return "".join(out)


def render(template: str, data: Any, allow_missing_keys: bool = True) -> str:
    """Parse and execute `template` on data; JSONPathError on failure."""
    return format_results(execute_results(parse(template), data, allow_missing_keys))
