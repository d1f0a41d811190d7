"""Small facts about Pod objects that several controllers read the same way."""

from __future__ import annotations

from typing import Any

TERMINAL_PHASES = ("Succeeded", "Failed")


def phase(pod: dict[str, Any]) -> str:
    return (pod.get("status") or {}).get("phase") or "Pending"


def is_terminal(pod: dict[str, Any]) -> bool:
    return phase(pod) in TERMINAL_PHASES


def is_deleting(pod: dict[str, Any]) -> bool:
    return bool((pod.get("metadata") or {}).get("deletionTimestamp"))


def is_active(pod: dict[str, Any]) -> bool:
    """Neither finished nor being deleted (controller.FilterActivePods)."""
    return not is_terminal(pod) and not is_deleting(pod)


def condition(obj: dict[str, Any], type_: str) -> dict[str, Any] | None:
    for cond in (obj.get("status") or {}).get("conditions") or ():
        if cond.get("type") == type_:
            return cond
    return None


def condition_true(obj: dict[str, Any], type_: str) -> bool:
    cond = condition(obj, type_)
    return cond is not None and cond.get("status") == "True"


def is_ready(pod: dict[str, Any]) -> bool:
    return condition_true(pod, "Ready")


def restart_count(pod: dict[str, Any]) -> int:
    status = pod.get("status") or {}
    return sum(
        int(cs.get("restartCount") or 0)
        for cs in (status.get("initContainerStatuses") or [])
        + (status.get("containerStatuses") or [])
    )


def default_pull_policy(image: str) -> str:
    """Always for `:latest` or untagged images, else IfNotPresent (core defaulting)."""
    if "@" in image:
        return "IfNotPresent"
    last = image.rsplit("/", 1)[-1]
    if ":" not in last or last.endswith(":latest"):
        return "Always"
    return "IfNotPresent"


def qos_class(spec: dict[str, Any]) -> str:
    containers = list(spec.get("containers") or []) + list(spec.get("initContainers") or [])
    any_set = False
    guaranteed = True
    for c in containers:
        res = c.get("resources") or {}
        limits = res.get("limits") or {}
        requests = res.get("requests") or {}
        if limits or requests:
            any_set = True
        for name in ("cpu", "memory"):
            limit = limits.get(name)
            request = requests.get(name, limit)
            if limit is None or str(request) != str(limit):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def matches_selector(labels: dict[str, str] | None, selector: dict[str, Any] | None) -> bool:
    """A LabelSelector (matchLabels + matchExpressions) against a label map; empty matches all."""
    labels = labels or {}
    if not selector:
        return True
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for expr in selector.get("matchExpressions") or ():
        key, op, values = expr.get("key"), expr.get("operator"), expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def selector_string(selector: dict[str, Any] | None) -> str | None:
    """matchLabels as a `k=v,k=v` label selector string (None when it needs expressions)."""
    if not selector or selector.get("matchExpressions"):
        return None
    labels = selector.get("matchLabels") or {}
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items())) or None
