"""Go's strconv.FormatFloat(f, 'g', -1, bits): the shortest text that reads back as the same value.

Needed where Go turns a YAML number into a string: Chart.yaml fields (`appVersion: 1.10` is
"1.1", formatted as a float32) and float map keys.
"""

from __future__ import annotations

import math
import struct


def _shortest_digits(value: float, bits: int) -> tuple[str, int]:
    """Digits and decimal exponent (value = 0.DIGITS * 10**exp) of the shortest round trip."""
    if bits == 64:
        text = f"{value:.16e}"
        for precision in range(1, 18):
            candidate = f"{value:.{precision - 1}e}"
            if float(candidate) == value:
                text = candidate
                break
    else:
        target = struct.unpack("f", struct.pack("f", value))[0]
        text = f"{value:.8e}"
        for precision in range(1, 10):
            candidate = f"{value:.{precision - 1}e}"
            if struct.unpack("f", struct.pack("f", float(candidate)))[0] == target:
                text = candidate
                break
    mant, _, exp = text.partition("e")
    digits = mant.replace(".", "").replace("-", "").rstrip("0") or "0"
    return digits, int(exp) + 1


def format_float(value: float, bits: int = 64) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    digits, point = _shortest_digits(abs(value), bits)
    exp = point - 1
    if exp < -4 or exp >= 6:  # Go uses %e past 6 digits when precision is shortest
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{sign}{digits}{'0' * (point - len(digits))}"
    return f"{sign}{digits[:point]}.{digits[point:]}"
