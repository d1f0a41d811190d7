"""Go's regexp (RE2 syntax) on top of Python's re: pattern translation, Go's error texts,
and Go's rules for successive matches and `$1`/`${name}` expansion."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

_POSIX_CLASSES = {
    "alnum": "0-9A-Za-z",
    "alpha": "A-Za-z",
    "ascii": "\\x00-\\x7f",
    "blank": "\\t ",
    "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": "!-/:-@\\[-`{-~",
    "space": "\\t\\n\\v\\f\\r ",
    "upper": "A-Z",
    "word": "0-9A-Za-z_",
    "xdigit": "0-9A-Fa-f",
}
_GO_SPACE = "\\t\\n\\f\\r "


class GoRegexpError(Exception):
    """A compile error worded as Go's regexp/syntax reports it."""


def _syntax_error(code: str, fragment: str) -> GoRegexpError:
    return GoRegexpError(f"error parsing regexp: {code}: `{fragment}`")


_WORD = "0-9A-Za-z_"
_ASCII_ESCAPES = {
    "d": ("[0-9]", "0-9"),
    "D": ("[^0-9]", None),
    "w": (f"[{_WORD}]", _WORD),
    "W": (f"[^{_WORD}]", None),
    "s": (f"[{_GO_SPACE}]", _GO_SPACE),
    "S": (f"[^{_GO_SPACE}]", None),
    "b": (f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))", None),
    "B": (f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))", None),
}
_REPEAT = re.compile(r"\{\d+(?:,\d*)?\}")
_FLAGS = re.compile(r"\(\?([imsU]*)(?:-([imsU]*))?([:)])")


@lru_cache(maxsize=64)
def _category_class(name: str) -> str | None:
    """A character-class body for a Unicode general category (L, Lu, Nd, ...)."""
    import sys
    import unicodedata

    if not re.fullmatch(r"[A-Z][a-z]?", name):
        return None
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith(name):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    if not ranges:
        return None
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


def _unicode_class(expr: str, i: int) -> tuple[str, bool, int]:
    """\\pL / \\p{Lu} / \\PL at expr[i]: (class body, negated, characters consumed)."""
    negated = expr[i + 1] == "P"
    if i + 2 < len(expr) and expr[i + 2] == "{":
        end = expr.find("}", i + 3)
        if end < 0:
            raise _syntax_error("missing closing }", expr[i:])
        name, used = expr[i + 3 : end], end + 1 - i
    else:
        name, used = expr[i + 2 : i + 3], 3
    if name.startswith("^"):
        negated, name = not negated, name[1:]
    body = _category_class(name)
    if body is None:
        raise _syntax_error("invalid character class range", expr[i : i + used])
    return body, negated, used


def _repeat_at(expr: str, i: int) -> str:
    """The repetition operator starting at expr[i] ("", "*", "+?", "{2,3}"...)."""
    ch = expr[i]
    if ch in "*+?":
        op = ch
    elif ch == "{":
        match = _REPEAT.match(expr, i)
        if not match:
            return ""
        op = match.group(0)
    else:
        return ""
    end = i + len(op)
    return op + "?" if end < len(expr) and expr[end] == "?" else op


def _check_repetitions(expr: str) -> None:
    """RE2's repetition errors, left to right: nothing to repeat, or a repeat of a repeat."""
    i = 0
    operand = False  # whether the current concatenation has something to repeat
    last_repeat = ""
    in_class = False
    while i < len(expr):
        ch = expr[i]
        if in_class:
            if ch == "\\":
                i += 2
                continue
            if expr.startswith("[:", i) and expr.find(":]", i + 2) > 0:
                i = expr.find(":]", i + 2) + 2
                continue
            if ch == "]":
                in_class = False
                operand, last_repeat = True, ""
            i += 1
            continue
        op = _repeat_at(expr, i)
        if op:
            if last_repeat:
                raise _syntax_error("invalid nested repetition operator", last_repeat + op)
            if not operand:
                raise _syntax_error("missing argument to repetition operator", op)
            last_repeat = op
            i += len(op)
            continue
        if ch == "\\":
            if expr.startswith("\\Q", i):
                end = expr.find("\\E", i + 2)
                i = len(expr) if end < 0 else end + 2
                operand, last_repeat = i > 0, ""
                continue
            step = 2
            if expr[i + 1 : i + 2] in ("p", "P") and expr[i + 2 : i + 3] == "{":
                step = max(expr.find("}", i) + 1 - i, 2)
            elif expr[i + 1 : i + 2] in ("p", "P"):
                step = 3
            i += step
            operand, last_repeat = True, ""
            continue
        if ch == "[":
            in_class = True
            i += 1
            if expr[i : i + 1] == "^":
                i += 1
            if expr[i : i + 1] == "]":
                i += 1
            continue
        if ch == "(":
            match = _FLAGS.match(expr, i) if expr.startswith("(?", i) else None
            if match and match.group(3) == ")":
                i = match.end()
                continue  # a flag setting is not an operand
            if match:
                i = match.end()
            elif expr.startswith(("(?P<", "(?<"), i):
                i = expr.find(">", i) + 1 if expr.find(">", i) > 0 else i + 1
            else:
                i += 1
            operand, last_repeat = False, ""
            continue
        if ch == "|":
            operand, last_repeat = False, ""
            i += 1
            continue
        operand, last_repeat = True, ""
        i += 1


def _translate(expr: str) -> str:
    """RE2 pattern -> Python pattern (Unicode mode, ASCII \\d \\w \\s \\b as in Go)."""
    _check_repetitions(expr)
    out: list[str] = []
    i = 0
    in_class = False
    multiline = False
    # For each open group: how many extra ")" close scoped flag groups opened inside it.
    pending: list[int] = [0]
    while i < len(expr):
        ch = expr[i]
        if ch == "\\":
            if i + 1 >= len(expr):
                raise _syntax_error("trailing backslash at end of expression", "")
            nxt = expr[i + 1]
            if nxt == "Q":
                end = expr.find("\\E", i + 2)
                literal = expr[i + 2 :] if end < 0 else expr[i + 2 : end]
                out.append(re.escape(literal))
                i = len(expr) if end < 0 else end + 2
                continue
            if nxt.isdigit() and nxt != "0":
                raise _syntax_error("invalid escape sequence", expr[i : i + 2])
            if nxt in "pP":
                body, negated, used = _unicode_class(expr, i)
                if in_class:
                    if negated:
                        raise _syntax_error("invalid character class range", expr[i : i + used])
                    out.append(body)
                else:
                    out.append(f"[{'^' if negated else ''}{body}]")
                i += used
                continue
            if nxt == "z":
                out.append("(?:\\Z)")  # grouped: RE2 lets assertions be repeated
            elif nxt == "A":
                out.append("(?:\\A)")
            elif nxt in _ASCII_ESCAPES:
                whole, inside = _ASCII_ESCAPES[nxt]
                if in_class and inside is not None:
                    out.append(inside)
                elif in_class:
                    out.append(expr[i : i + 2])
                else:
                    out.append(whole)
            else:
                out.append(expr[i : i + 2])
            i += 2
            continue
        if in_class:
            if expr.startswith("[:", i):
                end = expr.find(":]", i + 2)
                name = expr[i + 2 : end] if end > 0 else ""
                posix = _POSIX_CLASSES.get(name.lstrip("^"))
                if posix is None or name.startswith("^"):
                    raise _syntax_error("invalid character class range", expr[i : end + 2])
                out.append(posix)
                i = end + 2
                continue
            if ch == "]":
                in_class = False
            elif ch == "[":
                out.append("\\[")
                i += 1
                continue
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            if i < len(expr) and expr[i] == "^":
                out.append("^")
                i += 1
            if i < len(expr) and expr[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if ch == "{" and not _REPEAT.match(expr, i):
            out.append("\\{")  # not a repetition: a literal brace, as in RE2
            i += 1
            continue
        if ch == "(":
            if expr.startswith("(?", i) and not expr.startswith(("(?P<", "(?:", "(?<"), i):
                match = _FLAGS.match(expr, i)
                if not match or "U" in match.group(1) or "U" in (match.group(2) or ""):
                    raise _syntax_error("invalid or unsupported Perl syntax", expr[i : i + 3])
                flags_on, flags_off, kind = match.group(1), match.group(2) or "", match.group(3)
                if kind == ")":
                    if "m" in flags_on:
                        multiline = True
                    # Go applies (?flags) to the rest of the group: a scoped group in Python.
                    off = f"-{flags_off}" if flags_off else ""
                    out.append(f"(?{flags_on}{off}:" if flags_on or flags_off else "(?:")
                    pending[-1] += 1
                    i = match.end()
                    continue
            pending.append(0)
            if expr.startswith("(?<", i) and not expr.startswith("(?<=", i):
                out.append("(?P<")
                i += 3
                continue
        if ch == ")":
            if len(pending) > 1:
                out.append(")" * pending.pop())
            out.append(")")
            i += 1
            continue
        if ch == "$":
            out.append("(?:$)" if multiline else "(?:\\Z)")
            i += 1
            continue
        if ch == "^":
            out.append("(?:^)")
            i += 1
            continue
        out.append(ch)
        i += 1
    out.append(")" * pending[0])
    return "".join(out)


def _from_python_error(expr: str, err: re.error) -> GoRegexpError:
    message = err.msg
    pos = err.pos or 0
    if "missing )" in message:
        return _syntax_error("missing closing )", expr)
    if "unbalanced parenthesis" in message:
        return _syntax_error("unexpected )", expr)
    if "unterminated character set" in message:
        start = expr.rfind("[", 0, len(expr))
        return _syntax_error("missing closing ]", expr[start:] if start >= 0 else expr)
    if "multiple repeat" in message:
        return _syntax_error("invalid nested repetition operator", expr[max(pos - 1, 0) : pos + 1])
    if "nothing to repeat" in message:
        return _syntax_error("missing argument to repetition operator", expr[pos : pos + 1])
    if "bad escape" in message:
        return _syntax_error("invalid escape sequence", expr[pos : pos + 2])
    if "bad character range" in message:
        return _syntax_error("invalid character class range", message.split()[-1])
    return _syntax_error("invalid or unsupported Perl syntax", expr)


@lru_cache(maxsize=512)
def compile_go(expr: str) -> re.Pattern[str]:
    """Compile an RE2 expression; raises GoRegexpError with Go's wording."""
    try:
        translated = _translate(expr)
    except GoRegexpError:
        raise
    try:
        return re.compile(translated)
    except re.error as err:
        raise _from_python_error(expr, err) from None


def must_compile_message(expr: str, err: GoRegexpError) -> str:
    """regexp.MustCompile's panic text."""
    quoted = f"`{expr}`" if "`" not in expr and "\n" not in expr else repr(expr)
    return f"regexp: Compile({quoted}): {err}"


def iter_matches(pattern: re.Pattern[str], text: str, limit: int = -1) -> Iterator[re.Match[str]]:
    """Go's successive matches: an empty match right after a previous match is skipped."""
    pos = 0
    previous_end = -1
    count = 0
    while (limit < 0 or count < limit) and pos <= len(text):
        match = pattern.search(text, pos)
        if match is None:
            break
        accept = True
        if match.end() == pos:
            if match.start() == previous_end:
                accept = False
            pos += 1
        else:
            pos = match.end()
        previous_end = match.end()
        if accept:
            count += 1
            yield match


def replace_all(
    pattern: re.Pattern[str], text: str, replacement: Callable[[re.Match[str]], str]
) -> str:
    out: list[str] = []
    last_end = 0
    search_pos = 0
    while search_pos <= len(text):
        match = pattern.search(text, search_pos)
        if match is None:
            break
        out.append(text[last_end : match.start()])
        if match.end() > last_end or match.start() == 0:
            out.append(replacement(match))
        last_end = match.end()
        if search_pos + 1 > match.end():
            search_pos += 1
        else:
            search_pos = match.end()
    out.append(text[last_end:])
    return "".join(out)


def _extract_name(template: str) -> tuple[str, str] | None:
    """The group name after a `$` and the rest of the template, or None when malformed."""
    braced = template.startswith("{")
    body = template[1:] if braced else template
    end = 0
    while end < len(body) and (body[end].isalnum() or body[end] == "_"):
        end += 1
    if end == 0:
        return None
    name = body[:end]
    rest = body[end:]
    if braced:
        if not rest.startswith("}"):
            return None
        rest = rest[1:]
    return name, rest


def expand(template: str, match: re.Match[str]) -> str:
    """Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups -> ""."""
    out: list[str] = []
    while template:
        before, sep, after = template.partition("$")
        out.append(before)
        if not sep:
            break
        template = after
        if template.startswith("$"):
            out.append("$")
            template = template[1:]
            continue
        extracted = _extract_name(template)
        if extracted is None:
            out.append("$")
            continue
        name, template = extracted
        group: str | None = None
        if name.isdigit() and not (name[0] == "0" and len(name) > 1):
            index = int(name)
            if index <= (match.re.groups or 0):
                group = match.group(index)
        elif name in match.re.groupindex:
            group = match.group(name)
        out.append(group or "")
    return "".join(out)


def quote_meta(text: str) -> str:
    return "".join("\\" + ch if ch in "\\.+*?()|[]{}^$" else ch for ch in text)


def split(pattern: re.Pattern[str], text: str, limit: int) -> list[str]:
    if limit == 0:
        return []
    if pattern.pattern and not text:
        return [""]
    parts: list[str] = []
    begin = end = 0
    for match in iter_matches(pattern, text, limit):
        if limit > 0 and len(parts) == limit - 1:
            break
        end = match.start()
        if match.end() != 0:
            parts.append(text[begin:end])
        begin = match.end()
    if end != len(text):
        parts.append(text[begin:])
    return parts
