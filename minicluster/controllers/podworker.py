"""What the kubelet remembers about each pod it runs and each of its containers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minicluster.controllers.podconfig import VolumeSet
from minicluster.runtime.interface import ContainerProcess


@dataclass
class ContainerRun:
    name: str
    spec: dict[str, Any]
    init: bool
    index: int
    state: dict[str, Any] = field(default_factory=dict)
    last_state: dict[str, Any] = field(default_factory=dict)
    restart_count: int = 0
    runs: list[ContainerProcess] = field(default_factory=list)
    process: ContainerProcess | None = None
    container_id: str = ""
    ready: bool = False
    started: bool = False
    busy: bool = False  # pulling or waiting to be started
    started_once: bool = False  # a sidecar counts as initialized once it has started
    pull_failures: int = 0
    backoff: float = 0.0
    backoff_update: float | None = None  # the exit the crash back-off was last computed from
    last_finish: float = 0.0  # when the latest run ended (virtual seconds)

    @property
    def sidecar(self) -> bool:
        """A restartable init container (native sidecar): runs beside the app containers."""
        return self.init and self.spec.get("restartPolicy") == "Always"

    @property
    def field_path(self) -> str:
        return f"spec.{'initContainers' if self.init else 'containers'}{{{self.name}}}"

    @property
    def terminated(self) -> dict[str, Any] | None:
        return self.state.get("terminated")

    @property
    def succeeded(self) -> bool:
        t = self.terminated
        return t is not None and t.get("exitCode") == 0


@dataclass
class PodWorker:
    uid: str
    namespace: str
    name: str
    pod: dict[str, Any]
    init: list[ContainerRun]
    app: list[ContainerRun]
    ip: str = ""
    started: float = 0.0
    sandbox_ready: bool = False
    torn_down: bool = False
    volumes: VolumeSet | None = None
    stopping: bool = False
    removed: bool = False
    done: bool = False
    timers: list[Any] = field(default_factory=list)
    waiting_for_config: bool = False
    deleting: bool = False
    evicted: tuple[str, str] | None = None  # (status.reason, status.message)

    @property
    def containers(self) -> list[ContainerRun]:
        return self.init + self.app

    @property
    def restart_policy(self) -> str:
        return (self.pod.get("spec") or {}).get("restartPolicy") or "Always"

    @property
    def initialized(self) -> bool:
        """Every init container done: completed, or for a sidecar, started."""
        return all(c.started_once if c.sidecar else c.succeeded for c in self.init)

    @property
    def app_done(self) -> bool:
        """The app containers all ended for good (no restart due)."""
        return bool(self.app) and all(c.terminated for c in self.app)

    def container(self, name: str) -> ContainerRun | None:
        for c in self.containers:
            if c.name == name:
                return c
        return None
