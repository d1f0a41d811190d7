"""The cluster network as containers see it: DNS names of Services, pods and StatefulSet pods
resolved to the runtime ids of the containers behind them (runtime.interface.ClusterServices)."""

from __future__ import annotations

from typing import Any

from minicluster.controllers.podutil import is_deleting, is_ready, is_terminal, matches_selector

CLUSTER_DOMAIN = "cluster.local"


class ClusterNetwork:
    def __init__(self, cluster: Any) -> None:
        self.cluster = cluster

    @property
    def _api(self) -> Any:
        return self.cluster.api

    @property
    def _kubelet(self) -> Any:
        return self.cluster.controllers.kubelet

    # -- names ----------------------------------------------------------------------------
    def _split(self, host: str, namespace: str) -> tuple[str | None, str, str] | None:
        """`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local` and the same with a pod
        hostname in front -> (pod-or-None, service, namespace)."""
        name = host.rstrip(".").lower()
        suffix = "." + CLUSTER_DOMAIN
        if name.endswith(suffix):
            name = name[: -len(suffix)]
        parts = name.split(".")
        if parts[-1] == "svc":
            parts = parts[:-1]
        if len(parts) == 1:
            return (None, parts[0], namespace)
        if len(parts) == 2:
            # `svc.ns`, or `pod.svc` in the caller's namespace (search path order: ns first).
            if self._api.try_get("Service", parts[0], parts[1]) is not None:
                return (None, parts[0], parts[1])
            return (parts[0], parts[1], namespace)
        if len(parts) == 3:
            return (parts[0], parts[1], parts[2])
        return None

    def _pods_of(self, service: dict[str, Any]) -> list[dict[str, Any]]:
        selector = (service.get("spec") or {}).get("selector")
        if not selector:
            return []
        namespace = service["metadata"].get("namespace")
        publish = (service.get("spec") or {}).get("publishNotReadyAddresses")
        return [
            pod
            for pod in self._api.list(
                "Pod", namespace=namespace, label_selector={"matchLabels": selector}
            )
            if matches_selector(
                (pod.get("metadata") or {}).get("labels"), {"matchLabels": selector}
            )
            and (publish or is_ready(pod))
            and not is_terminal(pod)
            and not is_deleting(pod)
        ]

    def _own_pod(self, hostname: str, namespace: str) -> dict[str, Any] | None:
        pod = self._api.try_get("Pod", hostname, namespace)
        if pod is None:
            pods = [
                p
                for p in self._api.list("Pod", namespace=namespace)
                if (p.get("spec") or {}).get("hostname") == hostname
            ]
            pod = pods[0] if pods else None
        if pod is None or is_terminal(pod) or not (pod.get("status") or {}).get("podIP"):
            return None
        return pod

    def _pod_by_ip(self, ip: str) -> dict[str, Any] | None:
        for pod in self._api.list("Pod"):
            if (pod.get("status") or {}).get("podIP") == ip and not is_terminal(pod):
                return pod
        return None

    def _targets(self, host: str, namespace: str) -> tuple[list[dict[str, Any]], str | None] | None:
        """The pods behind a name and the address the name itself has (cluster IP or pod IP)."""
        pod = self._pod_by_ip(host) if host.replace(".", "").isdigit() else None
        if pod is not None:
            return [pod], host
        ip = _pod_a_record(host)
        if ip is not None:
            pod = self._pod_by_ip(ip)
            return ([pod], ip) if pod is not None else None
        split = self._split(host, namespace)
        if split is None:
            return None
        pod_name, svc_name, ns = split
        service = self._api.try_get("Service", svc_name, ns)
        if service is None:
            if pod_name is None:
                # A pod's own hostname resolves through its /etc/hosts.
                own = self._own_pod(svc_name, ns)
                if own is not None:
                    return [own], (own.get("status") or {}).get("podIP")
            return None
        pods = self._pods_of(service)
        if pod_name is not None:
            pods = [
                p
                for p in pods
                if (p.get("spec") or {}).get("hostname") == pod_name
                and (p.get("spec") or {}).get("subdomain") == svc_name
            ]
            if not pods:
                return None
            return pods, (pods[0].get("status") or {}).get("podIP")
        cluster_ip = (service.get("spec") or {}).get("clusterIP")
        if cluster_ip in (None, "", "None"):
            ip = (pods[0].get("status") or {}).get("podIP") if pods else None
            return pods, ip
        return pods, cluster_ip

    # -- ClusterServices -------------------------------------------------------------------
    def resolve(self, host: str, namespace: str) -> list[str] | None:
        found = self._targets(host, namespace)
        if found is None:
            return None
        pods, _ = found
        ids: list[str] = []
        for pod in pods:
            meta = pod["metadata"]
            ids.extend(
                self._kubelet.container_ids(meta.get("namespace") or "default", meta["name"])
            )
        return ids

    def pod_ip(self, host: str, namespace: str) -> str | None:
        found = self._targets(host, namespace)
        return None if found is None else found[1]

    def kubectl(self, argv: list[str], namespace: str) -> tuple[str, str, int]:
        args = list(argv)
        if not any(a in ("-n", "--namespace") or a.startswith("--namespace=") for a in args):
            args += ["--namespace", namespace]
        result = self.cluster.kubectl(args)
        return result.stdout, result.stderr, result.exit_code


def _pod_a_record(host: str) -> str | None:
    """`10-244-0-5.<ns>.pod[.cluster.local]` -> 10.244.0.5 (pod A records)."""
    parts = host.rstrip(".").lower().split(".")
    if len(parts) >= 3 and parts[2] == "pod":
        octets = parts[0].split("-")
        if len(octets) == 4 and all(o.isdigit() for o in octets):
            return ".".join(octets)
    return None
