from __future__ import annotations

import pytest

from minicluster.api.errors import ApiError
from minicluster.api.selectors import (
    SelectorError,
    format_label_selector,
    parse_field_selector,
    parse_label_selector,
)

from .conftest import configmap, pod

LABELS = [
    {"app": "web", "tier": "front", "n": "7"},
    {"app": "web", "tier": "back"},
    {"app": "db"},
    {},
]


def names(selector: str) -> list[int]:
    parsed = parse_label_selector(selector)
    return [i for i, labels in enumerate(LABELS) if parsed.matches(labels)]


@pytest.mark.parametrize("selector,expected", [
    ("", [0, 1, 2, 3]),
    ("app=web", [0, 1]),
    ("app==web", [0, 1]),
    ("app!=web", [2, 3]),
    ("app=web,tier!=back", [0]),
    ("tier in (front,back)", [0, 1]),
    ("tier notin (front)", [1, 2, 3]),
    ("tier", [0, 1]),
    ("!tier", [2, 3]),
    ("n>5", [0]),
    ("n<5", []),
    ("app in (web), !n", [1]),
    ("app=", []),
])
def test_matching(selector: str, expected: list[int]) -> None:
    assert names(selector) == expected


OPERATORS = "in, notin, =, ==, !=, gt, lt"


@pytest.mark.parametrize("selector,message", [
    ("app in", "unable to parse requirement: found '' expected: '('"),
    ("app in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
    ("app=web,", "found '', expected: identifier after ','"),
    ("=web", "found '=', expected: !, identifier, or 'end of string'"),
    ("app web", f"unable to parse requirement: found 'web', expected: {OPERATORS}"),
    ("app=a b", "found 'b', expected: ',' or 'end of string'"),
    ("!app=x", "found '=', expected: ',' or 'end of string'"),
    ("n>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' "
     "operators, the value must be an integer"),
    ("a/b/c=d", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified "
     "name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
     "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
     "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS "
     "subdomain prefix and '/' (e.g. 'example.com/MyName')"),
])
def test_parse_errors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as err:
        parse_label_selector(selector)
    assert str(err.value) == message


def test_empty_set_is_the_empty_value() -> None:
    # `()` parses as the set {""}: it matches objects whose label is present and empty.
    parsed = parse_label_selector("app in ()")
    assert parsed.matches({"app": ""}) and not parsed.matches({"app": "web"})


def test_list_by_selector_through_the_server(api) -> None:
    api.create(configmap("a", labels={"app": "web"}))
    api.create(configmap("b", labels={"app": "db"}))
    assert [c["metadata"]["name"] for c in api.list("ConfigMap", "default", "app=web")] == ["a"]
    assert [c["metadata"]["name"]
            for c in api.list("ConfigMap", "default", {"matchLabels": {"app": "db"}})] == ["b"]
    with pytest.raises(ApiError) as err:
        api.list("ConfigMap", label_selector="app in")
    assert (err.value.code, err.value.reason) == (400, "BadRequest")


def test_field_selectors(api, clock) -> None:
    api.create(pod("a"))
    api.create(pod("b"))
    got = api.list("Pod", field_selector="metadata.name=b")
    assert [p["metadata"]["name"] for p in got] == ["b"]
    assert [p["metadata"]["name"] for p in api.list("Pod", field_selector="status.phase=Pending,"
                                                                         "metadata.name!=a")] == ["b"]
    assert api.list("Pod", field_selector="metadata.namespace=kube-system") == []
    with pytest.raises(ApiError) as err:
        api.list("Pod", field_selector="spec.image=x")
    assert err.value.message == "field label not supported: spec.image"
    with pytest.raises(ApiError) as err:
        api.list("Ingress", field_selector="foo.bar=baz")
    assert err.value.message == ('"foo.bar" is not a known field selector: only '
                                 '"metadata.name", "metadata.namespace"')
    with pytest.raises(SelectorError) as serr:
        parse_field_selector("name", "Pod")
    assert str(serr.value) == "invalid selector: 'name'; can't understand 'name'"


def test_event_involved_object_field(api) -> None:
    p = api.create(pod("a"))
    api.record_event(p, "Normal", "Scheduled", "Successfully assigned default/a to minicluster",
                     "default-scheduler")
    events = api.list("Event", "default", field_selector="involvedObject.name=a")
    assert [e["reason"] for e in events] == ["Scheduled"]
    assert api.list("Event", "default", field_selector="involvedObject.name=b") == []


def test_format_label_selector() -> None:
    assert format_label_selector({"matchLabels": {"b": "2", "a": "1"}}) == "a=1,b=2"
    assert format_label_selector({"matchExpressions": [
        {"key": "x", "operator": "In", "values": ["b", "a"]},
        {"key": "y", "operator": "DoesNotExist"}]}) == "x in (a,b),!y"
    assert format_label_selector({}) == "<none>"


def test_label_index_follows_changes(api) -> None:
    api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}})
    api.create(configmap("b", labels={"app": "web"}))
    api.create(configmap("a", labels={"app": "web"}), namespace="other")
    api.create(configmap("c", labels={"app": "web", "tier": "x"}))
    got = api.list("ConfigMap", None, "app=web")
    assert [(c["metadata"]["namespace"], c["metadata"]["name"]) for c in got] == [
        ("default", "b"), ("default", "c"), ("other", "a")]
    api.patch("ConfigMap", "b", "default", {"metadata": {"labels": {"app": "api"}}})
    assert [c["metadata"]["name"] for c in api.list("ConfigMap", "default", "app=web")] == ["c"]
    assert [c["metadata"]["name"] for c in api.list("ConfigMap", "default", "app=api")] == ["b"]
    api.delete("ConfigMap", "c")
    assert api.list("ConfigMap", "default", "app=web,tier=x") == []
    assert [c["metadata"]["name"] for c in api.list("ConfigMap", "default", "app in (api)")] == [
        "b"]
