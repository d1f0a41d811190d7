from __future__ import annotations

from typing import Any

import pytest

from minicluster.cluster import Cluster
from minicluster.runtime.scripted import ScriptedRuntime


@pytest.fixture
def cluster() -> Cluster:
    return Cluster(seed=0, runtime=ScriptedRuntime())


def events_of(
    cluster: Cluster, name: str, kind: str | None = None
) -> list[tuple[str, str, str, int]]:
    """(type, reason, message, count) of the events about one object, in recording order."""
    found = [
        e
        for e in cluster.api.list("Event")
        if e["involvedObject"]["name"] == name
        and (kind is None or e["involvedObject"]["kind"] == kind)
    ]
    return [(e["type"], e["reason"], e["message"], e["count"]) for e in found]


def seconds(cluster: Cluster, stamp: str) -> float:
    return cluster.clock.parse_timestamp(stamp)


def job_yaml(
    name: str, script: str, *, restart: str = "Never", image: str = "busybox:1.36", **spec: Any
) -> str:
    lines = [
        "apiVersion: batch/v1",
        "kind: Job",
        f"metadata: {{name: {name}}}",
        "spec:",
    ]
    lines += [f"  {k}: {v}" for k, v in spec.items()]
    lines += [
        "  template:",
        "    spec:",
        f"      restartPolicy: {restart}",
        "      containers:",
        "      - name: main",
        f"        image: {image}",
        f"        command: [sh, -c, {script!r}]",
    ]
    return "\n".join(lines) + "\n"


def pods_of(cluster: Cluster, job: str) -> list[dict[str, Any]]:
    """The Job's pods that still exist, in creation order."""
    order = [a.name for a in cluster.api.action_log if a.kind == "Pod" and a.verb == "create"]
    pods = cluster.api.list("Pod", namespace="default", label_selector=f"job-name={job}")
    return sorted(pods, key=lambda p: order.index(p["metadata"]["name"]))
