"""YAML output exactly as Helm's toYaml / toYamlPretty produce it.

toYaml is sigs.k8s.io/yaml: the value is encoded to JSON, decoded by go-yaml v2 and encoded
again by go-yaml v2's emitter (a port of libyaml). toYamlPretty encodes the value directly with
go-yaml v3 (indent 2, sequences indented under their key, no line folding). This module
reproduces the emitter's decisions: natural key order, which strings need quotes and which
quotes, literal blocks, folding of long scalars past column 80, and Go float formatting.
"""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

from .gofmt import format_float
from .sprig._gojson import JSONError, marshal
from .sprig._yamlresolve import resolve_plain

__all__ = ["YAMLError", "natural_less", "to_yaml", "to_yaml_pretty"]

BEST_INDENT = 2
UNLIMITED_WIDTH = 1 << 31


class YAMLError(Exception):
    """The value cannot be encoded (e.g. NaN through JSON)."""


# -- key order (yaml sorter.go "natural" order) ----------------------------------------------


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _is_digit(ch: str) -> bool:
    return ch.isdecimal()


def natural_less(a: str, b: str, v3: bool = False) -> bool:
    """go-yaml's key order: letters by code point, non-letters before letters, digit runs by
    numeric value, and a prefix before the longer key. go-yaml v3 also puts a letter before a
    non-letter when the previous (shared) character was a digit ("1a" < "1.5")."""
    digits = False
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            digits = v3 and _is_digit(ca)
            continue
        la, lb = _is_letter(ca), _is_letter(cb)
        if la and lb:
            return ca < cb
        if la or lb:
            return la if digits else lb
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and _is_digit(a[j]):
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and _is_digit(a[ai]):
            an = an * 10 + (ord(a[ai]) - 48)
            ai += 1
        bi = i
        while bi < len(b) and _is_digit(b[bi]):
            bn = bn * 10 + (ord(b[bi]) - 48)
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def _natural_cmp_v2(a: str, b: str) -> int:
    return -1 if natural_less(a, b) else 1 if natural_less(b, a) else 0


def _natural_cmp_v3(a: str, b: str) -> int:
    return -1 if natural_less(a, b, True) else 1 if natural_less(b, a, True) else 0


_natural_key_v2 = functools.cmp_to_key(_natural_cmp_v2)
_natural_key_v3 = functools.cmp_to_key(_natural_cmp_v3)


_BASE60_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


def _needs_double_quotes(text: str) -> bool:
    # "<<" loads as a merge key but go-yaml does not quote it when writing.
    return resolve_plain(text)[0] not in ("str", "merge") or bool(_BASE60_FLOAT.fullmatch(text))


# -- scalar analysis (emitterc.go yaml_emitter_analyze_scalar) --------------------------------

_BREAKS = "\r\n\x85\u2028\u2029"


def _is_printable(ch: str) -> bool:
    code = ord(ch)
    return (
        code == 0x0A
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
    )


class _Analysis:
    __slots__ = (
        "multiline",
        "flow_plain_allowed",
        "block_plain_allowed",
        "single_quoted_allowed",
        "block_allowed",
    )

    def __init__(self, value: str, v3: bool = False) -> None:
        if not value:
            self.multiline = False
            self.flow_plain_allowed = False
            self.block_plain_allowed = True
            self.single_quoted_allowed = True
            self.block_allowed = False
            return
        block_indicators = flow_indicators = False
        line_breaks = special = tabs = False
        leading_space = leading_break = trailing_space = trailing_break = False
        break_space = space_break = previous_space = previous_break = False
        if value.startswith("---") or value.startswith("..."):
            block_indicators = flow_indicators = True
        preceded_by_whitespace = True
        n = len(value)
        for i, ch in enumerate(value):
            followed_by_whitespace = i + 1 >= n or value[i + 1] in " \t" + _BREAKS
            if i == 0:
                if ch in "#,[]{}&*!|>'\"%@`":
                    flow_indicators = block_indicators = True
                elif ch in "?:":
                    flow_indicators = True
                    if followed_by_whitespace:
                        block_indicators = True
                elif ch == "-" and followed_by_whitespace:
                    flow_indicators = block_indicators = True
            else:
                if ch in ",?[]{}":
                    flow_indicators = True
                elif ch == ":":
                    flow_indicators = True
                    if followed_by_whitespace:
                        block_indicators = True
                elif ch == "#" and preceded_by_whitespace:
                    flow_indicators = block_indicators = True
            if v3 and ch == "\t":
                tabs = True
            elif not _is_printable(ch):
                special = True
            if ch == " ":
                if i == 0:
                    leading_space = True
                if i == n - 1:
                    trailing_space = True
                if previous_break:
                    break_space = True
                previous_space, previous_break = True, False
            elif ch in _BREAKS:
                line_breaks = True
                if i == 0:
                    leading_break = True
                if i == n - 1:
                    trailing_break = True
                if previous_space:
                    space_break = True
                previous_space, previous_break = False, True
            else:
                previous_space = previous_break = False
            preceded_by_whitespace = ch in " \t" + _BREAKS
        self.multiline = line_breaks
        self.flow_plain_allowed = self.block_plain_allowed = True
        self.single_quoted_allowed = self.block_allowed = True
        if leading_space or leading_break or trailing_space or trailing_break:
            self.flow_plain_allowed = self.block_plain_allowed = False
        if trailing_space:
            self.block_allowed = False
        if break_space:
            self.flow_plain_allowed = self.block_plain_allowed = False
            self.single_quoted_allowed = False
        if space_break or special or tabs:
            self.flow_plain_allowed = self.block_plain_allowed = False
            self.single_quoted_allowed = False
        if space_break or special:
            self.block_allowed = False
        if line_breaks:
            self.flow_plain_allowed = self.block_plain_allowed = False
        if flow_indicators:
            self.flow_plain_allowed = False
        if block_indicators:
            self.block_plain_allowed = False


_DOUBLE_ESCAPES = {
    "\x00": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}


@functools.lru_cache(maxsize=8192)
def _analyze(value: str, v3: bool) -> _Analysis:
    return _Analysis(value, v3)


@functools.lru_cache(maxsize=8192)
def _needs_quotes_cached(value: str) -> bool:
    return _needs_double_quotes(value)


class _Emitter:
    """The block-style subset of libyaml's emitter that encoding plain data exercises."""

    def __init__(self, width: int, indentless_sequences: bool, v3: bool = False) -> None:
        self.v3 = v3
        self.best_width = width
        self.indentless_sequences = indentless_sequences
        self.out: list[str] = []
        self.column = 0
        self.whitespace = True
        self.indention = True
        self.indent = -1
        self.indents: list[int] = []
        self.flow_level = 0
        self.mapping_context = False
        self.simple_key_context = False

    # -- low-level writers --------------------------------------------------------------
    def put(self, text: str) -> None:
        self.out.append(text)
        self.column += len(text)

    def put_break(self) -> None:
        self.out.append("\n")
        self.column = 0

    def write_break(self, ch: str) -> None:
        if ch == "\n":
            self.put_break()
        else:
            self.out.append(ch)
            self.column = 0

    def write_indicator(self, text: str, need_ws: bool, is_ws: bool, is_indention: bool) -> None:
        if need_ws and not self.whitespace:
            self.put(" ")
        self.put(text)
        self.whitespace = is_ws
        self.indention = self.indention and is_indention

    def write_indent(self) -> None:
        indent = max(self.indent, 0)
        if (
            not self.indention
            or self.column > indent
            or (self.column == indent and not self.whitespace)
        ):
            self.put_break()
        while self.column < indent:
            self.put(" ")
        self.whitespace = True
        self.indention = True

    def increase_indent(self, flow: bool, indentless: bool) -> None:
        self.indents.append(self.indent)
        if self.indent < 0:
            self.indent = BEST_INDENT if flow else 0
        elif not indentless:
            self.indent += BEST_INDENT

    # -- nodes --------------------------------------------------------------------------
    def node(self, value: Any, *, mapping: bool = False, simple_key: bool = False) -> None:
        self.mapping_context = mapping
        self.simple_key_context = simple_key
        if isinstance(value, dict):
            if not value or self.flow_level:
                self.empty_flow("{", "}")
            else:
                self.block_mapping(value)
        elif isinstance(value, list):
            if not value or self.flow_level:
                self.empty_flow("[", "]")
            else:
                self.block_sequence(value)
        elif isinstance(value, str):
            self.string_scalar(value)
        else:
            self.plain_scalar(_plain_text(value))

    def empty_flow(self, opening: str, closing: str) -> None:
        self.write_indicator(opening, True, True, False)
        self.increase_indent(True, False)
        self.indent = self.indents.pop()
        self.write_indicator(closing, False, False, False)

    def block_sequence(self, items: list[Any]) -> None:
        indentless = self.indentless_sequences and self.mapping_context and not self.indention
        self.increase_indent(False, indentless)
        for item in items:
            self.write_indent()
            self.write_indicator("-", True, False, True)
            self.node(item)
        self.indent = self.indents.pop()

    def block_mapping(self, mapping: dict[str, Any]) -> None:
        self.increase_indent(False, False)
        for key in sorted(mapping, key=_natural_key_v3 if self.v3 else _natural_key_v2):
            value = mapping[key]
            self.write_indent()
            analysis = _analyze(key, self.v3)
            if len(key.encode("utf-8")) <= 128 and not analysis.multiline:
                self.node(key, mapping=True, simple_key=True)
                self.write_indicator(":", False, False, False)
            else:
                self.write_indicator("?", True, False, True)
                self.node(key, mapping=True)
                self.write_indent()
                self.write_indicator(":", True, False, True)
            self.node(value, mapping=True)
        self.indent = self.indents.pop()

    # -- scalars ------------------------------------------------------------------------
    def plain_scalar(self, text: str) -> None:
        self.increase_indent(True, False)
        self.write_plain(text, not self.simple_key_context)
        self.indent = self.indents.pop()

    def string_scalar(self, value: str) -> None:
        analysis = _analyze(value, self.v3)
        if "\n" in value:
            style = "literal"
        elif _needs_quotes_cached(value):
            style = "double"
        else:
            style = "plain"
        if self.simple_key_context and analysis.multiline:
            style = "double"
        if style == "plain":
            allowed = (
                analysis.flow_plain_allowed if self.flow_level else analysis.block_plain_allowed
            )
            if not allowed or (not value and self.simple_key_context):
                style = "single"
        if style == "single" and not analysis.single_quoted_allowed:
            style = "double"
        if style == "literal" and (
            not analysis.block_allowed or self.flow_level or self.simple_key_context
        ):
            style = "double"
        allow_breaks = not self.simple_key_context
        self.increase_indent(True, False)
        if style == "plain":
            self.write_plain(value, allow_breaks)
        elif style == "single":
            self.write_single(value, allow_breaks)
        elif style == "double":
            self.write_double(value, allow_breaks)
        else:
            self.write_literal(value)
        self.indent = self.indents.pop()

    def write_plain(self, value: str, allow_breaks: bool) -> None:
        if not self.whitespace:
            self.put(" ")
        if not allow_breaks or " " not in value or self.column + len(value) <= self.best_width:
            # No space can be reached past the width limit: nothing to fold.
            self.put(value)
            self.whitespace = False
            self.indention = False
            return
        spaces = False
        for i, ch in enumerate(value):
            if ch == " ":
                next_is_space = i + 1 < len(value) and value[i + 1] == " "
                if (
                    allow_breaks
                    and not spaces
                    and self.column > self.best_width
                    and not next_is_space
                ):
                    self.write_indent()
                else:
                    self.put(ch)
                spaces = True
            else:
                self.put(ch)
                self.indention = False
                spaces = False
        self.whitespace = False
        self.indention = False

    def write_single(self, value: str, allow_breaks: bool) -> None:
        self.write_indicator("'", True, False, False)
        spaces = breaks = False
        last = len(value) - 1
        for i, ch in enumerate(value):
            if ch == " ":
                next_is_space = i + 1 < len(value) and value[i + 1] == " "
                if (
                    allow_breaks
                    and not spaces
                    and self.column > self.best_width
                    and i != 0
                    and i != last
                    and not next_is_space
                ):
                    self.write_indent()
                else:
                    self.put(ch)
                spaces = True
            elif ch in _BREAKS:
                if not breaks and ch == "\n":
                    self.put_break()
                self.write_break(ch)
                self.indention = True
                breaks = True
            else:
                if breaks:
                    self.write_indent()
                self.put("''" if ch == "'" else ch)
                self.indention = False
                spaces = breaks = False
        self.write_indicator("'", False, False, False)

    def write_double(self, value: str, allow_breaks: bool) -> None:
        self.write_indicator('"', True, False, False)
        spaces = False
        last = len(value) - 1
        # go-yaml's BOM test looks at the start of the string, not at the current character,
        # so a string that starts with a BOM has every character escaped.
        escape_all = value.startswith("\ufeff")
        for i, ch in enumerate(value):
            if escape_all or not _is_printable(ch) or ch in _BREAKS or ch in '"\\':
                escape = _DOUBLE_ESCAPES.get(ch)
                if escape is None:
                    code = ord(ch)
                    if code <= 0xFF:
                        escape = f"x{code:02X}"
                    elif code <= 0xFFFF:
                        escape = f"u{code:04X}"
                    else:
                        escape = f"U{code:08X}"
                self.put("\\" + escape)
                spaces = False
            elif ch == " ":
                if (
                    allow_breaks
                    and not spaces
                    and self.column > self.best_width
                    and i not in (0, last)
                ):
                    self.write_indent()
                    if i + 1 < len(value) and value[i + 1] == " ":
                        self.put("\\")
                else:
                    self.put(ch)
                spaces = True
            else:
                self.put(ch)
                spaces = False
        self.write_indicator('"', False, False, False)

    def write_literal(self, value: str) -> None:
        self.write_indicator("|", True, False, False)
        if value[:1] in (" ",) or value[:1] in _BREAKS:
            self.write_indicator(str(BEST_INDENT), False, False, False)
        if not value or value[-1] not in _BREAKS:
            self.write_indicator("-", False, False, False)
        elif len(value) == 1 or value[-2] in _BREAKS:
            self.write_indicator("+", False, False, False)
        self.put_break()
        self.indention = True
        self.whitespace = True
        breaks = True
        for ch in value:
            if ch in _BREAKS:
                self.write_break(ch)
                self.indention = True
                breaks = True
            else:
                if breaks:
                    self.write_indent()
                    breaks = False
                self.put(ch)
                self.indention = False

    def document(self, value: Any) -> str:
        self.node(value)
        self.write_indent()
        return "".join(self.out)


def _plain_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return format_float(value)
    return str(value)


def _decode_json_number(text: str) -> int | float:
    """How go-yaml v2 reads a JSON number: int64, then uint64, then float64."""
    value = int(text)
    if -(1 << 63) <= value < (1 << 64):
        return value
    return float(text)


def yaml_v2_marshal(value: Any) -> str:
    """go-yaml v2 Marshal of already JSON-shaped data (dict/list/str/int/float/bool/None)."""
    return _Emitter(80, indentless_sequences=True).document(value)


# Characters that go-yaml's reader refuses; JSON leaves them unescaped, so toYaml fails.
_UNREADABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
# A raw NEL inside the JSON string is a line break to the YAML reader and gets folded.
_NEL_RUN = re.compile(" *(?:\x85 *)+")


def _fold_nel(match: re.Match[str]) -> str:
    breaks = match.group(0).count("\x85")
    return " " if breaks == 1 else "\n" * (breaks - 1)


def _as_read_back(data: Any) -> Any:
    """What go-yaml v2 reads back from the JSON text of `data`."""
    if isinstance(data, str):
        if _UNREADABLE.search(data):
            raise YAMLError("yaml: control characters are not allowed")
        return _NEL_RUN.sub(_fold_nel, data) if "\x85" in data else data
    if isinstance(data, dict):
        return {_as_read_back(k): _as_read_back(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_read_back(v) for v in data]
    return data


def to_yaml(value: Any) -> str:
    """sigs.k8s.io/yaml Marshal (JSON first, then go-yaml v2), trailing newline included."""
    try:
        text = marshal(value)
    except JSONError as err:
        raise YAMLError(f"error marshaling into JSON: {err}") from None
    data = _as_read_back(json.loads(text, parse_int=_decode_json_number))
    return yaml_v2_marshal(data)


def _to_plain_data(value: Any) -> Any:
    """Go values as go-yaml v3 sees them (structs through their JSON form)."""
    if isinstance(value, dict):
        return {str(k): _to_plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_plain_data(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    return json.loads(marshal(value))


def to_yaml_pretty(value: Any) -> str:
    """go-yaml v3 Encoder with indent 2, trailing newline included."""
    emitter = _Emitter(UNLIMITED_WIDTH, indentless_sequences=False, v3=True)
    return emitter.document(_to_plain_data(value))
