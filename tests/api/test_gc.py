"""Deletion with finalizers and grace periods, and garbage collection in the three modes."""

from __future__ import annotations

from .conftest import job, pod


def owned_pod(api, owner: dict, name: str, scheduled: bool = False) -> dict:
    obj = pod(name)
    obj["metadata"]["ownerReferences"] = [{
        "apiVersion": "batch/v1", "kind": "Job", "name": owner["metadata"]["name"],
        "uid": owner["metadata"]["uid"], "controller": True, "blockOwnerDeletion": True}]
    created = api.create(obj)
    if scheduled:
        created = api.bind(name, "default", "minicluster")
        created["status"]["phase"] = "Running"
        created = api.update_status(created)
    return created


def test_background_deletes_dependents_after_the_owner(api) -> None:
    owner = api.create(job())
    owned_pod(api, owner, "p1")
    owned_pod(api, owner, "p2")
    api.delete("Job", "hello", propagation="Background")
    assert api.try_get("Job", "hello") is None
    assert api.list("Pod") == []
    removed = [(a.kind, a.name, a.actor) for a in api.action_log if a.removed]
    assert removed == [("Job", "hello", "system"), ("Pod", "p1", "garbage-collector"),
                       ("Pod", "p2", "garbage-collector")]


def test_orphan_keeps_dependents_without_owner(api) -> None:
    owner = api.create(job())
    owned_pod(api, owner, "p1")
    api.delete("Job", "hello", propagation="Orphan")
    assert api.try_get("Job", "hello") is None
    remaining = api.get("Pod", "p1")
    assert "ownerReferences" not in remaining["metadata"]


def test_job_default_propagation_is_orphan_with_warning(api) -> None:
    owner = api.create(job())
    owned_pod(api, owner, "p1")
    api.delete("Job", "hello", propagation=None)
    assert api.try_get("Pod", "p1") is not None
    assert api.warnings[-1].startswith("child pods are preserved by default when jobs are deleted")


def test_foreground_waits_for_terminating_dependents(api, clock) -> None:
    owner = api.create(job())
    owned_pod(api, owner, "p1", scheduled=True)
    marked = api.delete("Job", "hello", propagation="Foreground")
    assert marked["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert marked["metadata"]["deletionTimestamp"] == "2026-03-02T09:00:00Z"
    # The running pod got a 30 s grace period and still blocks its owner.
    terminating = api.get("Pod", "p1")
    assert terminating["metadata"]["deletionTimestamp"] == "2026-03-02T09:00:30Z"
    assert terminating["metadata"]["deletionGracePeriodSeconds"] == 30
    assert api.get("Job", "hello")["metadata"]["deletionTimestamp"]
    # The kubelet finishes the pod: it deletes it again without grace.
    clock.advance(30)
    api.delete("Pod", "p1", grace_period_seconds=0)
    assert api.try_get("Pod", "p1") is None
    assert api.try_get("Job", "hello") is None


def test_foreground_without_dependents_is_immediate(api) -> None:
    api.create(job())
    api.delete("Job", "hello", propagation="Foreground")
    assert api.try_get("Job", "hello") is None


def test_finalizers_hold_an_object_until_removed(api) -> None:
    obj = pod("p")
    obj["metadata"]["finalizers"] = ["batch.kubernetes.io/job-tracking"]
    api.create(obj)
    marked = api.delete("Pod", "p")
    assert marked["metadata"]["deletionTimestamp"] and \
        marked["metadata"]["deletionGracePeriodSeconds"] == 0
    marked["metadata"]["finalizers"] = []
    api.update(marked)
    assert api.try_get("Pod", "p") is None
    assert api.action_log[-1].removed and api.action_log[-1].verb == "update"


def test_no_new_finalizers_once_deleting(api) -> None:
    import pytest

    from minicluster.api.errors import ApiError

    obj = pod("p")
    obj["metadata"]["finalizers"] = ["example.com/a"]
    api.create(obj)
    marked = api.delete("Pod", "p")
    marked["metadata"]["finalizers"].append("example.com/b")
    with pytest.raises(ApiError) as err:
        api.update(marked)
    assert err.value.message == (
        'Pod "p" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if '
        "the object is being deleted, found new finalizers [example.com/b]")


def test_dependent_with_another_live_owner_survives(api) -> None:
    first = api.create(job("a"))
    second = api.create(job("b"))
    obj = pod("shared")
    obj["metadata"]["ownerReferences"] = [
        {"apiVersion": "batch/v1", "kind": "Job", "name": "a", "uid": first["metadata"]["uid"]},
        {"apiVersion": "batch/v1", "kind": "Job", "name": "b", "uid": second["metadata"]["uid"]}]
    api.create(obj)
    api.delete("Job", "a")
    refs = api.get("Pod", "shared")["metadata"]["ownerReferences"]
    assert [r["name"] for r in refs] == ["b"]


def test_deleting_a_namespace_deletes_its_contents(api) -> None:
    api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}})
    api.create(job(), namespace="team")
    api.delete("Namespace", "team", namespace=None)
    assert api.try_get("Namespace", "team", None) is None
    assert api.list("Job", "team") == [] and api.list("ServiceAccount", "team") == []
