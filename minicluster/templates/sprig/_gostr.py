"""Go's view of strings: byte offsets, unicode classes and strconv.Quote."""

from __future__ import annotations

import codecs
import unicodedata

from minicluster.templates.functions import FunctionError
from minicluster.templates.gofmt import go_quote  # noqa: F401 - re-exported to the Sprig modules

# unicode.IsSpace: Latin-1 spaces plus the White_Space property (Python's isspace() also
# counts the ASCII separators U+001C..U+001F, which Go does not).
_LATIN1_SPACE = frozenset("\t\n\v\f\r \x85\xa0")


def is_space(ch: str) -> bool:
    if ord(ch) <= 0xFF:
        return ch in _LATIN1_SPACE
    return ch.isspace()


def category(ch: str) -> str:
    return unicodedata.category(ch)


def is_letter(ch: str) -> bool:
    return category(ch).startswith("L")


def is_upper(ch: str) -> bool:
    return category(ch) == "Lu"


def is_lower(ch: str) -> bool:
    return category(ch) == "Ll"


def is_title(ch: str) -> bool:
    return category(ch) == "Lt"


def is_digit(ch: str) -> bool:
    return category(ch) == "Nd"


def is_number(ch: str) -> bool:
    return category(ch).startswith("N")


def is_punct(ch: str) -> bool:
    return category(ch).startswith("P")


def to_upper(ch: str) -> str:
    """unicode.ToUpper maps one rune to one rune (Python's upper() may expand: ß -> SS)."""
    up = ch.upper()
    return up if len(up) == 1 else ch


def to_lower(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def to_title(ch: str) -> str:
    title = ch.title()
    return title if len(title) == 1 else to_upper(ch)


def utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


def _go_replace(error: UnicodeError) -> tuple[str, int]:
    # Go decodes an invalid sequence one byte at a time: one U+FFFD per bad byte.
    return "\ufffd", error.start + 1  # type: ignore[attr-defined]


codecs.register_error("go-replace", _go_replace)


def from_utf8(data: bytes) -> str:
    """Bytes back to text; every byte of a broken UTF-8 sequence shows as U+FFFD."""
    return data.decode("utf-8", errors="go-replace")


def byte_len(text: str) -> int:
    return len(utf8(text))


class SliceBoundsError(FunctionError):
    """Go's runtime panic for an out-of-range slice expression."""


def slice_bounds(length: int, low: int | None, high: int | None, kind: str = "length") -> None:
    """Raise Go's runtime message when x[low:high] is out of range (kind: length|capacity)."""
    lo = 0 if low is None else low
    hi = length if high is None else high
    prefix = "runtime error: slice bounds out of range"
    if hi < 0:
        raise SliceBoundsError(f"{prefix} [:{hi}]")
    if hi > length:
        raise SliceBoundsError(f"{prefix} [:{hi}] with {kind} {length}")
    if lo < 0:
        raise SliceBoundsError(f"{prefix} [{lo}:]")
    if lo > hi:
        raise SliceBoundsError(f"{prefix} [{lo}:{hi}]")


def byte_slice(text: str, low: int | None = None, high: int | None = None) -> str:
    data = utf8(text)
    slice_bounds(len(data), low, high)
    return from_utf8(data[low:high])


