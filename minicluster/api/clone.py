"""A deep copy for JSON-shaped data, several times faster than copy.deepcopy."""

from __future__ import annotations

from typing import Any


def clone(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: clone(v) if isinstance(v, (dict, list)) else v for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) if isinstance(v, (dict, list)) else v for v in value]
    return value


def as_dict(value: Any) -> dict[str, Any]:
    """The value when it is a mapping, else an empty one (for reading optional sections)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The value when it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def dicts(value: Any) -> list[dict[str, Any]]:
    """The mappings among the items of a list (anything else yields nothing)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
