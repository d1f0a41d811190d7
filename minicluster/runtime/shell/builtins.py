"""The shell's builtin commands, worded like dash's (ash and bash differ where noted)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from minicluster.runtime.vfs import Dir, File, MountPoint, Symlink, VfsError

from . import ast as A
from .arith import parse_number
from .errors import ExitShell, LoopControl, ReturnFromFunction, ShellError
from .expand import expand_pattern, expand_string
from .fmt import InvalidDirective, echo_text, printf_text
from .lexer import is_name
from .patterns import match as pattern_match
from .testexpr import TestEvaluator

if TYPE_CHECKING:
    from .interp import Shell

Builtin = Callable[["Shell", list[str]], int]
BUILTINS: dict[str, Builtin] = {}
SPECIAL_BUILTINS = {":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly",
                    "return", "set", "shift", "trap", "unset", "local", "source"}
KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
            "for", "in", "{", "}", "!"}
SET_OPTIONS = {"e": "errexit", "u": "nounset", "x": "xtrace", "f": "noglob", "a": "allexport",
               "n": "noexec", "v": "verbose", "C": "noclobber"}
ONLY_IN = {"source": ("ash", "bash")}


def builtin(*names: str) -> Callable[[Builtin], Builtin]:
    def register(fn: Builtin) -> Builtin:
        for name in names:
            BUILTINS[name] = fn
        return fn

    return register


def is_builtin(sh: Shell, name: str) -> bool:
    dialects = ONLY_IN.get(name)
    return name in BUILTINS and (dialects is None or sh.dialect.name in dialects)


@builtin(":", "true")
def _true(sh: Shell, argv: list[str]) -> int:
    return 0


@builtin("false")
def _false(sh: Shell, argv: list[str]) -> int:
    return 1


@builtin("echo")
def _echo(sh: Shell, argv: list[str]) -> int:
    gnu = sh.dialect.name != "dash"
    sh.stdout.write(echo_text(argv[1:], sh.dialect.echo_escapes, gnu_options=gnu))
    return 0


@builtin("printf")
def _printf(sh: Shell, argv: list[str]) -> int:
    if len(argv) < 2:
        raise ShellError("usage: printf format [arg ...]", status=2, fatal=False)
    status = 0

    def bad_number(text: str) -> None:
        nonlocal status
        status = 1
        if sh.dialect.name == "dash":
            sh.message(f"printf: {text}: expected numeric value")
        elif sh.dialect.name == "bash":
            sh.message(f"printf: {text}: invalid number")
        else:
            sh.message(f"invalid number '{text}'")

    args = argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    try:
        sh.stdout.write(printf_text(args[0], args[1:], bad_number))
    except InvalidDirective as err:
        raise ShellError(f"printf: {err}: invalid directive", status=2, fatal=False) from None
    return status


@builtin("cd")
def _cd(sh: Shell, argv: list[str]) -> int:
    args = [a for a in argv[1:] if a not in ("-L", "-P")]
    target = args[0] if args else (sh.get_var("HOME") or "/")
    print_dir = False
    if target == "-":
        target = sh.get_var("OLDPWD") or sh.cwd
        print_dir = True
    fs = sh.fs
    if not fs.is_dir(target, sh.cwd):
        if sh.dialect.name == "bash":
            reason = "Not a directory" if fs.exists(target, sh.cwd) else "No such file or directory"
            raise ShellError(f"cd: {target}: {reason}", status=1, fatal=False)
        if sh.dialect.name == "ash":
            reason = "Not a directory" if fs.exists(target, sh.cwd) else "No such file or directory"
            raise ShellError(f"cd: can't cd to {target}: {reason}", fatal=False)
        raise ShellError(f"cd: can't cd to {target}", fatal=False)
    from minicluster.runtime.vfs import normalize

    new = normalize(target, sh.cwd)
    sh.vars["OLDPWD"] = sh.cwd
    sh.cwd = new
    sh.vars["PWD"] = new
    if print_dir:
        sh.stdout.write(new + "\n")
    return 0


@builtin("pwd")
def _pwd(sh: Shell, argv: list[str]) -> int:
    sh.stdout.write(sh.cwd + "\n")
    return 0


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


@builtin("export", "readonly")
def _export(sh: Shell, argv: list[str]) -> int:
    exporting = argv[0] == "export"
    args = argv[1:]
    if args and args[0] == "-p":
        args = args[1:]
    if not args:
        names = sorted(sh.exported if exporting else sh.readonly)
        for name in names:
            if name in sh.vars:
                sh.stdout.write(f"{argv[0]} {name}={_quote(sh.vars[name])}\n")
            else:
                sh.stdout.write(f"{argv[0]} {name}\n")
        return 0
    for arg in args:
        name, eq, value = arg.partition("=")
        if not is_name(name):
            raise ShellError(f"{argv[0]}: {name}: bad variable name")
        if eq:
            sh.set_var(name, value)
        (sh.exported if exporting else sh.readonly).add(name)
    return 0


@builtin("unset")
def _unset(sh: Shell, argv: list[str]) -> int:
    functions = False
    for arg in argv[1:]:
        if arg == "-f":
            functions = True
        elif arg == "-v":
            functions = False
        elif functions:
            sh.functions.pop(arg, None)
        else:
            if arg in sh.readonly:
                raise ShellError(f"unset: {arg}: is read only")
            sh.unset_var(arg)
    return 0


@builtin("local")
def _local(sh: Shell, argv: list[str]) -> int:
    if not sh.locals:
        raise ShellError("local: not in a function")
    scope = sh.locals[-1]
    for arg in argv[1:]:
        name, eq, value = arg.partition("=")
        if not is_name(name):
            raise ShellError(f"local: {name}: bad variable name")
        if name not in scope:
            scope[name] = (sh.vars.get(name), name in sh.exported)
        if eq:
            sh.set_var(name, value)
    return 0


@builtin("set")
def _set(sh: Shell, argv: list[str]) -> int:
    args = argv[1:]
    if not args:
        for name in sorted(sh.vars):
            sh.stdout.write(f"{name}={_quote(sh.vars[name])}\n")
        return 0
    while args:
        arg = args[0]
        if arg == "--":
            args.pop(0)
            sh.positional = list(args)
            return 0
        if arg in ("-o", "+o"):
            args.pop(0)
            if not args:
                for name in sorted(SET_OPTIONS.values()):
                    sh.stdout.write(f"{name:<16}{'on' if sh.options.get(name) else 'off'}\n")
                return 0
            option = args.pop(0)
            allowed = set(SET_OPTIONS.values()) | ({"pipefail"} if sh.dialect.pipefail else set())
            if option not in allowed:
                raise ShellError(f"set: Illegal option {arg} {option}")
            sh.options[option] = arg == "-o"
            continue
        if arg[:1] in "-+" and len(arg) > 1:
            args.pop(0)
            for letter in arg[1:]:
                if letter not in SET_OPTIONS:
                    raise ShellError(f"set: Illegal option {arg[0]}{letter}")
                sh.options[SET_OPTIONS[letter]] = arg[0] == "-"
            continue
        if arg in ("-", "+"):
            args.pop(0)
        sh.positional = list(args)
        return 0
    return 0


@builtin("shift")
def _shift(sh: Shell, argv: list[str]) -> int:
    count = _number_arg(argv[1]) if len(argv) > 1 else 1
    if count > len(sh.positional):
        if sh.dialect.name == "ash":
            return 1  # BusyBox fails quietly
        raise ShellError("shift: can't shift that many")
    sh.positional = sh.positional[count:]
    return 0


def _number_arg(text: str, command: str = "") -> int:
    value = int(text) if text.isdigit() else None
    if value is None:
        raise ShellError(f"{command + ': ' if command else ''}Illegal number: {text}")
    return value


@builtin("exit")
def _exit(sh: Shell, argv: list[str]) -> int:
    status = sh.status if len(argv) < 2 else _number_arg(argv[1], "exit")
    raise ExitShell(status & 0xFF)


@builtin("return")
def _return(sh: Shell, argv: list[str]) -> int:
    status = sh.status if len(argv) < 2 else _number_arg(argv[1], "return")
    raise ReturnFromFunction(status & 0xFF)


@builtin("break", "continue")
def _break(sh: Shell, argv: list[str]) -> int:
    levels = _number_arg(argv[1], argv[0]) if len(argv) > 1 else 1
    if levels <= 0:
        raise ShellError(f"{argv[0]}: Illegal number: {argv[1]}")
    if sh.loop_depth == 0:
        return 0
    raise LoopControl(min(levels, sh.loop_depth), argv[0] == "break")


@builtin("eval")
def _eval(sh: Shell, argv: list[str]) -> int:
    source = " ".join(argv[1:])
    if not source.strip():
        return 0
    return sh.eval_string(source, context="eval")


@builtin(".", "source")
def _source(sh: Shell, argv: list[str]) -> int:
    if len(argv) < 2:
        return 0
    name = argv[1]
    path = name if "/" in name else sh.find_command(name)
    if path is None and sh.dialect.name != "dash" and sh.fs.is_file(name, sh.cwd):
        path = name
    try:
        if path is None:
            raise VfsError("ENOENT", name)
        text = sh.fs.read_bytes(path, sh.cwd).decode("utf-8", "surrogateescape")
    except VfsError:
        if sh.dialect.name == "bash":
            raise ShellError(f"{name}: No such file or directory", status=1, fatal=False) from None
        raise ShellError(f"{argv[0]}: cannot open {name}: No such file") from None
    saved = sh.positional
    if len(argv) > 2:
        sh.positional = argv[2:]
    try:
        sh.eval_string(text)
    except ReturnFromFunction as ret:
        sh.status = ret.status
    finally:
        if len(argv) > 2:
            sh.positional = saved
    return sh.status


@builtin("exec")
def _exec(sh: Shell, argv: list[str]) -> int:
    if len(argv) == 1:
        return 0
    status = sh.run_external(argv[1:], [])
    raise ExitShell(status)


@builtin("trap")
def _trap(sh: Shell, argv: list[str]) -> int:
    args = argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        for name, action in sh.traps.items():
            sh.stdout.write(f"trap -- {_quote(action)} {name}\n")
        return 0
    if args[0] == "-l":
        return 0
    if len(args) == 1 or args[0].isdigit():
        action, names = "-", args
    else:
        action, names = args[0], args[1:]
    status = 0
    for raw in names:
        signal = _signal_name(raw)
        if signal is None:
            sh.message(f"trap: {raw}: bad trap")
            status = 1
            continue
        if action == "-":
            sh.traps.pop(signal, None)
        else:
            sh.traps[signal] = action
    return status


def _signal_name(raw: str) -> str | None:
    from .interp import SIGNAL_NAMES, SIGNALS

    if raw.isdigit():
        return SIGNAL_NAMES.get(int(raw))
    name = raw.upper()
    if name.startswith("SIG"):
        name = name[3:]
    return name if name in SIGNALS else None


def _job_pid(sh: Shell, raw: str) -> int | None:
    """A pid, or `%N` for the shell's Nth background job (`%%`/`%+` the last)."""
    if raw.startswith("%"):
        pids = sorted(sh.jobs)
        spec = raw[1:]
        if spec in ("%", "+", "") and pids:
            return pids[-1]
        if spec.isdigit() and 0 < int(spec) <= len(pids):
            return pids[int(spec) - 1]
        return None
    return parse_number(raw)


@builtin("wait")
def _wait(sh: Shell, argv: list[str]) -> int:
    pids = argv[1:]
    if not pids:
        status = 0
        for pid, job in list(sh.jobs.items()):
            result = sh.host.wait_job(job, sh)
            if result >= 128 and not job.done:
                return result
            sh.jobs.pop(pid, None)
        return status
    status = 127
    for raw in pids:
        wanted = _job_pid(sh, raw)
        job = sh.jobs.get(wanted) if wanted is not None else None
        if job is None:
            status = 127
            continue
        status = sh.host.wait_job(job, sh)
    return status


@builtin("kill")
def _kill(sh: Shell, argv: list[str]) -> int:
    from .interp import SIGNALS

    args = argv[1:]
    signum = SIGNALS["TERM"]
    if args and args[0] == "-l":
        sh.stdout.write(" ".join(n for n in SIGNALS if n != "EXIT") + "\n")
        return 0
    if args and args[0] in ("-s", "-n") and len(args) > 1:
        name = _signal_name(args[1])
        if name is None:
            raise ShellError(f"kill: invalid signal number or name: {args[1]}", status=2, fatal=False)
        signum = SIGNALS[name]
        args = args[2:]
    elif args and args[0].startswith("-") and len(args[0]) > 1 and args[0] != "--":
        name = _signal_name(args[0][1:])
        if name is None:
            raise ShellError(f"kill: invalid signal number or name: {args[0][1:]}", status=2, fatal=False)
        signum = SIGNALS[name]
        args = args[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        raise ShellError("kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]", status=2, fatal=False)
    status = 0
    for raw in args:
        target = _job_pid(sh, raw)
        if target is None:
            raise ShellError(f"kill: Illegal number: {raw}", status=2, fatal=False)
        if not sh.host.signal(target, signum):
            if sh.dialect.name == "ash":
                sh.message(f"can't kill pid {raw}: No such process")
            else:
                sh.message("kill: No such process\n")
            status = 1
    return status


@builtin("read")
def _read(sh: Shell, argv: list[str]) -> int:
    args = argv[1:]
    raw = False
    while args and args[0].startswith("-") and len(args[0]) > 1:
        opt = args.pop(0)
        if opt == "-r":
            raw = True
        elif opt == "-p" and args:
            sh.stderr.write(args.pop(0))
        elif opt == "--":
            break
    if not args:
        if sh.dialect.name == "dash":
            raise ShellError("read: arg count", fatal=False)
        args = ["REPLY"]
    stream = sh.stdin
    line = ""
    eof = True
    while True:
        chunk = stream.readline()
        if not chunk:
            break
        if chunk.endswith("\n"):
            eof = False
            chunk = chunk[:-1]
            if not raw and chunk.endswith("\\") and not chunk.endswith("\\\\"):
                line += chunk[:-1]
                eof = True
                continue
            line += chunk
            break
        line += chunk
        break
    if not raw:
        line = re.sub(r"\\(.)", r"\1", line)
    ifs = sh.get_var("IFS")
    ifs = " \t\n" if ifs is None else ifs
    ws = "".join(c for c in ifs if c in " \t\n")
    values: list[str] = []
    rest = line.strip(ws) if ws else line
    for index in range(len(args)):
        if index == len(args) - 1:
            values.append(rest.rstrip(ws) if ws else rest)
            break
        m = re.search("[" + re.escape(ifs) + "]", rest) if ifs else None
        if not m:
            values.append(rest)
            rest = ""
            continue
        values.append(rest[:m.start()])
        rest = rest[m.end():].lstrip(ws) if ws else rest[m.end():]
    for name, value in zip(args, values + [""] * (len(args) - len(values))):
        sh.set_var_checked(name, value)
    return 1 if eof else 0


def _file_test(sh: Shell) -> Callable[[str, str], bool]:
    fs = sh.fs

    def test(op: str, arg: str) -> bool:
        if op in ("-nt", "-ot", "-ef"):
            left, right = arg.split("\0")
            a, b = fs.try_lookup(left, sh.cwd), fs.try_lookup(right, sh.cwd)
            if op == "-ef":
                return a is not None and a is b
            if a is None or b is None:
                return (a is not None) if op == "-nt" else (b is not None)
            return a.mtime > b.mtime if op == "-nt" else a.mtime < b.mtime
        if op == "L" or op == "h":
            return isinstance(fs.try_lookup(arg, sh.cwd, follow=False), Symlink)
        node = fs.try_lookup(arg, sh.cwd) if arg else None
        if node is None:
            return False
        if op in ("e", "r", "w", "G", "O", "N"):
            if op == "w" and fs.is_read_only(arg, sh.cwd):
                return False
            return True
        if op == "f":
            return isinstance(node, File)
        if op == "d":
            return isinstance(node, (Dir, MountPoint))
        if op == "x":
            return isinstance(node, (Dir, MountPoint)) or bool(node.mode & 0o111)
        if op == "s":
            return isinstance(node, (Dir, MountPoint)) or (isinstance(node, File) and len(node.data) > 0)
        if op == "c":
            return not isinstance(node, (File, Dir, MountPoint, Symlink))
        return False

    return test


def run_test(sh: Shell, args: list[str], name: str) -> int:
    try:
        return 0 if TestEvaluator(args, _file_test(sh)).run() else 1
    except ShellError as err:
        if sh.dialect.name == "ash":  # BusyBox: no command name, its own words for numbers
            message = re.sub(r"^Illegal number: (.*)$", r"\1: bad number", err.message)
            sh.message(message.replace("unexpected operator", "unknown operand"))
        else:
            sh.message(f"{name}: {err.message}")
        return 2


@builtin("test")
def _test(sh: Shell, argv: list[str]) -> int:
    return run_test(sh, argv[1:], "test")


@builtin("[")
def _bracket(sh: Shell, argv: list[str]) -> int:
    if argv[-1] != "]":
        sh.message("missing ]" if sh.dialect.name == "ash" else "[: missing ]")
        return 2
    return run_test(sh, argv[1:-1], "[")


def describe_command(sh: Shell, name: str, verbose: bool) -> str | None:
    if name in KEYWORDS:
        return f"{name} is a shell keyword" if verbose else name
    if name in sh.functions:
        kind = "a function" if sh.dialect.name == "ash" else "a shell function"
        return f"{name} is {kind}" if verbose else name
    if is_builtin(sh, name):
        if verbose:
            return f"{name} is a special shell builtin" if name in SPECIAL_BUILTINS else f"{name} is a shell builtin"
        return name
    path = sh.find_command(name)
    if path is None:
        return None
    return f"{name} is {path}" if verbose else path


@builtin("type")
def _type(sh: Shell, argv: list[str]) -> int:
    status = 0
    if sh.dialect.name == "bash" and argv[1:2] == ["-t"]:
        for name in argv[2:]:
            kind = ("keyword" if name in KEYWORDS else "function" if name in sh.functions
                    else "builtin" if is_builtin(sh, name) else "file" if sh.find_command(name) else "")
            if kind:
                sh.stdout.write(kind + "\n")
            else:
                status = 1
        return status
    for name in argv[1:]:
        text = describe_command(sh, name, verbose=True)
        if text is None:
            sh.stdout.write(f"{name}: not found\n")
            status = 127
        else:
            sh.stdout.write(text + "\n")
    return status


@builtin("command")
def _command(sh: Shell, argv: list[str]) -> int:
    args = argv[1:]
    mode = ""
    while args and args[0] in ("-v", "-V", "-p"):
        flag = args.pop(0)
        if flag != "-p":
            mode = flag
    if not args:
        return 0
    if mode:
        text = describe_command(sh, args[0], verbose=mode == "-V")
        if text is None:
            if mode == "-V":
                sh.stdout.write(f"{args[0]}: not found\n")
            return 127
        sh.stdout.write(text + "\n")
        return 0
    if is_builtin(sh, args[0]):
        return BUILTINS[args[0]](sh, args)
    return sh.run_external(args, [])


@builtin("getopts")
def _getopts(sh: Shell, argv: list[str]) -> int:
    if len(argv) < 3:
        raise ShellError("Usage: getopts optstring var [arg...]", status=2, fatal=False)
    optstring, name = argv[1], argv[2]
    args = argv[3:] if len(argv) > 3 else sh.positional
    state = getattr(sh, "_getopts_state", ("1", 0))
    raw_index = sh.get_var("OPTIND") or "1"
    position = state[1] if state[0] == raw_index else 0  # OPTIND changed by the script: restart
    index = int(raw_index) if raw_index.isdigit() else 1

    def done() -> int:
        sh.set_var_checked(name, "?")
        sh._getopts_state = (str(index), 0)  # type: ignore[attr-defined]
        sh.set_var("OPTIND", str(index))
        return 1

    if index - 1 >= len(args):
        return done()
    arg = args[index - 1]
    if position == 0:
        if arg == "--":
            index += 1
            return done()
        if not arg.startswith("-") or arg == "-":
            return done()
        position = 1
    letter = arg[position]
    position += 1
    silent = optstring.startswith(":")
    spec = optstring.lstrip(":")
    result = letter
    if letter == ":" or letter not in spec:
        result = "?"
        if silent:
            sh.set_var("OPTARG", letter)
        else:
            sh.write_fd(2, f"Illegal option -{letter}\n")
            sh.vars.pop("OPTARG", None)
    elif spec[spec.index(letter) + 1:spec.index(letter) + 2] == ":":
        if position < len(arg):
            sh.set_var("OPTARG", arg[position:])
            position = len(arg)
        elif index < len(args):
            sh.set_var("OPTARG", args[index])
            index += 1
        elif silent:
            result = ":"
            sh.set_var("OPTARG", letter)
        else:
            result = "?"
            sh.write_fd(2, f"No arg for -{letter} option\n")
            sh.vars.pop("OPTARG", None)
    else:
        sh.vars.pop("OPTARG", None)
    if position >= len(arg):
        index += 1
        position = 0
    sh.set_var("OPTIND", str(index))
    sh._getopts_state = (str(index), position)  # type: ignore[attr-defined]
    sh.set_var_checked(name, result)
    return 0


@builtin("umask")
def _umask(sh: Shell, argv: list[str]) -> int:
    if len(argv) == 1:
        sh.stdout.write("0022\n")
    return 0


@builtin("hash", "times", "ulimit", "alias", "unalias")
def _noop(sh: Shell, argv: list[str]) -> int:
    return 0


def double_bracket(sh: Shell, node: A.DoubleBracket) -> int:
    """bash's [[ ]]: && || ! and string/pattern comparisons, else like test."""
    sh.lineno = node.line
    groups: list[list[A.Word]] = [[]]
    ops: list[str] = []
    for word in node.words:
        text = word.literal()
        if text in ("&&", "||"):
            ops.append(text)
            groups.append([])
        else:
            groups[-1].append(word)

    def evaluate(words: list[A.Word]) -> bool:
        negate = False
        while words and words[0].literal() == "!":
            negate = not negate
            words = words[1:]
        if len(words) == 3 and words[1].literal() in ("==", "=", "!="):
            left = expand_string(sh, words[0])
            result = pattern_match(expand_pattern(sh, words[2]), left)
            if words[1].literal() == "!=":
                result = not result
        elif len(words) == 3 and words[1].literal() == "=~":
            result = re.search(expand_string(sh, words[2]), expand_string(sh, words[0])) is not None
        else:
            args = [expand_string(sh, w) for w in words]
            result = TestEvaluator(args, _file_test(sh)).run()
        return result != negate

    result = evaluate(groups[0])
    for op, group in zip(ops, groups[1:]):
        if op == "&&":
            result = result and evaluate(group)
        else:
            result = result or evaluate(group)
    return 0 if result else 1
