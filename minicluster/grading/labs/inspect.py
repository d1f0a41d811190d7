"""Lab: find why a pre-install hook fails, with kubectl alone, and fix the chart."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from ._messages import brief_error
from .common import hook_jobs, rendered_documents
from .environment import psql, start_postgres

LAB = Lab(
    id="inspect",
    title="Inspect a failing hook and fix the chart",
    summary="A pre-install hook never succeeds. Find the reasons with kubectl get, describe, "
            "logs and events, fix the chart, and install it.",
    starter="07-inspect/chart",
    notebook="07-inspect/inspect.ipynb",
)

RELEASE = "agents"


def start_database(h: Any) -> None:
    start_postgres(h, "07-inspect")


def tables(h: Any) -> list[str]:
    return psql(h, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                   "ORDER BY tablename")


def _clue(h: Any) -> str:
    """Where to look next, without giving the answer away: a container that ran and failed
    leaves a log; a pod that never started its container only has events."""
    job = h.cluster.api.try_get("Job", f"{RELEASE}-db-init")
    if job is None:
        return ""
    if ((job.get("status") or {}).get("failed") or 0) > 0:
        return "its container ran and exited with an error: read the Job's logs"
    return "its pod never started its container: describe the pod and read its events"


@LAB.scenario("install")
def install(h: Any) -> dict[str, Any]:
    start_database(h)
    step = h.helm(f"install {RELEASE} CHART --timeout 60s")
    clue = _clue(h) if step.result.exit_code != 0 else ""
    return {"h": h, "install": step, "tables": tables(h), "clue": clue}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"result": h.render(), "other-host": h.render("--set postgres.host=db.example")}


def _installed(ctx: Any) -> tuple[dict[str, Any] | None, str | None]:
    run = ctx.scenario("install")
    step = run["install"]
    if step.result.exit_code != 0:
        clue = f" ({run['clue']})" if run["clue"] else ""
        return None, (f"`helm install` failed: {brief_error(step.result)}; the pre-install "
                      f"hook db-init did not succeed{clue}")
    return run, None


@LAB.check("install-succeeds", points=3, title="The fixed chart installs",
           hint="Install the chart, then look at the hook: `kubectl get pods` (its status), "
                "`kubectl describe pod` (Events at the bottom), `kubectl logs job/<name>`. "
                "A pod stuck before it starts, and a container that exits 1, fail in "
                "different places.")
def install_succeeds(ctx: Any) -> str | None:
    _, problem = _installed(ctx)
    return problem


@LAB.check("hook-ran", points=2, title="The pre-install hook ran and prepared the database",
           hint='Keep the Job a "helm.sh/hook": "pre-install" hook that creates the agents table.')
def hook_ran(ctx: Any) -> str | None:
    run, problem = _installed(ctx)
    if problem or run is None:
        return problem
    if not [n for n in run["h"].hook_names(run["install"], "pre-install") if "db-init" in n]:
        return "`helm install` ran no pre-install db-init hook"
    if "agents" not in run["tables"]:
        return f"after the install the database has the tables {run['tables']}, not agents"
    return None


@LAB.check("cleaned-up", points=1, title="The hook Job is gone after it succeeded",
           hint='Keep "helm.sh/hook-delete-policy": "hook-succeeded,before-hook-creation".')
def cleaned_up(ctx: Any) -> str | None:
    run, problem = _installed(ctx)
    if problem or run is None:
        return problem
    left = [name for name in run["install"].jobs if "db-init" in name]
    if left:
        return (f"after a successful install the hook Job {left[0]} is still there "
                "(helm.sh/hook-delete-policy lacks hook-succeeded)")
    return None


def rendered_env(result: Any, name: str) -> dict[str, Any] | None:
    """The `name` env entry of the first hook Job's containers in a render."""
    for job in hook_jobs(rendered_documents(result)):
        for container in job["spec"]["template"]["spec"].get("containers") or []:
            for env in container.get("env") or []:
                if env.get("name") == name:
                    return env
    return None
