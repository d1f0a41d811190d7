"""Objects as kubectl's -o json / -o yaml / -o name print them.

JSON is json.MarshalIndent with four spaces and sorted keys (Go escapes <, > and &). YAML is
sigs.k8s.io/yaml over go-yaml v2: keys sorted, sequences not indented under their key, strings
that would read back as another type double-quoted (timestamps, "true", "1", ""), multi-line
strings as literal blocks, and lines folded at 80 columns.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

_BOOL_WORDS = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
               "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                  ".nan", ".NaN", ".NAN"}
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$"
)
_GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$")


def resolves_to_non_string(text: str) -> bool:
    """Whether go-yaml v2 would read this plain scalar back as something other than a string."""
    if text in _NULL_WORDS or text in _BOOL_WORDS or text in _SPECIAL_FLOAT or text == "<<":
        return True
    if _GO_INT.match(text) or _FLOAT.match(text) or _BASE60.match(text):
        return True
    return bool(_TIMESTAMP.match(text))


class _GoYamlDumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if resolves_to_non_string(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    if value == int(value) and abs(value) < 1e21:
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", repr(value))


_GoYamlDumper.add_representer(str, _represent_str)
_GoYamlDumper.add_representer(float, _represent_float)


def _plain(value: Any) -> Any:
    """What JSON round-tripping leaves of an object (sigs.k8s.io/yaml goes through JSON)."""
    return json.loads(json.dumps(value))


def to_yaml(obj: Any) -> str:
    return yaml.dump(_plain(obj), Dumper=_GoYamlDumper, default_flow_style=False,
                     sort_keys=True, allow_unicode=True, width=80)


def to_json(obj: Any) -> str:
    text = json.dumps(obj, indent=4, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def as_list(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The `kind: List` wrapper kubectl prints for several objects or a list request."""
    return {"apiVersion": "v1", "items": objects, "kind": "List",
            "metadata": {"resourceVersion": ""}}


def strip_managed_fields(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    if isinstance(meta, dict) and "managedFields" in meta:
        obj = dict(obj)
        obj["metadata"] = {k: v for k, v in meta.items() if k != "managedFields"}
    return obj
