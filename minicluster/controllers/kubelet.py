"""The kubelet of the one node: runs bound pods' containers through the runtime and reports
their status, events and logs the way a real kubelet does (pkg/kubelet, facts only).

Each pod is a `PodWorker` that moves through the clock: sandbox -> init containers in order ->
image pulls (serialized per node) -> app containers -> exits, restarts with crash back-off,
probes, and graceful termination when the pod is deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minicluster.api.errors import ApiError
from minicluster.controllers import messages as msg
from minicluster.controllers.backoff import (
    CONTAINER_BACKOFF,
    CONTAINER_BACKOFF_MAX,
)
from minicluster.controllers.base import controller_owner
from minicluster.controllers.images import ImageStore
from minicluster.controllers.podaccess import PodAccess
from minicluster.controllers.podconfig import (
    SERVICE_ACCOUNT_DIR,
    ConfigError,
    MountError,
    build_volumes,
    container_env,
    expand_refs,
)
from minicluster.controllers.podstatus import container_status, pod_conditions, pod_phase
from minicluster.controllers.podutil import qos_class
from minicluster.controllers.podworker import ContainerRun, PodWorker
from minicluster.controllers.probes import ProbeRunner
from minicluster.controllers.pulling import ImagePuller
from minicluster.core.duration import format_duration
from minicluster.runtime.interface import ContainerProcess, ContainerSpec, LogLine

if TYPE_CHECKING:
    from minicluster.controllers.manager import ControllerManager

NODE_NAME = "minicluster"
HOST_IP = "172.18.0.2"
COMPONENT = "kubelet"
# Virtual seconds the container runtime takes to set a pod sandbox up (network, IP).
SANDBOX_SECONDS = 1.0
# The kubelet notices container exits through its relist (PLEG), about once a second.
RELIST_SECONDS = 1.0
# How often a pod stuck on a missing ConfigMap/Secret is retried (background).
CONFIG_RETRY_SECONDS = 10.0
# The pod worker re-syncs a pod whose last sync failed (back-off, pull error) after this long.
SYNC_RETRY_SECONDS = 10.0


class Kubelet:
    name = COMPONENT

    def __init__(self, manager: ControllerManager) -> None:
        self.manager = manager
        self.api = manager.api
        self.clock = manager.clock
        self.runtime = manager.runtime
        self.rand = manager.rand.stream("kubelet")
        self.images = ImageStore(self.runtime)
        self.puller = ImagePuller(self)
        self.workers: dict[str, PodWorker] = {}  # by pod uid
        self.by_name: dict[tuple[str, str], PodWorker] = {}
        self._shared_volumes: dict[str, Any] = {}
        self._next_ip = 2
        self.probes = ProbeRunner(self)
        self.access = PodAccess(self)

    # -- watching ---------------------------------------------------------------------------
    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "Pod":
            self._on_pod(event_type, obj)
        elif kind in ("ConfigMap", "Secret") and event_type in ("ADDED", "MODIFIED"):
            ns = (obj.get("metadata") or {}).get("namespace")
            for worker in list(self.workers.values()):
                if worker.namespace == ns and worker.waiting_for_config:
                    self.later(worker, 0.0, self._retry_config, worker)

    def _on_pod(self, event_type: str, pod: dict[str, Any]) -> None:
        meta = pod.get("metadata") or {}
        uid = meta.get("uid", "")
        worker = self.workers.get(uid)
        if event_type == "DELETED":
            if worker is not None:
                self._forget(worker)
            return
        if (pod.get("spec") or {}).get("nodeName") != NODE_NAME:
            return
        if worker is None:
            if (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
                return
            worker = self._new_worker(pod)
            self.clock.call_soon(self._in_actor, self._admit, worker)
            return
        worker.pod = pod
        if meta.get("deletionTimestamp") and not worker.deleting:
            worker.deleting = True
            self.clock.call_soon(self._in_actor, self._stop, worker)

    def _in_actor(self, fn: Callable[..., Any], *args: Any) -> None:
        with self.api.actor(COMPONENT):
            fn(*args)

    def later(
        self,
        worker: PodWorker,
        delay: float,
        fn: Callable[..., Any],
        *args: Any,
        background: bool = False,
    ) -> Any:
        def run() -> None:
            handle.cancel()  # fired: marked so that the worker's list can drop it
            if worker.removed:
                return
            self._in_actor(fn, *args)

        if background:
            handle = self.clock.call_background(delay, run)
        else:
            handle = self.clock.call_later(delay, run)
        if len(worker.timers) >= 32:
            worker.timers = [t for t in worker.timers if not t.cancelled]
        worker.timers.append(handle)
        return handle

    def job_owned(self, worker: PodWorker) -> bool:
        # Restarts of a Job's pod are bounded by the Job's backoffLimit, so waiting for them
        # keeps the cluster busy; other crash loops go on forever and must not.
        return controller_owner(worker.pod, "Job") is not None

    # -- admission and sandbox ----------------------------------------------------------------
    def _new_worker(self, pod: dict[str, Any]) -> PodWorker:
        meta = pod["metadata"]
        spec = pod.get("spec") or {}
        worker = PodWorker(
            uid=meta.get("uid", ""),
            namespace=meta.get("namespace") or "default",
            name=meta["name"],
            pod=pod,
            init=[
                ContainerRun(c["name"], c, True, i)
                for i, c in enumerate(spec.get("initContainers") or [])
            ],
            app=[
                ContainerRun(c["name"], c, False, i)
                for i, c in enumerate(spec.get("containers") or [])
            ],
        )
        for c in worker.init:
            c.state = {"waiting": {"reason": "PodInitializing"}}
        for c in worker.app:
            c.state = {
                "waiting": {"reason": "PodInitializing" if worker.init else "ContainerCreating"}
            }
        self.workers[worker.uid] = worker
        self.by_name[(worker.namespace, worker.name)] = worker
        return worker

    def _admit(self, worker: PodWorker) -> None:
        worker.started = self.clock.now()
        self.write_status(worker)
        self.later(worker, SANDBOX_SECONDS, self._sandbox, worker)
        deadline = (worker.pod.get("spec") or {}).get("activeDeadlineSeconds")
        if deadline is not None:
            self.later(worker, float(deadline), self._past_deadline, worker)

    def _past_deadline(self, worker: PodWorker) -> None:
        """spec.activeDeadlineSeconds, counted from status.startTime (pkg/kubelet/active_deadline.go)."""
        if worker.done or worker.stopping:
            return
        self.event(worker, None, "Normal", "DeadlineExceeded", msg.POD_DEADLINE_EXCEEDED)
        worker.evicted = ("DeadlineExceeded", msg.POD_DEADLINE_EXCEEDED)
        self._stop(worker)

    def _allocate_ip(self) -> str:
        n = self._next_ip
        self._next_ip += 1
        return f"10.244.{n // 254}.{n % 254 or 254}"

    def _sandbox(self, worker: PodWorker) -> None:
        if worker.stopping:
            return
        worker.sandbox_ready = True
        worker.ip = self._allocate_ip()
        self.write_status(worker)
        self._mount_and_go(worker)

    def _getter(self, kind: str, name: str, namespace: str) -> dict[str, Any] | None:
        return self.api.try_get(kind, name, namespace)

    def _shared(self, key: str) -> Any:
        if key not in self._shared_volumes:
            self._shared_volumes[key] = self.runtime.new_volume({})
        return self._shared_volumes[key]

    def _mount_and_go(self, worker: PodWorker) -> None:
        try:
            volumes = build_volumes(
                worker.pod,
                self._getter,
                self.runtime.new_volume,
                self._shared,
                # optional in the runtime interface: the scripted test double has no such layout
                getattr(self.runtime, "new_projected_volume", None),
            )
        except MountError as err:
            worker.waiting_for_config = True
            self.event(worker, None, "Warning", "FailedMount", str(err))
            self.later(worker, CONFIG_RETRY_SECONDS, self._retry_config, worker, background=True)
            return
        worker.volumes = volumes
        worker.waiting_for_config = False
        self.advance(worker)

    def _retry_config(self, worker: PodWorker) -> None:
        if worker.stopping or not worker.waiting_for_config:
            return
        fresh = self.api.try_get("Pod", worker.name, worker.namespace)
        if fresh is not None:
            worker.pod = fresh
        if worker.volumes is None:
            self._mount_and_go(worker)
        else:
            worker.waiting_for_config = False
            self.advance(worker)

    # -- starting containers -----------------------------------------------------------------
    def advance(self, worker: PodWorker) -> None:
        """Start whatever is due: the next init container, or every app container."""
        if worker.stopping or worker.volumes is None:
            return
        for c in worker.init:
            if c.succeeded or (c.sidecar and c.started_once):
                continue
            if c.process is None and not c.busy and not c.state.get("terminated"):
                self.start_sequence(worker, [c])
            return
        todo = [c for c in worker.app if c.process is None and not c.busy and not c.terminated]
        if todo:
            for c in todo:
                if c.state.get("waiting", {}).get("reason") == "PodInitializing":
                    c.state = {"waiting": {"reason": "ContainerCreating"}}
            self.write_status(worker)
            self.start_sequence(worker, todo)

    def start_sequence(self, worker: PodWorker, queue: list[ContainerRun]) -> None:
        """Pull and start containers one after the other, as one kubelet sync does."""
        if not queue or worker.stopping:
            return
        c, rest = queue[0], queue[1:]
        c.busy = True

        def after_image(ok: bool) -> None:
            if ok and not worker.stopping:
                self._create_and_start(worker, c)
            else:
                c.busy = False
            self.start_sequence(worker, rest)

        self.puller.ensure(worker, c, after_image)

    def _create_and_start(self, worker: PodWorker, c: ContainerRun) -> None:
        c.busy = False
        try:
            env = container_env(worker.pod, c.spec, self._getter)
        except ConfigError as err:
            worker.waiting_for_config = True
            c.state = {"waiting": {"reason": "CreateContainerConfigError", "message": str(err)}}
            self.event(worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason=str(err)))
            self.write_status(worker)
            self.later(worker, CONFIG_RETRY_SECONDS, self._retry_config, worker, background=True)
            return
        spec = worker.pod.get("spec") or {}
        hostname = spec.get("hostname") or worker.name
        env.setdefault("HOSTNAME", hostname)
        assert worker.volumes is not None
        mounts = worker.volumes.mounts(c.spec)
        run_index = len(c.runs)
        container_spec = ContainerSpec(
            id=f"{worker.namespace}/{worker.name}/{c.name}/{run_index}",
            image=c.spec.get("image", ""),
            command=[expand_refs(a, env) for a in c.spec["command"]]
            if c.spec.get("command") is not None
            else None,
            args=[expand_refs(a, env) for a in c.spec["args"]]
            if c.spec.get("args") is not None
            else None,
            env=env,
            working_dir=c.spec.get("workingDir"),
            mounts=mounts,
            hostname=hostname,
            namespace=worker.namespace,
            ports=[
                int(p["containerPort"]) for p in c.spec.get("ports") or [] if "containerPort" in p
            ],
        )
        c.container_id = (
            "containerd://"
            + hashlib.sha256(
                f"{worker.uid}/{c.name}/{run_index}/{self.rand.random()}".encode()
            ).hexdigest()
        )
        self.event(worker, c, "Normal", "Created", msg.CREATED_CONTAINER.format(container=c.name))
        process = self.runtime.start(container_spec, lambda p: self._exited(worker, c, p))
        c.process = process
        c.runs.append(process)
        c.state = {"running": {"startedAt": self.clock.timestamp()}}
        c.started = "startupProbe" not in c.spec
        c.ready = (not c.init or c.sidecar) and c.started and "readinessProbe" not in c.spec
        self.write_status(worker)
        # The runtime's first step (queued by start) tells whether the process could start at
        # all: only then is it "Started"; a start error gets Failed instead.
        self.clock.call_soon(self._in_actor, self._confirm_start, worker, c, process)
        if not c.init or c.sidecar:
            self.probes.start(worker, c)
        if c.sidecar and not c.started_once:
            c.started_once = True
            # The next init container (or the app containers) start once a sidecar runs.
            self.clock.call_soon(self._in_actor, self.advance, worker)

    def _confirm_start(self, worker: PodWorker, c: ContainerRun, process: ContainerProcess) -> None:
        if worker.removed:
            return
        error = getattr(process, "message", None)
        if process.reason == "StartError" and error:
            self.event(worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason=error))
            return
        self.event(worker, c, "Normal", "Started", msg.STARTED_CONTAINER.format(container=c.name))

    # -- exits and restarts ------------------------------------------------------------------
    def _exited(self, worker: PodWorker, c: ContainerRun, process: ContainerProcess) -> None:
        if c.process is not process or worker.removed:
            return
        with self.api.actor(COMPONENT):
            self._record_exit(worker, c, process)

    def _record_exit(self, worker: PodWorker, c: ContainerRun, process: ContainerProcess) -> None:
        started = (c.state.get("running") or {}).get("startedAt") or self.clock.timestamp()
        code = process.exit_code if process.exit_code is not None else 137
        terminated: dict[str, Any] = {
            "containerID": c.container_id,
            "exitCode": code,
            "finishedAt": self.clock.timestamp(),
            "reason": process.reason or ("Completed" if code == 0 else "Error"),
            "startedAt": started,
        }
        error = getattr(process, "message", None)
        if process.reason == "StartError" and error:
            # A container that never started reports the zero time as its start (OBSERVED).
            terminated["message"] = error
            terminated["startedAt"] = "1970-01-01T00:00:00Z"
        c.state = {"terminated": terminated}
        c.process = None
        c.last_finish = self.clock.now()
        c.ready = False
        self.probes.stop(c)
        if worker.stopping:
            self.write_status(worker)
            self._maybe_finish_stop(worker)
            return
        if self._should_restart(worker, c, code):
            self.write_status(worker)
            self.later(
                worker,
                RELIST_SECONDS,
                self._restart_check,
                worker,
                c,
                background=not self.job_owned(worker),
            )
            return
        if c.init and code == 0 and not c.sidecar:
            self.write_status(worker)
            self.advance(worker)
            return
        if worker.app_done and self._stop_sidecars(worker):
            self.write_status(worker)
            return  # the pod completes when its sidecars have stopped
        if worker.app_done or (c.init and code != 0 and not c.sidecar):
            worker.done = True
            worker.torn_down = True
        self.write_status(worker)

    def _stop_sidecars(self, worker: PodWorker) -> bool:
        """When the app containers are done, the kubelet stops the sidecars, last first."""
        running = [c for c in reversed(worker.init) if c.sidecar and c.process is not None]
        for c in running:
            self.event(
                worker, c, "Normal", "Killing", msg.STOPPING_CONTAINER.format(container=c.name)
            )
            grace = float((worker.pod.get("spec") or {}).get("terminationGracePeriodSeconds", 30))
            assert c.process is not None
            c.process.kill(grace)
        return bool(running)

    def _should_restart(self, worker: PodWorker, c: ContainerRun, code: int) -> bool:
        if c.sidecar:
            return not worker.app_done  # sidecars restart whatever the pod's policy
        policy = worker.restart_policy
        if c.init and code == 0:
            return False
        if policy == "Always":
            return not c.init or code != 0
        return policy == "OnFailure" and code != 0

    def _restart_check(self, worker: PodWorker, c: ContainerRun) -> None:
        if worker.stopping or c.process is not None:
            return
        now = self.clock.now()
        if c.terminated:
            c.last_state = {"terminated": dict(c.terminated)}
        # flowcontrol.Backoff keyed by the container, fed with the last exit's finishedAt
        # (doBackOff): in back-off while less than the current delay has passed since that
        # exit; an entry idle for more than twice the cap is forgotten.
        finished = c.last_finish
        known = c.backoff_update is not None and (
            finished - (c.backoff_update or 0.0) <= 2 * CONTAINER_BACKOFF_MAX
        )
        # A tolerance: float sums of virtual times must not leave a sliver of back-off.
        if known and now - finished < c.backoff - 1e-6:
            pod_uid = worker.uid
            c.state = {
                "waiting": {
                    "reason": "CrashLoopBackOff",
                    "message": msg.CRASHLOOP_WAITING.format(
                        delay=format_duration(c.backoff),
                        container=c.name,
                        pod=worker.name,
                        namespace=worker.namespace,
                        uid=pod_uid,
                    ),
                }
            }
            self.event(
                worker,
                c,
                "Warning",
                "BackOff",
                msg.BACKOFF_RESTARTING.format(
                    container=c.name, pod=worker.name, namespace=worker.namespace, uid=pod_uid
                ),
            )
            self.write_status(worker)
            # A pod whose sync failed is synced again every 10 s: each sync in the back-off
            # window records BackOff once more (the `(xN over ...)` counts users see).
            self.later(
                worker,
                min(finished + c.backoff - now, SYNC_RETRY_SECONDS),
                self._restart_check,
                worker,
                c,
                background=not self.job_owned(worker),
            )
            return
        # Backoff.Next: the first restart is immediate; each later one waits twice as long.
        c.backoff = min(CONTAINER_BACKOFF_MAX, c.backoff * 2) if known else CONTAINER_BACKOFF
        c.backoff_update = finished
        c.restart_count += 1
        c.state = {"waiting": {"reason": "ContainerCreating"}}
        self.start_sequence(worker, [c])

    # -- probes (called by ProbeRunner) ------------------------------------------------------
    def set_ready(self, worker: PodWorker, c: ContainerRun, ready: bool) -> None:
        if c.ready != ready and c.process is not None:
            c.ready = ready
            self.write_status(worker)

    def set_started(self, worker: PodWorker, c: ContainerRun) -> None:
        if not c.started and c.process is not None:
            c.started = True
            c.ready = "readinessProbe" not in c.spec
            self.write_status(worker)

    def liveness_kill(self, worker: PodWorker, c: ContainerRun, probe: str = "liveness") -> None:
        if c.process is None or worker.stopping:
            return
        text = msg.PROBE_KILL.format(container=c.name, probe=probe)
        self.event(worker, c, "Normal", "Killing", text)
        grace = float((worker.pod.get("spec") or {}).get("terminationGracePeriodSeconds", 30))
        c.process.kill(grace)

    # -- deletion ----------------------------------------------------------------------------
    def _stop(self, worker: PodWorker) -> None:
        if worker.removed:
            return
        if worker.stopping:
            self._maybe_finish_stop(worker)  # an evicted pod deleted later
            return
        worker.stopping = True
        for handle in worker.timers:
            handle.cancel()
        worker.timers.clear()
        meta = worker.pod.get("metadata") or {}
        spec = worker.pod.get("spec") or {}
        grace = meta.get("deletionGracePeriodSeconds")
        if grace is None:
            grace = spec.get("terminationGracePeriodSeconds", 30)
        running = [c for c in worker.containers if c.process is not None and c.process.running]
        for c in running:
            self.probes.stop(c)
            self.event(
                worker, c, "Normal", "Killing", msg.STOPPING_CONTAINER.format(container=c.name)
            )
        for c in running:
            assert c.process is not None
            c.process.kill(float(grace))
        self._maybe_finish_stop(worker)

    def _maybe_finish_stop(self, worker: PodWorker) -> None:
        if any(c.process is not None and c.process.running for c in worker.containers):
            return
        worker.done = True
        worker.torn_down = True
        self.write_status(worker)
        if worker.deleting:
            self.manager.finish_pod_deletion(worker.namespace, worker.name, worker.uid)

    def _forget(self, worker: PodWorker) -> None:
        worker.removed = True
        for handle in worker.timers:
            handle.cancel()
        for c in worker.containers:
            self.probes.stop(c)
            if c.process is not None and c.process.running:
                c.process.kill(0)
        self.workers.pop(worker.uid, None)
        if self.by_name.get((worker.namespace, worker.name)) is worker:
            del self.by_name[(worker.namespace, worker.name)]

    # -- status --------------------------------------------------------------------------------
    def write_status(self, worker: PodWorker) -> None:
        if worker.removed:
            return
        # worker.pod follows the watch (and our own writes), so no read is needed here; the
        # objects the watch hands out are shared, so they are never changed in place.
        pod = worker.pod
        old = pod.get("status") or {}
        phase = pod_phase(worker)
        status: dict[str, Any] = {
            "conditions": pod_conditions(
                worker, phase, old.get("conditions") or [], self.clock.timestamp()
            ),
            "containerStatuses": [container_status(c) for c in worker.app],
            "hostIP": HOST_IP,
            "hostIPs": [{"ip": HOST_IP}],
            "phase": phase,
            "qosClass": qos_class(pod.get("spec") or {}),
            "startTime": self.clock.timestamp(worker.started),
        }
        if worker.init:
            status["initContainerStatuses"] = [container_status(c) for c in worker.init]
        if worker.evicted is not None and worker.done:
            status["reason"], status["message"] = worker.evicted
        if worker.ip:
            status["podIP"] = worker.ip
            status["podIPs"] = [{"ip": worker.ip}]
        if status == old:
            return
        meta = {"name": worker.name, "namespace": worker.namespace}
        try:
            worker.pod = self.api.update_status(
                {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "status": status}
            )
        except ApiError:
            pass  # the pod is gone; its DELETED event ends this worker

    def event(
        self, worker: PodWorker, c: ContainerRun | None, type_: str, reason: str, message: str
    ) -> None:
        self.manager.record_event(
            worker.pod,
            type_,
            reason,
            message,
            COMPONENT,
            host=NODE_NAME,
            field_path=c.field_path if c is not None else None,
        )

    # -- logs and exec (kubectl logs / exec) --------------------------------------------------
    def logs(
        self, namespace: str, pod: str, container: str | None = None, previous: bool = False
    ) -> list[LogLine]:
        return self.access.logs(namespace, pod, container, previous)

    def exec(
        self,
        namespace: str,
        pod: str,
        container: str | None,
        argv: list[str],
        stdin: bytes | None = None,
        on_exit: Callable[[ContainerProcess], None] | None = None,
    ) -> ContainerProcess:
        return self.access.exec(namespace, pod, container, argv, stdin, on_exit)

    def container_ids(self, namespace: str, pod: str) -> list[str]:
        """Runtime ids of a pod's running containers (for the cluster network)."""
        worker = self.by_name.get((namespace, pod))
        if worker is None:
            return []
        return [c.process.id for c in worker.app if c.process is not None and c.process.running]

    def service_account_dir(self) -> str:
        return SERVICE_ACCOUNT_DIR
