"""A fast, deterministic container runtime for controller, kubectl and helm tests.

It is a test double for the sandboxed runtime: it understands the handful of shell commands a
hook Job or a probe usually runs (`echo`, `sleep`, `exit`, `true`, `false`, `set -e`, `test`,
`cat`/`touch`/`rm` on files under `/tmp` or a mounted volume, `printenv`) joined by `;`, `&&`,
`||` and newlines, with `if`, `for`, `while`/`until`, `$VAR`, `$(( ))` and `$( )`, inside
`sh -c` / `bash -c` or a mounted script file; anything else is `sh: N: x: not found` (127).
Server images (postgres, redis, nginx, anything with `server` in the name) run until killed.
Every step happens on the cluster's virtual clock; the script is a generator that yields at
each `sleep`.
"""

from __future__ import annotations

import ast
import hashlib
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from minicluster.core.clock import VirtualClock
from minicluster.core.duration import DurationError, parse_duration
from minicluster.core.errors import MiniclusterError
from minicluster.runtime.interface import ContainerProcess, ContainerSpec, LogLine, Mount, ProbeSpec

SHELLS = ("sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash", "ash", "/bin/ash")
SERVER_NAMES = (
    "postgres",
    "redis",
    "nginx",
    "httpd",
    "mysql",
    "mariadb",
    "mongo",
    "memcached",
    "rabbitmq",
    "server",
)
UNKNOWN_IMAGE_MARKERS = ("doesnotexist", "invalid", "nonexistent")


class ContainerNotRunningError(MiniclusterError):
    """exec into a container that is not (or no longer) running."""


def _image_name(image: str) -> str:
    """`docker.io/library/postgres:16@sha256:..` -> `postgres`."""
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return last.split(":", 1)[0]


def is_server_image(image: str) -> bool:
    name = _image_name(image).lower()
    return any(s in name for s in SERVER_NAMES)


def _digest_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


# -- volumes ------------------------------------------------------------------------------------
class MemoryVolume:
    def __init__(self, files: dict[str, bytes] | None = None) -> None:
        self.files: dict[str, bytes] = dict(files or {})

    def write_file(self, path: str, data: bytes) -> None:
        self.files[path.lstrip("/")] = data

    def read_file(self, path: str) -> bytes:
        return self.files[path.lstrip("/")]

    def list_files(self) -> list[str]:
        return sorted(self.files)

    def remove_file(self, path: str) -> None:
        self.files.pop(path.lstrip("/"), None)


class _Filesystem:
    """A container's files: a private dict plus its mounts (the longest mount path wins)."""

    def __init__(self, mounts: list[Mount]) -> None:
        self.own: dict[str, bytes] = {}
        self.mounts = sorted(mounts, key=lambda m: len(m.path), reverse=True)

    def _locate(self, path: str) -> tuple[Mount | None, str]:
        path = posixpath.normpath(path)
        for mount in self.mounts:
            root = posixpath.normpath(mount.path)
            if path == root or path.startswith(root.rstrip("/") + "/"):
                rel = path[len(root) :].lstrip("/")
                if mount.sub_path:
                    rel = posixpath.join(mount.sub_path, rel) if rel else mount.sub_path
                return mount, rel
        return None, path

    def read(self, path: str) -> bytes | None:
        mount, rel = self._locate(path)
        if mount is None:
            return self.own.get(rel)
        try:
            return mount.volume.read_file(rel)
        except (KeyError, FileNotFoundError, OSError):
            return None

    def write(self, path: str, data: bytes) -> bool:
        mount, rel = self._locate(path)
        if mount is None:
            self.own[rel] = data
            return True
        if mount.read_only:
            return False
        mount.volume.write_file(rel, data)
        return True

    def remove(self, path: str) -> bool:
        mount, rel = self._locate(path)
        if mount is None:
            return self.own.pop(rel, None) is not None
        if mount.read_only:
            return False
        remover = getattr(mount.volume, "remove_file", None)
        if remover is None or self.read(path) is None:
            return False
        remover(rel)
        return True

    def exists(self, path: str) -> bool:
        if self.read(path) is not None:
            return True
        # A mount point or a directory of a volume exists too.
        mount, rel = self._locate(path)
        if mount is not None:
            if not rel:
                return True
            return any(f.startswith(rel.rstrip("/") + "/") for f in mount.volume.list_files())
        return any(p.startswith(rel.rstrip("/") + "/") for p in self.own)


# -- the shell subset ---------------------------------------------------------------------------
@dataclass
class _Word:
    parts: list[tuple[str, str]]  # (text, "plain" | "single" | "double")


@dataclass
class _Redirect:
    fd: int
    op: str  # ">" | ">>" | "<" | ">&"
    target: _Word


@dataclass
class _Command:
    words: list[_Word]
    redirects: list[_Redirect]
    line: int


@dataclass
class _AndOr:
    commands: list[Any]  # _Command or a compound command
    connectors: list[str]  # connectors[i] joins commands[i] and commands[i+1]


@dataclass
class _Seq:
    items: list[_AndOr]


@dataclass
class _If:
    clauses: list[tuple[_Seq, _Seq]]  # (condition, body) for `if` and each `elif`
    otherwise: _Seq | None


@dataclass
class _For:
    name: str
    words: list[_Word] | None  # None: `for x; do` loops over "$@" (nothing here)
    body: _Seq


@dataclass
class _While:
    condition: _Seq
    body: _Seq
    until: bool


KEYWORDS = {"if", "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until"}


class ShellSyntaxError(Exception):
    def __init__(self, line: int, text: str) -> None:
        super().__init__(text)
        self.line = line
        self.text = text


def _tokenize(script: str) -> list[tuple[str, object, int]]:
    """Tokens: ("word", _Word, line), ("op", text, line), ("redir", (fd, op), line)."""
    tokens: list[tuple[str, object, int]] = []
    i, line, n = 0, 1, len(script)
    parts: list[tuple[str, str]] = []
    buf: list[str] = []
    started = False

    def flush_buf() -> None:
        if buf:
            parts.append(("".join(buf), "plain"))
            buf.clear()

    def end_word() -> None:
        nonlocal started
        flush_buf()
        if started:
            tokens.append(("word", _Word(list(parts)), line))
        parts.clear()
        started = False

    while i < n:
        c = script[i]
        if c == "\\" and i + 1 < n:
            if script[i + 1] == "\n":
                i += 2
                line += 1
                continue
            buf.append(script[i + 1])
            started = True
            i += 2
        elif c == "'":
            end = script.find("'", i + 1)
            if end < 0:
                raise ShellSyntaxError(line, "Syntax error: Unterminated quoted string")
            flush_buf()
            parts.append((script[i + 1 : end], "single"))
            line += script.count("\n", i, end)
            started = True
            i = end + 1
        elif c == '"':
            j, text = i + 1, []
            while j < n and script[j] != '"':
                if script[j] == "\\" and j + 1 < n and script[j + 1] in '"\\$`\n':
                    if script[j + 1] != "\n":
                        text.append(script[j + 1])
                    j += 2
                    continue
                text.append(script[j])
                j += 1
            if j >= n:
                raise ShellSyntaxError(line, "Syntax error: Unterminated quoted string")
            flush_buf()
            parts.append(("".join(text), "double"))
            line += script.count("\n", i, j)
            started = True
            i = j + 1
        elif c == "$" and script.startswith("$(", i):
            # $(( ... )) and $( ... ) stay one word whatever spaces they hold.
            depth, j = 0, i + 1
            while j < n:
                if script[j] == "(":
                    depth += 1
                elif script[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            buf.append(script[i : j + 1])
            started = True
            i = j + 1
        elif c == "#" and not started:
            while i < n and script[i] != "\n":
                i += 1
        elif c in " \t":
            end_word()
            i += 1
        elif c == "\n":
            end_word()
            tokens.append(("op", "\n", line))
            line += 1
            i += 1
        elif c in ";&|":
            end_word()
            two = script[i : i + 2]
            if two in ("&&", "||"):
                tokens.append(("op", two, line))
                i += 2
            elif c == ";":
                tokens.append(("op", ";", line))
                i += 1
            elif c == "|":
                raise ShellSyntaxError(line, "Syntax error: pipes are not supported here")
            else:
                raise ShellSyntaxError(line, "Syntax error: background jobs are not supported here")
        elif c in "<>":
            fd = 1 if c == ">" else 0
            if started and not parts and buf and "".join(buf).isdigit():
                fd = int("".join(buf))
                buf.clear()
                started = False
            else:
                end_word()
            op = c
            i += 1
            if c == ">" and i < n and script[i] == ">":
                op = ">>"
                i += 1
            elif i < n and script[i] == "&":
                op = c + "&"
                i += 1
            tokens.append(("redir", (fd, op), line))
        else:
            buf.append(c)
            started = True
            i += 1
    end_word()
    return tokens


class _Parser:
    """Recursive descent over the tokens: lists, and-or lists, if/for/while/until."""

    def __init__(self, tokens: list[tuple[str, object, int]]) -> None:
        self.tokens = tokens
        self.i = 0

    def _peek(self) -> tuple[str, object, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _line(self) -> int:
        tok = self._peek()
        return tok[2] if tok else (self.tokens[-1][2] if self.tokens else 1)

    def _keyword(self) -> str | None:
        tok = self._peek()
        if tok is None or tok[0] != "word":
            return None
        word: _Word = tok[1]  # type: ignore[assignment]
        if len(word.parts) == 1 and word.parts[0][1] == "plain" and word.parts[0][0] in KEYWORDS:
            return word.parts[0][0]
        return None

    def _skip_separators(self) -> None:
        while (tok := self._peek()) is not None and tok[0] == "op" and tok[1] in (";", "\n"):
            self.i += 1

    def _expect(self, keyword: str) -> None:
        self._skip_separators()
        if self._keyword() != keyword:
            found = self._keyword()
            if found is None and self._peek() is None:
                raise ShellSyntaxError(
                    self._line(), f'Syntax error: end of file unexpected (expecting "{keyword}")'
                )
            shown = found or "word"
            raise ShellSyntaxError(
                self._line(), f'Syntax error: "{shown}" unexpected (expecting "{keyword}")'
            )
        self.i += 1

    def parse(self) -> _Seq:
        seq = self.seq(set())
        if self._peek() is not None:
            raise ShellSyntaxError(self._line(), f'Syntax error: "{self._keyword()}" unexpected')
        return seq

    def seq(self, stop: set[str]) -> _Seq:
        items: list[_AndOr] = []
        while True:
            self._skip_separators()
            if self._peek() is None:
                break
            keyword = self._keyword()
            if keyword in stop:
                break
            items.append(self.and_or())
        return _Seq(items)

    def and_or(self) -> _AndOr:
        commands = [self.command()]
        connectors: list[str] = []
        while (tok := self._peek()) is not None and tok[0] == "op" and tok[1] in ("&&", "||"):
            connectors.append(str(tok[1]))
            self.i += 1
            while (nl := self._peek()) is not None and nl[0] == "op" and nl[1] == "\n":
                self.i += 1  # a newline after && or || continues the list
            if self._peek() is None:
                raise ShellSyntaxError(self._line(), "Syntax error: end of file unexpected")
            commands.append(self.command())
        return _AndOr(commands, connectors)

    def command(self) -> Any:
        keyword = self._keyword()
        line = self._line()
        if keyword == "if":
            return self._if()
        if keyword == "for":
            return self._for()
        if keyword in ("while", "until"):
            self.i += 1
            condition = self.seq({"do"})
            self._expect("do")
            body = self.seq({"done"})
            self._expect("done")
            return _While(condition, body, keyword == "until")
        if keyword is not None and keyword != "in":
            raise ShellSyntaxError(line, f'Syntax error: "{keyword}" unexpected')
        command = _Command([], [], line)
        while (tok := self._peek()) is not None and tok[0] != "op":
            if tok[0] == "word":
                command.words.append(tok[1])  # type: ignore[arg-type]
                self.i += 1
                continue
            nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
            if nxt is None or nxt[0] != "word":
                raise ShellSyntaxError(line, "Syntax error: newline unexpected")
            redirect: tuple[int, str] = tok[1]  # type: ignore[assignment]
            target: _Word = nxt[1]  # type: ignore[assignment]
            command.redirects.append(_Redirect(redirect[0], redirect[1], target))
            self.i += 2
        if not command.words and not command.redirects:
            tok = self._peek()
            shown = "newline" if tok is None or tok[1] == "\n" else str(tok[1])
            raise ShellSyntaxError(line, f'Syntax error: "{shown}" unexpected')
        return command

    def _if(self) -> _If:
        self.i += 1
        clauses: list[tuple[_Seq, _Seq]] = []
        condition = self.seq({"then"})
        self._expect("then")
        clauses.append((condition, self.seq({"elif", "else", "fi"})))
        otherwise = None
        while True:
            keyword = self._keyword()
            if keyword == "elif":
                self.i += 1
                condition = self.seq({"then"})
                self._expect("then")
                clauses.append((condition, self.seq({"elif", "else", "fi"})))
                continue
            if keyword == "else":
                self.i += 1
                otherwise = self.seq({"fi"})
            break
        self._expect("fi")
        return _If(clauses, otherwise)

    def _for(self) -> _For:
        self.i += 1
        tok = self._peek()
        if tok is None or tok[0] != "word":
            raise ShellSyntaxError(self._line(), "Syntax error: Bad for loop variable")
        name = "".join(text for text, _ in tok[1].parts)  # type: ignore[attr-defined]
        self.i += 1
        while (nl := self._peek()) is not None and nl[0] == "op" and nl[1] == "\n":
            self.i += 1
        words: list[_Word] | None = None
        if self._keyword() == "in":
            self.i += 1
            words = []
            while (tok := self._peek()) is not None and tok[0] == "word":
                words.append(tok[1])  # type: ignore[arg-type]
                self.i += 1
        self._expect("do")
        body = self.seq({"done"})
        self._expect("done")
        return _For(name, words, body)


def parse_script(script: str) -> _Seq:
    return _Parser(_tokenize(script)).parse()


Substitute = Callable[[str], str]


def _expand_text(
    text: str, variables: dict[str, str], status: int, substitute: Substitute | None = None
) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c != "$" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        nxt = text[i + 1]
        if text.startswith("$((", i):
            end = text.find("))", i + 3)
            if end >= 0:
                out.append(str(_arithmetic(text[i + 3 : end], variables)))
                i = end + 2
                continue
        if nxt == "(" and substitute is not None:
            depth, j = 0, i + 1
            while j < n:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                if depth == 0:
                    break
                j += 1
            out.append(substitute(text[i + 2 : j]))
            i = j + 1
            continue
        if nxt == "?":
            out.append(str(status))
            i += 2
        elif nxt == "{":
            end = text.find("}", i + 2)
            if end < 0:
                out.append(c)
                i += 1
                continue
            inner = text[i + 2 : end]
            name, _, default = inner.partition(":-")
            value = variables.get(name, "")
            out.append(value if value or ":-" not in inner else default)
            i = end + 1
        elif nxt.isalpha() or nxt == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            out.append(variables.get(text[i + 1 : j], ""))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


_ARITH_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.FloorDiv,
    ast.Mod,
    ast.USub,
    ast.UAdd,
    ast.Compare,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.Eq,
    ast.NotEq,
)


def _arithmetic(expr: str, variables: dict[str, str]) -> int:
    """$(( )) over integers: + - * / % and comparisons; unset or bad variables count as 0."""

    def value(m: re.Match[str]) -> str:
        text = variables.get(m.group(1).lstrip("$"), "0")
        return text if text.lstrip("-").isdigit() else "0"

    source = re.sub(r"\$?([A-Za-z_][A-Za-z0-9_]*)", value, expr).replace("/", "//")
    try:
        tree = ast.parse(source.strip() or "0", mode="eval")
        if not all(isinstance(node, _ARITH_NODES) for node in ast.walk(tree)):
            return 0
        result = eval(compile(tree, "<arith>", "eval"), {"__builtins__": {}})  # noqa: S307
    except (SyntaxError, ZeroDivisionError, ValueError):
        return 0
    return int(result)


def _expand(
    word: _Word, variables: dict[str, str], status: int, substitute: Substitute | None = None
) -> str:
    return "".join(
        text if mode == "single" else _expand_text(text, variables, status, substitute)
        for text, mode in word.parts
    )


# -- processes ----------------------------------------------------------------------------------
class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


# A script that loops without sleeping must end rather than hang the clock.
STEP_BUDGET = 100_000


@dataclass
class _Sleep:
    seconds: float | None  # None = forever


class ScriptedProcess:
    """One process: a shell script, a single command, or a server that runs until killed."""

    def __init__(
        self,
        runtime: ScriptedRuntime,
        id: str,
        env: dict[str, str],
        fs: _Filesystem,
        on_exit: Callable[[ContainerProcess], None],
        shell: str = "sh",
        stdin: bytes | None = None,
    ) -> None:
        self.id = id
        self._runtime = runtime
        self._clock = runtime.clock
        self._on_exit = on_exit
        self.env = dict(env)
        self.fs = fs
        self.shell = shell
        self.stdin = stdin or b""
        self._logs: list[LogLine] = []
        self._partial: dict[str, str] = {}
        self._exit_code: int | None = None
        self._reason: str | None = None
        self._timer: Any = None
        self._program: _Seq = _Seq([])
        self._steps: Any = None  # the running script: a generator that yields its sleeps
        self._status = 0
        self._errexit = False
        self._xtrace = False
        self._conditions = 0  # depth of if/while conditions and &&/|| left sides (no errexit)
        self._budget = STEP_BUDGET
        self.server = False
        self.started_at = self._clock.now()
        self.finished_at: float | None = None

    # -- ContainerProcess -----------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._exit_code is None

    @property
    def exit_code(self) -> int | None:
        return self._exit_code

    @property
    def reason(self) -> str | None:
        if self._exit_code is None:
            return None
        return "Completed" if self._exit_code == 0 else "Error"

    def logs(self) -> list[LogLine]:
        return list(self._logs)

    def kill(self, grace_seconds: float = 30.0) -> None:
        # Scripts and the simulated servers both stop at once on SIGTERM.
        if self.running:
            self._finish(0 if self.server else 143)

    # -- output ----------------------------------------------------------------------------
    def write(self, stream: str, text: str) -> None:
        pending = self._partial.get(stream, "") + text
        *lines, rest = pending.split("\n")
        now = self._clock.now()
        for line in lines:
            self._logs.append(LogLine(now, stream, line))
        self._partial[stream] = rest

    def _flush(self) -> None:
        for stream, rest in sorted(self._partial.items()):
            if rest:
                self._logs.append(LogLine(self._clock.now(), stream, rest))
        self._partial.clear()

    def _finish(self, code: int) -> None:
        if self._exit_code is not None:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._flush()
        self._exit_code = code
        self.finished_at = self._clock.now()
        self._runtime._exited(self)
        self._clock.call_soon(self._on_exit, self)

    # -- running ---------------------------------------------------------------------------
    def start_script(self, script: str) -> None:
        try:
            self._program = parse_script(script)
        except ShellSyntaxError as err:
            self._clock.call_soon(self._syntax_error, err)
            return
        self._clock.call_soon(self._resume)

    def start_file(self, path: str) -> None:
        data = self.fs.read(path)
        if data is None:
            if self.shell.endswith("bash"):
                text, code = f"{self.shell}: {path}: No such file or directory\n", 127
            else:
                text, code = f"{self.shell}: 0: cannot open {path}: No such file\n", 2
            self._clock.call_soon(self._fail_start, text, code)
            return
        self.start_script(data.decode(errors="replace"))

    def _fail_start(self, text: str, code: int) -> None:
        self.write("stderr", text)
        self._finish(code)

    def _syntax_error(self, err: ShellSyntaxError) -> None:
        self.write("stderr", f"{self.shell}: {err.line}: {err.text}\n")
        self._finish(2)

    def start_server(self) -> None:
        self.server = True

    def _resume(self) -> None:
        self._timer = None
        if not self.running:
            return
        if self._steps is None:
            self._steps = self.steps()
        try:
            outcome = next(self._steps)
        except StopIteration:
            self._finish(self._status)
            return
        except _Exit as done:
            self._finish(done.code)
            return
        if outcome.seconds is not None:
            self._timer = self._clock.call_later(outcome.seconds, self._resume)
        # sleep forever: nothing scheduled; only kill() ends it.

    def steps(self) -> Iterator[_Sleep]:
        """Run the script, yielding at each sleep."""
        try:
            yield from self._run_seq(self._program)
        except (_Break, _Continue):
            pass  # outside a loop they end nothing more than the script

    def _run_seq(self, seq: _Seq) -> Iterator[_Sleep]:
        for and_or in seq.items:
            yield from self._run_and_or(and_or)

    def _run_and_or(self, and_or: _AndOr) -> Iterator[_Sleep]:
        last = len(and_or.commands) - 1
        ran = 0
        for index, command in enumerate(and_or.commands):
            if index > 0:
                connector = and_or.connectors[index - 1]
                if (connector == "&&") == (self._status != 0):
                    continue
            ran = index
            # The commands left of && or || are tested, not run for errexit.
            self._conditions += index < last
            try:
                yield from self._run_command(command)
            finally:
                self._conditions -= index < last
        if self._errexit and self._status != 0 and ran == last and not self._conditions:
            raise _Exit(self._status)

    def _run_condition(self, seq: _Seq) -> Iterator[_Sleep]:
        self._conditions += 1
        try:
            yield from self._run_seq(seq)
        finally:
            self._conditions -= 1

    def _run_command(self, command: Any) -> Iterator[_Sleep]:
        self._budget -= 1
        if self._budget < 0:
            self.write("stderr", "minicluster scripted runtime: step budget exhausted\n")
            raise _Exit(137)
        if isinstance(command, _Command):
            sleep = self._execute(command)
            if sleep is not None:
                yield sleep
        elif isinstance(command, _If):
            for condition, body in command.clauses:
                yield from self._run_condition(condition)
                if self._status == 0:
                    yield from self._run_seq(body)
                    return
            self._status = 0
            if command.otherwise is not None:
                yield from self._run_seq(command.otherwise)
        elif isinstance(command, _For):
            values: list[str] = []
            for word in command.words or []:
                text = _expand(word, self.env, self._status, self._substitute)
                quoted = any(mode != "plain" for _, mode in word.parts)
                values.extend([text] if quoted else text.split())
            self._status = 0
            for value in values:
                self.env[command.name] = value
                try:
                    yield from self._run_seq(command.body)
                except _Break:
                    break
                except _Continue:
                    continue
        elif isinstance(command, _While):
            last_status = 0
            while True:
                yield from self._run_condition(command.condition)
                if (self._status == 0) == command.until:
                    break
                try:
                    yield from self._run_seq(command.body)
                except _Break:
                    break
                except _Continue:
                    continue
                finally:
                    last_status = self._status
                    self._budget -= 1
                    if self._budget < 0:
                        self.write(
                            "stderr", "minicluster scripted runtime: step budget exhausted\n"
                        )
                        raise _Exit(137)
            self._status = last_status

    def _substitute(self, script: str) -> str:
        """$( ... ): the inner commands run at once (their sleeps take no time) in a child
        sharing this process's files; their stdout, trailing newlines removed, is the value."""
        child = ScriptedProcess(
            self._runtime,
            self.id + "/subst",
            self.env,
            self.fs,
            lambda p: None,
            shell=self.shell,
            stdin=None,
        )
        child._budget = max(0, self._budget)
        try:
            child._program = parse_script(script)
            for _ in child.steps():
                pass
        except (ShellSyntaxError, _Exit):
            pass
        self._budget = child._budget
        self._status = child._status
        captured = [x.text for x in child._logs if x.stream == "stdout"]
        captured += [child._partial.get("stdout", "")]
        for line in child._logs:
            if line.stream == "stderr":
                self._logs.append(line)
        return "\n".join(captured).rstrip("\n")

    def _execute(self, command: _Command) -> _Sleep | None:
        argv = [_expand(w, self.env, self._status, self._substitute) for w in command.words]
        assignments = []
        while argv and "=" in argv[0] and argv[0].split("=", 1)[0].isidentifier():
            assignments.append(argv.pop(0).split("=", 1))
        if not argv:
            for name, value in assignments:
                self.env[name] = value
            self._status = 0
            return None
        if self._xtrace:
            self.write("stderr", "+ " + " ".join(argv) + "\n")
        stdout, stderr = "stdout", "stderr"
        sink: list[tuple[str, bool]] = []  # file targets of stdout
        for redirect in command.redirects:
            target = _expand(redirect.target, self.env, self._status, self._substitute)
            if redirect.op == ">&":
                stream = "stderr" if target == "2" else "stdout"
                if redirect.fd == 2:
                    stderr = stream
                else:
                    stdout = stream
            elif redirect.op in (">", ">>"):
                if target == "/dev/null":
                    if redirect.fd == 2:
                        stderr = "null"
                    else:
                        stdout = "null"
                elif redirect.fd == 1:
                    stdout = "file"
                    sink.append((target, redirect.op == ">>"))
        out = _Output(self, stdout, stderr)
        status, sleep = self._runtime.builtins.run(self, argv, out, command.line)
        for path, append in sink:
            old = (self.fs.read(path) or b"") if append else b""
            self.fs.write(path, old + out.captured.encode())
        self._status = status
        return sleep


class _Output:
    def __init__(self, process: ScriptedProcess, stdout: str, stderr: str) -> None:
        self._process = process
        self._streams = {"stdout": stdout, "stderr": stderr}
        self.captured = ""

    def write(self, stream: str, text: str) -> None:
        target = self._streams[stream]
        if target == "null":
            return
        if target == "file":
            self.captured += text
            return
        self._process.write(target, text)


_ALIASES = {":": "true", "[": "test"}


class Builtins:
    """The commands the scripted shell knows. Each returns (status, sleep or None)."""

    def run(
        self, proc: ScriptedProcess, argv: list[str], out: _Output, line: int
    ) -> tuple[int, _Sleep | None]:
        name = argv[0]
        base = name.rsplit("/", 1)[-1]
        handler = getattr(self, "cmd_" + _ALIASES.get(base, base), None)
        if handler is None or not base.isidentifier() and base not in _ALIASES:
            if proc.shell.endswith("bash"):
                out.write("stderr", f"{proc.shell}: line {line}: {name}: command not found\n")
            else:
                out.write("stderr", f"{proc.shell}: {line}: {name}: not found\n")
            return 127, None
        result = handler(proc, argv[1:], out)
        return result if isinstance(result, tuple) else (result, None)

    def cmd_echo(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        newline = True
        if args[:1] == ["-n"]:
            newline, args = False, args[1:]
        text = " ".join(args)
        out.write("stdout", text + ("\n" if newline else ""))
        return 0

    def cmd_true(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        return 0

    def cmd_false(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        return 1

    def cmd_exit(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        if not args:
            raise _Exit(proc._status)
        try:
            raise _Exit(int(args[0]) & 0xFF)
        except ValueError:
            out.write("stderr", f"{proc.shell}: 1: exit: Illegal number: {args[0]}\n")
            raise _Exit(2) from None

    def cmd_sleep(
        self, proc: ScriptedProcess, args: list[str], out: _Output
    ) -> tuple[int, _Sleep | None]:
        if not args:
            out.write("stderr", "sleep: missing operand\n")
            return 1, None
        if args[0] == "infinity":
            return 0, _Sleep(None)
        total = 0.0
        for arg in args:
            text = arg + "s" if arg[-1:].isdigit() or arg.endswith(".") else arg
            try:
                if text.endswith("d"):
                    total += float(text[:-1]) * 86400
                else:
                    total += parse_duration(text)
            except (DurationError, ValueError):
                out.write("stderr", f"sleep: invalid time interval '{arg}'\n")
                return 1, None
        return 0, _Sleep(total)

    def cmd_break(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        raise _Break()

    def cmd_continue(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        raise _Continue()

    def cmd_set(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        it = iter(args)
        for arg in it:
            if arg in ("-o", "+o"):
                option = next(it, "")
                if option == "errexit":
                    proc._errexit = arg == "-o"
                elif option == "xtrace":
                    proc._xtrace = arg == "-o"
                continue
            if arg[:1] in "-+" and len(arg) > 1:
                on = arg[0] == "-"
                if "e" in arg:
                    proc._errexit = on
                if "x" in arg:
                    proc._xtrace = on
        return 0

    def cmd_export(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        for arg in args:
            name, eq, value = arg.partition("=")
            if eq:
                proc.env[name] = value
        return 0

    def cmd_printenv(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        if not args:
            for name in sorted(proc.env):
                out.write("stdout", f"{name}={proc.env[name]}\n")
            return 0
        status = 0
        for name in args:
            if name in proc.env:
                out.write("stdout", proc.env[name] + "\n")
            else:
                status = 1
        return status

    cmd_env = cmd_printenv

    def cmd_hostname(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        out.write("stdout", proc.env.get("HOSTNAME", "localhost") + "\n")
        return 0

    def cmd_cat(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        if not args:
            out.write("stdout", proc.stdin.decode(errors="replace"))
            return 0
        status = 0
        for path in args:
            data = proc.fs.read(path)
            if data is None:
                out.write("stderr", f"cat: can't open '{path}': No such file or directory\n")
                status = 1
            else:
                out.write("stdout", data.decode(errors="replace"))
        return status

    def cmd_touch(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        for path in args:
            if proc.fs.read(path) is None and not proc.fs.write(path, b""):
                out.write("stderr", f"touch: {path}: Read-only file system\n")
                return 1
        return 0

    def cmd_rm(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        force = any(a.startswith("-") and "f" in a for a in args)
        status = 0
        for path in (a for a in args if not a.startswith("-")):
            if not proc.fs.remove(path) and not force:
                out.write("stderr", f"rm: can't remove '{path}': No such file or directory\n")
                status = 1
        return status

    def cmd_mkdir(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        return 0  # directories exist implicitly in this file model

    def cmd_test(self, proc: ScriptedProcess, args: list[str], out: _Output) -> int:
        if args and args[-1] == "]":
            args = args[:-1]
        negate = False
        if args[:1] == ["!"]:
            negate, args = True, args[1:]
        if len(args) == 2 and args[0] in ("-f", "-e", "-d", "-s", "-r"):
            data = proc.fs.read(args[1])
            if args[0] == "-s":
                ok = bool(data)
            elif args[0] == "-f":
                ok = data is not None
            else:
                ok = proc.fs.exists(args[1])
        elif len(args) == 2 and args[0] in ("-z", "-n"):
            ok = (args[1] == "") == (args[0] == "-z")
        elif len(args) == 3 and args[1] in ("=", "==", "!="):
            ok = (args[0] == args[2]) == (args[1] != "!=")
        elif len(args) == 3 and args[1] in ("-eq", "-ne", "-lt", "-le", "-gt", "-ge"):
            try:
                a, b = int(args[0]), int(args[2])
            except ValueError:
                out.write("stderr", f"{proc.shell}: 1: test: Illegal number: {args[0]}\n")
                return 2
            ok = {
                "-eq": a == b,
                "-ne": a != b,
                "-lt": a < b,
                "-le": a <= b,
                "-gt": a > b,
                "-ge": a >= b,
            }[args[1]]
        elif len(args) == 1:
            ok = args[0] != ""
        else:
            ok = False
        return 0 if ok != negate else 1


# -- the runtime --------------------------------------------------------------------------------
@dataclass
class _Container:
    spec: ContainerSpec
    fs: _Filesystem
    process: ScriptedProcess
    execs: list[ScriptedProcess] = field(default_factory=list)


class ScriptedRuntime:
    """`ScriptedRuntime()` may be built before its cluster: the ControllerManager hands it the
    cluster's clock (`Cluster(runtime=ScriptedRuntime())`)."""

    def __init__(self, clock: VirtualClock | None = None) -> None:
        self.clock: VirtualClock = clock  # type: ignore[assignment]
        self.builtins = Builtins()
        self.containers: dict[str, _Container] = {}
        self.started: list[ContainerSpec] = []  # every start, in order (for tests)

    # -- images ------------------------------------------------------------------------------
    def image_known(self, image: str) -> bool:
        lowered = image.lower()
        return bool(image.strip()) and not any(m in lowered for m in UNKNOWN_IMAGE_MARKERS)

    def pull_seconds(self, image: str) -> float:
        """Between 0.5 s and 3.5 s, fixed per image name, in whole milliseconds."""
        return 0.5 + (_digest_int("pull:" + image) % 3000) / 1000.0

    def image_size(self, image: str) -> int:
        """Bytes, fixed per image name (for the kubelet's Pulled event)."""
        return 1_000_000 + _digest_int("size:" + image) % 150_000_000

    def pull_error(self, image: str) -> str:
        """The registry's answer when the image does not exist (containerd's wording)."""
        ref = image if "/" in image.split(":")[0] else "docker.io/library/" + image
        if ":" not in ref.rsplit("/", 1)[-1] and "@" not in ref:
            ref += ":latest"
        return (
            f'failed to pull and unpack image "{ref}": failed to resolve reference "{ref}": '
            f"{ref}: not found"
        )

    def new_volume(self, files: dict[str, bytes] | None = None) -> MemoryVolume:
        return MemoryVolume(files)

    # -- containers --------------------------------------------------------------------------
    def start(
        self, spec: ContainerSpec, on_exit: Callable[[ContainerProcess], None]
    ) -> ScriptedProcess:
        self.started.append(spec)
        fs = _Filesystem(spec.mounts)
        env = {"HOSTNAME": spec.hostname, "HOME": "/root", "PATH": "/usr/bin:/bin"}
        env.update(spec.env)
        argv = list(spec.command or []) + list(spec.args or [])
        shell = argv[0] if argv and argv[0] in SHELLS else "sh"
        proc = ScriptedProcess(self, spec.id, env, fs, on_exit, shell=shell, stdin=spec.stdin)
        self.containers[spec.id] = _Container(spec, fs, proc)
        if argv and argv[0] in SHELLS and len(argv) >= 3 and argv[1] in ("-c", "-ec", "-ce"):
            if "e" in argv[1][1:]:
                proc._errexit = True
            proc.start_script(argv[2])
        elif argv and argv[0] in SHELLS and len(argv) >= 2 and not argv[1].startswith("-"):
            proc.start_file(argv[1])
        elif not spec.command and is_server_image(spec.image):
            proc.start_server()
        elif (
            argv
            and is_server_image(spec.image)
            and any(s in argv[0].rsplit("/", 1)[-1] for s in SERVER_NAMES)
        ):
            proc.start_server()
        elif not argv:
            proc.start_script("")  # a tool image with no command exits at once, like busybox
        else:
            proc.start_script(" ".join(_quote(a) for a in argv))
        return proc

    def exec(
        self,
        container_id: str,
        argv: list[str],
        stdin: bytes | None,
        on_exit: Callable[[ContainerProcess], None],
    ) -> ScriptedProcess:
        container = self.containers.get(container_id)
        if container is None or not container.process.running:
            raise ContainerNotRunningError(f'container "{container_id}" is not running')
        shell = argv[0] if argv and argv[0] in SHELLS else "sh"
        proc = ScriptedProcess(
            self,
            f"{container_id}/exec/{len(container.execs)}",
            container.process.env,
            container.fs,
            on_exit,
            shell=shell,
            stdin=stdin,
        )
        container.execs.append(proc)
        if argv and argv[0] in SHELLS and len(argv) >= 3 and argv[1] == "-c":
            proc.start_script(argv[2])
        else:
            proc.start_script(" ".join(_quote(a) for a in argv))
        return proc

    def probe(self, container_id: str, probe: ProbeSpec) -> bool:
        container = self.containers.get(container_id)
        if container is None or not container.process.running:
            return False
        if probe.kind in ("http", "tcp", "grpc"):
            return container.process.server
        argv = list(probe.command)
        proc = ScriptedProcess(
            self, container_id + "/probe", container.process.env, container.fs, lambda p: None
        )
        if argv and argv[0] in SHELLS and len(argv) >= 3 and argv[1] == "-c":
            script = argv[2]
        else:
            script = " ".join(_quote(a) for a in argv)
        try:
            proc._program = parse_script(script)
            for _ in proc.steps():
                pass  # a probe's sleeps take no virtual time
        except ShellSyntaxError:
            return False
        except _Exit as done:
            return done.code == 0
        except (_Break, _Continue):
            pass
        return proc._status == 0

    def process(self, container_id: str) -> ScriptedProcess | None:
        container = self.containers.get(container_id)
        return container.process if container else None

    def _exited(self, proc: ScriptedProcess) -> None:
        container = self.containers.get(proc.id)
        if container is not None and container.process is proc:
            for child in container.execs:
                if child.running:
                    child._finish(137)


def _quote(arg: str) -> str:
    if arg and all(c.isalnum() or c in "-_./:=,@%+" for c in arg):
        return arg
    return "'" + arg.replace("'", "'\\''") + "'"
