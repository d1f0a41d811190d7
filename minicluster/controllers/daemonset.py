"""A minimal DaemonSet controller: one pod on the one node."""

from __future__ import annotations

from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, controller_owner, key_of
from minicluster.controllers.owned import owned_pods, pod_from_template
from minicluster.controllers.podutil import is_active, is_ready
from minicluster.controllers.templatehash import pod_template_hash
from minicluster.core.errors import MiniclusterError

COMPONENT = "daemonset-controller"


class DaemonSetController(Controller):
    name = COMPONENT

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "DaemonSet" and event_type != "DELETED":
            self.enqueue(key_of(obj))
        elif kind == "Pod":
            ref = controller_owner(obj, "DaemonSet")
            if ref is not None:
                self.enqueue(((obj.get("metadata") or {}).get("namespace") or "", ref["name"]))

    def sync(self, key: Key) -> None:
        namespace, name = key
        ds = self.api.try_get("DaemonSet", name, namespace)
        if ds is None or ds["metadata"].get("deletionTimestamp"):
            return
        template = (ds.get("spec") or {}).get("template") or {}
        revision = pod_template_hash(template)
        pods = [p for p in owned_pods(self.api, ds) if is_active(p)]
        if not pods:
            pod = pod_from_template(
                ds,
                template,
                extra_labels={
                    "controller-revision-hash": revision,
                    "pod-template-generation": str(ds["metadata"].get("generation", 1)),
                },
            )
            try:
                created = self.api.create(pod, namespace=namespace)
            except MiniclusterError as err:
                self.event(ds, "Warning", "FailedCreate", msg.ERROR_CREATING.format(error=err))
                return
            self.event(
                ds,
                "Normal",
                "SuccessfulCreate",
                msg.CREATED_POD.format(pod=created["metadata"]["name"]),
            )
            pods = [created]
        if len(pods) > 1:
            doomed = pods[1:]
        else:
            # A changed template replaces the pod (RollingUpdate with maxUnavailable 1).
            doomed = [
                p
                for p in pods
                if (p["metadata"].get("labels") or {}).get("controller-revision-hash") != revision
            ]
        for extra in doomed:
            try:
                self.api.delete("Pod", extra["metadata"]["name"], namespace)
                self.event(
                    ds,
                    "Normal",
                    "SuccessfulDelete",
                    msg.DELETED_POD.format(pod=extra["metadata"]["name"]),
                )
            except MiniclusterError:
                pass
        ready = sum(1 for p in pods[:1] if is_ready(p))
        status: dict[str, Any] = {
            "currentNumberScheduled": 1,
            "desiredNumberScheduled": 1,
            "numberAvailable": ready,
            "numberMisscheduled": 0,
            "numberReady": ready,
            "observedGeneration": ds["metadata"].get("generation", 1),
            "updatedNumberScheduled": 1,
        }
        if not ready:
            del status["numberAvailable"]
            status["numberUnavailable"] = 1
        if status != (ds.get("status") or {}):
            ds["status"] = status
            self.api.update_status(ds)
