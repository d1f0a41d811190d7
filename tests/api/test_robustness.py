"""Whatever shape a learner's manifest has, the server answers with an ApiError (or accepts it):
never a Python exception. Every field of valid manifests is replaced by odd values in turn."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from minicluster.api.server import ApiServer
from minicluster.core.clock import VirtualClock
from minicluster.core.errors import MiniclusterError
from minicluster.core.rand import SeededRandom

ODD_VALUES: list[Any] = [None, 0, -1, 1.5, True, "", "x y", [], {}, ["x"], {"a": 1}, [{"a": None}]]
CONTAINER = {"name": "c", "image": "busybox", "command": ["sh"], "env": [{"name": "A", "value": "1"}],
             "ports": [{"containerPort": 80}], "volumeMounts": [{"name": "v", "mountPath": "/v"}]}
TEMPLATE = {"metadata": {"labels": {"app": "a"}, "annotations": {"n": "v"}},
            "spec": {"containers": [CONTAINER], "volumes": [{"name": "v", "emptyDir": {}}]}}
SELECTOR = {"matchLabels": {"app": "a"}}
MANIFESTS: list[dict[str, Any]] = [
    {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j", "labels": {"a": "b"}},
     "spec": {"backoffLimit": 1, "template": {**TEMPLATE, "spec": {
         **TEMPLATE["spec"], "restartPolicy": "Never"}}}},
    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": TEMPLATE["spec"]},
    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
     "spec": {"replicas": 2, "selector": SELECTOR, "template": TEMPLATE,
              "strategy": {"type": "RollingUpdate"}}},
    {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "s"},
     "spec": {"serviceName": "s", "selector": SELECTOR, "template": TEMPLATE,
              "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {
                  "accessModes": ["ReadWriteOnce"],
                  "resources": {"requests": {"storage": "1Gi"}}}}]}},
    {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "ds"},
     "spec": {"selector": SELECTOR, "template": TEMPLATE}},
    {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "cj"},
     "spec": {"schedule": "@hourly", "jobTemplate": {"spec": {"template": {
         **TEMPLATE, "spec": {**TEMPLATE["spec"], "restartPolicy": "OnFailure"}}}}}},
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc"},
     "spec": {"type": "NodePort", "selector": {"app": "a"},
              "ports": [{"name": "http", "port": 80, "targetPort": 8080}]}},
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"},
     "data": {"k": "v"}, "binaryData": {"b": "aGk="}},
    {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "sec"},
     "data": {"k": "aGk="}, "stringData": {"s": "t"}},
    {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "pvc"},
     "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "ing"},
     "spec": {"rules": [{"host": "a.example", "http": {"paths": [{"path": "/",
              "pathType": "Prefix", "backend": {"service": {"name": "svc",
                                                             "port": {"number": 80}}}}]}}]}},
    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns1"}},
    {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
     "metadata": {"name": "backups.example.com"},
     "spec": {"group": "example.com", "scope": "Namespaced",
              "names": {"kind": "Backup", "plural": "backups", "shortNames": ["bk"]},
              "versions": [{"name": "v1", "served": True, "storage": True,
                            "subresources": {"status": {}}}]}},
    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
     "metadata": {"name": "rb", "ownerReferences": [
         {"apiVersion": "v1", "kind": "ConfigMap", "name": "cm", "uid": "u"}]},
     "subjects": [{"kind": "ServiceAccount", "name": "default"}],
     "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"}},
]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


def replaced(doc: Any, path: tuple[Any, ...], value: Any, delete: bool = False) -> Any:
    doc = copy.deepcopy(doc)
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def exercise(api: ApiServer, obj: Any, name: str) -> None:
    kind = obj["kind"]
    for action in (lambda: api.create(obj, field_validation="Strict"),
                   lambda: api.apply(obj, drop_unreadable_annotations=True),
                   lambda: api.update(obj),
                   lambda: api.patch(kind, name, "default", obj, patch_type="merge"),
                   lambda: api.patch(kind, name, "default", obj, patch_type="strategic")):
        try:
            action()
        except MiniclusterError:
            pass


@pytest.mark.parametrize("manifest", MANIFESTS, ids=[m["kind"] for m in MANIFESTS])
def test_odd_values_never_raise_python_errors(manifest: dict[str, Any]) -> None:
    api = ApiServer(VirtualClock(), SeededRandom(1))
    api.create(manifest)  # the unmodified manifest is valid
    for path in paths(manifest):
        if path[-1] in ("kind", "apiVersion") and len(path) == 1:
            continue
        name = manifest["metadata"]["name"]
        exercise(api, replaced(manifest, path, None, delete=True), name)
        for value in ODD_VALUES:
            exercise(api, replaced(manifest, path, value), name)
