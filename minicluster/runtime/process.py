"""Processes of a container as greenlets driven by the virtual clock.

A process runs until it sleeps or waits: then it schedules its own wake-up on the clock and
switches back to whoever resumed it (a clock callback). Nothing here sleeps for real; a
container that never yields is stopped by its step budget."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import greenlet

from .budget import BUDGET_EXIT_STATUS, Budget, Limits, SandboxKilled
from .streams import OutputLimitExceeded
from .vfs import VfsError


class Job:
    """One greenlet: the container's main process, a background job, or an exec."""

    def __init__(
        self, host: ContainerHost, pid: int, fn: Callable[[], int],
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.host = host
        self.report = report
        self.pid = pid
        self.fn = fn
        self.glet = greenlet.greenlet(self._main)
        self.done = False
        self.started = False
        self.status = 0
        self.timer: Any = None
        self.blocked = False
        self.interruptible = False
        self.waiters: list[Callable[[], None]] = []
        self.instant = False  # probes: sleeps add up instead of yielding
        self.instant_elapsed = 0.0
        self.instant_limit = math.inf
        self.pending_kill: BaseException | None = None
        self.generation = 0  # counts blocks, so that a stale wake-up cannot end a later one

    def _main(self) -> int:
        self.host.by_glet[greenlet.getcurrent()] = self
        try:
            self.status = int(self.fn()) & 0xFF
        except SandboxKilled as killed:
            self.status = killed.status
            if killed.message:
                if self.report is not None:
                    self.report(killed.message)
                else:
                    self.host.emit_log("stderr", killed.message)
        finally:
            self.done = True
            self.host.by_glet.pop(self.glet, None)
            waiters, self.waiters = self.waiters, []
            for wake in waiters:
                wake()
        return self.status

    def resume(self) -> None:
        """Run the greenlet until it blocks again (called from a clock callback)."""
        if self.done:
            return
        self.timer = None
        self.blocked = False
        self.glet.parent = greenlet.getcurrent()
        self.host.budget.yielded()
        if self.pending_kill is not None and self.started:
            killed, self.pending_kill = self.pending_kill, None
            self.glet.throw(killed)
            self._die_if_killed_meanwhile()
            return
        self.started = True
        self.glet.switch()
        self._die_if_killed_meanwhile()

    def _die_if_killed_meanwhile(self) -> None:
        """The process that resumed this one may have been killed by it (`kill -9 1` in a
        background job): it dies as soon as it gets control back."""
        me = self.host.by_glet.get(greenlet.getcurrent())
        if me is not None and me.pending_kill is not None:
            killed, me.pending_kill = me.pending_kill, None
            raise killed

    def _is_running_or_waiting_below(self) -> bool:
        current: Any = greenlet.getcurrent()
        while current is not None:
            if current is self.glet:
                return True
            current = current.parent
        return False

    def block(self) -> None:
        """Give control back to the resumer until someone calls resume()."""
        self.blocked = True
        self.generation += 1
        self.glet.parent.switch()
        if self.pending_kill is not None:
            killed, self.pending_kill = self.pending_kill, None
            raise killed

    def waker(self) -> Callable[[], None]:
        """A callback that resumes this process from its current (or next) block, once."""
        token = self.generation if self.blocked else self.generation + 1

        def wake() -> None:
            if self.blocked and self.generation == token and not self.done:
                self.resume()

        return lambda: self.host.clock.call_soon(wake)

    def interrupt(self, error: BaseException) -> None:
        """Raise `error` in this process where it is blocked (a sleep, a wait)."""
        if self.done or not self.started or self._is_running_or_waiting_below():
            return
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.pending_kill = error  # type: ignore[assignment]
        self.resume()

    def kill(self, status: int, message: str = "") -> None:
        if self.done:
            return
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        killed = SandboxKilled(status, message)
        if not self.started:
            self.done = True
            self.status = status
            return
        if greenlet.getcurrent() is self.glet:
            raise killed
        self.pending_kill = killed
        if self._is_running_or_waiting_below():
            return  # it is suspended in a switch to us: it dies when control returns to it
        self.resume()


class ContainerHost:
    """Everything the processes of one container share: filesystem, clock, budget, network."""

    def __init__(
        self,
        *,
        clock: Any,
        fs: Any,
        image: Any,
        services: Any,
        spec: Any,
        limits: Limits,
        emit_log: Callable[[str, str], None],
        net: Any = None,
        container_id: str = "",
        runtime: Any = None,
    ) -> None:
        self.container_id = container_id  # the key of this container's listeners in `net`
        self.runtime = runtime
        self.clock = clock
        self.fs = fs
        self.image = image
        self.services = services
        self.spec = spec
        self.net = net
        self.limits = limits
        self.emit_log = emit_log
        self.budget = Budget(limits, self.kill_for_budget)
        self.started_at = clock.now()
        self.by_glet: dict[Any, Job] = {}
        self.jobs: dict[int, Job] = {}
        self.next_pid = 7
        self.root_pid = 1
        self.pending_signals: list[int] = []
        self.signal_handler: Callable[[int], bool] | None = None
        self.main_job: Job | None = None
        self.program_depth: dict[int, int] = {}
        self.internal_errors: list[str] = []

    # -- processes ----------------------------------------------------------------------------
    def current(self) -> Job:
        job = self.by_glet.get(greenlet.getcurrent())
        if job is None:
            raise RuntimeError("container code is running outside of its process greenlet")
        return job

    def pid_of_current(self) -> int:
        job = self.by_glet.get(greenlet.getcurrent())
        return self.root_pid if job is None or job is self.main_job else job.pid

    def new_job(
        self, fn: Callable[[], int], pid: int | None = None,
        report: Callable[[str], None] | None = None,
    ) -> Job:
        if pid is None:
            pid = self.next_pid
            self.next_pid += 1
        job = Job(self, pid, fn, report)
        self.jobs[pid] = job
        return job

    def spawn(self, fn: Callable[[], int]) -> Job:
        """A background job (`cmd &`): runs at once until it first blocks, then its parent
        goes on (a forked child usually gets the CPU first on a real machine too)."""
        job = self.new_job(fn)
        job.resume()
        return job

    def sleep(self, seconds: float) -> None:
        job = self.current()
        if seconds <= 0:
            return
        if job.instant:
            job.instant_elapsed += seconds
            if job.instant_elapsed > job.instant_limit:
                raise SandboxKilled(BUDGET_EXIT_STATUS, "probe timed out")
            return
        if math.isinf(seconds):
            job.block()  # sleep infinity: only a signal ends it
            return
        running_for = self.clock.now() + seconds - self.started_at
        if running_for > self.limits.virtual_seconds:
            self.kill_for_budget(
                f"still running after {self.limits.virtual_seconds:g} virtual seconds"
            )
        if running_for <= self.limits.busy_seconds:
            job.timer = self.clock.call_later(seconds, job.resume)
        else:
            # Past its busy window a container's timers no longer keep the cluster busy, so that
            # run_until_idle returns while a server loop sleeps (see docs/images.md).
            job.timer = self.clock.call_background(seconds, job.resume)
        job.block()

    def wait_job(self, job: Job, shell: Any = None) -> int:
        """Block until `job` ends; a trapped signal interrupts the wait (status 128+n)."""
        me = self.current()
        while not job.done:
            if shell is not None and shell.receives_signals and self.pending_signals:
                return 128 + self.pending_signals[0]
            job.waiters.append(me.waker())
            me.interruptible = True
            try:
                me.block()
            finally:
                me.interruptible = False
        return job.status

    def wait_for_signal(self, handled: tuple[int, ...] = (15, 2)) -> int:
        """For a server running as PID 1: install a handler for `handled` signals, block until
        one arrives, return its number (then shut down and return an exit status)."""
        me = self.current()
        if me is self.main_job:

            def handler(signum: int) -> bool:
                if signum not in handled:
                    return False
                self.pending_signals.append(signum)
                return True

            self.signal_handler = handler
        while not self.pending_signals:
            me.interruptible = True
            try:
                me.block()
            finally:
                me.interruptible = False
        return self.pending_signals.pop(0)

    def signal(self, pid: int, signum: int) -> bool:
        """kill(2) from inside the container; False when there is no such process."""
        if pid == self.root_pid:
            self.deliver_to_main(signum)
            return True
        job = self.jobs.get(pid)
        if job is None or job.done:
            return False
        if signum in (0,):
            return True
        job.kill(128 + signum)
        return True

    def deliver_to_main(self, signum: int) -> bool:
        """A signal for PID 1: only a handler (a shell trap) makes it do anything; PID 1
        ignores signals it does not handle, which is why SIGTERM often waits for SIGKILL."""
        handler = self.signal_handler
        if signum == 9:
            self.kill_all(137)
            return True
        if handler is None or not handler(signum):
            return False
        main = self.main_job
        if main is not None and main.interruptible and main.blocked:
            main.waker()()
        return True

    def kill_all(self, status: int, message: str = "") -> None:
        """SIGKILL for every process; the calling one (`kill -9 1` from inside) dies last."""
        me = self.by_glet.get(greenlet.getcurrent())
        jobs = sorted(self.jobs.values(), key=lambda j: (j is me, j is self.main_job))
        for job in jobs:
            job.kill(status, message)

    def kill_for_budget(self, reason: str) -> None:
        message = f"minicluster sandbox: process killed: {reason}"
        raise SandboxKilled(BUDGET_EXIT_STATUS, message)

    # -- programs -----------------------------------------------------------------------------
    def run_program(self, fn: Callable[[Any, list[str]], int], ctx: Any, argv: list[str]) -> int:
        """Run a registered program in the current process; never lets a Python error out."""
        job = self.by_glet.get(greenlet.getcurrent())
        key = job.pid if job is not None else 0
        self.program_depth[key] = self.program_depth.get(key, 0) + 1
        try:
            return int(fn(ctx, argv)) & 0xFF
        except OutputLimitExceeded as err:
            self.kill_for_budget(str(err))
            raise AssertionError("unreachable") from None
        except RecursionError:
            self.kill_for_budget("recursion too deep")
            raise AssertionError("unreachable") from None
        except VfsError as err:
            ctx.error(f"{err.path}: {err.strerror}")
            return 1
        except Exception as err:  # noqa: BLE001 - a learner never sees a traceback
            self.internal_errors.append(f"{argv[0]}: {type(err).__name__}: {err}")
            ctx.error(f"internal error in the simulated program ({type(err).__name__})")
            return 1
        finally:
            self.program_depth[key] -= 1

    def is_first_program(self) -> bool:
        """Whether the program starting now is the container's PID 1."""
        job = self.by_glet.get(greenlet.getcurrent())
        return job is not None and job is self.main_job and self.program_depth.get(job.pid, 0) == 1
