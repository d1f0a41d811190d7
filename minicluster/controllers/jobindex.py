"""Indexed Jobs: one completion index per pod, `completedIndexes` as interval lists ("0-2,5")."""

from __future__ import annotations

import copy
from typing import Any

INDEX_KEY = "batch.kubernetes.io/job-completion-index"
INDEX_ENV = "JOB_COMPLETION_INDEX"


def is_indexed(job: dict[str, Any]) -> bool:
    return (job.get("spec") or {}).get("completionMode") == "Indexed"


def pod_index(pod: dict[str, Any]) -> int | None:
    meta = pod.get("metadata") or {}
    text = (meta.get("annotations") or {}).get(INDEX_KEY) or (meta.get("labels") or {}).get(
        INDEX_KEY
    )
    return int(text) if isinstance(text, str) and text.isdigit() else None


def parse_intervals(text: str | None) -> set[int]:
    out: set[int] = set()
    for part in (text or "").split(","):
        if not part:
            continue
        first, _, last = part.partition("-")
        out.update(range(int(first), int(last or first) + 1))
    return out


def format_intervals(indexes: set[int]) -> str:
    """Sorted indexes as `0-2,5`; a run of two is written `3,4` (as the controller does)."""
    parts: list[str] = []
    ordered = sorted(indexes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j == i:
            parts.append(str(ordered[i]))
        elif j == i + 1:
            parts.extend((str(ordered[i]), str(ordered[j])))
        else:
            parts.append(f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ",".join(parts)


def decorate(pod: dict[str, Any], job_name: str, index: int) -> dict[str, Any]:
    """The index annotation and label, the `<job>-<i>-` name prefix, hostname and env var."""
    pod = copy.deepcopy(pod)
    meta = pod["metadata"]
    meta.setdefault("annotations", {})[INDEX_KEY] = str(index)
    meta.setdefault("labels", {})[INDEX_KEY] = str(index)
    meta["generateName"] = f"{job_name}-{index}-"
    spec = pod.setdefault("spec", {})
    spec["hostname"] = f"{job_name}-{index}"
    ref = {"fieldRef": {"apiVersion": "v1", "fieldPath": f"metadata.annotations['{INDEX_KEY}']"}}
    for key in ("initContainers", "containers"):
        for container in spec.get(key) or []:
            env = container.setdefault("env", [])
            if not any(e.get("name") == INDEX_ENV for e in env):
                env.append({"name": INDEX_ENV, "valueFrom": ref})
    return pod
