"""The default scheduler for the one node: checks what a pod needs (its claims, a matching
nodeSelector, free cpu/memory) and binds it, or records why it cannot (FailedScheduling)."""

from __future__ import annotations

from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, key_of
from minicluster.controllers.kubelet import NODE_NAME
from minicluster.controllers.podutil import is_deleting, is_terminal
from minicluster.controllers.quantity import parse_quantity

COMPONENT = "default-scheduler"
# Real clusters retry unschedulable pods on cluster changes and at least every 5 minutes.
UNSCHEDULABLE_RETRY_SECONDS = 300.0


def _requests(spec: dict[str, Any]) -> dict[str, float]:
    """The pod's effective requests: app containers summed, the largest init container."""
    total = {"cpu": 0.0, "memory": 0.0}
    for c in spec.get("containers") or []:
        requests = (
            (c.get("resources") or {}).get("requests")
            or (c.get("resources") or {}).get("limits")
            or {}
        )
        for name in total:
            total[name] += parse_quantity(requests.get(name, 0))
    for c in spec.get("initContainers") or []:
        requests = (c.get("resources") or {}).get("requests") or {}
        for name in total:
            total[name] = max(total[name], parse_quantity(requests.get(name, 0)))
    return total


class Scheduler(Controller):
    name = COMPONENT

    def __init__(self, manager: Any) -> None:
        super().__init__(manager)
        self._unschedulable: set[Key] = set()

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "Pod" and event_type != "DELETED":
            spec = obj.get("spec") or {}
            if spec.get("nodeName") or is_deleting(obj):
                if is_terminal(obj) and self._unschedulable:
                    self._retry_unschedulable()  # resources were freed
                return
            if spec.get("schedulerName", COMPONENT) != COMPONENT:
                return  # another scheduler's pod: it stays Pending, as in a real cluster
            key = key_of(obj)
            if key in self._unschedulable and old is not None and old.get("spec") == spec:
                return  # our own Unschedulable status write; wait for a change that helps
            self.enqueue(key)
        elif self._unschedulable and (
            (kind == "Pod" and event_type == "DELETED") or kind in ("PersistentVolumeClaim", "Node")
        ):
            self._retry_unschedulable()

    def _retry_unschedulable(self) -> None:
        for key in sorted(self._unschedulable):
            self.enqueue(key)

    def sync(self, key: Key) -> None:
        namespace, name = key
        pod = self.api.try_get("Pod", name, namespace)
        if pod is None or (pod.get("spec") or {}).get("nodeName") or is_deleting(pod):
            self._unschedulable.discard(key)
            return
        reason = self._why_not(pod)
        if reason is not None:
            self._unschedulable.add(key)
            self._mark_unschedulable(pod, reason)
            self.enqueue_after(key, UNSCHEDULABLE_RETRY_SECONDS, background=True)
            return
        self._unschedulable.discard(key)
        # The pods/binding subresource sets spec.nodeName and the PodScheduled condition.
        self.api.bind(name, namespace, NODE_NAME)
        pod = self.api.try_get("Pod", name, namespace)
        if pod is None:
            return
        self.manager.record_event(
            pod,
            "Normal",
            "Scheduled",
            msg.SCHEDULED.format(namespace=namespace, pod=name, node=NODE_NAME),
            COMPONENT,
        )

    def _why_not(self, pod: dict[str, Any]) -> str | None:
        """The FailedScheduling message, or None when the node fits."""
        spec = pod.get("spec") or {}
        namespace = pod["metadata"].get("namespace") or "default"
        for volume in spec.get("volumes") or []:
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim and self.api.try_get("PersistentVolumeClaim", claim, namespace) is None:
                return msg.UNSCHEDULABLE_CLAIM.format(claim=claim)
        node = self.api.try_get("Node", NODE_NAME, None) or {}
        labels = (node.get("metadata") or {}).get("labels") or {}
        selector = spec.get("nodeSelector") or {}
        if any(labels.get(k) != v for k, v in selector.items()):
            return msg.UNSCHEDULABLE_SELECTOR
        allocatable = (node.get("status") or {}).get("allocatable") or {}
        wanted = _requests(spec)
        if not any(wanted.values()):
            return None  # a pod that requests nothing always fits
        used = {"cpu": 0.0, "memory": 0.0}
        for other in self.api.list("Pod", field_selector=f"spec.nodeName={NODE_NAME}"):
            if not is_terminal(other):
                for name, value in _requests(other.get("spec") or {}).items():
                    used[name] += value
        short = [
            name
            for name in ("cpu", "memory")
            if name in allocatable
            and wanted[name] > 0
            and used[name] + wanted[name] > parse_quantity(allocatable[name])
        ]
        if short:
            return msg.UNSCHEDULABLE_RESOURCES.format(
                reasons=", ".join(f"1 Insufficient {name}" for name in short)
            )
        return None

    def _mark_unschedulable(self, pod: dict[str, Any], message: str) -> None:
        status = dict(pod.get("status") or {})
        conditions = [c for c in status.get("conditions") or [] if c.get("type") != "PodScheduled"]
        previous = next(
            (c for c in status.get("conditions") or [] if c.get("type") == "PodScheduled"), None
        )
        since = self.clock.timestamp()
        if previous is not None and previous.get("status") == "False":
            since = previous.get("lastTransitionTime") or since
        conditions.append(
            {
                "lastProbeTime": None,
                "lastTransitionTime": since,
                "message": message,
                "reason": "Unschedulable",
                "status": "False",
                "type": "PodScheduled",
            }
        )
        status["conditions"] = conditions
        status.setdefault("phase", "Pending")
        meta = pod["metadata"]
        self.api.update_status(
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": meta["name"], "namespace": meta.get("namespace")},
                "status": status,
            }
        )
        self.manager.record_event(pod, "Warning", "FailedScheduling", message, COMPONENT)
