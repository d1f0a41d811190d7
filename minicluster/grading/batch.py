"""Grade a class: every submission in its own process, in parallel, with a time and memory cap.

A process per submission isolates untrusted charts from each other and from the instructor's
session: a submission that exhausts its budget or crashes the kit costs only its own grade.
The processes are forked by clean worker processes (see worker.py), never from the caller's
own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from .model import CheckResult, Lab, Report

DEFAULT_TIMEOUT = 120.0  # wall seconds per submission


def submissions_in(folder: str) -> list[tuple[str, str]]:
    """(name, path) of each submission: every sub-folder, or the folder itself if it is a chart."""
    if os.path.isfile(os.path.join(folder, "Chart.yaml")):
        return [(os.path.basename(os.path.abspath(folder)), folder)]
    return [(name, os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            if os.path.isdir(os.path.join(folder, name)) and not name.startswith(".")]


def _failed_report(lab: Lab, name: str, problem: str) -> Report:
    return Report(lab.id, name, [CheckResult(c.id, c.title, c.points, 0, problem, c.hint,
                                             c.hidden) for c in lab.checks], problem=problem)


def _from_dict(data: dict[str, Any]) -> Report:
    return Report(data["lab"], data["submission"], [
        CheckResult(c["id"], c["title"], c["points"], c["earned"], c["message"], c["hint"],
                    c["hidden"], c["error"]) for c in data["checks"]], data["problem"])


def _start_worker() -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "minicluster.grading.worker"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            bufsize=1)


def grade_all(lab: Lab, folder: str, hidden_dir: str | None = None, jobs: int | None = None,
              timeout: float = DEFAULT_TIMEOUT) -> list[Report]:
    todo = submissions_in(folder)
    count = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    workers = [_start_worker() for _ in range(count)]
    reports: dict[str, Report] = {}
    queue = list(todo)
    busy: dict[int, str] = {}
    try:
        import selectors

        selector = selectors.DefaultSelector()
        for index, worker in enumerate(workers):
            assert worker.stdout is not None
            selector.register(worker.stdout, selectors.EVENT_READ, index)

        def feed(index: int) -> None:
            if not queue:
                return
            name, path = queue.pop(0)
            busy[index] = name
            job = {"lab": lab.id, "hidden": hidden_dir, "name": name,
                   "path": os.path.abspath(path), "timeout": timeout}
            stdin = workers[index].stdin
            assert stdin is not None
            stdin.write(json.dumps(job) + "\n")
            stdin.flush()

        for index in range(count):
            feed(index)
        while busy:
            for key, _ in selector.select():
                index = key.data
                line = key.fileobj.readline()  # type: ignore[union-attr]
                name = busy.pop(index)
                if not line:  # the worker itself died
                    selector.unregister(key.fileobj)
                    reports[name] = _failed_report(lab, name, "grading crashed")
                    continue
                answer = json.loads(line)
                if "report" in answer:
                    reports[name] = _from_dict(answer["report"])
                else:
                    reports[name] = _failed_report(lab, name, answer.get("problem", "grading failed"))
                feed(index)
    finally:
        for worker in workers:
            if worker.stdin:
                worker.stdin.close()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
    return [reports[name] for name, _ in todo]
