"""reflect.DeepEqual over Go values held in Python: types must match exactly."""

from __future__ import annotations

import math
from typing import Any

from ._core import type_name


def deep_equal(a: Any, b: Any) -> bool:
    if type_name(a) != type_name(b):
        return False
    if isinstance(a, float):
        return not math.isnan(a) and a == b
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(deep_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(deep_equal(x, y) for x, y in zip(a, b))
    if a is None:
        return True
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - objects without equality compare by identity
        return a is b


def contains(items: list[Any], needle: Any) -> bool:
    return any(deep_equal(needle, item) for item in items)
