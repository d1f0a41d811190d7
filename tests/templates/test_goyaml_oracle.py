"""toYaml / toYamlPretty / toJson byte for byte against real Helm on generated tricky data:
quoting of look-alike strings, block scalars, folding around column 80 at several depths,
natural key order, floats, unicode and control characters."""

from __future__ import annotations

import json

import pytest

from minicluster.templates.engine import Template, render
from minicluster.templates.errors import RenderError
from minicluster.templates.gotypes import Values

try:
    from .sprig_oracle_support import HelmFailure, cached_helm_outputs
except ImportError:  # the tests directory is not a package
    from sprig_oracle_support import HelmFailure, cached_helm_outputs  # type: ignore[no-redef]

helm_python = pytest.importorskip("helm_python")
pytestmark = pytest.mark.oracle

LOOKALIKES = (
    "true False yes No on OFF y Y n N ~ null NULL Null 0 -0 +1 1_0 0x1f 0o17 0b11 -0b11 017 08 "
    "1e3 1E3 -1.5e-3 .5 5. .inf -.Inf .NaN 1:20 190:20:30 1:2:3.5 2020-1-2 2020-01-02T03:04:05Z "
    "2001-12-14t21:59:43.10-05:00 2002-12-14 21:59:43.10 2020-13-01 2020-02-30 12:30 - -- --- ... "
    "? ?x : :x a: a:b a#b a\u00a0#b #x x# [x] {x} x, !x &x *x |x >x 'x \"x %x @x `x <<"
).split()
SPECIAL = [
    "",
    " ",
    "  ",
    " x",
    "x ",
    "a  b",
    "tab\there",
    "cr\rhere",
    "\x00nul",
    "\x7fdel",
    "\x1besc",
    "bell\a",
    "é",
    "ü-ß",
    "日本語",
    "emoji 😀",
    "\u2028ls",
    "\u0085nel",
    "\ufeffbom",
    "\u00a0nbsp",
    "back\\slash",
    'dq"inside',
    "sq'inside",
    "it's",
    "x\u200by",
]
MULTILINE = [
    "a\nb",
    "a\nb\n",
    "a\nb\n\n",
    "\n",
    "\n\n",
    "\nlead",
    "  ind\nx",
    "x\n  ind",
    "trail \nx",
    "x\n \n",
    "a\n\tb",
    "a\r\nb",
    "l1\n\nl3",
    "#c\nd",
    "- a\n- b",
    "key: v\nk2: v2",
    "x\n\u0085y",
    "😀\nx",
    "a\\\nb",
]


def _words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


LONG = [_words(n) for n in (15, 16, 17, 18, 19, 20, 25)] + [
    "x" * 79,
    "x" * 81,
    "x" * 200,
    _words(30, "ab") + "  double  spaces  " + _words(20, "cd"),
    "#" + _words(20),
    _words(20) + " ",
    "\t" + _words(20),
    _words(20) + "\n" + _words(20),
    "é " * 60,
    "a" * 78 + " b c",
    "a" * 79 + " b c",
    "a" * 80 + " b c",
    "a" * 81 + "  b c",
    "y " * 45,
]
NUMBERS = [
    0,
    -0.0,
    1,
    -1,
    0.1,
    0.5,
    1.5,
    100000,
    999999,
    1000000,
    1234567,
    1e20,
    1e21,
    1.5e21,
    1e-5,
    1e-6,
    1e-7,
    123456789.5,
    12345678901234567000,
    3.141592653589793,
    2.5e-10,
]
# go-yaml's key comparison is not transitive for some mixes ("9" < "10" < "1a" < "9"); Go
# then sorts map keys that arrive in random order, so Helm itself is not deterministic there.
# These keys are ordered consistently.
KEYS = {
    k: 1
    for k in [
        "b",
        "a",
        "B",
        "A",
        "_x",
        "-x",
        "9",
        "10",
        "a2",
        "a10",
        "a02",
        "a002",
        "Z",
        "é",
        "",
        "sp ace",
        "true",
        "y",
        "null",
        "~",
        "1.5",
        "a:b",
        "#k",
        "k" * 129,
        "multi\nline",
        "ab1c",
        "ab10c",
        "x-1",
        "x_1",
        "x.1",
        "2b",
        "3",
    ]
}
NESTED = {
    "list_of_maps": [{"b": 1, "a": [1, {"c": [], "d": {}}]}, {}, [], [[[]]], None],
    "deep": {"l1": {"l2": {"l3": {"l4": {"l5": _words(20)}}}}},
    "seq_in_seq": [[1, [2, [3, "x\ny"]]], ["- a", "a: b"]],
    "map_in_seq_long": [{"k": _words(19)}, [_words(19)]],
    "empties": {"m": {}, "l": [], "s": "", "n": None},
}

VALUES: dict[str, object] = {}
for i, v in enumerate(LOOKALIKES + SPECIAL + MULTILINE + LONG):
    VALUES[f"s{i:03d}"] = v
for i, v in enumerate(NUMBERS):
    VALUES[f"n{i:03d}"] = v
VALUES["keys"] = KEYS
VALUES.update(NESTED)
VALUES["as_keys"] = {v: v for v in LOOKALIKES + SPECIAL + MULTILINE[:6]}
VALUES["nested_long"] = {"a": {"b": [{"c": v} for v in LONG]}}

SNIPPETS: list[str] = []
for key in VALUES:
    SNIPPETS.append(f"{{{{ toYaml .Values.{key} }}}}")
    SNIPPETS.append(f"{{{{ toYamlPretty .Values.{key} }}}}")
    SNIPPETS.append(f"{{{{ toJson .Values.{key} }}}}")
SNIPPETS.append("{{ toYaml .Values }}")
SNIPPETS.append("{{ toYaml .Values | fromYaml | toJson }}")


@pytest.fixture(scope="module")
def helm_outputs(request: pytest.FixtureRequest) -> list[str]:
    return cached_helm_outputs(getattr(request.config, "cache", None), "goyaml", SNIPPETS, VALUES)


def _ours(index: int) -> str:
    values = json.loads(json.dumps(VALUES), parse_int=float)
    name = f"mychart/templates/t{index:04d}.yaml"
    try:
        return render([Template(name, SNIPPETS[index], {"Values": Values(values)})])[name]
    except RenderError as err:
        return HelmFailure(str(err))


@pytest.mark.parametrize("index", range(len(SNIPPETS)), ids=lambda i: SNIPPETS[i][3:40])
def test_yaml_and_json_match_helm(index: int, helm_outputs: list[str]) -> None:
    assert _ours(index) == helm_outputs[index], SNIPPETS[index]
