"""The evaluator: runs a parsed script inside a container, one command at a time.

A Shell owns variables, functions, options, traps and its file descriptors; subshells (pipeline
stages, `( )`, command substitutions, background jobs) are copies. External commands run through
the program context, in the same greenlet: a `sleep` inside them yields to the virtual clock.
Pipelines run stage by stage, each stage reading the buffered output of the previous one."""

from __future__ import annotations

from typing import Any

from minicluster.runtime.pipes import SIGPIPE_STATUS, BrokenPipe, Pipe
from minicluster.runtime.streams import BufferOut, ClosedOut, InStream, OutStream
from minicluster.runtime.vfs import VfsError

from . import ast as A
from .builtins import BUILTINS, SPECIAL_BUILTINS, double_bracket, is_builtin
from .dialect import DASH, Dialect
from .errors import ExitShell, LoopControl, ReturnFromFunction, ShellError, ShellSyntaxError
from .expand import expand_fields, expand_heredoc, expand_pattern, expand_string
from .lexer import is_name
from .parser import Parser
from .patterns import match as pattern_match

MAX_FUNCTION_DEPTH = 60
SIGNALS = {"EXIT": 0, "HUP": 1, "INT": 2, "QUIT": 3, "KILL": 9, "USR1": 10, "USR2": 12,
           "PIPE": 13, "ALRM": 14, "TERM": 15, "CHLD": 17, "CONT": 18, "STOP": 19}
SIGNAL_NAMES = {v: k for k, v in SIGNALS.items()}


class Shell:
    def __init__(self, ctx: Any, arg0: str = "sh", args: list[str] | None = None,
                 dialect: Dialect = DASH) -> None:
        self.ctx = ctx
        self.host = ctx.host
        self.fs = ctx.fs
        self.arg0 = arg0
        self.dialect = dialect
        self.positional: list[str] = list(args or [])
        self.vars: dict[str, str] = dict(ctx.env)
        self.exported: set[str] = set(ctx.env)
        self.readonly: set[str] = set()
        self.locals: list[dict[str, tuple[str | None, bool]]] = []
        self.functions: dict[str, A.Node] = {}
        self.options: dict[str, bool] = {}
        self.traps: dict[str, str] = {}
        self.status = 0
        self.cwd = ctx.cwd
        self.fds: dict[int, Any] = {0: ctx.stdin, 1: ctx.stdout, 2: ctx.stderr}
        self.lineno = 1
        self.pid = self.host.pid_of_current()
        self.last_bg: int | None = None
        self.jobs: dict[int, Any] = {}
        self.errexit_suppressed = 0
        self.loop_depth = 0
        self.func_depth = 0
        self.cmdsub_status: int | None = None
        self.is_subshell = False
        self.receives_signals = False  # the container's main shell (PID 1) handles SIGTERM
        self.from_file = False  # a script file rather than -c (BusyBox numbers lines then)
        self.source_lines: list[str] = []
        self.vars.setdefault("IFS", " \t\n")
        self.vars.setdefault("PS4", "+ ")
        self.vars["PWD"] = self.cwd
        self.vars.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        self.vars["PPID"] = "0"  # the container runtime is outside the PID namespace
        self.started_at = self.host.clock.now()
        if dialect.name == "bash":
            self.vars.update({"UID": "0", "EUID": "0", "BASH": "/bin/bash",
                              "BASH_VERSION": "5.2.15(1)-release"})

    # -- variables --------------------------------------------------------------------------
    def get_var(self, name: str) -> str | None:
        return self.vars.get(name)

    def param_value(self, name: str) -> str | None:
        if name.isdigit():
            index = int(name)
            if index == 0:
                return self.arg0
            return self.positional[index - 1] if index <= len(self.positional) else None
        special = {
            "?": lambda: str(self.status),
            "#": lambda: str(len(self.positional)),
            "$": lambda: str(self.host.root_pid),
            "!": lambda: "" if self.last_bg is None else str(self.last_bg),
            "-": lambda: ("c" if self.dialect.name == "ash" and not self.from_file else "") + "".join(
                f for f, o in (("e", "errexit"), ("u", "nounset"), ("x", "xtrace"), ("f", "noglob"))
                if self.options.get(o)),
            "@": lambda: " ".join(self.positional),
            "*": lambda: " ".join(self.positional),
        }
        if name in special:
            return special[name]()
        if self.dialect.name != "dash" and name in ("LINENO", "RANDOM", "SECONDS") and name not in self.vars:
            if name == "LINENO":
                return str(self.lineno)
            if name == "SECONDS":
                return str(int(self.host.clock.now() - self.started_at))
            rand = getattr(self.host.runtime, "rand", None)
            return str(rand.stream("shell-RANDOM").randint(0, 32767) if rand is not None else 0)
        return self.vars.get(name)

    def is_assignable(self, name: str) -> bool:
        return is_name(name) and name not in self.readonly

    def set_var(self, name: str, value: str) -> None:
        if name in self.readonly:
            raise ShellError(f"{name}: is read only")
        self.vars[name] = value
        if self.options.get("allexport"):
            self.exported.add(name)

    def set_var_checked(self, name: str, value: str) -> None:
        if not is_name(name):
            raise ShellError(f"{name}: bad variable name")
        self.set_var(name, value)

    def unset_var(self, name: str) -> None:
        if name in self.readonly:
            raise ShellError(f"{name}: is read only", status=2, fatal=False)
        self.vars.pop(name, None)
        self.exported.discard(name)

    def environment(self, extra: list[tuple[str, str]] = ()) -> dict[str, str]:  # type: ignore[assignment]
        env = {k: self.vars[k] for k in self.exported if k in self.vars}
        for k, v in extra:
            env[k] = v
        return env

    # -- messages ---------------------------------------------------------------------------
    def message(self, text: str) -> None:
        """An error line, prefixed as the shell prefixes them (`sh: 3: `)."""
        self.write_fd(2, self.dialect.prefix(self.arg0, self.lineno, self.from_file) + text + "\n")

    def write_fd(self, fd: int, text: str) -> None:
        stream = self.fds.get(fd)
        if stream is None or isinstance(stream, InStream):
            return
        try:
            stream.write(text)
        except OSError:
            pass

    @property
    def stdout(self) -> OutStream:
        stream = self.fds.get(1)
        return stream if isinstance(stream, OutStream) else ClosedOut()

    @property
    def stderr(self) -> OutStream:
        stream = self.fds.get(2)
        return stream if isinstance(stream, OutStream) else ClosedOut()

    @property
    def stdin(self) -> InStream:
        stream = self.fds.get(0)
        return stream if isinstance(stream, InStream) else InStream("", closed=True)

    # -- entry points -----------------------------------------------------------------------
    def run_script(self, source: str) -> int:
        """Run a whole script (sh -c, a script file) and the EXIT trap; returns the exit status."""
        try:
            self.run_source(source)
        except ExitShell as ex:
            self.status = ex.status
        return self.finish()

    def finish(self) -> int:
        trap = self.traps.pop("EXIT", None)
        if trap:
            saved = self.status
            try:
                self.eval_string(trap)
                self.status = saved
            except ExitShell as ex:
                self.status = ex.status
        return self.status & 0xFF

    def run_source(self, source: str, line: int = 1) -> None:
        """Parse and run one line of commands at a time, as dash does."""
        parser = Parser(source, line, self.dialect.bash_syntax)
        self.source_lines = source.split("\n")
        while True:
            try:
                chunk = parser.parse_next()
            except ShellSyntaxError as err:
                self.report_syntax_error(err)
                raise ExitShell(2) from None
            if chunk is None:
                return
            self.run_list_guarded(chunk)

    def run_list_guarded(self, node: A.CommandList) -> None:
        try:
            self.exec_list(node)
        except ShellError as err:
            self.message(err.message)
            self.status = err.status
            if err.fatal:
                raise ExitShell(err.status) from None
        except (LoopControl, ReturnFromFunction) as ctl:
            if isinstance(ctl, ReturnFromFunction):
                self.status = ctl.status

    def eval_string(self, source: str, context: str = "") -> int:
        parser = Parser(source, self.lineno, self.dialect.bash_syntax)
        saved_line = self.lineno
        try:
            while True:
                try:
                    chunk = parser.parse_next()
                except ShellSyntaxError as err:
                    self.report_syntax_error(err, context)
                    raise ExitShell(2) from None
                if chunk is None:
                    break
                self.exec_list(chunk)
        finally:
            self.lineno = saved_line
        return self.status

    def report_syntax_error(self, err: ShellSyntaxError, context: str = "") -> None:
        index = err.line - 1
        source_line = self.source_lines[index] if 0 <= index < len(self.source_lines) else ""
        text = self.dialect.syntax_error(self.arg0, err.line, err.message, source_line, self.from_file)
        if context and self.dialect.name == "dash":
            text = text.replace(f"{self.arg0}: {err.line}: ", f"{self.arg0}: {err.line}: {context}: ", 1)
        elif context and self.dialect.name == "ash":
            line = err.line if self.from_file else 0
            text = text.replace(f"{self.arg0}: ", f"{self.arg0}: {context}: line {line}: ", 1)
        self.write_fd(2, text + "\n")

    # -- lists ------------------------------------------------------------------------------
    def exec_list(self, node: A.CommandList) -> int:
        for andor, background in node.items:
            self.check_signals()
            if background:
                self.start_background(andor)
            else:
                self.exec_and_or(andor)
        return self.status

    def exec_and_or(self, node: A.AndOr) -> int:
        items = [("", node.first), *node.rest]
        last_run = -1
        for index, (op, pipeline) in enumerate(items):
            if op == "&&" and self.status != 0:
                continue
            if op == "||" and self.status == 0:
                continue
            suppress = index < len(items) - 1
            if suppress:
                self.errexit_suppressed += 1
            try:
                self.exec_pipeline(pipeline)
            finally:
                if suppress:
                    self.errexit_suppressed -= 1
            last_run = index
        if self.host.pending_signals and self.receives_signals:
            self.check_signals()
        last = items[-1][1]
        if (last_run == len(items) - 1 and self.status != 0 and not last.negate
                and self.options.get("errexit") and not self.errexit_suppressed):
            raise ExitShell(self.status)
        return self.status

    def exec_pipeline(self, node: A.Pipeline) -> int:
        if node.negate:
            self.errexit_suppressed += 1
        try:
            if len(node.commands) == 1:
                status = self.exec_command(node.commands[0])
            else:
                status = self.exec_stages(node.commands)
        finally:
            if node.negate:
                self.errexit_suppressed -= 1
        if node.negate:
            status = 0 if status else 1
        self.status = status
        return status

    def exec_stages(self, commands: list[A.Node]) -> int:
        """All stages at once, one greenlet each, joined by pipes."""
        if self.host.current().instant:
            return self.exec_stages_buffered(commands)
        last = len(commands) - 1
        pipes = [Pipe(self.host) for _ in commands[:-1]]
        jobs = []
        for index, command in enumerate(commands):
            child = self.fork()
            if index > 0:
                child.fds[0] = pipes[index - 1].reader
            if index < last:
                child.fds[1] = pipes[index].writer

            def run(child: Shell = child, command: A.Node = command, index: int = index) -> int:
                try:
                    return child.run_subshell(lambda: child.exec_command(command))
                except BrokenPipe:
                    return SIGPIPE_STATUS
                finally:
                    if index < last:
                        pipes[index].close_write()
                    if index > 0:
                        pipes[index - 1].close_read()

            jobs.append(self.host.new_job(run))
        # Readers start first and wait for input, so that a writer hands its first line over
        # at once: `while :; do echo; done | head -1` ends instead of filling the pipe.
        for job in reversed(jobs):
            job.resume()
        statuses = [self.host.wait_job(job) for job in jobs]
        for job in jobs:
            self.host.jobs.pop(job.pid, None)
        return self.pipeline_status(statuses)

    def pipeline_status(self, statuses: list[int]) -> int:
        if self.options.get("pipefail"):
            failed = [s for s in statuses if s != 0]
            return failed[-1] if failed else 0
        return statuses[-1]

    def exec_stages_buffered(self, commands: list[A.Node]) -> int:
        """Stage after stage, for exec probes (which must not yield to the clock)."""
        data: InStream = self.stdin
        statuses: list[int] = []
        for index, command in enumerate(commands):
            child = self.fork()
            child.fds[0] = data
            out: BufferOut | None = None
            if index < len(commands) - 1:
                out = BufferOut()
                child.fds[1] = out
            statuses.append(child.run_subshell(lambda c=child, cmd=command: c.exec_command(cmd)))
            if out is not None:
                data = InStream(out.getvalue())
        return self.pipeline_status(statuses)

    # -- subshells --------------------------------------------------------------------------
    def fork(self) -> Shell:
        child = object.__new__(Shell)
        child.__dict__.update(self.__dict__)
        child.vars = dict(self.vars)
        child.exported = set(self.exported)
        child.readonly = set(self.readonly)
        child.locals = [dict(scope) for scope in self.locals]
        child.functions = dict(self.functions)
        child.options = dict(self.options)
        child.traps = {k: v for k, v in self.traps.items() if v == ""}
        child.positional = list(self.positional)
        child.fds = dict(self.fds)
        child.jobs = {}
        child.is_subshell = True
        child.receives_signals = False
        return child

    def run_subshell(self, fn: Any) -> int:
        try:
            try:
                fn()
            except ShellError as err:
                self.message(err.message)
                self.status = err.status
            except LoopControl:
                pass
            except ReturnFromFunction as ret:
                self.status = ret.status
        except ExitShell as ex:
            self.status = ex.status
        return self.finish()

    def start_background(self, andor: A.AndOr) -> None:
        child = self.fork()
        child.fds[0] = InStream("")
        job = self.host.spawn(lambda: child.run_subshell(lambda: child.exec_and_or(andor)))
        child.pid = job.pid
        self.jobs[job.pid] = job
        self.last_bg = job.pid
        self.status = 0

    def command_substitution(self, part: A.CommandSub) -> str:
        child = self.fork()
        out = BufferOut()
        child.fds[1] = out
        body = part.body
        assert isinstance(body, A.CommandList)
        self.cmdsub_status = child.run_subshell(lambda: child.exec_list(body))
        self.status = self.cmdsub_status
        return out.getvalue().rstrip("\n")

    # -- signals ----------------------------------------------------------------------------
    def check_signals(self) -> None:
        """Run traps for signals that arrived while the previous command ran."""
        self.host.budget.step()
        if not self.receives_signals:
            return
        while self.host.pending_signals:
            signum = self.host.pending_signals.pop(0)
            name = SIGNAL_NAMES.get(signum, str(signum))
            action = self.traps.get(name)
            if action:
                saved = self.status
                self.eval_string(action)
                self.status = saved

    # -- commands ---------------------------------------------------------------------------
    def exec_command(self, node: A.Node) -> int:
        if isinstance(node, A.SimpleCommand):
            return self.exec_simple(node)
        if isinstance(node, A.FunctionDef):
            self.functions[node.name] = node.body
            self.status = 0
            return 0
        redirects = getattr(node, "redirects", [])
        saved = self.apply_redirects(redirects) if redirects else None
        if saved is None and redirects:
            return self.status
        try:
            self.status = self.exec_compound(node)
        finally:
            if saved is not None:
                self.restore_fds(saved)
        return self.status

    def exec_compound(self, node: A.Node) -> int:
        if isinstance(node, A.Group):
            return self.exec_list(node.body)
        if isinstance(node, A.Subshell):
            child = self.fork()
            body = node.body
            return child.run_subshell(lambda: child.exec_list(body))
        if isinstance(node, A.If):
            for cond, body in node.clauses:
                if self.exec_condition(cond) == 0:
                    return self.exec_list(body)
            if node.else_body is not None:
                return self.exec_list(node.else_body)
            return 0
        if isinstance(node, A.Loop):
            return self.exec_loop(node)
        if isinstance(node, A.For):
            return self.exec_for(node)
        if isinstance(node, A.Case):
            return self.exec_case(node)
        if isinstance(node, A.DoubleBracket):
            return double_bracket(self, node)
        raise AssertionError(f"unknown node {node!r}")

    def exec_condition(self, cond: A.CommandList) -> int:
        self.errexit_suppressed += 1
        try:
            return self.exec_list(cond)
        finally:
            self.errexit_suppressed -= 1

    def exec_loop(self, node: A.Loop) -> int:
        status = 0
        self.loop_depth += 1
        try:
            while True:
                self.host.budget.step()
                result = self.exec_condition(node.cond)
                if (result == 0) == node.until:
                    break
                try:
                    status = self.exec_list(node.body)
                except LoopControl as ctl:
                    if ctl.levels > 1:
                        ctl.levels -= 1
                        raise
                    status = 0
                    if ctl.is_break:
                        break
        finally:
            self.loop_depth -= 1
        return status

    def exec_for(self, node: A.For) -> int:
        self.lineno = node.line
        values = list(self.positional) if node.words is None else expand_fields(self, node.words)
        status = 0
        self.loop_depth += 1
        try:
            for value in values:
                self.host.budget.step()
                self.set_var(node.var, value)
                try:
                    status = self.exec_list(node.body)
                except LoopControl as ctl:
                    if ctl.levels > 1:
                        ctl.levels -= 1
                        raise
                    status = 0
                    if ctl.is_break:
                        break
        finally:
            self.loop_depth -= 1
        return status

    def exec_case(self, node: A.Case) -> int:
        self.lineno = node.line
        subject = expand_string(self, node.word)
        for item in node.items:
            for pattern in item.patterns:
                if pattern_match(expand_pattern(self, pattern), subject):
                    return self.exec_list(item.body) if item.body else 0
        return 0

    # -- simple commands --------------------------------------------------------------------
    def exec_simple(self, cmd: A.SimpleCommand) -> int:
        from .builtins import SPECIAL_BUILTINS, is_builtin

        self.lineno = cmd.line
        self.host.budget.step()
        self.cmdsub_status = None
        argv = expand_fields(self, cmd.words)
        # Prefix assignments are made one by one (`a=1 b=$a cmd` sees a); they last only for
        # the command unless there is none or it is a special builtin.
        special = not argv or ("/" not in argv[0] and argv[0] in SPECIAL_BUILTINS
                               and is_builtin(self, argv[0]))
        assigns: list[tuple[str, str]] = []
        saved_vars: dict[str, tuple[str | None, bool]] = {}
        try:
            for a in cmd.assigns:
                value = expand_string(self, a.value)
                assigns.append((a.name, value))
                if not special:
                    saved_vars.setdefault(a.name, (self.vars.get(a.name), a.name in self.exported))
                self.set_var(a.name, value)
            if self.options.get("xtrace"):
                self.trace(assigns, argv)
            return self._dispatch(cmd, argv, assigns)
        finally:
            for var, (old, exported) in saved_vars.items():
                if old is None:
                    self.vars.pop(var, None)
                else:
                    self.vars[var] = old
                if not exported:
                    self.exported.discard(var)

    def _dispatch(self, cmd: A.SimpleCommand, argv: list[str], assigns: list[tuple[str, str]]) -> int:
        if not argv:
            saved = self.apply_redirects(cmd.redirects)
            if saved is not None:
                self.restore_fds(saved)
                self.status = self.cmdsub_status or 0
            return self.status
        name = argv[0]
        if name == "exec" and len(argv) == 1:
            # `exec >file`: the redirections stay for the rest of the script
            if self.apply_redirects(cmd.redirects) is None:
                raise ExitShell(self.status)
            self.status = 0
            return 0
        if "/" not in name and name in SPECIAL_BUILTINS and is_builtin(self, name):
            return self.run_with_redirects(cmd, lambda: self.run_builtin(name, argv), special=True)
        if "/" not in name and name in self.functions:
            return self.run_with_redirects(
                cmd, lambda: self.with_exported(assigns, lambda: self.call_function(name, argv[1:])))
        if "/" not in name and is_builtin(self, name):
            return self.run_with_redirects(cmd, lambda: self.run_builtin(name, argv))
        return self.run_with_redirects(cmd, lambda: self.run_external(argv, assigns))

    def run_builtin(self, name: str, argv: list[str]) -> int:
        try:
            return BUILTINS[name](self, argv)
        except ShellError as err:
            if self.dialect.name == "ash" and err.message.startswith(f"{name}: "):
                # BusyBox: `sh: exit: line 0: Illegal number: abc` (line 0 under -c)
                line = self.lineno if self.from_file else 0
                err.message = f"{name}: line {line}: {err.message[len(name) + 2:]}"
            raise

    def trace(self, assigns: list[tuple[str, str]], argv: list[str]) -> None:
        # dash prints the words as they are; bash quotes the ones that need it
        quote = _trace_quote if self.dialect.name != "dash" else (lambda text: text)
        words = [f"{k}={quote(v)}" for k, v in assigns] + [quote(a) for a in argv]
        self.write_fd(2, (self.vars.get("PS4") or "") + " ".join(words) + "\n")

    def run_with_redirects(self, cmd: A.SimpleCommand, fn: Any, special: bool = False) -> int:
        saved = self.apply_redirects(cmd.redirects)
        if saved is None:
            if special:
                raise ExitShell(self.status)
            return self.status
        try:
            self.status = fn()
        except ShellError as err:
            self.message(err.message)
            self.status = err.status
            if err.fatal:
                raise ExitShell(err.status) from None
        finally:
            self.restore_fds(saved)
        return self.status

    def with_exported(self, assigns: list[tuple[str, str]], fn: Any) -> int:
        """Prefix assignments are exported to what the command runs."""
        added = [name for name, _ in assigns if name not in self.exported]
        self.exported.update(added)
        try:
            return int(fn())
        finally:
            self.exported.difference_update(added)

    def call_function(self, name: str, args: list[str]) -> int:
        if self.func_depth >= MAX_FUNCTION_DEPTH:
            self.host.kill_for_budget(
                f"function nesting deeper than {MAX_FUNCTION_DEPTH} calls ({name})"
            )
        body = self.functions[name]
        saved_args = self.positional
        self.positional = list(args)
        self.func_depth += 1
        self.locals.append({})
        saved_loop = self.loop_depth
        self.loop_depth = 0

        def run() -> int:
            try:
                return self.exec_command(body)
            except ReturnFromFunction as ret:
                return ret.status

        try:
            status = run()
        finally:
            self.loop_depth = saved_loop
            scope = self.locals.pop()
            for var, (value, exported) in scope.items():
                if value is None:
                    self.vars.pop(var, None)
                else:
                    self.vars[var] = value
                if exported:
                    self.exported.add(var)
                else:
                    self.exported.discard(var)
            self.func_depth -= 1
            self.positional = saved_args
        self.status = status
        return status

    def run_external(self, argv: list[str], assigns: list[tuple[str, str]]) -> int:
        name = argv[0]
        path = self.find_command(name)
        if path is None:
            self.write_fd(2, self.dialect.not_found(self.arg0, self.lineno, name, self.from_file) + "\n")
            return 127
        ctx = self.ctx.child(stdin=self.stdin, stdout=self.stdout, stderr=self.stderr,
                             env=self.environment(assigns), cwd=self.cwd)
        try:
            return int(ctx.exec_file(path, argv))
        except VfsError as err:
            if err.errno == "EACCES":
                self.message(f"{name}: Permission denied")
                return 126
            self.message(f"{name}: not found")
            return 127

    def find_command(self, name: str) -> str | None:
        if "/" in name:
            return name if self.fs.try_lookup(name, self.cwd) is not None else None
        for directory in (self.vars.get("PATH") or "").split(":"):
            candidate = (directory or ".").rstrip("/") + "/" + name
            node = self.fs.try_lookup(candidate, self.cwd)
            if node is not None and self.fs.is_executable(candidate, self.cwd):
                return candidate
        return None

    # -- redirections -----------------------------------------------------------------------
    def apply_redirects(self, redirects: list[A.Redirect]) -> dict[int, Any] | None:
        """Apply redirections; returns what to restore, or None after reporting an error."""
        saved: dict[int, Any] = {}
        for r in redirects:
            fd = r.fd if r.fd is not None else (0 if r.op in ("<", "<&", "<>", "<<", "<<-") else 1)
            try:
                stream = self.open_redirect(r)
            except ShellError as err:
                self.restore_fds(saved)
                self.message(err.message)
                self.status = err.status
                return None
            if fd not in saved:
                saved[fd] = self.fds.get(fd)
            self.fds[fd] = stream
        return saved

    def restore_fds(self, saved: dict[int, Any]) -> None:
        for fd, stream in saved.items():
            if stream is None:
                self.fds.pop(fd, None)
            else:
                self.fds[fd] = stream

    def open_redirect(self, r: A.Redirect) -> Any:
        if r.op in ("<<", "<<-"):
            doc = r.heredoc
            assert doc is not None and doc.body is not None
            text = doc.body.raw if doc.quoted else expand_heredoc(self, doc.body)
            return InStream(text)
        assert r.target is not None
        target = expand_string(self, r.target)
        if r.op in (">&", "<&"):
            if target == "-":
                return ClosedOut() if r.op == ">&" else InStream("", closed=True)
            if target.isdigit():
                stream = self.fds.get(int(target))
                if stream is None or getattr(stream, "closed", False):
                    raise ShellError(f"{target}: Bad file descriptor", fatal=False,
                                     status=1 if self.dialect.name == "ash" else 2)
                return stream
            raise ShellError("Syntax error: Bad fd number", fatal=False)
        ctx = self.ctx.child(stdin=self.stdin, stdout=self.stdout, stderr=self.stderr, cwd=self.cwd)
        try:
            if r.op in ("<", "<>"):
                return ctx.open_in(target)
            return ctx.open_out(target, append=r.op == ">>")
        except VfsError as err:
            if r.op in ("<", "<>"):
                reason = "No such file" if err.errno == "ENOENT" else err.strerror
                raise ShellError(f"cannot open {target}: {reason}", fatal=False) from None
            reason = "Directory nonexistent" if err.errno in ("ENOENT", "ENOTDIR") else err.strerror
            raise ShellError(f"cannot create {target}: {reason}", fatal=False) from None


def _trace_quote(text: str) -> str:
    if text and all(c.isalnum() or c in "@%+=:,./-_" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"
