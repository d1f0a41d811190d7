"""Turns a Pod's env, envFrom and volumes into what the runtime takes (env dict, mounts).

Missing ConfigMaps/Secrets raise the kubelet's errors: a volume source that cannot be found is a
FailedMount (the pod stays ContainerCreating); an env reference that cannot be resolved is a
CreateContainerConfigError. Texts: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables) and
the configmap/secret volume plugins.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

from minicluster.controllers import messages as msg
from minicluster.runtime.interface import Mount, Volume

# Service links every pod sees for the `kubernetes` Service in `default`.
KUBERNETES_SERVICE_ENV = {
    "KUBERNETES_SERVICE_HOST": "10.96.0.1",
    "KUBERNETES_SERVICE_PORT": "443",
    "KUBERNETES_SERVICE_PORT_HTTPS": "443",
    "KUBERNETES_PORT": "tcp://10.96.0.1:443",
    "KUBERNETES_PORT_443_TCP": "tcp://10.96.0.1:443",
    "KUBERNETES_PORT_443_TCP_PROTO": "tcp",
    "KUBERNETES_PORT_443_TCP_PORT": "443",
    "KUBERNETES_PORT_443_TCP_ADDR": "10.96.0.1",
}
SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"
_VAR_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\$")


class ConfigError(Exception):
    """CreateContainerConfigError: the message is the kubelet's error text."""


class MountError(Exception):
    def __init__(self, volume: str, error: str) -> None:
        super().__init__(msg.MOUNT_FAILED.format(volume=volume, error=error))
        self.volume = volume


Getter = Callable[[str, str, str], "dict[str, Any] | None"]  # (kind, name, namespace)


def _decoded(secret: dict[str, Any]) -> dict[str, str]:
    out = {}
    for key, value in (secret.get("data") or {}).items():
        try:
            out[key] = base64.b64decode(value).decode(errors="replace")
        except (ValueError, TypeError):
            out[key] = str(value)
    for key, value in (secret.get("stringData") or {}).items():
        out[key] = str(value)
    return out


def expand_refs(text: str, env: dict[str, str]) -> str:
    """Kubernetes' $(VAR) expansion: defined variables are replaced, `$$` escapes a dollar."""

    def repl(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        name = m.group(1)
        return env[name] if name in env else m.group(0)

    return _VAR_REF.sub(repl, text)


def _field_ref(pod: dict[str, Any], path: str) -> str:
    meta = pod.get("metadata") or {}
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    m = re.fullmatch(r"metadata\.(labels|annotations)\['(.+)'\]", path)
    if m:
        return str((meta.get(m.group(1)) or {}).get(m.group(2), ""))
    simple = {
        "metadata.name": meta.get("name"),
        "metadata.namespace": meta.get("namespace"),
        "metadata.uid": meta.get("uid"),
        "spec.nodeName": spec.get("nodeName"),
        "spec.serviceAccountName": spec.get("serviceAccountName", "default"),
        "status.podIP": status.get("podIP"),
        "status.hostIP": status.get("hostIP"),
        "status.podIPs": ",".join(p.get("ip", "") for p in status.get("podIPs") or []),
        "status.hostIPs": ",".join(p.get("ip", "") for p in status.get("hostIPs") or []),
    }
    return str(simple.get(path) or "")


def container_env(pod: dict[str, Any], container: dict[str, Any], get: Getter) -> dict[str, str]:
    namespace = (pod.get("metadata") or {}).get("namespace") or "default"
    env: dict[str, str] = dict(KUBERNETES_SERVICE_ENV)
    for source in container.get("envFrom") or ():
        prefix = source.get("prefix") or ""
        if "configMapRef" in source:
            ref = source["configMapRef"]
            cm = get("ConfigMap", ref.get("name", ""), namespace)
            if cm is None:
                if ref.get("optional"):
                    continue
                raise ConfigError(msg.CONFIGMAP_NOT_FOUND.format(name=ref.get("name", "")))
            for key, value in (cm.get("data") or {}).items():
                env[prefix + key] = str(value)
        elif "secretRef" in source:
            ref = source["secretRef"]
            secret = get("Secret", ref.get("name", ""), namespace)
            if secret is None:
                if ref.get("optional"):
                    continue
                raise ConfigError(msg.SECRET_NOT_FOUND.format(name=ref.get("name", "")))
            for key, value in _decoded(secret).items():
                env[prefix + key] = value
    for var in container.get("env") or ():
        name = var.get("name", "")
        if "value" in var:
            env[name] = expand_refs(str(var.get("value") or ""), env)
            continue
        source = var.get("valueFrom") or {}
        if not source:
            env[name] = ""
        elif "fieldRef" in source:
            env[name] = _field_ref(pod, source["fieldRef"].get("fieldPath", ""))
        elif "configMapKeyRef" in source:
            ref = source["configMapKeyRef"]
            cm = get("ConfigMap", ref.get("name", ""), namespace)
            key = ref.get("key", "")
            if cm is None:
                if ref.get("optional"):
                    continue
                raise ConfigError(msg.CONFIGMAP_NOT_FOUND.format(name=ref.get("name", "")))
            data = cm.get("data") or {}
            if key not in data:
                if ref.get("optional"):
                    continue
                raise ConfigError(
                    msg.CONFIGMAP_KEY_MISSING.format(
                        key=key, namespace=namespace, name=ref.get("name", "")
                    )
                )
            env[name] = str(data[key])
        elif "secretKeyRef" in source:
            ref = source["secretKeyRef"]
            secret = get("Secret", ref.get("name", ""), namespace)
            key = ref.get("key", "")
            if secret is None:
                if ref.get("optional"):
                    continue
                raise ConfigError(msg.SECRET_NOT_FOUND.format(name=ref.get("name", "")))
            data = _decoded(secret)
            if key not in data:
                if ref.get("optional"):
                    continue
                raise ConfigError(
                    msg.SECRET_KEY_MISSING.format(
                        key=key, namespace=namespace, name=ref.get("name", "")
                    )
                )
            env[name] = data[key]
        elif "resourceFieldRef" in source:
            res = source["resourceFieldRef"].get("resource", "")
            kind, _, what = res.partition(".")
            value = ((container.get("resources") or {}).get(kind) or {}).get(what)
            env[name] = str(value) if value is not None else "0"
    return env


DEFAULT_FILE_MODE = 0o644  # the API's defaultMode (420) for configMap/secret/projected volumes


def _files_from(data: dict[str, str], items: list[dict[str, Any]] | None) -> dict[str, bytes]:
    if items:
        return {
            item.get("path", item.get("key", "")): data[item["key"]].encode()
            for item in items
            if item.get("key") in data
        }
    return {key: value.encode() for key, value in data.items()}


class VolumeSet:
    """The volumes of one pod, built once when the pod starts."""

    def __init__(self, volumes: dict[str, Volume], read_only: set[str]) -> None:
        self.volumes = volumes
        self.read_only = read_only

    def mounts(self, container: dict[str, Any]) -> list[Mount]:
        out = []
        for vm in container.get("volumeMounts") or ():
            name = vm.get("name", "")
            volume = self.volumes.get(name)
            if volume is None:
                continue
            out.append(
                Mount(
                    path=vm.get("mountPath", ""),
                    volume=volume,
                    read_only=bool(vm.get("readOnly")) or name in self.read_only,
                    sub_path=vm.get("subPath") or None,
                )
            )
        return out


def build_volumes(
    pod: dict[str, Any],
    get: Getter,
    new_volume: Callable[[dict[str, bytes] | None], Volume],
    shared: Callable[[str], Volume],
    new_projected: Callable[[dict[str, bytes], int], Volume] | None = None,
) -> VolumeSet:
    """`shared(key)` returns the one volume behind a claim or host path (kept across pods).

    configMap, secret, projected and downwardAPI volumes are written as the kubelet's atomic
    writer lays them out (`..data` symlinks) when the runtime offers `new_projected`.
    """
    namespace = (pod.get("metadata") or {}).get("namespace") or "default"

    def atomic(files: dict[str, bytes], source: dict[str, Any]) -> Volume:
        if new_projected is None:
            return new_volume(files)
        return new_projected(files, int(source.get("defaultMode", DEFAULT_FILE_MODE)))

    volumes: dict[str, Volume] = {}
    read_only: set[str] = set()
    for vol in (pod.get("spec") or {}).get("volumes") or ():
        name = vol.get("name", "")
        if "configMap" in vol:
            src = vol["configMap"]
            cm = get("ConfigMap", src.get("name", ""), namespace)
            if cm is None:
                if src.get("optional"):
                    volumes[name] = atomic({}, src)
                    read_only.add(name)
                    continue
                raise MountError(name, msg.CONFIGMAP_NOT_FOUND.format(name=src.get("name", "")))
            data = {k: str(v) for k, v in (cm.get("data") or {}).items()}
            for key, value in (cm.get("binaryData") or {}).items():
                data[key] = base64.b64decode(value).decode(errors="replace")
            volumes[name] = atomic(_files_from(data, src.get("items")), src)
            read_only.add(name)
        elif "secret" in vol:
            src = vol["secret"]
            secret = get("Secret", src.get("secretName", ""), namespace)
            if secret is None:
                if src.get("optional"):
                    volumes[name] = atomic({}, src)
                    read_only.add(name)
                    continue
                raise MountError(name, msg.SECRET_NOT_FOUND.format(name=src.get("secretName", "")))
            volumes[name] = atomic(_files_from(_decoded(secret), src.get("items")), src)
            read_only.add(name)
        elif "persistentVolumeClaim" in vol:
            claim = vol["persistentVolumeClaim"].get("claimName", "")
            found = get("PersistentVolumeClaim", claim, namespace)
            # The data belongs to the claim object: a claim re-created under the same name
            # starts empty, as a freshly provisioned volume does.
            uid = ((found or {}).get("metadata") or {}).get("uid") or f"{namespace}/{claim}"
            volumes[name] = shared(f"pvc/{uid}")
        elif "hostPath" in vol:
            volumes[name] = shared("host/" + vol["hostPath"].get("path", ""))
        elif "projected" in vol:
            files: dict[str, bytes] = {}
            for source in vol["projected"].get("sources") or ():
                if "configMap" in source:
                    cm = get("ConfigMap", source["configMap"].get("name", ""), namespace)
                    data = {k: str(v) for k, v in ((cm or {}).get("data") or {}).items()}
                    files.update(_files_from(data, source["configMap"].get("items")))
                elif "secret" in source:
                    secret = get("Secret", source["secret"].get("name", ""), namespace)
                    files.update(_files_from(_decoded(secret or {}), source["secret"].get("items")))
                elif "serviceAccountToken" in source:
                    path = source["serviceAccountToken"].get("path", "token")
                    files[path] = b"minicluster-service-account-token"
                elif "downwardAPI" in source:
                    for item in source["downwardAPI"].get("items") or ():
                        field = (item.get("fieldRef") or {}).get("fieldPath", "")
                        files[item.get("path", "")] = _field_ref(pod, field).encode()
            volumes[name] = atomic(files, vol["projected"])
            read_only.add(name)
        elif "downwardAPI" in vol:
            files = {}
            for item in vol["downwardAPI"].get("items") or ():
                field = (item.get("fieldRef") or {}).get("fieldPath", "")
                files[item.get("path", "")] = _field_ref(pod, field).encode()
            volumes[name] = atomic(files, vol["downwardAPI"])
            read_only.add(name)
        else:  # emptyDir and anything this kit does not model keep their files per pod
            volumes[name] = new_volume({})
    return VolumeSet(volumes, read_only)
