"""A tiny evaluator for single-action template snippets, used to test Sprig and Helm functions
before (and independently of) the full Go template engine.

It understands `{{ f a (g b) | h }}` with Go literals (strings, raw strings, numbers, true,
false, nil), `.Values.x.y` chains and parenthesised pipelines, joined with literal text.
It is test scaffolding: the engine is the real thing.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

import minicluster.templates.helmfuncs  # noqa: F401  (registers Helm's functions)
import minicluster.templates.sprig  # noqa: F401
from minicluster.templates.functions import REGISTRY, FunctionError
from minicluster.templates.sprig._fmt import sprint

TOKEN = re.compile(
    r"""\s*(?:
      (?P<raw>`[^`]*`)
    | (?P<str>"(?:[^"\\]|\\.)*")
    | (?P<char>'(?:[^'\\]|\\.)+')
    | (?P<num>[+-]?(?:0[xX][0-9a-fA-F_]+|0[oObB][0-7_]+|(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))
    | (?P<field>(?:\.[A-Za-z_][A-Za-z0-9_]*)+|\.)
    | (?P<punct>[()|])
    | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)


class Values(dict):
    """Helm's .Values is a named map type (common.Values)."""

    go_type = "common.Values"


class Context:
    clock = None
    rand = None
    lookup = None


class SnippetError(Exception):
    """A function failed; `message` is `error calling NAME: ...`."""


def _tokens(text: str) -> list[tuple[str, str]]:
    """Tokens; a field chain glued to a closing parenthesis gets the kind "dotfield"."""
    out = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"cannot tokenize {text[pos:]!r}")
        kind = match.lastgroup or ""
        token = match.group(kind)
        if kind == "field" and match.start(kind) == pos and out and out[-1] == ("punct", ")"):
            kind = "dotfield"
        out.append((kind, token))
        pos = match.end()
    return out


def _literal(kind: str, text: str) -> Any:
    if kind == "raw":
        return text[1:-1]
    if kind == "str":
        return ast.literal_eval(text)
    if kind == "char":
        return ord(ast.literal_eval(text))
    clean = text.replace("_", "")
    if re.fullmatch(r"[+-]?(0[xX][0-9a-fA-F]+|0[oObB][0-7]+|\d+)", clean) and not (
        re.fullmatch(r"[+-]?0\d+", clean)
    ):
        return int(clean, 0)
    if re.fullmatch(r"[+-]?0[0-7]+", clean):
        return int(clean.replace("0", "0o", 1), 0)
    return float(clean)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], dot: Any, ctx: Context) -> None:
        self.tokens = tokens
        self.pos = 0
        self.dot = dot
        self.ctx = ctx

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def pipeline(self) -> Any:
        value = self.command(None, piped=False)
        while (tok := self.peek()) and tok == ("punct", "|"):
            self.pos += 1
            value = self.command(value, piped=True)
        return value

    def operand(self) -> Any:
        kind, text = self.tokens[self.pos]
        self.pos += 1
        if kind == "punct" and text == "(":
            value = self.pipeline()
            self.pos += 1  # ")"
            if (tok := self.peek()) and tok[0] == "dotfield":
                self.pos += 1
                return self.fields(value, tok[1])
            return value
        if kind == "field":
            return self.fields(self.dot, text)
        if kind == "ident":
            if text in ("true", "false"):
                return text == "true"
            if text == "nil":
                return None
            return self.call(text, [])
        return _literal(kind, text)

    def fields(self, value: Any, chain: str) -> Any:
        for name in chain.split(".")[1:]:
            if not name:
                continue
            if isinstance(value, dict):
                value = value.get(name)
                continue
            value = getattr(value, name)
            if callable(value):
                args = []
                while (tok := self.peek()) and tok not in (("punct", "|"), ("punct", ")")):
                    args.append(self.operand())
                value = value(*args)
        return value

    def command(self, piped_value: Any, piped: bool) -> Any:
        kind, text = self.tokens[self.pos]
        if kind == "ident" and text in REGISTRY:
            self.pos += 1
            args = []
            while (tok := self.peek()) and tok not in (("punct", "|"), ("punct", ")")):
                args.append(self.operand())
            if piped:
                args.append(piped_value)
            return self.call(text, args)
        return self.operand()

    def call(self, name: str, args: list[Any]) -> Any:
        fn = REGISTRY[name]
        try:
            return fn.fn(self.ctx, *args) if fn.context else fn.fn(*args)
        except FunctionError as err:
            raise SnippetError(f"error calling {name}: {err}") from None


def render(template: str, values: dict[str, Any] | None = None, ctx: Context | None = None) -> str:
    """Render literal text with `{{ ... }}` actions; `<no value>` is stripped as Helm does."""
    # Values reach templates through JSON, so every number is a float64.
    decoded = json.loads(json.dumps(values or {}), parse_int=float)
    dot = {"Values": Values(decoded)}
    out = []
    for i, part in enumerate(re.split(r"\{\{-?\s*(.*?)\s*-?\}\}", template, flags=re.S)):
        if i % 2 == 0:
            out.append(part)
            continue
        value = _Parser(_tokens(part), dot, ctx or Context()).pipeline()
        out.append("<no value>" if value is None else sprint(value))
    return "".join(out).replace("<no value>", "")
