"""psql, the PostgreSQL client, as a Python front end over the real server: options and PG*
variables as libpq reads them, input split into statements as psql's lexer does, results,
command tags, notices and errors printed as psql prints them, and psql's exit statuses
(1 for a failed -c, 2 for a lost connection, 3 for a script stopped by ON_ERROR_STOP)."""

from __future__ import annotations

import io
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from minicluster.runtime.programs.registry import program

from . import psql_meta
from .pg_client import ConnectError, ConnParams, from_dbname, from_env, open_session
from .pg_names import to_learner, to_server
from .postgres_server import ResultTooLarge, db_error_fields
from .psql_format import PrintOptions, error_report, format_table, numeric_columns
from .psql_lexer import Scanner, virtual_time_keywords

COPY_IN = re.compile(r"^\s*COPY\b.*\bFROM\s+STDIN\b", re.I | re.S)
COPY_OUT = re.compile(r"^\s*COPY\b.*\bTO\s+STDOUT\b", re.I | re.S)
EXIT_OK, EXIT_FAILURE, EXIT_BADCONN, EXIT_USER = 0, 1, 2, 3
TRUE_WORDS = ("on", "true", "yes", "1")
SHORT_WITH_VALUE = set("hpUdcfvFRLoPT")


class PsqlUsageError(Exception):
    pass


@dataclass
class PsqlOptions:
    params: ConnParams = field(default_factory=ConnParams)
    actions: list[tuple[str, str]] = field(default_factory=list)  # ("c"|"f", text)
    variables: dict[str, str] = field(default_factory=dict)
    print: PrintOptions = field(default_factory=PrintOptions)
    quiet: bool = False
    echo_queries: bool = False  # -e
    echo_all: bool = False  # -a
    output: str | None = None  # -o FILE
    list_databases: bool = False  # -l
    single_transaction: bool = False
    positional: list[str] = field(default_factory=list)


LONG = {"list": "l", "host": "h", "port": "p", "username": "U", "dbname": "d", "command": "c", "file": "f",
        "set": "v", "variable": "v", "field-separator": "F", "record-separator": "R",
        "tuples-only": "t", "no-align": "A", "no-psqlrc": "X", "quiet": "q",
        "single-transaction": "1", "no-password": "w", "password": "W", "echo-all": "a",
        "echo-queries": "e", "output": "o", "pset": "P", "log-file": "L",
        "expanded": "x"}


def parse_args(argv: list[str]) -> PsqlOptions:
    opts = PsqlOptions()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            opts.positional.extend(argv[i:])
            break
        if arg.startswith("--"):
            name, eq, value = arg[2:].partition("=")
            if name == "csv":
                opts.print.csv = True
                continue
            letter = LONG.get(name)
            if letter is None:
                raise PsqlUsageError(f"unrecognized option '{arg}'")
            if letter in SHORT_WITH_VALUE and not eq:
                if i >= len(argv):
                    raise PsqlUsageError(f"option '--{name}' requires an argument")
                value = argv[i]
                i += 1
            _apply(opts, letter, value)
            continue
        if arg.startswith("-") and len(arg) > 1:
            j = 1
            while j < len(arg):
                letter = arg[j]
                j += 1
                if letter in SHORT_WITH_VALUE:
                    value = arg[j:]
                    if not value:
                        if i >= len(argv):
                            raise PsqlUsageError(f"option requires an argument -- '{letter}'")
                        value = argv[i]
                        i += 1
                    _apply(opts, letter, value)
                    break
                if letter not in "tAXqewW1anxHlVs?z0":
                    raise PsqlUsageError(f"invalid option -- '{letter}'")
                _apply(opts, letter, "")
            continue
        opts.positional.append(arg)
    return opts


def _apply(opts: PsqlOptions, letter: str, value: str) -> None:
    p = opts.params
    if letter == "h":
        p.host = value
    elif letter == "p":
        p.port = value
    elif letter == "U":
        p.user = value
    elif letter == "d":
        p.dbname = value
    elif letter in "cf":
        opts.actions.append((letter, value))
    elif letter == "v":
        name, _, val = value.partition("=")
        opts.variables[name] = val
    elif letter == "F":
        opts.print.field_sep = value
    elif letter == "R":
        opts.print.record_sep = value
    elif letter == "t":
        opts.print.tuples_only = True
    elif letter == "A":
        opts.print.aligned = False
    elif letter == "q":
        opts.quiet = True
    elif letter == "e":
        opts.echo_queries = True
    elif letter == "l":
        opts.list_databases = True
    elif letter == "x":
        opts.print.expanded = True
    elif letter == "z":
        opts.print.field_sep = "\0"
    elif letter == "0":
        opts.print.record_sep = "\0"
    elif letter == "a":
        opts.echo_all = True
    elif letter == "o":
        opts.output = value
    elif letter == "1":
        opts.single_transaction = True


class Session:
    """One psql run: the connection, its variables, where errors are reported from."""

    def __init__(self, ctx: Any, opts: PsqlOptions, conn: Any, target: Any) -> None:
        self.ctx = ctx
        self.opts = opts
        self.conn = conn
        self.target = target
        self.variables = dict(opts.variables)
        self.prefix = ""  # "psql:FILE:LINE: " while running a file
        self.quit = False
        self.scanner: Any = None  # the input being read: \copy ... from stdin takes its lines
        self.connect_failed = False  # a failed \\connect ends a non-interactive run (exit 2)
        conn.on_notice = self._notice

    @property
    def on_error_stop(self) -> bool:
        return self.variables.get("ON_ERROR_STOP", "off").lower() in TRUE_WORDS

    def _notice(self, fields: dict[str, str]) -> None:
        pod = self.target.pod
        fields = {key: to_learner(value, pod) for key, value in fields.items()}
        self.ctx.stderr.write(error_report(fields, None, self.prefix))

    # -- statements ---------------------------------------------------------------------------
    def send(self, sql: str, copy_data: Any = None, show_tag: bool = False,
             copy_to: Any = None) -> bool:
        """Run one query and print its results; False when the server reported an error.
        `copy_data()` gives the rows of a COPY ... FROM STDIN (from the script or stdin)."""
        ctx = self.ctx
        ctx.tick()
        stream: Any = None
        if COPY_IN.match(sql):
            stream = io.StringIO(copy_data() if copy_data is not None else _stdin_copy(ctx))
        elif COPY_OUT.match(sql):
            stream = io.StringIO()
        if self.opts.echo_queries:
            ctx.stdout.write(sql + "\n")
        try:
            sent = virtual_time_keywords(to_server(sql, self.target.pod))
            results = self.conn.query(sent, stream)
            failed: dict[str, str] | None = None
        except ResultTooLarge as error:
            self.conn._sock.close()  # mid-result: the protocol cannot go on; the server cancels
            ctx.host.kill_for_budget(f"query result larger than {error.args[0]} bytes")
            raise
        except Exception as error:  # noqa: BLE001 - pg8000's errors, imported lazily
            failed = db_error_fields(error)
            if failed is None:
                raise LostConnection(str(error)) from None
            results = self.conn.results
        copy_out = stream is not None and COPY_OUT.match(sql) is not None
        if copy_out:
            (copy_to or ctx.stdout).write(stream.getvalue())
        for result in results:
            # COPY ... TO STDOUT shows no tag; \copy ... to shows one.
            if show_tag or not (copy_out and result.tag.startswith("COPY")):
                self.print_result(result)
        if failed is not None:
            pod = self.target.pod
            fields = {key: to_learner(value, pod) for key, value in failed.items()}
            ctx.stderr.write(error_report(fields, sql, self.prefix))
            return False
        return True

    def print_result(self, result: Any) -> None:
        word = result.tag.split(" ", 1)[0]
        if result.columns is not None:
            headers = [c["name"] for c in result.columns]
            self.ctx.stdout.write(format_table(headers, result.rows,
                                               numeric_columns(result.columns), self.opts.print))
            if word not in ("INSERT", "UPDATE", "DELETE", "MERGE"):
                return
        if result.tag and not self.opts.quiet:
            self.ctx.stdout.write(result.tag + "\n")

    # -- input ----------------------------------------------------------------------------------
    def run_script(self, text: str, source: str | None) -> int:
        """A file or stdin: statements one by one; errors go on unless ON_ERROR_STOP."""
        scanner = Scanner(text, self.variables)
        saved, self.scanner = self.scanner, scanner
        lines = text.split("\n")
        echoed = 0  # -a: input lines up to this one are echoed (psql skips empty lines)

        def echo_upto(last: int) -> None:
            nonlocal echoed
            if self.opts.echo_all:
                for line in lines[echoed:last]:
                    if line:
                        self.ctx.stdout.write(line + "\n")
            echoed = max(echoed, last)

        for item in scanner.items():
            self.prefix = f"psql:{source}:{item.line}: " if source is not None else ""
            echo_upto(item.line)
            if item.kind == "meta":
                ok = psql_meta.run(self, item.text)
            else:
                ok = self.send(item.text, scanner.copy_data)
            echoed = max(echoed, scanner.line - 1)  # COPY data is not echoed
            if self.quit or self.connect_failed or (not ok and self.on_error_stop):
                self.scanner = saved
                if self.quit:
                    return EXIT_OK
                return EXIT_BADCONN if self.connect_failed else EXIT_USER
        echo_upto(len(lines))
        self.prefix = ""
        self.scanner = saved
        return EXIT_OK

    def run_command(self, text: str) -> bool:
        if text.lstrip().startswith("\\"):
            ok = True
            for part in text.strip().split("\\\\"):
                ok = psql_meta.run(self, part.strip()) and ok
            return ok
        return self.send(text)


class LostConnection(Exception):
    pass


@program("psql")
def psql(ctx: Any, argv: list[str]) -> int:
    try:
        opts = parse_args(argv[1:])
    except PsqlUsageError as error:
        ctx.stderr.write(f"psql: {error}\npsql: hint: Try \"psql --help\" for more information.\n")
        return EXIT_FAILURE
    params = opts.params
    if opts.positional:
        params = params.merged(from_dbname(opts.positional[0])) if params.dbname is None else params
        if len(opts.positional) > 1 and params.user is None:
            params.user = opts.positional[1]
    if params.dbname is not None and ("=" in params.dbname or "://" in params.dbname):
        params = from_dbname(params.dbname).merged(ConnParams(params.host, params.port, params.user))
    if opts.list_databases and params.dbname is None:
        params.dbname = "postgres"  # psql -l ignores PGDATABASE
    params = params.merged(from_env(ctx.env))
    try:
        conn, target = open_session(ctx, params)
    except ConnectError as error:
        ctx.stderr.write(f"psql: error: {error}\n")
        return EXIT_BADCONN
    if opts.output is not None:
        ctx = ctx.child(stdout=ctx.open_out(opts.output))
    session = Session(ctx, opts, conn, target)
    try:
        if opts.list_databases:
            return EXIT_OK if psql_meta.cmd_l(session, [], False) else EXIT_FAILURE
        return _run_actions(session, opts)
    except LostConnection:
        ctx.stderr.write("psql: error: connection to server was lost\n")
        return EXIT_BADCONN
    finally:
        try:
            conn.close()
        except Exception:  # noqa: BLE001 - the server may have dropped it already
            pass


def _run_actions(session: Session, opts: PsqlOptions) -> int:
    ctx = session.ctx
    if opts.single_transaction:
        session.conn.query("BEGIN")
    status = EXIT_OK
    if not opts.actions:
        status = session.run_script(ctx.stdin.read(), None)
    for kind, value in opts.actions:
        if kind == "c":
            if not session.run_command(value):
                status = EXIT_FAILURE
                if session.on_error_stop or opts.single_transaction:
                    break
        else:
            text = _read_file(ctx, value)
            if text is None:
                status = EXIT_FAILURE
                break
            status = session.run_script(text, "<stdin>" if value == "-" else value)
            if status != EXIT_OK:
                break
        if session.quit:
            break
    if opts.single_transaction:
        session.conn.query("COMMIT" if status == EXIT_OK else "ROLLBACK")
    return status


def _stdin_copy(ctx: Any) -> str:
    lines: list[str] = []
    while True:
        line = ctx.stdin.readline()
        if not line or line.rstrip("\r\n") == "\\.":
            return "".join(lines)
        lines.append(line)


def _read_file(ctx: Any, path: str) -> str | None:
    if path == "-":
        return str(ctx.stdin.read())
    try:
        return str(ctx.read_text(path))
    except Exception:  # noqa: BLE001 - any unreadable file is reported like psql does
        ctx.stderr.write(f"psql: error: {path}: No such file or directory\n")
        return None


def split_meta_args(text: str) -> list[str]:
    try:
        return shlex.split(text, posix=True)
    except ValueError:
        return text.split()
