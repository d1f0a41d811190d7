"""Readiness and liveness probes: periodic checks through runtime.probe while a container runs.

The first readiness check is foreground work (a rollout waits for it); every later check is a
background timer, so a running Deployment does not keep the cluster busy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minicluster.controllers import messages as msg
from minicluster.runtime.interface import ProbeSpec

if TYPE_CHECKING:
    from minicluster.controllers.kubelet import ContainerRun, Kubelet, PodWorker


def probe_spec(probe: dict[str, Any], container: dict[str, Any]) -> ProbeSpec:
    timeout = float(probe.get("timeoutSeconds", 1))

    def port_of(value: Any) -> int | None:
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return int(value)
        for port in container.get("ports") or ():
            if port.get("name") == value:
                return int(port.get("containerPort", 0))
        return None

    if "httpGet" in probe:
        http = probe["httpGet"]
        return ProbeSpec("http", port_of(http.get("port")), http.get("path", "/"), (), timeout)
    if "tcpSocket" in probe:
        return ProbeSpec("tcp", port_of(probe["tcpSocket"].get("port")), "/", (), timeout)
    if "grpc" in probe:
        return ProbeSpec("tcp", port_of(probe["grpc"].get("port")), "/", (), timeout)
    command = tuple(str(a) for a in (probe.get("exec") or {}).get("command") or ())
    return ProbeSpec("exec", None, "/", command, timeout)


def failure_detail(spec: ProbeSpec, ip: str) -> str:
    if spec.kind == "http":
        return (
            f'Get "http://{ip}:{spec.port}{spec.path}": dial tcp {ip}:{spec.port}: '
            "connect: connection refused"
        )
    if spec.kind == "tcp":
        return f"dial tcp {ip}:{spec.port}: connect: connection refused"
    return ""


class ProbeRunner:
    def __init__(self, kubelet: Kubelet) -> None:
        self.kubelet = kubelet
        self._timers: dict[int, list[Any]] = {}
        self._failures: dict[tuple[int, str], int] = {}
        self._successes: dict[tuple[int, str], int] = {}

    def start(self, worker: PodWorker, c: ContainerRun) -> None:
        for kind in ("readinessProbe", "livenessProbe"):
            probe = c.spec.get(kind)
            if probe and not c.spec.get("startupProbe"):
                delay = float(probe.get("initialDelaySeconds", 0))
                self._schedule(worker, c, kind, delay, first=True)
        startup = c.spec.get("startupProbe")
        if startup:
            # Readiness and liveness wait until the startup probe has succeeded.
            self._schedule(
                worker, c, "startupProbe", float(startup.get("initialDelaySeconds", 0)), True
            )

    def _started(self, worker: PodWorker, c: ContainerRun) -> None:
        self.kubelet.set_started(worker, c)
        for kind in ("readinessProbe", "livenessProbe"):
            probe = c.spec.get(kind)
            if probe:
                delay = float(probe.get("initialDelaySeconds", 0))
                self._schedule(worker, c, kind, delay, first=True)

    def stop(self, c: ContainerRun) -> None:
        for handle in self._timers.pop(id(c), []):
            handle.cancel()
        for kind in ("readinessProbe", "livenessProbe", "startupProbe"):
            self._failures.pop((id(c), kind), None)
            self._successes.pop((id(c), kind), None)

    def _schedule(
        self, worker: PodWorker, c: ContainerRun, kind: str, delay: float, first: bool = False
    ) -> None:
        clock = self.kubelet.clock
        # The first readiness and startup checks are what a rollout waits for.
        background = not (first and kind in ("readinessProbe", "startupProbe"))
        runner = clock.call_background if background else clock.call_later
        handle = runner(delay, self._check, worker, c, kind)
        timers = self._timers.setdefault(id(c), [])
        timers[:] = [t for t in timers if not t.cancelled]
        timers.append(handle)

    def _check(self, worker: PodWorker, c: ContainerRun, kind: str) -> None:
        if worker.removed or worker.stopping or c.process is None or not c.process.running:
            return
        probe = c.spec.get(kind) or {}
        spec = probe_spec(probe, c.spec)
        ok = self.kubelet.runtime.probe(c.process.id, spec)
        key = (id(c), kind)
        with self.kubelet.api.actor("kubelet"):
            if ok:
                self._failures[key] = 0
                self._successes[key] = self._successes.get(key, 0) + 1
                if kind == "readinessProbe" and self._successes[key] >= int(
                    probe.get("successThreshold", 1)
                ):
                    self.kubelet.set_ready(worker, c, True)
                if kind == "startupProbe":
                    self._started(worker, c)
                    return  # a startup probe stops once it has succeeded
            else:
                self._successes[key] = 0
                self._failures[key] = self._failures.get(key, 0) + 1
                label = {"readinessProbe": "Readiness", "livenessProbe": "Liveness"}.get(
                    kind, "Startup"
                )
                self.kubelet.event(
                    worker,
                    c,
                    "Warning",
                    "Unhealthy",
                    msg.PROBE_FAILED.format(kind=label, detail=failure_detail(spec, worker.ip)),
                )
                if self._failures[key] >= int(probe.get("failureThreshold", 3)):
                    if kind == "readinessProbe":
                        self.kubelet.set_ready(worker, c, False)
                    else:
                        self._failures[key] = 0
                        self.kubelet.liveness_kill(worker, c, label.lower())
                        return
        if c.process is not None and c.process.running:
            self._schedule(worker, c, kind, float(probe.get("periodSeconds", 10)))
