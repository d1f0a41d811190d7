"""Turns shell source into tokens: operators, newlines, IO numbers and words.

Words are parsed into their parts (quotes, `$` expansions, command substitutions) right here,
because where a word ends depends on its quoting. Here-document bodies are read when the lexer
reaches the end of the line that introduced them, as the shell grammar requires."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .ast import (
    Arith,
    CommandSub,
    DoubleQuoted,
    Escaped,
    HereDoc,
    Lit,
    Node,
    Param,
    Part,
    SingleQuoted,
    Word,
)
from .errors import ShellSyntaxError

OPERATORS = ("&&", "||", ";;", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", ";", "&", "|", "(", ")", "<", ">")
METACHARS = set(" \t\n;&|<>()")
SPECIAL_PARAMS = set("@*#?-$!0123456789")
PARAM_OPS = (":-", ":=", ":?", ":+", "-", "=", "?", "+", "%%", "%", "##", "#")


@dataclass
class Token:
    kind: str  # "word" | "op" | "newline" | "io_number" | "eof"
    value: str
    line: int
    word: Word | None = None


def is_name(text: str) -> bool:
    return bool(text) and (text[0].isalpha() or text[0] == "_") and all(
        c.isalnum() or c == "_" for c in text
    ) and text.isascii()


class Lexer:
    def __init__(
        self, source: str, subparse: Callable[[str, int], Node], line: int = 1,
        bash: bool = False,
    ) -> None:
        self.bash = bash  # ${V:offset:length} and ${V/pattern/replacement} (bash, BusyBox ash)
        self.src = source
        self.pos = 0
        self.line = line
        self.subparse = subparse
        self.pending_heredocs: list[HereDoc] = []
        self._expect_heredoc_word: tuple[bool] | None = None

    # -- characters -------------------------------------------------------------------------
    def _peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.src[i] if i < len(self.src) else ""

    def _skip_continuations(self) -> None:
        while self.src.startswith("\\\n", self.pos):
            self.pos += 2
            self.line += 1

    # -- tokens -----------------------------------------------------------------------------
    def next(self) -> Token:
        while True:
            self._skip_continuations()
            c = self._peek()
            if c in (" ", "\t"):
                self.pos += 1
                continue
            if c == "#":
                while self._peek() not in ("", "\n"):
                    self.pos += 1
                continue
            break
        line = self.line
        if c == "":
            return Token("eof", "", line)
        if c == "\n":
            self.pos += 1
            self.line += 1
            self._read_heredoc_bodies()
            return Token("newline", "\n", line)
        for op in OPERATORS:
            if self.src.startswith(op, self.pos):
                self.pos += len(op)
                if op in ("<<", "<<-"):
                    self._expect_heredoc_word = (op == "<<-",)
                return Token("op", op, line)
        start = self.pos
        if c.isdigit():
            j = self.pos
            while j < len(self.src) and self.src[j].isdigit():
                j += 1
            if j < len(self.src) and self.src[j] in "<>":
                self.pos = j
                return Token("io_number", self.src[start:j], line)
        word = self._read_word()
        token = Token("word", word.raw, line, word)
        if self._expect_heredoc_word is not None:
            strip = self._expect_heredoc_word[0]
            self._expect_heredoc_word = None
            delim = "".join(_unquoted_text(p) for p in word.parts)
            heredoc = HereDoc(delim, strip, word.has_quotes())
            self.pending_heredocs.append(heredoc)
            token.heredoc = heredoc  # type: ignore[attr-defined]
        return token

    def _read_heredoc_bodies(self) -> None:
        pending, self.pending_heredocs = self.pending_heredocs, []
        for doc in pending:
            body_line = self.line
            lines: list[str] = []
            while True:
                if self.pos >= len(self.src):
                    break  # dash ends the document at end of file without complaint
                end = self.src.find("\n", self.pos)
                if end == -1:
                    text, self.pos = self.src[self.pos:], len(self.src)
                else:
                    text, self.pos = self.src[self.pos:end], end + 1
                self.line += 1
                if doc.strip_tabs:
                    text = text.lstrip("\t")
                if text == doc.delimiter:
                    break
                lines.append(text + "\n")
            raw = "".join(lines)
            if doc.quoted:
                doc.body = Word([Lit(raw)], raw, body_line)
            else:
                doc.body = Word(self._heredoc_parts(raw, body_line), raw, body_line)

    def _heredoc_parts(self, raw: str, line: int) -> list[Part]:
        sub = Lexer(raw, self.subparse, line, self.bash)
        return sub._read_quoted_parts(terminator="", heredoc=True)

    # -- words ------------------------------------------------------------------------------
    def _read_word(self) -> Word:
        start = self.pos
        line = self.line
        parts: list[Part] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                parts.append(Lit("".join(buf)))
                buf.clear()

        while True:
            self._skip_continuations()
            c = self._peek()
            if c == "" or c in METACHARS:
                break
            if c == "'":
                flush()
                end = self.src.find("'", self.pos + 1)
                if end == -1:
                    raise ShellSyntaxError("Unterminated quoted string", self.line)
                text = self.src[self.pos + 1:end]
                self.line += text.count("\n")
                parts.append(SingleQuoted(text))
                self.pos = end + 1
            elif c == '"':
                flush()
                self.pos += 1
                inner = self._read_quoted_parts(terminator='"')
                parts.append(DoubleQuoted(inner))
            elif c == "\\":
                flush()
                nxt = self._peek(1)
                if nxt == "":
                    buf.append("\\")
                    self.pos += 1
                else:
                    parts.append(Escaped(nxt))
                    self.pos += 2
                    if nxt == "\n":
                        self.line += 1
            elif c == "$":
                part = self._read_dollar(in_quotes=False)
                if part is None:
                    buf.append("$")
                else:
                    flush()
                    parts.append(part)
            elif c == "`":
                flush()
                parts.append(self._read_backquote())
            else:
                buf.append(c)
                self.pos += 1
        flush()
        return Word(parts, self.src[start:self.pos], line)

    def _read_quoted_parts(self, terminator: str, heredoc: bool = False) -> list[Part]:
        """Inside double quotes (or an unquoted here-document): only $, ` and \\ are special."""
        parts: list[Part] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                parts.append(Lit("".join(buf)))
                buf.clear()

        escapable = "$`\\\n" if heredoc else '$`"\\\n'
        while True:
            c = self._peek()
            if c == "":
                if terminator:
                    raise ShellSyntaxError("Unterminated quoted string", self.line)
                break
            if terminator and c == terminator:
                self.pos += 1
                break
            if c == "\\":
                nxt = self._peek(1)
                if nxt == "\n":
                    self.pos += 2
                    self.line += 1
                elif nxt and nxt in escapable:
                    flush()
                    parts.append(Escaped(nxt))
                    self.pos += 2
                else:
                    buf.append("\\")
                    self.pos += 1
            elif c == "$":
                part = self._read_dollar(in_quotes=True)
                if part is None:
                    buf.append("$")
                else:
                    flush()
                    parts.append(part)
            elif c == "`":
                flush()
                parts.append(self._read_backquote())
            else:
                if c == "\n":
                    self.line += 1
                buf.append(c)
                self.pos += 1
        flush()
        return parts

    def _read_dollar(self, in_quotes: bool) -> Part | None:
        nxt = self._peek(1)
        if nxt == "(":
            if self._peek(2) == "(":
                return self._read_arith()
            return self._read_command_sub()
        if nxt == "{":
            return self._read_braced_param(in_quotes)
        if nxt and nxt in SPECIAL_PARAMS:
            self.pos += 2
            return Param(nxt)
        if nxt and (nxt.isalpha() or nxt == "_") and nxt.isascii():
            j = self.pos + 1
            while j < len(self.src) and (self.src[j].isalnum() or self.src[j] == "_") and self.src[j].isascii():
                j += 1
            name = self.src[self.pos + 1:j]
            self.pos = j
            return Param(name)
        self.pos += 1
        return None

    def _read_braced_param(self, in_quotes: bool) -> Part:
        self.pos += 2  # "${"
        if self._peek() == "#" and self._peek(1) not in ("}", ""):
            # ${#name}: the length, unless it is ${#} or ${#-...} style
            j = self.pos + 1
            name = self._scan_param_name(j)
            if name and self.src.startswith("}", j + len(name)):
                self.pos = j + len(name) + 1
                return Param(name, "len")
        name = self._scan_param_name(self.pos)
        if not name:
            return self._bad_substitution()
        self.pos += len(name)
        if self._peek() == "}":
            self.pos += 1
            return Param(name)
        if self.bash and self._peek() == ":" and self._peek(1) not in ("-", "=", "?", "+"):
            self.pos += 1
            offset = self._read_param_word(in_quotes, stop=":")
            length = None
            if self.src[self.pos - 1] == ":":
                length = self._read_param_word(in_quotes)
            return Param(name, "substr", offset, length)
        if self.bash and self._peek() == "/":
            op = "/"
            self.pos += 1
            if self._peek() in ("/", "#", "%"):
                op += self._peek()
                self.pos += 1
            pattern = self._read_param_word(in_quotes, stop="/")
            replacement = None
            if self.src[self.pos - 1] == "/":
                replacement = self._read_param_word(in_quotes)
            return Param(name, op, pattern, replacement)
        for op in PARAM_OPS:
            if self.src.startswith(op, self.pos):
                self.pos += len(op)
                arg = self._read_param_word(in_quotes)
                return Param(name, op, arg)
        return self._bad_substitution()

    def _bad_substitution(self) -> Part:
        """dash reports an unknown ${...} form when it expands it, not when it parses it."""
        end = self.src.find("}", self.pos)
        if end == -1:
            raise ShellSyntaxError("Missing '}'", self.line)
        self.pos = end + 1
        return Param("", "bad")

    def _scan_param_name(self, i: int) -> str:
        if i >= len(self.src):
            return ""
        c = self.src[i]
        if c.isdigit():
            j = i
            while j < len(self.src) and self.src[j].isdigit():
                j += 1
            return self.src[i:j]
        if c in SPECIAL_PARAMS:
            return c
        j = i
        while j < len(self.src) and (self.src[j].isalnum() or self.src[j] == "_") and self.src[j].isascii():
            j += 1
        if j > i and not self.src[i].isdigit():
            return self.src[i:j]
        return ""

    def _read_param_word(self, in_quotes: bool, stop: str = "") -> Word:
        """The word after an operator in ${name<op>word}, up to the matching '}' (or `stop`,
        consumed too)."""
        start = self.pos
        line = self.line
        parts: list[Part] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                parts.append(Lit("".join(buf)))
                buf.clear()

        while True:
            c = self._peek()
            if c == "":
                raise ShellSyntaxError("Missing '}'", self.line)
            if c == "}" or (stop and c == stop):
                self.pos += 1
                break
            if c == "'" and not in_quotes:
                flush()
                end = self.src.find("'", self.pos + 1)
                if end == -1:
                    raise ShellSyntaxError("Unterminated quoted string", self.line)
                parts.append(SingleQuoted(self.src[self.pos + 1:end]))
                self.pos = end + 1
            elif c == '"':
                flush()
                self.pos += 1
                parts.append(DoubleQuoted(self._read_quoted_parts('"')))
            elif c == "\\":
                flush()
                parts.append(Escaped(self._peek(1)))
                self.pos += 2
            elif c == "$":
                part = self._read_dollar(in_quotes)
                if part is None:
                    buf.append("$")
                else:
                    flush()
                    parts.append(part)
            elif c == "`":
                flush()
                parts.append(self._read_backquote())
            else:
                if c == "\n":
                    self.line += 1
                buf.append(c)
                self.pos += 1
        flush()
        return Word(parts, self.src[start:self.pos - 1], line)

    def _find_closing_paren(self, i: int, depth: int) -> int:
        """Index just past the ')' closing a $( ... ), skipping quotes and nested parentheses."""
        src = self.src
        heredocs: list[tuple[str, bool]] = []  # bodies to skip after the next newline
        cases: list[int] = []  # paren depth at each open `case`: its patterns end with a bare ')'
        while i < len(src):
            c = src[i]
            if c in "ce" and (i == 0 or src[i - 1] in " \t\n;&|(") and re.match(r"(case|esac)(?=[\s;)]|$)", src[i:]):
                if src.startswith("case", i):
                    cases.append(depth)
                elif cases:
                    cases.pop()
                i += 4
                continue
            if c == "\\":
                i += 2
                continue
            if c == "<" and src.startswith("<<", i) and not src.startswith("<<<", i):
                m = re.match(r"<<(-?)[ \t]*(['\"]?)([^\s'\";&|<>()]+)\2", src[i:])
                if m:
                    heredocs.append((m.group(3), m.group(1) == "-"))
                    i += m.end()
                    continue
            if c == "\n" and heredocs:
                i += 1
                for delimiter, strip_tabs in heredocs:
                    while i < len(src):
                        end = src.find("\n", i)
                        end = len(src) if end == -1 else end
                        text = src[i:end]
                        i = end + 1
                        if (text.lstrip("\t") if strip_tabs else text) == delimiter:
                            break
                heredocs = []
                continue
            if c == "'":
                end = src.find("'", i + 1)
                if end == -1:
                    raise ShellSyntaxError("Unterminated quoted string", self.line)
                i = end + 1
                continue
            if c == '"':
                i += 1
                while i < len(src) and src[i] != '"':
                    i += 2 if src[i] == "\\" else 1
                if i >= len(src):
                    raise ShellSyntaxError("Unterminated quoted string", self.line)
                i += 1
                continue
            if c == "#" and (i == 0 or src[i - 1] in " \t\n;"):
                while i < len(src) and src[i] != "\n":
                    i += 1
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                if cases and depth == cases[-1]:
                    i += 1
                    continue
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise ShellSyntaxError('end of file unexpected (expecting ")")', self.line)

    def _read_command_sub(self) -> Part:
        line = self.line
        start = self.pos + 2
        end = self._find_closing_paren(start, 1)
        source = self.src[start:end - 1]
        self.pos = end
        self.line += source.count("\n")
        return CommandSub(source, self.subparse(source, line), line)

    def _read_backquote(self) -> Part:
        line = self.line
        i = self.pos + 1
        out: list[str] = []
        while True:
            if i >= len(self.src):
                raise ShellSyntaxError("EOF in backquote substitution", self.line)
            c = self.src[i]
            if c == "`":
                break
            if c == "\\" and i + 1 < len(self.src) and self.src[i + 1] in "$`\\":
                out.append(self.src[i + 1])
                i += 2
                continue
            out.append(c)
            i += 1
        source = "".join(out)
        self.pos = i + 1
        self.line += source.count("\n")
        return CommandSub(source, self.subparse(source, line), line)

    def _read_arith(self) -> Part:
        start = self.pos + 3
        end = self._find_closing_paren(start, 2)
        if self.src[end - 2:end] != "))":
            # `$( (...) ...)`: a command substitution that starts with a subshell
            return self._read_command_sub()
        text = self.src[start:end - 2]
        self.pos = end
        sub = Lexer(text, self.subparse, self.line, self.bash)
        parts = sub._read_quoted_parts(terminator="", heredoc=True)
        return Arith(Word(parts, text, self.line))


def _unquoted_text(part: Part) -> str:
    if isinstance(part, (Lit, SingleQuoted, Escaped)):
        return part.text
    if isinstance(part, DoubleQuoted):
        return "".join(_unquoted_text(p) for p in part.parts)
    if isinstance(part, Param):
        return "$" + part.name
    return ""
