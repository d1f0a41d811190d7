"""kubectl's -o flag: choosing a printer and printing objects with it (non-table formats).

Tables (`-o wide` or none) are printed by commands/get.py; this module serves yaml, json,
name, jsonpath, jsonpath-as-json and custom-columns, for get and for create/apply/delete.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from . import messages as m
from .errors import KubectlError, RawError
from .printing import jsonpath
from .printing.serialize import as_list, strip_managed_fields, to_json, to_yaml
from .printing.tabwriter import kubectl_table_writer


@dataclass
class OutputFormat:
    kind: str  # table | wide | yaml | json | name | jsonpath | jsonpath-as-json | custom-columns
    argument: str = ""

    @property
    def human(self) -> bool:
        return self.kind in ("table", "wide")


_TEMPLATE_KINDS = ("jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns",
                   "custom-columns-file", "go-template", "go-template-file", "template",
                   "templatefile")


def parse_output(value: str, template: str = "") -> OutputFormat:
    if value in ("", "wide"):
        return OutputFormat("table" if value == "" else "wide")
    if value in ("yaml", "json", "name"):
        return OutputFormat(value)
    kind, eq, arg = value.partition("=")
    if kind in _TEMPLATE_KINDS:
        arg = arg if eq else template
        if kind in ("go-template", "go-template-file", "template", "templatefile"):
            raise KubectlError("minicluster does not support Go templates in kubectl -o; "
                               "use -o jsonpath=... or -o custom-columns=...")
        if kind in ("jsonpath-file", "custom-columns-file"):
            raise KubectlError(f"minicluster does not read -o {kind}; pass the template inline")
        if not arg and kind.startswith("custom-columns"):
            raise KubectlError(m.CUSTOM_COLUMNS_EMPTY)
        if not arg:
            raise KubectlError(m.TEMPLATE_MISSING)
        return OutputFormat(kind, arg)
    raise KubectlError(m.NO_PRINTER.format(output=value, allowed=m.ALLOWED_FORMATS))


def type_name(info: Any) -> str:
    return info.type_name


def name_line(info: Any, obj: dict[str, Any], operation: str = "") -> str:
    """The name printer: `job.batch/hello` (+ ` created`)."""
    name = (obj.get("metadata") or {}).get("name", "")
    text = f"{type_name(info)}/{name}"
    return f"{text} {operation}\n" if operation else text + "\n"


_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")


def relaxed_jsonpath(expr: str) -> str:
    """RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` all mean `{.a.b}`."""
    if not expr:
        return expr
    match = _RELAXED.match(expr)
    if not match:
        raise KubectlError(m.CUSTOM_COLUMNS_PATH)
    return "{." + (match.group(1) or match.group(2)) + "}"


def _jsonpath_text(template: str, data: Any, as_json: bool) -> str:
    try:
        root = jsonpath.parse(template)
    except jsonpath.JSONPathError as exc:
        raise RawError(f"error: {m.JSONPATH_PARSE.format(template=template, error=exc)}") \
            from None
    try:
        results = jsonpath.execute_results(root, data)
    except jsonpath.JSONPathError as exc:
        raise KubectlError(m.JSONPATH_EXEC.format(template=template, error=exc,
                                                  object=jsonpath.go_value(data))) from None
    if as_json:
        flat = [v for values in results for v in values]
        text = json.dumps(flat, indent=4, ensure_ascii=False, sort_keys=True)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
    return jsonpath.format_results(results)


def custom_columns(spec: str, objects: list[dict[str, Any]], no_headers: bool) -> str:
    columns = []
    for part in spec.split(","):
        header, colon, expr = part.partition(":")
        if not colon:
            raise KubectlError(m.CUSTOM_COLUMNS_SPEC.format(part=part))
        columns.append((header, relaxed_jsonpath(expr)))
    parsed = []
    for _, expr in columns:
        try:
            parsed.append(jsonpath.parse(expr))
        except jsonpath.JSONPathError as exc:
            raise KubectlError(str(exc)) from None
    writer = kubectl_table_writer()
    if not no_headers:
        writer.write("\t".join(h for h, _ in columns) + "\n")
    for obj in objects:
        cells = []
        for root in parsed:
            try:
                results = jsonpath.execute_results(root, obj)
            except jsonpath.JSONPathError as exc:
                raise KubectlError(str(exc)) from None
            values = [v for vs in results[:1] for v in vs]
            texts = [_sprint(v) for vs in results for v in vs]
            cells.append(",".join(texts) if values else "<none>")
        writer.write("\t".join(cells) + "\n")
    return writer.getvalue()


def _sprint(value: Any) -> str:
    """fmt.Sprint of an unstructured value (maps print Go-style)."""
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_sprint(value[k])}" for k in sorted(value)) + "]"
    if isinstance(value, list):
        return "[" + " ".join(_sprint(v) for v in value) + "]"
    if value is None:
        return "<nil>"
    return jsonpath.go_text(value)


def print_objects(fmt: OutputFormat, items: list[tuple[Any, dict[str, Any]]],
                  single: bool, no_headers: bool = False) -> str:
    """yaml/json/name/jsonpath/custom-columns output of (KindInfo, object) pairs.

    `single` is kubectl's singleItemImplied: one object asked for by name prints bare,
    anything else prints as a `kind: List`."""
    objects = [strip_managed_fields(obj) for _, obj in items]
    if fmt.kind == "name":
        return "".join(name_line(info, obj) for info, obj in items)
    if fmt.kind == "custom-columns":
        return custom_columns(fmt.argument, objects, no_headers)
    data: Any = objects[0] if single and len(objects) == 1 else as_list(objects)
    if fmt.kind == "yaml":
        return to_yaml(data)
    if fmt.kind == "json":
        return to_json(data)
    return _jsonpath_text(fmt.argument, data, fmt.kind == "jsonpath-as-json")
