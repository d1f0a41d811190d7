"""`helm ARGS...` against a minicluster: dispatch to the registered subcommand, render errors.

Errors are rendered here, once, as Helm renders them: `Error: <message>` on stderr, exit 1.
"""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagError, FlagSet
from minicluster.core.result import CommandResult

from .commands import COMMANDS, load_all
from .context import HelmContext, add_global_flags

HELM_VERSIONS = {4: "v4.2.4", 3: "v3.21.4"}


def usage(helm_version: int) -> str:
    load_all()
    lines = [
        "The Kubernetes package manager",
        "",
        "Usage:",
        "  helm [command]",
        "",
        "Available Commands:",
    ]
    seen = set()
    for name in sorted(COMMANDS):
        cmd = COMMANDS[name]
        if cmd.name in seen:
            continue
        seen.add(cmd.name)
        lines.append(f"  {cmd.name:<12}{cmd.summary}")
    lines += ["", 'Use "helm [command] --help" for more information about a command.', ""]
    return "\n".join(lines)


def _split_command(argv: list[str]) -> tuple[str | None, list[str]]:
    """Find the subcommand word, skipping global flags that may come before it."""
    globals_fs = add_global_flags(FlagSet("helm"))
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-"):
            return arg, argv[:i] + argv[i + 1 :]
        name = arg.lstrip("-").split("=", 1)[0]
        flag = globals_fs.flags.get(name) or globals_fs.flags.get(globals_fs.shorts.get(name, ""))
        takes_value = flag is not None and flag.kind != "bool" and "=" not in arg
        i += 2 if takes_value else 1
    return None, argv


def run_helm(cluster: Any, argv: list[str], stdin: str | None = None) -> CommandResult:
    helm_version = getattr(cluster, "helm_version", 4)
    load_all()
    name, rest = _split_command(argv)
    if name is None:
        if any(a in ("-h", "--help") for a in rest) or not rest:
            return CommandResult(stdout=usage(helm_version))
        return CommandResult(stderr=f"Error: {_first_flag_error(rest)}\n", exit_code=1)
    if name == "version":
        v = HELM_VERSIONS[helm_version]
        return CommandResult(stdout=f'version.BuildInfo{{Version:"{v}", GitCommit:"minicluster", '
                                    f'GitTreeState:"clean", GoVersion:"go1.25.0"}}\n')
    command = COMMANDS.get(name)
    if command is None:
        return CommandResult(
            stderr=f'Error: unknown command "{name}" for "helm"\nRun \'helm --help\' for usage.\n',
            exit_code=1,
        )
    ctx = HelmContext(cluster=cluster, helm_version=helm_version, stdin=stdin)
    try:
        result = command.run(ctx, rest)
    except FlagError as exc:
        return CommandResult(stderr=f"Error: {exc.message}\n", exit_code=1)
    except MiniclusterError as exc:
        return CommandResult(stderr=f"Error: {exc.message}\n", exit_code=exc.exit_code or 1)
    if ctx.warnings:
        result.stderr = "".join(w if w.endswith("\n") else w + "\n" for w in ctx.warnings) + result.stderr
    return result


def _first_flag_error(argv: list[str]) -> str:
    try:
        add_global_flags(FlagSet("helm")).parse(argv)
    except FlagError as exc:
        return exc.message
    return "unknown command"
