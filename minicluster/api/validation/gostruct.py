"""Go's `%#v` of the internal `core.PodTemplateSpec`, as 1.32 prints it in the
`spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable` error.

Field order follows the internal Go types (pkg/apis/core types, metav1.ObjectMeta). Non-nil
pointers print as addresses in Go, which differ on every run; here they are stable fake
addresses. Values the kit does not model in detail (quantities, affinity...) print in the same
shape with approximate contents.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .field import go_quote

# (Go field, json field, type). Types: "string", "int", "bool", "*int64", "*int32", "*bool",
# "*string", "*T" (pointer to struct T), "[]T" (slice), "map", "labels", "time", "*time", a
# named string type ("core.RestartPolicy"), or a struct table name.
OBJECT_META = [
    ("Name", "name", "string"), ("GenerateName", "generateName", "string"),
    ("Namespace", "namespace", "string"), ("SelfLink", "selfLink", "string"),
    ("UID", "uid", "types.UID"), ("ResourceVersion", "resourceVersion", "string"),
    ("Generation", "generation", "int"), ("CreationTimestamp", "creationTimestamp", "time"),
    ("DeletionTimestamp", "deletionTimestamp", "*time"),
    ("DeletionGracePeriodSeconds", "deletionGracePeriodSeconds", "*int64"),
    ("Labels", "labels", "map[string]string"), ("Annotations", "annotations", "map[string]string"),
    ("OwnerReferences", "ownerReferences", "[]v1.OwnerReference"),
    ("Finalizers", "finalizers", "[]string"),
    ("ManagedFields", "managedFields", "[]v1.ManagedFieldsEntry"),
]
CONTAINER = [
    ("Name", "name", "string"), ("Image", "image", "string"), ("Command", "command", "[]string"),
    ("Args", "args", "[]string"), ("WorkingDir", "workingDir", "string"),
    ("Ports", "ports", "[]core.ContainerPort"), ("EnvFrom", "envFrom", "[]core.EnvFromSource"),
    ("Env", "env", "[]core.EnvVar"), ("Resources", "resources", "core.ResourceRequirements"),
    ("ResizePolicy", "resizePolicy", "[]core.ContainerResizePolicy"),
    ("RestartPolicy", "restartPolicy", "*core.ContainerRestartPolicy"),
    ("VolumeMounts", "volumeMounts", "[]core.VolumeMount"),
    ("VolumeDevices", "volumeDevices", "[]core.VolumeDevice"),
    ("LivenessProbe", "livenessProbe", "*core.Probe"),
    ("ReadinessProbe", "readinessProbe", "*core.Probe"),
    ("StartupProbe", "startupProbe", "*core.Probe"), ("Lifecycle", "lifecycle", "*core.Lifecycle"),
    ("TerminationMessagePath", "terminationMessagePath", "string"),
    ("TerminationMessagePolicy", "terminationMessagePolicy", "core.TerminationMessagePolicy"),
    ("ImagePullPolicy", "imagePullPolicy", "core.PullPolicy"),
    ("SecurityContext", "securityContext", "*core.SecurityContext"),
    ("Stdin", "stdin", "bool"), ("StdinOnce", "stdinOnce", "bool"), ("TTY", "tty", "bool"),
]
POD_SPEC = [
    ("Volumes", "volumes", "[]core.Volume"), ("InitContainers", "initContainers", "[]core.Container"),
    ("Containers", "containers", "[]core.Container"),
    ("EphemeralContainers", "ephemeralContainers", "[]core.EphemeralContainer"),
    ("RestartPolicy", "restartPolicy", "core.RestartPolicy"),
    ("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", "*int64"),
    ("ActiveDeadlineSeconds", "activeDeadlineSeconds", "*int64"),
    ("DNSPolicy", "dnsPolicy", "core.DNSPolicy"), ("NodeSelector", "nodeSelector", "map[string]string"),
    ("ServiceAccountName", "serviceAccountName", "string"),
    ("AutomountServiceAccountToken", "automountServiceAccountToken", "*bool"),
    ("NodeName", "nodeName", "string"),
    ("SecurityContext", "securityContext", "*core.PodSecurityContext"),
    ("ImagePullSecrets", "imagePullSecrets", "[]core.LocalObjectReference"),
    ("Hostname", "hostname", "string"), ("Subdomain", "subdomain", "string"),
    ("SetHostnameAsFQDN", "setHostnameAsFQDN", "*bool"), ("Affinity", "affinity", "*core.Affinity"),
    ("SchedulerName", "schedulerName", "string"), ("Tolerations", "tolerations", "[]core.Toleration"),
    ("HostAliases", "hostAliases", "[]core.HostAlias"),
    ("PriorityClassName", "priorityClassName", "string"), ("Priority", "priority", "*int32"),
    ("PreemptionPolicy", "preemptionPolicy", "*core.PreemptionPolicy"),
    ("DNSConfig", "dnsConfig", "*core.PodDNSConfig"),
    ("ReadinessGates", "readinessGates", "[]core.PodReadinessGate"),
    ("RuntimeClassName", "runtimeClassName", "*string"), ("Overhead", "overhead", "core.ResourceList"),
    ("EnableServiceLinks", "enableServiceLinks", "*bool"),
    ("TopologySpreadConstraints", "topologySpreadConstraints", "[]core.TopologySpreadConstraint"),
    ("OS", "os", "*core.PodOS"), ("SchedulingGates", "schedulingGates", "[]core.PodSchedulingGate"),
    ("ResourceClaims", "resourceClaims", "[]core.PodResourceClaim"),
    ("Resources", "resources", "*core.ResourceRequirements"),
]
STRUCTS: dict[str, list[tuple[str, str, str]]] = {
    "v1.ObjectMeta": OBJECT_META,
    "core.PodSpec": POD_SPEC,
    "core.Container": CONTAINER,
    "core.ContainerPort": [
        ("Name", "name", "string"), ("HostPort", "hostPort", "int32"),
        ("ContainerPort", "containerPort", "int32"), ("Protocol", "protocol", "core.Protocol"),
        ("HostIP", "hostIP", "string")],
    "core.EnvVar": [("Name", "name", "string"), ("Value", "value", "string"),
                    ("ValueFrom", "valueFrom", "*core.EnvVarSource")],
    "core.EnvFromSource": [("Prefix", "prefix", "string"),
                           ("ConfigMapRef", "configMapRef", "*core.ConfigMapEnvSource"),
                           ("SecretRef", "secretRef", "*core.SecretEnvSource")],
    "core.VolumeMount": [
        ("Name", "name", "string"), ("ReadOnly", "readOnly", "bool"),
        ("RecursiveReadOnly", "recursiveReadOnly", "*core.RecursiveReadOnlyMode"),
        ("MountPath", "mountPath", "string"), ("SubPath", "subPath", "string"),
        ("MountPropagation", "mountPropagation", "*core.MountPropagationMode"),
        ("SubPathExpr", "subPathExpr", "string")],
    "core.ResourceRequirements": [("Limits", "limits", "core.ResourceList"),
                                  ("Requests", "requests", "core.ResourceList"),
                                  ("Claims", "claims", "[]core.ResourceClaim")],
    "core.Toleration": [("Key", "key", "string"),
                        ("Operator", "operator", "core.TolerationOperator"),
                        ("Value", "value", "string"), ("Effect", "effect", "core.TaintEffect"),
                        ("TolerationSeconds", "tolerationSeconds", "*int64")],
    "core.LocalObjectReference": [("Name", "name", "string")],
    "core.Volume": [("Name", "name", "string"), ("VolumeSource", "", "core.VolumeSource")],
}
VOLUME_SOURCES = [
    ("HostPath", "hostPath", "HostPathVolumeSource"), ("EmptyDir", "emptyDir", "EmptyDirVolumeSource"),
    ("GCEPersistentDisk", "gcePersistentDisk", "GCEPersistentDiskVolumeSource"),
    ("AWSElasticBlockStore", "awsElasticBlockStore", "AWSElasticBlockStoreVolumeSource"),
    ("GitRepo", "gitRepo", "GitRepoVolumeSource"), ("Secret", "secret", "SecretVolumeSource"),
    ("NFS", "nfs", "NFSVolumeSource"), ("ISCSI", "iscsi", "ISCSIVolumeSource"),
    ("Glusterfs", "glusterfs", "GlusterfsVolumeSource"),
    ("PersistentVolumeClaim", "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource"),
    ("RBD", "rbd", "RBDVolumeSource"), ("Quobyte", "quobyte", "QuobyteVolumeSource"),
    ("FlexVolume", "flexVolume", "FlexVolumeSource"), ("Cinder", "cinder", "CinderVolumeSource"),
    ("CephFS", "cephfs", "CephFSVolumeSource"), ("Flocker", "flocker", "FlockerVolumeSource"),
    ("DownwardAPI", "downwardAPI", "DownwardAPIVolumeSource"), ("FC", "fc", "FCVolumeSource"),
    ("AzureFile", "azureFile", "AzureFileVolumeSource"),
    ("ConfigMap", "configMap", "ConfigMapVolumeSource"),
    ("VsphereVolume", "vsphereVolume", "VsphereVirtualDiskVolumeSource"),
    ("AzureDisk", "azureDisk", "AzureDiskVolumeSource"),
    ("PhotonPersistentDisk", "photonPersistentDisk", "PhotonPersistentDiskVolumeSource"),
    ("Projected", "projected", "ProjectedVolumeSource"),
    ("PortworxVolume", "portworxVolume", "PortworxVolumeSource"),
    ("ScaleIO", "scaleIO", "ScaleIOVolumeSource"), ("StorageOS", "storageos", "StorageOSVolumeSource"),
    ("CSI", "csi", "CSIVolumeSource"), ("Ephemeral", "ephemeral", "EphemeralVolumeSource"),
    ("Image", "image", "ImageVolumeSource"),
]
STRUCTS["core.VolumeSource"] = [(go, js, f"*core.{t}") for go, js, t in VOLUME_SOURCES]
_SCALARS = {"string", "int", "int32", "int64", "bool", "types.UID"}


class Renderer:
    def __init__(self, seed: str) -> None:
        self.seed = seed
        self.count = 0

    def address(self) -> str:
        # Go prints the pointer's address; it changes on every run of the real server.
        self.count += 1
        digest = hashlib.sha256(f"{self.seed}:{self.count}".encode()).hexdigest()
        return "0xc00" + digest[:7]

    def value(self, typ: str, value: Any) -> str:
        if typ in _SCALARS:
            return self.scalar(typ, value)
        if typ == "time":
            return "time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)"
        if typ == "*time":
            return "<nil>"
        if typ.startswith("*"):
            if value is None:
                return f"({typ})(nil)"
            return f"({typ})({self.address()})"
        if typ.startswith("[]"):
            if not isinstance(value, list):
                return f"{typ}(nil)"
            elem = typ[2:]
            if elem == "string":
                return typ + "{" + ", ".join(go_quote(str(v)) for v in value) + "}"
            return typ + "{" + ", ".join(self.struct(elem, v) for v in value) + "}"
        if typ == "map[string]string":
            if not isinstance(value, dict):
                return "map[string]string(nil)"
            items = ", ".join(f"{go_quote(k)}:{go_quote(str(v))}" for k, v in sorted(value.items()))
            return "map[string]string{" + items + "}"
        if typ == "core.ResourceList":
            if not isinstance(value, dict):
                return "core.ResourceList(nil)"
            items = ", ".join(f"{go_quote(k)}:{self.quantity(v)}" for k, v in sorted(value.items()))
            return "core.ResourceList{" + items + "}"
        if typ in STRUCTS:
            return self.struct(typ, value)
        # Named string types (core.RestartPolicy, core.Protocol...) print as quoted strings.
        return self.scalar(typ, value)

    @staticmethod
    def scalar(typ: str, value: Any) -> str:
        if typ in ("int", "int32", "int64"):
            return str(value if isinstance(value, int) else 0)
        if typ == "bool":
            return "true" if value is True else "false"
        return go_quote(value if isinstance(value, str) else "")

    @staticmethod
    def quantity(value: Any) -> str:
        return ('resource.Quantity{i:resource.int64Amount{value:0, scale:0}, '
                'd:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:' + go_quote(str(value))
                + ', Format:"DecimalSI"}')

    def struct(self, typ: str, value: Any) -> str:
        fields = STRUCTS.get(typ)
        data = value if isinstance(value, dict) else {}
        if fields is None:
            inner = ", ".join(f"{k[:1].upper()}{k[1:]}:{self.loose(v)}" for k, v in data.items())
            return f"{typ}{{{inner}}}"
        parts = []
        for go_name, json_name, field_type in fields:
            raw = data.get(json_name) if json_name else data
            parts.append(f"{go_name}:{self.value(field_type, raw)}")
        return f"{typ}{{{', '.join(parts)}}}"

    def loose(self, value: Any) -> str:
        if isinstance(value, (dict, list)):
            return f"(*{type(value).__name__})({self.address()})"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        return go_quote(str(value))


def pod_template(template: Any, seed: str = "") -> str:
    data = template if isinstance(template, dict) else {}
    renderer = Renderer(seed)
    meta = renderer.struct("v1.ObjectMeta", data.get("metadata"))
    spec = renderer.struct("core.PodSpec", data.get("spec"))
    return f"core.PodTemplateSpec{{ObjectMeta:{meta}, Spec:{spec}}}"
