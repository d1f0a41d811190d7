"""Helm's own template functions (pkg/engine/funcs.go) other than include, tpl, required, fail
and lookup: YAML, JSON and TOML conversion, and the offline getHostByName.

Errors follow Helm: the plain encoders swallow failures (toYaml/toJson give ""), the must*
variants fail the render, and the decoders put the error text under an `Error` key.
"""

from __future__ import annotations

from typing import Any

import tomllib

from . import goyaml, yamlread
from .functions import FunctionError, template_function
from .gotypes import Int64
from .sprig._gojson import JSONError, marshal
from .sprig._gotoml import TOMLError, to_toml
from .sprig._jsondecode import JSONDecodeError, decode

MAP_TYPE = "map[string]interface {}"
LIST_TYPE = "[]interface {}"


class NilMap(dict):
    """A nil map[string]interface{}: prints map[], is empty, encodes to JSON null."""

    go_nil = True


class NilList(list):
    """A nil []interface{}: prints [], is empty, encodes to JSON null."""

    go_nil = True


def _trim_newline(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


@template_function("toYaml")
def to_yaml(value: Any) -> str:
    try:
        return _trim_newline(goyaml.to_yaml(value))
    except goyaml.YAMLError:
        return ""


@template_function("mustToYaml")
def must_to_yaml(value: Any) -> str:
    try:
        return _trim_newline(goyaml.to_yaml(value))
    except goyaml.YAMLError as err:
        raise FunctionError(str(err)) from None


@template_function("toYamlPretty")
def to_yaml_pretty(value: Any) -> str:
    return _trim_newline(goyaml.to_yaml_pretty(value))


def _unmarshal_yaml(text: str, target: str) -> Any:
    """sigs.k8s.io/yaml Unmarshal into a map or a list; raises ValueError(Go message)."""
    try:
        data = yamlread.load_first_document(text)
    except yamlread.GoYAMLError as err:
        raise ValueError(err.text) from None
    wanted = dict if target == MAP_TYPE else list
    if data is None:
        return wanted()
    if not isinstance(data, wanted):
        raise ValueError(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
            f"{yamlread.json_kind(data)} into Go value of type {target}"
        )
    return data


@template_function("fromYaml")
def from_yaml(s: str) -> dict[str, Any]:
    try:
        return _unmarshal_yaml(s, MAP_TYPE)
    except ValueError as err:
        return {"Error": str(err)}


@template_function("fromYamlArray")
def from_yaml_array(s: str) -> list[Any]:
    try:
        return _unmarshal_yaml(s, LIST_TYPE)
    except ValueError as err:
        return [str(err)]


@template_function("toJson")
def to_json(value: Any) -> str:
    try:
        return marshal(value)
    except JSONError:
        return ""


@template_function("mustToJson")
def must_to_json(value: Any) -> str:
    try:
        return marshal(value)
    except JSONError as err:
        raise FunctionError(str(err)) from None


def _unmarshal_json(text: str, target: str) -> Any:
    try:
        data = decode(text)
    except JSONDecodeError as err:
        raise ValueError(str(err)) from None
    wanted = dict if target == MAP_TYPE else list
    if data is None:
        # Unmarshaling JSON null into a map or slice sets it to nil.
        return NilMap() if target == MAP_TYPE else NilList()
    if not isinstance(data, wanted):
        raise ValueError(f"json: cannot unmarshal {yamlread.json_kind(data)} into Go value of type {target}")
    return data


@template_function("fromJson")
def from_json(s: str) -> dict[str, Any]:
    try:
        return _unmarshal_json(s, MAP_TYPE)
    except ValueError as err:
        return {"Error": str(err)}


@template_function("fromJsonArray")
def from_json_array(s: str) -> list[Any]:
    try:
        return _unmarshal_json(s, LIST_TYPE)
    except ValueError as err:
        return [str(err)]


@template_function("toToml")
def to_toml_fn(value: Any) -> str:
    try:
        return to_toml(value)
    except TOMLError as err:
        return str(err)


@template_function("mustToToml")
def must_to_toml(value: Any) -> str:
    try:
        return to_toml(value)
    except TOMLError as err:
        raise FunctionError(str(err)) from None


def _from_toml_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _from_toml_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_toml_value(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return Int64(value)
    return value


@template_function("fromToml")
def from_toml(s: str) -> dict[str, Any]:
    try:
        return _from_toml_value(tomllib.loads(s))
    except tomllib.TOMLDecodeError as err:
        return {"Error": f"toml: {err}"}


@template_function("getHostByName")
def get_host_by_name(name: str) -> str:
    # Helm answers "" unless DNS lookups were enabled (--enable-dns); the kit never resolves.
    return ""
