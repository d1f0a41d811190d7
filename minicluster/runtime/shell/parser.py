"""Recursive-descent parser for the POSIX shell grammar, with dash's syntax error wording."""

from __future__ import annotations

from .ast import (
    AndOr,
    Assignment,
    Case,
    CaseItem,
    CommandList,
    DoubleBracket,
    For,
    FunctionDef,
    Group,
    If,
    Lit,
    Loop,
    Node,
    Pipeline,
    Redirect,
    SimpleCommand,
    Subshell,
    Word,
)
from .errors import ShellSyntaxError
from .lexer import Lexer, Token, is_name

RESERVED = {"if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
            "for", "in", "{", "}", "!"}
# Words that end a list: a command may not start with them.
LIST_END = {"then", "else", "elif", "fi", "do", "done", "esac", "}"}
REDIRECT_OPS = {"<", ">", ">>", ">|", "<>", "<&", ">&", "<<", "<<-"}


def parse(source: str, line: int = 1, bash: bool = False) -> CommandList:
    return Parser(source, line, bash).parse_program()


class Parser:
    def __init__(self, source: str, line: int = 1, bash: bool = False) -> None:
        self.bash = bash
        self.lexer = Lexer(source, self._subparse, line, bash)
        self._tok: Token | None = None  # read on first use, so that errors surface in parse_next
        self.nesting = 0

    @property
    def tok(self) -> Token:
        if self._tok is None:
            self._tok = self.lexer.next()
        return self._tok

    @tok.setter
    def tok(self, value: Token) -> None:
        self._tok = value

    def _subparse(self, source: str, line: int) -> Node:
        return Parser(source, line, self.bash).parse_program()

    # -- token helpers ----------------------------------------------------------------------
    def advance(self) -> Token:
        tok = self.tok
        self.tok = self.lexer.next()
        return tok

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.value in ops

    def keyword(self) -> str | None:
        """The reserved word the current token spells, if it is a plain unquoted word."""
        if self.tok.kind == "word" and self.tok.word is not None:
            text = self.tok.word.literal()
            if text in RESERVED or (self.bash and text in ("[[", "]]", "function")):
                return text
        return None

    def describe(self, tok: Token) -> str:
        if tok.kind == "eof":
            return "end of file"
        if tok.kind == "newline":
            return "newline"
        return f'"{tok.value}"'

    def unexpected(self, expecting: str | None = None) -> ShellSyntaxError:
        message = f"{self.describe(self.tok)} unexpected"
        if expecting is not None:
            message += f' (expecting "{expecting}")'
        return ShellSyntaxError(message, self.tok.line)

    def expect_keyword(self, word: str) -> None:
        if self.keyword() != word:
            raise self.unexpected(word)
        self.advance()

    def skip_newlines(self) -> None:
        while self.tok.kind == "newline":
            self.advance()

    # -- lists ------------------------------------------------------------------------------
    def parse_program(self) -> CommandList:
        result = CommandList([], self.tok.line)
        while (chunk := self.parse_next()) is not None:
            result.items.extend(chunk.items)
        return result

    def parse_next(self) -> CommandList | None:
        """The next line of complete commands, or None at end of input.

        dash reads and runs a script one line at a time, so commands before a syntax error
        run; the interpreter calls this in a loop to behave the same."""
        self.skip_newlines()
        if self.tok.kind == "eof":
            return None
        chunk = self.parse_list_items()
        if self.tok.kind not in ("newline", "eof"):
            raise self.unexpected()
        return chunk

    def parse_list_items(self, stop_at_end_words: bool = False) -> CommandList:
        """and-or lists separated by ; & or newlines (the latter only in compound lists)."""
        result = CommandList([], self.tok.line)
        while True:
            if self.tok.kind in ("eof",) or self.is_op(")", ";;"):
                break
            kw = self.keyword()
            if kw in LIST_END:
                break
            andor = self.parse_and_or()
            background = False
            if self.is_op("&"):
                background = True
                self.advance()
            elif self.is_op(";"):
                self.advance()
            elif self.tok.kind == "newline":
                if not stop_at_end_words:
                    result.items.append((andor, background))
                    break
                self.skip_newlines()
            else:
                result.items.append((andor, background))
                break
            result.items.append((andor, background))
            if stop_at_end_words:
                self.skip_newlines()
            elif self.tok.kind == "newline":
                break
        return result

    def parse_compound_list(self, expecting: str) -> CommandList:
        self.skip_newlines()
        body = self.parse_list_items(stop_at_end_words=True)
        if not body.items:
            raise self.unexpected(None if self.tok.kind != "eof" else expecting)
        return body

    def parse_and_or(self) -> AndOr:
        line = self.tok.line
        first = self.parse_pipeline()
        rest: list[tuple[str, Pipeline]] = []
        while self.is_op("&&", "||"):
            op = self.advance().value
            self.skip_newlines()
            rest.append((op, self.parse_pipeline()))
        return AndOr(first, rest, line)

    def parse_pipeline(self) -> Pipeline:
        line = self.tok.line
        negate = False
        if self.keyword() == "!":
            negate = True
            self.advance()
        commands = [self.parse_command()]
        while self.is_op("|"):
            self.advance()
            self.skip_newlines()
            commands.append(self.parse_command())
        return Pipeline(commands, negate, line)

    # -- commands ---------------------------------------------------------------------------
    def parse_command(self) -> Node:
        self.nesting += 1
        if self.nesting > 200:
            raise ShellSyntaxError("nesting too deep", self.tok.line)
        try:
            return self._parse_command()
        finally:
            self.nesting -= 1

    def _parse_command(self) -> Node:
        kw = self.keyword()
        line = self.tok.line
        node: Node
        if kw == "if":
            node = self.parse_if()
        elif kw in ("while", "until"):
            node = self.parse_loop(kw == "until")
        elif kw == "for":
            node = self.parse_for()
        elif kw == "case":
            node = self.parse_case()
        elif kw == "{":
            self.advance()
            body = self.parse_compound_list("}")
            self.expect_keyword("}")
            node = Group(body, line=line)
        elif kw == "[[":
            return self.parse_double_bracket()
        elif kw == "function":
            self.advance()
            return self.parse_function(self.advance(), line, bash_style=True)
        elif self.is_op("("):
            self.advance()
            body = self.parse_compound_list(")")
            if not self.is_op(")"):
                raise self.unexpected(")")
            self.advance()
            node = Subshell(body, line=line)
        elif kw is not None and kw != "!" and kw not in ("[[", "]]"):
            raise self.unexpected()
        elif self.tok.kind in ("word", "io_number") or self.is_op(*REDIRECT_OPS):
            return self.parse_simple_command()
        else:
            raise self.unexpected()
        redirects = self.parse_redirects()
        node.redirects = redirects  # type: ignore[union-attr]
        return node

    def parse_redirects(self) -> list[Redirect]:
        redirects = []
        while self.tok.kind == "io_number" or self.is_op(*REDIRECT_OPS):
            redirects.append(self.parse_redirect())
        return redirects

    def parse_redirect(self) -> Redirect:
        fd = None
        line = self.tok.line
        if self.tok.kind == "io_number":
            fd = int(self.advance().value)
        op = self.advance().value
        if self.tok.kind != "word":
            raise self.unexpected()
        tok = self.advance()
        heredoc = getattr(tok, "heredoc", None)
        return Redirect(fd, op, tok.word, heredoc, line)

    def parse_simple_command(self) -> Node:
        line = self.tok.line
        assigns: list[Assignment] = []
        words: list[Word] = []
        redirects: list[Redirect] = []
        while True:
            if self.tok.kind == "io_number" or self.is_op(*REDIRECT_OPS):
                redirects.append(self.parse_redirect())
                continue
            if self.tok.kind != "word":
                break
            word = self.tok.word
            assert word is not None
            if not words:
                assignment = _as_assignment(word)
                if assignment is not None:
                    assigns.append(assignment)
                    self.advance()
                    continue
            if not words and not assigns and not redirects and self.lexer_peek_paren():
                return self.parse_function(self.advance(), line)
            words.append(word)
            self.advance()
        return SimpleCommand(assigns, words, redirects, line)

    def lexer_peek_paren(self) -> bool:
        """Whether the word just read is followed by '(' (a function definition)."""
        src, pos = self.lexer.src, self.lexer.pos
        while pos < len(src) and src[pos] in " \t":
            pos += 1
        return pos < len(src) and src[pos] == "("

    def parse_function(self, name_tok: Token, line: int, bash_style: bool = False) -> Node:
        name = name_tok.value
        if self.is_op("("):
            self.advance()
            if not self.is_op(")"):
                raise self.unexpected(")")
            self.advance()
        elif not bash_style:
            raise self.unexpected(")")
        if not is_name(name) and not bash_style:
            raise ShellSyntaxError("Bad function name", line)
        self.skip_newlines()
        body = self._parse_command()  # dash takes any command as a body, even a simple one
        return FunctionDef(name, body, line)

    def parse_if(self) -> If:
        line = self.tok.line
        self.advance()
        clauses = []
        cond = self.parse_compound_list("then")
        self.expect_keyword("then")
        body = self.parse_compound_list("fi")
        clauses.append((cond, body))
        else_body = None
        while True:
            kw = self.keyword()
            if kw == "elif":
                self.advance()
                cond = self.parse_compound_list("then")
                self.expect_keyword("then")
                clauses.append((cond, self.parse_compound_list("fi")))
            elif kw == "else":
                self.advance()
                else_body = self.parse_compound_list("fi")
                self.expect_keyword("fi")
                break
            else:
                self.expect_keyword("fi")
                break
        return If(clauses, else_body, line=line)

    def parse_loop(self, until: bool) -> Loop:
        line = self.tok.line
        self.advance()
        cond = self.parse_compound_list("do")
        self.expect_keyword("do")
        body = self.parse_compound_list("done")
        self.expect_keyword("done")
        return Loop(cond, body, until, line=line)

    def parse_for(self) -> For:
        line = self.tok.line
        self.advance()
        if self.tok.kind != "word" or not is_name(self.tok.value):
            raise ShellSyntaxError("Bad for loop variable", self.tok.line)
        var = self.advance().value
        words: list[Word] | None = None
        self.skip_newlines()
        if self.keyword() == "in":
            self.advance()
            words = []
            while self.tok.kind == "word":
                assert self.tok.word is not None
                words.append(self.tok.word)
                self.advance()
            if not (self.is_op(";") or self.tok.kind == "newline"):
                raise self.unexpected("do")
            self.advance()
        elif self.is_op(";"):
            self.advance()
        self.skip_newlines()
        self.expect_keyword("do")
        body = self.parse_compound_list("done")
        self.expect_keyword("done")
        return For(var, words, body, line=line)

    def parse_case(self) -> Case:
        line = self.tok.line
        self.advance()
        if self.tok.kind != "word":
            raise self.unexpected()
        word = self.advance().word
        assert word is not None
        self.skip_newlines()
        self.expect_keyword("in")
        items: list[CaseItem] = []
        self.skip_newlines()
        while self.keyword() != "esac":
            if self.is_op("("):
                self.advance()
            patterns: list[Word] = []
            while True:
                if self.tok.kind != "word":
                    raise self.unexpected()
                assert self.tok.word is not None
                patterns.append(self.tok.word)
                self.advance()
                if self.is_op("|"):
                    self.advance()
                    continue
                break
            if not self.is_op(")"):
                raise self.unexpected(")")
            self.advance()
            self.skip_newlines()
            body = self.parse_list_items(stop_at_end_words=True)
            items.append(CaseItem(patterns, body if body.items else None))
            if self.is_op(";;"):
                self.advance()
                self.skip_newlines()
            elif self.keyword() != "esac":
                raise self.unexpected("esac" if self.tok.kind == "eof" else None)
        self.advance()
        return Case(word, items, line=line)

    def parse_double_bracket(self) -> Node:
        line = self.tok.line
        self.advance()
        words: list[Word] = []
        while True:
            if self.tok.kind == "eof":
                raise self.unexpected("]]")
            if self.keyword() == "]]":
                self.advance()
                break
            if self.tok.kind == "op" and self.tok.value in ("&&", "||", "<", ">", "(", ")"):
                value = self.advance().value
                words.append(Word([Lit(value)], value, line))
                continue
            if self.tok.kind != "word":
                raise self.unexpected()
            assert self.tok.word is not None
            words.append(self.tok.word)
            self.advance()
            if words[-1].literal() == "=~":
                words.append(self.regex_operand(line))
        return DoubleBracket(words, line)

    def regex_operand(self, line: int) -> Word:
        """After =~ parentheses and | belong to the regular expression, up to ]], && or ||."""
        parts: list = []
        raw: list[str] = []
        depth = 0
        while self.tok.kind != "eof":
            if depth == 0 and (self.keyword() == "]]" or (self.tok.kind == "op" and self.tok.value in ("&&", "||"))):
                break
            if self.tok.kind == "op":
                depth += {"(": 1, ")": -1}.get(self.tok.value, 0)
                parts.append(Lit(self.tok.value))
                raw.append(self.tok.value)
            else:
                assert self.tok.word is not None
                parts.extend(self.tok.word.parts)
                raw.append(self.tok.word.raw)
            self.advance()
        return Word(parts, "".join(raw), line)


def _as_assignment(word: Word) -> Assignment | None:
    if not word.parts or not isinstance(word.parts[0], Lit):
        return None
    first = word.parts[0].text
    eq = first.find("=")
    if eq <= 0 or not is_name(first[:eq]):
        return None
    rest_parts = list(word.parts[1:])
    if first[eq + 1:]:
        rest_parts.insert(0, Lit(first[eq + 1:]))
    return Assignment(first[:eq], Word(rest_parts, word.raw[eq + 1:], word.line))
