"""The Job controller's pure rules: finish times, conditions, suspension and the back-off limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.podutil import (
    condition,
    condition_true,
    is_deleting,
    phase,
    restart_count,
)


@dataclass
class BackoffRecord:
    """The pod re-creation back-off of one Job (backoffStore)."""

    failures: int = 0  # failures since the last success
    last_failure: float = 0.0


def is_finished(job: dict[str, Any]) -> bool:
    return condition_true(job, "Complete") or condition_true(job, "Failed")


def pod_finish_time(pod: dict[str, Any], clock: Any) -> float:
    """When a pod finished: its latest container finishedAt, else other hints (getFinishedTime)."""
    status = pod.get("status") or {}
    latest = None
    for cs in (status.get("containerStatuses") or []) + (status.get("initContainerStatuses") or []):
        finished = ((cs.get("state") or {}).get("terminated") or {}).get("finishedAt")
        if finished:
            t = clock.parse_timestamp(finished)
            latest = t if latest is None else max(latest, t)
    if latest is not None:
        return latest
    ready = condition(pod, "Ready")
    if ready and ready.get("status") == "False" and ready.get("lastTransitionTime"):
        return clock.parse_timestamp(ready["lastTransitionTime"])
    meta = pod.get("metadata") or {}
    if meta.get("deletionTimestamp"):
        grace = float(meta.get("deletionGracePeriodSeconds") or 0)
        return clock.parse_timestamp(meta["deletionTimestamp"]) - grace
    return clock.parse_timestamp(meta.get("creationTimestamp") or clock.timestamp())


def new_condition(type_: str, reason: str, message: str, now: str) -> dict[str, Any]:
    return {
        "lastProbeTime": now,
        "lastTransitionTime": now,
        "message": message,
        "reason": reason,
        "status": "True",
        "type": type_,
    }


def suspension(
    job: dict[str, Any], suspended: bool, stamp: str
) -> tuple[list[dict[str, Any]], tuple[str, str, str] | None]:
    """The conditions after honouring spec.suspend, and the event to record when it changed.
    A False condition is never created, only flipped (ensureJobConditionStatus)."""
    current = condition(job, "Suspended")
    conditions = list((job.get("status") or {}).get("conditions") or [])
    is_on = current is not None and current.get("status") == "True"
    if suspended and not is_on:
        new = new_condition("Suspended", "JobSuspended", msg.JOB_SUSPENDED, stamp)
        if current is None:
            conditions.append(new)
        else:
            conditions = [new if c.get("type") == "Suspended" else c for c in conditions]
        return conditions, ("Normal", "Suspended", msg.JOB_SUSPENDED)
    if not suspended and is_on:
        assert current is not None
        resumed = dict(
            current,
            status="False",
            reason="JobResumed",
            message=msg.JOB_RESUMED,
            lastProbeTime=stamp,
            lastTransitionTime=stamp,
        )
        conditions = [resumed if c.get("type") == "Suspended" else c for c in conditions]
        return conditions, ("Normal", "Resumed", msg.JOB_RESUMED)
    return conditions, None


def past_backoff_limit(spec: dict[str, Any], pods: list[dict[str, Any]], failed: int) -> bool:
    """`failed > backoffLimit`, or for OnFailure the restarts of running/pending pods."""
    backoff_limit = int(spec.get("backoffLimit", 6))
    if failed > backoff_limit:
        return True
    restart_policy = ((spec.get("template") or {}).get("spec") or {}).get("restartPolicy")
    if restart_policy != "OnFailure":
        return False
    restarts = sum(
        restart_count(p) for p in pods if phase(p) in ("Running", "Pending") and not is_deleting(p)
    )
    return restarts >= backoff_limit if backoff_limit else restarts > 0
