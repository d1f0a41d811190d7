"""Sprig's random functions, drawn from the seeded stream (see _rng.py)."""

from __future__ import annotations

import base64
import string
from typing import Any

from minicluster.templates.functions import template_function

from ._core import FunctionError
from ._rng import entropy

_ALPHA = string.ascii_uppercase + string.ascii_lowercase
_ALNUM = string.digits + _ALPHA
_ASCII = "".join(chr(c) for c in range(32, 127))


def _random_string(ctx: Any, count: int, alphabet: str) -> str:
    if count <= 0:
        return ""
    source = entropy(ctx)
    return "".join(alphabet[source.below(len(alphabet))] for _ in range(count))


@template_function("randAlphaNum", context=True)
def rand_alpha_num(ctx: Any, count: int) -> str:
    return _random_string(ctx, count, _ALNUM)


@template_function("randAlpha", context=True)
def rand_alpha(ctx: Any, count: int) -> str:
    return _random_string(ctx, count, _ALPHA)


@template_function("randNumeric", context=True)
def rand_numeric(ctx: Any, count: int) -> str:
    return _random_string(ctx, count, string.digits)


@template_function("randAscii", context=True)
def rand_ascii(ctx: Any, count: int) -> str:
    return _random_string(ctx, count, _ASCII)


@template_function("randBytes", context=True)
def rand_bytes(ctx: Any, count: int) -> str:
    if count < 0:
        raise FunctionError("runtime error: makeslice: len out of range")
    return base64.b64encode(entropy(ctx).bytes(count)).decode("ascii")


@template_function("randInt", context=True)
def rand_int(ctx: Any, low: int, high: int) -> int:
    if high - low <= 0:
        raise FunctionError("invalid argument to Intn")
    return entropy(ctx).below(high - low) + low


@template_function("uuidv4", context=True)
def uuidv4(ctx: Any) -> str:
    return entropy(ctx).source.uuid4()


@template_function("shuffle", context=True)
def shuffle(ctx: Any, s: str) -> str:
    runes = list(s)
    source = entropy(ctx)
    for i in range(len(runes) - 1, 0, -1):
        j = source.below(i + 1)
        runes[i], runes[j] = runes[j], runes[i]
    return "".join(runes)
