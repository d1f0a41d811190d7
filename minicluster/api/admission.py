"""What the create strategies and admission plugins add before validation: the Job selector
and labels, pod service account / token volume / tolerations / priority, Service IPs, Secret
stringData, initial statuses."""

from __future__ import annotations

import base64
from typing import Any

from minicluster.api.clone import as_dict, as_list
from minicluster.core.rand import SeededRandom

CONTROLLER_UID = "batch.kubernetes.io/controller-uid"
JOB_NAME = "batch.kubernetes.io/job-name"
TOKEN_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount"


def initial_status(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
    if kind == "Pod":
        return {"phase": "Pending", "qosClass": qos_class(as_dict(obj.get("spec")))}
    if kind == "Namespace":
        return {"phase": "Active"}
    if kind == "PersistentVolumeClaim":
        return {"phase": "Pending"}
    if kind == "Service":
        return {"loadBalancer": {}}
    return {}


def qos_class(spec: dict[str, Any]) -> str:
    containers = [c for c in as_list(spec.get("containers")) + as_list(spec.get("initContainers"))
                  if isinstance(c, dict)]
    resources = [c.get("resources") or {} for c in containers]
    if not any(r.get("requests") or r.get("limits") for r in resources):
        return "BestEffort"
    guaranteed = all(
        as_dict(r.get("limits")).get(res) is not None
        and as_dict(r.get("requests")).get(res, as_dict(r.get("limits")).get(res))
        == as_dict(r.get("limits")).get(res)
        for r in resources for res in ("cpu", "memory"))
    return "Guaranteed" if guaranteed else "Burstable"


def generate_job_selector(obj: dict[str, Any]) -> None:
    """Job PrepareForCreate: the controller-uid selector and the four pod template labels."""
    spec = obj.get("spec")
    if not isinstance(spec, dict) or spec.get("manualSelector"):
        return
    meta = obj["metadata"]
    uid, name = meta["uid"], meta.get("name", "")
    template = spec.get("template")
    if not isinstance(template, dict):
        template = spec["template"] = {}
    tmeta = template.get("metadata")
    if not isinstance(tmeta, dict):
        tmeta = template["metadata"] = {}
    labels = tmeta.get("labels")
    if not isinstance(labels, dict):
        labels = tmeta["labels"] = {}
    for key, value in ((CONTROLLER_UID, uid), (JOB_NAME, name), ("controller-uid", uid),
                       ("job-name", name)):
        labels.setdefault(key, value)
    selector = spec.get("selector")
    if not isinstance(selector, dict):
        selector = spec["selector"] = {}
    match = selector.get("matchLabels")
    if not isinstance(match, dict):
        match = selector["matchLabels"] = {}
    match.setdefault(CONTROLLER_UID, uid)


def _list_at(parent: dict[str, Any], key: str) -> list[Any]:
    """parent[key] as a list to append to (an explicit null becomes a new list)."""
    value = parent.get(key)
    if not isinstance(value, list):
        value = parent[key] = []
    return value


def admit_pod(obj: dict[str, Any], rand: SeededRandom) -> None:
    """The ServiceAccount, Priority and DefaultTolerationSeconds admission plugins."""
    spec = obj.get("spec")
    if not isinstance(spec, dict):
        return
    account = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    spec["serviceAccountName"] = account
    spec["serviceAccount"] = account
    if spec.get("automountServiceAccountToken") is not False and not any(
            isinstance(m, dict) and m.get("mountPath") == TOKEN_MOUNT
            for c in as_list(spec.get("containers")) if isinstance(c, dict)
            for m in as_list(c.get("volumeMounts"))):
        volume = f"kube-api-access-{rand.string(5)}"
        _list_at(spec, "volumes").append({"name": volume, "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}],
                               "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1",
                                                         "fieldPath": "metadata.namespace"},
                                            "path": "namespace"}]}},
            ]}})
        for key in ("initContainers", "containers"):
            for c in spec.get(key) or []:
                if isinstance(c, dict):
                    _list_at(c, "volumeMounts").append(
                        {"mountPath": TOKEN_MOUNT, "name": volume, "readOnly": True})
    spec.setdefault("priority", 0)
    spec.setdefault("preemptionPolicy", "PreemptLowerPriority")
    tolerations = _list_at(spec, "tolerations")
    for taint in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(isinstance(t, dict) and t.get("key") == taint for t in tolerations):
            tolerations.append({"effect": "NoExecute", "key": taint, "operator": "Exists",
                                "tolerationSeconds": 300})


def merge_string_data(obj: dict[str, Any]) -> None:
    """Secret stringData is write-only: folded into data (base64) and dropped."""
    string_data = obj.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = obj.get("data")
        if not isinstance(data, dict):
            data = obj["data"] = {}
        for key, value in string_data.items():
            data[key] = base64.b64encode(str(value).encode()).decode()


class IpAllocator:
    """Service ClusterIPs from 10.96.0.0/12 and NodePorts from 30000-32767, seeded."""

    def __init__(self, rand: SeededRandom) -> None:
        self.rand = rand
        self.ips = {"10.96.0.1", "10.96.0.10"}
        self.ports: set[int] = set()

    def cluster_ip(self) -> str:
        while True:
            ip = f"10.{96 + self.rand.randint(0, 15)}.{self.rand.randint(0, 255)}." \
                 f"{self.rand.randint(1, 254)}"
            if ip not in self.ips:
                self.ips.add(ip)
                return ip

    def node_port(self) -> int:
        while True:
            port = self.rand.randint(30000, 32767)
            if port not in self.ports:
                self.ports.add(port)
                return port

    def allocate(self, obj: dict[str, Any]) -> None:
        spec = obj.get("spec")
        if not isinstance(spec, dict):
            return
        kind = spec.get("type", "ClusterIP")
        if kind == "ExternalName":
            return
        ip = spec.get("clusterIP")
        if not ip:
            ip = spec["clusterIP"] = self.cluster_ip()
        elif ip != "None":
            self.ips.add(ip)
        spec.setdefault("clusterIPs", [ip])
        spec.setdefault("ipFamilies", ["IPv4"])
        spec.setdefault("ipFamilyPolicy", "SingleStack")
        if kind in ("NodePort", "LoadBalancer"):
            for port in as_list(spec.get("ports")):
                if isinstance(port, dict) and not port.get("nodePort"):
                    port["nodePort"] = self.node_port()
