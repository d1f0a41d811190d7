"""Go's strconv float formatting (shortest round-trip digits), shared by printing, JSON and YAML.

Python's repr() finds the same shortest digit string as Go's strconv; only the layout differs.
"""

from __future__ import annotations

import math
from decimal import Decimal


def shortest_digits(value: float) -> tuple[str, int]:
    """(digits, point): |value| == 0.DIGITS * 10**point, digits without trailing zeros."""
    if value == 0:
        return "0", 1
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    all_digits = "".join(map(str, digit_tuple))
    return all_digits.rstrip("0") or "0", len(all_digits) + int(exponent)


def _sign(value: float) -> str:
    return "-" if math.copysign(1.0, value) < 0 else ""


def _special(value: float) -> str | None:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return None


def format_e(value: float) -> str:
    """strconv.FormatFloat(f, 'e', -1, 64)."""
    special = _special(value)
    if special:
        return special
    digits, point = shortest_digits(value)
    exp = point - 1 if value != 0 else 0
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{_sign(value)}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def format_f(value: float) -> str:
    """strconv.FormatFloat(f, 'f', -1, 64)."""
    special = _special(value)
    if special:
        return special
    digits, point = shortest_digits(value)
    if value == 0:
        return _sign(value) + "0"
    if point <= 0:
        text = "0." + "0" * (-point) + digits
    elif point >= len(digits):
        text = digits + "0" * (point - len(digits))
    else:
        text = digits[:point] + "." + digits[point:]
    return _sign(value) + text


def format_g(value: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64): what %v prints for a float64."""
    special = _special(value)
    if special:
        return special
    if value == 0:
        return _sign(value) + "0"
    _, point = shortest_digits(value)
    exp = point - 1
    # Shortest formatting decides between the two layouts with a precision of 6.
    if exp < -4 or exp >= 6:
        return format_e(value)
    return format_f(value)
