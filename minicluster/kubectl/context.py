"""What a kubectl command is handed: the cluster, the namespace, stdin, and its output."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DEFAULT_NAMESPACE = "default"


@dataclass
class KubectlContext:
    cluster: Any
    command_path: str = "kubectl"
    namespace: str = DEFAULT_NAMESPACE
    explicit_namespace: bool = False
    stdin: str | None = None
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    warnings_seen: int = 0
    # The arguments after `--` (cobra's ArgsLenAtDash), None when there was no `--`.
    after_dash: list[str] | None = None

    @property
    def api(self) -> Any:
        return self.cluster.api

    @property
    def clock(self) -> Any:
        return self.cluster.clock

    def now(self) -> datetime:
        return self.cluster.clock.datetime()

    # How a blocking command waits: by default it runs the cluster's clock (clockwait); a
    # caller that is itself inside a clock callback (kubectl in a container) passes a waiter
    # with the same signature that yields to the clock instead.
    waiter: Any = None

    def wait_until(self, predicate: Any, timeout: float, until_idle: bool) -> bool:
        if self.waiter is not None:
            return bool(self.waiter(predicate, timeout, until_idle))
        from minicluster.kubectl.clockwait import run_clock

        return run_clock(self.clock, predicate, timeout, until_idle)

    def write(self, text: str) -> None:
        self.out.append(text)

    def warn(self, text: str) -> None:
        self.err.append(text)

    def server_warnings(self) -> None:
        """Print the apiserver's response warnings as kubectl does (`Warning: ...`): only those
        raised since this command started, since other clients share the list."""
        pending = getattr(self.api, "warnings", None)
        if pending is None:
            return
        for text in pending[self.warnings_seen:]:
            self.err.append(f"Warning: {text}\n")
        self.warnings_seen = len(pending)

    def host_path(self, path: str) -> str:
        """A learner's file named on kubectl's command line, relative to the cluster's cwd."""
        base = getattr(self.cluster, "cwd", None) or os.getcwd()
        return path if os.path.isabs(path) else os.path.join(base, path)
