"""The fields each built-in type declares, for strict decoding (`fieldValidation=Strict`, the
default of `kubectl apply/create` since 1.27): an unknown field is refused with
`strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"`.

A type maps field names to the type of their value; `None` means the value is not checked
further (open maps, status, the many volume sources).
"""

from __future__ import annotations

from typing import Any

OPEN = None


def _names(text: str, of: Any = OPEN) -> dict[str, Any]:
    return dict.fromkeys(text.split(), of)


OWNER_REFERENCE = _names("apiVersion kind name uid controller blockOwnerDeletion")
OBJECT_META = _names(
    "name generateName namespace selfLink uid resourceVersion generation creationTimestamp "
    "deletionTimestamp deletionGracePeriodSeconds labels annotations finalizers managedFields"
) | {"ownerReferences": [OWNER_REFERENCE]}
LABEL_SELECTOR = _names("matchLabels") | {
    "matchExpressions": [_names("key operator values")]}
KEY_TO_PATH = _names("key path mode")
CONTAINER_PORT = _names("name hostPort containerPort protocol hostIP")
ENV_VAR = _names("name value valueFrom")
ENV_FROM = _names("prefix configMapRef secretRef")
VOLUME_MOUNT = _names(
    "name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr")
PROBE = _names(
    "exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds "
    "successThreshold failureThreshold terminationGracePeriodSeconds")
RESOURCES = _names("limits requests claims")
CONTAINER = _names(
    "name image command args workingDir resizePolicy restartPolicy volumeDevices lifecycle "
    "terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin "
    "stdinOnce tty"
) | {"ports": [CONTAINER_PORT], "env": [ENV_VAR], "envFrom": [ENV_FROM],
     "volumeMounts": [VOLUME_MOUNT], "resources": RESOURCES, "livenessProbe": PROBE,
     "readinessProbe": PROBE, "startupProbe": PROBE}
VOLUME = _names(
    "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi "
    "glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc "
    "azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected "
    "portworxVolume scaleIO storageos csi ephemeral image")
POD_SPEC = _names(
    "restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector "
    "serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID "
    "hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity "
    "schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates "
    "runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints "
    "setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources "
    "ephemeralContainers"
) | {"volumes": [VOLUME], "initContainers": [CONTAINER], "containers": [CONTAINER]}
POD_TEMPLATE = {"metadata": OBJECT_META, "spec": POD_SPEC}
JOB_SPEC = _names(
    "parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit "
    "backoffLimitPerIndex maxFailedIndexes manualSelector ttlSecondsAfterFinished "
    "completionMode suspend podReplacementPolicy managedBy"
) | {"selector": LABEL_SELECTOR, "template": POD_TEMPLATE}
CRONJOB_SPEC = _names(
    "schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend "
    "successfulJobsHistoryLimit failedJobsHistoryLimit"
) | {"jobTemplate": {"metadata": OBJECT_META, "spec": JOB_SPEC}}
DEPLOYMENT_SPEC = _names(
    "replicas strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds"
) | {"selector": LABEL_SELECTOR, "template": POD_TEMPLATE}
REPLICASET_SPEC = _names("replicas minReadySeconds") | {
    "selector": LABEL_SELECTOR, "template": POD_TEMPLATE}
PVC_SPEC = _names(
    "accessModes resources volumeName storageClassName volumeMode dataSource dataSourceRef "
    "volumeAttributesClassName") | {"selector": LABEL_SELECTOR}
STATEFULSET_SPEC = _names(
    "replicas serviceName podManagementPolicy updateStrategy revisionHistoryLimit "
    "minReadySeconds persistentVolumeClaimRetentionPolicy ordinals"
) | {"selector": LABEL_SELECTOR, "template": POD_TEMPLATE,
     "volumeClaimTemplates": [{"apiVersion": OPEN, "kind": OPEN, "metadata": OBJECT_META,
                               "spec": PVC_SPEC, "status": OPEN}]}
DAEMONSET_SPEC = _names("updateStrategy minReadySeconds revisionHistoryLimit") | {
    "selector": LABEL_SELECTOR, "template": POD_TEMPLATE}
SERVICE_SPEC = _names(
    "selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP "
    "loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort "
    "publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy "
    "allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution"
) | {"ports": [_names("name protocol appProtocol port targetPort nodePort")]}
INGRESS_SPEC = _names("ingressClassName defaultBackend tls rules")
POLICY_RULE = _names("verbs apiGroups resources resourceNames nonResourceURLs")
SUBJECT = _names("kind apiGroup name namespace")
ROLE_REF = _names("apiGroup kind name")

_TOP = _names("apiVersion kind") | {"metadata": OBJECT_META}


def _with_spec(spec: Any) -> dict[str, Any]:
    return _TOP | {"spec": spec, "status": OPEN}


TYPES: dict[str, dict[str, Any]] = {
    "Pod": _with_spec(POD_SPEC),
    "Job": _with_spec(JOB_SPEC),
    "CronJob": _with_spec(CRONJOB_SPEC),
    "Deployment": _with_spec(DEPLOYMENT_SPEC),
    "ReplicaSet": _with_spec(REPLICASET_SPEC),
    "StatefulSet": _with_spec(STATEFULSET_SPEC),
    "DaemonSet": _with_spec(DAEMONSET_SPEC),
    "Service": _with_spec(SERVICE_SPEC),
    "PersistentVolumeClaim": _with_spec(PVC_SPEC),
    "Ingress": _with_spec(INGRESS_SPEC),
    "Namespace": _with_spec(OPEN),
    "ConfigMap": _TOP | _names("data binaryData immutable"),
    "Secret": _TOP | _names("data stringData type immutable"),
    "ServiceAccount": _TOP | _names("secrets imagePullSecrets automountServiceAccountToken"),
    "Role": _TOP | {"rules": [POLICY_RULE]},
    "ClusterRole": _TOP | {"rules": [POLICY_RULE], "aggregationRule": OPEN},
    "RoleBinding": _TOP | {"subjects": [SUBJECT], "roleRef": ROLE_REF},
    "ClusterRoleBinding": _TOP | {"subjects": [SUBJECT], "roleRef": ROLE_REF},
}


def unknown_fields(obj: dict[str, Any]) -> list[str]:
    """Paths of fields the kind's Go types do not declare, in the order a decoder meets them
    (sorted keys, as kubectl and Helm marshal maps)."""
    schema = TYPES.get(obj.get("kind", ""))
    found: list[str] = []
    if schema is not None:
        _walk(schema, obj, "", found)
    return found


def _walk(schema: Any, value: Any, path: str, found: list[str]) -> None:
    if schema is OPEN:
        return
    if isinstance(schema, list):
        if isinstance(value, list):
            for i, item in enumerate(value):
                _walk(schema[0], item, f"{path}[{i}]", found)
        return
    if not isinstance(value, dict):
        return
    for key in sorted(value):
        sub_path = f"{path}.{key}" if path else key
        if key not in schema:
            found.append(sub_path)
        else:
            _walk(schema[key], value[key], sub_path, found)
