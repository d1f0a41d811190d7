"""`kubectl ARGS...` against a minicluster: global flags, dispatch, and the one error renderer.

Flags are parsed the way cobra/pflag parse them (global flags are accepted anywhere); usage
errors print cobra's `Error: ...` + `See 'kubectl get --help' for usage.`; everything a command
raises is rendered once here by `render_error`, with exit code 1 unless the error carries one.
"""

from __future__ import annotations

from typing import Any

from minicluster.api.errors import ApiError, NoKindMatchError
from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagError, FlagSet
from minicluster.core.result import CommandResult

from . import messages as m
from .commands import COMMANDS, load_all
from .context import DEFAULT_NAMESPACE, KubectlContext
from .errors import render_error

# Every kubectl 1.32 top-level command, for cobra's "Did you mean this?" suggestions.
KNOWN_COMMANDS = (
    "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale",
    "certificate", "cluster-info", "completion", "config", "cordon", "cp", "create", "debug",
    "delete", "describe", "diff", "drain", "edit", "events", "exec", "explain", "expose", "get",
    "help", "kustomize", "label", "logs", "options", "patch", "plugin", "port-forward", "proxy",
    "replace", "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait",
)


def add_global_flags(fs: FlagSet) -> FlagSet:
    fs.string("namespace", "", short="n")
    fs.string("context", "")
    fs.string("kubeconfig", "")
    fs.string("cluster", "")
    fs.string("user", "")
    fs.string("server", "", short="s")
    fs.string("token", "")
    fs.string("as", "")
    fs.string("request-timeout", "0")
    fs.string("cache-dir", "")
    fs.string("tls-server-name", "")
    fs.string("certificate-authority", "")
    fs.string("client-certificate", "")
    fs.string("client-key", "")
    fs.bool("insecure-skip-tls-verify")
    fs.bool("match-server-version")
    fs.bool("warnings-as-errors")
    fs.bool("disable-compression")
    fs.int("v", 0, short="v")
    fs.bool("help", short="h")
    return fs


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _unknown_command(name: str) -> CommandResult:
    typed = name.lower()
    suggestions = [c for c in KNOWN_COMMANDS
                   if _levenshtein(typed, c) <= 2 or c.startswith(typed)]
    text = m.UNKNOWN_COMMAND.format(name=name)
    if suggestions:
        text += m.DID_YOU_MEAN.format(suggestions="".join(f"\t{s}\n" for s in suggestions))
    return CommandResult(stderr=text, exit_code=1)


def _split_command(argv: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand word and the remaining arguments (global flags may precede it)."""
    globals_fs = add_global_flags(FlagSet("kubectl"))
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return None, argv
        if not arg.startswith("-") or arg == "-":
            return arg, argv[:i] + argv[i + 1:]
        if arg.startswith("--"):
            name = arg[2:].split("=", 1)[0]
            flag = globals_fs.flags.get(name)
            takes_value = flag is not None and flag.kind != "bool" and "=" not in arg
        else:
            flag_name = globals_fs.shorts.get(arg[1:2], "")
            flag = globals_fs.flags.get(flag_name)
            takes_value = flag is not None and flag.kind != "bool" and len(arg) == 2
        i += 2 if takes_value else 1
    return None, argv


def usage() -> str:
    load_all()
    lines = ["kubectl controls the Kubernetes cluster manager.", "",
             " Find more information at: https://kubernetes.io/docs/reference/kubectl/", "",
             "Commands (supported by minicluster):"]
    seen = set()
    for name in sorted(COMMANDS):
        cmd = COMMANDS[name]
        if cmd.name in seen:
            continue
        seen.add(cmd.name)
        lines.append(f"  {cmd.name:<15}{cmd.summary}")
    lines += ["", "Usage:", "  kubectl [flags] [options]", "",
              'Use "kubectl <command> --help" for more information about a given command.', ""]
    return "\n".join(lines)


def _command_usage(path: str, summary: str, fs: FlagSet) -> str:
    lines = [f"{summary}.", "", "Options:"]
    for flag in sorted(fs.flags.values(), key=lambda f: f.name):
        short = f"-{flag.short}, " if flag.short else ""
        lines.append(f"    {short}--{flag.name}")
    lines += ["", "Usage:", f"  {path} [options]", ""]
    return "\n".join(lines)


def _pflag_name(fs: FlagSet, message: str) -> str:
    """pflag names a flag that has a shorthand as `-w, --watch` in its value errors; the
    shared FlagSet writes `--watch` for the long form, so it is completed here."""
    for flag in fs.flags.values():
        if flag.short:
            message = message.replace(f'for "--{flag.name}" flag',
                                      f'for "-{flag.short}, --{flag.name}" flag')
    return message


def run_kubectl(cluster: Any, argv: list[str], stdin: str | None = None,
                waiter: Any = None) -> CommandResult:
    """Run one kubectl command. `stdin` feeds `-f -` and `exec -i`; `waiter(predicate,
    timeout, until_idle) -> bool` replaces running the clock (see KubectlContext.wait_until)."""
    load_all()
    name, rest = _split_command(argv)
    if name is None:
        try:
            parsed = add_global_flags(FlagSet("kubectl")).parse(rest)
        except FlagError as exc:
            return CommandResult(stderr=m.COBRA_FLAG_ERROR.format(message=exc.message,
                                                                  path="kubectl"), exit_code=1)
        return CommandResult(stdout=usage()) if parsed["help"] or not rest else CommandResult()
    command = COMMANDS.get(name)
    if command is None:
        return _unknown_command(name)
    path = f"kubectl {command.name}"
    fs = add_global_flags(FlagSet(path))
    command.flags(fs)
    try:
        flags = fs.parse(rest)
    except FlagError as exc:
        return CommandResult(stderr=m.COBRA_FLAG_ERROR.format(
            message=_pflag_name(fs, exc.message), path=path), exit_code=1)
    if flags["help"]:
        return CommandResult(stdout=_command_usage(path, command.summary, fs))
    namespace = flags["namespace"] or DEFAULT_NAMESPACE
    if stdin is None:
        stdin = getattr(cluster, "stdin", None)
    ctx = KubectlContext(cluster=cluster, command_path=path, namespace=namespace,
                         explicit_namespace=bool(flags["namespace"]), stdin=stdin, waiter=waiter)
    if "--" in rest:
        ctx.after_dash = rest[rest.index("--") + 1:]
    ctx.warnings_seen = len(getattr(cluster.api, "warnings", None) or [])
    exit_code = 0
    try:
        with cluster.api.actor("kubectl"):
            exit_code = command.run(ctx, flags) or 0
    except (MiniclusterError, ApiError, NoKindMatchError) as exc:
        ctx.err.append(render_error(exc))
        exit_code = getattr(exc, "exit_code", 1) or 1
    return CommandResult(stdout="".join(ctx.out), stderr="".join(ctx.err), exit_code=exit_code)
