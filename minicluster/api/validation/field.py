"""Field errors as apimachinery's field.Error renders them (Kubernetes 1.32).

`<path>: <Type>: <value>: <detail>` — Required, Forbidden, Too long and Internal omit the value;
strings are Go-quoted, numbers and booleans bare, maps and lists in Go's `%#v` form (1.34 moved
to JSON; we target 1.32).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from minicluster.api import messages as m
from minicluster.api.errors import StatusCause

_CAUSE_TYPES = {
    m.INVALID_VALUE: "FieldValueInvalid",
    m.UNSUPPORTED_VALUE: "FieldValueNotSupported",
    m.REQUIRED_VALUE: "FieldValueRequired",
    m.FORBIDDEN_TYPE: "FieldValueForbidden",
    m.TOO_LONG: "FieldValueTooLong",
    m.TOO_MANY: "FieldValueTooMany",
    m.DUPLICATE_VALUE: "FieldValueDuplicate",
    m.NOT_FOUND_TYPE: "FieldValueNotFound",
}
_VALUELESS = {m.REQUIRED_VALUE, m.FORBIDDEN_TYPE, m.TOO_LONG}
OMIT = object()


def go_quote(text: str) -> str:
    """Go's %q for the strings the validators see (JSON escaping is the same for printable text)."""
    out = json.dumps(text, ensure_ascii=False)
    return out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class GoRaw(str):
    """A value already rendered the Go way (a %#v of a struct)."""


def go_value(value: Any) -> str:
    if isinstance(value, GoRaw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format(value, "g") if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        items = ", ".join(f"{go_quote(k)}:{go_quote(v)}" for k, v in sorted(value.items()))
        return "map[string]string{" + items + "}"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "[]string{" + ", ".join(go_quote(v) for v in value) + "}"
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


@dataclass
class FieldError:
    path: str
    type: str
    value: Any = OMIT
    detail: str = ""

    def body(self) -> str:
        text = self.type
        if self.type not in _VALUELESS and self.value is not OMIT:
            text += ": " + go_value(self.value)
        if self.detail:
            text += ": " + self.detail
        return text

    def __str__(self) -> str:
        return f"{self.path}: {self.body()}"

    def cause(self) -> StatusCause:
        return StatusCause(_CAUSE_TYPES.get(self.type, "FieldValueInvalid"), self.body(),
                           self.path, str(self))


def invalid(path: str, value: Any, detail: str) -> FieldError:
    return FieldError(path, m.INVALID_VALUE, value, detail)


def required(path: str, detail: str = "") -> FieldError:
    return FieldError(path, m.REQUIRED_VALUE, OMIT, detail)


def forbidden(path: str, detail: str) -> FieldError:
    return FieldError(path, m.FORBIDDEN_TYPE, OMIT, detail)


def duplicate(path: str, value: Any) -> FieldError:
    return FieldError(path, m.DUPLICATE_VALUE, value)


def not_supported(path: str, value: Any, supported: str) -> FieldError:
    return FieldError(path, m.UNSUPPORTED_VALUE, value,
                      m.SUPPORTED_VALUES.format(values=supported) if supported else "")


def too_long(path: str, limit: int) -> FieldError:
    return FieldError(path, m.TOO_LONG, OMIT, m.MAY_NOT_BE_MORE_THAN_BYTES.format(n=limit))
