"""YAML written the way Helm writes it (sigs.k8s.io/yaml.Marshal), borrowed from the template
layer's `toYaml` so that there is one implementation of go-yaml v2's emitter."""

from __future__ import annotations

from typing import Any


def to_yaml(value: Any) -> str:
    """Helm's `toYaml`: sigs.k8s.io/yaml.Marshal with the final newline removed."""
    import minicluster.templates.engine  # noqa: F401 - registers the template functions
    from minicluster.templates.functions import REGISTRY

    return str(REGISTRY["toYaml"].fn(value))


def marshal(value: Any) -> str:
    """sigs.k8s.io/yaml.Marshal (ends with a newline, `{}` for an empty map)."""
    return to_yaml(value) + "\n"
