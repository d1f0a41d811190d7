"""YAML read the way Helm reads values.yaml, `-f` files and Chart.yaml.

The decoding itself (go-yaml v2 typing, then the JSON round trip) is templates/yamlread.py,
shared with the fromYaml template functions; this module turns its errors into the chart
layer's YamlError and adds Helm's loaders on top (values maps, multi-document values files).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

from minicluster.templates import yamlread

from .errors import YamlError

_F = TypeVar("_F", bound=Callable[..., Any])


def _chart_errors(fn: _F) -> _F:
    @wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except yamlread.GoYAMLError as exc:
            raise YamlError(exc.text) from None

    return call  # type: ignore[return-value]


compose = _chart_errors(yamlread.compose)
compose_all = _chart_errors(yamlread.compose_all)
decode_go = _chart_errors(yamlread.decode_go)
to_json_value = _chart_errors(yamlread.to_json_value)


def load_map(text: str, go_type: str = "map[string]interface {}") -> dict[str, Any]:
    """sigs.k8s.io/yaml.Unmarshal of one document into a map (`go_type` names it in errors)."""
    try:
        value = to_json_value(decode_go(compose(text)))
    except YamlError as exc:
        raise YamlError(_with_json_prefix(exc)) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise YamlError(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
            f"{yamlread.json_kind(value)} into Go value of type {go_type}"
        )
    return value


def read_values(text: str) -> dict[str, Any]:
    """common.ReadValues: a single document into chart values (what `helm lint` reads)."""
    return load_map(text, "common.Values")


def load_any(text: str) -> Any:
    """sigs.k8s.io/yaml.Unmarshal into interface{}."""
    return to_json_value(decode_document(text))


@lru_cache(maxsize=32)
def decode_document(text: str) -> Any:
    """decode_go(compose(text)), memoized: Chart.yaml is read twice per load (apiVersion
    dispatch, then the metadata). Callers must not mutate the returned tree."""
    return decode_go(compose(text))


def merge_maps(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """loader.MergeMaps: b wins; maps present in both merge recursively."""
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = value
    return out


def load_values(text: str) -> dict[str, Any]:
    """loader.LoadValues: every YAML document of the stream decoded as a map, merged in order."""
    values: dict[str, Any] = {}
    try:
        nodes = compose_all(text)
    except YamlError as exc:
        raise YamlError(f"cannot unmarshal yaml document: {_with_json_prefix(exc)}") from None
    for node in nodes:
        try:
            current = to_json_value(decode_go(node))
        except YamlError as exc:
            raise YamlError(f"cannot unmarshal yaml document: {_with_json_prefix(exc)}") from None
        if current is None:
            continue
        if not isinstance(current, dict):
            raise YamlError(
                "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: "
                f"json: cannot unmarshal {yamlread.json_kind(current)} into Go value of type "
                "map[string]interface {}"
            )
        values = merge_maps(values, current)
    return values


def _with_json_prefix(exc: YamlError) -> str:
    return yamlread.with_json_prefix(exc.message)
