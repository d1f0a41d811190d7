"""`helm install [NAME] [CHART] [flags]`."""

from __future__ import annotations

import posixpath
from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions import chartio
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig, ActionError, wait_strategy
from minicluster.helm.actions.install import InstallOptions, install
from minicluster.helm.actions.printers import computed_values, status_block, to_json, to_yaml
from minicluster.helm.chart.valueopts import add_value_flags
from minicluster.helm.commands import helm_command
from minicluster.helm.messages import INSTALLATION_FAILED
from minicluster.helm.release import release_to_json


def install_flags(helm_version: int) -> FlagSet:
    fs = FlagSet("install")
    add_value_flags(fs)
    common.add_wait_flags(fs, helm_version)
    common.add_chart_flags(fs)
    fs.bool("create-namespace", help="create the release namespace if not present")
    fs.bool("no-hooks", help="prevent hooks from running during install")
    fs.bool("replace", help="reuse the given name, only if that name is a deleted release "
                            "which remains in the history")
    fs.bool("generate-name", short="g", help="generate the name (and omit the NAME parameter)")
    fs.string("name-template", "", help="specify template used to name the release")
    if helm_version >= 4:
        fs.string("server-side", "true", no_opt_default="true",
                  help="object updates run in the server instead of the client")
    return fs


def name_and_chart(args: list[str], generate: bool, now_unix: int) -> tuple[str, str]:
    if len(args) > 2:
        raise ActionError("expected at most two arguments, unexpected arguments: "
                          + ", ".join(args[2:]))
    if generate:
        base = posixpath.basename(args[0].rstrip("/")) or "chart"
        if base == ".":
            base = "chart"
        base = base.split(".", 1)[0]
        return f"{base}-{now_unix}", args[0]
    if len(args) == 1:
        raise ActionError("must either provide a name or specify --generate-name")
    return args[0], args[1]


def run_install(ctx: Any, parsed: Any, name: str, chart_ref: str, *,
                from_upgrade: bool = False, replace: bool | None = None) -> CommandResult:
    """Install and print, as `helm install` (or `helm upgrade --install`) does."""
    helm_version = ctx.helm_version
    cfg = ActionConfig(ctx.cluster, ctx.namespace, helm_version, "install", name)
    prefix = "" if from_upgrade else INSTALLATION_FAILED
    warnings = common.deprecation_warnings(parsed, helm_version)
    try:
        fmt = common.require_output_format(parsed)
        rollback = common.rollback_on_failure(parsed)
        strategy = wait_strategy(helm_version, common.wait_raw(parsed, helm_version), rollback,
                                 warnings)
        chart = chartio.load(ctx, chart_ref)
        values = chartio.user_values(ctx, parsed)
        server_side = str(parsed.get("server-side", "true")) not in ("false", "auto") \
            if helm_version >= 4 else False
        opts = InstallOptions(
            name=name, chart=chart, values=values, no_hooks=parsed["no-hooks"],
            timeout=parsed["timeout"], wait=strategy, wait_for_jobs=parsed["wait-for-jobs"],
            rollback_on_failure=rollback,
            replace=parsed["replace"] if replace is None else replace,
            create_namespace=parsed["create-namespace"], dry_run=common.dry_run(parsed),
            description=parsed["description"], server_side=server_side,
            labels=common.labels(parsed), take_ownership=parsed["take-ownership"])
        rel = install(cfg, opts)
    except MiniclusterError as exc:
        cfg.stderr[:0] = warnings
        return common.failure(cfg, exc.message, prefix=prefix, exc=exc)
    cfg.stderr[:0] = warnings
    header = ""
    if fmt == "json":
        return common.success(cfg, header + to_json(release_to_json(rel, cfg.epoch, helm_version)), rel)
    if fmt == "yaml":
        return common.success(cfg, header + to_yaml(release_to_json(rel, cfg.epoch, helm_version)), rel)
    text = status_block(rel, cfg.epoch, helm_version, show_description=False,
                        hide_notes=parsed["hide-notes"], debug=ctx.debug,
                        computed_values=computed_values(rel) if ctx.debug else None)
    return common.success(cfg, text, rel)


@helm_command("install", summary="install a chart")
def install_command(ctx: Any, argv: list[str]) -> CommandResult:
    fs = install_flags(ctx.helm_version)
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("install a chart", "helm install [NAME] [CHART] [flags]", fs, "install"))
    args = parsed.positionals
    if not args:
        return CommandResult(
            stderr='Error: "helm install" requires at least 1 argument\n\n'
                   "Usage:  helm install [NAME] [CHART] [flags]\n", exit_code=1)
    now_unix = int(ctx.cluster.clock.datetime().timestamp())
    try:
        name, chart_ref = name_and_chart(args, parsed["generate-name"], now_unix)
    except ActionError as exc:
        return CommandResult(stderr=f"Error: {INSTALLATION_FAILED}{exc.message}\n", exit_code=1)
    return run_install(ctx, parsed, name, chart_ref)
