"""YAML reading and writing for manifests.

PyYAML's C loader when present (fast), its pure-Python loader otherwise. Manifests are read as
YAML 1.1, which is what kubectl and Helm (through go-yaml v2) read too.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

YAMLError = yaml.YAMLError


def load(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def load_all(text: str) -> list[Any]:
    """Every document of a multi-document stream, empty documents dropped."""
    return [doc for doc in yaml.load_all(text, Loader=_Loader) if doc is not None]


def dump(obj: Any) -> str:
    return yaml.dump(obj, Dumper=_Dumper, default_flow_style=False, sort_keys=False)
