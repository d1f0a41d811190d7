"""Lab: a pre-install hook that creates the agents schema in PostgreSQL, idempotently."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from .common import first_error_line, hook_jobs, rendered_documents
from .environment import psql, run_job, second_run_problem, start_postgres

LAB = Lab(
    id="schema-init",
    title="A pre-install hook that creates the database schema",
    summary="Create the agents table and its indexes in PostgreSQL before the app is installed, "
            "gated by a value, with the password from a Secret, safe to run twice.",
    starter="01-schema-init/chart",
    notebook="01-schema-init/schema-init.ipynb",
)

RELEASE = "agents"
COLUMNS = ["id", "name", "model_id", "status", "created_at", "updated_at"]
INDEXES = ["idx_agents_created", "idx_agents_status"]


def start_database(h: Any) -> None:
    start_postgres(h, "01-schema-init")


def schema(h: Any) -> dict[str, list[str]]:
    return {
        "columns": psql(h, "SELECT column_name FROM information_schema.columns "
                            "WHERE table_name = 'agents' ORDER BY ordinal_position"),
        "indexes": psql(h, "SELECT indexname FROM pg_indexes WHERE tablename = 'agents' "
                            "AND indexname LIKE 'idx_%' ORDER BY indexname"),
    }


@LAB.scenario("install")
def install(h: Any) -> dict[str, Any]:
    start_database(h)
    step = h.helm(f"install {RELEASE} CHART")
    return {"h": h, "install": step, "schema": schema(h) if step.result.exit_code == 0 else None}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"enabled": h.render(), "disabled": h.render("--set postgres.enabled=false")}


@LAB.scenario("run-twice")
def run_twice(h: Any) -> dict[str, Any]:
    """Run the hook's Job twice, as plain Jobs, against the same database."""
    start_database(h)
    jobs = hook_jobs(rendered_documents(h.render()))
    if not jobs:
        return {"problem": "no Job annotated as a hook (helm.sh/hook) is rendered"}
    runs = []
    for number in (1, 2):
        run = run_job(h, jobs[0], f"db-init-run-{number}")
        run["schema"] = schema(h)
        runs.append(run)
    return {"runs": runs}


def _installed(ctx: Any) -> tuple[dict[str, Any] | None, str | None]:
    run = ctx.scenario("install")
    if run["install"].result.exit_code != 0:
        return None, f"`helm install` failed: {first_error_line(run['install'].result)}"
    return run, None


@LAB.check("runs-before-manifest", points=2,
           title="The schema Job runs before any resource of the release",
           hint='Annotate the Job "helm.sh/hook": "pre-install": Helm then runs it, and waits '
                "for it, before it creates the chart's other resources.")
def runs_before_manifest(ctx: Any) -> str | None:
    run, problem = _installed(ctx)
    if problem or run is None:
        return problem
    h, step = run["h"], run["install"]
    created = h.created(step)
    hooks = set(h.hook_names(step, "pre-install"))
    if not any("db-init" in name for name in hooks):
        return ("`helm install` created no pre-install hook Job for db-init "
                f"(it created {[name for _, name in created]})")
    first_manifest = next((i for i, (_, name) in enumerate(created) if name not in hooks), None)
    first_hook = next(i for i, (_, name) in enumerate(created) if name in hooks)
    if first_manifest is not None and first_manifest < first_hook:
        return (f"{created[first_manifest][0]} {created[first_manifest][1]} was created before "
                "the schema Job: the Job is not a pre-install hook")
    return None


@LAB.check("schema-present", points=2,
           title="After install the agents table and its indexes exist",
           hint="The Job's SQL must create the agents table with id, name, model_id, status, "
                "created_at and updated_at, and the indexes idx_agents_status and "
                "idx_agents_created.")
def schema_present(ctx: Any) -> str | None:
    run, problem = _installed(ctx)
    if problem or run is None:
        return problem
    found = run["schema"]
    if found["columns"] != COLUMNS:
        return f"the agents table has the columns {found['columns'] or 'none'}; expected {COLUMNS}"
    if found["indexes"] != INDEXES:
        return f"the agents table has the indexes {found['indexes'] or 'none'}; expected {INDEXES}"
    return None


@LAB.check("idempotent", points=3,
           title="Running the schema Job twice is safe",
           hint="Use CREATE TABLE IF NOT EXISTS and CREATE INDEX IF NOT EXISTS, and run psql "
                "with -v ON_ERROR_STOP=1 so that a failing statement fails the Job.")
def idempotent(ctx: Any) -> str | None:
    run = ctx.scenario("run-twice")
    if "problem" in run:
        return run["problem"]
    first, second = run["runs"]
    return second_run_problem(first, second, "schema Job", "schema")


@LAB.check("gated-by-value", points=1,
           title="Nothing is rendered when postgres.enabled is false",
           hint="Wrap the whole Job in {{- if .Values.postgres.enabled }} ... {{- end }}.")
def gated_by_value(ctx: Any) -> str | None:
    rendered = ctx.scenario("render")
    for key in ("enabled", "disabled"):
        if rendered[key].exit_code != 0:
            return f"the chart does not render: {first_error_line(rendered[key])}"
    if not hook_jobs(rendered_documents(rendered["enabled"])):
        return "no hook Job is rendered with the default values"
    if hook_jobs(rendered_documents(rendered["disabled"])):
        return "with --set postgres.enabled=false the schema Job is still rendered"
    return None


@LAB.check("cleaned-up", points=1,
           title="The schema Job is gone after it succeeded",
           hint='Give the hook "helm.sh/hook-delete-policy": "hook-succeeded,before-hook-creation".')
def cleaned_up(ctx: Any) -> str | None:
    run, problem = _installed(ctx)
    if problem or run is None:
        return problem
    left = [name for name in run["install"].jobs if "db-init" in name]
    if left:
        return (f"after a successful install the hook Job {left[0]} is still there "
                "(helm.sh/hook-delete-policy lacks hook-succeeded)")
    return None
