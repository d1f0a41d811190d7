"""Flags and output shared by the release commands (install, upgrade, rollback, ...)."""

from __future__ import annotations

from typing import Any

from minicluster.core.duration import format_duration
from minicluster.core.flags import FlagError, FlagSet, ParsedFlags
from minicluster.core.result import CommandResult
from minicluster.helm.actions.base import ActionConfig, ActionError
from minicluster.helm.context import add_global_flags

DEFAULT_TIMEOUT = 300.0


def add_wait_flags(fs: FlagSet, helm_version: int, rollback_flag: bool = True) -> None:
    fs.duration("timeout", DEFAULT_TIMEOUT,
                help="time to wait for any individual Kubernetes operation (like Jobs for hooks)")
    if helm_version >= 4:
        fs.string("wait", "hookOnly", no_opt_default="watcher",
                  help="wait until resources are ready (up to --timeout)")
    else:
        fs.bool("wait", help="if set, will wait until all resources are in a ready state")
    fs.bool("wait-for-jobs", help="if set and --wait enabled, will wait until all Jobs have "
                                  "been completed")
    if rollback_flag:
        fs.bool("atomic", help="if set, the operation is rolled back (deprecated in Helm 4)")
        if helm_version >= 4:
            fs.bool("rollback-on-failure", help="if set, Helm will rollback on failure")


def add_chart_flags(fs: FlagSet) -> None:
    """Flags Helm accepts for locating charts; kept so that learners' commands parse."""
    fs.string("version", "", help="specify a version constraint for the chart version to use")
    fs.bool("devel", help="use development versions, too")
    fs.bool("dependency-update", help="update dependencies if they are missing")
    fs.bool("skip-crds", help="if set, no CRDs will be installed")
    fs.bool("render-subchart-notes", help="if set, render subchart notes along with the parent")
    fs.bool("hide-notes", help="if set, do not show notes in install output")
    fs.bool("skip-schema-validation", help="if set, disables JSON schema validation")
    fs.bool("disable-openapi-validation", help="if set, do not validate rendered templates")
    fs.bool("enable-dns", help="enable DNS lookups when rendering templates")
    fs.bool("take-ownership", help="if set, ignore the ownership check")
    fs.string("output", "table", short="o", help="prints the output in the specified format")
    fs.string("description", "", help="add a custom description")
    fs.string("dry-run", "none", no_opt_default="client",
              help="simulate an install/upgrade: none, client or server")
    fs.bool("force", help="force resource updates (deprecated)")
    fs.bool("force-replace", help="force resource updates by replacement")
    fs.slice("labels", short="l", help="labels that would be added to release metadata")


def wait_raw(parsed: ParsedFlags, helm_version: int) -> str | None:
    if "wait" not in parsed.changed:
        return None
    value = parsed["wait"]
    if helm_version < 4:
        return "true" if value else "false"
    return str(value)


def rollback_on_failure(parsed: ParsedFlags) -> bool:
    return bool(parsed.get("atomic")) or bool(parsed.get("rollback-on-failure"))


def deprecation_warnings(parsed: ParsedFlags, helm_version: int) -> list[str]:
    out = []
    if helm_version >= 4 and "atomic" in parsed.changed:
        out.append('Flag --atomic has been deprecated, use --rollback-on-failure instead\n')
    if helm_version >= 4 and "force" in parsed.changed:
        out.append('Flag --force has been deprecated, use --force-replace instead\n')
    return out


def dry_run(parsed: ParsedFlags) -> bool:
    value = str(parsed.get("dry-run") or "none")
    if value not in ("none", "client", "server", "true", "false"):
        raise FlagError(f'invalid dry-run value ("{value}"). Must be "none", "server", or "client"')
    return value in ("client", "server", "true")


def labels(parsed: ParsedFlags) -> dict[str, str]:
    out = {}
    for item in parsed.get("labels") or []:
        key, _, value = item.partition("=")
        out[key] = value
    return out


def failure(cfg: ActionConfig, error: str, stdout: str = "", prefix: str = "",
            exc: Any = None) -> CommandResult:
    """`Error: ...` after the diagnostics; the record keeps the release the action left."""
    rel = getattr(exc, "release", None)
    return CommandResult(stdout=stdout, stderr="".join(cfg.stderr) + f"Error: {prefix}{error}\n",
                         exit_code=1, record=cfg.finish(rel, error))


def success(cfg: ActionConfig, stdout: str, rel: Any) -> CommandResult:
    return CommandResult(stdout=stdout, stderr="".join(cfg.stderr), exit_code=0,
                         record=cfg.finish(rel))


def require_output_format(parsed: ParsedFlags) -> str:
    fmt = parsed.get("output") or "table"
    if fmt not in ("table", "json", "yaml"):
        raise FlagError(f'invalid argument "{fmt}" for "-o, --output" flag: invalid format type')
    return fmt


__all__ = ["ActionError"]


_TYPE_NAMES = {"string": "string", "int": "int", "duration": "duration", "array": "stringArray",
               "slice": "strings"}


def _flag_rows(flags: list[Any], command: str) -> list[str]:
    rows = []
    for flag in sorted(flags, key=lambda f: f.name):
        left = (f"-{flag.short}, " if flag.short else "    ") + f"--{flag.name}"
        if flag.kind != "bool":
            left += f" {_TYPE_NAMES.get(flag.kind, flag.kind)}"
        usage = f"help for {command}" if flag.name == "help" else flag.help
        if flag.kind not in ("bool", "array", "slice") and flag.default not in ("", 0, 0.0, None):
            default = flag.default
            if flag.kind == "duration":
                default = format_duration(float(default))
            elif flag.kind == "string":
                default = f'"{default}"'
            usage += f" (default {default})"
        rows.append((left, usage))
    width = max(len(left) for left, _ in rows)
    return [f"  {left.ljust(width)}   {usage}" for left, usage in rows]


def help_text(summary: str, use_line: str, fs: FlagSet, command: str) -> str:
    """A cobra-style help page: summary, usage line, the command's flags and the global ones
    (pflag's layout: shorthand column, type word, defaults)."""
    global_names = set(add_global_flags(FlagSet("helm")).flags) - {"help"}
    own = [f for name, f in fs.flags.items() if name not in global_names]
    shared = [f for name, f in fs.flags.items() if name in global_names]
    return (f"{summary}\n\nUsage:\n  {use_line}\n\nFlags:\n" + "\n".join(_flag_rows(own, command))
            + "\n\nGlobal Flags:\n" + "\n".join(_flag_rows(shared, command)) + "\n")
