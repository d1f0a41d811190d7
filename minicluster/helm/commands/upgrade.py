"""`helm upgrade [RELEASE] [CHART] [flags]` (with `--install`)."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm import messages as msg
from minicluster.helm.actions import chartio
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig, wait_strategy
from minicluster.helm.actions.printers import computed_values, status_block, to_json, to_yaml
from minicluster.helm.actions.upgrade import UpgradeOptions, upgrade
from minicluster.helm.chart.valueopts import add_value_flags
from minicluster.helm.commands import helm_command
from minicluster.helm.commands.install import run_install
from minicluster.helm.release import UNINSTALLED, release_to_json
from minicluster.helm.storage import ReleaseStorage


def upgrade_flags(helm_version: int) -> FlagSet:
    fs = FlagSet("upgrade")
    add_value_flags(fs)
    common.add_wait_flags(fs, helm_version)
    common.add_chart_flags(fs)
    fs.bool("install", short="i", help="if a release by this name doesn't already exist, run an install")
    fs.bool("create-namespace", help="if --install is set, create the release namespace if not present")
    fs.bool("no-hooks", help="disable pre/post upgrade hooks")
    fs.bool("replace", help="(unused by upgrade; accepted for --install)")
    fs.bool("reuse-values", help="when upgrading, reuse the last release's values")
    fs.bool("reset-values", help="when upgrading, reset the values to the ones built into the chart")
    fs.bool("reset-then-reuse-values", help="when upgrading, reset to the chart's values, then "
                                            "merge in the last release's values")
    fs.bool("cleanup-on-fail", help="allow deletion of new resources created in this upgrade "
                                    "when upgrade fails")
    fs.int("history-max", 10, help="limit the maximum number of revisions saved per release")
    if helm_version >= 4:
        fs.string("server-side", "auto", no_opt_default="true",
                  help="must be \"true\", \"false\" or \"auto\"")
    return fs


@helm_command("upgrade", summary="upgrade a release")
def upgrade_command(ctx: Any, argv: list[str]) -> CommandResult:
    helm_version = ctx.helm_version
    fs = upgrade_flags(helm_version)
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("upgrade a release", "helm upgrade [RELEASE] [CHART] [flags]", fs, "upgrade"))
    args = parsed.positionals
    if len(args) != 2:
        return CommandResult(
            stderr='Error: "helm upgrade" requires 2 arguments\n\n'
                   "Usage:  helm upgrade [RELEASE] [CHART] [flags]\n", exit_code=1)
    name, chart_ref = args
    if parsed["install"]:
        history = ReleaseStorage(ctx.cluster, ctx.namespace, helm_version).history(name)
        if not history or history[-1].status == UNINSTALLED:
            result = run_install(ctx, parsed, name, chart_ref, from_upgrade=True,
                                 replace=bool(history))
            if (parsed.get("output") or "table") == "table":
                result.stdout = msg.installing_now(name) + result.stdout
            return result
    cfg = ActionConfig(ctx.cluster, ctx.namespace, helm_version, "upgrade", name)
    warnings = common.deprecation_warnings(parsed, helm_version)
    try:
        fmt = common.require_output_format(parsed)
        rollback = common.rollback_on_failure(parsed)
        strategy = wait_strategy(helm_version, common.wait_raw(parsed, helm_version), rollback,
                                 warnings)
    except MiniclusterError as exc:
        cfg.stderr[:0] = warnings
        return common.failure(cfg, exc.message, exc=exc)
    try:
        # Locating the chart and reading values fail before the action: no UPGRADE FAILED.
        chart = chartio.load(ctx, chart_ref)
        values = chartio.user_values(ctx, parsed)
    except MiniclusterError as exc:
        cfg.stderr[:0] = warnings
        return common.failure(cfg, exc.message, exc=exc)
    try:
        opts = UpgradeOptions(
            name=name, chart=chart, values=values, no_hooks=parsed["no-hooks"],
            timeout=parsed["timeout"], wait=strategy, wait_for_jobs=parsed["wait-for-jobs"],
            rollback_on_failure=rollback, cleanup_on_fail=parsed["cleanup-on-fail"],
            reuse_values=parsed["reuse-values"], reset_values=parsed["reset-values"],
            reset_then_reuse_values=parsed["reset-then-reuse-values"],
            dry_run=common.dry_run(parsed), description=parsed["description"],
            history_max=parsed["history-max"],
            server_side=str(parsed.get("server-side", "auto")),
            take_ownership=parsed["take-ownership"], labels=common.labels(parsed))
        rel = upgrade(cfg, opts)
    except MiniclusterError as exc:
        cfg.stderr[:0] = warnings
        return common.failure(cfg, exc.message, prefix=msg.UPGRADE_FAILED, exc=exc)
    cfg.stderr[:0] = warnings
    if fmt == "json":
        return common.success(cfg, to_json(release_to_json(rel, cfg.epoch, helm_version)), rel)
    if fmt == "yaml":
        return common.success(cfg, to_yaml(release_to_json(rel, cfg.epoch, helm_version)), rel)
    text = msg.upgraded(name) + status_block(rel, cfg.epoch, helm_version,
                                             show_description=False,
                                             hide_notes=parsed["hide-notes"], debug=ctx.debug,
                        computed_values=computed_values(rel) if ctx.debug else None)
    return common.success(cfg, text, rel)
