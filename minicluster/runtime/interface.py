"""The contract between the kubelet and the sandboxed container runtime.

The runtime knows nothing of Kubernetes: it starts containers from images with a command, an
environment and mounted volumes, runs them on the cluster's virtual clock, keeps their logs, and
reaches other containers only through the `ClusterServices` the cluster hands it. The kubelet
(controllers/) is the only caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class LogLine:
    time: float  # virtual seconds when the line was written
    stream: str  # "stdout" or "stderr"
    text: str  # one line, without its newline


class Volume(Protocol):
    """A directory tree shared by the containers that mount it (emptyDir, configMap, PVC...)."""

    def write_file(self, path: str, data: bytes) -> None: ...
    def read_file(self, path: str) -> bytes: ...
    def list_files(self) -> list[str]: ...


@dataclass
class Mount:
    path: str
    volume: Volume
    read_only: bool = False
    sub_path: str | None = None


@dataclass
class ContainerSpec:
    id: str  # unique per container run, e.g. "default/job-x-abcde/main/0"
    image: str
    command: list[str] | None = None  # overrides the image's entrypoint
    args: list[str] | None = None  # overrides the image's default arguments
    env: dict[str, str] = field(default_factory=dict)
    working_dir: str | None = None
    mounts: list[Mount] = field(default_factory=list)
    hostname: str = "localhost"
    namespace: str = "default"  # for DNS search paths only
    ports: list[int] = field(default_factory=list)
    stdin: bytes | None = None


@dataclass(frozen=True)
class ProbeSpec:
    """A readiness/liveness/startup check, already translated out of the Pod spec."""

    kind: str  # "http" | "tcp" | "exec"
    port: int | None = None
    path: str = "/"
    command: tuple[str, ...] = ()
    timeout_seconds: float = 1.0


class ContainerProcess(Protocol):
    id: str

    @property
    def running(self) -> bool: ...

    @property
    def exit_code(self) -> int | None: ...

    @property
    def reason(self) -> str | None:
        """Why it ended, when Kubernetes would say: "Completed", "Error", "OOMKilled"..."""
        ...

    def logs(self) -> list[LogLine]: ...

    def kill(self, grace_seconds: float = 30.0) -> None:
        """SIGTERM now, SIGKILL after the grace period (exit 143 or 137)."""
        ...


class ClusterServices(Protocol):
    """What the cluster lends the runtime so that containers can reach each other."""

    def resolve(self, host: str, namespace: str) -> list[str] | None:
        """Container ids behind a DNS name (Service, pod hostname, pod IP), or None if unknown."""
        ...

    def pod_ip(self, host: str, namespace: str) -> str | None:
        """The IP address a DNS name resolves to, for programs that print it."""
        ...

    def kubectl(self, argv: list[str], namespace: str) -> tuple[str, str, int]:
        """Run kubectl against the cluster (the bitnami/kubectl image): stdout, stderr, exit code."""
        ...


class Runtime(Protocol):
    def image_known(self, image: str) -> bool: ...

    def pull_seconds(self, image: str) -> float:
        """Virtual seconds a first pull of this image takes on a node."""
        ...

    def new_volume(self, files: dict[str, bytes] | None = None) -> Volume: ...

    def start(
        self, spec: ContainerSpec, on_exit: Callable[[ContainerProcess], None]
    ) -> ContainerProcess:
        """Start the container now; `on_exit` is called (from a clock callback) when it ends."""
        ...

    def exec(
        self,
        container_id: str,
        argv: list[str],
        stdin: bytes | None,
        on_exit: Callable[[ContainerProcess], None],
    ) -> ContainerProcess:
        """Run another process in a running container's filesystem and network (kubectl exec)."""
        ...

    def probe(self, container_id: str, probe: ProbeSpec) -> bool: ...
