"""The one virtual clock of a cluster and its scheduler of timed callbacks.

Nothing in the simulator sleeps for real: a component that must wait asks the clock to call it
back later, and time only moves when a caller advances it. Callbacks due at the same instant run
in the order they were scheduled, which keeps every run deterministic.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .errors import ClockRunawayError

# A fixed wall-clock origin so that timestamps, ages and `helm history` dates are reproducible.
DEFAULT_EPOCH = datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc)

# run_until_idle gives up after this much virtual time: an endless loop of timers is a bug in a
# chart (a CronJob every minute) or in the simulator, and must not hang a notebook.
DEFAULT_IDLE_HORIZON = 24 * 3600.0
DEFAULT_MAX_CALLBACKS = 1_000_000


@dataclass(order=True)
class _Timer:
    when: float
    seq: int
    fn: Callable[..., Any] = field(compare=False)
    args: tuple[Any, ...] = field(compare=False, default=())
    cancelled: bool = field(compare=False, default=False)
    # Background timers (CronJob schedules, periodic probes) run when time passes over them but
    # do not keep the cluster busy: run_until_idle stops when only they remain.
    background: bool = field(compare=False, default=False)

    def cancel(self) -> None:
        self.cancelled = True


TimerHandle = _Timer


class VirtualClock:
    def __init__(self, epoch: datetime = DEFAULT_EPOCH, start: float = 0.0) -> None:
        self.epoch = epoch
        self._now = float(start)
        self._queue: list[_Timer] = []
        self._seq = itertools.count()
        self.callbacks_run = 0
        # Called after every callback; front ends use it to show progress of long commands.
        self.observers: list[Callable[[VirtualClock], None]] = []

    # -- reading the time -------------------------------------------------------------------
    def now(self) -> float:
        """Seconds since the epoch (virtual)."""
        return self._now

    def datetime(self, at: float | None = None) -> datetime:
        return self.epoch + timedelta(seconds=self._now if at is None else at)

    def timestamp(self, at: float | None = None) -> str:
        """RFC 3339 at second precision, as the apiserver writes metav1.Time."""
        return self.datetime(at).strftime("%Y-%m-%dT%H:%M:%SZ")

    def parse_timestamp(self, text: str) -> float:
        moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        return (moment - self.epoch).total_seconds()

    # -- scheduling -------------------------------------------------------------------------
    def call_at(self, when: float, fn: Callable[..., Any], *args: Any) -> TimerHandle:
        timer = _Timer(max(when, self._now), next(self._seq), fn, args)
        heapq.heappush(self._queue, timer)
        return timer

    def call_background(self, delay: float, fn: Callable[..., Any], *args: Any) -> TimerHandle:
        """Like call_later, but run_until_idle does not wait for it."""
        timer = _Timer(self._now + max(0.0, delay), next(self._seq), fn, args, background=True)
        heapq.heappush(self._queue, timer)
        return timer

    def busy(self) -> bool:
        """Whether any foreground work is scheduled."""
        return any(not t.cancelled and not t.background for t in self._queue)

    def call_later(self, delay: float, fn: Callable[..., Any], *args: Any) -> TimerHandle:
        return self.call_at(self._now + max(0.0, delay), fn, *args)

    def call_soon(self, fn: Callable[..., Any], *args: Any) -> TimerHandle:
        return self.call_at(self._now, fn, *args)

    def _drop_cancelled(self) -> None:
        while self._queue and self._queue[0].cancelled:
            heapq.heappop(self._queue)

    def next_due(self) -> float | None:
        self._drop_cancelled()
        return self._queue[0].when if self._queue else None

    def pending(self) -> int:
        return sum(1 for t in self._queue if not t.cancelled)

    def _run_one(self) -> None:
        timer = heapq.heappop(self._queue)
        self._now = max(self._now, timer.when)
        self.callbacks_run += 1
        timer.fn(*timer.args)
        for observer in self.observers:
            observer(self)

    # -- moving time ------------------------------------------------------------------------
    def run_due(self) -> None:
        """Run everything due now (including work those callbacks schedule for now)."""
        self.advance(0.0)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("cannot move the clock backwards")
        target = self._now + seconds
        budget = DEFAULT_MAX_CALLBACKS
        while True:
            due = self.next_due()
            if due is None or due > target:
                break
            self._run_one()
            budget -= 1
            if budget == 0:
                raise ClockRunawayError(
                    f"more than {DEFAULT_MAX_CALLBACKS} callbacks at t={self._now:.3f}s: "
                    "something reschedules itself without end"
                )
        self._now = target

    def run_until(
        self, predicate: Callable[[], bool], timeout: float | None = None
    ) -> bool:
        """Run callbacks in time order until predicate() holds or `timeout` virtual seconds pass.

        Returns whether the predicate held. With no timeout, stops when nothing is scheduled.
        Time is left at the moment the predicate became true (or at the deadline)."""
        deadline = None if timeout is None else self._now + timeout
        budget = DEFAULT_MAX_CALLBACKS
        self.run_due()
        while not predicate():
            due = self.next_due()
            if due is None or (deadline is not None and due > deadline):
                if deadline is not None:
                    self._now = max(self._now, deadline)
                return predicate()
            self._run_one()
            # Finish everything due at the same instant before judging the predicate.
            while (d := self.next_due()) is not None and d <= self._now:
                self._run_one()
            budget -= 1
            if budget == 0:
                raise ClockRunawayError("run_until: callback budget exhausted")
        return True

    def run_until_idle(
        self, horizon: float = DEFAULT_IDLE_HORIZON, max_callbacks: int = DEFAULT_MAX_CALLBACKS
    ) -> None:
        """Run every scheduled callback. Raises ClockRunawayError instead of looping forever."""
        start = self._now
        ran = 0
        while self.busy() and (due := self.next_due()) is not None:
            if due - start > horizon:
                raise ClockRunawayError(
                    f"the cluster did not become idle within {horizon:g} virtual seconds "
                    "(a timer keeps rescheduling itself)"
                )
            self._run_one()
            ran += 1
            if ran >= max_callbacks:
                raise ClockRunawayError(f"the cluster did not become idle after {ran} callbacks")
