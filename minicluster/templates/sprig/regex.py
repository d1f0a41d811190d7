"""Sprig's regex.go. Plain variants panic on a bad expression (MustCompile's message); the
must* variants return Go's compile error."""

from __future__ import annotations

import re

from minicluster.templates.functions import template_function
from minicluster.templates.gotypes import StringSlice

from ._core import FunctionError
from ._goregexp import (
    GoRegexpError,
    compile_go,
    expand,
    iter_matches,
    must_compile_message,
    quote_meta,
    replace_all,
    split,
)


def _panicking(expr: str) -> re.Pattern[str]:
    try:
        return compile_go(expr)
    except GoRegexpError as err:
        raise FunctionError(must_compile_message(expr, err)) from None


def _returning(expr: str) -> re.Pattern[str]:
    try:
        return compile_go(expr)
    except GoRegexpError as err:
        raise FunctionError(str(err)) from None


@template_function("regexMatch")
def regex_match(regex: str, s: str) -> bool:
    try:
        return compile_go(regex).search(s) is not None
    except GoRegexpError:
        return False


@template_function("mustRegexMatch")
def must_regex_match(regex: str, s: str) -> bool:
    return _returning(regex).search(s) is not None


class _NilStrings(StringSlice):
    """A nil []string (Go's FindAllString finds nothing): prints [], encodes to JSON null."""

    go_nil = True


def _find_all(pattern: re.Pattern[str], s: str, n: int) -> StringSlice:
    found = [m.group(0) for m in iter_matches(pattern, s, n)] if n != 0 else []
    return StringSlice(found) if found else _NilStrings()


@template_function("regexFindAll")
def regex_find_all(regex: str, s: str, n: int) -> StringSlice:
    return _find_all(_panicking(regex), s, n)


@template_function("mustRegexFindAll")
def must_regex_find_all(regex: str, s: str, n: int) -> StringSlice:
    return _find_all(_returning(regex), s, n)


def _find(pattern: re.Pattern[str], s: str) -> str:
    match = pattern.search(s)
    return match.group(0) if match else ""


@template_function("regexFind")
def regex_find(regex: str, s: str) -> str:
    return _find(_panicking(regex), s)


@template_function("mustRegexFind")
def must_regex_find(regex: str, s: str) -> str:
    return _find(_returning(regex), s)


@template_function("regexReplaceAll")
def regex_replace_all(regex: str, s: str, repl: str) -> str:
    return replace_all(_panicking(regex), s, lambda m: expand(repl, m))


@template_function("mustRegexReplaceAll")
def must_regex_replace_all(regex: str, s: str, repl: str) -> str:
    return replace_all(_returning(regex), s, lambda m: expand(repl, m))


@template_function("regexReplaceAllLiteral")
def regex_replace_all_literal(regex: str, s: str, repl: str) -> str:
    return replace_all(_panicking(regex), s, lambda m: repl)


@template_function("mustRegexReplaceAllLiteral")
def must_regex_replace_all_literal(regex: str, s: str, repl: str) -> str:
    return replace_all(_returning(regex), s, lambda m: repl)


@template_function("regexSplit")
def regex_split(regex: str, s: str, n: int) -> StringSlice:
    return StringSlice(split(_panicking(regex), s, n))


@template_function("mustRegexSplit")
def must_regex_split(regex: str, s: str, n: int) -> StringSlice:
    return StringSlice(split(_returning(regex), s, n))


@template_function("regexQuoteMeta")
def regex_quote_meta(s: str) -> str:
    return quote_meta(s)
