"""A pod's status as the kubelet reports it, computed from its PodWorker: the phase (the
kubelet's getPhase rules), container statuses and the pod conditions."""

from __future__ import annotations

from typing import Any

from minicluster.controllers.images import image_id
from minicluster.controllers.podworker import ContainerRun, PodWorker


def pod_phase(worker: PodWorker) -> str:
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
        if t is not None and t.get("exitCode") != 0 and policy == "Never" and not c.sidecar:
            return "Failed"
    if not worker.initialized:
        return "Pending"
    if worker.app_done and any(c.sidecar and c.process is not None for c in worker.init):
        return "Running"  # the app is done; the pod ends when its sidecars have stopped
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


def container_status(c: ContainerRun) -> dict[str, Any]:
    status: dict[str, Any] = {
        "image": c.spec.get("image", ""),
        "imageID": image_id(c.spec.get("image", "")) if c.runs else "",
        "lastState": c.last_state,
        "name": c.name,
        "ready": c.ready,
        "restartCount": c.restart_count,
        "started": c.process is not None and c.started,
        "state": c.state,
    }
    if c.container_id and not c.state.get("waiting"):
        status["containerID"] = c.container_id
    elif c.container_id and c.last_state:
        status["containerID"] = c.last_state.get("terminated", {}).get("containerID", "")
    return status


def pod_conditions(
    worker: PodWorker, phase: str, old: list[dict[str, Any]], now: str
) -> list[dict[str, Any]]:
    """In the order the kubelet writes them; a condition keeps its transition time while its
    status stays the same."""
    before = {c.get("type"): c for c in old}

    def cond(
        type_: str, ok: bool, reason: str | None = None, message: str | None = None
    ) -> dict[str, Any]:
        status = "True" if ok else "False"
        prior = before.get(type_)
        since = prior.get("lastTransitionTime") if prior and prior.get("status") == status else now
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
    not_init = [c.name for c in worker.init if not (c.started_once if c.sidecar else c.succeeded)]
    # Sidecars count toward readiness like app containers (they come first).
    unready = [c.name for c in worker.init if c.sidecar and not c.ready]
    unready += [c.name for c in worker.app if not c.ready]
    conditions = [
        cond("PodReadyToStartContainers", worker.sandbox_ready and not worker.torn_down),
        cond(
            "Initialized",
            not not_init,
            None if not not_init else "ContainersNotInitialized",
            None if not not_init else f"containers with incomplete status: [{' '.join(not_init)}]",
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
