"""Seeded random snippets (YAML, JSON, regex, dates, semver, numbers, lists, merge) rendered by
real Helm 4 and by us. The generators come from the fuzzing that shaped these modules; the
fixed seed keeps the cases stable and Helm's outputs cacheable."""

from __future__ import annotations

import json
import random

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

PER_KIND = 50
RNG = random.Random(20261122)
VALUES: dict[str, object] = {}
SNIPPETS: list[str] = []


def _add(template: str, **values: object) -> None:
    for key, value in values.items():
        VALUES[f"{key}{len(SNIPPETS)}"] = value
    SNIPPETS.append(template.format(n=len(SNIPPETS)))


def _yaml_strings() -> None:
    alphabet = list("ab c:#-?'\"!&*|>%@`,[]{}\n\t01.e+_~yYnN") + ["é", "\u00a0", "😀", "  ", "\\"]
    for _ in range(PER_KIND):
        text = "".join(RNG.choice(alphabet) for _ in range(RNG.choice([1, 3, 8, 90])))
        _add(
            "{{{{ toYaml .Values.s{n} }}}}|{{{{ toYamlPretty (dict .Values.s{n} (list .Values.s{n})) }}}}",
            s=text,
        )


def _yaml_scalars() -> None:
    pieces = [
        "0",
        "1",
        "9",
        "_",
        ".",
        "e",
        "+",
        "-",
        "x",
        "o",
        "b",
        ":",
        "y",
        "n",
        "T",
        " ",
        "Z",
        "inf",
        "~",
        "null",
        "on",
    ]
    for _ in range(PER_KIND):
        scalar = "".join(RNG.choice(pieces) for _ in range(RNG.choice([1, 2, 4])))
        _add("{{{{ fromYaml .Values.d{n} | toJson }}}}", d=f"k: {scalar}\n{scalar}: v")


def _json_fragments() -> None:
    pieces = [
        "{",
        "}",
        "[",
        "]",
        '"a"',
        '"',
        ":",
        ",",
        "1",
        "-",
        ".5",
        "e",
        "tru",
        "null",
        "x",
        " ",
        '"\\u00',
        '"\\q"',
        "01",
    ]
    for _ in range(PER_KIND):
        text = "".join(RNG.choice(pieces) for _ in range(RNG.choice([1, 3, 6])))
        _add(
            "{{{{ fromJson .Values.j{n} | toJson }}}}|{{{{ fromJsonArray .Values.j{n} | toJson }}}}",
            j=text,
        )


def _regexes() -> None:
    pieces = [
        "a",
        "b",
        ".",
        "*",
        "+",
        "?",
        "(",
        ")",
        "[a-c]",
        "^",
        "$",
        "|",
        "\\d",
        "\\w",
        "\\s",
        "\\b",
        "{2}",
        "{,2}",
        "é",
        "(?i)",
        "\\pL",
        "[[:alpha:]]",
        "\\z",
        "*?",
    ]
    texts = ["abc", "aab ba\nAB", "x-é b.é", "", "éÉ ab12"]
    for _ in range(PER_KIND):
        pattern = "".join(RNG.choice(pieces) for _ in range(RNG.choice([1, 2, 3])))
        _add(
            "{{{{ mustRegexFindAll .Values.p{n} .Values.t{n} -1 | toJson }}}}|"
            '{{{{ mustRegexReplaceAll .Values.p{n} .Values.t{n} "<$0>" }}}}',
            p=pattern,
            t=RNG.choice(texts),
        )


def _dates() -> None:
    tokens = [
        "2006",
        "06",
        "01",
        "1",
        "Jan",
        "January",
        "02",
        "_2",
        "002",
        "15",
        "03",
        "3",
        "04",
        "05",
        "PM",
        "Mon",
        "MST",
        "-0700",
        "-07:00",
        "Z07:00",
        ".000",
        ".999",
        " ",
        ":",
        "x",
    ]
    zones = ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
    for _ in range(PER_KIND):
        layout = "".join(RNG.choice(tokens) for _ in range(RNG.choice([1, 3, 6])))
        stamp = RNG.choice([0, 1614855723, 946684799, -86400, 2147483647])
        zone = RNG.choice(zones)
        _add(
            f'{{{{{{{{ dateInZone .Values.l{{n}} (int64 {stamp}) "{zone}" }}}}}}}}|'
            f'{{{{{{{{ toDate .Values.l{{n}} (dateInZone .Values.l{{n}} (int64 {stamp}) "UTC") | unixEpoch }}}}}}}}',
            l=layout,
        )


def _semvers() -> None:
    ops = ["", "=", "!=", ">", "<", ">=", "<=", "~", "^"]

    def version(wild: bool) -> str:
        parts = [
            RNG.choice(["0", "1", "2", "x", "*"] if wild else ["0", "1", "2"])
            for _ in range(RNG.choice([1, 2, 3]))
        ]
        text = ".".join(parts)
        if RNG.random() < 0.3:
            text += "-" + RNG.choice(["0", "alpha", "rc.1"])
        return ("v" if RNG.random() < 0.2 else "") + text

    for _ in range(PER_KIND):
        constraint = RNG.choice(ops) + version(True)
        if RNG.random() < 0.3:
            constraint += RNG.choice([" ", ", ", " || "]) + RNG.choice(ops) + version(True)
        _add("{{{{ semverCompare .Values.c{n} .Values.v{n} }}}}", c=constraint, v=version(False))


def _numbers() -> None:
    atoms = [
        '"42"',
        '"010"',
        '"0x1F"',
        '"1.0"',
        '"-7"',
        '"1e3"',
        '"abc"',
        '""',
        '"1_000"',
        '"-0"',
        "1",
        "0",
        "-3",
        "2.5",
        "-2.5",
        "1e20",
        "true",
        "nil",
    ]
    fns = [
        "add",
        "sub",
        "mul",
        "div",
        "mod",
        "max",
        "min",
        "addf",
        "subf",
        "mulf",
        "divf",
        "maxf",
        "round",
    ]
    for _ in range(PER_KIND):
        fn = RNG.choice(fns)
        args = " ".join(RNG.choice(atoms) for _ in range(2))
        _add(
            f"{{{{{{{{ {fn} {args} }}}}}}}}|{{{{{{{{ int {RNG.choice(atoms)} }}}}}}}}|{{{{{{{{ ceil {RNG.choice(atoms)} }}}}}}}}"
        )


def _merges() -> None:
    leaves = ["0", "1", '""', '"x"', "false", "nil", "(list)", "(list 1)", "(dict)"]

    def dict_expr(depth: int = 0) -> str:
        parts = []
        for _ in range(RNG.choice([0, 1, 2, 3])):
            value = (
                dict_expr(depth + 1) if depth < 2 and RNG.random() < 0.35 else RNG.choice(leaves)
            )
            parts.append(f'"{RNG.choice("abc")}" {value}')
        return "(dict " + " ".join(parts) + ")"

    for _ in range(PER_KIND):
        fn = RNG.choice(["merge", "mergeOverwrite"])
        _add(f"{{{{{{{{ {fn} {dict_expr()} {dict_expr()} | toJson }}}}}}}}")


for _generate in (
    _yaml_strings,
    _yaml_scalars,
    _json_fragments,
    _regexes,
    _dates,
    _semvers,
    _numbers,
    _merges,
):
    _generate()


@pytest.fixture(scope="module")
def helm_outputs(request: pytest.FixtureRequest) -> list[str]:
    return cached_helm_outputs(
        getattr(request.config, "cache", None), "sprig-fuzz", SNIPPETS, VALUES
    )


def _ours(index: int) -> str:
    name = f"mychart/templates/t{index:04d}.yaml"
    values = Values(json.loads(json.dumps(VALUES), parse_int=float))
    try:
        return render([Template(name, SNIPPETS[index], {"Values": values})])[name]
    except RenderError as err:
        return HelmFailure(str(err))


@pytest.mark.parametrize("index", range(len(SNIPPETS)), ids=lambda i: f"{i:03d}")
def test_seeded_snippet_matches_helm(index: int, helm_outputs: list[str]) -> None:
    assert _ours(index) == helm_outputs[index], SNIPPETS[index]
