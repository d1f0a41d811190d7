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

from .quantity import error as quantity_error


@dataclass(frozen=True)
class Scalar:
    go: str  # string | int32 | int64 | bool | []uint8 | any


@dataclass(frozen=True)
class Map:
    of: Any
    go: str = "map[string]string"


@dataclass(frozen=True)
class List:
    of: Any
    go: str = ""

    @property
    def go_type(self) -> str:
        if self.go:
            return self.go
        return f"[]{self.of.go}" if isinstance(self.of, (Struct, Scalar)) else "[]interface {}"


@dataclass(frozen=True)
class Struct:
    name: str
    go: str
    fields: dict[str, Any] = field(default_factory=dict)


def S(type_name: str, /, **fields: Any) -> Struct:  # noqa: N802 - reads like the Go type
    return Struct(type_name, f"v1.{type_name}", fields)


STRING, INT32, INT64, BOOL = Scalar("string"), Scalar("int32"), Scalar("int64"), Scalar("bool")
# int-or-string and quantities: custom Go unmarshalers, left unchecked here.
ANY = Scalar("any")
STRINGS = List(STRING)
QUANTITIES = Map(Scalar("quantity"), "v1.ResourceList")

OWNER_REFERENCE = S("OwnerReference", apiVersion=STRING, kind=STRING, name=STRING, uid=STRING,
                    controller=BOOL, blockOwnerDeletion=BOOL)
OBJECT_META = S("ObjectMeta", name=STRING, generateName=STRING, namespace=STRING,
                labels=Map(STRING), annotations=Map(STRING), finalizers=STRINGS,
                ownerReferences=List(OWNER_REFERENCE), generation=INT64)
LABEL_SELECTOR = S("LabelSelector", matchLabels=Map(STRING), matchExpressions=List(
    S("LabelSelectorRequirement", key=STRING, operator=STRING, values=STRINGS)))
KEY_TO_PATH = S("KeyToPath", key=STRING, path=STRING, mode=INT32)
LOCAL_REF = S("LocalObjectReference", name=STRING)
VOLUME = S(
    "Volume", name=STRING,
    configMap=S("ConfigMapVolumeSource", name=STRING, items=List(KEY_TO_PATH),
                defaultMode=INT32, optional=BOOL),
    secret=S("SecretVolumeSource", secretName=STRING, items=List(KEY_TO_PATH),
             defaultMode=INT32, optional=BOOL),
    emptyDir=S("EmptyDirVolumeSource", medium=STRING),
    persistentVolumeClaim=S("PersistentVolumeClaimVolumeSource", claimName=STRING,
                            readOnly=BOOL),
    hostPath=S("HostPathVolumeSource", path=STRING, type=STRING),
    projected=S("ProjectedVolumeSource", defaultMode=INT32))
ENV_VAR = S("EnvVar", name=STRING, value=STRING, valueFrom=S(
    "EnvVarSource",
    fieldRef=S("ObjectFieldSelector", apiVersion=STRING, fieldPath=STRING),
    configMapKeyRef=S("ConfigMapKeySelector", name=STRING, key=STRING, optional=BOOL),
    secretKeyRef=S("SecretKeySelector", name=STRING, key=STRING, optional=BOOL)))
ENV_FROM = S("EnvFromSource", prefix=STRING,
             configMapRef=S("ConfigMapEnvSource", name=STRING, optional=BOOL),
             secretRef=S("SecretEnvSource", name=STRING, optional=BOOL))
PROBE = S("Probe", initialDelaySeconds=INT32, timeoutSeconds=INT32, periodSeconds=INT32,
          successThreshold=INT32, failureThreshold=INT32,
          exec=S("ExecAction", command=STRINGS),
          httpGet=S("HTTPGetAction", path=STRING, port=ANY, host=STRING, scheme=STRING),
          tcpSocket=S("TCPSocketAction", port=ANY, host=STRING))
CONTAINER = S(
    "Container", name=STRING, image=STRING, command=STRINGS, args=STRINGS, workingDir=STRING,
    imagePullPolicy=STRING, terminationMessagePath=STRING, terminationMessagePolicy=STRING,
    ports=List(S("ContainerPort", name=STRING, containerPort=INT32, hostPort=INT32,
                 protocol=STRING)),
    env=List(ENV_VAR), envFrom=List(ENV_FROM),
    volumeMounts=List(S("VolumeMount", name=STRING, mountPath=STRING, subPath=STRING,
                        readOnly=BOOL)),
    resources=S("ResourceRequirements", limits=QUANTITIES, requests=QUANTITIES),
    livenessProbe=PROBE, readinessProbe=PROBE, startupProbe=PROBE,
    stdin=BOOL, tty=BOOL)
POD_SPEC = S(
    "PodSpec", containers=List(CONTAINER), initContainers=List(CONTAINER), volumes=List(VOLUME),
    restartPolicy=STRING, serviceAccountName=STRING, serviceAccount=STRING, nodeName=STRING,
    terminationGracePeriodSeconds=INT64, activeDeadlineSeconds=INT64, dnsPolicy=STRING,
    schedulerName=STRING, priorityClassName=STRING, priority=INT32, preemptionPolicy=STRING,
    hostNetwork=BOOL, automountServiceAccountToken=BOOL, enableServiceLinks=BOOL,
    hostname=STRING, subdomain=STRING, nodeSelector=Map(STRING),
    imagePullSecrets=List(LOCAL_REF),
    tolerations=List(S("Toleration", key=STRING, operator=STRING, value=STRING, effect=STRING,
                       tolerationSeconds=INT64)),
    securityContext=S("PodSecurityContext", runAsUser=INT64, runAsGroup=INT64,
                      runAsNonRoot=BOOL, fsGroup=INT64))
POD_TEMPLATE = S("PodTemplateSpec", metadata=OBJECT_META, spec=POD_SPEC)
JOB_SPEC = S(
    "JobSpec", parallelism=INT32, completions=INT32, activeDeadlineSeconds=INT64,
    backoffLimit=INT32, backoffLimitPerIndex=INT32, maxFailedIndexes=INT32,
    ttlSecondsAfterFinished=INT32, suspend=BOOL, manualSelector=BOOL, completionMode=STRING,
    podReplacementPolicy=STRING, selector=LABEL_SELECTOR, template=POD_TEMPLATE,
    podFailurePolicy=S("PodFailurePolicy", rules=List(S("PodFailurePolicyRule", action=STRING))))
CRONJOB_SPEC = S(
    "CronJobSpec", schedule=STRING, timeZone=STRING, startingDeadlineSeconds=INT64,
    concurrencyPolicy=STRING, suspend=BOOL, successfulJobsHistoryLimit=INT32,
    failedJobsHistoryLimit=INT32,
    jobTemplate=S("JobTemplateSpec", metadata=OBJECT_META, spec=JOB_SPEC))
PVC_SPEC = S(
    "PersistentVolumeClaimSpec", accessModes=STRINGS, storageClassName=STRING,
    volumeMode=STRING, volumeName=STRING, selector=LABEL_SELECTOR,
    resources=S("VolumeResourceRequirements", limits=QUANTITIES, requests=QUANTITIES))
_ROLLING = S("RollingUpdateDeployment", maxUnavailable=ANY, maxSurge=ANY)


def _workload(name: str, **extra: Any) -> Struct:
    return S(name, replicas=INT32, minReadySeconds=INT32, revisionHistoryLimit=INT32,
             selector=LABEL_SELECTOR, template=POD_TEMPLATE, **extra)


SERVICE_SPEC = S(
    "ServiceSpec", selector=Map(STRING), clusterIP=STRING, clusterIPs=STRINGS, type=STRING,
    externalName=STRING, sessionAffinity=STRING, ipFamilies=STRINGS, ipFamilyPolicy=STRING,
    externalTrafficPolicy=STRING, internalTrafficPolicy=STRING, externalIPs=STRINGS,
    ports=List(S("ServicePort", name=STRING, protocol=STRING, port=INT32, nodePort=INT32,
                 targetPort=ANY, appProtocol=STRING)))
_BACKEND = S("IngressBackend", service=S(
    "IngressServiceBackend", name=STRING,
    port=S("ServiceBackendPort", name=STRING, number=INT32)))
_PATHS = List(S("HTTPIngressPath", path=STRING, pathType=STRING, backend=_BACKEND))
INGRESS_SPEC = S(
    "IngressSpec", ingressClassName=STRING,
    rules=List(S("IngressRule", host=STRING, http=S("HTTPIngressRuleValue", paths=_PATHS))),
    tls=List(S("IngressTLS", hosts=STRINGS, secretName=STRING)))
SUBJECTS = List(S("Subject", kind=STRING, apiGroup=STRING, name=STRING, namespace=STRING))
ROLE_REF = S("RoleRef", apiGroup=STRING, kind=STRING, name=STRING)
RULES = List(S("PolicyRule", verbs=STRINGS, apiGroups=STRINGS, resources=STRINGS,
               resourceNames=STRINGS, nonResourceURLs=STRINGS))

_SPECS: dict[str, dict[str, Any]] = {
    "Pod": {"spec": POD_SPEC},
    "Job": {"spec": JOB_SPEC},
    "CronJob": {"spec": CRONJOB_SPEC},
    "Deployment": {"spec": _workload(
        "DeploymentSpec", progressDeadlineSeconds=INT32, paused=BOOL,
        strategy=S("DeploymentStrategy", type=STRING, rollingUpdate=_ROLLING))},
    "ReplicaSet": {"spec": _workload("ReplicaSetSpec")},
    "StatefulSet": {"spec": _workload(
        "StatefulSetSpec", serviceName=STRING, podManagementPolicy=STRING,
        updateStrategy=S("StatefulSetUpdateStrategy", type=STRING, rollingUpdate=S(
            "RollingUpdateStatefulSetStrategy", partition=INT32, maxUnavailable=ANY)),
        persistentVolumeClaimRetentionPolicy=S(
            "StatefulSetPersistentVolumeClaimRetentionPolicy", whenDeleted=STRING,
            whenScaled=STRING),
        volumeClaimTemplates=List(S("PersistentVolumeClaim", metadata=OBJECT_META,
                                    spec=PVC_SPEC)))},
    "DaemonSet": {"spec": _workload(
        "DaemonSetSpec", updateStrategy=S("DaemonSetUpdateStrategy", type=STRING, rollingUpdate=S(
            "RollingUpdateDaemonSet", maxUnavailable=ANY, maxSurge=ANY)))},
    "Service": {"spec": SERVICE_SPEC},
    "PersistentVolumeClaim": {"spec": PVC_SPEC},
    "Namespace": {"spec": S("NamespaceSpec", finalizers=List(STRING, "[]v1.FinalizerName"))},
    "ConfigMap": {"data": Map(STRING), "binaryData": Map(Scalar("[]uint8"), "map[string][]uint8"),
                  "immutable": BOOL},
    "Secret": {"data": Map(Scalar("[]uint8"), "map[string][]uint8"),
               "stringData": Map(STRING), "type": STRING, "immutable": BOOL},
    "ServiceAccount": {"automountServiceAccountToken": BOOL,
                       "imagePullSecrets": List(LOCAL_REF),
                       "secrets": List(S("ObjectReference", name=STRING))},
    "Endpoints": {"subsets": List(S(
        "EndpointSubset",
        addresses=List(S("EndpointAddress", ip=STRING, hostname=STRING, nodeName=STRING)),
        ports=List(S("EndpointPort", name=STRING, port=INT32, protocol=STRING))))},
    "Ingress": {"spec": INGRESS_SPEC},
    "CustomResourceDefinition": {"spec": S(
        "CustomResourceDefinitionSpec", group=STRING, scope=STRING,
        names=S("CustomResourceDefinitionNames", plural=STRING, singular=STRING, kind=STRING,
                listKind=STRING, shortNames=STRINGS, categories=STRINGS),
        versions=List(S("CustomResourceDefinitionVersion", name=STRING, served=BOOL,
                        storage=BOOL, deprecated=BOOL)))},
    "Role": {"rules": RULES},
    "ClusterRole": {"rules": RULES},
    "RoleBinding": {"subjects": SUBJECTS, "roleRef": ROLE_REF},
    "ClusterRoleBinding": {"subjects": SUBJECTS, "roleRef": ROLE_REF},
    "Event": {"reason": STRING, "message": STRING, "type": STRING, "count": INT32,
              "involvedObject": S("ObjectReference", kind=STRING, namespace=STRING, name=STRING,
                                  uid=STRING, apiVersion=STRING, fieldPath=STRING),
              "source": S("EventSource", component=STRING, host=STRING)},
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
    if value is None or t.go == "any":
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
    if isinstance(t, Scalar) and t.go == "quantity":
        # resource.Quantity decodes itself; its parse error is reported without field context.
        return quantity_error(value)
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
                                           path=".".join(path), type=t.go_type)
        for item in value:
            err = _walk(t.of, item, struct, path)
            if err:
                return err
    return None
