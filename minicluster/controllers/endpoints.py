"""The Endpoints controller: each Service with a selector gets an Endpoints object listing
its pods' IPs, ready pods under `addresses`, the others under `notReadyAddresses`."""

from __future__ import annotations

import ipaddress
from typing import Any

from minicluster.controllers.base import Controller, Key, key_of
from minicluster.controllers.podutil import is_deleting, is_ready, is_terminal, matches_selector
from minicluster.core.errors import MiniclusterError

COMPONENT = "endpoint-controller"
TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time"


def _target_port(port: dict[str, Any], pod: dict[str, Any]) -> int | None:
    target = port.get("targetPort", port.get("port"))
    if isinstance(target, int) or (isinstance(target, str) and target.isdigit()):
        return int(target)
    for c in (pod.get("spec") or {}).get("containers") or ():
        for p in c.get("ports") or ():
            if p.get("name") == target:
                return int(p.get("containerPort", 0))
    return None


def _address(pod: dict[str, Any]) -> dict[str, Any]:
    meta = pod["metadata"]
    spec = pod.get("spec") or {}
    out: dict[str, Any] = {
        "ip": pod["status"]["podIP"],
        "nodeName": spec.get("nodeName"),
        "targetRef": {
            "kind": "Pod",
            "name": meta["name"],
            "namespace": meta.get("namespace"),
            "uid": meta.get("uid"),
        },
    }
    if spec.get("hostname") and spec.get("subdomain"):
        out["hostname"] = spec["hostname"]
    return out


class EndpointsController(Controller):
    name = COMPONENT

    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        kind = obj.get("kind")
        if kind == "Service":
            self.enqueue(key_of(obj))
        elif kind == "Pod":
            namespace = (obj.get("metadata") or {}).get("namespace")
            labels = [(obj.get("metadata") or {}).get("labels") or {}]
            if old is not None:
                labels.append((old.get("metadata") or {}).get("labels") or {})
            for svc in self.api.list("Service", namespace=namespace):
                selector = (svc.get("spec") or {}).get("selector")
                if selector and any(
                    matches_selector(lbl, {"matchLabels": selector}) for lbl in labels
                ):
                    self.enqueue(key_of(svc))

    def endpoint_pods(self, service: dict[str, Any]) -> list[dict[str, Any]]:
        selector = (service.get("spec") or {}).get("selector")
        namespace = service["metadata"].get("namespace")
        return [
            pod
            for pod in self.api.list(
                "Pod", namespace=namespace, label_selector={"matchLabels": selector}
            )
            if matches_selector(
                (pod.get("metadata") or {}).get("labels"), {"matchLabels": selector}
            )
            and (pod.get("status") or {}).get("podIP")
            and not is_terminal(pod)
            and not is_deleting(pod)
        ]

    def sync(self, key: Key) -> None:
        namespace, name = key
        service = self.api.try_get("Service", name, namespace)
        current = self.api.try_get("Endpoints", name, namespace)
        if service is None:
            if current is not None:
                try:
                    self.api.delete("Endpoints", name, namespace)
                except MiniclusterError:
                    pass
            return
        spec = service.get("spec") or {}
        if not spec.get("selector"):
            return  # a Service without selector has user-managed Endpoints
        publish_all = bool(spec.get("publishNotReadyAddresses"))
        pods = self.endpoint_pods(service)
        ready = [p for p in pods if publish_all or is_ready(p)]
        not_ready = [p for p in pods if p not in ready]
        subsets: list[dict[str, Any]] = []
        if pods:
            ports = []
            sample = pods[0]
            for port in spec.get("ports") or ():
                number = _target_port(port, sample)
                if number is None:
                    continue
                entry: dict[str, Any] = {"port": number, "protocol": port.get("protocol", "TCP")}
                if port.get("name"):
                    entry["name"] = port["name"]
                ports.append(entry)
            subset: dict[str, Any] = {}
            order = sorted  # addresses sort by IP, as the controller repacks subsets

            def by_ip(p: dict[str, Any]) -> Any:
                return ipaddress.ip_address(p["status"]["podIP"])

            if ready:
                subset["addresses"] = [_address(p) for p in order(ready, key=by_ip)]
            if not_ready:
                subset["notReadyAddresses"] = [_address(p) for p in order(not_ready, key=by_ip)]
            if ports:
                subset["ports"] = ports
            subsets = [subset]
        labels = dict(service["metadata"].get("labels") or {})
        if spec.get("clusterIP") == "None":
            labels["service.kubernetes.io/headless"] = ""
        if current is None:
            obj: dict[str, Any] = {
                "apiVersion": "v1",
                "kind": "Endpoints",
                "metadata": {
                    "name": name,
                    "namespace": namespace,
                    "annotations": {TRIGGER_TIME: self.clock.timestamp()},
                },
            }
            if labels:
                obj["metadata"]["labels"] = labels
            if subsets:
                obj["subsets"] = subsets
            try:
                self.api.create(obj, namespace=namespace)
            except MiniclusterError:
                pass
            return
        if (current.get("subsets") or []) == subsets and (
            current["metadata"].get("labels") or {}
        ) == labels:
            return
        current["metadata"].setdefault("annotations", {})[TRIGGER_TIME] = self.clock.timestamp()
        current["metadata"]["labels"] = labels or None
        if labels:
            current["metadata"]["labels"] = labels
        else:
            current["metadata"].pop("labels", None)
        if subsets:
            current["subsets"] = subsets
        else:
            current.pop("subsets", None)
        self.api.update(current)
