"""values.schema.json validation with Helm's error text.

Helm 4 validates with santhosh-tekuri/jsonschema v6 and prints its error tree:

    values don't meet the specifications of the schema(s) in the following chart(s):
    mychart:
    - at '/replicas': got string, want integer
    - at '/list': validation failed
      - at '/list': minItems: got 1, want 2
      - at '/list/0': got number, want integer

Validation itself is done by the `jsonschema` package; this module only rebuilds that tree:
errors are grouped by instance location, a location with a single error is shown as that error,
a failed `type`, `enum` or `const` hides the other errors of the same location (v6 stops there).
Go iterates schema properties in random order; here they follow the schema's own order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from minicluster.templates.gofmt import format_float

from .errors import SchemaError
from .model import Chart

if TYPE_CHECKING:
    import jsonschema


def _go_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "null"
    return json.dumps(value, separators=(",", ":"))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _quoted_list(items: list[Any]) -> str:
    return ", ".join(_go_value(i) for i in items)


def _message(err: jsonschema.ValidationError) -> str:
    kw, want, inst = err.validator, err.validator_value, err.instance
    if kw == "type":
        types = want if isinstance(want, list) else [want]
        return f"got {_json_type(inst)}, want {' or '.join(types)}"
    if kw == "required":
        missing = [p for p in want if isinstance(inst, dict) and p not in inst]
        if len(missing) == 1:
            return f"missing property '{missing[0]}'"
        return "missing properties " + ", ".join(f"'{m}'" for m in missing)
    if kw == "enum":
        return f"value must be one of {_quoted_list(want)}"
    if kw == "const":
        return f"value must be {_go_value(want)}"
    if kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
        return f"{kw}: got {_go_value(inst)}, want {_go_value(want)}"
    if kw in ("minLength", "maxLength"):
        return f"{kw}: got {len(inst)}, want {_go_value(want)}"
    if kw in ("minItems", "maxItems", "minProperties", "maxProperties"):
        return f"{kw}: got {len(inst)}, want {_go_value(want)}"
    if kw == "pattern":
        return f"{_go_value(inst)} does not match pattern {_go_value(want)}"
    if kw == "additionalProperties":
        extra = sorted(k for k in inst if k not in err.schema.get("properties", {}))
        noun = "property" if len(extra) == 1 else "properties"
        return f"additional {noun} {', '.join(repr(e) for e in extra)} not allowed"
    if kw == "format":
        return f"{_go_value(inst)} is not valid {_go_value(want)}"
    if kw == "uniqueItems":
        return "items are not unique"
    if kw in ("anyOf", "oneOf"):
        return f"{kw} failed"
    if kw == "not":
        return "'not' failed"
    if kw is False or err.validator == "false":
        return "false schema"
    return err.message


def _pointer(path: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


class _Group:
    def __init__(self, pointer: str) -> None:
        self.pointer = pointer
        self.own: list[jsonschema.ValidationError] = []
        self.children: dict[str, _Group] = {}

    def leaves(self) -> int:
        return len(self.own) + sum(c.leaves() for c in self.children.values())

    def lines(self, indent: str) -> list[str]:
        if self.leaves() == 1:
            if self.own:
                return [f"{indent}- at '{self.pointer}': {_message(self.own[0])}"]
            return next(iter(self.children.values())).lines(indent)
        out = [f"{indent}- at '{self.pointer}': validation failed"]
        return out + self.body(indent + "  ")

    def body(self, indent: str) -> list[str]:
        out: list[str] = []
        first = [e for e in self.own if e.validator != "additionalProperties"]
        last = [e for e in self.own if e.validator == "additionalProperties"]
        for err in first:
            out.append(f"{indent}- at '{self.pointer}': {_message(err)}")
        for child in self.children.values():
            out.extend(child.lines(indent))
        for err in last:
            out.append(f"{indent}- at '{self.pointer}': {_message(err)}")
        return out


def _prune(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """v6 stops evaluating a location after a failed type, enum or const."""
    blocking: dict[tuple, int] = {}
    for err in errors:
        if err.validator in ("type", "const", "enum"):
            key = (tuple(err.absolute_path), tuple(err.absolute_schema_path)[:-1])
            blocking.setdefault(key, 0)
    kept = []
    for err in errors:
        key = (tuple(err.absolute_path), tuple(err.absolute_schema_path)[:-1])
        if key in blocking:
            order = ("type", "const", "enum")
            if err.validator not in order:
                continue
            first = min(
                (e for e in errors
                 if (tuple(e.absolute_path), tuple(e.absolute_schema_path)[:-1]) == key
                 and e.validator in order),
                key=lambda e: order.index(e.validator),
            )
            if first is not err:
                continue
        kept.append(err)
    return kept


def validate_single(values: dict[str, Any], schema_bytes: bytes) -> str | None:
    """The error text for one chart's schema (ends with a newline), or None when valid."""
    try:
        schema = json.loads(schema_bytes)
    except ValueError as exc:
        return f"{exc}\n"
    # Imported on first use: most charts have no schema, and the import costs ~80 ms.
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = _prune(list(validator.iter_errors(values)))
    if not errors:
        return None
    root = _Group("")
    for err in errors:
        group = root
        path = list(err.absolute_path)
        for depth in range(1, len(path) + 1):
            pointer = _pointer(path[:depth])
            group = group.children.setdefault(pointer, _Group(pointer))
        group.own.append(err)
    return "\n".join(root.body("")) + "\n"


def schema_errors(chart: Chart, values: dict[str, Any]) -> str:
    """ValidateAgainstSchema: the chart's and its subcharts' errors, '' when all valid."""
    out = []
    if chart.schema is not None:
        err = validate_single(values, chart.schema)
        if err:
            out.append(f"{chart.name}:\n{err}")
    for sub in chart.dependencies:
        raw = values.get(sub.name)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            from .strvals import go_type

            out.append(f"{sub.name}:\ninvalid type for values: expected object (map), got "
                       f"{go_type(raw)}\n")
            continue
        out.append(schema_errors(sub, raw))
    return "".join(out)


def validate_values(chart: Chart, values: dict[str, Any]) -> None:
    text = schema_errors(chart, values)
    if text:
        raise SchemaError(
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
            + text
        )
