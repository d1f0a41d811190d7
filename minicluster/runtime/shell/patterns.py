"""Shell patterns (case, ${V%pat}, globbing) translated to regular expressions.

A pattern arrives as a list of (text, quoted) chunks: quoted characters match themselves."""

from __future__ import annotations

import re
from functools import lru_cache

Chunks = list[tuple[str, bool]]


def has_magic(chunks: Chunks) -> bool:
    """Whether pathname expansion applies: an unquoted * or ?, or a [ with a ] after it."""
    for index, (text, quoted) in enumerate(chunks):
        if quoted:
            continue
        if "*" in text or "?" in text:
            return True
        bracket = text.find("[")
        if bracket != -1 and ("]" in text[bracket + 1:] or any("]" in t for t, _ in chunks[index + 1:])):
            return True
    return False


def chunks_to_pattern(chunks: Chunks) -> str:
    """One string where quoted characters and backslash-escaped ones are marked by a backslash."""
    out: list[str] = []
    for text, quoted in chunks:
        if quoted:
            out.extend("\\" + c for c in text)
        else:
            out.append(text)
    return "".join(out)


@lru_cache(maxsize=512)
def pattern_regex(pattern: str, anchored: bool = True) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern.startswith("[:", j) and ":]" in pattern[j + 2:]:
                    j = pattern.index(":]", j + 2) + 2
                    continue
                j += 1
            if j >= n:
                out.append("\\[")
            else:
                body = pattern[i + 1:j]
                negate = body[:1] in ("!", "^")
                if negate:
                    body = body[1:]
                body = body.replace("\\", "\\\\").replace("^", "\\^")
                body = re.sub(r"\[:(\w+):\]", _posix_class, body)
                out.append(("[^" if negate else "[") + body + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    text = "".join(out)
    return re.compile(("(?s)" + text + r"\Z") if anchored else "(?s)" + text)


def _posix_class(m: re.Match[str]) -> str:
    return {
        "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z",
        "lower": "a-z", "space": " \\t\\n\\r\\f\\v", "xdigit": "0-9a-fA-F", "punct": "!-/:-@\\[-`{-~",
    }.get(m.group(1), "")


def match(pattern: str, text: str) -> bool:
    return pattern_regex(pattern).match(text) is not None


def remove_affix(value: str, pattern: str, op: str) -> str:
    """${V%pat} ${V%%pat} ${V#pat} ${V##pat}."""
    rx = pattern_regex(pattern)
    n = len(value)
    if op in ("#", "##"):
        lengths = range(0, n + 1) if op == "#" else range(n, -1, -1)
        for k in lengths:
            if rx.match(value[:k]):
                return value[k:]
        return value
    starts = range(n, -1, -1) if op == "%" else range(0, n + 1)
    for k in starts:
        if rx.match(value[k:]):
            return value[:k]
    return value
