"""A minimal StatefulSet controller: ordinal pods `<name>-0..n-1` created in order (each waits
for the previous one to be Running and Ready under OrderedReady), claims from
volumeClaimTemplates, stable hostnames under the governing Service, scale-down from the top.
"""

from __future__ import annotations

import copy
from typing import Any

from minicluster.controllers import messages as msg
from minicluster.controllers.base import Controller, Key, controller_owner, key_of
from minicluster.controllers.owned import owned_pods, pod_from_template
from minicluster.controllers.podutil import is_deleting, is_ready, is_terminal, phase
from minicluster.controllers.templatehash import pod_template_hash
from minicluster.core.errors import MiniclusterError

COMPONENT = "statefulset-controller"


class StatefulSetController(Controller):
    name = COMPONENT

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "StatefulSet" and event_type != "DELETED":
            self.enqueue(key_of(obj))
        elif kind == "Pod":
            ref = controller_owner(obj, "StatefulSet")
            if ref is not None:
                self.enqueue(((obj.get("metadata") or {}).get("namespace") or "", ref["name"]))

    def sync(self, key: Key) -> None:
        namespace, name = key
        sts = self.api.try_get("StatefulSet", name, namespace)
        if sts is None or sts["metadata"].get("deletionTimestamp"):
            return
        spec = sts.get("spec") or {}
        replicas = int(spec.get("replicas", 1))
        parallel = spec.get("podManagementPolicy") == "Parallel"
        revision = f"{name}-{pod_template_hash(spec.get('template') or {})}"
        pods = {p["metadata"]["name"]: p for p in owned_pods(self.api, sts)}
        for ordinal in range(replicas):
            pod_name = f"{name}-{ordinal}"
            pod = pods.get(pod_name)
            if pod is not None and is_terminal(pod) and not is_deleting(pod):
                # A finished pod of a StatefulSet is replaced under the same name.
                self._delete(sts, pod_name, namespace)
                if not parallel:
                    break
                continue
            if pod is None:
                self._create(sts, ordinal, revision)
                if not parallel:
                    break
                continue
            if not parallel and not (phase(pod) == "Running" and is_ready(pod)):
                break
        scaled_down = False
        for pod_name, pod in sorted(pods.items(), key=lambda kv: -_ordinal(kv[0], name)):
            if _ordinal(pod_name, name) >= replicas and not is_deleting(pod):
                self._delete(sts, pod_name, namespace)
                scaled_down = True
                if not parallel:
                    break
        if not scaled_down:
            self._roll(sts, pods, replicas, revision)
        self._write_status(sts, revision)

    def _roll(
        self, sts: dict[str, Any], pods: dict[str, dict[str, Any]], replicas: int, revision: str
    ) -> None:
        """RollingUpdate: replace the highest-ordinal pod of an older revision, one at a time,
        once every pod is Running and Ready."""
        strategy = ((sts.get("spec") or {}).get("updateStrategy") or {}).get("type")
        if strategy == "OnDelete":
            return
        name = sts["metadata"]["name"]
        current = [pods.get(f"{name}-{i}") for i in range(replicas)]
        if any(p is None or is_deleting(p) or not is_ready(p) for p in current):
            return
        for pod in reversed(current):
            assert pod is not None
            if (pod["metadata"].get("labels") or {}).get("controller-revision-hash") != revision:
                self._delete(sts, pod["metadata"]["name"], pod["metadata"].get("namespace"))
                return

    def _create(self, sts: dict[str, Any], ordinal: int, revision: str) -> None:
        meta = sts["metadata"]
        namespace = meta.get("namespace") or "default"
        spec = sts.get("spec") or {}
        pod_name = f"{meta['name']}-{ordinal}"
        template = copy.deepcopy(spec.get("template") or {})
        pod = pod_from_template(
            sts,
            template,
            name=pod_name,
            extra_labels={
                "apps.kubernetes.io/pod-index": str(ordinal),
                "controller-revision-hash": revision,
                "statefulset.kubernetes.io/pod-name": pod_name,
            },
        )
        pod["spec"]["hostname"] = pod_name
        if spec.get("serviceName"):
            pod["spec"]["subdomain"] = spec["serviceName"]
        volumes = pod["spec"].setdefault("volumes", [])
        for claim_template in spec.get("volumeClaimTemplates") or ():
            claim = claim_template["metadata"]["name"]
            claim_name = f"{claim}-{pod_name}"
            if self.api.try_get("PersistentVolumeClaim", claim_name, namespace) is None:
                pvc = {
                    "apiVersion": "v1",
                    "kind": "PersistentVolumeClaim",
                    "metadata": {
                        "name": claim_name,
                        "namespace": namespace,
                        "labels": dict((template.get("metadata") or {}).get("labels") or {}),
                    },
                    "spec": copy.deepcopy(claim_template.get("spec") or {}),
                }
                try:
                    self.api.create(pvc, namespace=namespace)
                    self.event(
                        sts,
                        "Normal",
                        "SuccessfulCreate",
                        msg.STS_CREATE_CLAIM.format(
                            claim=claim_name, pod=pod_name, sts=meta["name"]
                        ),
                    )
                except MiniclusterError as err:
                    self.event(sts, "Warning", "FailedCreate", str(err))
                    return
            volumes[:] = [v for v in volumes if v.get("name") != claim]
            volumes.append({"name": claim, "persistentVolumeClaim": {"claimName": claim_name}})
        try:
            self.api.create(pod, namespace=namespace)
        except MiniclusterError as err:
            self.event(sts, "Warning", "FailedCreate", str(err))
            return
        self.event(
            sts,
            "Normal",
            "SuccessfulCreate",
            msg.STS_CREATE_POD.format(pod=pod_name, sts=meta["name"]),
        )

    def _delete(self, sts: dict[str, Any], pod_name: str, namespace: str) -> None:
        try:
            self.api.delete("Pod", pod_name, namespace)
        except MiniclusterError:
            return
        self.event(
            sts,
            "Normal",
            "SuccessfulDelete",
            msg.STS_DELETE_POD.format(pod=pod_name, sts=sts["metadata"]["name"]),
        )

    def _write_status(self, sts: dict[str, Any], revision: str) -> None:
        sts = (
            self.api.try_get(
                "StatefulSet", sts["metadata"]["name"], sts["metadata"].get("namespace")
            )
            or sts
        )
        pods = [p for p in owned_pods(self.api, sts) if not is_deleting(p) and not is_terminal(p)]
        ready = sum(1 for p in pods if is_ready(p))
        status: dict[str, Any] = {
            "availableReplicas": ready,
            "collisionCount": 0,
            "currentReplicas": len(pods),
            "currentRevision": revision,
            "observedGeneration": sts["metadata"].get("generation", 1),
            "readyReplicas": ready,
            "replicas": len(pods),
            "updateRevision": revision,
            "updatedReplicas": len(pods),
        }
        for field in ("currentReplicas", "readyReplicas", "updatedReplicas"):
            if not status[field]:
                del status[field]
        if status != (sts.get("status") or {}):
            sts["status"] = status
            self.api.update_status(sts)


def _ordinal(pod_name: str, sts_name: str) -> int:
    suffix = pod_name[len(sts_name) + 1 :]
    return int(suffix) if suffix.isdigit() else -1
