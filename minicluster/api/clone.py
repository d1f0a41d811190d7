"""A deep copy for JSON-shaped data, several times faster than copy.deepcopy."""

from __future__ import annotations

import marshal
from typing import Any

_loads = marshal.loads
# Format 2 has no back-references: a dict reached twice is copied twice, as a trip through
# JSON (the real apiserver's wire) would copy it; later formats would keep the aliasing.
_MARSHAL_FORMAT = 2


def _dumps(value: Any) -> bytes:
    return marshal.dumps(value, _MARSHAL_FORMAT)


def clone(value: Any) -> Any:
    """A deep copy of a JSON-shaped value (dicts, lists, strings, numbers, bools, None).

    marshal's C round trip copies such trees about a third faster than a Python walk, and
    copying is the API server's largest cost; anything marshal refuses takes the walk."""
    try:
        return _loads(_dumps(value))
    except ValueError:
        return _walk(value)


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _walk(v) if isinstance(v, (dict, list)) else v for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v) if isinstance(v, (dict, list)) else v for v in value]
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
