"""Waiting the way kubectl waits, on the cluster's virtual clock.

`kubectl wait`, `delete --wait`, `logs -f`, `get -w` and `exec` block in real time until
something happens. Here they run the clock's scheduled work in time order until the
condition holds. With `until_idle`, the wait also ends when no foreground work is left (the
condition can then never become true, and jumping a week ahead would help nobody); without
it, time advances to the deadline, as a real timeout would spend it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minicluster.core.errors import ClockRunawayError


def run_clock(clock: Any, predicate: Callable[[], bool], timeout: float,
              until_idle: bool) -> bool:
    deadline = clock.now() + timeout
    clock.run_due()
    steps = 0
    while not predicate():
        if until_idle and not clock.busy():
            return False
        due = clock.next_due()
        if due is None or due > deadline:
            if until_idle:
                return False
            clock.advance(max(0.0, deadline - clock.now()))
            return predicate()
        clock.advance(max(0.0, due - clock.now()))
        steps += 1
        if steps > 1_000_000:
            raise ClockRunawayError("waiting: the clock kept scheduling work without end")
    return True
