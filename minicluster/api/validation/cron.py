"""CronJob schedules as the apiserver checks them: robfig/cron v3 ParseStandard (five fields or
a descriptor), with that library's error texts, plus the apiserver's TZ rules."""

from __future__ import annotations

from minicluster.api import messages as m

_DESCRIPTORS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_DAYS = {d: i for i, d in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}
# (min, max, names) of minute, hour, day of month, month, day of week.
_BOUNDS: tuple[tuple[int, int, dict[str, int]], ...] = (
    (0, 59, {}), (0, 23, {}), (1, 31, {}), (1, 12, _MONTHS), (0, 6, _DAYS))


class CronError(ValueError):
    pass


def _int(expr: str) -> int:
    try:
        value = int(expr, 10) if expr.lstrip("+-").isdigit() else int("x")
    except ValueError:
        raise CronError(m.CRON_NOT_INT.format(expr=expr)) from None
    if value < 0:
        raise CronError(m.CRON_NEGATIVE.format(value=value, expr=expr))
    return value


def _int_or_name(expr: str, names: dict[str, int]) -> int:
    if expr.lower() in names:
        return names[expr.lower()]
    return _int(expr)


def _range(expr: str, low: int, high: int, names: dict[str, int]) -> None:
    range_and_step = expr.split("/")
    low_high = range_and_step[0].split("-")
    if low_high[0] in ("*", "?"):
        start, end = low, high
    else:
        start = _int_or_name(low_high[0], names)
        if len(low_high) == 1:
            end = start
        elif len(low_high) == 2:
            end = _int_or_name(low_high[1], names)
        else:
            raise CronError(m.CRON_HYPHENS.format(expr=expr))
    if len(range_and_step) == 2:
        step = _int(range_and_step[1])
        if len(low_high) == 1:
            end = high
    elif len(range_and_step) > 2:
        raise CronError(m.CRON_SLASHES.format(expr=expr))
    else:
        step = 1
    if start < low:
        raise CronError(m.CRON_BELOW_MIN.format(start=start, low=low, expr=expr))
    if end > high:
        raise CronError(m.CRON_ABOVE_MAX.format(end=end, high=high, expr=expr))
    if start > end:
        raise CronError(m.CRON_START_AFTER_END.format(start=start, end=end, expr=expr))
    if step == 0:
        raise CronError(m.CRON_ZERO_STEP.format(expr=expr))


def check_schedule(spec: str) -> None:
    if not spec:
        raise CronError(m.CRON_EMPTY)
    if spec.startswith(("TZ=", "CRON_TZ=")):
        zone, _, rest = spec.partition(" ")
        spec = rest.strip()
    if spec.startswith("@"):
        if spec in _DESCRIPTORS or spec.startswith("@every "):
            return
        raise CronError(m.CRON_DESCRIPTOR.format(spec=spec))
    fields = spec.split()
    if len(fields) != 5:
        raise CronError(m.CRON_FIELD_COUNT.format(count=len(fields), fields=" ".join(fields)))
    for text, (low, high, names) in zip(fields, _BOUNDS):
        for part in text.split(","):
            _range(part, low, high, names)


def schedule_errors(schedule: str, time_zone: str | None) -> list[str]:
    errors = []
    try:
        check_schedule(schedule)
    except CronError as exc:
        errors.append(str(exc))
    if "TZ" in schedule:
        errors.append(m.CRON_TZ)
    return errors
