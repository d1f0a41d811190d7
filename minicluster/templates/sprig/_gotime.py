"""Go's time package as templates see it: time.Time values, layouts ("2006-01-02"),
durations and their String forms. The kit's only zone for "Local" is UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from minicluster.templates.gotypes import GoStruct, Int64

NANOS = 1_000_000_000
_GO_EPOCH_OFFSET = 62135596800  # seconds from 0001-01-01 to 1970-01-01

LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
LONG_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


class _NamedInt(GoStruct):
    """A Go named integer type with a String method (time.Month, time.Weekday,
    time.Duration): printed through String, compared and indexed as its number."""

    go_type = "int"
    go_kind = "int"

    def __init__(self, value: int) -> None:
        self.value = int(value)

    def __int__(self) -> int:
        return self.value

    def __index__(self) -> int:
        return self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (int, _NamedInt)) and int(other) == self.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return self.String()

    def String(self) -> str:  # noqa: N802 - Go method name
        return str(self.value)


class Month(_NamedInt):
    go_type = "time.Month"

    def String(self) -> str:  # noqa: N802
        n = self.value
        return LONG_MONTHS[n - 1] if 1 <= n <= 12 else f"%!Month({n})"


class Weekday(_NamedInt):
    go_type = "time.Weekday"

    def String(self) -> str:  # noqa: N802
        n = self.value
        return LONG_DAYS[n] if 0 <= n <= 6 else f"%!Weekday({n})"


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (any year, including 0)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@dataclass(frozen=True)
class Civil:
    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    weekday: int  # Go's numbering: Sunday = 0
    yday: int


def civil(local_seconds: int) -> Civil:
    """The calendar fields of a count of seconds since 1970-01-01 in some zone."""
    days, secs = divmod(local_seconds, 86400)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + (3 if mp < 10 else -9)
    year = yoe + era * 400 + (month <= 2)
    yday = days - days_from_civil(year, 1, 1) + 1
    return Civil(year, month, day, secs // 3600, secs % 3600 // 60, secs % 60, (days + 4) % 7, yday)


@dataclass(frozen=True)
class Zone:
    """A Go *time.Location: a name and a rule for offsets."""

    name: str
    info: tzinfo

    def offset_and_abbrev(self, unix: int) -> tuple[int, str]:
        # Python's datetime covers years 1-9999; zone rules outside are those at the edge.
        unix = min(max(unix, _FIRST_UNIX), _LAST_UNIX)
        moment = datetime.fromtimestamp(unix, timezone.utc).astimezone(self.info)
        offset = moment.utcoffset() or timedelta(0)
        abbrev = moment.tzname() or ""
        return int(offset.total_seconds()), abbrev


_FIRST_UNIX = -_GO_EPOCH_OFFSET + 2 * 86400
_LAST_UNIX = 253402300799 - 2 * 86400
UTC = Zone("UTC", timezone.utc)
LOCAL = Zone("Local", timezone.utc)  # the kit renders as if TZ=UTC


def fixed_zone(offset: int) -> Zone:
    return Zone("", timezone(timedelta(seconds=offset), ""))


def load_location(name: str) -> Zone | None:
    """time.LoadLocation; None when the name is unknown."""
    if name in ("", "UTC"):
        return UTC
    if name == "Local":
        return LOCAL
    try:
        return Zone(name, ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True)
class Time(GoStruct):
    """time.Time: seconds since the Unix epoch, nanoseconds, and a location."""

    unix: int
    nanos: int = 0
    zone: Zone = UTC

    go_type = "time.Time"

    # -- calendar fields --------------------------------------------------------------------
    def _fields(self) -> tuple[Civil, int, str]:
        offset, abbrev = self.zone.offset_and_abbrev(self.unix)
        return civil(self.unix + offset), offset, abbrev

    def Year(self) -> int:  # noqa: N802 - Go method names below
        return self._fields()[0].year

    def Month(self) -> Month:  # noqa: N802
        return Month(self._fields()[0].month)

    def Day(self) -> int:  # noqa: N802
        return self._fields()[0].day

    def Hour(self) -> int:  # noqa: N802
        return self._fields()[0].hour

    def Minute(self) -> int:  # noqa: N802
        return self._fields()[0].minute

    def Second(self) -> int:  # noqa: N802
        return self._fields()[0].second

    def Nanosecond(self) -> int:  # noqa: N802
        return self.nanos

    def YearDay(self) -> int:  # noqa: N802
        return self._fields()[0].yday

    def Weekday(self) -> Weekday:  # noqa: N802
        return Weekday(self._fields()[0].weekday)

    def Unix(self) -> Int64:  # noqa: N802
        return Int64(self.unix)

    def UnixMilli(self) -> Int64:  # noqa: N802
        return Int64(self.unix * 1000 + self.nanos // 1_000_000)

    def UnixNano(self) -> Int64:  # noqa: N802
        return Int64(self.unix * NANOS + self.nanos)

    def IsZero(self) -> bool:  # noqa: N802
        return self.unix == -_GO_EPOCH_OFFSET and self.nanos == 0

    def UTC(self) -> Time:  # noqa: N802
        return Time(self.unix, self.nanos, UTC)

    def Local(self) -> Time:  # noqa: N802
        return Time(self.unix, self.nanos, LOCAL)

    def Add(self, duration: int) -> Time:  # noqa: N802
        total = self.unix * NANOS + self.nanos + int(duration)
        return Time(total // NANOS, total % NANOS, self.zone)

    def Sub(self, other: Time) -> Duration:  # noqa: N802
        return Duration((self.unix - other.unix) * NANOS + self.nanos - other.nanos)

    def Before(self, other: Time) -> bool:  # noqa: N802
        return (self.unix, self.nanos) < (other.unix, other.nanos)

    def After(self, other: Time) -> bool:  # noqa: N802
        return (self.unix, self.nanos) > (other.unix, other.nanos)

    def Equal(self, other: Time) -> bool:  # noqa: N802
        return (self.unix, self.nanos) == (other.unix, other.nanos)

    def Format(self, layout: str) -> str:  # noqa: N802
        return format_time(self, layout)

    def String(self) -> str:  # noqa: N802
        return format_time(self, "2006-01-02 15:04:05.999999999 -0700 MST")

    def __str__(self) -> str:
        return self.String()

    def json_value(self) -> str:
        return format_time(self, "2006-01-02T15:04:05.999999999Z07:00")


ZERO_TIME = Time(-_GO_EPOCH_OFFSET, 0, UTC)


def from_unix(seconds: int, zone: Zone = LOCAL) -> Time:
    return Time(int(seconds), 0, zone)


# -- layouts ----------------------------------------------------------------------------------

_STD_NUMERIC_TZ = {
    "-070000": ("num", False, True),
    "-07:00:00": ("num", True, True),
    "-0700": ("num", False, True),
    "-07:00": ("num", True, True),
    "-07": ("num", False, False),
    "Z070000": ("iso", False, True),
    "Z07:00:00": ("iso", True, True),
    "Z0700": ("iso", False, True),
    "Z07:00": ("iso", True, True),
    "Z07": ("iso", False, False),
}
_TZ_ORDER = ["-070000", "-07:00:00", "-0700", "-07:00", "-07"]
_ISO_ORDER = ["Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"]


def _starts_lower(text: str) -> bool:
    return bool(text) and "a" <= text[0] <= "z"


def next_chunk(layout: str) -> tuple[str, str, str]:
    """(literal prefix, std token, rest) as time.nextStdChunk splits a layout."""
    i = 0
    n = len(layout)
    while i < n:
        c = layout[i]
        rest = layout[i:]
        token = ""
        if c == "J" and rest.startswith("Jan"):
            if rest.startswith("January"):
                token = "January"
            elif not _starts_lower(rest[3:]):
                token = "Jan"
        elif c == "M" and len(rest) >= 3:
            if rest.startswith("Mon"):
                if rest.startswith("Monday"):
                    token = "Monday"
                elif not _starts_lower(rest[3:]):
                    token = "Mon"
            if not token and rest.startswith("MST"):
                token = "MST"
        elif c == "0":
            if len(rest) >= 2 and "1" <= rest[1] <= "6":
                token = rest[:2]
            elif rest.startswith("002"):
                token = "002"
        elif c == "1":
            token = "15" if rest.startswith("15") else "1"
        elif c == "2":
            token = "2006" if rest.startswith("2006") else "2"
        elif c == "_":
            if rest.startswith("_2"):
                if rest.startswith("_2006"):
                    return layout[: i + 1], "2006", layout[i + 5 :]
                token = "_2"
            elif rest.startswith("__2"):
                token = "__2"
        elif c in "345":
            token = c
        elif c == "P" and rest.startswith("PM"):
            token = "PM"
        elif c == "p" and rest.startswith("pm"):
            token = "pm"
        elif c == "-":
            token = next((t for t in _TZ_ORDER if rest.startswith(t)), "")
        elif c == "Z":
            token = next((t for t in _ISO_ORDER if rest.startswith(t)), "")
        elif c in ".," and len(rest) >= 2 and rest[1] in "09":
            j = 1
            while j < len(rest) and rest[j] == rest[1]:
                j += 1
            if not (j < len(rest) and rest[j].isdigit()):
                return layout[:i], rest[:j], rest[j:]
        if token:
            return layout[:i], token, layout[i + len(token) :]
        i += 1
    return layout, "", ""


def _format_offset(token: str, offset: int) -> str:
    kind, colon, minutes = _STD_NUMERIC_TZ[token]
    if kind == "iso" and offset == 0:
        return "Z"
    sign = "-" if offset < 0 else "+"
    absolute = abs(offset)
    zone = absolute // 60
    text = f"{sign}{zone // 60:02d}"
    if minutes:
        text += (":" if colon else "") + f"{zone % 60:02d}"
    if token in ("-070000", "-07:00:00", "Z070000", "Z07:00:00"):
        text += (":" if colon else "") + f"{absolute % 60:02d}"
    return text


def format_time(t: Time, layout: str) -> str:
    local, offset, abbrev = t._fields()
    out: list[str] = []
    while layout:
        prefix, token, layout = next_chunk(layout)
        out.append(prefix)
        if not token:
            break
        hour12 = local.hour % 12 or 12
        yday = local.yday
        if token == "2006":
            out.append(f"{local.year:04d}")
        elif token == "06":
            out.append(f"{local.year % 100:02d}")
        elif token == "January":
            out.append(LONG_MONTHS[local.month - 1])
        elif token == "Jan":
            out.append(LONG_MONTHS[local.month - 1][:3])
        elif token == "1":
            out.append(str(local.month))
        elif token == "01":
            out.append(f"{local.month:02d}")
        elif token == "Monday":
            out.append(LONG_DAYS[local.weekday])
        elif token == "Mon":
            out.append(LONG_DAYS[local.weekday][:3])
        elif token == "2":
            out.append(str(local.day))
        elif token == "_2":
            out.append(f"{local.day:2d}")
        elif token == "02":
            out.append(f"{local.day:02d}")
        elif token == "__2":
            out.append(f"{yday:3d}")
        elif token == "002":
            out.append(f"{yday:03d}")
        elif token == "15":
            out.append(f"{local.hour:02d}")
        elif token == "3":
            out.append(str(hour12))
        elif token == "03":
            out.append(f"{hour12:02d}")
        elif token == "4":
            out.append(str(local.minute))
        elif token == "04":
            out.append(f"{local.minute:02d}")
        elif token == "5":
            out.append(str(local.second))
        elif token == "05":
            out.append(f"{local.second:02d}")
        elif token == "PM":
            out.append("PM" if local.hour >= 12 else "AM")
        elif token == "pm":
            out.append("pm" if local.hour >= 12 else "am")
        elif token in _STD_NUMERIC_TZ:
            out.append(_format_offset(token, offset))
        elif token == "MST":
            if abbrev:
                out.append(abbrev)
            else:
                zone = abs(offset) // 60
                out.append(f"{'-' if offset < 0 else '+'}{zone // 60:02d}{zone % 60:02d}")
        elif token[0] in ".,":
            digits = f"{t.nanos:09d}"
            if token[1] == "0":
                out.append(token[0] + digits[: len(token) - 1])
            else:
                trimmed = digits[: len(token) - 1].rstrip("0")
                if trimmed:
                    out.append(token[0] + trimmed)
    return "".join(out)


# -- parsing ----------------------------------------------------------------------------------


class TimeParseError(ValueError):
    pass


def _quote(text: str) -> str:
    from ._gostr import go_quote

    return go_quote(text)


def _getnum(value: str, fixed: bool) -> tuple[int, str]:
    if not value[:1].isdigit():
        raise LookupError
    if len(value) < 2 or not value[1].isdigit():
        if fixed:
            raise LookupError
        return int(value[0]), value[1:]
    return int(value[:2]), value[2:]


def _lookup(names: list[str], value: str) -> tuple[int, str]:
    for index, name in enumerate(names):
        if value[: len(name)].lower() == name.lower():
            return index, value[len(name) :]
    raise LookupError


def parse_time(layout: str, value: str, zone: Zone = LOCAL) -> Time:
    """time.ParseInLocation; raises TimeParseError with Go's message."""
    original_layout, original_value = layout, value
    # Go's Parse starts from year 0 (not the zero Time's year 1); -1 marks "not seen".
    year, month, day, hour, minute, second, nanos = 0, -1, -1, 0, 0, 0, 0
    yday = -1
    pm_set = am_set = False
    offset: int | None = None
    z_seen = False

    def fail(value_elem: str, layout_elem: str) -> TimeParseError:
        return TimeParseError(
            f"parsing time {_quote(original_value)} as {_quote(original_layout)}: "
            f"cannot parse {_quote(value_elem)} as {_quote(layout_elem)}"
        )

    def range_error(what: str) -> TimeParseError:
        return TimeParseError(f"parsing time {_quote(original_value)}: {what} out of range")

    while True:
        prefix, token, rest_layout = next_chunk(layout)
        stripped = prefix
        if not value.startswith(stripped):
            raise fail(value, prefix)
        value = value[len(stripped) :]
        if not token:
            if value:
                raise TimeParseError(
                    f"parsing time {_quote(original_value)}: extra text: {_quote(value)}"
                )
            break
        layout = rest_layout
        elem = value
        try:
            if token == "2006":
                if len(value) < 4 or not value[:4].isdigit():
                    raise LookupError
                year, value = int(value[:4]), value[4:]
            elif token == "06":
                if len(value) < 2 or not value[:2].isdigit():
                    raise LookupError
                year, value = int(value[:2]), value[2:]
                year += 1900 if year >= 69 else 2000
            elif token in ("January", "Jan"):
                names = LONG_MONTHS if token == "January" else [m[:3] for m in LONG_MONTHS]
                index, value = _lookup(names, value)
                month = index + 1
            elif token in ("1", "01"):
                month, value = _getnum(value, token == "01")
                if not 1 <= month <= 12:
                    raise range_error("month")
            elif token in ("Monday", "Mon"):
                names = LONG_DAYS if token == "Monday" else [d[:3] for d in LONG_DAYS]
                _, value = _lookup(names, value)
            elif token in ("002", "__2"):
                if token == "__2":
                    value = value.lstrip(" ") if len(value) - len(value.lstrip(" ")) <= 2 else value
                width = 0
                while width < 3 and width < len(value) and value[width].isdigit():
                    width += 1
                if width == 0 or (token == "002" and width < 3):
                    raise LookupError
                yday, value = int(value[:width]), value[width:]
                if not 0 <= yday <= 366:
                    raise range_error("day-of-year")
            elif token in ("2", "_2", "02"):
                if token == "_2" and value.startswith(" "):
                    value = value[1:]
                day, value = _getnum(value, token == "02")
            elif token in ("15", "3", "03"):
                hour, value = _getnum(value, token == "03")
                if hour >= (24 if token == "15" else 13):
                    raise range_error("hour")
            elif token in ("4", "04"):
                minute, value = _getnum(value, token == "04")
                if minute >= 60:
                    raise range_error("minute")
            elif token in ("5", "05"):
                second, value = _getnum(value, token == "05")
                if second >= 60:
                    raise range_error("second")
                # A fraction after the seconds is accepted even if the layout has none.
                if (
                    len(value) >= 2
                    and value[0] in ".,"
                    and value[1].isdigit()
                    and not next_chunk(layout)[1].startswith((".", ","))
                ):
                    j = 1
                    while j < len(value) and value[j].isdigit():
                        j += 1
                    nanos = int((value[1:j] + "000000000")[:9])
                    value = value[j:]
            elif token in ("PM", "pm"):
                word = value[:2]
                if word == ("PM" if token == "PM" else "pm"):
                    pm_set = True
                elif word == ("AM" if token == "PM" else "am"):
                    am_set = True
                else:
                    raise LookupError
                value = value[2:]
            elif token in _STD_NUMERIC_TZ:
                if token.startswith("Z") and value.startswith("Z"):
                    value = value[1:]
                    z_seen = True
                else:
                    pattern = {
                        "-070000": r"([+-])(\d\d)(\d\d)(\d\d)",
                        "Z070000": r"([+-])(\d\d)(\d\d)(\d\d)",
                        "-07:00:00": r"([+-])(\d\d):(\d\d):(\d\d)",
                        "Z07:00:00": r"([+-])(\d\d):(\d\d):(\d\d)",
                        "-0700": r"([+-])(\d\d)(\d\d)()",
                        "Z0700": r"([+-])(\d\d)(\d\d)()",
                        "-07:00": r"([+-])(\d\d):(\d\d)()",
                        "Z07:00": r"([+-])(\d\d):(\d\d)()",
                        "-07": r"([+-])(\d\d)()()",
                        "Z07": r"([+-])(\d\d)()()",
                    }[token]
                    match = re.match(pattern, value)
                    if not match:
                        raise LookupError
                    sign = -1 if match.group(1) == "-" else 1
                    hh, mm, ss = (int(g or 0) for g in match.groups()[1:])
                    if hh > 24 or mm > 60 or ss > 60:
                        raise range_error("time zone offset")
                    offset = sign * (hh * 3600 + mm * 60 + ss)
                    value = value[match.end() :]
            elif token == "MST":
                match = re.match(r"UTC|GMT|[A-Z]{3,5}", value)
                if not match:
                    raise LookupError
                if match.group(0) in ("UTC", "GMT"):
                    offset = 0
                value = value[match.end() :]
            elif token[0] in ".,":
                if token[1] == "0":
                    width = len(token) - 1
                    if len(value) < width + 1 or value[0] != token[0]:
                        raise LookupError
                    fraction = value[1 : width + 1]
                    if not fraction.isdigit():
                        raise LookupError
                    nanos = int((fraction + "000000000")[:9])
                    value = value[width + 1 :]
                elif len(value) >= 2 and value[0] in ".," and value[1].isdigit():
                    j = 1
                    while j < len(value) and value[j].isdigit():
                        j += 1
                    nanos = int((value[1:j] + "000000000")[:9])
                    value = value[j:]
        except LookupError:
            raise fail(elem, token) from None
    if pm_set and hour < 12:
        hour += 12
    elif am_set and hour == 12:
        hour = 0
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if yday >= 0:
        ymonth = yday_day = 0
        if leap:
            if yday == 31 + 29:
                ymonth, yday_day = 2, 29
            elif yday > 31 + 29:
                yday -= 1
        if yday < 1 or yday > 365:
            raise range_error("day-of-year")
        if ymonth == 0:
            before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
            ymonth = (yday - 1) // 31 + 1
            if before[ymonth] < yday:
                ymonth += 1
            yday_day = yday - before[ymonth - 1]
        if month >= 0 and month != ymonth:
            raise TimeParseError(
                f"parsing time {_quote(original_value)}: day-of-year does not match month"
            )
        month = ymonth
        if day >= 0 and day != yday_day:
            raise TimeParseError(
                f"parsing time {_quote(original_value)}: day-of-year does not match day"
            )
        day = yday_day
    month = 1 if month < 0 else month
    day = 1 if day < 0 else day
    days_in_month = (
        [31, 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28]
        + [31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    )[month - 1]
    if day < 1 or day > days_in_month:
        raise range_error("day")
    wall_seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    if z_seen:
        return Time(wall_seconds, nanos, UTC)
    if offset is not None:
        unix = wall_seconds - offset
        local_offset, _ = zone.offset_and_abbrev(unix)
        if local_offset == offset:
            return Time(unix, nanos, zone)
        return Time(unix, nanos, fixed_zone(offset))
    local_offset, _ = zone.offset_and_abbrev(wall_seconds)
    return Time(wall_seconds - local_offset, nanos, zone)


# -- durations --------------------------------------------------------------------------------


class Duration(_NamedInt):
    go_type = "time.Duration"
    go_kind = "int64"

    def String(self) -> str:  # noqa: N802
        return duration_string(self.value)


def _fraction(value: int, precision: int) -> tuple[str, int]:
    digits = []
    printed = False
    for _ in range(precision):
        digit = value % 10
        printed = printed or digit != 0
        if printed:
            digits.append(str(digit))
        value //= 10
    text = "".join(reversed(digits))
    return ("." + text if printed else ""), value


def duration_string(d: int) -> str:
    """time.Duration.String: "1h1m40s", "1.5s", "500ms", "0s"."""
    if d == 0:
        return "0s"
    negative = d < 0
    u = -d if negative else d
    if u < NANOS:
        if u < 1_000:
            text = f"{u}ns"
        elif u < 1_000_000:
            frac, whole = _fraction(u, 3)
            text = f"{whole}{frac}µs"
        else:
            frac, whole = _fraction(u, 6)
            text = f"{whole}{frac}ms"
    else:
        frac, whole = _fraction(u, 9)
        text = f"{whole % 60}{frac}s"
        whole //= 60
        if whole > 0:
            text = f"{whole % 60}m" + text
            whole //= 60
            if whole > 0:
                text = f"{whole}h" + text
    return ("-" if negative else "") + text


_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "μs": 1_000,
    "ms": 1_000_000,
    "s": NANOS,
    "m": 60 * NANOS,
    "h": 3600 * NANOS,
}


class DurationError(ValueError):
    pass


def parse_duration(text: str) -> int:
    """time.ParseDuration; raises DurationError with Go's message."""
    original = text
    quoted = _quote(original)
    negative = False
    if text[:1] in "+-":
        negative = text[0] == "-"
        text = text[1:]
    if text == "0":
        return 0
    if not text:
        raise DurationError(f"time: invalid duration {quoted}")
    total = 0.0
    exact = 0
    while text:
        match = re.match(r"(\d*)(?:\.(\d*))?", text)
        assert match is not None
        whole, frac = match.group(1), match.group(2)
        if not whole and not frac:
            raise DurationError(f"time: invalid duration {quoted}")
        text = text[match.end() :]
        unit_match = re.match(r"[^0-9.]*", text)
        unit = unit_match.group(0) if unit_match else ""
        if not unit:
            raise DurationError(f"time: missing unit in duration {quoted}")
        if unit not in _UNITS:
            raise DurationError(f"time: unknown unit {_quote(unit)} in duration {quoted}")
        text = text[len(unit) :]
        scale = _UNITS[unit]
        exact += int(whole or "0") * scale
        if frac:
            total += int(frac) * scale / (10 ** len(frac))
        if exact + total > (1 << 63) - 1:
            raise DurationError(f"time: invalid duration {quoted}")
    result = exact + int(total)
    return -result if negative else result
