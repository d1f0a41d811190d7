"""Validation of the core/v1 kinds besides pods (pkg/apis/core/validation)."""

from __future__ import annotations

from typing import Any

from minicluster.api import messages as m
from minicluster.api.clone import as_dict, as_list

from . import field as f
from . import names

FE = list[f.FieldError]


def _keys(data: Any, path: str) -> FE:
    errs: FE = []
    for key in sorted(data or {}):
        errs.extend(f.invalid(f"{path}[{key}]", key, msg) for msg in names.config_key(key))
    return errs


def validate_configmap(obj: dict[str, Any]) -> FE:
    errs = _keys(obj.get("data"), "data")
    errs.extend(_keys(obj.get("binaryData"), "binaryData"))
    for key in sorted(set(as_dict(obj.get("data"))) & set(as_dict(obj.get("binaryData")))):
        errs.append(f.invalid(f"data[{key}]", key, m.DUPLICATE_OF_BINARY_DATA))
    return errs


def validate_secret(obj: dict[str, Any]) -> FE:
    errs = _keys(obj.get("data"), "data")
    data = as_dict(obj.get("data"))
    required = {"kubernetes.io/tls": ("tls.crt", "tls.key"),
                "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
                "kubernetes.io/basic-auth": ()}.get(str(obj.get("type")), ())
    for key in required:
        if key not in data:
            errs.append(f.required(f"data[{key}]"))
    return errs


def validate_ingress(obj: dict[str, Any]) -> FE:
    errs: FE = []
    for i, rule in enumerate(as_list(as_dict(obj.get("spec")).get("rules"))):
        paths = as_list(as_dict(as_dict(rule).get("http")).get("paths"))
        for j, entry in enumerate(paths):
            if not isinstance(entry, dict):
                continue
            p = f"spec.rules[{i}].http.paths[{j}]"
            kind = entry.get("pathType")
            if not kind:
                errs.append(f.required(f"{p}.pathType", m.PATH_TYPE_REQUIRED))
            elif kind not in ("Exact", "ImplementationSpecific", "Prefix"):
                errs.append(f.not_supported(f"{p}.pathType", kind, m.PATH_TYPE_VALUES))
            path = entry.get("path")
            if kind in ("Exact", "Prefix") and isinstance(path, str) and not path.startswith("/"):
                errs.append(f.invalid(f"{p}.path", path, m.ABSOLUTE_PATH))
    return errs


def validate_service(obj: dict[str, Any]) -> FE:
    spec = as_dict(obj.get("spec"))
    errs: FE = []
    kind = spec.get("type") or "ClusterIP"
    if kind not in ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"):
        errs.append(f.not_supported("spec.type", kind, m.SERVICE_TYPE_VALUES))
    ports = as_list(spec.get("ports"))
    headless = spec.get("clusterIP") == "None"
    if not ports and kind != "ExternalName" and not headless:
        errs.append(f.required("spec.ports"))
    seen: set[str] = set()
    for i, port in enumerate(ports):
        if not isinstance(port, dict):
            continue
        path = f"spec.ports[{i}]"
        name = port.get("name") or ""
        if len(ports) > 1 and not name:
            errs.append(f.required(f"{path}.name"))
        elif name:
            errs.extend(f.invalid(f"{path}.name", name, msg) for msg in names.dns1123_label(name))
            if name in seen:
                errs.append(f.duplicate(f"{path}.name", name))
            seen.add(name)
        number = port.get("port")
        if not isinstance(number, int) or not 1 <= number <= 65535:
            errs.append(f.invalid(f"{path}.port", number if number is not None else 0,
                                  m.PORT_RANGE))
        protocol = port.get("protocol")
        if protocol not in (None, "TCP", "UDP", "SCTP"):
            errs.append(f.not_supported(f"{path}.protocol", protocol, m.PROTOCOL_VALUES))
        node_port = port.get("nodePort")
        if isinstance(node_port, int) and node_port and not 30000 <= node_port <= 32767:
            errs.append(f.invalid(f"{path}.nodePort", node_port, m.NODE_PORT_RANGE))
    if kind == "ExternalName" and not spec.get("externalName"):
        errs.append(f.required("spec.externalName"))
    return errs


def validate_pvc(obj: dict[str, Any]) -> FE:
    spec = as_dict(obj.get("spec"))
    errs: FE = []
    if not spec.get("accessModes"):
        errs.append(f.required("spec.accessModes", m.ACCESS_MODE_REQUIRED))
    storage = (as_dict(spec.get("resources")).get("requests") or {}).get("storage")
    if storage is None:
        errs.append(f.required("spec.resources[storage]"))
    return errs
