"""YAML written the way Helm writes it (sigs.k8s.io/yaml.Marshal), through the template layer's
go-yaml v2 emitter so that there is one implementation of it."""

from __future__ import annotations

from typing import Any


def marshal(value: Any) -> str:
    """sigs.k8s.io/yaml.Marshal (ends with a newline, `{}` for an empty map)."""
    from minicluster.templates.goyaml import to_yaml as _marshal

    return str(_marshal(value))


def to_yaml(value: Any) -> str:
    """Helm's `toYaml`: Marshal with one final newline removed."""
    text = marshal(value)
    return text[:-1] if text.endswith("\n") else text
