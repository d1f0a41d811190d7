"""What go-yaml v2 reads an unquoted scalar as (resolve.go): YAML 1.1 words, Go number syntax.

Used both to load YAML like Helm (fromYaml) and to decide when toYaml must quote a string.
"""

from __future__ import annotations

import math
import re
from typing import Any

from minicluster.templates.goliterals import go_parse_int, go_parse_uint
from minicluster.templates.goliterals import parse_float as go_parse_float

_WORDS: dict[str, tuple[str, Any]] = {
    "": ("null", None),
    "~": ("null", None),
    "<<": ("merge", "<<"),
}
for _word in ("null", "Null", "NULL"):
    _WORDS[_word] = ("null", None)
for _word in "y Y yes Yes YES on On ON true True TRUE".split():
    _WORDS[_word] = ("bool", True)
for _word in "n N no No NO off Off OFF false False FALSE".split():
    _WORDS[_word] = ("bool", False)
for _word in (".nan", ".NaN", ".NAN"):
    _WORDS[_word] = ("float", math.nan)
for _word in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
    _WORDS[_word] = ("float", math.inf)
for _word in ("-.inf", "-.Inf", "-.INF"):
    _WORDS[_word] = ("float", -math.inf)

_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?"
)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_timestamp(text: str) -> bool:
    """go-yaml's accepted layouts: date, date T time [zone], date space time (no zone)."""
    match = _TIMESTAMP.fullmatch(text)
    if not match:
        return False
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    limit = (29 if leap else 28) if month == 2 else _DAYS[month - 1]
    if day > limit:
        return False
    if match.group(4) is not None:
        if match.group(4) == " " and match.group(8) is not None:
            return False
        hour, minute, second = (int(match.group(g)) for g in (5, 6, 7))
        if hour > 23 or minute > 59 or second > 59:
            return False
    return True


def resolve_plain(text: str, *, timestamps: bool = True) -> tuple[str, Any]:
    """(kind, value) with kind in null|bool|int|float|timestamp|merge|str.

    `timestamps=False` for a scalar explicitly tagged other than !!timestamp: go-yaml then
    does not try the timestamp layouts.
    """
    if text in _WORDS:
        return _WORDS[text]
    first = text[0]
    if first == ".":
        try:
            return "float", go_parse_float(text)
        except ValueError:
            return "str", text
    if first not in "+-0123456789":
        return "str", text
    if timestamps and is_timestamp(text):
        return "timestamp", text
    plain = text.replace("_", "")
    try:
        return "int", go_parse_int(plain)
    except ValueError:
        pass
    try:
        return "int", go_parse_uint(plain)
    except ValueError:
        pass
    if _YAML_FLOAT.fullmatch(plain):
        try:
            return "float", go_parse_float(plain)
        except ValueError:
            pass
    for prefix, sign in (("0b", 1), ("-0b", -1)):
        if plain.startswith(prefix):
            try:
                return "int", sign * int(plain[len(prefix) :], 2)
            except ValueError:
                pass
    return "str", text
