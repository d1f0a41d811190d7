"""User values from flags, coalescing with chart defaults, and upgrade value reuse."""

from __future__ import annotations

import pytest

from minicluster.helm.chart import (
    ValuesError,
    coalesce_values,
    load_chart,
    merge_user_values,
    parse_value_flags,
    process_dependencies,
)
from minicluster.helm.chart.valueopts import host_reader
from minicluster.templates.gotypes import Int64

from .conftest import FIXTURES, write_chart


def test_flag_order_and_types(tmp_path):
    (tmp_path / "a.yaml").write_text("a: 1\nm: {x: 1, z: 2}\nl: [1, 2]\ny: yes\n")
    (tmp_path / "b.yaml").write_text("m: {z: 3}\nl: [9]\n")
    (tmp_path / "f.txt").write_text("file body\n")
    values = parse_value_flags(
        values_files=["a.yaml", "b.yaml"], set=["a=2,n=007,t=true"], set_string=["s=1"],
        set_json=['j={"k":[1,null]}', '{"top": 1}'], set_file=["f=f.txt"],
        set_literal=["lit=a,b=c"], read_file=host_reader(str(tmp_path)))
    # (the key `y` of a.yaml is YAML 1.1's boolean true, so it arrives as the key "true")
    assert values == {"a": 2, "m": {"x": 1.0, "z": 3.0}, "l": [9.0], "true": True, "n": "007",
                      "t": True,
                      "s": "1", "j": {"k": [1.0, None]}, "top": 1.0, "f": "file body\n",
                      "lit": "a,b=c"}
    assert type(values["a"]) is Int64 and type(values["top"]) is float


@pytest.mark.parametrize("kwargs, message", [
    ({"set": ["a"]}, 'failed parsing --set data: key "a" has no value'),
    ({"set": ["a=1,a.b=2"]}, "failed parsing --set data: unable to parse key: interface "
                             "conversion: interface {} is int64, not map[string]interface {}"),
    ({"set_string": ["a[x]=1"]}, 'failed parsing --set-string data: error parsing index: '
                                 'strconv.Atoi: parsing "x": invalid syntax'),
    ({"set_json": ["a=nope"]}, "failed parsing --set-json data a=nope"),
    ({"set_json": ["{bad"]}, "failed parsing --set-json data JSON: {bad"),
    ({"values_files": ["missing.yaml"]}, "open missing.yaml: no such file or directory"),
    ({"set_file": ["a=missing.txt"]}, "failed parsing --set-file data: open missing.txt: no such "
                                      "file or directory"),
])
def test_flag_errors(tmp_path, kwargs, message):
    with pytest.raises(ValuesError) as err:
        parse_value_flags(read_file=host_reader(str(tmp_path)), **kwargs)
    assert err.value.message == message


def test_bad_values_file(tmp_path):
    (tmp_path / "v.yaml").write_text("a: [\n")
    with pytest.raises(ValuesError) as err:
        parse_value_flags(values_files=["v.yaml"], read_file=host_reader(str(tmp_path)))
    assert err.value.message == ("failed to parse v.yaml: cannot unmarshal yaml document: error "
                                 "converting YAML to JSON: yaml: line 1: did not find expected "
                                 "node content")


def _chart(tmp_path, values: str):
    return load_chart(str(write_chart(tmp_path / "c", {
        "Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n", "values.yaml": values})))


def test_coalescing_rules(tmp_path):
    chart = _chart(tmp_path, "keep: 1\ndrop: 2\nnested: {a: 1, b: 2, gone: null}\nlist: [1, 2]\n"
                             "defaultNull: null\n")
    out = coalesce_values(chart, {"drop": None, "nested": {"b": 3, "c": 4}, "list": [9],
                                  "new": None})
    # user null deletes a default; maps merge; lists replace; chart nulls are dropped;
    # a user null with no default stays (a nil entry)
    assert out == {"keep": 1.0, "nested": {"a": 1.0, "b": 3, "c": 4}, "list": [9], "new": None}


def test_subchart_values_and_globals():
    chart = process_dependencies(load_chart(str(FIXTURES / "umbrella")), {})
    values = coalesce_values(chart, {"global": {"extra": True}})
    assert values["db"]["global"] == {"env": "prod", "dbOnly": True, "extra": True,
                                      "registry": {"host": "registry.local", "port": 5000.0}}
    assert values["db"]["port"] == 5432.0 and values["replica"]["port"] == 5433.0
    # import-values: the parent's own values win over imported ones
    assert values["fromdb"] == {"level": "parent-wins", "extra": "from-child"}
    assert values["conn"] == {"url": "postgres://db"}
    # Helm's order: undeclared subcharts first, then Chart.yaml's dependencies in order
    assert [d.name for d in chart.dependencies] == ["db", "replica", "libchart"]


def test_conditions_and_tags():
    base = load_chart(str(FIXTURES / "umbrella"))
    names = lambda vals: [d.name for d in process_dependencies(base, vals).dependencies]  # noqa: E731
    assert names({"db": {"enabled": False}, "tags": {"replicas": False}}) == ["libchart"]
    assert names({"cache": {"enabled": True}}) == ["db", "replica", "cache", "libchart"]
    # the first condition path that resolves to a bool decides
    assert "cache" in names({"cache": {"enabled": "yes"}, "global": {"cacheOn": True}})
    assert [d.name for d in base.dependencies] == ["cache", "db", "libchart"]  # untouched


def test_reuse_values():
    previous = {"image": {"tag": "v1", "repo": "x"}, "replicas": 2}
    assert merge_user_values(previous, {"image": {"tag": "v2"}, "replicas": None}) == \
        {"image": {"tag": "v2", "repo": "x"}}


def test_shared_user_dicts_are_copied_apart(tmp_path):
    # The same Python dict given for two keys must behave as two maps (Go copies values
    # without keeping aliases); found by the random oracle test.
    chart = _chart(tmp_path, "port: {x: 1}\ntag: 0\n")
    shared = {"k": "v"}
    out = coalesce_values(chart, {"port": shared, "tag": shared})
    assert out == {"port": {"k": "v", "x": 1.0}, "tag": {"k": "v"}}
    assert shared == {"k": "v"}
