from __future__ import annotations

import re

import pytest

from minicluster.api.errors import ApiError
from minicluster.core.rand import KUBE_ALPHABET

from .conftest import configmap, job, pod

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_system_metadata(api, clock) -> None:
    clock.advance(75)
    first = api.create(configmap("a"))
    second = api.create(configmap("b"))
    meta = first["metadata"]
    assert UUID4.match(meta["uid"])
    assert meta["creationTimestamp"] == "2026-03-02T09:01:15Z"
    assert meta["namespace"] == "default"
    assert int(second["metadata"]["resourceVersion"]) == int(meta["resourceVersion"]) + 1
    assert "generation" not in meta
    assert api.create(job())["metadata"]["generation"] == 1


def test_bootstrap_objects(api) -> None:
    assert [n["metadata"]["name"] for n in api.list("Namespace")] == [
        "default", "kube-node-lease", "kube-public", "kube-system"]
    assert api.get("Namespace", "default")["metadata"]["labels"] == {
        "kubernetes.io/metadata.name": "default"}
    assert api.get("Namespace", "default")["status"] == {"phase": "Active"}
    assert [n["metadata"]["name"] for n in api.list("Node")] == ["minicluster"]
    assert api.get("ServiceAccount", "default", "kube-system")
    assert api.get("ConfigMap", "kube-root-ca.crt", "kube-public")["data"]["ca.crt"]
    assert api.get("Service", "kubernetes")["spec"]["clusterIP"] == "10.96.0.1"


def test_new_namespace_gets_default_service_account(api) -> None:
    api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}})
    assert api.get("ServiceAccount", "default", "team")["metadata"]["namespace"] == "team"


def test_generate_name(api) -> None:
    created = api.create(pod("", generateName="hello-"))
    name = created["metadata"]["name"]
    assert name.startswith("hello-") and len(name) == len("hello-") + 5
    assert all(c in KUBE_ALPHABET for c in name[-5:])
    assert created["metadata"]["generateName"] == "hello-"


def test_generate_name_prefix_is_truncated(api) -> None:
    created = api.create(configmap("") | {"metadata": {"generateName": "x" * 70}})
    assert len(created["metadata"]["name"]) == 63


def test_missing_namespace(api) -> None:
    with pytest.raises(ApiError) as err:
        api.create(configmap("a"), namespace="nope")
    assert (err.value.code, err.value.reason, err.value.message) == (
        404, "NotFound", 'namespaces "nope" not found')


def test_namespace_mismatch(api) -> None:
    obj = configmap("a")
    obj["metadata"]["namespace"] = "kube-system"
    with pytest.raises(ApiError) as err:
        api.create(obj, namespace="default")
    assert err.value.message == (
        "the namespace of the provided object does not match the namespace sent on the request")


def test_already_exists(api) -> None:
    api.create(job())
    with pytest.raises(ApiError) as err:
        api.create(job())
    assert (err.value.code, err.value.reason, err.value.message) == (
        409, "AlreadyExists", 'jobs.batch "hello" already exists')


def test_not_found_texts(api) -> None:
    with pytest.raises(ApiError) as err:
        api.get("Job", "x")
    assert err.value.message == 'jobs.batch "x" not found'
    with pytest.raises(ApiError) as err:
        api.get("ConfigMap", "x")
    assert err.value.message == 'configmaps "x" not found'
    assert api.try_get("Pod", "x") is None


def test_cluster_scoped_objects_have_no_namespace(api) -> None:
    created = api.create({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                          "metadata": {"name": "reader", "namespace": "default"}, "rules": []})
    assert "namespace" not in created["metadata"]
    assert api.get("ClusterRole", "reader", namespace=None)["metadata"]["name"] == "reader"


def test_dry_run_stores_nothing(api) -> None:
    before = len(api.action_log)
    created = api.create(job(), dry_run=True)
    assert created["spec"]["backoffLimit"] == 6
    assert api.try_get("Job", "hello") is None and len(api.action_log) == before


def test_copies_in_and_out(api) -> None:
    obj = configmap("a", x="1")
    created = api.create(obj)
    obj["data"]["x"] = "changed"
    created["data"]["x"] = "changed too"
    assert api.get("ConfigMap", "a")["data"] == {"x": "1"}


def test_pod_needs_its_service_account(api) -> None:
    obj = pod("", generateName="hook-")
    obj["spec"]["serviceAccountName"] = "migrator"
    with pytest.raises(ApiError) as err:
        api.create(obj)
    assert (err.value.code, err.value.message) == (403, (
        'pods "hook-" is forbidden: error looking up service account default/migrator: '
        'serviceaccount "migrator" not found'))


def test_update_conflict_and_generation(api) -> None:
    created = api.create(job(parallelism=1))
    stale = dict(created)
    changed = api.patch("Job", "hello", "default", {"spec": {"parallelism": 2}})
    assert changed["metadata"]["generation"] == 2
    with pytest.raises(ApiError) as err:
        api.update(stale)
    assert (err.value.code, err.value.message) == (409, (
        'Operation cannot be fulfilled on jobs.batch "hello": the object has been modified; '
        "please apply your changes to the latest version and try again"))


def test_status_writes_do_not_bump_generation_and_main_writes_keep_status(api) -> None:
    created = api.create(job())
    created["status"] = {"active": 1}
    after = api.update_status(created)
    assert after["status"] == {"active": 1} and after["metadata"]["generation"] == 1
    after["status"] = {"active": 5}
    after["metadata"]["labels"]["team"] = "a"
    updated = api.update(after)
    assert updated["status"] == {"active": 1}
    assert updated["metadata"]["generation"] == 1


def test_noop_update_does_not_write(api) -> None:
    created = api.create(configmap("a", x="1"))
    count = len(api.action_log)
    again = api.update(created)
    assert again["metadata"]["resourceVersion"] == created["metadata"]["resourceVersion"]
    assert len(api.action_log) == count


def test_secret_string_data(api) -> None:
    created = api.create({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                          "stringData": {"password": "hunter2"}})
    assert created["data"] == {"password": "aHVudGVyMg=="}
    assert created["type"] == "Opaque" and "stringData" not in created


def test_service_gets_cluster_ip_and_keeps_it(api) -> None:
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}
    created = api.create(svc)
    ip = created["spec"]["clusterIP"]
    assert re.match(r"^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", ip)
    assert created["spec"]["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80}]
    svc["spec"]["ports"][0]["port"] = 8080
    assert api.update(svc)["spec"]["clusterIP"] == ip
