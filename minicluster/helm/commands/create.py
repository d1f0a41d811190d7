"""`helm create NAME`: the standard Helm 4 chart, written in the learner's working directory.

Like Helm, NAME may be a path (`charts/web` creates `web` inside `charts/`); unlike Helm,
minicluster refuses a path outside the working directory, and `--starter` is not supported
(there is no Helm data directory with starters here).
"""

from __future__ import annotations

import os
from typing import Any

from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions.cli import help_text
from minicluster.helm.chart.errors import ChartError
from minicluster.helm.commands import helm_command
from minicluster.helm.scaffold import create_chart


@helm_command("create", summary="create a new chart with the given name")
def create(ctx: Any, argv: list[str]) -> CommandResult:
    fs = FlagSet("create")
    fs.string("starter", short="p", help="the name or absolute path to Helm starter scaffold")
    flags = ctx.parse(fs, argv)
    if flags["help"]:
        return CommandResult(stdout=help_text("create a new chart with the given name",
                                              "helm create NAME [flags]", fs, "create"))
    if len(flags.positionals) != 1:
        raise ChartError('"helm create" requires 1 argument\n\nUsage:  helm create NAME [flags]')
    name = flags.positionals[0]
    if flags["starter"]:
        raise ChartError("--starter is not supported by minicluster (no starter charts installed)")
    base = os.path.realpath(ctx.resolve_path("."))
    target = os.path.realpath(ctx.resolve_path(name))
    if target != base and not target.startswith(base + os.sep):
        raise ChartError(f"minicluster only creates charts inside the working directory {base}")
    stdout = f"Creating {name}\n"
    _, warnings = create_chart(os.path.basename(target), os.path.dirname(target))
    return CommandResult(stdout=stdout + "".join(warnings))
