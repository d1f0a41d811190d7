"""`helm get values|manifest|hooks|notes|all|metadata RELEASE_NAME [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig
from minicluster.helm.actions.printers import (
    computed_values,
    hooks_text,
    metadata_block,
    release_struct,
    status_block,
    to_json,
    to_yaml,
)
from minicluster.helm.actions.queries import release_content
from minicluster.helm.commands import helm_command

SUBCOMMANDS = {
    "all": "download all information for a named release",
    "hooks": "download all hooks for a named release",
    "manifest": "download the manifest for a named release",
    "metadata": "This command fetches metadata for a given release",
    "notes": "download the notes for a named release",
    "values": "download the values file for a named release",
}


@helm_command("get", summary="download extended information of a named release")
def get_command(ctx: Any, argv: list[str]) -> CommandResult:
    sub = next((a for a in argv if not a.startswith("-")), None)
    if sub is None or sub not in SUBCOMMANDS:
        lines = ["Usage:", "  helm get [command]", "", "Available Commands:"]
        lines += [f"  {name:<9}{text}" for name, text in SUBCOMMANDS.items()]
        return CommandResult(stdout="\n".join(lines) + "\n")
    rest = list(argv)
    rest.remove(sub)
    fs = FlagSet(f"get {sub}")
    fs.int("revision", 0, help="get the named release with revision")
    if sub in ("values", "metadata"):
        fs.string("output", "table", short="o", help="prints the output in the specified format")
    if sub == "values":
        fs.bool("all", short="a", help="dump all (computed) values")
    if sub == "all":
        fs.string("template", "", help="go template for formatting the output")
    parsed = ctx.parse(fs, rest)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text(SUBCOMMANDS[sub], f"helm get {sub} RELEASE_NAME [flags]", fs, sub))
    args = parsed.positionals
    if len(args) != 1:
        return CommandResult(
            stderr=f'Error: "helm get {sub}" requires 1 argument\n\n'
                   f"Usage:  helm get {sub} RELEASE_NAME [flags]\n", exit_code=1)
    cfg = ActionConfig(ctx.cluster, ctx.namespace, ctx.helm_version, f"get {sub}", args[0])
    try:
        fmt = common.require_output_format(parsed) if "output" in fs.flags else "table"
        rel = release_content(cfg, args[0], parsed["revision"])
    except MiniclusterError as exc:
        return common.failure(cfg, exc.message)
    if sub == "values":
        values = computed_values(rel) if parsed["all"] else (rel.config or None)
        if fmt == "json":
            text = to_json(values)
        elif fmt == "yaml":
            text = to_yaml(values)
        else:
            title = "COMPUTED VALUES:" if parsed["all"] else "USER-SUPPLIED VALUES:"
            text = f"{title}\n{to_yaml(values)}"
        return common.success(cfg, text, rel)
    if sub == "manifest":
        return common.success(cfg, rel.manifest + "\n", rel)
    if sub == "hooks":
        return common.success(cfg, hooks_text(rel), rel)
    if sub == "notes":
        return common.success(cfg, f"NOTES:\n{rel.notes}\n" if rel.notes else "", rel)
    if sub == "metadata":
        if fmt in ("json", "yaml"):
            meta = {"name": rel.name, "chart": rel.chart_name, "version": rel.chart_version,
                    "appVersion": rel.app_version, "namespace": rel.namespace,
                    "revision": rel.version, "status": rel.status}
            return common.success(cfg, to_json(meta) if fmt == "json" else to_yaml(meta), rel)
        return common.success(cfg, metadata_block(rel, cfg.epoch), rel)
    if parsed["template"]:
        from minicluster.templates.engine import render_string
        from minicluster.templates.errors import RenderError

        # Helm parses the flag as a template named "_"; the engine treats `_*` names as
        # partials, so it renders under another name and the messages are renamed back.
        try:
            text = render_string(parsed["template"],
                                 {"Release": release_struct(rel, cfg.epoch)}, name="gettpl")
        except RenderError as exc:
            # Plain text/template, not Helm's engine: Go's own error text (kept by the engine
            # as the context of its rewritten message).
            raw = getattr(exc.__context__, "text", None) or exc.message
            return common.failure(cfg, raw.replace('"gettpl"', '"_"').replace("gettpl:", "_:"))
        return common.success(cfg, text, rel)
    return common.success(cfg, status_block(rel, cfg.epoch, ctx.helm_version,
                                            show_description=True, debug=True,
                                            show_metadata=True,
                                            computed_values=computed_values(rel)), rel)
