"""Run one helm/kubectl command against the persisted cluster of a state directory."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from minicluster.core.errors import StateError
from minicluster.core.result import CommandResult

from .state import Entry, Journal, load_journal, materialize, save_journal, snapshot_paths, wall_gap

# Commands that cannot change the cluster: they are not journaled (only the time gap is).
READ_ONLY = {
    "kubectl": {"get", "describe", "version", "api-resources", "api-versions", "explain",
                "cluster-info", "config", "events", "top", "--help", "-h", "help"},
    "helm": {"status", "history", "list", "ls", "get", "template", "lint", "show", "inspect",
             "version", "create", "env", "--help", "-h", "help", "search", "repo", "completion"},
}


def _subcommand(argv: list[str]) -> str:
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        if arg in ("-n", "--namespace", "--context", "--kube-context", "--kubeconfig"):
            skip_next = True
            continue
        if not arg.startswith("-") or arg in ("--help", "-h"):
            return arg
    return ""


def _is_read_only(tool: str, argv: list[str]) -> bool:
    sub = _subcommand(argv)
    if tool == "kubectl" and sub == "get" and any(a in ("-w", "--watch", "--watch-only")
                                                  for a in argv):
        return False  # watching runs the clock
    return sub in READ_ONLY.get(tool, set())


def new_cluster(journal: Journal, cwd: str) -> Any:
    from minicluster.cluster import Cluster

    return Cluster(seed=journal.seed, helm_version=journal.helm_version, cwd=cwd)


def run_entry(cluster: Any, entry: Entry) -> CommandResult | None:
    if entry.gap:
        cluster.advance(entry.gap)
    if entry.tool == "advance":
        return None
    if entry.tool == "helm":
        return cluster.helm(entry.argv)
    if entry.tool == "kubectl":
        return cluster.kubectl(entry.argv)
    raise StateError(f"error: unknown journal entry {entry.tool!r}")


def replay(journal: Journal, cwd: str) -> Any:
    cluster = new_cluster(journal, cwd)
    with tempfile.TemporaryDirectory(prefix="minicluster-replay-") as tmp:
        for index, entry in enumerate(journal.entries):
            if entry.files:
                root = os.path.join(tmp, str(index))
                cluster.cwd, argv = materialize(entry, root)
                entry = Entry(entry.tool, argv, cluster.cwd, entry.gap)
            else:
                cluster.cwd = entry.cwd
            run_entry(cluster, entry)
    cluster.cwd = cwd
    return cluster


def open_cluster(state_dir: str, cwd: str) -> tuple[Any, Journal]:
    journal = load_journal(state_dir)
    return replay(journal, cwd), journal


def run_tool(tool: str, argv: list[str], state_dir: str, cwd: str) -> CommandResult:
    cluster, journal = open_cluster(state_dir, cwd)
    gap = wall_gap(journal)
    if gap:
        cluster.advance(gap)
    if _is_read_only(tool, argv):
        result = cluster.helm(argv) if tool == "helm" else cluster.kubectl(argv)
        if gap:
            journal.entries.append(Entry("advance", [], cwd, gap))
    else:
        files, roots = snapshot_paths(argv, cwd)
        result = cluster.helm(argv) if tool == "helm" else cluster.kubectl(argv)
        journal.entries.append(Entry(tool, argv, cwd, gap, files, roots))
    save_journal(state_dir, journal)
    return result


def advance(state_dir: str, cwd: str, seconds: float) -> Any:
    cluster, journal = open_cluster(state_dir, cwd)
    gap = wall_gap(journal) + seconds
    cluster.advance(gap)
    journal.entries.append(Entry("advance", [], cwd, gap))
    save_journal(state_dir, journal)
    return cluster
