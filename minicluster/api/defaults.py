"""Defaulting the apiserver applies when it decodes an object (pkg/apis/*/v1/defaults.go), plus
what the create strategies and admission plugins add to pods (service account, token volume,
tolerations, priority).

Registered per kind; each function mutates the object in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .clone import as_dict, as_list

Obj = dict[str, Any]
_DEFAULTERS: dict[str, Callable[[Obj], None]] = {}


def defaulter(*kinds: str) -> Callable[[Callable[[Obj], None]], Callable[[Obj], None]]:
    def register(fn: Callable[[Obj], None]) -> Callable[[Obj], None]:
        for kind in kinds:
            _DEFAULTERS[kind] = fn
        return fn

    return register


def apply_defaults(obj: Obj) -> None:
    fn = _DEFAULTERS.get(obj.get("kind", ""))
    if fn is not None:
        fn(obj)


def _dict_at(parent: Obj, key: str) -> Obj:
    """parent[key] as a mapping to fill in; a missing or null one is created."""
    value = parent.get(key)
    if value is None:
        value = parent[key] = {}
    return value if isinstance(value, dict) else {}


def _set(d: Obj, key: str, value: Any) -> None:
    if d.get(key) is None:
        d[key] = value


def image_pull_policy(image: str) -> str:
    """Always for `:latest` or untagged images, IfNotPresent otherwise (digests included)."""
    if "@" in image:
        return "IfNotPresent"
    last = image.rsplit("/", 1)[-1]
    tag = last.partition(":")[2]
    return "Always" if tag in ("", "latest") else "IfNotPresent"


def default_container(c: Obj) -> None:
    if isinstance(c.get("image"), str) and c.get("image"):
        _set(c, "imagePullPolicy", image_pull_policy(c["image"]))
    _set(c, "terminationMessagePath", "/dev/termination-log")
    _set(c, "terminationMessagePolicy", "File")
    _set(c, "resources", {})
    for port in as_list(c.get("ports")):
        if isinstance(port, dict):
            _set(port, "protocol", "TCP")
    for env in as_list(c.get("env")):
        ref = as_dict(env.get("valueFrom")).get("fieldRef") if isinstance(env, dict) else None
        if isinstance(ref, dict):
            _set(ref, "apiVersion", "v1")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        p = c.get(probe)
        if isinstance(p, dict):
            _set(p, "timeoutSeconds", 1)
            _set(p, "periodSeconds", 10)
            _set(p, "successThreshold", 1)
            _set(p, "failureThreshold", 3)
            handler = p.get("httpGet")
            if isinstance(handler, dict):
                _set(handler, "path", "/")
                _set(handler, "scheme", "HTTP")


def default_pod_spec(spec: Obj) -> None:
    _set(spec, "restartPolicy", "Always")
    _set(spec, "dnsPolicy", "ClusterFirst")
    _set(spec, "schedulerName", "default-scheduler")
    _set(spec, "securityContext", {})
    _set(spec, "terminationGracePeriodSeconds", 30)
    for key in ("initContainers", "containers"):
        for c in spec.get(key) or ():
            if isinstance(c, dict):
                default_container(c)
    for vol in as_list(spec.get("volumes")):
        if not isinstance(vol, dict):
            continue
        for source in ("configMap", "secret"):
            if isinstance(vol.get(source), dict):
                _set(vol[source], "defaultMode", 420)
        if isinstance(vol.get("projected"), dict):
            _set(vol["projected"], "defaultMode", 420)
        if set(vol) == {"name"}:
            # A volume without a source is an emptyDir (SetDefaults_Volume).
            vol["emptyDir"] = {}


def default_template(template: Any) -> None:
    if isinstance(template, dict) and isinstance(template.get("spec"), dict):
        default_pod_spec(template["spec"])


@defaulter("Pod")
def _pod(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if isinstance(spec, dict):
        default_pod_spec(spec)
        _set(spec, "enableServiceLinks", True)


@defaulter("Job")
def _job(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if not isinstance(spec, dict):
        return
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
    _set(spec, "parallelism", 1)
    _set(spec, "backoffLimit", 2147483647 if spec.get("backoffLimitPerIndex") is not None else 6)
    _set(spec, "completionMode", "NonIndexed")
    _set(spec, "suspend", False)
    _set(spec, "manualSelector", False)
    _set(spec, "podReplacementPolicy",
         "Failed" if spec.get("podFailurePolicy") is not None else "TerminatingOrFailed")
    template = spec.get("template")
    default_template(template)
    meta = _dict_at(obj, "metadata")
    if isinstance(meta, dict) and not meta.get("labels") and isinstance(template, dict):
        labels = as_dict(template.get("metadata")).get("labels")
        if labels:
            meta["labels"] = dict(labels)


@defaulter("CronJob")
def _cronjob(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if not isinstance(spec, dict):
        return
    _set(spec, "concurrencyPolicy", "Allow")
    _set(spec, "suspend", False)
    _set(spec, "successfulJobsHistoryLimit", 3)
    _set(spec, "failedJobsHistoryLimit", 1)
    job = spec.get("jobTemplate")
    if isinstance(job, dict) and isinstance(job.get("spec"), dict):
        default_template(job["spec"].get("template"))


@defaulter("Deployment")
def _deployment(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if not isinstance(spec, dict):
        return
    _set(spec, "replicas", 1)
    strategy = _dict_at(spec, "strategy")
    if isinstance(strategy, dict):
        _set(strategy, "type", "RollingUpdate")
        if strategy["type"] == "RollingUpdate":
            rolling = _dict_at(strategy, "rollingUpdate")
            _set(rolling, "maxUnavailable", "25%")
            _set(rolling, "maxSurge", "25%")
    _set(spec, "revisionHistoryLimit", 10)
    _set(spec, "progressDeadlineSeconds", 600)
    default_template(spec.get("template"))


@defaulter("ReplicaSet", "ReplicationController")
def _replicaset(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if isinstance(spec, dict):
        _set(spec, "replicas", 1)
        default_template(spec.get("template"))


@defaulter("StatefulSet")
def _statefulset(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if not isinstance(spec, dict):
        return
    _set(spec, "replicas", 1)
    _set(spec, "podManagementPolicy", "OrderedReady")
    strategy = _dict_at(spec, "updateStrategy")
    if isinstance(strategy, dict):
        _set(strategy, "type", "RollingUpdate")
        if strategy["type"] == "RollingUpdate":
            _set(strategy, "rollingUpdate", {"partition": 0})
    _set(spec, "revisionHistoryLimit", 10)
    _set(spec, "persistentVolumeClaimRetentionPolicy",
         {"whenDeleted": "Retain", "whenScaled": "Retain"})
    default_template(spec.get("template"))
    for claim in as_list(spec.get("volumeClaimTemplates")):
        if isinstance(claim, dict):
            claim.setdefault("apiVersion", "v1")
            claim.setdefault("kind", "PersistentVolumeClaim")
            _set(_dict_at(claim, "spec"), "volumeMode", "Filesystem")


@defaulter("DaemonSet")
def _daemonset(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if not isinstance(spec, dict):
        return
    strategy = _dict_at(spec, "updateStrategy")
    if isinstance(strategy, dict):
        _set(strategy, "type", "RollingUpdate")
        if strategy["type"] == "RollingUpdate":
            rolling = _dict_at(strategy, "rollingUpdate")
            _set(rolling, "maxUnavailable", 1)
            _set(rolling, "maxSurge", 0)
    _set(spec, "revisionHistoryLimit", 10)
    default_template(spec.get("template"))


@defaulter("Service")
def _service(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if not isinstance(spec, dict):
        return
    _set(spec, "type", "ClusterIP")
    _set(spec, "sessionAffinity", "None")
    if spec["type"] != "ExternalName":
        _set(spec, "internalTrafficPolicy", "Cluster")
    if spec["type"] in ("NodePort", "LoadBalancer"):
        _set(spec, "externalTrafficPolicy", "Cluster")
    for port in as_list(spec.get("ports")):
        if isinstance(port, dict):
            _set(port, "protocol", "TCP")
            _set(port, "targetPort", port.get("port"))


@defaulter("Secret")
def _secret(obj: Obj) -> None:
    _set(obj, "type", "Opaque")


@defaulter("Namespace")
def _namespace(obj: Obj) -> None:
    meta = _dict_at(obj, "metadata")
    if isinstance(meta, dict) and meta.get("name"):
        labels = meta.get("labels")
        if not isinstance(labels, dict):
            labels = meta["labels"] = {}
        labels["kubernetes.io/metadata.name"] = meta["name"]
    spec = _dict_at(obj, "spec")
    if isinstance(spec, dict):
        _set(spec, "finalizers", ["kubernetes"])


@defaulter("PersistentVolumeClaim")
def _pvc(obj: Obj) -> None:
    spec = _dict_at(obj, "spec")
    if isinstance(spec, dict):
        _set(spec, "volumeMode", "Filesystem")


@defaulter("Endpoints")
def _endpoints(obj: Obj) -> None:
    for subset in as_list(obj.get("subsets")):
        for port in (subset or {}).get("ports") or ():
            if isinstance(port, dict):
                _set(port, "protocol", "TCP")
