"""Limits on what one container may consume, so that a runaway script ends with a message
instead of hanging the notebook: interpreter steps (total, and between two yields to the clock),
log bytes, file bytes, and virtual run time."""

from __future__ import annotations

from dataclasses import dataclass


class SandboxKilled(BaseException):
    """Unwinds a process the sandbox (or SIGKILL) ends. BaseException: no `except Exception`
    in a program may swallow it."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


class Interrupted(BaseException):
    """Thrown into a blocked process to end what it is doing (`timeout` expiring)."""

    def __init__(self, token: object) -> None:
        super().__init__(token)
        self.token = token


# The exit status of a process the sandbox stops for exceeding a budget: the same as SIGKILL.
BUDGET_EXIT_STATUS = 137


@dataclass(frozen=True)
class Limits:
    steps_between_yields: int = 100_000  # a loop that never sleeps
    total_steps: int = 20_000_000
    log_bytes: int = 2 * 1024 * 1024  # beyond this the log is truncated, the process goes on
    file_bytes: int = 64 * 1024 * 1024  # total written to files
    virtual_seconds: float = 30 * 24 * 3600.0
    busy_seconds: float = 300.0  # how long a container's sleeps keep the cluster busy (Helm's default --timeout)


class Budget:
    def __init__(self, limits: Limits, on_exceeded: object) -> None:
        self.limits = limits
        self.steps = 0
        self.steps_since_yield = 0
        self.written = 0
        self._exceeded = on_exceeded

    def step(self, n: int = 1) -> None:
        self.steps += n
        self.steps_since_yield += n
        if self.steps_since_yield > self.limits.steps_between_yields:
            self._fail(
                f"more than {self.limits.steps_between_yields} steps without sleeping "
                "(an endless loop?)"
            )
        if self.steps > self.limits.total_steps:
            self._fail(f"more than {self.limits.total_steps} steps in total")

    def yielded(self) -> None:
        self.steps_since_yield = 0

    def file_bytes(self, n: int) -> None:
        self.written += n
        if self.written > self.limits.file_bytes:
            self._fail(f"more than {self.limits.file_bytes} bytes written to files")

    def _fail(self, reason: str) -> None:
        self._exceeded(reason)  # type: ignore[operator]
