"""The composition root: one cluster = one clock, one random source, one API server, the
controllers, a container runtime and the helm/kubectl front doors.

Only this module knows how the layers are wired; each layer receives what it needs through its
constructor. See docs/architecture.md.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from typing import Any

from .core.clock import VirtualClock
from .core.duration import parse_duration
from .core.rand import SeededRandom
from .core.result import CommandResult


@dataclass
class HelmInvocation:
    """One `helm ...` command as the timeline and graders see it."""

    argv: list[str]
    start: float  # virtual seconds
    end: float
    log_start: int  # index range of api.action_log written during the command
    log_end: int
    result: CommandResult


def _argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else list(command)


class Cluster:
    def __init__(
        self,
        seed: int = 0,
        helm_version: int | None = None,
        runtime: Any = None,
        state_dir: str | None = None,
        cwd: str | None = None,
    ) -> None:
        from .api.server import ApiServer
        from .controllers.manager import ControllerManager

        if helm_version is None:
            helm_version = int(os.environ.get("MINICLUSTER_HELM_VERSION", "4"))
        if helm_version not in (3, 4):
            raise ValueError("helm_version must be 3 or 4")
        self.seed = seed
        self.helm_version = helm_version
        self.state_dir = state_dir
        # Relative chart and manifest paths resolve against this directory.
        self.cwd = cwd or os.getcwd()
        self.clock = VirtualClock()
        self.rand = SeededRandom(seed)
        self.api = ApiServer(clock=self.clock, rand=self.rand.stream("api"))
        self.runtime = self._make_runtime(runtime, state_dir)
        self.helm_invocations: list[HelmInvocation] = []
        self.controllers = ControllerManager(
            api=self.api, clock=self.clock, rand=self.rand.stream("controllers"), runtime=self.runtime
        )

    def _make_runtime(self, runtime: Any, state_dir: str | None) -> Any:
        """`runtime` is None or "sandbox" (the sandboxed shell runtime), "scripted" (the fast test
        double), a factory called with the cluster's clock, or a ready Runtime object."""
        if runtime is None or runtime == "sandbox":
            # Importing the services registers their images and programs (postgres, psql,
            # redis, curl, the demo apps) with the sandbox's catalogs.
            from .runtime import services  # noqa: F401
            from .runtime.sandbox import SandboxRuntime

            return SandboxRuntime(
                clock=self.clock,
                rand=self.rand.stream("runtime"),
                services=self._services(),
                state_dir=state_dir,
            )
        if runtime == "scripted":
            from .runtime.scripted import ScriptedRuntime

            return ScriptedRuntime(self.clock)
        if callable(runtime) and not hasattr(runtime, "start"):
            return runtime(self.clock)
        return runtime

    def _services(self) -> Any:
        from .controllers.network import ClusterNetwork

        return ClusterNetwork(self)

    # -- the command-line front doors ---------------------------------------------------------
    def kubectl(self, command: str | list[str], stdin: str | None = None) -> CommandResult:
        """`kubectl ...`; `stdin` feeds `-f -`."""
        from .kubectl.main import run_kubectl

        return run_kubectl(self, _argv(command), stdin=stdin)

    def helm(self, command: str | list[str], stdin: str | None = None) -> CommandResult:
        """`helm ...`; `stdin` feeds `-f -`."""
        from .helm.main import run_helm

        argv = _argv(command)
        start, log_start = self.clock.now(), len(self.api.action_log)
        result = run_helm(self, argv, stdin=stdin)
        self.helm_invocations.append(HelmInvocation(
            argv, start, self.clock.now(), log_start, len(self.api.action_log), result))
        return result

    # -- the Python API -----------------------------------------------------------------------
    def apply(self, yaml_text: str, namespace: str = "default") -> list[dict[str, Any]]:
        """Create or update every document, as `kubectl apply -f -` would; returns the objects."""
        return self.api.apply_manifest(yaml_text, namespace=namespace)

    def advance(self, seconds: float | str) -> None:
        """Move virtual time forward, running everything that falls due."""
        self.clock.advance(parse_duration(seconds) if isinstance(seconds, str) else seconds)

    def run_until_idle(self) -> None:
        self.clock.run_until_idle()

    def now(self) -> float:
        return self.clock.now()

    def events(self, namespace: str | None = None) -> list[dict[str, Any]]:
        return self.api.list("Event", namespace=namespace)

    def timeline(self, release: str | None = None) -> Any:
        from .notebook.timeline import build_timeline

        return build_timeline(self, release)
