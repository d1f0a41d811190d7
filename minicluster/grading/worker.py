"""A grading worker: a clean Python process that grades submissions one at a time, each in a
child forked from it.

The instructor's process starts a few workers (`python -m minicluster.grading.worker`) and
sends each a job per line of JSON on stdin; the worker answers one line of JSON per job on
stdout. Forking from a worker that imported only the kit gives each submission a warm start
without inheriting the instructor's process (a loaded Go runtime, open connections, a
notebook's state). The worker enforces the wall-time limit and the child's memory cap.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from typing import Any

MEMORY_LIMIT = 2 * 1024**3


def _grade(job: dict[str, Any]) -> dict[str, Any]:
    from .registry import add_hidden_checks, get_lab
    from .runner import fresh_lab, run_checks

    lab = fresh_lab(get_lab(job["lab"]))
    if job.get("hidden"):
        add_hidden_checks(lab, job["hidden"])
    return run_checks(lab, job["path"], include_hidden=True, submission=job["name"]).to_dict()


def _child(job: dict[str, Any], write_fd: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    payload: dict[str, Any]
    try:
        payload = {"report": _grade(job)}
    except Exception as exc:  # the kit failed on this submission: report it, do not crash
        payload = {"problem": f"grading failed: {exc.__class__.__name__}: {exc}"}
    data = json.dumps(payload).encode()
    view = memoryview(data)
    while view:
        written = os.write(write_fd, view)
        view = view[written:]
    os.close(write_fd)


def _run_job(job: dict[str, Any]) -> dict[str, Any]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        code = 0
        try:
            _child(job, write_fd)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    deadline = time.monotonic() + float(job.get("timeout", 120.0))
    chunks: list[bytes] = []
    timed_out = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_fd)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if timed_out:
        return {"problem": f"grading took longer than {job.get('timeout', 120.0):g}s and was stopped"}
    try:
        return json.loads(b"".join(chunks) or b"null") or {
            "problem": "grading crashed (out of memory?)"}
    except ValueError:
        return {"problem": "grading crashed (out of memory?)"}


def main() -> int:
    # Import the kit once, before any fork, so that each child starts warm.
    from minicluster import cluster  # noqa: F401
    from minicluster.runtime import services  # noqa: F401

    from . import registry, runner  # noqa: F401

    for line in sys.stdin:
        job = json.loads(line)
        answer = {"name": job["name"], **_run_job(job)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
