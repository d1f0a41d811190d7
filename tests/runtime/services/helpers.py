"""A small in-memory network for the services tests: server containers registered under DNS
names, client scripts run in other containers of the same SandboxRuntime."""

from __future__ import annotations

from dataclasses import dataclass, field

import minicluster.runtime.services  # noqa: F401  (registers programs and images)
from minicluster.core.clock import VirtualClock
from minicluster.runtime.interface import ContainerSpec
from minicluster.runtime.sandbox import SandboxRuntime


@dataclass
class FakeServices:
    """ClusterServices for tests: name -> (container ids, ip)."""

    names: dict[str, tuple[list[str], str]] = field(default_factory=dict)

    def _key(self, host: str, namespace: str) -> str:
        name = host.rstrip(".")
        for suffix in (f".{namespace}.svc.cluster.local", f".{namespace}.svc", f".{namespace}"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name

    def _find(self, host: str, namespace: str) -> tuple[list[str], str] | None:
        found = self.names.get(self._key(host, namespace))
        if found is None:  # an address stands for itself
            found = next((v for v in self.names.values() if v[1] == host), None)
        return found

    def resolve(self, host: str, namespace: str) -> list[str] | None:
        found = self._find(host, namespace)
        return None if found is None else list(found[0])

    def pod_ip(self, host: str, namespace: str) -> str | None:
        found = self._find(host, namespace)
        return None if found is None else (host if found[1] == host else found[1])

    def kubectl(self, argv: list[str], namespace: str) -> tuple[str, str, int]:
        return "", "kubectl is not wired in this test\n", 1


@dataclass
class Run:
    stdout: str
    stderr: str
    status: int | None


class Net:
    """One runtime, one clock, named servers."""

    def __init__(self) -> None:
        self.clock = VirtualClock()
        self.services = FakeServices()
        self.runtime = SandboxRuntime(self.clock, None, self.services, None)
        self.count = 0
        self.processes: dict[str, object] = {}

    def serve(self, name: str, image: str, env: dict[str, str] | None = None,
              command: list[str] | None = None, ip: str = "10.96.0.10", mounts=None) -> object:  # type: ignore[no-untyped-def]
        self.count += 1
        cid = f"default/{name}-0/main/{self.count}"
        spec = ContainerSpec(id=cid, image=image, command=command, env=env or {},
                             hostname=f"{name}-0", mounts=mounts or [])
        process = self.runtime.start(spec, lambda p: None)
        self.services.names[name] = ([cid], ip)
        self.processes[name] = process
        self.clock.run_until_idle()
        return process

    def run(self, script: str, image: str = "postgres:15", env: dict[str, str] | None = None,
            argv: list[str] | None = None, stdin: bytes | None = None) -> Run:
        self.count += 1
        spec = ContainerSpec(id=f"default/client-{self.count}/main/0", image=image,
                             command=argv or ["/bin/sh", "-c", script], env=env or {},
                             hostname=f"client-{self.count}", stdin=stdin)
        process = self.runtime.start(spec, lambda p: None)
        self.clock.run_until_idle()
        return collect(process)

    def exec(self, name: str, argv: list[str], stdin: bytes | None = None) -> Run:
        process = self.processes[name]
        done = self.runtime.exec(process.id, argv, stdin, lambda p: None)  # type: ignore[attr-defined]
        self.clock.run_until_idle()
        return collect(done)


def collect(process) -> Run:  # type: ignore[no-untyped-def]
    lines = process.logs()
    out = "".join(line.text + "\n" for line in lines if line.stream == "stdout")
    err = "".join(line.text + "\n" for line in lines if line.stream == "stderr")
    return Run(out, err, process.exit_code)


def make_cluster():  # type: ignore[no-untyped-def]
    """`Cluster(seed=0)`: the sandbox runtime, wired to the controllers and the network."""
    from minicluster.cluster import Cluster

    cluster = Cluster(seed=0)
    assert cluster.controllers.kubelet.runtime is cluster.runtime
    return cluster
