"""Sprig's string functions (strings.go and the goutils/xstrings helpers it calls).

Parameter annotations are Go's parameter types (str = string, int = int, Any = interface{}):
the engine checks arguments against them as text/template does.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Any

from minicluster.templates.functions import template_function
from minicluster.templates.gotypes import StringSlice

from . import _xstrings
from ._core import FunctionError, is_go_list, to_string, to_strings
from ._fmt import sprint
from ._gostr import (
    byte_len,
    byte_slice,
    from_utf8,
    go_quote,
    is_digit,
    is_letter,
    is_lower,
    is_space,
    is_title,
    is_upper,
    to_lower,
    to_title,
    to_upper,
    utf8,
)


class StringMap(dict):
    """map[string]string, what split/splitn return."""

    go_type = "map[string]string"


@template_function("hello")
def hello() -> str:
    return "Hello!"


@template_function("upper")
def upper(s: str) -> str:
    return "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in s)


@template_function("lower")
def lower(s: str) -> str:
    return "".join(to_lower(ch) for ch in s)


def _title_separator(ch: str) -> bool:
    if ord(ch) <= 0x7F:
        return not (ch.isascii() and (ch.isalnum() or ch == "_"))
    if is_letter(ch) or is_digit(ch):
        return False
    return is_space(ch)


@template_function("title")
def title(s: str) -> str:
    out = []
    previous = " "
    for ch in s:
        out.append(to_title(ch) if _title_separator(previous) else ch)
        previous = ch
    return "".join(out)


@template_function("untitle")
def untitle(s: str) -> str:
    out = []
    at_word_start = True
    for ch in s:
        if is_space(ch):
            at_word_start = True
            out.append(ch)
        elif at_word_start:
            out.append(to_lower(ch))
            at_word_start = False
        else:
            out.append(ch)
    return "".join(out)


@template_function("substr")
def substr(start: int, end: int, s: str) -> str:
    if start < 0:
        return byte_slice(s, None, end)
    if end < 0 or end > byte_len(s):
        return byte_slice(s, start, None)
    return byte_slice(s, start, end)


@template_function("repeat")
def repeat(count: int, s: str) -> str:
    if count < 0:
        raise FunctionError("strings: negative Repeat count")
    return s * count


@template_function("trim")
def trim(s: str) -> str:
    start, end = 0, len(s)
    while start < end and is_space(s[start]):
        start += 1
    while end > start and is_space(s[end - 1]):
        end -= 1
    return s[start:end]


def _trim_all(cutset: str, s: str) -> str:
    return s.strip(cutset) if cutset else s


template_function("trimAll")(_trim_all)
template_function("trimall")(_trim_all)


@template_function("trimSuffix")
def trim_suffix(suffix: str, s: str) -> str:
    return s[: len(s) - len(suffix)] if suffix and s.endswith(suffix) else s


@template_function("trimPrefix")
def trim_prefix(prefix: str, s: str) -> str:
    return s[len(prefix) :] if s.startswith(prefix) else s


# goutils walks these strings byte by byte and turns each kept byte into the rune of the same
# number, so non-ASCII text comes out as Latin-1 mojibake ("Élan" -> "Ã"), as in Helm.
_BYTE_SPACES = frozenset(b"\t\n\v\f\r \x85\xa0")


@template_function("nospace")
def nospace(s: str) -> str:
    data = utf8(s)
    kept = [b for b in data if b not in _BYTE_SPACES]
    if len(kept) == len(data):
        return s  # nothing removed: goutils returns the string untouched
    return "".join(chr(b) for b in kept)


@template_function("initials")
def initials(s: str) -> str:
    out = []
    after_gap = True
    for b in utf8(s):
        if b in _BYTE_SPACES:
            after_gap = True
        elif after_gap:
            out.append(chr(b))
            after_gap = False
    return "".join(out)


@template_function("swapcase")
def swapcase(s: str) -> str:
    """goutils.SwapCase: a lower-case letter becomes title case at the start of a word (after
    whitespace), upper case elsewhere; upper and title case letters become lower case."""
    out = []
    at_word_start = True
    for ch in s:
        if is_upper(ch) or is_title(ch):
            out.append(to_lower(ch))
            at_word_start = False
        elif is_lower(ch):
            out.append(to_title(ch) if at_word_start else to_upper(ch))
            at_word_start = False
        else:
            at_word_start = is_space(ch)
            out.append(ch)
    return "".join(out)


@template_function("snakecase")
def snakecase(s: str) -> str:
    return _xstrings.to_snake_case(s)


@template_function("kebabcase")
def kebabcase(s: str) -> str:
    return _xstrings.to_kebab_case(s)


@template_function("camelcase")
def camelcase(s: str) -> str:
    return _xstrings.to_camel_case(s)


def _wrap_custom(text: str, width: int, newline: str, wrap_long_words: bool) -> str:
    """goutils.WrapCustom, on bytes as Go does."""
    if not text:
        return ""
    data = utf8(text)
    sep = utf8(newline or "\n")
    width = max(width, 1)
    offset = 0
    out = bytearray()
    while len(data) - offset > width:
        if data[offset : offset + 1] == b" ":
            offset += 1
            continue
        window = data[offset : width + offset + 1]
        space_at = window.rfind(b" ") + offset
        if space_at >= offset:
            out += data[offset:space_at] + sep
            offset = space_at + 1
        elif wrap_long_words:
            out += data[offset : offset + width] + sep
            offset += width
        else:
            end = width + offset
            index = data.find(b" ", end)
            if index == -1:
                out += data[offset:]
                offset = len(data)
            else:
                out += data[offset:index] + sep
                offset = index + 1
    out += data[offset:]
    return from_utf8(bytes(out))


@template_function("wrap")
def wrap(width: int, s: str) -> str:
    return _wrap_custom(s, width, "", False)


@template_function("wrapWith")
def wrap_with(width: int, sep: str, s: str) -> str:
    return _wrap_custom(s, width, sep, True)


@template_function("contains")
def contains(substr: str, s: str) -> bool:
    return substr in s


@template_function("hasPrefix")
def has_prefix(prefix: str, s: str) -> bool:
    return s.startswith(prefix)


@template_function("hasSuffix")
def has_suffix(suffix: str, s: str) -> bool:
    return s.endswith(suffix)


@template_function("quote")
def quote(*values: Any) -> str:
    return " ".join(go_quote(to_string(v)) for v in values if v is not None)


@template_function("squote")
def squote(*values: Any) -> str:
    return " ".join(f"'{sprint(v)}'" for v in values if v is not None)


@template_function("cat")
def cat(*values: Any) -> str:
    return " ".join(sprint(v) for v in values if v is not None)


def _indent(spaces: int, text: str) -> str:
    if spaces < 0:
        raise FunctionError("strings: negative Repeat count")
    pad = " " * spaces
    return pad + text.replace("\n", "\n" + pad)


@template_function("indent")
def indent(spaces: int, s: str) -> str:
    return _indent(spaces, s)


@template_function("nindent")
def nindent(spaces: int, s: str) -> str:
    return "\n" + _indent(spaces, s)


@template_function("replace")
def replace(old: str, new: str, s: str) -> str:
    return s.replace(old, new)


@template_function("plural")
def plural(one: str, many: str, count: int) -> str:
    return one if count == 1 else many


@template_function("sha1sum")
def sha1sum(s: str) -> str:
    return hashlib.sha1(utf8(s)).hexdigest()


@template_function("sha256sum")
def sha256sum(s: str) -> str:
    return hashlib.sha256(utf8(s)).hexdigest()


@template_function("sha512sum")
def sha512sum(s: str) -> str:
    return hashlib.sha512(utf8(s)).hexdigest()


@template_function("adler32sum")
def adler32sum(s: str) -> str:
    return str(zlib.adler32(utf8(s)))


@template_function("toString")
def to_string_fn(value: Any) -> str:
    return to_string(value)


@template_function("toStrings")
def to_strings_fn(value: Any) -> StringSlice:
    return to_strings(value)


def _go_split(s: str, sep: str, limit: int = -1) -> list[str]:
    """strings.SplitN: an empty separator splits after each UTF-8 sequence."""
    if limit == 0:
        return []
    if sep == "":
        chars = list(s)
        if 0 < limit < len(chars):
            return chars[: limit - 1] + ["".join(chars[limit - 1 :])]
        return chars
    if limit < 0:
        return s.split(sep)
    return s.split(sep, limit - 1)


@template_function("split")
def split(sep: str, s: str) -> StringMap:
    return StringMap((f"_{i}", part) for i, part in enumerate(_go_split(s, sep)))


@template_function("splitn")
def splitn(sep: str, n: int, s: str) -> StringMap:
    return StringMap((f"_{i}", part) for i, part in enumerate(_go_split(s, sep, n)))


@template_function("splitList")
def split_list(sep: str, s: str) -> StringSlice:
    return StringSlice(_go_split(s, sep))


@template_function("join")
def join(sep: str, values: Any) -> str:
    return sep.join(to_strings(values))


@template_function("sortAlpha")
def sort_alpha(values: Any) -> StringSlice:
    if is_go_list(values):
        return StringSlice(sorted(to_strings(values), key=utf8))
    return StringSlice([to_string(values)])


def _abbreviate(text: str, offset: int, width: int) -> str:
    """goutils.AbbreviateFull on bytes; an illegal width yields ""."""
    if not text:
        return ""
    data = utf8(text)
    if width < 4:
        return ""
    if len(data) <= width:
        return text
    offset = min(offset, len(data))
    if len(data) - offset < width - 3:
        offset = len(data) - (width - 3)
    if offset <= 4:
        return from_utf8(data[: width - 3]) + "..."
    if width < 7:
        return ""
    if offset + width - 3 < len(data):
        return "..." + _abbreviate(from_utf8(data[offset:]), 0, width - 3)
    return "..." + from_utf8(data[len(data) - (width - 3) :])


@template_function("abbrev")
def abbrev(width: int, s: str) -> str:
    if width < 4:
        return s
    return _abbreviate(s, 0, width)


@template_function("abbrevboth")
def abbrevboth(left: int, right: int, s: str) -> str:
    if right < 4 or (left > 0 and right < 7):
        return s
    return _abbreviate(s, left, right)


@template_function("trunc")
def trunc(c: int, s: str) -> str:
    length = byte_len(s)
    if c < 0 and length + c > 0:
        return byte_slice(s, length + c, None)
    if c >= 0 and length > c:
        return byte_slice(s, None, c)
    return s
