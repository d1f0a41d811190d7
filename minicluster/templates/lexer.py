"""The text/template lexer: text, `{{ }}` actions with trim markers, comments and tokens.

Tokens carry the character offset where they start and their line, so that parse errors name
the line (`template: NAME:LINE: ...`) and exec errors the line and byte column of a node.
The whole input is tokenized eagerly; a lexical error becomes a final ERROR token, which the
parser reports when it reaches it (as Go's lexer does).
"""

from __future__ import annotations

import bisect
import re
import unicodedata

ERROR = 0
BOOL = 1
CHAR = 2
CHAR_CONSTANT = 3
COMPLEX = 5
ASSIGN = 6
DECLARE = 7
EOF = 8
FIELD = 9
IDENTIFIER = 10
LEFT_DELIM = 11
LEFT_PAREN = 12
NUMBER = 13
PIPE = 14
RAW_STRING = 15
RIGHT_DELIM = 16
RIGHT_PAREN = 17
SPACE = 18
STRING = 19
TEXT = 20
VARIABLE = 21
KEYWORD = 30  # keywords sort after this
BLOCK = 31
BREAK = 32
CONTINUE = 33
DOT = 34
DEFINE = 35
ELSE = 36
END = 37
IF = 38
NIL = 39
RANGE = 40
TEMPLATE = 41
WITH = 42

KEYWORDS = {
    ".": DOT,
    "block": BLOCK,
    "break": BREAK,
    "continue": CONTINUE,
    "define": DEFINE,
    "else": ELSE,
    "end": END,
    "if": IF,
    "range": RANGE,
    "nil": NIL,
    "template": TEMPLATE,
    "with": WITH,
}

SPACE_CHARS = " \t\r\n"
LEFT_DELIM_TEXT = "{{"
RIGHT_DELIM_TEXT = "}}"


class _Lines:
    """Line numbers by offset, computed only when an error needs one."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def line(self, pos: int) -> int:
        if self.starts is None:
            starts = []
            i = self.text.find("\n")
            while i >= 0:
                starts.append(i)
                i = self.text.find("\n", i + 1)
            self.starts = starts
        return 1 + bisect.bisect_left(self.starts, pos)


class Item:
    __slots__ = ("typ", "pos", "val", "_lines")

    def __init__(self, typ: int, pos: int, val: str, lines: _Lines) -> None:
        self.typ = typ
        self.pos = pos
        self.val = val
        self._lines = lines

    @property
    def line(self) -> int:
        """1 + the number of newlines before the token (what Go's lexer tracks)."""
        return self._lines.line(self.pos)

    def __str__(self) -> str:
        # Go's item.String(): used in "unexpected X in Y" messages
        if self.typ == EOF:
            return "EOF"
        if self.typ == ERROR:
            return self.val
        if self.typ > KEYWORD:
            return f"<{self.val}>"
        if len(self.val) > 10:
            from .gofmt import go_quote

            # %.10q quotes the first ten characters
            return go_quote(self.val[:10]) + "..."
        from .gofmt import go_quote

        return go_quote(self.val)

    def __repr__(self) -> str:
        return f"Item({self.typ}, {self.pos}, {self.val!r})"


def is_space(c: str) -> bool:
    return c in SPACE_CHARS and c != ""


def is_alnum(c: str) -> bool:
    if c == "" or c is None:
        return False
    if c == "_" or ("a" <= c <= "z") or ("A" <= c <= "Z") or ("0" <= c <= "9"):
        return True
    if ord(c) < 0x80:
        return False
    return c.isalpha() or unicodedata.category(c) == "Nd"


def _has_left_trim(s: str, i: int) -> bool:
    return len(s) >= i + 2 and s[i] == "-" and s[i + 1] in SPACE_CHARS


def _has_right_trim(s: str, i: int) -> bool:
    return len(s) >= i + 2 and s[i] in SPACE_CHARS and s[i + 1] == "-"


def _unicode_print(c: str) -> str:
    o = ord(c)
    return f"U+{o:04X} '{c}'" if c.isprintable() else f"U+{o:04X}"


_ASCII_ALNUM = re.compile(r"[A-Za-z0-9_]*")
_SPACES = re.compile(r"[ \t\r\n]+")
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\[^\n])*"')
_CHARCONST = re.compile(r"'(?:[^'\\\n]|\\[^\n])*'")


class _Lexer:
    """Go's lexer state machine, with regular expressions for the long runs."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.items: list[Item] = []
        self.lines = _Lines(text)

    def emit(self, typ: int, start: int, end: int) -> None:
        self.items.append(Item(typ, start, self.s[start:end], self.lines))

    def error(self, msg: str, start: int) -> list[Item]:
        self.items.append(Item(ERROR, start, msg, self.lines))
        return self.items

    def alnum_end(self, p: int) -> int:
        """End of the run of Go alphanumerics (letters, digits, `_`) starting at p."""
        s, n = self.s, self.n
        while True:
            m = _ASCII_ALNUM.match(s, p)
            p = m.end() if m else p
            if p < n and ord(s[p]) >= 0x80 and is_alnum(s[p]):
                p += 1
                continue
            return p

    def at_terminator(self, p: int) -> bool:
        if p >= self.n:
            return True
        c = self.s[p]
        return c in SPACE_CHARS or c in ".,|:)(" or self.s.startswith(RIGHT_DELIM_TEXT, p)

    def run(self) -> list[Item]:
        s, n = self.s, self.n
        p = 0
        while True:
            # -- text up to the next action
            x = s.find(LEFT_DELIM_TEXT, p)
            if x < 0:
                if n > p:
                    self.emit(TEXT, p, n)
                self.items.append(Item(EOF, n, "", self.lines))
                return self.items
            text_end = x
            if _has_left_trim(s, x + 2):
                seg = s[p:x]
                text_end = p + len(seg.rstrip(SPACE_CHARS))
            if text_end > p:
                self.emit(TEXT, p, text_end)
            # -- the left delimiter, or a comment
            q = x + 2
            after = q + 2 if _has_left_trim(s, q) else q
            if s.startswith("/*", after):
                start = after
                close = s.find("*/", after + 2)
                if close < 0:
                    return self.error("unclosed comment", start)
                e = close + 2
                if _has_right_trim(s, e) and s.startswith(RIGHT_DELIM_TEXT, e + 2):
                    e += 4
                    while e < n and s[e] in SPACE_CHARS:
                        e += 1
                elif s.startswith(RIGHT_DELIM_TEXT, e):
                    e += 2
                else:
                    return self.error("comment ends before closing delimiter", start)
                p = e
                continue
            self.emit(LEFT_DELIM, x, q)
            p = after
            r = self.inside_action(p)
            if r is None:
                return self.items
            p = r

    def inside_action(self, p: int) -> int | None:
        """Lex one action starting at p; returns the position after its right delimiter."""
        s, n = self.s, self.n
        items = self.items
        lines = self.lines
        depth = 0
        while True:
            if p >= n:
                self.error("unclosed action", p)
                return None
            c = s[p]
            if c == "}" and s.startswith(RIGHT_DELIM_TEXT, p):
                if depth != 0:
                    self.error("unclosed left paren", p)
                    return None
                return self.right_delim(p, False)
            if c in SPACE_CHARS:
                m = _SPACES.match(s, p)
                assert m is not None
                e = m.end()
                # " -}}": the last space belongs to the trim-marked right delimiter
                if e < n and s[e] == "-" and s.startswith(RIGHT_DELIM_TEXT, e + 1):
                    if e - p == 1:
                        if depth != 0:
                            self.error("unclosed left paren", p)
                            return None
                        return self.right_delim(p, True)
                    items.append(Item(SPACE, p, s[p : e - 1], lines))
                    p = e - 1
                    continue
                items.append(Item(SPACE, p, s[p:e], lines))
                p = e
            elif c == "=":
                self.emit(ASSIGN, p, p + 1)
                p += 1
            elif c == ":":
                if s[p + 1 : p + 2] != "=":
                    self.error("expected :=", p)
                    return None
                self.emit(DECLARE, p, p + 2)
                p += 2
            elif c == "|":
                self.emit(PIPE, p, p + 1)
                p += 1
            elif c == '"':
                m = _QUOTED.match(s, p)
                if m is None:
                    self.error("unterminated quoted string", p)
                    return None
                self.emit(STRING, p, m.end())
                p = m.end()
            elif c == "`":
                e = s.find("`", p + 1)
                if e < 0:
                    self.error("unterminated raw quoted string", p)
                    return None
                self.emit(RAW_STRING, p, e + 1)
                p = e + 1
            elif c == "$":
                if self.at_terminator(p + 1):
                    self.emit(VARIABLE, p, p + 1)
                    p += 1
                    continue
                e = self.alnum_end(p + 1)
                if not self.at_terminator(e):
                    self.error(f"bad character {_unicode_print(s[e])}", p)
                    return None
                self.emit(VARIABLE, p, e)
                p = e
            elif c == "'":
                m = _CHARCONST.match(s, p)
                if m is None:
                    self.error("unterminated character constant", p)
                    return None
                self.emit(CHAR_CONSTANT, p, m.end())
                p = m.end()
            elif c == "." and p + 1 < n and not ("0" <= s[p + 1] <= "9"):
                if self.at_terminator(p + 1):
                    self.emit(DOT, p, p + 1)
                    p += 1
                    continue
                e = self.alnum_end(p + 1)
                if not self.at_terminator(e):
                    self.error(f"bad character {_unicode_print(s[e])}", p)
                    return None
                items.append(Item(FIELD, p, s[p:e], lines))
                p = e
            elif c in ".+-" or "0" <= c <= "9":
                e = self.number_end(p)
                if e < 0:
                    return None
                p = e
            elif is_alnum(c):
                e = self.alnum_end(p)
                if not self.at_terminator(e):
                    self.error(f"bad character {_unicode_print(s[e])}", p)
                    return None
                word = s[p:e]
                kw = KEYWORDS.get(word)
                if kw is not None and kw > KEYWORD:
                    self.emit(kw, p, e)
                elif word in ("true", "false"):
                    self.emit(BOOL, p, e)
                else:
                    self.emit(IDENTIFIER, p, e)
                p = e
            elif c == "(":
                depth += 1
                self.emit(LEFT_PAREN, p, p + 1)
                p += 1
            elif c == ")":
                depth -= 1
                if depth < 0:
                    self.error("unexpected right paren", p)
                    return None
                self.emit(RIGHT_PAREN, p, p + 1)
                p += 1
            elif ord(c) < 0x80 and c.isprintable():
                self.emit(CHAR, p, p + 1)
                p += 1
            else:
                self.error(f"unrecognized character in action: {_unicode_print(c)}", p)
                return None

    def right_delim(self, p: int, trim: bool) -> int:
        s, n = self.s, self.n
        if trim:
            p += 2
        self.emit(RIGHT_DELIM, p, p + 2)
        p += 2
        if trim:
            while p < n and s[p] in SPACE_CHARS:
                p += 1
        return p

    def number_end(self, start: int) -> int:
        """scanNumber (and a complex tail); emits the token, or an error and returns -1."""
        e = _scan_number(self.s, start)
        if e < 0:
            bad = -e
            self.error(f"bad number syntax: {_q(self.s[start:bad])}", start)
            return -1
        if e < self.n and self.s[e] in "+-":
            e2 = _scan_number(self.s, e)
            if e2 < 0 or self.s[e2 - 1] != "i":
                bad = -e2 if e2 < 0 else e2
                self.error(f"bad number syntax: {_q(self.s[start:bad])}", start)
                return -1
            self.emit(COMPLEX, start, e2)
            return e2
        self.emit(NUMBER, start, e)
        return e


def _scan_number(s: str, p: int) -> int:
    """Go's scanNumber from p: the end position, or -(end) when followed by an alphanumeric."""
    n = len(s)

    def accept(valid: str) -> bool:
        nonlocal p
        if p < n and s[p] in valid:
            p += 1
            return True
        return False

    def accept_run(valid: str) -> None:
        nonlocal p
        while p < n and s[p] in valid:
            p += 1

    accept("+-")
    digits = "0123456789_"
    if accept("0"):
        if accept("xX"):
            digits = "0123456789abcdefABCDEF_"
        elif accept("oO"):
            digits = "01234567_"
        elif accept("bB"):
            digits = "01_"
    accept_run(digits)
    if accept("."):
        accept_run(digits)
    if len(digits) == 11 and accept("eE"):
        accept("+-")
        accept_run("0123456789_")
    if len(digits) == 23 and accept("pP"):
        accept("+-")
        accept_run("0123456789_")
    accept("i")
    if p < n and is_alnum(s[p]):
        return -(p + 1)
    return p


def _q(s: str) -> str:
    from .gofmt import go_quote

    return go_quote(s)


def lex(text: str) -> list[Item]:
    """All tokens of a template text, ending with EOF or an ERROR token."""
    return _Lexer(text).run()
