"""What lab scenarios share: starting the services a lab ships (a database, a cache), asking
them questions, and running a rendered hook Job on its own to see how it ends."""

from __future__ import annotations

import copy
import os
from typing import Any

from minicluster.core import yamlio


def start_statefulset(h: Any, lab_folder: str, manifest: str, name: str, what: str) -> None:
    """Apply a lab's manifest (e.g. labs/01-schema-init/postgres.yaml) and wait until the
    StatefulSet `name` is rolled out."""
    from minicluster.grading.cli import labs_root

    with open(os.path.join(labs_root(), lab_folder, manifest)) as fh:
        h.cluster.apply(fh.read())
    waited = h.cluster.kubectl(f"rollout status statefulset/{name} --timeout=120s")
    if waited.exit_code != 0:
        raise RuntimeError(f"the lab's {what} did not start: {waited.stderr.strip()}")


def start_postgres(h: Any, lab_folder: str) -> None:
    start_statefulset(h, lab_folder, "postgres.yaml", "postgres", "database")


def psql(h: Any, sql: str) -> list[str]:
    """Rows of a query against the lab database (user and database `agents`), unaligned."""
    result = h.cluster.kubectl(["exec", "postgres-0", "--", "psql", "-U", "agents", "-d", "agents",
                                "-At", "-c", sql])
    if result.exit_code != 0:
        raise RuntimeError(f"querying the database failed: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line]


def run_job(h: Any, job: dict[str, Any], name: str, timeout: str = "300s") -> dict[str, Any]:
    """Run a rendered hook Job as a plain Job named `name`; report whether it succeeded and
    what it logged."""
    job = copy.deepcopy(job)
    job["metadata"] = {"name": name}
    h.cluster.apply(yamlio.dump(job))
    h.cluster.kubectl(f"wait --for=condition=complete job/{name} --timeout={timeout}")
    status = h.cluster.api.get("Job", name).get("status", {})
    logs = h.cluster.kubectl(f"logs job/{name}")
    return {"succeeded": status.get("succeeded", 0) >= 1, "logs": logs.stdout + logs.stderr}


def second_run_problem(first: dict[str, Any], second: dict[str, Any], what: str,
                       state_key: str) -> str | None:
    """Judge a Job run twice against the same database: the first run must succeed, the second
    must succeed without an ERROR line and leave the same state."""
    if not first["succeeded"]:
        return f"the {what} failed on its first run: {first['logs'].strip()[-300:]}"
    errors = [line for line in second["logs"].splitlines() if "ERROR:" in line]
    if not second["succeeded"] or errors:
        detail = errors[0] if errors else second["logs"].strip()[-300:]
        return f"run a second time, the {what} reports an error: {detail}"
    if first[state_key] != second[state_key]:
        return f"the database changed when the {what} ran a second time"
    return None


def scenario_after(ctx: Any, scenario: str, *steps: str) -> tuple[dict[str, Any] | None, str | None]:
    """A scenario's record when each named helm step of it succeeded, else why not."""
    from ._messages import brief_error

    run = ctx.scenario(scenario)
    for step in steps:
        if run[step].result.exit_code != 0:
            return None, f"`helm {step}` failed: {brief_error(run[step].result)}"
    return run, None
