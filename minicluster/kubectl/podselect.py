"""Which pods a workload stands for, and which of them kubectl picks for logs and exec.

SelectorsForObject (polymorphichelpers): Jobs, ReplicaSets, Deployments, StatefulSets,
DaemonSets and Services select pods by their selector. ByLogging (podutils) orders them:
assigned before unassigned; Running/Succeeded/Failed before Unknown before Pending; ready
before not ready; longer ready first; more restarts first; older first.
"""

from __future__ import annotations

from typing import Any

from minicluster.kubectl.printing.humanize import parse_time

_SELECTOR_KINDS = ("Job", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet",
                   "ReplicationController", "Service")


def pods_for_object(api: Any, info: Any, obj: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Pods matching a workload's selector; None when the kind has no pod selector."""
    if info.kind not in _SELECTOR_KINDS:
        return None
    spec = obj.get("spec") or {}
    namespace = (obj.get("metadata") or {}).get("namespace")
    selector = spec.get("selector")
    if info.kind in ("Service", "ReplicationController"):
        if not selector:
            return None
        selector = {"matchLabels": selector}
    if not selector:
        return []
    return api.list("Pod", namespace=namespace, label_selector=selector)


def _ready(pod: dict[str, Any]) -> tuple[bool, str | None]:
    for cond in (pod.get("status") or {}).get("conditions") or []:
        if cond.get("type") == "Ready":
            return cond.get("status") == "True", cond.get("lastTransitionTime")
    return False, None


def _max_restarts(pod: dict[str, Any]) -> int:
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    return max((int(s.get("restartCount") or 0) for s in statuses), default=0)


_PHASE_RANK = {"Running": 0, "Unknown": 1, "Pending": 2}


def _logging_key(pod: dict[str, Any]) -> tuple[Any, ...]:
    spec, status = pod.get("spec") or {}, pod.get("status") or {}
    ready, since = _ready(pod)
    ready_at = parse_time(since) if ready else None
    created = parse_time((pod.get("metadata") or {}).get("creationTimestamp"))
    return (
        0 if spec.get("nodeName") else 1,
        _PHASE_RANK.get(status.get("phase", ""), 0),
        0 if ready else 1,
        ready_at.timestamp() if ready_at else float("inf"),
        -_max_restarts(pod),
        created.timestamp() if created else float("inf"),
    )


def by_logging(pods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(pods, key=_logging_key)


def best_pod_for_logging(pods: list[dict[str, Any]]) -> dict[str, Any]:
    return by_logging(pods)[0]
