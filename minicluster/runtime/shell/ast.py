"""The syntax tree of a shell script. Every command node carries the line it starts on, which
dash prints in its error messages (`sh: 3: foo: not found`)."""

from __future__ import annotations

from dataclasses import dataclass, field


# -- words ------------------------------------------------------------------------------------
@dataclass
class Lit:
    text: str


@dataclass
class SingleQuoted:
    text: str


@dataclass
class Escaped:
    text: str  # one character protected by a backslash


@dataclass
class DoubleQuoted:
    parts: list[Part]


@dataclass
class Param:
    name: str  # "x", "1", "@", "?", ...
    op: str = ""  # "", ":-", "-", ":=", "=", ":?", "?", ":+", "+", "%", "%%", "#", "##", "len",
    # and in bash/ash: "substr" (arg offset, arg2 length), "/" "//" "/#" "/%" (arg2 replacement)
    arg: Word | None = None
    arg2: Word | None = None


@dataclass
class CommandSub:
    source: str
    body: Node | None
    line: int


@dataclass
class Arith:
    expr: Word


Part = Lit | SingleQuoted | Escaped | DoubleQuoted | Param | CommandSub | Arith


@dataclass
class Word:
    parts: list[Part]
    raw: str
    line: int = 0

    def literal(self) -> str | None:
        """The text when the word has no quoting and no expansion (reserved words, names)."""
        if all(isinstance(p, Lit) for p in self.parts):
            return "".join(p.text for p in self.parts)  # type: ignore[union-attr]
        return None

    def has_quotes(self) -> bool:
        return any(isinstance(p, (SingleQuoted, DoubleQuoted, Escaped)) for p in self.parts)


@dataclass
class HereDoc:
    delimiter: str
    strip_tabs: bool
    quoted: bool
    body: Word | None = None  # filled in when the lexer reaches the end of the line


# -- commands ---------------------------------------------------------------------------------
@dataclass
class Redirect:
    fd: int | None
    op: str  # "<" ">" ">>" ">|" "<>" "<&" ">&" "<<" "<<-"
    target: Word | None
    heredoc: HereDoc | None = None
    line: int = 0


@dataclass
class Assignment:
    name: str
    value: Word


@dataclass
class SimpleCommand:
    assigns: list[Assignment]
    words: list[Word]
    redirects: list[Redirect]
    line: int


@dataclass
class Pipeline:
    commands: list[Node]
    negate: bool
    line: int


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]]
    line: int


@dataclass
class CommandList:
    items: list[tuple[AndOr, bool]]  # (and-or list, runs in the background)
    line: int = 0


@dataclass
class Subshell:
    body: CommandList
    redirects: list[Redirect] = field(default_factory=list)
    line: int = 0


@dataclass
class Group:
    body: CommandList
    redirects: list[Redirect] = field(default_factory=list)
    line: int = 0


@dataclass
class If:
    clauses: list[tuple[CommandList, CommandList]]
    else_body: CommandList | None
    redirects: list[Redirect] = field(default_factory=list)
    line: int = 0


@dataclass
class Loop:
    cond: CommandList
    body: CommandList
    until: bool
    redirects: list[Redirect] = field(default_factory=list)
    line: int = 0


@dataclass
class For:
    var: str
    words: list[Word] | None  # None: iterate over "$@"
    body: CommandList
    redirects: list[Redirect] = field(default_factory=list)
    line: int = 0


@dataclass
class CaseItem:
    patterns: list[Word]
    body: CommandList | None


@dataclass
class Case:
    word: Word
    items: list[CaseItem]
    redirects: list[Redirect] = field(default_factory=list)
    line: int = 0


@dataclass
class FunctionDef:
    name: str
    body: Node
    line: int = 0


@dataclass
class DoubleBracket:
    """bash's `[[ ... ]]`, kept minimal: its words are evaluated like `test`."""

    words: list[Word]
    line: int = 0


Node = (
    SimpleCommand | Pipeline | AndOr | CommandList | Subshell | Group | If | Loop | For | Case
    | FunctionDef | DoubleBracket
)
