"""`helm test [RELEASE] [flags]`."""

from __future__ import annotations

from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm.actions import cli as common
from minicluster.helm.actions.base import ActionConfig
from minicluster.helm.actions.printers import computed_values, status_block, to_json, to_yaml
from minicluster.helm.actions.testing import TestOptions, pod_logs, run_tests
from minicluster.helm.commands import helm_command
from minicluster.helm.release import release_to_json


def test_flags(helm_version: int) -> FlagSet:
    fs = FlagSet("test")
    fs.duration("timeout", common.DEFAULT_TIMEOUT,
                help="time to wait for any individual Kubernetes operation (like Jobs for hooks)")
    fs.bool("logs", help="dump the logs from test pods (this runs after all tests are complete, "
                         "but before any cleanup)")
    fs.slice("filter", help="specify tests by attribute (currently \"name\")")
    fs.string("output", "table", short="o", help="prints the output in the specified format")
    if helm_version < 4:
        fs.bool("hide-notes", help="if set, do not show notes in test output")
    return fs


@helm_command("test", summary="run tests for a release")
def test_command(ctx: Any, argv: list[str]) -> CommandResult:
    helm_version = ctx.helm_version
    fs = test_flags(helm_version)
    parsed = ctx.parse(fs, argv)
    if parsed["help"]:
        return CommandResult(stdout=common.help_text("run tests for a release", "helm test [RELEASE] [flags]", fs, "test"))
    args = parsed.positionals
    if len(args) != 1:
        return CommandResult(
            stderr='Error: "helm test" requires 1 argument\n\n'
                   "Usage:  helm test [RELEASE] [flags]\n", exit_code=1)
    cfg = ActionConfig(ctx.cluster, ctx.namespace, helm_version, "test", args[0])
    try:
        fmt = common.require_output_format(parsed)
        outcome = run_tests(cfg, TestOptions(args[0], timeout=parsed["timeout"],
                                             filters=parsed["filter"]))
    except MiniclusterError as exc:
        return common.failure(cfg, exc.message)
    rel = outcome.release
    assert rel is not None
    if fmt == "json":
        stdout = to_json(release_to_json(rel, cfg.epoch, helm_version))
    elif fmt == "yaml":
        stdout = to_yaml(release_to_json(rel, cfg.epoch, helm_version))
    else:
        hide = True if helm_version >= 4 else parsed["hide-notes"]
        stdout = status_block(rel, cfg.epoch, helm_version, show_description=False,
                              hide_notes=hide, debug=ctx.debug,
                        computed_values=computed_values(rel) if ctx.debug else None)
    error = outcome.error
    if parsed["logs"]:
        logs, log_error = pod_logs(cfg, outcome)
        stdout += "\n" + logs
        if log_error is not None:
            if helm_version < 4:
                log_error = log_error.replace("unable to get pod ", "unable to get pod logs for ", 1)
            error = log_error if error is None else f"{error}\n{log_error}"
    shutdown_error = outcome.shutdown()
    if error is None and shutdown_error is not None:
        error = shutdown_error
    cfg.record.revision = rel.version
    if error is not None:
        return CommandResult(stdout, "".join(cfg.stderr) + f"Error: {error}\n", 1,
                             record=cfg.finish(rel, error))
    return common.success(cfg, stdout, rel)
