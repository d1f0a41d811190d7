"""`helm lint PATH...`: Helm's checks and output, plus minicluster's hook checks.

Output per chart: `==> Linting PATH`, one `[SEVERITY] FILE: message` line each, a blank line;
then `N chart(s) linted, M chart(s) failed` (an error, exit 1, when M > 0). minicluster's own
hook findings follow Helm's messages, each marked `(minicluster)`; they never change the exit
code or the failed count (`--quiet` hides them with the INFO lines; `--no-hook-checks` drops
them).
"""

from __future__ import annotations

import os
from typing import Any

from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions.cli import help_text
from minicluster.helm.chart.capabilities import parse_kube_version
from minicluster.helm.chart.coalesce import collect_warnings
from minicluster.helm.chart.errors import ChartError
from minicluster.helm.chart.valueopts import add_value_flags, host_reader, values_from_flags
from minicluster.helm.commands import helm_command
from minicluster.helm.lint import INFO, lint_chart
from minicluster.helm.messages import slog_line


def _subchart_paths(path: str) -> list[str]:
    """What --with-subcharts adds: filepath.Walk of charts/ in lexical order, each directory
    holding a Chart.yaml and each .tgz/.tar.gz file."""
    found: list[str] = []

    def walk(directory: str) -> None:
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            return
        for name in names:
            full = os.path.join(directory, name)
            if name == "Chart.yaml":
                found.append(directory)
            elif full.endswith((".tgz", ".tar.gz")):
                found.append(full)
            if os.path.isdir(full):
                walk(full)

    walk(os.path.join(path, "charts"))
    return found


@helm_command("lint", summary="examine a chart for possible issues")
def lint(ctx: Any, argv: list[str]) -> CommandResult:
    fs = FlagSet("lint")
    fs.bool("strict", help="fail on lint warnings")
    fs.bool("with-subcharts", help="lint dependent charts")
    fs.bool("quiet", help="print only warnings and errors")
    fs.bool("skip-schema-validation", help="if set, disables JSON schema validation")
    fs.bool("no-hook-checks", help="minicluster: skip the hook checks real Helm does not make")
    fs.string("kube-version", help="Kubernetes version used for capabilities and deprecation checks")
    add_value_flags(fs)
    flags = ctx.parse(fs, argv)
    if flags["help"]:
        return CommandResult(stdout=help_text("examine a chart for possible issues",
                                              "helm lint PATH [flags]", fs, "lint"))
    paths = flags.positionals or ["."]
    kube_version = flags["kube-version"] or None
    if kube_version:
        try:
            parse_kube_version(kube_version)
        except ChartError as exc:
            raise ChartError(f"invalid kube version '{kube_version}': {exc.message}") from None
    if flags["with-subcharts"]:
        for p in list(paths):
            extra = _subchart_paths(ctx.resolve_path(p))
            paths += [os.path.join(p, os.path.relpath(e, ctx.resolve_path(p))) for e in extra]
    values = values_from_flags(flags, host_reader(ctx.resolve_path("."), getattr(ctx, "stdin", None)))
    quiet = flags["quiet"]
    out: list[str] = []
    failed = 0
    for path in paths:
        with collect_warnings() as log:
            result = lint_chart(ctx.resolve_path(path), values, namespace=ctx.namespace,
                                kube_version=kube_version,
                                skip_schema=flags["skip-schema-validation"],
                                strict=flags["strict"], hook_checks=not flags["no-hook-checks"])
        ctx.warnings.extend(slog_line("INFO", w) for w in log)
        if quiet and not result.has_warnings_or_errors:
            continue
        out.append(f"==> Linting {path}\n")
        if not result.helm_messages:
            out.extend(f"Error {err}\n" for err in result.errors)
        for msg in result.messages:
            if not quiet or msg.severity > INFO:
                out.append(f"{msg}\n")
        if result.errors:
            failed += 1
        out.append("\n")
    summary = f"{len(paths)} chart(s) linted, {failed} chart(s) failed"
    if failed:
        return CommandResult(stdout="".join(out), stderr=f"Error: {summary}\n", exit_code=1)
    if not quiet or any(True for _ in out):
        out.append(summary + "\n")
    return CommandResult(stdout="".join(out))
