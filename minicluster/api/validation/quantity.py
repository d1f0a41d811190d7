"""resource.Quantity as apimachinery parses, compares and prints it (`500m`, `1Gi`, `2`)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from minicluster.api import messages as m

_SPLIT = re.compile(m.QUANTITY_REGEX_TEXT)
_BINARY = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DECIMAL_BY_EXP = {v: k for k, v in _DECIMAL.items()}


class QuantityError(ValueError):
    pass


def parse(text: str) -> tuple[Decimal, str]:
    """(value, format) with format BinarySI | DecimalSI | DecimalExponent."""
    match = _SPLIT.match(text.strip())
    if not match:
        raise QuantityError(m.QUANTITY_FORMAT)
    number, suffix = match.groups()
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise QuantityError(m.QUANTITY_NUMERIC) from None
    if suffix in _BINARY:
        return value * (Decimal(1024) ** _BINARY[suffix]), "BinarySI"
    if suffix in _DECIMAL:
        return value * (Decimal(10) ** _DECIMAL[suffix]), "DecimalSI"
    exp = re.fullmatch(r"[eE]([-+]?[0-9]+)", suffix)
    if exp:
        return value * (Decimal(10) ** int(exp.group(1))), "DecimalExponent"
    raise QuantityError(m.QUANTITY_SUFFIX)


def canonical(value: Decimal, fmt: str) -> str:
    """Quantity.String(): the largest suffix that keeps an integer mantissa."""
    if fmt == "BinarySI" and value == value.to_integral_value() and abs(value) >= 1024:
        for suffix, power in sorted(_BINARY.items(), key=lambda kv: -kv[1]):
            unit = Decimal(1024) ** power
            if value % unit == 0:
                return f"{int(value / unit)}{suffix}"
    if value == 0:
        return "0"
    for exp in (18, 15, 12, 9, 6, 3, 0, -3, -6, -9):
        mantissa = value / (Decimal(10) ** exp)
        if mantissa == mantissa.to_integral_value():
            suffix = _DECIMAL_BY_EXP[exp]
            if fmt == "DecimalExponent" and exp:
                return f"{int(mantissa)}e{exp}"
            return f"{int(mantissa)}{suffix}"
    # Below a nanounit the real type rounds up to 1n.
    return "1n"


def error(value: object) -> str | None:
    """The decode error of a quantity value (string or number), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return m.QUANTITY_FORMAT
    try:
        parse(str(value))
    except QuantityError as exc:
        return str(exc)
    return None
