"""Values typing (YAML 1.1 through go-yaml v2, then JSON) and --set parsing against real Helm."""

from __future__ import annotations

import json
import math

import pytest

from minicluster.helm.chart import goyaml, strvals
from minicluster.helm.chart.errors import ChartError

YAML_CASES = [
    "a: y", "a: n", "a: Yes", "a: off", "y: 1", "on: 2", "a: 1e3", "a: +.5", "a: 08",
    "a: 0o17", "a: 0b101", "a: 1_000", "a: 0x1F", "a: 0755", "a: 2020-01-01", "a: 1:20",
    "a: ~", "a: '0755'", "1.5: x", "0x10: x", "a: 12345678901234567890", "a: -0b11",
    "a: !!str 12", "a: !!float 1", "a: !!int '12'", "a: !foo bar", "a: &x {b: 1}\nc: *x",
    "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3", "a: .5", "a: -.5e3", "a: 1.", "a: tRUE",
    "a: 2020-01-01T10:00:00Z", "a: 1e400", "a: -0", "a: [1, 'b', c]", "a: |\n  x\n  y\n",
    "a: 0b", "a: 0x", "a: 1__0", "a: .inf", "- 1", "x", "", "a: b: c", "a:\n  - b\n c: d",
    "a: \"\\x41\"", "a: +12", "a: -0x1F", "a: 007", "true: 1\nTrue: 2", "a: !!binary aGVsbG8=",
    "a: 1\n---\nb: 2", "a: 9007199254740993", "a: 1.10", "a: 6.02e+23", "a: 0.0000001",
    "a: '  spaced  '", "? [complex]\n: key", "a: {b: {c: [1, {d: null}]}}", "n: N\nNO: no",
    # one decoder serves values and fromYaml: these were wrong on one side or the other
    "~: x", "? [a, 1]\n: key", "a: !!int 2020-13-01", "a: !!int 2020-01-01", "16777217.0: a",
    "a: 1\n---\nb: [", "a: !!bool 1",
]


def _normalize(value):
    """Numbers compared as float64 (helm_python hands big integers back as JSON ints)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return {k: _normalize(v) for k, v in value.items()}


def _outcome(fn, *args):
    try:
        return "ok", _normalize(fn(*args))
    except Exception as exc:  # noqa: BLE001 - both sides' errors are compared as text
        return "error", str(exc)


@pytest.mark.parametrize("text", YAML_CASES)
def test_values_typing_matches_helm(helm, text):
    want = _outcome(helm.values_from_yaml, text)
    got = _outcome(goyaml.read_values, text)
    if want[0] == "error" and got[0] == "error" and "complex" in text:
        return  # both refuse; Go's text names Go types we do not reproduce
    assert got == want


SET_CASES = [
    "a=1", "a=b,c=d", "a.b=1", "a[0]=x", "a[0].b=1,a[1].c=2", "a={x,y}", "a={}", "a=", "a",
    "a.b", "a[0]", "a=1,a.b=2", "a\\.b=1", "a=x\\,y", "a=true,b=FALSE,c=null,d=0,e=01",
    "f=1.5,g=-3,h=+4,i=1_000,j=99999999999999999999", "a[1]=x", "a[-1]=x", "a[x]=1",
    "a[0][1]=z", "a..b=1", "a=1,,b=2", ",a=1", "a={b,c", "a[0]b=1", "name=value1\\,value2",
    "a.b.c.d=1,a.b.e=2", "a[70000]=1", "a=b=c", "a={1,2},b=3", "list[0]=a,list[1]=b,list[0]=c",
    "a.b=1,a=2", "x=1,x[0]=2", "a[0]=1,a[0].b=2", "a[0].b=1,a[0]=2", "=1", "a=1,=2", "a.=1",
    "a[0][0]=1,a[0][1]=2", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee=1",
    "a={ x , y }", "a=\\{x\\}", "a=hello world", "émoji=✓",
]


@pytest.mark.parametrize("text", SET_CASES)
@pytest.mark.parametrize("kind", ["set", "set-string", "set-literal"])
def test_set_parsing_matches_helm(helm, text, kind):
    helm_fn = {"set": helm.parse_set_string, "set-string": helm.parse_set_string_values,
               "set-literal": helm.parse_set_literal}[kind]
    mine = {"set": strvals.parse, "set-string": strvals.parse_string,
            "set-literal": strvals.parse_literal}[kind]
    want = _outcome(helm_fn, text)
    got = _outcome(lambda t: json.loads(json.dumps(mine(t))), text)
    assert got == want


@pytest.mark.parametrize("text", ['a={"b":[1,2]}', 'a=1,b="x"', "a=,b=2",
                                  'a=[1, {"c":null}] , b=true', 'a[0]={"x":1}', "a.b=2.5"])
def test_set_json_matches_helm(helm, text):
    assert _outcome(strvals.parse_json, text) == _outcome(helm.parse_set_json, text)


def test_set_json_errors_both_refuse(helm):
    for text in ('a="x', "a=nul", "a={"):
        with pytest.raises(Exception):  # noqa: B017 - Helm's SDK error class
            helm.parse_set_json(text)
        with pytest.raises(ChartError):
            strvals.parse_json(text)


def test_set_integers_are_int64_not_float():
    value = strvals.parse("a=5")["a"]
    assert type(value).__name__ == "Int64" and value == 5
    assert not math.isnan(float(value))


def _random_set_expression(rng) -> str:
    atoms = ["a", "b", "x1", ".", "[0]", "[1]", "[2]", "=", ",", "{", "}", "\\,", "\\.", "\\",
             "1", "0", "007", "true", "null", "-3", "1.5", " ", "é"]
    return "".join(rng.choice(atoms) for _ in range(rng.randint(1, 12)))


@pytest.mark.parametrize("seed", range(4))
def test_random_set_expressions(helm, seed):
    import random

    rng = random.Random(seed)
    for _ in range(150):
        text = _random_set_expression(rng)
        for helm_fn, mine in ((helm.parse_set_string, strvals.parse),
                              (helm.parse_set_string_values, strvals.parse_string),
                              (helm.parse_set_literal, strvals.parse_literal)):
            want = _outcome(helm_fn, text)
            got = _outcome(lambda t, m=mine: json.loads(json.dumps(m(t))), text)
            assert got == want, text
