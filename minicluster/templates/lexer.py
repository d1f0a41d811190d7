"""The text/template lexer: text, `{{ }}` actions with trim markers, comments and tokens.

Tokens carry the character offset where they start and their line, so that parse errors name
the line (`template: NAME:LINE: ...`) and exec errors the line and byte column of a node.
The whole input is tokenized eagerly; a lexical error becomes a final ERROR token, which the
parser reports when it reaches it (as Go's lexer does).
"""

from __future__ import annotations

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


class Item:
    __slots__ = ("typ", "pos", "val", "line")

    def __init__(self, typ: int, pos: int, val: str, line: int) -> None:
        self.typ = typ
        self.pos = pos
        self.val = val
        self.line = line

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
        return f"Item({self.typ}, {self.pos}, {self.val!r}, {self.line})"


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


class _Lexer:
    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.pos = 0
        self.start = 0
        self.line = 1
        self.start_line = 1
        self.items: list[Item] = []
        self.paren_depth = 0

    # -- helpers mirroring the scanner primitives
    def emit(self, typ: int) -> None:
        self.items.append(Item(typ, self.start, self.s[self.start : self.pos], self.start_line))
        self.start = self.pos
        self.start_line = self.line

    def ignore(self) -> None:
        self.line += self.s.count("\n", self.start, self.pos)
        self.start = self.pos
        self.start_line = self.line

    def error(self, msg: str) -> None:
        self.items.append(Item(ERROR, self.start, msg, self.start_line))

    def peek(self) -> str:
        return self.s[self.pos] if self.pos < self.n else ""

    def next(self) -> str:
        if self.pos >= self.n:
            self.pos = self.n + 1  # past the end: backup() restores n
            return ""
        c = self.s[self.pos]
        self.pos += 1
        if c == "\n":
            self.line += 1
        return c

    def backup(self) -> None:
        if self.pos > self.n:
            self.pos = self.n
            return
        if self.pos > 0:
            self.pos -= 1
            if self.s[self.pos] == "\n":
                self.line -= 1

    def accept(self, valid: str) -> bool:
        c = self.next()
        if c != "" and c in valid:
            return True
        self.backup()
        return False

    def accept_run(self, valid: str) -> None:
        while True:
            c = self.next()
            if c == "" or c not in valid:
                break
        self.backup()

    def at_right_delim(self) -> tuple[bool, bool]:
        s, p = self.s, self.pos
        if _has_right_trim(s, p) and s.startswith(RIGHT_DELIM_TEXT, p + 2):
            return True, True
        if s.startswith(RIGHT_DELIM_TEXT, p):
            return True, False
        return False, False

    def at_terminator(self) -> bool:
        c = self.peek()
        if c == "" or c in SPACE_CHARS or c in ".,|:)(":
            return True
        return self.s.startswith(RIGHT_DELIM_TEXT, self.pos)

    # -- states; each returns False to stop
    def run(self) -> list[Item]:
        inside = False
        while True:
            if not inside:
                r = self.lex_text()
                if r is None:
                    return self.items
                inside = r
            else:
                r = self.lex_inside_action()
                if r is None:
                    return self.items
                inside = r

    def lex_text(self) -> bool | None:
        s = self.s
        x = s.find(LEFT_DELIM_TEXT, self.pos)
        if x >= 0:
            if x > self.pos:
                self.pos = x
                trim = 0
                if _has_left_trim(s, x + 2):
                    seg = s[self.start : x]
                    trim = len(seg) - len(seg.rstrip(SPACE_CHARS))
                self.pos -= trim
                self.line += s.count("\n", self.start, self.pos)
                if self.pos > self.start:
                    self.emit(TEXT)
                else:
                    self.start = self.pos
                    self.start_line = self.line
                self.pos += trim
                self.ignore()
            return self.lex_left_delim()
        self.pos = self.n
        if self.pos > self.start:
            self.line += s.count("\n", self.start, self.pos)
            self.emit(TEXT)
        self.emit(EOF)
        return None

    def lex_left_delim(self) -> bool | None:
        s = self.s
        self.pos += 2
        trim = _has_left_trim(s, self.pos)
        after = 2 if trim else 0
        if s.startswith("/*", self.pos + after):
            self.pos += after
            self.ignore()
            return self.lex_comment()
        self.emit(LEFT_DELIM)
        self.pos += after
        self.ignore()
        self.paren_depth = 0
        return True

    def lex_comment(self) -> bool | None:
        s = self.s
        self.pos += 2
        x = s.find("*/", self.pos)
        if x < 0:
            self.error("unclosed comment")
            return None
        self.pos = x + 2
        delim, trim = self.at_right_delim()
        if not delim:
            self.error("comment ends before closing delimiter")
            return None
        if trim:
            self.pos += 2
        self.pos += 2
        if trim:
            rest = s[self.pos :]
            self.pos += len(rest) - len(rest.lstrip(SPACE_CHARS))
        self.ignore()
        return False

    def lex_right_delim(self) -> bool | None:
        _, trim = self.at_right_delim()
        if trim:
            self.pos += 2
            self.ignore()
        self.pos += 2
        self.emit(RIGHT_DELIM)
        if trim:
            s = self.s
            p = self.pos
            while p < self.n and s[p] in SPACE_CHARS:
                p += 1
            self.pos = p
            self.ignore()
        return False

    def lex_inside_action(self) -> bool | None:
        delim, _ = self.at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self.lex_right_delim()
            self.error("unclosed left paren")
            return None
        c = self.next()
        if c == "":
            self.error("unclosed action")
            return None
        if c in SPACE_CHARS:
            self.backup()
            return self.lex_space()
        if c == "=":
            self.emit(ASSIGN)
        elif c == ":":
            if self.next() != "=":
                self.error("expected :=")
                return None
            self.emit(DECLARE)
        elif c == "|":
            self.emit(PIPE)
        elif c == '"':
            return self.lex_quote()
        elif c == "`":
            return self.lex_raw_quote()
        elif c == "$":
            return self.lex_variable()
        elif c == "'":
            return self.lex_char()
        elif c == "." and self.pos < self.n and not ("0" <= self.s[self.pos] <= "9"):
            return self.lex_field_or_variable(FIELD)
        elif c == "." or c == "+" or c == "-" or "0" <= c <= "9":
            self.backup()
            return self.lex_number()
        elif is_alnum(c):
            self.backup()
            return self.lex_identifier()
        elif c == "(":
            self.paren_depth += 1
            self.emit(LEFT_PAREN)
        elif c == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self.error("unexpected right paren")
                return None
            self.emit(RIGHT_PAREN)
        elif ord(c) < 0x80 and c.isprintable():
            self.emit(CHAR)
        else:
            self.error(f"unrecognized character in action: {_unicode_print(c)}")
            return None
        return True

    def lex_space(self) -> bool | None:
        num = 0
        while True:
            c = self.peek()
            if c == "" or c not in SPACE_CHARS:
                break
            self.next()
            num += 1
        s = self.s
        if _has_right_trim(s, self.pos - 1) and s.startswith(RIGHT_DELIM_TEXT, self.pos + 1):
            self.backup()
            if num == 1:
                return self.lex_right_delim()
        self.emit(SPACE)
        return True

    def lex_identifier(self) -> bool | None:
        while True:
            c = self.next()
            if not is_alnum(c):
                self.backup()
                word = self.s[self.start : self.pos]
                if not self.at_terminator():
                    self.error(f"bad character {_unicode_print(self.peek())}")
                    return None
                kw = KEYWORDS.get(word)
                if kw is not None and kw > KEYWORD:
                    self.emit(kw)
                elif word[0] == ".":
                    self.emit(FIELD)
                elif word in ("true", "false"):
                    self.emit(BOOL)
                else:
                    self.emit(IDENTIFIER)
                return True

    def lex_variable(self) -> bool | None:
        if self.at_terminator():
            self.emit(VARIABLE)
            return True
        return self.lex_field_or_variable(VARIABLE)

    def lex_field_or_variable(self, typ: int) -> bool | None:
        if self.at_terminator():
            self.emit(VARIABLE if typ == VARIABLE else DOT)
            return True
        while True:
            c = self.next()
            if not is_alnum(c):
                self.backup()
                break
        if not self.at_terminator():
            self.error(f"bad character {_unicode_print(self.peek())}")
            return None
        self.emit(typ)
        return True

    def lex_char(self) -> bool | None:
        while True:
            c = self.next()
            if c == "\\":
                r = self.next()
                if r != "" and r != "\n":
                    continue
                self.error("unterminated character constant")
                return None
            if c == "" or c == "\n":
                self.error("unterminated character constant")
                return None
            if c == "'":
                break
        self.emit(CHAR_CONSTANT)
        return True

    def lex_number(self) -> bool | None:
        if not self.scan_number():
            self.error(f"bad number syntax: {_q(self.s[self.start : self.pos])}")
            return None
        sign = self.peek()
        if sign in ("+", "-") and sign != "":
            if not self.scan_number() or self.s[self.pos - 1] != "i":
                self.error(f"bad number syntax: {_q(self.s[self.start : self.pos])}")
                return None
            self.emit(COMPLEX)
            return True
        self.emit(NUMBER)
        return True

    def scan_number(self) -> bool:
        self.accept("+-")
        digits = "0123456789_"
        if self.accept("0"):
            if self.accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self.accept("oO"):
                digits = "01234567_"
            elif self.accept("bB"):
                digits = "01_"
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if len(digits) == 11 and self.accept("eE"):
            self.accept("+-")
            self.accept_run("0123456789_")
        if len(digits) == 23 and self.accept("pP"):
            self.accept("+-")
            self.accept_run("0123456789_")
        self.accept("i")
        if is_alnum(self.peek()):
            self.next()
            return False
        return True

    def lex_quote(self) -> bool | None:
        while True:
            c = self.next()
            if c == "\\":
                r = self.next()
                if r != "" and r != "\n":
                    continue
                self.error("unterminated quoted string")
                return None
            if c == "" or c == "\n":
                self.error("unterminated quoted string")
                return None
            if c == '"':
                break
        self.emit(STRING)
        return True

    def lex_raw_quote(self) -> bool | None:
        while True:
            c = self.next()
            if c == "":
                self.error("unterminated raw quoted string")
                return None
            if c == "`":
                break
        self.emit(RAW_STRING)
        return True


def _q(s: str) -> str:
    from .gofmt import go_quote

    return go_quote(s)


def lex(text: str) -> list[Item]:
    """All tokens of a template text, ending with EOF or an ERROR token."""
    return _Lexer(text).run()
