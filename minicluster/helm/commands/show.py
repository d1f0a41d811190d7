"""`helm show all|chart|values|readme|crds CHART` (pkg/action/show.go)."""

from __future__ import annotations

from typing import Any

from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions.cli import help_text
from minicluster.helm.chart import ChartError, load_chart
from minicluster.helm.chart.loader import locate_chart
from minicluster.helm.chart.metadata import to_json
from minicluster.helm.chart.model import Chart
from minicluster.helm.chart.yamlout import marshal
from minicluster.helm.commands import helm_command

_README_NAMES = ("readme.md", "readme.txt", "readme")
_SUBCOMMANDS = {
    "all": "show all information of the chart",
    "chart": "show the chart's definition",
    "crds": "show the chart's CRDs",
    "readme": "show the chart's README",
    "values": "show the chart's values",
}


def show_text(chart: Chart, what: str) -> str:
    """What `helm show WHAT` prints for a loaded chart."""
    out: list[str] = []
    if what in ("chart", "all"):
        out.append(marshal(to_json(chart.metadata)) + "\n")
    values_file = chart.raw_file("values.yaml")
    if what in ("values", "all") and values_file is not None:
        if what == "all":
            out.append("---\n")
        out.append(values_file.text + "\n")
    if what in ("readme", "all"):
        readme = next((f for f in chart.files if f.name.lower() in _README_NAMES), None)
        if readme is not None:
            if what == "all":
                out.append("---\n")
            out.append(readme.text + "\n")
    if what in ("crds", "all"):
        for _, crd in chart.crd_objects():
            if not crd.data.startswith(b"---"):
                out.append("---\n")
            out.append(crd.text + "\n")
    return "".join(out)


def _usage(sub: str | None) -> str:
    if sub is None:
        lines = ["This command consists of multiple subcommands to display information about a chart",
                 "", "Usage:", "  helm show [command]", "", "Aliases:", "  show, inspect", "",
                 "Available Commands:"]
        lines += [f"  {name:<11}{summary}" for name, summary in _SUBCOMMANDS.items()]
        return "\n".join(lines) + "\n"
    return f"Usage:  helm show {sub} [CHART] [flags]"


@helm_command("show", summary="show information of a chart", aliases=("inspect",))
def show(ctx: Any, argv: list[str]) -> CommandResult:
    sub = next((a for a in argv if not a.startswith("-")), None)
    if sub is None:
        return CommandResult(stdout=_usage(None))
    if sub not in _SUBCOMMANDS:
        raise ChartError('"helm show" accepts no arguments\n\nUsage:  helm show [command]')
    rest = list(argv)
    rest.remove(sub)
    fs = FlagSet(f"show {sub}")
    fs.bool("devel")
    for name in ("version", "keyring", "repo", "username", "password", "cert-file", "key-file",
                 "ca-file"):
        fs.string(name)
    for name in ("verify", "insecure-skip-tls-verify", "plain-http", "pass-credentials"):
        fs.bool(name)
    if sub == "values":
        fs.string("jsonpath", help="supply a JSONPath expression to filter the output")
    flags = ctx.parse(fs, rest)
    if flags["help"]:
        return CommandResult(stdout=help_text(_SUBCOMMANDS[sub], f"helm show {sub} [CHART] [flags]",
                                              fs, sub))
    if len(flags.positionals) != 1:
        raise ChartError(f'"helm show {sub}" requires 1 argument\n\n{_usage(sub)}')
    if sub == "values" and flags["jsonpath"]:
        raise ChartError("--jsonpath is not supported by minicluster's helm show values")
    ref = flags.positionals[0]
    chart = load_chart(locate_chart(ref, ctx.resolve_path(ref)))
    return CommandResult(stdout=show_text(chart, sub))
