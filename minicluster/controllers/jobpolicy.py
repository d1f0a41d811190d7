"""podFailurePolicy: which rule a failed pod matches (pkg/controller/job/pod_failure_policy.go)."""

from __future__ import annotations

from typing import Any


def match(job: dict[str, Any], pod: dict[str, Any]) -> tuple[str, str | None] | None:
    """(action, FailJob message) of the first matching rule, or None when no rule matches."""
    policy = (job.get("spec") or {}).get("podFailurePolicy") or {}
    status = pod.get("status") or {}
    meta = pod.get("metadata") or {}
    where = f"{meta.get('namespace')}/{meta.get('name')}"
    for index, rule in enumerate(policy.get("rules") or []):
        action = rule.get("action", "")
        on_codes = rule.get("onExitCodes")
        if on_codes:
            values = set(on_codes.get("values") or [])
            wanted = on_codes.get("containerName")
            statuses = (status.get("initContainerStatuses") or []) + (
                status.get("containerStatuses") or []
            )
            for cs in statuses:
                term = (cs.get("state") or {}).get("terminated")
                if term is None or (wanted and cs.get("name") != wanted):
                    continue
                code = int(term.get("exitCode", 0))
                if code == 0:
                    continue
                hit = code in values if on_codes.get("operator") == "In" else code not in values
                if hit:
                    message = (
                        f"Container {cs.get('name')} for pod {where} failed with exit code "
                        f"{code} matching {action} rule at index {index}"
                    )
                    return action, message
        for pattern in rule.get("onPodConditions") or []:
            for cond in status.get("conditions") or []:
                if cond.get("type") == pattern.get("type") and cond.get("status") == pattern.get(
                    "status", "True"
                ):
                    message = (
                        f"Pod {where} has condition {cond.get('type')} matching {action} rule "
                        f"at index {index}"
                    )
                    return action, message
    return None
