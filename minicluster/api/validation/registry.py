"""Per-kind validation with the apiserver's own error texts.

`validate_create(info, obj)` and `validate_update(info, new, old)` return field errors in the
order the apiserver reports them; the server turns them into one Invalid error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minicluster.api.clone import as_dict

from . import core, names, pod, workloads
from .field import FieldError
from .meta import validate_object_meta, validate_object_meta_update

Obj = dict[str, Any]

# How each kind's name is checked (the strategy's ValidateNameFunc).
_NAME_CHECKS: dict[str, Callable[[str], list[str]]] = {
    "Namespace": names.dns1123_label,
    "Service": names.dns1035_label,
    "StatefulSet": names.dns1123_label,
}


def _path_segment(name: str) -> list[str]:
    if name in (".", ".."):
        return [f"may not be '{name}'"]
    return [f"may not contain '{c}'" for c in ("/", "%") if c in name]


for _kind in ("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"):
    _NAME_CHECKS[_kind] = _path_segment

_SPEC_CHECKS: dict[str, Callable[[Obj], list[FieldError]]] = {
    "Pod": lambda o: pod.validate_pod_spec(o.get("spec"), "spec"),
    "Job": workloads.validate_job,
    "CronJob": workloads.validate_cronjob,
    "Deployment": workloads.validate_deployment,
    "ReplicaSet": workloads.validate_replicaset,
    "StatefulSet": workloads.validate_statefulset,
    "DaemonSet": workloads.validate_daemonset,
    "ConfigMap": core.validate_configmap,
    "Secret": core.validate_secret,
    "Service": core.validate_service,
    "PersistentVolumeClaim": core.validate_pvc,
    "Ingress": core.validate_ingress,
}

_UPDATE_CHECKS: dict[str, Callable[[Obj, Obj], list[FieldError]]] = {
    "Pod": pod.validate_pod_update,
    "Job": workloads.validate_job_update,
    "Deployment": workloads.validate_selector_immutable,
    "ReplicaSet": workloads.validate_selector_immutable,
    "StatefulSet": workloads.validate_selector_immutable,
    "DaemonSet": workloads.validate_selector_immutable,
}


def name_check(kind: str) -> Callable[[str], list[str]]:
    return _NAME_CHECKS.get(kind, names.dns1123_subdomain)


def validate_create(kind: str, namespaced: bool, obj: Obj) -> list[FieldError]:
    meta = as_dict(obj.get("metadata"))
    errs = validate_object_meta(meta, namespaced, name_check(kind))
    check = _SPEC_CHECKS.get(kind)
    if check is not None:
        errs.extend(check(obj))
    return errs


def validate_update(kind: str, namespaced: bool, new: Obj, old: Obj) -> list[FieldError]:
    errs = validate_object_meta_update(new.get("metadata") or {}, old.get("metadata") or {})
    errs.extend(validate_create(kind, namespaced, new))
    check = _UPDATE_CHECKS.get(kind)
    if check is not None:
        errs.extend(check(new, old))
    return errs



