"""The PersistentVolume controller with a provisioner behind it: every claim gets a volume of its
own at once (Immediate binding), `pvc-<claim uid>`, deleted with the claim (reclaim Delete)."""

from __future__ import annotations

from typing import Any

from minicluster.controllers.base import Controller, Key, key_of
from minicluster.core.errors import MiniclusterError

COMPONENT = "persistentvolume-controller"
PROVISIONER = "rancher.io/local-path"


class PersistentVolumeController(Controller):
    name = COMPONENT

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        if obj.get("kind") != "PersistentVolumeClaim":
            return
        if event_type == "DELETED":
            volume = (obj.get("spec") or {}).get("volumeName")
            if volume:
                self.clock.call_soon(self._release, volume)
            return
        if ((obj.get("status") or {}).get("phase") or "Pending") == "Pending":
            self.enqueue(key_of(obj))

    def _release(self, volume: str) -> None:
        with self.api.actor(self.name):
            try:
                self.api.delete("PersistentVolume", volume, None)
            except MiniclusterError:
                pass

    def sync(self, key: Key) -> None:
        namespace, name = key
        claim = self.api.try_get("PersistentVolumeClaim", name, namespace)
        if claim is None or (claim.get("status") or {}).get("phase") == "Bound":
            return
        meta, spec = claim["metadata"], claim.get("spec") or {}
        volume = f"pvc-{meta.get('uid', '')}"
        storage = ((spec.get("resources") or {}).get("requests") or {}).get("storage", "1Gi")
        modes = spec.get("accessModes") or ["ReadWriteOnce"]
        klass = spec.get("storageClassName") or "standard"
        pv = {
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": {
                "name": volume,
                "annotations": {"pv.kubernetes.io/provisioned-by": PROVISIONER},
            },
            "spec": {
                "accessModes": list(modes),
                "capacity": {"storage": storage},
                "claimRef": {
                    "apiVersion": "v1",
                    "kind": "PersistentVolumeClaim",
                    "name": name,
                    "namespace": namespace,
                    "resourceVersion": meta.get("resourceVersion"),
                    "uid": meta.get("uid"),
                },
                "hostPath": {
                    "path": f"/var/local-path-provisioner/{volume}_{namespace}_{name}",
                    "type": "DirectoryOrCreate",
                },
                "persistentVolumeReclaimPolicy": "Delete",
                "storageClassName": klass,
                "volumeMode": spec.get("volumeMode", "Filesystem"),
            },
        }
        try:
            if self.api.try_get("PersistentVolume", volume, None) is None:
                created = self.api.create(pv)
                created["status"] = {"phase": "Bound"}
                self.api.update_status(created)
            annotations = {
                "pv.kubernetes.io/bind-completed": "yes",
                "pv.kubernetes.io/bound-by-controller": "yes",
                "volume.beta.kubernetes.io/storage-provisioner": PROVISIONER,
                "volume.kubernetes.io/storage-provisioner": PROVISIONER,
            }
            bound = self.api.patch(
                "PersistentVolumeClaim",
                name,
                namespace,
                {
                    "metadata": {"annotations": annotations},
                    "spec": {"volumeName": volume, "storageClassName": klass},
                },
            )
            bound["status"] = {
                "accessModes": list(modes),
                "capacity": {"storage": storage},
                "phase": "Bound",
            }
            self.api.update_status(bound)
        except MiniclusterError:
            return
