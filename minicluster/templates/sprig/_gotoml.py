"""BurntSushi/toml v1.6 Encoder output for Go maps (what Helm's toToml prints)."""

from __future__ import annotations

import math
import re
from typing import Any

from minicluster.templates.gofmt import format_float


class TOMLError(Exception):
    pass


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INDENT = "  "


def _quote(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _key_part(part: str) -> str:
    return part if _BARE_KEY.fullmatch(part) else _quote(part)


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: Any) -> bool:
    if not isinstance(value, (list, tuple)) or not value:
        return False
    result = True
    for item in value:
        if item is None:
            raise TOMLError("toml: cannot encode array with nil element")
        if not _is_table(item):
            result = False
    return result


def _float(value: float) -> str:
    if math.isnan(value):
        return ("-" if math.copysign(1, value) < 0 else "") + "nan"
    if math.isinf(value):
        return ("-" if value < 0 else "") + "inf"
    text = format_float(value)
    if "." not in text and "e" not in text:
        text += ".0"
    return text


class _Encoder:
    def __init__(self) -> None:
        self.out: list[str] = []

    def write(self, text: str) -> None:
        self.out.append(text)

    def newline(self) -> None:
        if self.out:
            self.write("\n")

    def element(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(int(value))
        if isinstance(value, float):
            return _float(value)
        if isinstance(value, str):
            return _quote(value)
        if isinstance(value, (list, tuple)):
            if any(item is None for item in value):
                raise TOMLError("toml: cannot encode array with nil element")
            return "[" + ", ".join(self.element(item) for item in value) + "]"
        if isinstance(value, dict):
            parts = [
                f"{_key_part(k)} = {self.element(v)}"
                for k, v in self._ordered(value)
                if v is not None
            ]
            return "{" + ", ".join(parts) + "}"
        if getattr(value, "go_type", "") == "time.Time":
            return value.json_value()  # an unquoted TOML datetime, RFC 3339
        hook = getattr(value, "json_value", None)
        if callable(hook):
            return self.element(hook())
        raise TOMLError(f"toml: cannot encode a value of type {type(value).__name__}")

    @staticmethod
    def _ordered(mapping: dict[str, Any]) -> list[tuple[str, Any]]:
        def nested(value: Any) -> bool:
            return _is_table(value) or _is_table_array(value)

        direct = sorted((k for k, v in mapping.items() if not nested(v)), key=_utf8)
        tables = sorted((k for k, v in mapping.items() if nested(v)), key=_utf8)
        return [(k, mapping[k]) for k in direct + tables]

    def encode(self, key: list[str], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, dict):
            self.table(key, value)
        elif isinstance(value, (list, tuple)) and _is_table_array(value):
            self.array_of_tables(key, value)
        else:
            self.key_value(key, value)

    def key_value(self, key: list[str], value: Any) -> None:
        if not key:
            raise TOMLError("toml: top-level values must be Go maps or structs")
        self.write(f"{_INDENT * (len(key) - 1)}{_key_part(key[-1])} = {self.element(value)}")
        self.newline()

    def table(self, key: list[str], mapping: dict[str, Any]) -> None:
        if len(key) == 1:
            self.newline()
        if key:
            self.write(f"{_INDENT * (len(key) - 1)}[{'.'.join(_key_part(k) for k in key)}]")
            self.newline()
        self.map_body(key, mapping)

    def array_of_tables(self, key: list[str], items: list[Any] | tuple[Any, ...]) -> None:
        for item in items:
            self.newline()
            self.write(f"{_INDENT * (len(key) - 1)}[[{'.'.join(_key_part(k) for k in key)}]]")
            self.newline()
            self.map_body(key, item)

    def map_body(self, key: list[str], mapping: dict[str, Any]) -> None:
        for name, value in self._ordered(mapping):
            self.encode(key + [name], value)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def to_toml(value: Any) -> str:
    """The encoder's output; raises TOMLError with the library's message."""
    encoder = _Encoder()
    if value is None:
        return ""
    if not isinstance(value, dict):
        # A top-level non-table is written as a bare TOML value, without a newline.
        return encoder.element(value)
    encoder.encode([], value)
    return "".join(encoder.out)
