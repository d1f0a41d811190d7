"""`--set`, `--set-string`, `--set-json`, `--set-file` and `--set-literal`, parsed as Helm does.

Behaviour follows helm's pkg/strvals (parser.go, literal_parser.go), including its corners:
`a=` sets "", `a={}` sets [""], `a[0]` alone sets `a: []`, `a.b` alone is an error, a backslash
escapes the next character, nested names stop at 30 levels and list indexes at 65536. Typed
values (`--set`): true/false (any case) -> bool, null -> nil, a decimal integer without a
leading zero -> int64, anything else -> string. Where Go panics on a type assertion (`a=1,a.b=2`)
Helm reports `unable to parse key: interface conversion: ...`, and so does this module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from minicluster.templates.gofmt import go_quote
from minicluster.templates.gotypes import Int64, go_type_name

from .errors import ValuesError

MAX_INDEX = 65536
MAX_NESTED_NAME_LEVEL = 30

_DECIMAL = re.compile(r"[+-]?[0-9]+")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class _EOF(Exception):
    """io.EOF: the input ended; at the top level it ends parsing without error."""


class _Panic(Exception):
    """A Go runtime panic inside the parser; recovered by key() as an error."""


class _NotList(Exception):
    pass


def go_type(value: Any) -> str:
    """The dynamic type name Go prints in an interface-conversion panic (nil for no value)."""
    return "nil" if value is None else go_type_name(value)


def typed_value(text: str) -> Any:
    low = text.lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if low == "null":
        return None
    if text == "0":
        return Int64(0)
    if text and text[0] != "0" and _DECIMAL.fullmatch(text):
        value = int(text)
        if _INT64_MIN <= value <= _INT64_MAX:
            return Int64(value)
    return text


def _as_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _Panic(f"interface conversion: interface {{}} is {go_type(value)}, not []interface {{}}")
    return value


def _as_map(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Panic(
            f"interface conversion: interface {{}} is {go_type(value)}, not map[string]interface {{}}"
        )
    return value


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    if key:
        data[key] = value


def _set_index(items: list[Any], index: int, value: Any) -> list[Any]:
    if index < 0:
        raise ValuesError(f"negative {index} index not allowed")
    if index > MAX_INDEX:
        raise ValuesError(
            f"index of {index} is greater than maximum supported index of {MAX_INDEX}"
        )
    if len(items) <= index:
        items = items + [None] * (index + 1 - len(items))
    items[index] = value
    return items


def _atoi(text: str) -> int:
    if not _DECIMAL.fullmatch(text):
        raise ValuesError(f'strconv.Atoi: parsing {go_quote(text)}: invalid syntax')
    value = int(text)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise ValuesError(f'strconv.Atoi: parsing {go_quote(text)}: value out of range')
    return value


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def read(self) -> str | None:
        if self.pos >= len(self.text):
            return None
        ch = self.text[self.pos]
        self.pos += 1
        return ch

    def unread(self) -> None:
        self.pos -= 1

    def until(self, stop: str, escapes: bool = True) -> tuple[str, str | None]:
        """Characters up to one of `stop` (consumed); last is None at the end of input."""
        out: list[str] = []
        while True:
            ch = self.read()
            if ch is None:
                return "".join(out), None
            if ch in stop:
                return "".join(out), ch
            if ch == "\\" and escapes:
                nxt = self.read()
                if nxt is None:
                    return "".join(out), None
                out.append(nxt)
            else:
                out.append(ch)


class _Parser:
    """The --set family; `mode` is typed | string | file | json | literal."""

    def __init__(self, text: str, data: dict[str, Any], mode: str,
                 read_file: Callable[[str], str] | None = None) -> None:
        self.sc = _Scanner(text)
        self.data = data
        self.mode = mode
        self.read_file = read_file
        self.escapes = mode != "literal"

    def parse(self) -> None:
        while True:
            try:
                self.key(self.data, 0)
            except _EOF:
                return

    def convert(self, raw: str) -> Any:
        if self.mode == "string":
            return raw
        if self.mode == "file":
            assert self.read_file is not None
            return self.read_file(raw)
        return typed_value(raw)

    # -- names ------------------------------------------------------------------------------
    def key(self, data: dict[str, Any], level: int) -> None:
        try:
            self._key(data, level)
        except _Panic as exc:
            raise ValuesError(f"unable to parse key: {exc}") from None

    def _key(self, data: dict[str, Any], level: int) -> None:
        stop = "=[." if self.mode == "literal" else "=[,."
        name, last = self.sc.until(stop, self.escapes)
        if last is None:
            if not name:
                raise _EOF
            raise ValuesError(f"key {go_quote(name)} has no value")
        if last == "[":
            index = self.key_index()
            items = _as_list(data[name]) if name in data else []
            try:
                items = self.list_item(items, index, level)
            except _ListError as exc:
                _set(data, name, exc.items)
                raise exc.cause from None
            _set(data, name, items)
            return
        if last == "=":
            self.assign(data, name)
            return
        if last == ",":
            _set(data, name, "")
            raise ValuesError(f"key {go_quote(name)} has no value (cannot end with ,)")
        # last == "."
        level += 1
        if level > MAX_NESTED_NAME_LEVEL:
            raise ValuesError(
                "value name nested level is greater than maximum supported nested level of "
                f"{MAX_NESTED_NAME_LEVEL}"
            )
        inner = _as_map(data[name]) if name in data else {}
        try:
            self.key(inner, level)
        except _EOF:
            if inner:
                _set(data, name, inner)
            raise
        except ValuesError:
            if inner:
                _set(data, name, inner)
            raise
        if not inner:
            raise ValuesError(f"key map {go_quote(name)} has no value")
        _set(data, name, inner)

    def key_index(self) -> int:
        text, last = self.sc.until("]", self.escapes)
        if last is None:
            raise ValuesError("error parsing index: EOF")
        try:
            return _atoi(text)
        except ValuesError as exc:
            raise ValuesError(f"error parsing index: {exc.message}") from None

    # -- values -----------------------------------------------------------------------------
    def assign(self, data: dict[str, Any], name: str) -> None:
        if self.mode == "literal":
            _set(data, name, self.sc.until("", escapes=False)[0])
            return
        if self.mode == "json":
            if self.empty_value():
                _set(data, name, None)
                return
            _set(data, name, self.json_value())
            self.empty_value()
            return
        try:
            items = self.value_list()
        except _EOF:
            _set(data, name, "")
            raise
        except _NotList:
            raw, _ = self.sc.until(",", self.escapes)
            _set(data, name, self.convert(raw))
            return
        _set(data, name, items)

    def value_list(self) -> list[Any]:
        ch = self.sc.read()
        if ch is None:
            raise _EOF
        if ch != "{":
            self.sc.unread()
            raise _NotList
        items: list[Any] = []
        while True:
            raw, last = self.sc.until(",}", self.escapes)
            if last is None:
                raise ValuesError("list must terminate with '}'")
            if last == "}":
                nxt = self.sc.read()
                if nxt is not None and nxt != ",":
                    self.sc.unread()
                items.append(self.convert(raw))
                return items
            items.append(self.convert(raw))

    def empty_value(self) -> bool:
        while True:
            ch = self.sc.read()
            if ch is None or ch == ",":
                return True
            if not ch.isspace():
                self.sc.unread()
                return False

    def json_value(self) -> Any:
        text = self.sc.text
        try:
            value, end = json.JSONDecoder().raw_decode(text, self.sc.pos)
        except json.JSONDecodeError as exc:
            if exc.pos >= len(text) or "Unterminated" in exc.msg:
                raise ValuesError("unexpected EOF") from None
            bad = text[exc.pos] if exc.pos < len(text) else ""
            raise ValuesError(f"invalid character '{bad}' looking for beginning of value") from None
        self.sc.pos = end
        return _json_numbers_as_float(value)

    def list_item(self, items: list[Any], index: int, level: int) -> list[Any]:
        if index < 0:
            raise _ListError(items, ValuesError(f"negative {index} index not allowed"))
        stop = "[.="
        rest, last = self.sc.until(stop, self.escapes)
        if rest:
            # Go formats the []rune with %q: each rune single-quoted, in brackets.
            runes = " ".join("'" + go_quote(c)[1:-1].replace("'", "\\'") + "'" for c in rest)
            raise _ListError(items, ValuesError(
                f"unexpected data at end of array index: [{runes}]"))
        if last is None:
            raise _ListError(items, _EOF())
        try:
            if last == "=":
                return _set_index(items, index, self.item_value())
            if last == "[":
                next_index = self.key_index()
                current: list[Any] = []
                if len(items) > index and items[index] is not None:
                    current = _as_list(items[index])
                try:
                    nested = self.list_item(current, next_index, level)
                except _ListError as exc:
                    raise _ListError(items, exc.cause) from None
                return _set_index(items, index, nested)
            inner: dict[str, Any] = {}
            if len(items) > index:
                if not isinstance(items[index], dict):
                    items = list(items)
                    items[index] = {}
                inner = items[index]
            self.key(inner, level)
            return _set_index(items, index, inner)
        except (ValuesError, _EOF) as exc:
            raise _ListError(items, exc) from None

    def item_value(self) -> Any:
        if self.mode == "literal":
            return self.sc.until("", escapes=False)[0]
        if self.mode == "json":
            if self.empty_value():
                return None
            value = self.json_value()
            self.empty_value()
            return value
        try:
            return self.value_list()
        except _EOF:
            return ""
        except _NotList:
            raw, _ = self.sc.until(",", self.escapes)
            return self.convert(raw)


class _ListError(Exception):
    """An error inside a list index, carrying the list as Go's caller would store it."""

    def __init__(self, items: list[Any], cause: Exception) -> None:
        super().__init__(str(cause))
        self.items = items
        self.cause = cause


def _json_numbers_as_float(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, list):
        return [_json_numbers_as_float(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_numbers_as_float(v) for k, v in value.items()}
    return value


def parse_into(text: str, dest: dict[str, Any], mode: str = "typed",
               read_file: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Parse one flag value into `dest` (mutated and returned). Raises ValuesError."""
    _Parser(text, dest, mode, read_file).parse()
    return dest


def parse(text: str) -> dict[str, Any]:
    return parse_into(text, {})


def parse_string(text: str) -> dict[str, Any]:
    return parse_into(text, {}, "string")


def parse_json(text: str) -> dict[str, Any]:
    return parse_into(text, {}, "json")


def parse_literal(text: str) -> dict[str, Any]:
    return parse_into(text, {}, "literal")
