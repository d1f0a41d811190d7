"""Reading YAML as Helm does (sigs.k8s.io/yaml Unmarshal): go-yaml v2 scalar resolution, then
a JSON round trip, so every number becomes a float64 and keys become strings."""

from __future__ import annotations

import math
from typing import Any

import yaml

from ._floatfmt import format_g
from ._yamlresolve import resolve_plain

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _GoYAMLLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Plain scalars resolve with go-yaml v2's rules; timestamps stay strings."""

    def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
        if kind is yaml.ScalarNode and implicit[0]:
            resolved = resolve_plain(value)[0]
            return {
                "null": "tag:yaml.org,2002:null",
                "bool": "tag:yaml.org,2002:bool",
                "int": "tag:yaml.org,2002:int",
                "float": "tag:yaml.org,2002:float",
                "merge": "tag:yaml.org,2002:merge",
            }.get(resolved, "tag:yaml.org,2002:str")
        return super().resolve(kind, value, implicit)


def _construct_scalar(loader: Any, node: Any) -> Any:
    return resolve_plain(loader.construct_scalar(node))[1]


def _construct_bool(loader: Any, node: Any) -> Any:
    value = resolve_plain(loader.construct_scalar(node))[1]
    return value if isinstance(value, bool) else loader.construct_scalar(node)


for _tag in ("int", "float", "null"):
    _GoYAMLLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_scalar)
_GoYAMLLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_GoYAMLLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _construct_map(loader: Any, node: Any) -> Any:
    # Keys become JSON strings right away: Python would merge the keys `1` and `true`.
    result: dict[str, Any] = {}
    yield result
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value = loader.construct_object(value_node, deep=True)
        if key is None:
            shown = "<nil>" if value is None else _go_sharp_v(value)
            raise YAMLLoadError(
                f"unsupported map key of type: %!s(<nil>), key: <nil>, value: {shown}", "yaml"
            )
        result[_key_string(key)] = value


_GoYAMLLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


class YAMLLoadError(Exception):
    """The text of the Go error (`yaml: line 1: ...` or `json: unsupported value: +Inf`)."""

    def __init__(self, message: str, stage: str) -> None:
        super().__init__(message)
        self.stage = stage  # "yaml" (converting YAML to JSON) or "json" (unmarshaling JSON)


_PROBLEMS = (
    ("expected <block end>", "did not find expected key"),
    ("expected the node content", "did not find expected node content"),
    ("expected ',' or ']'", "did not find expected ',' or ']'"),
    ("expected ',' or '}'", "did not find expected ',' or '}'"),
    ("that cannot start any token", "found character that cannot start any token"),
    ("found unexpected end of stream", "found unexpected end of stream"),
    ("expected <document start>", "did not find expected <document start>"),
    ("could not find expected ':'", "could not find expected ':'"),
    ("mapping values are not allowed", "mapping values are not allowed in this context"),
    ("found undefined alias", "unknown anchor"),
)


def _go_yaml_message(err: yaml.YAMLError) -> str:
    problem = getattr(err, "problem", None) or str(err)
    for needle, go_text in _PROBLEMS:
        if needle in problem:
            problem = go_text
            break
    # go-yaml names a line only when a mark is past the first line (marks count from 0, and
    # scanner errors are reported one line further than parser errors).
    problem_mark = getattr(err, "problem_mark", None)
    context_mark = getattr(err, "context_mark", None)
    line = 0
    if problem_mark is not None and problem_mark.line != 0:
        line = problem_mark.line + (1 if isinstance(err, yaml.scanner.ScannerError) else 0)
    elif context_mark is not None and context_mark.line != 0:
        line = context_mark.line
    return f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"


def _key_string(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        if math.isnan(key):
            return ".nan"
        if math.isinf(key):
            return ".inf" if key > 0 else "-.inf"
        return format_g(float(f"{key:.7g}"))
    raise YAMLLoadError(f"yaml: invalid map key: {_go_sharp_v(key)}", "yaml")


def _go_sharp_v(value: Any) -> str:
    """Go's %#v of a decoded YAML value, for go-yaml's invalid-map-key message."""
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        from ._gostr import go_quote

        return go_quote(value)
    if isinstance(value, (int, float)):
        return format_g(value) if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(_go_sharp_v(v) for v in value) + "}"
    if isinstance(value, dict):
        inner = ", ".join(f"{_go_sharp_v(k)}:{_go_sharp_v(v)}" for k, v in value.items())
        return "map[interface {}]interface {}{" + inner + "}"
    return str(value)


def _jsonable(value: Any) -> Any:
    """The YAML-to-JSON conversion plus encoding/json decoding into interface{}."""
    if isinstance(value, dict):
        return {_key_string(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            shown = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
            raise YAMLLoadError(f"json: unsupported value: {shown}", "yaml")
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def load_first_document(text: str) -> Any:
    """The first YAML document as Helm's values see it; raises YAMLLoadError."""
    try:
        loader = _GoYAMLLoader(text)
        try:
            data = _first(loader)
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise YAMLLoadError(_go_yaml_message(err), "yaml") from None
    return _jsonable(data)


def _first(loader: Any) -> Any:
    if loader.check_data():
        return loader.get_data()
    return None
