"""IPython magics: `%helm ...`, `%kubectl ...`, `%minicluster reset|advance|timeline|time`,
and `%%chartfile PATH` to write a chart file from a cell.

Each line magic returns the CommandResult, which Jupyter and VS Code display as a terminal
would (stdout, then stderr in red, then the exit code when it is not 0).
"""

from __future__ import annotations

import os
import shlex
from typing import Any

from minicluster.core.result import CommandResult

from . import session
from .progress import progress

MINICLUSTER_USAGE = (
    "usage: %minicluster reset [--seed N] [--helm-version 3|4] | advance DURATION | "
    "timeline [RELEASE] | explore [KUBECTL GET ARGS] | time | chart-root DIR"
)


def helm(line: str) -> CommandResult:
    cluster = session.get_cluster()
    with progress(cluster, f"helm {line}"):
        return cluster.helm(line)


def kubectl(line: str) -> CommandResult:
    cluster = session.get_cluster()
    with progress(cluster, f"kubectl {line}"):
        return cluster.kubectl(line)


def minicluster(line: str) -> Any:
    words = shlex.split(line)
    if not words:
        return CommandResult(stderr=MINICLUSTER_USAGE + "\n", exit_code=2)
    verb, rest = words[0], words[1:]
    if verb == "reset":
        seed = helm_version = None
        for flag, value in zip(rest[::2], rest[1::2]):
            if flag == "--seed":
                seed = int(value)
            elif flag == "--helm-version":
                helm_version = int(value)
        cluster = session.reset(seed, helm_version)
        return CommandResult(stdout=f"A new cluster is ready (seed {cluster.seed}, "
                                    f"Helm {cluster.helm_version}).\n")
    if verb == "advance" and len(rest) == 1:
        cluster = session.get_cluster()
        cluster.advance(rest[0])
        return CommandResult(stdout=f"Virtual time is now {cluster.clock.timestamp()}.\n")
    if verb == "time":
        return CommandResult(stdout=session.get_cluster().clock.timestamp() + "\n")
    if verb == "timeline":
        return session.get_cluster().timeline(rest[0] if rest else None)
    if verb == "explore":
        from .explorer import DEFAULT_QUERY, explorer

        return explorer(session.get_cluster(), " ".join(rest) or DEFAULT_QUERY)
    if verb == "chart-root" and len(rest) == 1:
        session.set_chart_root(rest[0])
        return CommandResult(stdout=f"%%chartfile writes under {session.chart_root()}\n")
    return CommandResult(stderr=MINICLUSTER_USAGE + "\n", exit_code=2)


def chartfile(line: str, cell: str) -> CommandResult:
    """Write the cell to PATH (relative to the lab's chart directory), like %%writefile."""
    words = shlex.split(line)
    if len(words) != 1:
        return CommandResult(stderr="usage: %%chartfile PATH\n", exit_code=2)
    root = session.chart_root()
    target = os.path.normpath(os.path.join(root, words[0]))
    if not (target == root or target.startswith(root + os.sep)):
        return CommandResult(stderr=f"error: {words[0]} is outside the chart ({root})\n",
                             exit_code=1)
    existed = os.path.exists(target)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as fh:
        fh.write(cell)
    verb = "Overwriting" if existed else "Writing"
    return CommandResult(stdout=f"{verb} {os.path.relpath(target, os.getcwd())}\n")


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(helm, "line", "helm")
    ipython.register_magic_function(kubectl, "line", "kubectl")
    ipython.register_magic_function(minicluster, "line", "minicluster")
    ipython.register_magic_function(chartfile, "cell", "chartfile")
