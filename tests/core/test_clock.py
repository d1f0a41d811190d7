from __future__ import annotations

import pytest

from minicluster.core.clock import VirtualClock
from minicluster.core.errors import ClockRunawayError


def test_callbacks_run_in_time_then_schedule_order() -> None:
    clock = VirtualClock()
    seen: list[tuple[float, str]] = []
    clock.call_later(5, lambda: seen.append((clock.now(), "b")))
    clock.call_later(2, lambda: seen.append((clock.now(), "a")))
    clock.call_later(5, lambda: seen.append((clock.now(), "c")))
    clock.advance(4)
    assert seen == [(2.0, "a")]
    assert clock.now() == 4.0
    clock.advance(1)
    assert seen == [(2.0, "a"), (5.0, "b"), (5.0, "c")]


def test_cancelled_timer_never_runs() -> None:
    clock = VirtualClock()
    seen: list[str] = []
    handle = clock.call_later(1, seen.append, "x")
    handle.cancel()
    clock.run_until_idle()
    assert seen == []


def test_run_until_stops_at_predicate_and_at_deadline() -> None:
    clock = VirtualClock()
    state = {"done": False}
    clock.call_later(30, state.update, {"done": True})
    assert clock.run_until(lambda: state["done"], timeout=60) is True
    assert clock.now() == 30.0
    state["done"] = False
    clock.call_later(100, state.update, {"done": True})
    assert clock.run_until(lambda: state["done"], timeout=10) is False
    assert clock.now() == 40.0


def test_background_timers_do_not_keep_the_cluster_busy() -> None:
    clock = VirtualClock()
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(clock.now())
        clock.call_background(60, tick)

    clock.call_background(60, tick)
    clock.call_later(10, lambda: None)
    clock.run_until_idle()
    assert clock.now() == 10.0 and ticks == []
    clock.advance(130)
    assert ticks == [60.0, 120.0]


def test_endless_rescheduling_is_caught() -> None:
    clock = VirtualClock()

    def again() -> None:
        clock.call_later(1, again)

    clock.call_soon(again)
    with pytest.raises(ClockRunawayError, match="did not become idle"):
        clock.run_until_idle(horizon=100)


def test_timestamps_are_rfc3339_seconds() -> None:
    clock = VirtualClock()
    clock.advance(61.7)
    assert clock.timestamp() == "2026-03-02T09:01:01Z"
    assert clock.parse_timestamp("2026-03-02T09:01:01Z") == 61.0
