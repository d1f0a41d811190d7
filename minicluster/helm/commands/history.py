"""`helm history RELEASE_NAME [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm import messages as msg
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig, ActionError, validate_name
from minicluster.helm.actions.printers import history_rows, history_table, to_json, to_yaml
from minicluster.helm.commands import helm_command


@helm_command("history", summary="fetch release history", aliases=("hist",))
def history_command(ctx: Any, argv: list[str]) -> CommandResult:
    fs = FlagSet("history")
    fs.int("max", 256, help="maximum number of revision to include in history")
    fs.string("output", "table", short="o", help="prints the output in the specified format")
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("fetch release history", "helm history RELEASE_NAME [flags]", fs, "history"))
    args = parsed.positionals
    if len(args) != 1:
        return CommandResult(
            stderr='Error: "helm history" requires 1 argument\n\n'
                   "Usage:  helm history RELEASE_NAME [flags]\n", exit_code=1)
    cfg = ActionConfig(ctx.cluster, ctx.namespace, ctx.helm_version, "history", args[0])
    try:
        fmt = common.require_output_format(parsed)
        if validate_name(args[0]) is not None:
            raise ActionError(f"release name is invalid: {args[0]}")
        history = cfg.storage.history(args[0])
        if not history:
            raise ActionError(msg.RELEASE_NOT_FOUND)
    except MiniclusterError as exc:
        return common.failure(cfg, exc.message)
    shown = history[-parsed["max"]:] if parsed["max"] > 0 else []
    if fmt == "json":
        return common.success(cfg, to_json(history_rows(shown, cfg.epoch)), None)
    if fmt == "yaml":
        return common.success(cfg, to_yaml(history_rows(shown, cfg.epoch)), None)
    return common.success(cfg, history_table(shown, cfg.epoch), None)
