"""Go durations (`5m0s`, `300s`, `1h30m`, `90`), as helm --timeout and kubectl --timeout take them."""

from __future__ import annotations

import re

from .errors import MiniclusterError

_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")


class DurationError(MiniclusterError):
    pass


def parse_duration(text: str) -> float:
    """Seconds in a Go duration string. Raises with Go's wording on bad input."""
    s = text.strip()
    if s in ("0", "+0", "-0"):
        return 0.0
    sign = 1.0
    if s[:1] in "+-" and s:
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if not s:
        raise DurationError(f'time: invalid duration "{text}"')
    pos, total = 0, 0.0
    while pos < len(s):
        m = _PART.match(s, pos)
        if not m:
            if re.fullmatch(r"\d+(\.\d*)?", s[pos:]):
                raise DurationError(f'time: missing unit in duration "{text}"')
            unit = re.match(r"(\d+(?:\.\d*)?|\.\d+)([^\d.]*)", s[pos:])
            if unit and unit.group(2):
                raise DurationError(f'time: unknown unit "{unit.group(2)}" in duration "{text}"')
            raise DurationError(f'time: invalid duration "{text}"')
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    return sign * total


def format_duration(seconds: float) -> str:
    """Go's Duration.String() for whole and fractional seconds: 300 -> '5m0s', 0 -> '0s'."""
    if seconds == 0:
        return "0s"
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds < 1:
        ms = seconds * 1000
        return f"{sign}{ms:g}ms"
    hours, rem = divmod(seconds, 3600)
    minutes, secs = divmod(rem, 60)
    sec_text = f"{secs:.9f}".rstrip("0").rstrip(".")
    out = ""
    if hours:
        out += f"{int(hours)}h"
    if hours or minutes:
        out += f"{int(minutes)}m"
    return f"{sign}{out}{sec_text}s"
