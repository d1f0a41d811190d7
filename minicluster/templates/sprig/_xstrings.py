"""huandu/xstrings case conversions as Sprig v3.3.0 uses them (snakecase, kebabcase, camelcase). Behaviour reimplemented from the library's documented word-splitting rules."""

from __future__ import annotations

from ._gostr import (
    is_letter,
    is_number,
    is_punct,
    is_space,
    is_upper,
    to_lower,
    to_upper,
)

INVALID, NUMBER, UPPER, ALPHA, CONNECTOR, PUNCT, OTHER = range(7)


def _is_connector(ch: str) -> bool:
    return ch in "-_" or is_space(ch)


def _is_alphabet(ch: str) -> bool:
    """A letter that is not a CJK ideograph."""
    if not is_letter(ch):
        return False
    code = ord(ch)
    if code < 0x3400:
        return True
    return not (0x4E00 <= code <= 0x9FCC or 0x3400 <= code <= 0x4D85 or 0x20000 <= code <= 0x2B81D)


def _next_word(text: str) -> tuple[int, str, str]:
    """Split off the leading word: (kind, word, remaining)."""
    if not text:
        return INVALID, "", ""
    first = text[0]
    if first == "\ufffd":
        return INVALID, first, text[1:]
    end = 1
    if _is_connector(first):
        kind = CONNECTOR
        while end < len(text) and _is_connector(text[end]):
            end += 1
    elif is_punct(first):
        kind = PUNCT
        while end < len(text) and is_punct(text[end]):
            end += 1
    elif is_upper(first):
        kind = UPPER
        if end < len(text):
            second = text[end]
            if is_upper(second):
                while end < len(text) and is_upper(text[end]):
                    end += 1
                # "HTTPStatus" splits as "HTTP" + "Status": the last capital starts the next word.
                if end < len(text) and _is_alphabet(text[end]):
                    end -= 1
            elif _is_alphabet(second):
                while end < len(text) and _is_alphabet(text[end]) and not is_upper(text[end]):
                    end += 1
    elif _is_alphabet(first):
        kind = ALPHA
        while end < len(text) and _is_alphabet(text[end]) and not is_upper(text[end]):
            end += 1
    elif is_number(first):
        kind = NUMBER
        while end < len(text) and is_number(text[end]):
            end += 1
    else:
        kind = OTHER
        while end < len(text):
            ch = text[end]
            if _is_connector(ch) or _is_alphabet(ch) or is_number(ch) or is_punct(ch):
                break
            end += 1
    return kind, text[:end], text[end:]


def _lower_word(out: list[str], kind: int, word: str, connector: str) -> None:
    if kind not in (UPPER, CONNECTOR):
        out.append(word)
        return
    for ch in word:
        if _is_connector(ch):
            out.append(connector)
        elif is_upper(ch):
            out.append(to_lower(ch))
        else:
            out.append(ch)


def _to_lower_case(text: str, connector: str) -> str:
    if not text:
        return ""
    out: list[str] = []
    kind, word, remaining = _next_word(text)
    while remaining:
        if kind != CONNECTOR:
            _lower_word(out, kind, word, connector)
        previous, last = kind, word
        kind, word, remaining = _next_word(remaining)
        if previous == NUMBER:
            while kind in (ALPHA, NUMBER):
                _lower_word(out, kind, word, connector)
                kind, word, remaining = _next_word(remaining)
            if kind not in (INVALID, PUNCT, CONNECTOR):
                out.append(connector)
        elif previous == CONNECTOR:
            _lower_word(out, previous, last, connector)
        elif previous == PUNCT:
            pass
        else:
            if kind != NUMBER:
                if kind not in (CONNECTOR, PUNCT):
                    out.append(connector)
                continue
            if not remaining:
                continue
            number = word
            kind, word, remaining = _next_word(remaining)
            if kind != ALPHA:
                # A number glued to the previous word stays part of it ("Bld4Floor").
                _lower_word(out, NUMBER, number, connector)
                if kind not in (CONNECTOR, PUNCT):
                    out.append(connector)
                continue
            # Lower-case letters after a number start a new word ("HTTP2xx" -> "http_2xx").
            out.append(connector)
            _lower_word(out, NUMBER, number, connector)
            while kind in (ALPHA, NUMBER):
                _lower_word(out, kind, word, connector)
                kind, word, remaining = _next_word(remaining)
            if kind not in (INVALID, CONNECTOR, PUNCT):
                out.append(connector)
    _lower_word(out, kind, word, connector)
    return "".join(out)


def to_snake_case(text: str) -> str:
    return _to_lower_case(text, "_")


def to_kebab_case(text: str) -> str:
    return _to_lower_case(text, "-")


def to_camel_case(text: str) -> str:
    """Connectors (space, -, _) are dropped and the next rune upper-cased; leading and doubled
    connectors are kept. Inside a word that starts with a capital, a letter that follows a
    capital is lower-cased ("HTTPServer" -> "Httpserver", "aBC" -> "ABC"), as Helm's Sprig
    does (checked against Helm: xstrings v1.5.0)."""
    if not text:
        return ""
    out: list[str] = []
    i = 0
    while i < len(text) and _is_connector(text[i]):
        out.append(text[i])
        i += 1
    if i == len(text):
        # The last connector is written a second time ("_" -> "__").
        return "".join(out) + text[-1]
    first = text[i]
    current = to_upper(first)
    word_capitalized = is_upper(first)
    previous_original = first
    for ch in text[i + 1 :]:
        previous, current = current, ch
        if _is_connector(ch) and _is_connector(previous_original):
            out.append(previous)
        elif _is_connector(previous_original):
            current = to_upper(ch)
            word_capitalized = is_upper(ch)
        else:
            out.append(previous)
            if word_capitalized and is_upper(previous_original):
                current = to_lower(ch)
        previous_original = ch
    out.append(current)
    return "".join(out)
