from __future__ import annotations

import json

import pytest

from minicluster.api.errors import ApiError
from minicluster.api.server import LAST_APPLIED, ManifestError

from .conftest import configmap, job, pod


def test_watch_sees_every_change_in_order(api) -> None:
    seen: list[tuple[str, str, str | None]] = []

    def record(kind: str, obj: dict, old: dict | None) -> None:
        seen.append((kind, obj["metadata"]["name"], old and old["data"]["x"]))

    stop = api.watch(record, kinds=["ConfigMap"])
    api.create(configmap("a", x="1"))
    api.patch("ConfigMap", "a", "default", {"data": {"x": "2"}})
    api.delete("ConfigMap", "a")
    stop()
    api.create(configmap("b", x="1"))
    assert seen == [("ADDED", "a", None), ("MODIFIED", "a", "1"), ("DELETED", "a", None)]


def test_changes_made_by_a_watcher_are_delivered_after_the_current_event(api) -> None:
    first: list[str] = []
    second: list[str] = []

    def reacting(kind: str, obj: dict, old: dict | None) -> None:
        first.append(f"{kind} {obj['metadata']['name']}")
        if kind == "ADDED" and obj["metadata"]["name"] == "a":
            api.create(configmap("b"))

    api.watch(reacting, kinds=["ConfigMap"])
    api.watch(lambda k, o, _: second.append(f"{k} {o['metadata']['name']}"), kinds=["ConfigMap"])
    api.create(configmap("a"))
    assert first == second == ["ADDED a", "ADDED b"]


def test_apply_created_configured_unchanged(api) -> None:
    obj = configmap("cfg", a="1", b="2")
    created, verb = api.apply(obj)
    assert verb == "created"
    assert created["metadata"]["annotations"][LAST_APPLIED] == (
        '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":'
        '{"annotations":{},"name":"cfg","namespace":"default"}}\n')
    assert api.apply(obj)[1] == "unchanged"
    changed = configmap("cfg", a="1")
    result, verb = api.apply(changed)
    assert verb == "configured"
    # b was in the last applied manifest and is not any more: apply removes it.
    assert result["data"] == {"a": "1"}


def test_apply_keeps_what_others_set(api) -> None:
    api.apply(configmap("cfg", a="1"))
    api.patch("ConfigMap", "cfg", "default", {"data": {"extra": "kept"}})
    result, verb = api.apply(configmap("cfg", a="2"))
    assert verb == "configured" and result["data"] == {"a": "2", "extra": "kept"}


def test_apply_job_unchanged_despite_server_defaults(api) -> None:
    assert api.apply(job())[1] == "created"
    assert api.apply(job())[1] == "unchanged"


def test_apply_escapes_html_like_go(api) -> None:
    created, _ = api.apply(configmap("c", page="<a&b>"))
    assert '"page":"\\u003ca\\u0026b\\u003e"' in created["metadata"]["annotations"][LAST_APPLIED]


def test_apply_manifest_multi_document(api) -> None:
    objs = api.apply_manifest("""
apiVersion: v1
kind: Namespace
metadata:
  name: team
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
""", namespace="team")
    assert [(o["kind"], o["metadata"].get("namespace")) for o in objs] == [
        ("Namespace", None), ("ConfigMap", "team")]
    with pytest.raises(ManifestError):
        api.apply_manifest("metadata: {name: x}\n")


def test_record_event_names_and_aggregates(api, clock) -> None:
    subject = api.create(pod("web"))
    first = api.record_event(subject, "Warning", "BackOff", "Back-off restarting failed container",
                             "kubelet", host="minicluster", field_path="spec.containers{main}")
    assert first["metadata"]["name"].startswith("web.")
    assert len(first["metadata"]["name"].split(".")[1]) == 16
    assert first["involvedObject"] == {
        "apiVersion": "v1", "kind": "Pod", "name": "web", "namespace": "default",
        "resourceVersion": subject["metadata"]["resourceVersion"],
        "uid": subject["metadata"]["uid"], "fieldPath": "spec.containers{main}"}
    assert first["source"] == {"component": "kubelet", "host": "minicluster"}
    assert (first["count"], first["type"]) == (1, "Warning")
    clock.advance(40)
    again = api.record_event(subject, "Warning", "BackOff",
                             "Back-off restarting failed container", "kubelet",
                             host="minicluster", field_path="spec.containers{main}")
    assert again["metadata"]["name"] == first["metadata"]["name"]
    assert (again["count"], again["firstTimestamp"], again["lastTimestamp"]) == (
        2, "2026-03-02T09:00:00Z", "2026-03-02T09:00:40Z")
    other = api.record_event(subject, "Warning", "BackOff", "another message", "kubelet",
                             host="minicluster")
    assert other["metadata"]["name"] != first["metadata"]["name"]
    assert len(api.list("Event", "default")) == 2


def test_events_list_in_recording_order(api) -> None:
    subject = api.create(pod("web"))
    for reason in ("Scheduled", "Pulled", "Created", "Started"):
        api.record_event(subject, "Normal", reason, reason, "kubelet")
    assert [e["reason"] for e in api.list("Event", "default")] == [
        "Scheduled", "Pulled", "Created", "Started"]


def test_action_log_and_actor(api, clock) -> None:
    with api.actor("helm"):
        api.create(configmap("a"))
    clock.advance(5)
    with api.actor("kubectl"):
        api.patch("ConfigMap", "a", "default", {"data": {"k": "v"}})
        api.delete("ConfigMap", "a")
    mine = [(a.time, a.verb, a.actor, a.removed) for a in api.action_log if a.name == "a"]
    assert mine == [(0.0, "create", "helm", False), (5.0, "patch", "kubectl", False),
                    (5.0, "delete", "kubectl", True)]
    assert api.action_log[-1].obj["metadata"]["name"] == "a"


def test_as_of_time_travel(api, clock) -> None:
    api.create(configmap("a", v="1"))
    clock.advance(10)
    api.patch("ConfigMap", "a", "default", {"data": {"v": "2"}})
    clock.advance(10)
    api.delete("ConfigMap", "a")
    assert api.as_of(5).get("ConfigMap", "a")["data"] == {"v": "1"}
    assert api.as_of(15).get("ConfigMap", "a")["data"] == {"v": "2"}
    assert api.as_of(25).try_get("ConfigMap", "a") is None
    assert [n["metadata"]["name"] for n in api.as_of(0).list("Namespace")][:1] == ["default"]
    with pytest.raises(ApiError):
        api.as_of(25).get("ConfigMap", "a")


def test_patch_types(api) -> None:
    created = api.create(pod("p"))
    assert created["spec"]["containers"][0]["name"] == "main"
    patched = api.patch("Pod", "p", "default", {"spec": {"containers": [
        {"name": "main", "image": "busybox:1.37"}]}}, patch_type="strategic")
    container = patched["spec"]["containers"][0]
    assert container["image"] == "busybox:1.37" and container["volumeMounts"]
    patched = api.patch("Pod", "p", "default", json.dumps(
        [{"op": "add", "path": "/metadata/labels", "value": {"a": "b"}}]), patch_type="json")
    assert patched["metadata"]["labels"] == {"a": "b"}
    patched = api.patch("Pod", "p", "default", {"metadata": {"labels": {"a": None}}})
    assert patched["metadata"]["labels"] == {}
    status = api.patch("Pod", "p", "default", {"status": {"phase": "Running"}},
                       subresource="status")
    assert status["status"]["phase"] == "Running"
    ignored = api.patch("Pod", "p", "default", {"status": {"phase": "Failed"}})
    assert ignored["status"]["phase"] == "Running"


def test_kubectl_drops_unreadable_top_level_annotations(api) -> None:
    obj = configmap("c")
    obj["metadata"]["annotations"] = {"weight": 5, "team": "a"}
    created, verb = api.apply(obj, drop_unreadable_annotations=True)
    assert verb == "created"
    assert list(created["metadata"]["annotations"]) == [LAST_APPLIED]
    with pytest.raises(ApiError) as err:
        api.apply(obj)
    assert err.value.reason == "BadRequest"
