"""Kubernetes object-name validation as `helm lint` applies it (rules/template.go)."""

from __future__ import annotations

import re

from minicluster.api import messages as k8s

_SUBDOMAIN = re.compile(k8s.DNS1123_SUBDOMAIN_FMT)
_LABEL = re.compile(k8s.DNS1123_LABEL_FMT)
_DNS1035 = re.compile(k8s.DNS1035_LABEL_FMT)

_SUBDOMAIN_KINDS = {
    "pod", "node", "secret", "endpoints", "resourcequota", "controllerrevision", "daemonset",
    "deployment", "replicaset", "statefulset", "autoscaler", "cronjob", "job", "lease",
    "endpointslice", "networkpolicy", "ingress", "podsecuritypolicy", "priorityclass",
    "podpreset", "storageclass", "volumeattachment", "csinode",
}


def _subdomain(name: str) -> list[str]:
    errs = []
    if len(name) > 253:
        errs.append(k8s.MAX_LEN.format(n=253))
    if not _SUBDOMAIN.fullmatch(name):
        errs.append(k8s.DNS1123_SUBDOMAIN_ERROR)
    return errs


def _label(name: str) -> list[str]:
    errs = []
    if len(name) > 63:
        errs.append(k8s.MAX_LEN.format(n=63))
    if not _LABEL.fullmatch(name):
        errs.append(k8s.DNS1123_LABEL_ERROR)
    return errs


def _dns1035(name: str) -> list[str]:
    errs = []
    if len(name) > 63:
        errs.append(k8s.MAX_LEN.format(n=63))
    if not _DNS1035.fullmatch(name):
        errs.append(k8s.DNS1035_LABEL_ERROR)
    return errs


def _path_segment(name: str) -> list[str]:
    if name in (".", ".."):
        return [f"may not be '{name}'"]
    errs = []
    for bad in ("/", "%"):
        if bad in name:
            errs.append(f"may not contain '{bad}'")
    return errs


def name_errors(kind: str, name: str) -> list[str]:
    k = kind.lower()
    if k == "service":
        return _dns1035(name)
    if k == "namespace":
        return _label(name)
    if k == "certificatesigningrequest":
        return []
    if k in ("role", "clusterrole", "rolebinding", "clusterrolebinding"):
        return _path_segment(name)
    return _subdomain(name)


def validate_metadata_name(kind: str, name: str) -> str | None:
    errs = [f'metadata.name: Invalid value: "{name}": {msg}' for msg in name_errors(kind, name)]
    if not errs:
        return None
    joined = errs[0] if len(errs) == 1 else "[" + ", ".join(errs) + "]"
    return f'object name does not conform to Kubernetes naming requirements: "{name}": {joined}'
