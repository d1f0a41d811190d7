"""The decode step: a manifest's JSON must fit the Go types before any validation runs.

A YAML `port: 8080` where a string is expected fails here with Go's encoding/json wording, e.g.
`json: cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type
string`, which the server wraps as `Job in version "v1" cannot be handled as a Job: ...`
(apiserver handlers/rest.go transformDecodeError). The schema below covers the fields learners
get wrong; fields it does not describe are accepted as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minicluster.api import messages as m


@dataclass(frozen=True)
class Scalar:
    go: str  # string | int32 | int64 | bool | []uint8


@dataclass(frozen=True)
class Map:
    of: Any
    go: str = "map[string]string"


@dataclass(frozen=True)
class List:
    of: Any
    go: str = "[]string"


@dataclass(frozen=True)
class Struct:
    name: str
    go: str
    fields: dict[str, Any] = field(default_factory=dict)


STRING, INT32, INT64, BOOL = Scalar("string"), Scalar("int32"), Scalar("int64"), Scalar("bool")
STRINGS = List(STRING)

OWNER_REFERENCE = Struct("OwnerReference", "v1.OwnerReference", {
    "apiVersion": STRING, "kind": STRING, "name": STRING, "uid": STRING,
    "controller": BOOL, "blockOwnerDeletion": BOOL})
OBJECT_META = Struct("ObjectMeta", "v1.ObjectMeta", {
    "name": STRING, "generateName": STRING, "namespace": STRING,
    "labels": Map(STRING), "annotations": Map(STRING), "finalizers": STRINGS,
    "ownerReferences": List(OWNER_REFERENCE, "[]v1.OwnerReference"), "generation": INT64})
ENV_VAR = Struct("EnvVar", "v1.EnvVar", {"name": STRING, "value": STRING})
CONTAINER_PORT = Struct("ContainerPort", "v1.ContainerPort", {
    "name": STRING, "containerPort": INT32, "hostPort": INT32, "protocol": STRING})
CONTAINER = Struct("Container", "v1.Container", {
    "name": STRING, "image": STRING, "command": STRINGS, "args": STRINGS,
    "workingDir": STRING, "imagePullPolicy": STRING,
    "env": List(ENV_VAR, "[]v1.EnvVar"),
    "ports": List(CONTAINER_PORT, "[]v1.ContainerPort")})
POD_SPEC = Struct("PodSpec", "v1.PodSpec", {
    "containers": List(CONTAINER, "[]v1.Container"),
    "initContainers": List(CONTAINER, "[]v1.Container"),
    "restartPolicy": STRING, "serviceAccountName": STRING, "nodeName": STRING,
    "terminationGracePeriodSeconds": INT64, "activeDeadlineSeconds": INT64,
    "hostNetwork": BOOL, "automountServiceAccountToken": BOOL, "nodeSelector": Map(STRING)})
POD_TEMPLATE = Struct("PodTemplateSpec", "v1.PodTemplateSpec", {
    "metadata": OBJECT_META, "spec": POD_SPEC})
JOB_SPEC = Struct("JobSpec", "v1.JobSpec", {
    "parallelism": INT32, "completions": INT32, "activeDeadlineSeconds": INT64,
    "backoffLimit": INT32, "backoffLimitPerIndex": INT32, "maxFailedIndexes": INT32,
    "ttlSecondsAfterFinished": INT32, "suspend": BOOL, "manualSelector": BOOL,
    "completionMode": STRING, "template": POD_TEMPLATE})
JOB_TEMPLATE = Struct("JobTemplateSpec", "v1.JobTemplateSpec", {
    "metadata": OBJECT_META, "spec": JOB_SPEC})
CRONJOB_SPEC = Struct("CronJobSpec", "v1.CronJobSpec", {
    "schedule": STRING, "timeZone": STRING, "startingDeadlineSeconds": INT64,
    "concurrencyPolicy": STRING, "suspend": BOOL, "jobTemplate": JOB_TEMPLATE,
    "successfulJobsHistoryLimit": INT32, "failedJobsHistoryLimit": INT32})


def _workload_spec(name: str) -> Struct:
    return Struct(name, f"v1.{name}", {
        "replicas": INT32, "minReadySeconds": INT32, "revisionHistoryLimit": INT32,
        "progressDeadlineSeconds": INT32, "serviceName": STRING, "paused": BOOL,
        "template": POD_TEMPLATE})


SERVICE_PORT = Struct("ServicePort", "v1.ServicePort", {
    "name": STRING, "protocol": STRING, "port": INT32, "nodePort": INT32})
SERVICE_SPEC = Struct("ServiceSpec", "v1.ServiceSpec", {
    "ports": List(SERVICE_PORT, "[]v1.ServicePort"), "selector": Map(STRING),
    "clusterIP": STRING, "type": STRING, "externalName": STRING})

_SPECS: dict[str, dict[str, Any]] = {
    "Pod": {"spec": POD_SPEC},
    "Job": {"spec": JOB_SPEC},
    "CronJob": {"spec": CRONJOB_SPEC},
    "Deployment": {"spec": _workload_spec("DeploymentSpec")},
    "ReplicaSet": {"spec": _workload_spec("ReplicaSetSpec")},
    "StatefulSet": {"spec": _workload_spec("StatefulSetSpec")},
    "DaemonSet": {"spec": _workload_spec("DaemonSetSpec")},
    "Service": {"spec": SERVICE_SPEC},
    "ConfigMap": {"data": Map(STRING), "binaryData": Map(Scalar("[]uint8"), "map[string][]uint8"),
                  "immutable": BOOL},
    "Secret": {"data": Map(Scalar("[]uint8"), "map[string][]uint8"),
               "stringData": Map(STRING), "type": STRING, "immutable": BOOL},
    "Event": {"reason": STRING, "message": STRING, "type": STRING, "count": INT32},
}


def schema_for(kind: str) -> Struct:
    return Struct(kind, f"v1.{kind}", {"metadata": OBJECT_META, **_SPECS.get(kind, {})})


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _number_text(value: Any) -> str:
    return format(value, "g") if isinstance(value, float) else str(value)


_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _check_scalar(t: Scalar, value: Any) -> str | None:
    """The `value` part of Go's UnmarshalTypeError, or None when the value decodes."""
    if value is None:
        return None
    kind = _json_kind(value)
    if t.go in ("string", "[]uint8"):
        return None if kind == "string" else kind
    if t.go == "bool":
        return None if kind == "bool" else kind
    if kind != "number":
        return kind
    low, high = _RANGES[t.go]
    if isinstance(value, float) and not value.is_integer():
        return "number " + _number_text(value)
    if not low <= value <= high:
        return "number " + _number_text(value)
    return None


_B64 = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def base64_error(text: str) -> str | None:
    """Go's base64.StdEncoding.Decode verdict: None, or `illegal base64 data at input byte N`
    (padding required; CR and LF ignored), quantum by quantum as encoding/base64 decodes."""
    src = text.encode()
    si, n = 0, len(src)

    def corrupt(at: int) -> str:
        return m.BASE64_CORRUPT.format(at=at)

    while True:
        j = 0
        while j < 4:
            if si == n:
                if j == 0:
                    return None
                return corrupt(si - j)
            ch = src[si]
            si += 1
            if ch in _B64:
                j += 1
                continue
            if ch in (10, 13):
                continue
            if ch != 61:  # '='
                return corrupt(si - 1)
            if j < 2:
                return corrupt(si - 1)
            if j == 2:
                while si < n and src[si] in (10, 13):
                    si += 1
                if si == n:
                    return corrupt(n)
                if src[si] != 61:
                    return corrupt(si - 1)
                si += 1
            while si < n and src[si] in (10, 13):
                si += 1
            return corrupt(si) if si < n else None


def first_decode_error(obj: dict[str, Any]) -> str | None:
    """Go's first decode error for the object, in the key order the JSON body carries (sorted,
    as kubectl and Helm marshal maps)."""
    return _walk(schema_for(obj.get("kind", "")), obj, obj.get("kind", ""), [])


def _walk(t: Any, value: Any, struct: str, path: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(t, Scalar):
        bad = _check_scalar(t, value)
        if bad is None:
            # []byte fields hold base64 text; the decoder reports the corrupt byte itself.
            return base64_error(value) if t.go == "[]uint8" else None
        # `[]uint8` fields take base64 strings; anything else is reported as the slice type.
        return m.JSON_UNMARSHAL.format(value=bad, struct=struct, path=".".join(path), type=t.go)
    if isinstance(t, Struct):
        if not isinstance(value, dict):
            return m.JSON_UNMARSHAL.format(value=_json_kind(value), struct=struct,
                                           path=".".join(path), type=t.go)
        for key in sorted(value):
            sub = t.fields.get(key)
            if sub is not None:
                err = _walk(sub, value[key], t.name, [*path, key])
                if err:
                    return err
        return None
    if isinstance(t, Map):
        if not isinstance(value, dict):
            return m.JSON_UNMARSHAL.format(value=_json_kind(value), struct=struct,
                                           path=".".join(path), type=t.go)
        for key in sorted(value):
            err = _walk(t.of, value[key], struct, path)
            if err:
                return err
        return None
    if isinstance(t, List):
        if not isinstance(value, list):
            return m.JSON_UNMARSHAL.format(value=_json_kind(value), struct=struct,
                                           path=".".join(path), type=t.go)
        for item in value:
            err = _walk(t.of, item, struct, path)
            if err:
                return err
    return None
