"""`kubectl logs` and `kubectl exec` as the kubelet serves them: which container, which run,
and the refusals worded as the kubelet words them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minicluster.api.errors import ApiError
from minicluster.controllers.podstatus import pod_phase
from minicluster.controllers.podworker import ContainerRun, PodWorker
from minicluster.core.errors import MiniclusterError
from minicluster.runtime.interface import ContainerProcess, LogLine

if TYPE_CHECKING:
    from minicluster.controllers.kubelet import Kubelet


class KubeletError(ApiError):
    """A kubelet refusal relayed by the API server (`kubectl logs`): BadRequest."""

    def __init__(self, message: str) -> None:
        super().__init__(400, "BadRequest", message)


class ExecError(MiniclusterError):
    """`kubectl exec` failures that kubectl prints as `error: <message>`."""

    reason = "ExecFailed"  # not a Status reason: kubectl prints these as plain errors


class PodAccess:
    def __init__(self, kubelet: Kubelet) -> None:
        self.kubelet = kubelet

    def _worker_for(self, namespace: str, pod: str) -> PodWorker:
        worker = self.kubelet.by_name.get((namespace, pod))
        if worker is None:
            obj = self.kubelet.api.get(
                "Pod", pod, namespace
            )  # raises NotFound with the server's text
            raise KubeletError(
                f'container "{_default_container(obj)}" in pod "{pod}" is waiting to start: '
                "ContainerCreating"
            )
        return worker

    def _pick(self, worker: PodWorker, container: str | None) -> ContainerRun:
        name = container or _default_container(worker.pod)
        c = worker.container(name)
        if c is None:
            raise KubeletError(f"container {name} is not valid for pod {worker.name}")
        return c

    def logs(
        self, namespace: str, pod: str, container: str | None = None, previous: bool = False
    ) -> list[LogLine]:
        worker = self._worker_for(namespace, pod)
        c = self._pick(worker, container)
        waiting = c.state.get("waiting")
        if previous:
            # The previous container is the one lastState describes.
            if not c.last_state.get("terminated") or not c.runs:
                raise KubeletError(
                    f'previous terminated container "{c.name}" in pod "{pod}" not found'
                )
            index = len(c.runs) - 1 if waiting else len(c.runs) - 2
            return c.runs[max(0, index)].logs()
        if waiting and not (c.last_state.get("terminated") and c.runs):
            raise KubeletError(
                f'container "{c.name}" in pod "{pod}" is waiting to start: '
                f"{waiting.get('reason', 'ContainerCreating')}"
            )
        return c.runs[-1].logs()

    def exec(
        self,
        namespace: str,
        pod: str,
        container: str | None,
        argv: list[str],
        stdin: bytes | None = None,
        on_exit: Callable[[ContainerProcess], None] | None = None,
    ) -> ContainerProcess:
        worker = self._worker_for(namespace, pod)
        c = self._pick(worker, container)
        phase = pod_phase(worker)
        if phase in ("Succeeded", "Failed"):
            raise ExecError(
                f"cannot exec into a container in a completed pod; current phase is {phase}"
            )
        if c.process is None or not c.process.running:
            raise ExecError(f'unable to upgrade connection: container not found ("{c.name}")')
        return self.kubelet.runtime.exec(
            c.process.id, list(argv), stdin, on_exit or (lambda p: None)
        )


def _default_container(pod: dict[str, Any]) -> str:
    annotations = (pod.get("metadata") or {}).get("annotations") or {}
    chosen = annotations.get("kubectl.kubernetes.io/default-container")
    if chosen:
        return str(chosen)
    containers = (pod.get("spec") or {}).get("containers") or [{}]
    return str(containers[0].get("name", ""))
