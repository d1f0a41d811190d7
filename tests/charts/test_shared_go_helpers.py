"""Helm's messages quote and type-name values with the engine's Go helpers, not copies."""

from __future__ import annotations

from minicluster.helm import messages
from minicluster.helm.chart import strvals
from minicluster.templates import gofmt, yamlread
from minicluster.templates.sprig import _gostr


def test_one_strconv_quote_everywhere() -> None:
    assert messages.go_quote is gofmt.go_quote
    assert strvals.go_quote is gofmt.go_quote
    assert _gostr.go_quote is gofmt.go_quote


def test_helm_messages_quote_as_go() -> None:
    # strconv.Quote writes \a \b \f \v by name and C1 controls as \u00XX (was \x07, \x80)
    assert messages.go_quote("a\a\b\f\v\x80\u00ad") == '"a\\a\\b\\f\\v\\u0080\\u00ad"'


def test_json_kinds() -> None:
    kinds = [yamlread.json_kind(v) for v in ({}, [], "s", True, 1.0, 2)]
    assert kinds == ["object", "array", "string", "bool", "number", "number"]
