"""Grade a class: every submission in its own process, in parallel, with a time and memory cap.

A process per submission isolates untrusted charts from each other and from the instructor's
session: a submission that exhausts its budget or crashes the kit costs only its own grade.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.connection import Connection, wait
from typing import Any

from .model import CheckResult, Lab, Report

DEFAULT_TIMEOUT = 120.0  # wall seconds per submission
MEMORY_LIMIT = 2 * 1024**3


def submissions_in(folder: str) -> list[tuple[str, str]]:
    """(name, path) of each submission: every sub-folder, or the folder itself if it is a chart."""
    if os.path.isfile(os.path.join(folder, "Chart.yaml")):
        return [(os.path.basename(os.path.abspath(folder)), folder)]
    return [(name, os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            if os.path.isdir(os.path.join(folder, name)) and not name.startswith(".")]


def _child(conn: Connection, lab_id: str, hidden_dir: str | None, name: str, path: str) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    from .registry import add_hidden_checks, get_lab
    from .runner import fresh_lab, run_checks

    lab = fresh_lab(get_lab(lab_id))
    if hidden_dir:
        add_hidden_checks(lab, hidden_dir)
    report = run_checks(lab, path, include_hidden=True, submission=name)
    conn.send(report.to_dict())
    conn.close()


def _failed_report(lab: Lab, name: str, problem: str) -> Report:
    return Report(lab.id, name, [CheckResult(c.id, c.title, c.points, 0, problem, c.hint,
                                             c.hidden) for c in lab.checks], problem=problem)


def _from_dict(data: dict[str, Any]) -> Report:
    return Report(data["lab"], data["submission"], [
        CheckResult(c["id"], c["title"], c["points"], c["earned"], c["message"], c["hint"],
                    c["hidden"], c["error"]) for c in data["checks"]], data["problem"])


def grade_all(lab: Lab, folder: str, hidden_dir: str | None = None, jobs: int | None = None,
              timeout: float = DEFAULT_TIMEOUT) -> list[Report]:
    todo = submissions_in(folder)
    jobs = max(1, jobs or os.cpu_count() or 1)
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    running: dict[Connection, tuple[Any, str, float]] = {}
    reports: dict[str, Report] = {}
    queue = list(todo)
    while queue or running:
        while queue and len(running) < jobs:
            name, path = queue.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, lab.id, hidden_dir, name, path),
                               daemon=True)
            proc.start()
            child.close()
            running[parent] = (proc, name, time.monotonic())
        ready = wait(list(running), timeout=0.2)
        for conn in ready:
            proc, name, _ = running.pop(conn)  # type: ignore[index]
            try:
                reports[name] = _from_dict(conn.recv())
            except (EOFError, OSError):
                reports[name] = _failed_report(lab, name, "grading crashed (out of memory?)")
            proc.join(5)
        for conn, (proc, name, started) in list(running.items()):
            if time.monotonic() - started > timeout:
                proc.kill()
                proc.join()
                running.pop(conn)
                reports[name] = _failed_report(
                    lab, name, f"grading took longer than {timeout:g}s and was stopped")
    return [reports[name] for name, _ in todo]
