"""`helm rollback <RELEASE> [REVISION] [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm import messages as msg
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig, wait_strategy
from minicluster.helm.actions.rollback import RollbackOptions, rollback
from minicluster.helm.commands import helm_command


def rollback_flags(helm_version: int) -> FlagSet:
    fs = FlagSet("rollback")
    common.add_wait_flags(fs, helm_version, rollback_flag=False)
    fs.bool("no-hooks", help="prevent hooks from running during rollback")
    fs.bool("cleanup-on-fail", help="allow deletion of new resources created in this rollback "
                                    "when rollback fails")
    fs.int("history-max", 10, help="limit the maximum number of revisions saved per release")
    fs.string("dry-run", "none", no_opt_default="client", help="simulate a rollback")
    fs.bool("force", help="force resource update through delete/recreate if needed")
    fs.bool("force-replace", help="force resource updates by replacement")
    fs.bool("recreate-pods", help="performs pods restart for the resource if applicable")
    if helm_version >= 4:
        fs.string("server-side", "auto", no_opt_default="true",
                  help="must be \"true\", \"false\" or \"auto\"")
    return fs


@helm_command("rollback", summary="roll back a release to a previous revision")
def rollback_command(ctx: Any, argv: list[str]) -> CommandResult:
    helm_version = ctx.helm_version
    fs = rollback_flags(helm_version)
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("roll back a release to a previous revision", "helm rollback <RELEASE> [REVISION] [flags]", fs, "rollback"))
    args = parsed.positionals
    if not args:
        return CommandResult(
            stderr='Error: "helm rollback" requires at least 1 argument\n\n'
                   "Usage:  helm rollback <RELEASE> [REVISION] [flags]\n", exit_code=1)
    if len(args) > 2:
        return CommandResult(stderr=f"Error: accepts at most 2 arg(s), received {len(args)}\n",
                             exit_code=1)
    cfg = ActionConfig(ctx.cluster, ctx.namespace, helm_version, "rollback", args[0])
    warnings: list[str] = []
    try:
        revision = 0
        if len(args) == 2:
            try:
                revision = int(args[1])
            except ValueError:
                raise common.ActionError(
                    f'could not convert revision to a number: strconv.Atoi: parsing "{args[1]}": '
                    "invalid syntax") from None
        strategy = wait_strategy(helm_version, common.wait_raw(parsed, helm_version), False,
                                 warnings)
        rel = rollback(cfg, RollbackOptions(
            args[0], revision=revision, no_hooks=parsed["no-hooks"], timeout=parsed["timeout"],
            wait=strategy, wait_for_jobs=parsed["wait-for-jobs"],
            cleanup_on_fail=parsed["cleanup-on-fail"], dry_run=common.dry_run(parsed),
            history_max=parsed["history-max"], server_side=str(parsed.get("server-side", "auto"))))
    except MiniclusterError as exc:
        cfg.stderr[:0] = warnings
        return common.failure(cfg, exc.message, exc=exc)
    cfg.stderr[:0] = warnings
    return common.success(cfg, msg.ROLLBACK_SUCCESS, rel)
