"""Go's encoding/json Marshal over Go values held in Python."""

from __future__ import annotations

import base64
import math
import re
from typing import Any

from minicluster.templates.gofmt import format_float as go_format_float


class JSONError(Exception):
    """json.Marshal failed; the text is Go's (`json: unsupported value: NaN`)."""


_HEX = "0123456789abcdef"
_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


_PLAIN_HTML_SAFE = re.compile('[^"\\\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]*')
_PLAIN_RAW = re.compile('[^"\\\\\x00-\x1f\u2028\u2029\ud800-\udfff]*')


def quote_string(text: str, escape_html: bool = True) -> str:
    if (_PLAIN_HTML_SAFE if escape_html else _PLAIN_RAW).fullmatch(text):
        return '"' + text + '"'
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or (escape_html and ch in "<>&") or code in (0x2028, 0x2029):
            out.append("\\u" + "".join(_HEX[(code >> s) & 15] for s in (12, 8, 4, 0)))
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def format_float(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        shown = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
        raise JSONError(f"json: unsupported value: {shown}")
    magnitude = abs(value)
    if magnitude != 0 and (magnitude < 1e-6 or magnitude >= 1e21):
        text = go_format_float(value, "e")
        # Go shortens a two-digit negative exponent: 1e-07 -> 1e-7.
        if len(text) >= 4 and text[-4] == "e" and text[-3] == "-" and text[-2] == "0":
            text = text[:-2] + text[-1]
        return text
    return go_format_float(value, "f")


def _json_value(value: Any) -> Any:
    """A Go struct's JSON form, from its `json_value()` hook."""
    hook = getattr(value, "json_value", None)
    if callable(hook):
        return hook()
    return {}


def _encode(value: Any, escape_html: bool, indent: str | None, level: int, out: list[str]) -> None:
    if value is None or getattr(value, "go_nil", False):
        out.append("null")
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(int(value)))
    elif isinstance(value, float):
        out.append(format_float(value))
    elif isinstance(value, str):
        out.append(quote_string(value, escape_html))
    elif isinstance(value, (bytes, bytearray)):
        out.append('"' + base64.b64encode(bytes(value)).decode("ascii") + '"')
    elif isinstance(value, dict):
        lookup = {str(k): v for k, v in value.items()}
        if getattr(value, "go_json_ordered", False):
            keys = list(lookup)  # a struct: fields in declaration order
        else:
            keys = sorted(lookup, key=lambda k: k.encode("utf-8", "surrogatepass"))
        if not keys:
            out.append("{}")
            return
        out.append("{")
        for i, key in enumerate(keys):
            if i:
                out.append(",")
            if indent is not None:
                out.append("\n" + indent * (level + 1))
            out.append(quote_string(key, escape_html))
            out.append(": " if indent is not None else ":")
            _encode(lookup[key], escape_html, indent, level + 1, out)
        if indent is not None:
            out.append("\n" + indent * level)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            if indent is not None:
                out.append("\n" + indent * (level + 1))
            _encode(item, escape_html, indent, level + 1, out)
        if indent is not None:
            out.append("\n" + indent * level)
        out.append("]")
    else:
        _encode(_json_value(value), escape_html, indent, level, out)


def marshal(value: Any, *, escape_html: bool = True, indent: str | None = None) -> str:
    """json.Marshal (or MarshalIndent with prefix "" when indent is given)."""
    out: list[str] = []
    _encode(value, escape_html, indent, 0, out)
    return "".join(out)
