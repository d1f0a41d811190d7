"""`helm list [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig
from minicluster.helm.actions.printers import list_rows, list_table, to_json, to_yaml
from minicluster.helm.actions.queries import STATE_FLAGS, list_releases
from minicluster.helm.commands import helm_command
from minicluster.helm.release import DEPLOYED, FAILED


@helm_command("list", summary="list releases", aliases=("ls",))
def list_command(ctx: Any, argv: list[str]) -> CommandResult:
    fs = FlagSet("list")
    fs.bool("all", short="a", help="show all releases without any filter applied")
    fs.bool("all-namespaces", short="A", help="list releases across all namespaces")
    for state in STATE_FLAGS:
        fs.bool(state, help=f"show {state} releases")
    fs.bool("short", short="q", help="output short (quiet) listing format")
    fs.bool("no-headers", help="don't print headers when using the default output format")
    fs.bool("reverse", short="r", help="reverse the sort order")
    fs.bool("date", short="d", help="sort by release date")
    fs.int("max", 256, short="m", help="maximum number of releases to fetch")
    fs.int("offset", 0, help="next release index in the list, used to offset from start value")
    fs.string("filter", "", short="f", help="a regular expression (Perl compatible)")
    fs.string("selector", "", short="l", help="Selector (label query) to filter on")
    fs.string("time-format", "", help="format time using golang time formatter")
    fs.string("output", "table", short="o", help="prints the output in the specified format")
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("list releases", "helm list [flags]", fs, "list"))
    scope = None if parsed["all-namespaces"] else ctx.namespace
    cfg = ActionConfig(ctx.cluster, scope, ctx.helm_version, "list", "")
    try:
        fmt = common.require_output_format(parsed)
        if parsed["all"]:
            states: set[str] | None = None
        else:
            states = set()
            for flag, statuses in STATE_FLAGS.items():
                if parsed[flag]:
                    states.update(statuses)
            if not states:
                states = {DEPLOYED, FAILED}
        releases = list_releases(cfg, states=states, filter_regex=parsed["filter"],
                                 by_date=parsed["date"], reverse=parsed["reverse"],
                                 limit=parsed["max"], offset=parsed["offset"],
                                 selector=parsed["selector"])
    except MiniclusterError as exc:
        return common.failure(cfg, exc.message)
    time_format = parsed["time-format"]
    if parsed["short"]:
        if fmt == "json":
            return common.success(cfg, to_json([r.name for r in releases]), None)
        if fmt == "yaml":
            return common.success(cfg, to_yaml([r.name for r in releases]), None)
        return common.success(cfg, "".join(f"{r.name}\n" for r in releases), None)
    if fmt == "json":
        return common.success(cfg, to_json(list_rows(releases, cfg.epoch, time_format)), None)
    if fmt == "yaml":
        return common.success(cfg, to_yaml(list_rows(releases, cfg.epoch, time_format)), None)
    return common.success(cfg, list_table(releases, cfg.epoch, parsed["no-headers"],
                                          time_format), None)
