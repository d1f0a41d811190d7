"""No Python exception but RenderError leaves `engine.render`, whatever the template text.

A learner must never see a traceback: an engine bug becomes a RenderError naming the file and,
where the executor knows it, the line and column. The fuzz half mutates the real templates of
the repository's charts with a seeded generator, inside a fixed time budget.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Any

import pytest

from minicluster.templates.engine import Template, render, render_string
from minicluster.templates.errors import RenderError
from minicluster.templates.gotypes import Values

T = "mychart/templates/t.yaml"
ROOT = Path(__file__).resolve().parents[2]


def scope(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "Values": Values(values or {"name": "x", "replicas": 2, "list": [1, 2], "m": {"a": "b"}}),
        "Release": {"Name": "rel", "Namespace": "default", "IsInstall": True, "IsUpgrade": False,
                    "Revision": 1, "Service": "Helm"},
        "Chart": {"Name": "mychart", "Version": "0.1.0", "AppVersion": "1.2.3"},
        "Capabilities": {},
        "Files": {},
    }


# ------------------------------------------------------------------ method arguments


def test_method_argument_may_be_a_function_call() -> None:
    # was an AssertionError: the method's argument was compiled without the function table
    text = '{{ (semver "1.2.3").Compare (semver "1.2.4") }}|{{ $v := semver "2.0.0" }}{{ $v.LessThan (semver "2.1.0") }}'
    assert render_string(text, scope()) == "-1|true"


def test_method_argument_pipeline_type_error_is_helms() -> None:
    with pytest.raises(RenderError) as info:
        render_string('{{ (semver "1.2.3").Compare (semver "1.2.4" | semver) }}', scope())
    assert str(info.value) == (
        f"{T}:1:46\n  executing \"{T}\" at <semver>:\n"
        "    wrong type for value; expected string; got *semver.Version"
    )


# ------------------------------------------------------------------ the guard


class _Exploding(dict):
    """A map whose lookups fail with a Python error, standing for an engine bug."""

    def __getitem__(self, key: Any) -> Any:
        raise ZeroDivisionError("boom")

    def get(self, key: Any, default: Any = None) -> Any:
        raise ZeroDivisionError("boom")


def test_unexpected_exception_during_execution_names_file_and_position() -> None:
    with pytest.raises(RenderError) as info:
        render_string("line one\n  {{ .Values.name.x }}", {"Values": {"name": _Exploding(x=1)}})
    assert str(info.value) == (
        f"{T}:2:12\n  executing \"{T}\" at <.Values.name.x>:\n    internal error: ZeroDivisionError: boom"
    )


def test_unexpected_exception_while_parsing_names_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from minicluster.templates import engine

    def broken(*args: Any) -> Any:
        raise IndexError("bad index")

    monkeypatch.setattr(engine, "parse_cached", broken)
    with pytest.raises(RenderError) as info:
        render_string("{{ 1 }}", scope())
    assert str(info.value) == f"parse error in ({T}): internal error: IndexError: bad index"


# ------------------------------------------------------------------ fuzzing

TOKENS = [
    "{{", "}}", "{{-", "-}}", "(", ")", "|", "$", "$x", ":=", "=", ".", ".Values", ".Values.name", "$.",
    '"', "`", "'", "\\", " ", "\n", "end", "else", "if", "range", "with", "define", "template",
    "include", "tpl", "block", "break", "continue", "nil", "true", "0", "-1", "1e309", "0x",
    "1.2.3", '"1.2.3"', "semver", "semverCompare", "toYaml", "fromYaml", "fromJson", "toJson",
    "dict", "list", "index", "slice", "printf", "%", "%v", "%!", "default", "required", "fail",
    "regexMatch", '"["', "b64dec", "until", "untilStep", "add", "div", "mod", "len", "and", "or",
    "not", "eq", "lt", "call", ".Compare", ".Major", ".Files.Get", ".Capabilities", "lookup",
    "/*", "*/", ",", "é", "\x00", "\ufffd",
]


# what Python, not Go, would say: an engine bug that the guard caught or a function leaked
PYTHON_TEXT = re.compile(
    r"internal error|object has no attribute|NoneType|object is not (?:subscriptable|callable|iterable)"
    r"|unsupported operand|positional argument|required positional|invalid literal for"
)


def _corpus() -> list[str]:
    texts: list[str] = []
    for folder in ("examples", "solutions", "labs", "tests/charts/fixtures", "minicluster/cli"):
        base = ROOT / folder
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix in (".yaml", ".tpl") and "templates" in p.parts:
                texts.append(p.read_text(encoding="utf-8", errors="replace"))
    texts.append('{{ (semver "1.2.3").Compare (semver "1.2.4") }}{{ $v := semver "1.0.0" }}{{ $v.Major }}')
    return texts


def _mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        i = rng.randint(0, len(text))
        if op == 0:  # insert a template token
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op == 1:  # delete a span
            text = text[:i] + text[i + rng.randint(1, 8):]
        elif op == 2:  # duplicate a span elsewhere
            j = rng.randint(0, len(text))
            text = text[:j] + text[i:i + rng.randint(1, 40)] + text[j:]
        else:  # cut to one action: the cheaper the case, the more cases fit in the budget
            start = text.find("{{", i)
            end = text.find("}}", start)
            if start >= 0 and end > start:
                text = text[start:end + 2]
    return text


def test_mutated_real_templates_raise_only_render_errors() -> None:
    corpus = _corpus()
    assert len(corpus) > 20
    rng = random.Random(20261122)
    deadline = time.monotonic() + 3.0  # a test-time budget, not simulator time
    escaped: list[tuple[str, str]] = []
    runs = 0
    while time.monotonic() < deadline and runs < 5000:
        text = _mutate(rng, rng.choice(corpus))
        runs += 1
        try:
            render([Template(T, text, scope())])
        except RenderError as e:
            if PYTHON_TEXT.search(str(e)):  # a RenderError, but with Python's words in it
                escaped.append((text, str(e)))
        except Exception as e:  # noqa: BLE001 - collecting exactly what must not happen
            escaped.append((text, f"{type(e).__name__}: {e}"))
    assert runs > 50
    assert escaped == []
