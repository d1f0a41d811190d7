"""Standard 5-field cron schedules (robfig/cron's standard parser, UTC): next activation time."""

from __future__ import annotations

from datetime import datetime, timedelta

from minicluster.core.errors import MiniclusterError

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_DAYS = {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])}
_MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


class CronError(MiniclusterError):
    pass


def _field(
    text: str, low: int, high: int, names: dict[str, int] | None = None
) -> tuple[set[int], bool]:
    values: set[int] = set()
    star = False
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step <= 0:
            raise CronError(f"step must be positive: {part}")

        def number(s: str) -> int:
            s = s.lower()
            if names and s in names:
                return names[s]
            if not s.isdigit():
                raise CronError(f"failed to parse int from {s}")
            return int(s)

        if body in ("*", "?"):
            start, end = low, high
            star = star or not step_text
        elif "-" in body:
            a, b = body.split("-", 1)
            start, end = number(a), number(b)
        else:
            start = number(body)
            end = high if step_text else start
        if start < low or end > high or start > end:
            raise CronError(f"end of range ({end}) above maximum ({high}): {part}")
        values.update(range(start, end + 1, step))
    return values, star


class CronSchedule:
    def __init__(self, text: str) -> None:
        spec = _MACROS.get(text.strip(), text.strip())
        fields = spec.split()
        if len(fields) != 5:
            raise CronError(f"expected exactly 5 fields, found {len(fields)}: [{text}]")
        self.minutes, _ = _field(fields[0], 0, 59)
        self.hours, _ = _field(fields[1], 0, 23)
        self.dom, self.dom_star = _field(fields[2], 1, 31)
        self.months, _ = _field(fields[3], 1, 12, _MONTHS)
        dow, self.dow_star = _field(fields[4], 0, 7, _DAYS)
        self.dow = {d % 7 for d in dow}

    def _day_matches(self, day: datetime) -> bool:
        dom_ok = day.day in self.dom
        dow_ok = (day.isoweekday() % 7) in self.dow
        if self.dom_star or self.dow_star:
            return dom_ok and dow_ok
        return dom_ok or dow_ok

    def next_after(self, moment: datetime) -> datetime | None:
        """The first activation strictly after `moment` (within five years)."""
        t = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        limit = moment + timedelta(days=366 * 5)
        while t <= limit:
            if t.month not in self.months:
                t = (t.replace(day=1, hour=0, minute=0) + timedelta(days=32)).replace(day=1)
                continue
            if not self._day_matches(t):
                t = t.replace(hour=0, minute=0) + timedelta(days=1)
                continue
            if t.hour not in self.hours:
                t = t.replace(minute=0) + timedelta(hours=1)
                continue
            if t.minute not in self.minutes:
                t += timedelta(minutes=1)
                continue
            return t
        return None
