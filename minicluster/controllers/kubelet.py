"""The kubelet of the one node: runs bound pods' containers through the runtime and reports
their status, events and logs the way a real kubelet does (pkg/kubelet, facts only).

Each pod is a `PodWorker` that moves through the clock: sandbox -> init containers in order ->
image pulls (serialized per node) -> app containers -> exits, restarts with crash back-off,
probes, and graceful termination when the pod is deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minicluster.api.errors import ApiError
from minicluster.controllers import messages as msg
from minicluster.controllers.backoff import (
    CONTAINER_BACKOFF,
    CONTAINER_BACKOFF_MAX,
    image_pull_delay,
)
from minicluster.controllers.base import controller_owner
from minicluster.controllers.images import ImageStore, image_id, image_size, pull_error
from minicluster.controllers.podconfig import (
    SERVICE_ACCOUNT_DIR,
    ConfigError,
    MountError,
    VolumeSet,
    build_volumes,
    container_env,
    expand_refs,
)
from minicluster.controllers.podutil import default_pull_policy, qos_class
from minicluster.controllers.probes import ProbeRunner
from minicluster.core.duration import format_duration
from minicluster.core.errors import MiniclusterError
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


class KubeletError(ApiError):
    """A kubelet refusal relayed by the API server (`kubectl logs`): BadRequest."""

    def __init__(self, message: str) -> None:
        super().__init__(400, "BadRequest", message)


class ExecError(MiniclusterError):
    """`kubectl exec` failures that kubectl prints as `error: <message>`."""

    reason = "ExecFailed"  # not a Status reason: kubectl prints these as plain errors


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
    pull_failures: int = 0
    backoff: float = 0.0
    backoff_update: float | None = None

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
        return all(c.succeeded for c in self.init)

    def container(self, name: str) -> ContainerRun | None:
        for c in self.containers:
            if c.name == name:
                return c
        return None


class Kubelet:
    name = COMPONENT

    def __init__(self, manager: ControllerManager) -> None:
        self.manager = manager
        self.api = manager.api
        self.clock = manager.clock
        self.runtime = manager.runtime
        self.rand = manager.rand.stream("kubelet")
        self.images = ImageStore(self.runtime)
        self.workers: dict[str, PodWorker] = {}  # by pod uid
        self.by_name: dict[tuple[str, str], PodWorker] = {}
        self._shared_volumes: dict[str, Any] = {}
        self._next_ip = 2
        self.probes = ProbeRunner(self)

    # -- watching ---------------------------------------------------------------------------
    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "Pod":
            self._on_pod(event_type, obj)
        elif kind in ("ConfigMap", "Secret") and event_type in ("ADDED", "MODIFIED"):
            ns = (obj.get("metadata") or {}).get("namespace")
            for worker in list(self.workers.values()):
                if worker.namespace == ns and worker.waiting_for_config:
                    self._later(worker, 0.0, self._retry_config, worker)

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

    def _later(
        self,
        worker: PodWorker,
        delay: float,
        fn: Callable[..., Any],
        *args: Any,
        background: bool = False,
    ) -> Any:
        def run() -> None:
            if worker.removed:
                return
            self._in_actor(fn, *args)

        if background:
            handle = self.clock.call_background(delay, run)
        else:
            handle = self.clock.call_later(delay, run)
        worker.timers.append(handle)
        if len(worker.timers) > 64:
            worker.timers = [t for t in worker.timers if not t.cancelled]
        return handle

    def _job_owned(self, worker: PodWorker) -> bool:
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
        self._write_status(worker)
        self._later(worker, SANDBOX_SECONDS, self._sandbox, worker)
        deadline = (worker.pod.get("spec") or {}).get("activeDeadlineSeconds")
        if deadline is not None:
            self._later(worker, float(deadline), self._past_deadline, worker)

    def _past_deadline(self, worker: PodWorker) -> None:
        """spec.activeDeadlineSeconds, counted from status.startTime (pkg/kubelet/active_deadline.go)."""
        if worker.done or worker.stopping:
            return
        self._event(worker, None, "Normal", "DeadlineExceeded", msg.POD_DEADLINE_EXCEEDED)
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
        self._write_status(worker)
        self._mount_and_go(worker)

    def _getter(self, kind: str, name: str, namespace: str) -> dict[str, Any] | None:
        return self.api.try_get(kind, name, namespace)

    def _shared(self, key: str) -> Any:
        if key not in self._shared_volumes:
            self._shared_volumes[key] = self.runtime.new_volume({})
        return self._shared_volumes[key]

    def _mount_and_go(self, worker: PodWorker) -> None:
        try:
            volumes = build_volumes(worker.pod, self._getter, self.runtime.new_volume, self._shared)
        except MountError as err:
            worker.waiting_for_config = True
            self._event(worker, None, "Warning", "FailedMount", str(err))
            self._later(worker, CONFIG_RETRY_SECONDS, self._retry_config, worker, background=True)
            return
        worker.volumes = volumes
        worker.waiting_for_config = False
        self._advance(worker)

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
            self._advance(worker)

    # -- starting containers -----------------------------------------------------------------
    def _advance(self, worker: PodWorker) -> None:
        """Start whatever is due: the next init container, or every app container."""
        if worker.stopping or worker.volumes is None:
            return
        for c in worker.init:
            if c.succeeded:
                continue
            if c.process is None and not c.busy and not c.state.get("terminated"):
                self._start_sequence(worker, [c])
            return
        todo = [c for c in worker.app if c.process is None and not c.busy and not c.terminated]
        if todo:
            for c in todo:
                if c.state.get("waiting", {}).get("reason") == "PodInitializing":
                    c.state = {"waiting": {"reason": "ContainerCreating"}}
            self._write_status(worker)
            self._start_sequence(worker, todo)

    def _start_sequence(self, worker: PodWorker, queue: list[ContainerRun]) -> None:
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
            self._start_sequence(worker, rest)

        self._ensure_image(worker, c, after_image)

    def _ensure_image(
        self, worker: PodWorker, c: ContainerRun, then: Callable[[bool], None]
    ) -> None:
        image = c.spec.get("image", "")
        policy = c.spec.get("imagePullPolicy") or default_pull_policy(image)
        present = image in self.images.present
        if policy == "Never" or (policy == "IfNotPresent" and present):
            if present:
                self._event(worker, c, "Normal", "Pulled", msg.ALREADY_PRESENT.format(image=image))
                then(True)
                return
            text = msg.NEVER_PULL.format(image=image)
            self._event(worker, c, "Warning", "ErrImageNeverPull", text)
            c.state = {"waiting": {"reason": "ErrImageNeverPull", "message": text}}
            self._write_status(worker)
            then(False)
            return
        requested = self.clock.now()
        self._event(worker, c, "Normal", "Pulling", msg.PULLING.format(image=image))
        plan = self.images.plan_pull(image, requested)
        # Pulls that retry a failed pull, or restart a crash loop nobody waits for, are part
        # of an endless cycle: they must not keep the cluster busy.
        endless = c.pull_failures > 0 or (c.restart_count > 0 and not self._job_owned(worker))
        self._later(
            worker,
            plan.end - requested,
            self._pulled,
            worker,
            c,
            plan,
            requested,
            then,
            background=endless,
        )

    def _pulled(
        self,
        worker: PodWorker,
        c: ContainerRun,
        plan: Any,
        requested: float,
        then: Callable[[bool], None],
    ) -> None:
        image = c.spec.get("image", "")
        if plan.known:
            self.images.present.add(image)
            c.pull_failures = 0
            pull, total = plan.durations(requested)
            text = msg.PULLED.format(
                image=image, pull=pull, total=total, size=image_size(self.runtime, image)
            )
            self._event(worker, c, "Normal", "Pulled", text)
            then(True)
            return
        c.pull_failures += 1
        error = pull_error(self.runtime, image)
        self._event(
            worker, c, "Warning", "Failed", msg.FAILED_TO_PULL.format(image=image, error=error)
        )
        self._event(worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason="ErrImagePull"))
        c.state = {"waiting": {"reason": "ErrImagePull", "message": error}}
        self._write_status(worker)
        # The first switch to ImagePullBackOff is part of what a user waits to see; the
        # retries after it go on forever and must not keep the cluster busy.
        self._later(
            worker, RELIST_SECONDS, self._image_backoff, worker, c, background=c.pull_failures > 1
        )
        then(False)

    def _image_backoff(self, worker: PodWorker, c: ContainerRun) -> None:
        if worker.stopping:
            return
        image = c.spec.get("image", "")
        text = msg.BACKOFF_PULLING.format(image=image)
        self._event(worker, c, "Normal", "BackOff", text)
        self._event(
            worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason="ImagePullBackOff")
        )
        c.state = {"waiting": {"reason": "ImagePullBackOff", "message": text}}
        self._write_status(worker)
        delay = image_pull_delay(c.pull_failures) - RELIST_SECONDS
        self._later(worker, max(0.0, delay), self._retry_pull, worker, c, background=True)

    def _retry_pull(self, worker: PodWorker, c: ContainerRun) -> None:
        if worker.stopping:
            return
        c.busy = False
        if c.init:
            self._advance(worker)
        else:
            c.busy = False
            self._start_sequence(worker, [c])

    def _create_and_start(self, worker: PodWorker, c: ContainerRun) -> None:
        c.busy = False
        try:
            env = container_env(worker.pod, c.spec, self._getter)
        except ConfigError as err:
            worker.waiting_for_config = True
            c.state = {"waiting": {"reason": "CreateContainerConfigError", "message": str(err)}}
            self._event(worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason=str(err)))
            self._write_status(worker)
            self._later(worker, CONFIG_RETRY_SECONDS, self._retry_config, worker, background=True)
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
        self._event(worker, c, "Normal", "Created", msg.CREATED_CONTAINER.format(container=c.name))
        process = self.runtime.start(container_spec, lambda p: self._exited(worker, c, p))
        c.process = process
        c.runs.append(process)
        c.state = {"running": {"startedAt": self.clock.timestamp()}}
        c.started = True
        c.ready = not c.init and "readinessProbe" not in c.spec
        self._write_status(worker)
        # The runtime's first step (queued by start) tells whether the process could start at
        # all: only then is it "Started"; a start error gets Failed instead.
        self.clock.call_soon(self._in_actor, self._confirm_start, worker, c, process)
        if not c.init:
            self.probes.start(worker, c)

    def _confirm_start(self, worker: PodWorker, c: ContainerRun, process: ContainerProcess) -> None:
        if worker.removed:
            return
        error = getattr(process, "message", None)
        if process.reason == "StartError" and error:
            self._event(worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason=error))
            return
        self._event(worker, c, "Normal", "Started", msg.STARTED_CONTAINER.format(container=c.name))

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
        c.ready = False
        self.probes.stop(c)
        if worker.stopping:
            self._write_status(worker)
            self._maybe_finish_stop(worker)
            return
        if self._should_restart(worker, c, code):
            self._write_status(worker)
            self._later(
                worker,
                RELIST_SECONDS,
                self._restart_check,
                worker,
                c,
                background=not self._job_owned(worker),
            )
            return
        if c.init and code == 0:
            self._write_status(worker)
            self._advance(worker)
            return
        if all(x.terminated for x in worker.app) or (c.init and code != 0):
            worker.done = True
            worker.torn_down = True
        self._write_status(worker)

    def _should_restart(self, worker: PodWorker, c: ContainerRun, code: int) -> bool:
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
        # A tolerance: float sums of virtual times must not leave a sliver of back-off.
        if c.backoff_update is not None and now - c.backoff_update < c.backoff - 1e-6:
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
            self._event(
                worker,
                c,
                "Warning",
                "BackOff",
                msg.BACKOFF_RESTARTING.format(
                    container=c.name, pod=worker.name, namespace=worker.namespace, uid=pod_uid
                ),
            )
            self._write_status(worker)
            self._later(
                worker,
                c.backoff_update + c.backoff - now,
                self._restart_check,
                worker,
                c,
                background=not self._job_owned(worker),
            )
            return
        # flowcontrol.Backoff: the first restart is immediate, each later one waits twice as
        # long as the one before, measured from the previous restart.
        if c.backoff_update is None:
            c.backoff = CONTAINER_BACKOFF
        else:
            c.backoff = min(CONTAINER_BACKOFF_MAX, c.backoff * 2)
        c.backoff_update = now
        c.restart_count += 1
        c.state = {"waiting": {"reason": "ContainerCreating"}}
        self._start_sequence(worker, [c])

    # -- probes (called by ProbeRunner) ------------------------------------------------------
    def set_ready(self, worker: PodWorker, c: ContainerRun, ready: bool) -> None:
        if c.ready != ready and c.process is not None:
            c.ready = ready
            self._write_status(worker)

    def liveness_kill(self, worker: PodWorker, c: ContainerRun) -> None:
        if c.process is None or worker.stopping:
            return
        self._event(worker, c, "Normal", "Killing", msg.LIVENESS_KILL.format(container=c.name))
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
            self._event(
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
        self._write_status(worker)
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
    def _phase(self, worker: PodWorker) -> str:
        policy = worker.restart_policy
        if worker.evicted is not None and worker.done:
            return "Failed"
        if worker.stopping and worker.done:
            ran = [c for c in worker.app if c.terminated]
            if ran and len(ran) == len(worker.app) and all(c.succeeded for c in ran):
                return "Succeeded"
            return "Failed"
        for c in worker.init:
            t = c.terminated
            if t is not None and t.get("exitCode") != 0 and policy == "Never":
                return "Failed"
        if not worker.initialized:
            return "Pending"
        running = waiting = stopped = succeeded = 0
        for c in worker.app:
            if c.process is not None:
                running += 1
            elif c.terminated:
                stopped += 1
                succeeded += 1 if c.succeeded else 0
            elif c.last_state.get("terminated"):
                stopped += 1
            else:
                waiting += 1
        if waiting:
            return "Pending"
        if running:
            return "Running"
        if stopped:
            if policy == "Always":
                return "Running"
            if stopped == succeeded:
                return "Succeeded"
            if policy == "Never":
                return "Failed"
            return "Running"
        return "Pending"

    def _container_status(self, c: ContainerRun) -> dict[str, Any]:
        status: dict[str, Any] = {
            "image": c.spec.get("image", ""),
            "imageID": image_id(c.spec.get("image", "")) if c.runs else "",
            "lastState": c.last_state,
            "name": c.name,
            "ready": c.ready,
            "restartCount": c.restart_count,
            "started": c.process is not None,
            "state": c.state,
        }
        if c.container_id and not c.state.get("waiting"):
            status["containerID"] = c.container_id
        elif c.container_id and c.last_state:
            status["containerID"] = c.last_state.get("terminated", {}).get("containerID", "")
        return status

    def _conditions(
        self, worker: PodWorker, phase: str, old: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        before = {c.get("type"): c for c in old}
        now = self.clock.timestamp()

        def cond(
            type_: str, ok: bool, reason: str | None = None, message: str | None = None
        ) -> dict[str, Any]:
            status = "True" if ok else "False"
            prior = before.get(type_)
            since = (
                prior.get("lastTransitionTime") if prior and prior.get("status") == status else now
            )
            out: dict[str, Any] = {
                "lastProbeTime": None,
                "lastTransitionTime": since,
                "status": status,
                "type": type_,
            }
            if reason:
                out["reason"] = reason
            if message:
                out["message"] = message
            return out

        completed = phase in ("Succeeded", "Failed")
        not_init = [c.name for c in worker.init if not c.succeeded]
        unready = [c.name for c in worker.app if not c.ready]
        conditions = [
            cond("PodReadyToStartContainers", worker.sandbox_ready and not worker.torn_down),
            cond(
                "Initialized",
                not not_init,
                None if not not_init else "ContainersNotInitialized",
                None
                if not not_init
                else f"containers with incomplete status: [{' '.join(not_init)}]",
            ),
        ]
        if completed:
            conditions.append(cond("Ready", False, "PodCompleted"))
            conditions.append(cond("ContainersReady", False, "PodCompleted"))
        else:
            message = f"containers with unready status: [{' '.join(unready)}]" if unready else None
            conditions.append(
                cond("Ready", not unready, "ContainersNotReady" if unready else None, message)
            )
            conditions.append(
                cond(
                    "ContainersReady",
                    not unready,
                    "ContainersNotReady" if unready else None,
                    message,
                )
            )
        scheduled = before.get("PodScheduled") or cond("PodScheduled", True)
        conditions.append(scheduled)
        return conditions

    def _write_status(self, worker: PodWorker) -> None:
        if worker.removed:
            return
        # worker.pod follows the watch (and our own writes), so no read is needed here; the
        # objects the watch hands out are shared, so they are never changed in place.
        pod = worker.pod
        old = pod.get("status") or {}
        phase = self._phase(worker)
        status: dict[str, Any] = {
            "conditions": self._conditions(worker, phase, old.get("conditions") or []),
            "containerStatuses": [self._container_status(c) for c in worker.app],
            "hostIP": HOST_IP,
            "hostIPs": [{"ip": HOST_IP}],
            "phase": phase,
            "qosClass": qos_class(pod.get("spec") or {}),
            "startTime": self.clock.timestamp(worker.started),
        }
        if worker.init:
            status["initContainerStatuses"] = [self._container_status(c) for c in worker.init]
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

    def _event(
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
    def _worker_for(self, namespace: str, pod: str) -> PodWorker:
        worker = self.by_name.get((namespace, pod))
        if worker is None:
            obj = self.api.get("Pod", pod, namespace)  # raises NotFound with the server's text
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
        phase = self._phase(worker)
        if phase in ("Succeeded", "Failed"):
            raise ExecError(
                f"cannot exec into a container in a completed pod; current phase is {phase}"
            )
        if c.process is None or not c.process.running:
            raise ExecError(f'unable to upgrade connection: container not found ("{c.name}")')
        return self.runtime.exec(c.process.id, list(argv), stdin, on_exit or (lambda p: None))

    def container_ids(self, namespace: str, pod: str) -> list[str]:
        """Runtime ids of a pod's running containers (for the cluster network)."""
        worker = self.by_name.get((namespace, pod))
        if worker is None:
            return []
        return [c.process.id for c in worker.app if c.process is not None and c.process.running]

    def service_account_dir(self) -> str:
        return SERVICE_ACCOUNT_DIR


def _default_container(pod: dict[str, Any]) -> str:
    annotations = (pod.get("metadata") or {}).get("annotations") or {}
    chosen = annotations.get("kubectl.kubernetes.io/default-container")
    if chosen:
        return str(chosen)
    containers = (pod.get("spec") or {}).get("containers") or [{}]
    return str(containers[0].get("name", ""))
