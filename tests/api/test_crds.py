from __future__ import annotations

import pytest

from minicluster.api.errors import ApiError, NoKindMatchError

CRD = {
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": "backups.example.com"},
    "spec": {"group": "example.com", "scope": "Namespaced",
             "names": {"kind": "Backup", "plural": "backups", "singular": "backup",
                       "shortNames": ["bk"]},
             "versions": [{"name": "v1", "served": True, "storage": True,
                           "subresources": {"status": {}},
                           "schema": {"openAPIV3Schema": {"type": "object"}}},
                          {"name": "v1beta1", "served": True, "storage": False}]}}
BACKUP = {"apiVersion": "example.com/v1", "kind": "Backup",
          "metadata": {"name": "nightly", "labels": {"tier": "db"}},
          "spec": {"schedule": "@daily"}, "status": {"phase": "ignored"}}


def test_custom_resources_need_their_definition(api) -> None:
    with pytest.raises(NoKindMatchError) as err:
        api.create(BACKUP)
    assert str(err.value) == 'no matches for kind "Backup" in version "example.com/v1"'


def test_definition_serves_a_kind(api) -> None:
    crd = api.create(CRD)
    assert [c["type"] for c in crd["status"]["conditions"]] == ["NamesAccepted", "Established"]
    info = api.kinds.lookup("bk")
    assert (info.kind, info.api_version, info.group_resource, info.namespaced) == (
        "Backup", "example.com/v1", "backups.example.com", True)
    created = api.create(BACKUP)
    assert created["metadata"]["generation"] == 1 and "status" not in created
    assert api.kinds.lookup("backups.example.com").kind == "Backup"
    older = dict(BACKUP, apiVersion="example.com/v1beta1",
                 metadata={"name": "weekly"})
    assert api.create(older)["metadata"]["name"] == "weekly"
    assert [b["metadata"]["name"] for b in api.list("Backup", "default", "tier=db")] == ["nightly"]
    with pytest.raises(ApiError) as missing:
        api.get("Backup", "none")
    assert missing.value.message == 'backups.example.com "none" not found'


def test_deleting_the_definition_removes_kind_and_objects(api) -> None:
    api.create(CRD)
    api.create(BACKUP)
    api.delete("CustomResourceDefinition", "backups.example.com", namespace=None)
    with pytest.raises(NoKindMatchError):
        api.kinds.lookup("backups")
    removed = [(a.kind, a.name) for a in api.action_log if a.removed]
    assert removed == [("Backup", "nightly"), ("CustomResourceDefinition", "backups.example.com")]


def test_definition_name_must_match(api) -> None:
    bad = dict(CRD, metadata={"name": "backup"})
    with pytest.raises(ApiError) as err:
        api.create(bad)
    assert err.value.message == (
        'CustomResourceDefinition.apiextensions.k8s.io "backup" is invalid: metadata.name: '
        'Invalid value: "backup": must be spec.names.plural+"."+spec.group')
