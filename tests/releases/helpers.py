"""Chart snippets and cluster helpers shared by the release tests."""

from __future__ import annotations

from minicluster.cluster import Cluster
from minicluster.core.clock import VirtualClock
from minicluster.runtime.scripted import ScriptedRuntime


def make_cluster(helm_version: int = 4, cwd: str | None = None) -> Cluster:
    # Cluster builds its own clock; the scripted runtime is re-pointed at it before any
    # container starts (the lead may add a runtime factory to Cluster instead).
    runtime = ScriptedRuntime(VirtualClock())
    cluster = Cluster(seed=0, helm_version=helm_version, runtime=runtime, cwd=cwd)
    runtime.clock = cluster.clock
    return cluster


def hook_job(name: str, events: str, *, weight: str | None = None, policy: str | None = None,
             script: str = "echo ok", backoff: int = 0, extra_annotations: str = "") -> str:
    notes = [f'    "helm.sh/hook": {events}']
    if weight is not None:
        notes.append(f'    "helm.sh/hook-weight": "{weight}"')
    if policy is not None:
        notes.append(f'    "helm.sh/hook-delete-policy": {policy}')
    if extra_annotations:
        notes.append(extra_annotations)
    annotations = "\n".join(notes)
    return (f"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n  annotations:\n"
            f"{annotations}\nspec:\n  backoffLimit: {backoff}\n  template:\n    spec:\n"
            f"      restartPolicy: Never\n      containers:\n      - name: main\n"
            f"        image: busybox\n        command: [\"sh\", \"-c\", \"{script}\"]\n")


def config_map(name: str, extra_meta: str = "") -> str:
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{extra_meta}data:\n  k: v\n"


def names(cluster: Cluster, kind: str, namespace: str = "default") -> list[str]:
    return sorted(o["metadata"]["name"] for o in cluster.api.list(kind, namespace=namespace))
