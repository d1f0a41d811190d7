from __future__ import annotations

import pytest

from minicluster.api.errors import ApiError
from minicluster.api.patch import (
    PatchError,
    json_patch,
    merge_patch,
    strategic_merge_patch,
    three_way_merge,
)

from .conftest import pod


def test_rfc7386_example() -> None:
    target = {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"},
              "tags": ["example", "sample"], "content": "This will be unchanged"}
    patch = {"title": "Hello!", "phoneNumber": "+01-123-456-7890",
             "author": {"familyName": None}, "tags": ["example"]}
    assert merge_patch(target, patch) == {
        "title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"],
        "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"}
    assert target["author"]["familyName"] == "Doe", "the target was changed in place"


def test_strategic_merge_by_key_and_directives() -> None:
    current = {"spec": {"containers": [
        {"name": "a", "image": "x", "env": [{"name": "K", "value": "1"}]},
        {"name": "b", "image": "y"}]}}
    patched = strategic_merge_patch(current, {"spec": {"containers": [
        {"name": "a", "env": [{"name": "L", "value": "2"}]},
        {"name": "b", "$patch": "delete"},
        {"name": "c", "image": "z"}]}})
    assert patched == {"spec": {"containers": [
        {"name": "a", "image": "x", "env": [{"name": "K", "value": "1"}, {"name": "L", "value": "2"}]},
        {"name": "c", "image": "z"}]}}
    replaced = strategic_merge_patch(current, {"spec": {"containers": [
        {"$patch": "replace"}, {"name": "only", "image": "i"}]}})
    assert replaced["spec"]["containers"] == [{"name": "only", "image": "i"}]
    merged = strategic_merge_patch({"metadata": {"finalizers": ["a"]}},
                                   {"metadata": {"finalizers": ["b", "a"]}})
    assert merged["metadata"]["finalizers"] == ["a", "b"]
    # Lists without a merge key are replaced.
    assert strategic_merge_patch({"args": ["1", "2"]}, {"args": ["3"]}) == {"args": ["3"]}


def test_json_patch_operations_and_errors() -> None:
    doc = {"metadata": {"labels": {"a": "1"}}, "items": [1, 2]}
    out = json_patch(doc, [
        {"op": "replace", "path": "/metadata/labels/a", "value": "2"},
        {"op": "add", "path": "/items/-", "value": 3},
        {"op": "add", "path": "/metadata/labels/b~1c", "value": "x"},
        {"op": "remove", "path": "/items/0"},
        {"op": "copy", "from": "/metadata/labels/a", "path": "/copied"},
        {"op": "move", "from": "/copied", "path": "/moved"},
        {"op": "test", "path": "/moved", "value": "2"},
    ])
    assert out == {"metadata": {"labels": {"a": "2", "b/c": "x"}}, "items": [2, 3],
                   "moved": "2"}
    with pytest.raises(PatchError) as err:
        json_patch(doc, [{"op": "remove", "path": "/metadata/missing"}])
    assert str(err.value) == "Unable to remove nonexistent key: missing: missing value"
    with pytest.raises(PatchError) as err:
        json_patch(doc, [{"op": "test", "path": "/items/0", "value": 9}])
    assert str(err.value) == "testing value /items/0 failed: test failed"


def test_three_way_merge() -> None:
    original = {"data": {"a": "1", "b": "2"}}
    modified = {"data": {"a": "1", "c": "3"}}
    current = {"data": {"a": "1", "b": "2", "x": "other"}, "status": {"s": 1}}
    assert three_way_merge(original, modified, current) == {
        "data": {"a": "1", "c": "3", "x": "other"}, "status": {"s": 1}}
    # Containers keep server defaults; a container dropped from the manifest goes away.
    current = {"containers": [{"name": "a", "image": "x", "imagePullPolicy": "Always"},
                              {"name": "b", "image": "y"}, {"name": "sidecar", "image": "s"}]}
    original = {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]}
    modified = {"containers": [{"name": "a", "image": "x2"}]}
    assert three_way_merge(original, modified, current) == {"containers": [
        {"name": "a", "image": "x2", "imagePullPolicy": "Always"},
        {"name": "sidecar", "image": "s"}]}


def test_server_patch_errors(api) -> None:
    api.create(pod("p"))
    with pytest.raises(ApiError) as err:
        api.patch("Pod", "p", "default", "{not json")
    assert (err.value.code, err.value.reason) == (400, "BadRequest")
    with pytest.raises(ApiError) as err:
        api.patch("Pod", "p", "default", [{"op": "remove", "path": "/nope"}], patch_type="json")
    assert (err.value.code, err.value.message) == (
        422, "Unable to remove nonexistent key: nope: missing value")
    with pytest.raises(ApiError) as err:
        api.patch("Pod", "p", "default", {"metadata": {"labels": {"n": 1}}})
    assert err.value.message == (
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go '
        "struct field ObjectMeta.metadata.labels of type string")
    with pytest.raises(ApiError) as err:
        api.patch("Pod", "missing", "default", {})
    assert err.value.message == 'pods "missing" not found'
