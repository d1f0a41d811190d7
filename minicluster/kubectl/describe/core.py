"""describe for ConfigMaps, Secrets, Services, Nodes, and the generic fallback."""

from __future__ import annotations

import base64
from typing import Any

from minicluster.kubectl.describe import describer
from minicluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    describe_events,
    events_for,
    labels_multiline,
)
from minicluster.kubectl.printing.humanize import rfc1123z, since
from minicluster.kubectl.printing.rows_core import format_endpoints
from minicluster.kubectl.printing.table import format_labels


@describer("ConfigMap")
def describe_configmap(ctx: Any, cm: dict[str, Any]) -> str:
    meta = cm.get("metadata") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, "\nData\n====\n")
    data = cm.get("data") or {}
    for key in sorted(data):
        w.write(0, f"{key}:\n----\n")
        w.write(0, f"{data[key]}\n")
        w.write(0, "\n")
    w.write(0, "\nBinaryData\n====\n")
    binary = cm.get("binaryData") or {}
    for key in sorted(binary):
        w.write(0, f"{key}: {len(base64.b64decode(binary[key]))} bytes\n")
    w.write(0, "\n")
    describe_events(w, events_for(ctx.api, cm), ctx.now())
    return w.getvalue()


@describer("Secret")
def describe_secret(ctx: Any, secret: dict[str, Any]) -> str:
    meta = secret.get("metadata") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"\nType:\t{secret.get('type', 'Opaque')}\n")
    w.write(0, "\nData\n====\n")
    data = secret.get("data") or {}
    for key in sorted(data):
        raw = base64.b64decode(data[key] or "")
        if key == "token" and secret.get("type") == "kubernetes.io/service-account-token":
            w.write(0, f"{key}:\t{raw.decode('utf-8', 'replace')}\n")
        else:
            w.write(0, f"{key}:\t{len(raw)} bytes\n")
    return w.getvalue()


def _endpoints_for_port(ctx: Any, svc: dict[str, Any], port_name: str) -> str:
    meta = svc.get("metadata") or {}
    ep = ctx.api.try_get("Endpoints", meta.get("name"), meta.get("namespace"))
    if ep is None:
        return "<none>"
    subsets = []
    for subset in ep.get("subsets") or []:
        ports = [p for p in subset.get("ports") or [] if (p.get("name") or "") == port_name]
        if ports or not subset.get("ports"):
            subsets.append({**subset, "ports": ports} if subset.get("ports") else subset)
    text = format_endpoints({"subsets": subsets})
    return text or "<none>"


@describer("Service")
def describe_service(ctx: Any, svc: dict[str, Any]) -> str:
    meta, spec = svc.get("metadata") or {}, svc.get("spec") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"Selector:\t{format_labels(spec.get('selector')) if spec.get('selector') else ''}\n")
    w.write(0, f"Type:\t{spec.get('type', 'ClusterIP')}\n")
    if spec.get("ipFamilyPolicy"):
        w.write(0, f"IP Family Policy:\t{spec['ipFamilyPolicy']}\n")
    families = spec.get("ipFamilies") or []
    w.write(0, f"IP Families:\t{','.join(families) if families else '<none>'}\n")
    w.write(0, f"IP:\t{spec.get('clusterIP', '')}\n")
    ips = spec.get("clusterIPs") or []
    w.write(0, f"IPs:\t{','.join(ips) if ips else '<none>'}\n")
    if spec.get("externalIPs"):
        w.write(0, f"External IPs:\t{','.join(spec['externalIPs'])}\n")
    if spec.get("externalName"):
        w.write(0, f"External Name:\t{spec['externalName']}\n")
    for port in spec.get("ports") or []:
        name = port.get("name") or "<unset>"
        proto = port.get("protocol", "TCP")
        w.write(0, f"Port:\t{name}\t{port.get('port')}/{proto}\n")
        target = port.get("targetPort", port.get("port"))
        w.write(0, f"TargetPort:\t{target}/{proto}\n")
        if port.get("nodePort"):
            w.write(0, f"NodePort:\t{name}\t{port['nodePort']}/{proto}\n")
        w.write(0, f"Endpoints:\t{_endpoints_for_port(ctx, svc, port.get('name') or '')}\n")
    w.write(0, f"Session Affinity:\t{spec.get('sessionAffinity', 'None')}\n")
    if spec.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{spec['externalTrafficPolicy']}\n")
    if spec.get("internalTrafficPolicy"):
        w.write(0, f"Internal Traffic Policy:\t{spec['internalTrafficPolicy']}\n")
    describe_events(w, events_for(ctx.api, svc), ctx.now())
    return w.getvalue()


@describer("Node")
def describe_node(ctx: Any, node: dict[str, Any]) -> str:
    from minicluster.kubectl.printing.rows_core import _node_roles

    meta, spec, status = node.get("metadata") or {}, node.get("spec") or {}, node.get("status") or {}
    now = ctx.now()
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Roles:\t{_node_roles(node)}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'))}\n")
    taints = spec.get("taints") or []
    w.write(0, "Taints:\t")
    if not taints:
        w.line("<none>")
    for i, taint in enumerate(taints):
        if i:
            w.write(0, "\t")
        value = f"={taint['value']}" if taint.get("value") else ""
        w.write(0, f"{taint.get('key')}{value}:{taint.get('effect')}\n")
    w.write(0, f"Unschedulable:\t{'true' if spec.get('unschedulable') else 'false'}\n")
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason"
                   "\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(1, f"{c.get('type')} \t{c.get('status')} \t"
                       f"{rfc1123z(c.get('lastHeartbeatTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t"
                       f"{c.get('message', '')}\n")
    w.write(0, "Addresses:\n")
    for addr in status.get("addresses") or []:
        w.write(1, f"{addr.get('type')}:\t{addr.get('address')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        values = status.get(key) or {}
        if values:
            w.write(0, f"{title}:\n")
            for name in sorted(values):
                w.write(0, f"  {name}:\t{values[name]}\n")
    info = status.get("nodeInfo") or {}
    w.write(0, "System Info:\n")
    for title, key in (("Machine ID", "machineID"), ("System UUID", "systemUUID"),
                       ("Boot ID", "bootID"), ("Kernel Version", "kernelVersion"),
                       ("OS Image", "osImage"), ("Operating System", "operatingSystem"),
                       ("Architecture", "architecture"),
                       ("Container Runtime Version", "containerRuntimeVersion"),
                       ("Kubelet Version", "kubeletVersion"),
                       ("Kube-Proxy Version", "kubeProxyVersion")):
        w.write(0, f"  {title}:\t{info.get(key, '')}\n")
    if spec.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{spec['podCIDR']}\n")
    if spec.get("podCIDRs"):
        w.write(0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(0, f"ProviderID:\t{spec['providerID']}\n")
    pods = [p for p in ctx.api.list("Pod", namespace=None)
            if (p.get("spec") or {}).get("nodeName") == meta.get("name")
            and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")]
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits"
               "\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------"
               "\t---\n")
    for pod in pods:
        pm = pod.get("metadata") or {}
        w.write(1, f"{pm.get('namespace')}\t{pm.get('name')}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t"
                   f"{since(pm.get('creationTimestamp'), now)}\n")
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., "
               "overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    for name in ("cpu", "memory", "ephemeral-storage"):
        w.write(1, f"{name}\t0 (0%)\t0 (0%)\n")
    describe_events(w, events_for(ctx.api, node, with_kind=False), now)
    return w.getvalue()


def _generic(w: PrefixWriter, level: int, content: dict[str, Any], skip: set[str]) -> None:
    for key in sorted(content):
        if key in skip:
            continue
        value = content[key]
        label = key[:1].upper() + key[1:]
        if isinstance(value, dict):
            w.write(level, f"{label}:\n")
            _generic(w, level + 1, value, set())
        elif isinstance(value, list):
            w.write(level, f"{label}:\n")
            for item in value:
                if isinstance(item, dict):
                    _generic(w, level + 1, item, set())
                else:
                    w.write(level + 1, f"{item}\n")
        else:
            w.write(level, f"{label}:\t{value}\n")


@describer("*")
def describe_generic(ctx: Any, obj: dict[str, Any]) -> str:
    """genericDescriber: name, namespace, labels, annotations, then the remaining fields."""
    meta = obj.get("metadata") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    _generic(w, 0, obj, {"metadata"})
    describe_events(w, events_for(ctx.api, obj), ctx.now())
    return w.getvalue()
