"""The default scheduler: binds every pending pod to the one node."""

from __future__ import annotations

from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, key_of
from minicluster.controllers.kubelet import NODE_NAME
from minicluster.controllers.podutil import is_deleting

COMPONENT = "default-scheduler"


class Scheduler(Controller):
    name = COMPONENT

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        if obj.get("kind") != "Pod" or event_type == "DELETED":
            return
        spec = obj.get("spec") or {}
        if spec.get("nodeName") or is_deleting(obj):
            return
        if spec.get("schedulerName", COMPONENT) != COMPONENT:
            return  # another scheduler's pod: it stays Pending, as in a real cluster
        self.enqueue(key_of(obj))

    def sync(self, key: Key) -> None:
        namespace, name = key
        pod = self.api.try_get("Pod", name, namespace)
        if pod is None or (pod.get("spec") or {}).get("nodeName") or is_deleting(pod):
            return
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
