"""Ages and timestamps as kubectl prints them (apimachinery's HumanDuration, metav1.Time)."""

from __future__ import annotations

import math
from datetime import datetime, timezone

UNKNOWN = "<unknown>"


def human_duration(seconds: float) -> str:
    """duration.HumanDuration: `59s`, `2m51s`, `10m`, `3h5m`, `47h`, `3d4h`, `729d`, `3y100d`."""
    whole = math.trunc(seconds)
    if whole < -1:
        return "<invalid>"
    if whole < 0:
        return "0s"
    if whole < 120:
        return f"{whole}s"
    minutes = int(seconds // 60)
    if minutes < 10:
        secs = int(seconds) % 60
        return f"{minutes}m" if secs == 0 else f"{minutes}m{secs}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = int(seconds // 3600)
    if hours < 8:
        mins = minutes % 60
        return f"{hours}h" if mins == 0 else f"{hours}h{mins}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rem = hours % 24
        return f"{hours // 24}d" if rem == 0 else f"{hours // 24}d{rem}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if days == 0 else f"{years}y{days}d"
    return f"{hours // 24 // 365}y"


def parse_time(text: str | None) -> datetime | None:
    """An RFC 3339 timestamp (metav1.Time or MicroTime) as an aware datetime; None when unset."""
    if not text:
        return None
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def since(timestamp: str | None, now: datetime) -> str:
    """translateTimestampSince: the age of a timestamp, `<unknown>` when it is unset."""
    moment = parse_time(timestamp)
    if moment is None:
        return UNKNOWN
    return human_duration((now - moment).total_seconds())


def between(start: str | None, end: str | None) -> str:
    a, b = parse_time(start), parse_time(end)
    if a is None or b is None:
        return UNKNOWN
    return human_duration((b - a).total_seconds())


def rfc1123z(timestamp: str | None) -> str:
    """Go's RFC1123Z in UTC (the kit's kubectl runs with TZ=UTC): `Mon, 02 Jan 2006 15:04:05 +0000`."""
    moment = parse_time(timestamp)
    if moment is None:
        return ""
    return moment.astimezone(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")


def rfc3339(timestamp: str | None) -> str:
    moment = parse_time(timestamp)
    if moment is None:
        return ""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
