"""Sprig's numeric functions: int64 integer math over cast conversions, decimal float math."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from minicluster.templates.functions import template_function
from minicluster.templates.gotypes import Int64

from ._core import (
    INT64_MAX,
    INT64_MIN,
    FunctionError,
    go_parse_int,
    to_float64,
    to_int,
    to_int64,
)
from ._core import _wrap_int64 as wrap_int64
from ._fmt import sprint

DIVIDE_BY_ZERO = "runtime error: integer divide by zero"


class IntSlice(list):
    """[]int, what until and untilStep return."""

    go_type = "[]int"


def _i64(value: int) -> Int64:
    return Int64(wrap_int64(value))


@template_function("add1")
def add1(value: Any) -> Int64:
    return _i64(to_int64(value) + 1)


@template_function("add")
def add(*values: Any) -> Int64:
    return _i64(sum(int(to_int64(v)) for v in values))


@template_function("sub")
def sub(a: Any, b: Any) -> Int64:
    return _i64(to_int64(a) - to_int64(b))


def _go_quotient(a: int, b: int) -> int:
    if b == 0:
        raise FunctionError(DIVIDE_BY_ZERO)
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient


@template_function("div")
def div(a: Any, b: Any) -> Int64:
    return _i64(_go_quotient(int(to_int64(a)), int(to_int64(b))))


@template_function("mod")
def mod(a: Any, b: Any) -> Int64:
    x, y = int(to_int64(a)), int(to_int64(b))
    return _i64(x - _go_quotient(x, y) * y)


@template_function("mul")
def mul(a: Any, *values: Any) -> Int64:
    product = int(to_int64(a))
    for v in values:
        product = wrap_int64(product * int(to_int64(v)))
    return _i64(product)


def _biggest(a: Any, *values: Any) -> Int64:
    return Int64(max([int(to_int64(a))] + [int(to_int64(v)) for v in values]))


template_function("max")(_biggest)
template_function("biggest")(_biggest)


@template_function("min")
def min_(a: Any, *values: Any) -> Int64:
    return Int64(min([int(to_int64(a))] + [int(to_int64(v)) for v in values]))


@template_function("maxf")
def maxf(a: Any, *values: Any) -> float:
    result = to_float64(a)
    for v in values:
        result = _go_max(result, to_float64(v))
    return result


@template_function("minf")
def minf(a: Any, *values: Any) -> float:
    result = to_float64(a)
    for v in values:
        result = _go_min(result, to_float64(v))
    return result


def _go_max(x: float, y: float) -> float:
    if math.isnan(x) or math.isnan(y):
        return math.nan
    return max(x, y)


def _go_min(x: float, y: float) -> float:
    if math.isnan(x) or math.isnan(y):
        return math.nan
    return min(x, y)


# -- shopspring/decimal float math ------------------------------------------------------------


def _decimal(value: Any) -> Decimal:
    number = to_float64(value)
    if math.isnan(number) or math.isinf(number):
        raise FunctionError(f"Cannot create a Decimal from {sprint(number)}")
    # shopspring/decimal has no negative zero.
    return Decimal(repr(number)) if number != 0 else Decimal(0)


def _to_float(value: Decimal) -> float:
    return float(value) if value != 0 else 0.0


def _decimal_op(first: Any, rest: tuple[Any, ...], op: str) -> float:
    result = _decimal(first)
    with localcontext() as ctx:
        ctx.prec = 400
        for value in rest:
            operand = _decimal(value)
            if op == "+":
                result = result + operand
            elif op == "-":
                result = result - operand
            elif op == "*":
                result = result * operand
            else:
                if operand == 0:
                    raise FunctionError("decimal division by 0")
                # shopspring divides to 16 decimal places, rounding half away from zero.
                result = (result / operand).quantize(Decimal("1e-16"), rounding=ROUND_HALF_UP)
    return _to_float(result)


@template_function("add1f")
def add1f(value: Any) -> float:
    return _decimal_op(value, (1.0,), "+")


@template_function("addf")
def addf(*values: Any) -> float:
    return _decimal_op(0.0, values, "+")


@template_function("subf")
def subf(a: Any, *values: Any) -> float:
    return _decimal_op(a, values, "-")


@template_function("mulf")
def mulf(a: Any, *values: Any) -> float:
    return _decimal_op(a, values, "*")


@template_function("divf")
def divf(a: Any, *values: Any) -> float:
    return _decimal_op(a, values, "/")


def _go_ceil(number: float) -> float:
    """math.Ceil: keeps infinities, NaN and the sign of a zero result (Ceil(-0.5) = -0)."""
    if math.isnan(number) or math.isinf(number):
        return number
    return math.copysign(float(math.ceil(number)), number)


def _go_floor(number: float) -> float:
    if math.isnan(number) or math.isinf(number):
        return number
    return math.copysign(float(math.floor(number)), number)


@template_function("ceil")
def ceil(value: Any) -> float:
    return _go_ceil(to_float64(value))


@template_function("floor")
def floor(value: Any) -> float:
    return _go_floor(to_float64(value))


@template_function("round")
def round_(value: Any, places: int, *round_on: float) -> float:
    threshold = round_on[0] if round_on else 0.5
    power = math.pow(10, float(places))
    digit = power * to_float64(value)
    if math.isinf(digit) or math.isnan(digit):
        return digit / power
    fraction = math.fmod(digit, 1.0)
    rounded = _go_ceil(digit) if fraction >= threshold else _go_floor(digit)
    return rounded / power


# -- conversions ----------------------------------------------------------------------------


@template_function("int64")
def int64_(value: Any) -> Int64:
    return to_int64(value)


@template_function("int")
def int_(value: Any) -> int:
    return to_int(value)


@template_function("float64")
def float64_(value: Any) -> float:
    return to_float64(value)


@template_function("atoi")
def atoi(s: str) -> int:
    try:
        return go_parse_int(s, 10)
    except ValueError as err:
        if "range" in str(err):
            return INT64_MIN if s.startswith("-") else INT64_MAX
        return 0


@template_function("toDecimal")
def to_decimal(value: Any) -> Int64:
    try:
        return Int64(go_parse_int(sprint(value), 8))
    except ValueError:
        return Int64(0)


# -- sequences ------------------------------------------------------------------------------


def until_step_list(start: int, stop: int, step: int) -> IntSlice:
    if stop < start:
        if step >= 0:
            return IntSlice()
        return IntSlice(range(start, stop, step))
    if step <= 0:
        return IntSlice()
    return IntSlice(range(start, stop, step))


@template_function("until")
def until(count: int) -> IntSlice:
    return until_step_list(0, count, -1 if count < 0 else 1)


@template_function("untilStep")
def until_step(start: int, stop: int, step: int) -> IntSlice:
    return until_step_list(start, stop, step)


@template_function("seq")
def seq(*params: int) -> str:
    if len(params) == 1:
        end = params[0]
        step = -1 if end < 1 else 1
        numbers = until_step_list(1, end + step, step)
    elif len(params) == 2:
        start, end = params
        step = -1 if end < start else 1
        numbers = until_step_list(start, end + step, step)
    elif len(params) == 3:
        start, step, end = params
        increment = 1
        if end < start:
            increment = -1
            if step > 0:
                return ""
        numbers = until_step_list(start, end + increment, step)
    else:
        return ""
    return " ".join(str(n) for n in numbers)
