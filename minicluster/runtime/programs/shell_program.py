"""sh, ash, dash and bash: the shell interpreter as a program."""

from __future__ import annotations

from minicluster.runtime.shell.dialect import ASH, BASH, DASH, DIALECTS, Dialect
from minicluster.runtime.shell.interp import Shell
from minicluster.runtime.vfs import VfsError

from .context import ProgramContext
from .registry import program


def dialect_for(ctx: ProgramContext, argv0: str) -> Dialect:
    name = argv0.rsplit("/", 1)[-1]
    if name == "bash":
        return BASH
    if name == "dash":
        return DASH
    if name == "ash":
        return ASH
    return DIALECTS.get(str(ctx.host.image.shell), DASH)


@program("sh", "ash", "dash", "bash")
def run_shell(ctx: ProgramContext, argv: list[str]) -> int:
    dialect = dialect_for(ctx, argv[0])
    args = argv[1:]
    options: list[tuple[str, bool]] = []
    command: str | None = None
    while args and args[0].startswith(("-", "+")) and args[0] not in ("-", "--"):
        flag = args.pop(0)
        if flag in ("-o", "+o") and args:
            options.append((args.pop(0), flag == "-o"))
            continue
        for letter in flag[1:]:
            if letter == "c":
                command = ""
            elif letter in "euxfa":
                name = {"e": "errexit", "u": "nounset", "x": "xtrace", "f": "noglob", "a": "allexport"}[letter]
                options.append((name, flag[0] == "-"))
            elif letter in "ils":
                pass
            else:
                ctx.error(f"Illegal option -{letter}")
                return 2
    if args and args[0] in ("-", "--"):
        args.pop(0)
    arg0 = argv[0]
    if command is not None:
        if not args:
            ctx.error("-c requires an argument")
            return 2
        command = args.pop(0)
        if args:
            arg0 = args.pop(0)
        source = command
    elif args:
        script = args.pop(0)
        try:
            source = ctx.fs.read_bytes(script, ctx.cwd).decode("utf-8", "surrogateescape")
        except VfsError:
            if dialect.name == "dash":
                ctx.stderr.write(f"{arg0}: 0: cannot open {script}: No such file\n")
            else:
                ctx.stderr.write(f"{arg0}: can't open '{script}': No such file or directory\n")
            return 2 if dialect.name == "dash" else 127
        arg0 = script
    else:
        source = ctx.stdin.read()
    shell = Shell(ctx, arg0, args, dialect)
    shell.from_file = command is None and arg0 != argv[0]
    for name, on in options:
        shell.options[name] = on
    if ctx.host.is_first_program():
        shell.receives_signals = True
        ctx.host.signal_handler = lambda signum: _trap_handler(shell, signum)
    return shell.run_script(source)


def _trap_handler(shell: Shell, signum: int) -> bool:
    from minicluster.runtime.shell.interp import SIGNAL_NAMES

    action = shell.traps.get(SIGNAL_NAMES.get(signum, ""))
    if not action:
        return False  # PID 1 ignores a signal it has no handler for
    shell.host.pending_signals.append(signum)
    return True
