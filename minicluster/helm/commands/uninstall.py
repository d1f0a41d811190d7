"""`helm uninstall RELEASE_NAME [...] [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm import messages as msg
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig, wait_strategy
from minicluster.helm.actions.uninstall import UninstallOptions, uninstall
from minicluster.helm.commands import helm_command


def uninstall_flags(helm_version: int) -> FlagSet:
    fs = FlagSet("uninstall")
    fs.duration("timeout", common.DEFAULT_TIMEOUT,
                help="time to wait for any individual Kubernetes operation (like Jobs for hooks)")
    if helm_version >= 4:
        fs.string("wait", "hookOnly", no_opt_default="watcher", help="wait strategy")
    else:
        fs.bool("wait", help="if set, will wait until all the resources are deleted")
    fs.bool("no-hooks", help="prevent hooks from running during uninstallation")
    fs.bool("keep-history", help="remove all associated resources and mark the release as "
                                 "deleted, but retain the release history")
    fs.bool("dry-run", help="simulate a uninstall")
    fs.bool("ignore-not-found", help='Treat "release not found" as a successful uninstall')
    fs.string("cascade", "background", help='Must be "background", "orphan", or "foreground"')
    fs.string("description", "", help="add a custom description")
    return fs


@helm_command("uninstall", summary="uninstall a release", aliases=("del", "delete", "un"))
def uninstall_command(ctx: Any, argv: list[str]) -> CommandResult:
    helm_version = ctx.helm_version
    fs = uninstall_flags(helm_version)
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("uninstall a release", "helm uninstall RELEASE_NAME [...] [flags]", fs, "uninstall"))
    names = parsed.positionals
    if not names:
        return CommandResult(
            stderr='Error: "helm uninstall" requires at least 1 argument\n\n'
                   "Usage:  helm uninstall RELEASE_NAME [...] [flags]\n", exit_code=1)
    stdout: list[str] = []
    stderr: list[str] = []
    records: list[Any] = []
    for name in names:
        cfg = ActionConfig(ctx.cluster, ctx.namespace, helm_version, "uninstall", name)
        warnings: list[str] = []
        try:
            strategy = wait_strategy(helm_version, common.wait_raw(parsed, helm_version), False,
                                     warnings)
            if parsed["dry-run"]:
                history = cfg.storage.history(name)
                if not history:
                    raise common.ActionError(msg.RELEASE_NOT_FOUND)
                stdout.append(msg.uninstalled(name))
                continue
            result = uninstall(cfg, UninstallOptions(
                name, no_hooks=parsed["no-hooks"], keep_history=parsed["keep-history"],
                timeout=parsed["timeout"], wait=strategy, description=parsed["description"],
                cascade=parsed["cascade"]))
        except MiniclusterError as exc:
            if parsed["ignore-not-found"] and "not found" in exc.message:
                continue
            failed = common.failure(cfg, exc.message, exc=exc)
            return CommandResult("".join(stdout), "".join(stderr) + "".join(warnings)
                                 + failed.stderr, 1, record=[*records, failed.record])
        stderr.extend(warnings + cfg.stderr)
        if result.kept:
            stdout.append(result.kept + "\n")
        stdout.append(msg.uninstalled(name))
        records.append(cfg.finish(result.release))
    return CommandResult("".join(stdout), "".join(stderr), 0,
                         record=records[0] if len(records) == 1 else records)
