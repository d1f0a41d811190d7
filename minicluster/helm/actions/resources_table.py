"""The RESOURCES section of `helm status` (Helm 4 always, Helm 3 with --show-resources).

Helm asks the server for each manifest object as a table and groups them under
`==> <version>/<Kind>`, adding the pods selected by workloads as `<version>/Pod(related)`.
The tables are the ones `kubectl get` prints, so they are produced by the cluster's kubectl.
Helm ranges over a Go map here (random order); the kit sorts the groups by key instead.
"""

from __future__ import annotations

from typing import Any

from minicluster.helm.kube import KubeClient, KubeError, identity

_WORKLOADS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
              "ReplicationController")


def resources_section(cluster: Any, kube: KubeClient, manifest: str) -> str:
    kubectl = getattr(cluster, "kubectl", None)
    if kubectl is None:
        return ""
    try:
        objs = kube.build(manifest)
    except KubeError:
        return ""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    selectors: list[dict[str, str]] = []
    for obj in objs:
        live = kube.get(obj)
        if live is None:
            continue  # Helm logs "Get resource ... failed" into a discarded buffer
        kind, namespace, name = identity(obj)
        version = str(obj.get("apiVersion", "")).rpartition("/")[2]
        groups.setdefault(f"{version}/{kind}", []).append((kind, namespace, name))
        selector = ((live.get("spec") or {}).get("selector") or {})
        labels = selector.get("matchLabels") if kind in _WORKLOADS else (
            selector if kind == "Service" else None)
        if labels and labels not in selectors:
            selectors.append(labels)
            for pod in cluster.api.list("Pod", namespace=namespace, label_selector=",".join(
                    f"{k}={v}" for k, v in sorted(labels.items()))):
                groups.setdefault("v1/Pod(related)", []).append(
                    ("Pod", namespace, pod["metadata"]["name"]))
    if not groups:
        return ""
    out = []
    for key in sorted(groups):
        items = groups[key]
        kind, namespace = items[0][0], items[0][1]
        argv = ["get", kind.lower(), *[name for _, _, name in items]]
        if namespace:
            argv += ["-n", namespace]
        result = kubectl(argv)
        out.append(f"==> {key}\n{result.stdout}\n")
    return "RESOURCES:\n" + "".join(out) + "\n"
