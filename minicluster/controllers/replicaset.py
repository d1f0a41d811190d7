"""The ReplicaSet controller: keeps spec.replicas active pods (pkg/controller/replicaset)."""

from __future__ import annotations

from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, controller_owner, key_of
from minicluster.controllers.owned import owned_pods, pod_from_template
from minicluster.controllers.podutil import is_active, is_ready, matches_selector, phase
from minicluster.core.errors import MiniclusterError


def scale_down_order(pods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pods deleted first: unassigned, then pending, then not ready, then the newest."""

    def rank(pod: dict[str, Any]) -> tuple[int, int, int]:
        assigned = 1 if (pod.get("spec") or {}).get("nodeName") else 0
        by_phase = {"Pending": 0, "Unknown": 1, "Running": 2}.get(phase(pod), 2)
        return (assigned, by_phase, 1 if is_ready(pod) else 0)

    def created(pod: dict[str, Any]) -> str:
        return (pod.get("metadata") or {}).get("creationTimestamp") or ""

    newest_first = sorted(pods, key=created, reverse=True)
    return sorted(newest_first, key=rank)


class ReplicaSetController(Controller):
    name = "replicaset-controller"

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "ReplicaSet" and event_type != "DELETED":
            self.enqueue(key_of(obj))
        elif kind == "Pod":
            ref = controller_owner(obj, "ReplicaSet")
            if ref is not None:
                self.enqueue(((obj.get("metadata") or {}).get("namespace") or "", ref["name"]))

    def sync(self, key: Key) -> None:
        namespace, name = key
        rs = self.api.try_get("ReplicaSet", name, namespace)
        if rs is None or (rs.get("metadata") or {}).get("deletionTimestamp"):
            return
        spec = rs.get("spec") or {}
        wanted = int(spec.get("replicas", 1))
        pods = [p for p in owned_pods(self.api, rs) if is_active(p)]
        if len(pods) < wanted:
            template = spec.get("template") or {}
            for _ in range(wanted - len(pods)):
                try:
                    pod = self.api.create(pod_from_template(rs, template), namespace=namespace)
                except MiniclusterError as err:
                    self.event(rs, "Warning", "FailedCreate", msg.ERROR_CREATING.format(error=err))
                    break
                self.event(
                    rs,
                    "Normal",
                    "SuccessfulCreate",
                    msg.CREATED_POD.format(pod=pod["metadata"]["name"]),
                )
                pods.append(pod)
        elif len(pods) > wanted:
            doomed = scale_down_order(pods)[: len(pods) - wanted]
            for pod in doomed:
                try:
                    self.api.delete("Pod", pod["metadata"]["name"], namespace)
                except MiniclusterError:
                    continue
                self.event(
                    rs,
                    "Normal",
                    "SuccessfulDelete",
                    msg.DELETED_POD.format(pod=pod["metadata"]["name"]),
                )
            gone = {p["metadata"]["name"] for p in doomed}
            pods = [p for p in pods if p["metadata"]["name"] not in gone]
        self._write_status(rs, pods)

    def _write_status(self, rs: dict[str, Any], pods: list[dict[str, Any]]) -> None:
        template_labels = ((rs.get("spec") or {}).get("template") or {}).get("metadata", {}).get(
            "labels"
        ) or {}
        ready = sum(1 for p in pods if is_ready(p))
        labeled = sum(
            1
            for p in pods
            if matches_selector(
                (p.get("metadata") or {}).get("labels"), {"matchLabels": template_labels}
            )
        )
        status: dict[str, Any] = {
            "replicas": len(pods),
            "fullyLabeledReplicas": labeled,
            "readyReplicas": ready,
            "availableReplicas": ready,
            "observedGeneration": (rs.get("metadata") or {}).get("generation", 1),
        }
        for field in ("fullyLabeledReplicas", "readyReplicas", "availableReplicas"):
            if not status[field]:
                del status[field]
        if status != (rs.get("status") or {}):
            rs["status"] = status
            self.api.update_status(rs)
