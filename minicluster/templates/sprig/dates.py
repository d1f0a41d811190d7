"""Sprig's date.go on the cluster's virtual clock (UTC is the kit's local zone)."""

from __future__ import annotations

import calendar
from typing import Any

from minicluster.templates.functions import template_function
from minicluster.templates.gotypes import Int32, Int64

from ._core import FunctionError
from ._gotime import (
    LOCAL,
    NANOS,
    UTC,
    ZERO_TIME,
    Duration,
    DurationError,
    Time,
    TimeParseError,
    duration_string,
    from_unix,
    load_location,
    parse_duration,
    parse_time,
)


def current_time(ctx: Any) -> Time:
    """The virtual clock's instant, or its epoch when rendering outside a cluster."""
    from minicluster.core.clock import DEFAULT_EPOCH

    clock = getattr(ctx, "clock", None)
    moment = clock.datetime() if clock is not None else DEFAULT_EPOCH
    # Whole seconds and microseconds separately: a float of nanoseconds would lose digits.
    return Time(calendar.timegm(moment.utctimetuple()), moment.microsecond * 1000, LOCAL)


def _as_time(ctx: Any, value: Any) -> Time:
    """Sprig accepts a time or unix seconds as int/int32/int64; anything else means now."""
    if isinstance(value, Time):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        return current_time(ctx)
    if type(value) in (int, Int64, Int32):
        return from_unix(int(value))
    return current_time(ctx)


def _date_in_zone(ctx: Any, layout: str, value: Any, zone_name: str) -> str:
    zone = load_location(zone_name) or UTC
    moment = _as_time(ctx, value)
    return Time(moment.unix, moment.nanos, zone).Format(layout)


@template_function("now", context=True)
def now(ctx: Any) -> Time:
    return current_time(ctx)


@template_function("date", context=True)
def date(ctx: Any, layout: str, value: Any) -> str:
    return _date_in_zone(ctx, layout, value, "Local")


def _date_in_zone_fn(ctx: Any, layout: str, value: Any, zone: str) -> str:
    return _date_in_zone(ctx, layout, value, zone)


template_function("dateInZone", context=True)(_date_in_zone_fn)
template_function("date_in_zone", context=True)(_date_in_zone_fn)


@template_function("htmlDate", context=True)
def html_date(ctx: Any, value: Any) -> str:
    return _date_in_zone(ctx, "2006-01-02", value, "Local")


@template_function("htmlDateInZone", context=True)
def html_date_in_zone(ctx: Any, value: Any, zone: str) -> str:
    return _date_in_zone(ctx, "2006-01-02", value, zone)


@template_function("toDate")
def to_date(layout: str, value: str) -> Time:
    try:
        return parse_time(layout, value, LOCAL)
    except TimeParseError:
        return ZERO_TIME


@template_function("mustToDate")
def must_to_date(layout: str, value: str) -> Time:
    try:
        return parse_time(layout, value, LOCAL)
    except TimeParseError as err:
        raise FunctionError(str(err)) from None


def _date_modify(modifier: str, moment: Time) -> Time:
    try:
        return moment.Add(parse_duration(modifier))
    except DurationError:
        return moment


def _must_date_modify(modifier: str, moment: Time) -> Time:
    try:
        return moment.Add(parse_duration(modifier))
    except DurationError as err:
        raise FunctionError(str(err)) from None


template_function("dateModify")(_date_modify)
template_function("date_modify")(_date_modify)
template_function("mustDateModify")(_must_date_modify)
template_function("must_date_modify")(_must_date_modify)


@template_function("ago", context=True)
def ago(ctx: Any, value: Any) -> str:
    moment = value if isinstance(value, Time) else _as_time(ctx, value)
    if not isinstance(value, Time) and type(value) is Int32:
        moment = current_time(ctx)
    current = current_time(ctx)
    elapsed = (current.unix - moment.unix) * NANOS + current.nanos - moment.nanos
    # Go rounds half away from zero to whole seconds.
    seconds, rest = divmod(abs(elapsed), NANOS)
    if rest * 2 >= NANOS:
        seconds += 1
    return duration_string((seconds if elapsed >= 0 else -seconds) * NANOS)


@template_function("duration")
def duration(seconds: Any) -> str:
    count = 0
    if isinstance(seconds, str):
        from ._core import go_parse_int

        try:
            count = go_parse_int(seconds, 10)
        except ValueError:
            count = 0
    elif type(seconds) is Int64:
        count = int(seconds)
    return duration_string(count * NANOS)


_YEAR = 3600 * NANOS * 24 * 365
_MONTH = 3600 * NANOS * 24 * 30
_DAY = 3600 * NANOS * 24


@template_function("durationRound", context=True)
def duration_round(ctx: Any, value: Any) -> str:
    span = 0
    if isinstance(value, str):
        try:
            span = parse_duration(value)
        except DurationError:
            span = 0
    elif isinstance(value, Int64):
        span = int(value)
    elif isinstance(value, Time):
        current = current_time(ctx)
        span = (current.unix - value.unix) * NANOS + current.nanos - value.nanos
    magnitude = abs(span)
    for size, suffix in (
        (_YEAR, "y"),
        (_MONTH, "mo"),
        (_DAY, "d"),
        (3600 * NANOS, "h"),
        (60 * NANOS, "m"),
        (NANOS, "s"),
    ):
        if magnitude > size:
            return f"{magnitude // size}{suffix}"
    return "0s"


@template_function("unixEpoch")
def unix_epoch(moment: Time) -> str:
    return str(moment.unix)


__all__ = ["Duration", "current_time"]
