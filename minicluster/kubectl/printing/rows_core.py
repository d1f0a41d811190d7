"""Rows of the core/v1 kinds (printers.go: printPod, printEvent, printService...)."""

from __future__ import annotations

from typing import Any

from .humanize import since
from .pod_status import pod_summary
from .table import RowContext, format_labels, table_row


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("metadata") or {}


def _age(obj: dict[str, Any], ctx: RowContext) -> str:
    return since(_meta(obj).get("creationTimestamp"), ctx.now)


@table_row("Pod", "Name", "Ready", "Status", "Restarts", "Age", ("IP", 1), ("Node", 1),
           ("Nominated Node", 1), ("Readiness Gates", 1))
def pod_row(pod: dict[str, Any], ctx: RowContext) -> list[Any]:
    ready, reason, restarts, last_restart = pod_summary(pod)
    restarts_text = str(restarts)
    if restarts and last_restart:
        restarts_text = f"{restarts} ({since(last_restart, ctx.now)} ago)"
    spec, status = pod.get("spec") or {}, pod.get("status") or {}
    ips = status.get("podIPs") or []
    ip = (ips[0].get("ip") if ips else "") or "<none>"
    gates = spec.get("readinessGates") or []
    gates_text = "<none>"
    if gates:
        conds = {c.get("type"): c.get("status") for c in status.get("conditions") or []}
        true = sum(1 for g in gates if conds.get(g.get("conditionType")) == "True")
        gates_text = f"{true}/{len(gates)}"
    return [_meta(pod).get("name", ""), ready, reason, restarts_text, _age(pod, ctx), ip,
            spec.get("nodeName") or "<none>", status.get("nominatedNodeName") or "<none>",
            gates_text]


def event_source(event: dict[str, Any]) -> str:
    source = event.get("source") or {}
    component = source.get("component") or event.get("reportingComponent") or ""
    host = source.get("host") or event.get("reportingInstance") or ""
    return f"{component}, {host}" if host else component


def event_times(event: dict[str, Any], ctx: RowContext) -> tuple[str, str, int]:
    """(LAST SEEN, FIRST SEEN, COUNT) with printEvent's fallbacks."""
    first = since(event.get("firstTimestamp"), ctx.now)
    if not event.get("firstTimestamp"):
        first = since(event.get("eventTime"), ctx.now)
    last = since(event.get("lastTimestamp"), ctx.now) if event.get("lastTimestamp") else first
    count = int(event.get("count") or 0)
    series = event.get("series")
    if series:
        last = since(series.get("lastObservedTime"), ctx.now)
        count = int(series.get("count") or 0)
    elif count == 0:
        count = 1
    return last, first, count


@table_row("Event", "Last Seen", "Type", "Reason", "Object", ("Subobject", 1), ("Source", 1),
           "Message", ("First Seen", 1), ("Count", 1), ("Name", 1), name_index=9)
def event_row(event: dict[str, Any], ctx: RowContext) -> list[Any]:
    last, first, count = event_times(event, ctx)
    involved = event.get("involvedObject") or {}
    kind = (involved.get("kind") or "").lower()
    target = f"{kind}/{involved['name']}" if involved.get("name") else kind
    return [last, event.get("type", ""), event.get("reason", ""), target,
            involved.get("fieldPath", ""), event_source(event),
            (event.get("message") or "").strip(), first, count, _meta(event).get("name", "")]


@table_row("ConfigMap", "Name", "Data", "Age")
def configmap_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    count = len(obj.get("data") or {}) + len(obj.get("binaryData") or {})
    return [_meta(obj).get("name", ""), count, _age(obj, ctx)]


@table_row("Secret", "Name", "Type", "Data", "Age")
def secret_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    return [_meta(obj).get("name", ""), obj.get("type", ""), len(obj.get("data") or {}),
            _age(obj, ctx)]


def _external_ip(svc: dict[str, Any], wide: bool) -> str:
    spec = svc.get("spec") or {}
    kind = spec.get("type") or "ClusterIP"
    external = spec.get("externalIPs") or []
    if kind in ("ClusterIP", "NodePort"):
        return ",".join(external) if external else "<none>"
    if kind == "LoadBalancer":
        ingress = ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
        found = sorted({i.get("ip") or i.get("hostname") for i in ingress
                        if i.get("ip") or i.get("hostname")})
        lb = ",".join(found)
        if not wide and len(lb) > 16:
            lb = lb[:13] + "..."
        if external:
            return ",".join(([*lb.split(",")] if lb else []) + external)
        return lb or "<pending>"
    if kind == "ExternalName":
        return spec.get("externalName", "")
    return "<unknown>"


def service_ports(ports: list[dict[str, Any]]) -> str:
    pieces = []
    for port in ports:
        proto = port.get("protocol") or "TCP"
        if port.get("nodePort"):
            pieces.append(f"{port.get('port')}:{port['nodePort']}/{proto}")
        else:
            pieces.append(f"{port.get('port')}/{proto}")
    return ",".join(pieces)


@table_row("Service", "Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age",
           ("Selector", 1))
def service_row(svc: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec = svc.get("spec") or {}
    ips = spec.get("clusterIPs") or ([spec["clusterIP"]] if spec.get("clusterIP") else [])
    ports = service_ports(spec.get("ports") or []) or "<none>"
    return [_meta(svc).get("name", ""), spec.get("type") or "ClusterIP",
            ips[0] if ips else "<none>", _external_ip(svc, ctx.wide), ports, _age(svc, ctx),
            format_labels(spec.get("selector"))]


def format_endpoints(obj: dict[str, Any]) -> str:
    subsets = obj.get("subsets") or []
    if not subsets:
        return "<none>"
    shown: list[str] = []
    count, limit, more = 0, 3, False
    for subset in subsets:
        addresses = subset.get("addresses") or []
        ports = subset.get("ports") or []
        if not ports:
            count += len(addresses)
            for addr in addresses:
                if len(shown) == limit:
                    more = True
                    break
                shown.append(addr.get("ip", ""))
            continue
        for port in ports:
            count += len(addresses)
            for addr in addresses:
                if len(shown) == limit:
                    more = True
                    break
                ip = addr.get("ip", "")
                host = f"[{ip}]" if ":" in ip else ip
                shown.append(f"{host}:{port.get('port')}")
    text = ",".join(shown)
    return f"{text} + {count - limit} more..." if more else text


@table_row("Endpoints", "Name", "Endpoints", "Age")
def endpoints_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    return [_meta(obj).get("name", ""), format_endpoints(obj), _age(obj, ctx)]


@table_row("ServiceAccount", "Name", "Secrets", "Age")
def serviceaccount_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    return [_meta(obj).get("name", ""), len(obj.get("secrets") or []), _age(obj, ctx)]


@table_row("Namespace", "Name", "Status", "Age")
def namespace_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    return [_meta(obj).get("name", ""), (obj.get("status") or {}).get("phase", ""),
            _age(obj, ctx)]


def _node_roles(node: dict[str, Any]) -> str:
    roles = set()
    for key, value in (_meta(node).get("labels") or {}).items():
        if key.startswith("node-role.kubernetes.io/") and key[len("node-role.kubernetes.io/"):]:
            roles.add(key[len("node-role.kubernetes.io/"):])
        elif key == "kubernetes.io/role" and value:
            roles.add(value)
    return ",".join(sorted(roles)) or "<none>"


def _node_address(node: dict[str, Any], type_: str) -> str:
    for addr in (node.get("status") or {}).get("addresses") or []:
        if addr.get("type") == type_:
            return addr.get("address", "")
    return "<none>"


@table_row("Node", "Name", "Status", "Roles", "Age", "Version", ("Internal-IP", 1),
           ("External-IP", 1), ("OS-Image", 1), ("Kernel-Version", 1), ("Container-Runtime", 1))
def node_row(node: dict[str, Any], ctx: RowContext) -> list[Any]:
    status = node.get("status") or {}
    states = []
    for cond in status.get("conditions") or []:
        if cond.get("type") == "Ready":
            states = ["Ready" if cond.get("status") == "True" else "NotReady"]
    if not states:
        states = ["Unknown"]
    if (node.get("spec") or {}).get("unschedulable"):
        states.append("SchedulingDisabled")
    info = status.get("nodeInfo") or {}
    return [_meta(node).get("name", ""), ",".join(states), _node_roles(node), _age(node, ctx),
            info.get("kubeletVersion", ""), _node_address(node, "InternalIP"),
            _node_address(node, "ExternalIP"), info.get("osImage") or "<unknown>",
            info.get("kernelVersion") or "<unknown>",
            info.get("containerRuntimeVersion") or "<unknown>"]


_ACCESS_MODES = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
                 ("ReadWriteOncePod", "RWOP"))


def access_modes(modes: list[str]) -> str:
    return ",".join(short for long, short in _ACCESS_MODES if long in (modes or []))


@table_row("PersistentVolumeClaim", "Name", "Status", "Volume", "Capacity", "Access Modes",
           "StorageClass", "VolumeAttributesClass", "Age", ("VolumeMode", 1))
def pvc_row(pvc: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = pvc.get("spec") or {}, pvc.get("status") or {}
    phase = "Terminating" if _meta(pvc).get("deletionTimestamp") else status.get("phase", "")
    capacity = modes = ""
    if spec.get("volumeName"):
        modes = access_modes(status.get("accessModes") or [])
        capacity = str((status.get("capacity") or {}).get("storage", ""))
    storage_class = spec.get("storageClassName")
    if storage_class is None:
        storage_class = (_meta(pvc).get("annotations") or {}).get(
            "volume.beta.kubernetes.io/storage-class", "")
    return [_meta(pvc).get("name", ""), phase, spec.get("volumeName", ""), capacity, modes,
            storage_class, spec.get("volumeAttributesClassName") or "<unset>", _age(pvc, ctx),
            spec.get("volumeMode") or "<unset>"]
