"""What a fresh cluster holds before anyone acts: the four system namespaces, the node, and per
namespace the `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap (which the
serviceaccount and root-ca-cert-publisher controllers add in a real cluster)."""

from __future__ import annotations

from typing import Any

NODE_NAME = "minicluster"
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
# The NamespaceLifecycle admission plugin refuses to delete these.
IMMORTAL_NAMESPACES = ("default", "kube-public", "kube-system")
ROOT_CA = (
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhtaW5pY2x1\n"
    "c3Rlci1jYUBtaW5pY2x1c3RlcjAeFw0yNjAzMDIwOTAwMDBaFw0zNjAyMjcwOTAw\n"
    "-----END CERTIFICATE-----\n"
)


def namespace(name: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def namespace_contents(name: str) -> list[dict[str, Any]]:
    return [
        {"apiVersion": "v1", "kind": "ServiceAccount",
         "metadata": {"name": "default", "namespace": name}},
        {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": {"name": "kube-root-ca.crt", "namespace": name,
                      "annotations": {"kubernetes.io/description": (
                          "Contains a CA bundle that can be used to verify the kube-apiserver "
                          "when using internal endpoints such as the internal service IP or "
                          "kubernetes.default.svc. No other usage is guaranteed across "
                          "distributions of Kubernetes clusters.")}},
         "data": {"ca.crt": ROOT_CA}},
    ]


def kubernetes_service() -> dict[str, Any]:
    return {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "kubernetes", "namespace": "default",
                     "labels": {"component": "apiserver", "provider": "kubernetes"}},
        "spec": {"clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
                 "ports": [{"name": "https", "port": 443, "protocol": "TCP",
                            "targetPort": 6443}],
                 "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack"},
    }


def node(timestamp: str) -> dict[str, Any]:
    capacity = {"cpu": "4", "ephemeral-storage": "61202244Ki", "hugepages-2Mi": "0",
                "memory": "8039920Ki", "pods": "110"}
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": NODE_NAME, "labels": {
            "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": NODE_NAME,
            "kubernetes.io/os": "linux", "node-role.kubernetes.io/control-plane": "",
        }},
        "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
        "status": {
            "addresses": [{"address": "172.18.0.2", "type": "InternalIP"},
                          {"address": NODE_NAME, "type": "Hostname"}],
            "allocatable": dict(capacity), "capacity": capacity,
            "conditions": [
                {"type": t, "status": "False", "reason": r, "message": msg,
                 "lastHeartbeatTime": timestamp, "lastTransitionTime": timestamp}
                for t, r, msg in (
                    ("MemoryPressure", "KubeletHasSufficientMemory",
                     "kubelet has sufficient memory available"),
                    ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    ("PIDPressure", "KubeletHasSufficientPID",
                     "kubelet has sufficient PID available"))
            ] + [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                  "message": "kubelet is posting ready status",
                  "lastHeartbeatTime": timestamp, "lastTransitionTime": timestamp}],
            "nodeInfo": {"architecture": "amd64", "containerRuntimeVersion": "containerd://1.7.24",
                         "kernelVersion": "6.8.0", "kubeProxyVersion": "v1.32.0",
                         "kubeletVersion": "v1.32.0", "operatingSystem": "linux",
                         "osImage": "Debian GNU/Linux 12 (bookworm)"},
        },
    }
