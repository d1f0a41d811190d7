"""`helm status RELEASE_NAME [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig
from minicluster.helm.actions.printers import status_block, to_json, to_yaml
from minicluster.helm.actions.queries import release_content
from minicluster.helm.actions.resources_table import resources_section
from minicluster.helm.commands import helm_command
from minicluster.helm.release import release_to_json


@helm_command("status", summary="display the status of the named release")
def status_command(ctx: Any, argv: list[str]) -> CommandResult:
    fs = FlagSet("status")
    fs.int("revision", 0, help="if set, display the status of the named release with revision")
    fs.string("output", "table", short="o", help="prints the output in the specified format")
    if ctx.helm_version < 4:
        fs.bool("show-desc", help="if set, display the description message of the named release")
        fs.bool("show-resources", help="if set, display the resources of the named release")
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("display the status of the named release", "helm status RELEASE_NAME [flags]", fs, "status"))
    args = parsed.positionals
    if len(args) != 1:
        return CommandResult(
            stderr='Error: "helm status" requires 1 argument\n\n'
                   "Usage:  helm status RELEASE_NAME [flags]\n", exit_code=1)
    cfg = ActionConfig(ctx.cluster, ctx.namespace, ctx.helm_version, "status", args[0])
    try:
        fmt = common.require_output_format(parsed)
        rel = release_content(cfg, args[0], parsed["revision"])
    except MiniclusterError as exc:
        return common.failure(cfg, exc.message)
    data = release_to_json(rel, cfg.epoch, ctx.helm_version)
    data.pop("chart", None)  # `helm status` drops the chart before printing
    if fmt == "json":
        return common.success(cfg, to_json(data), rel)
    if fmt == "yaml":
        return common.success(cfg, to_yaml(data), rel)
    resources = ""
    if ctx.helm_version >= 4 or parsed["show-resources"]:
        resources = resources_section(ctx.cluster, cfg.kube, rel.manifest)
    return common.success(cfg, status_block(rel, cfg.epoch, ctx.helm_version,
                                            show_description=bool(parsed.get("show-desc")),
                                            resources=resources), rel)
