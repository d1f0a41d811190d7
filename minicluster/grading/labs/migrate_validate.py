"""Lab: two pre-upgrade hooks, a migration then its validation, against PostgreSQL."""

from __future__ import annotations

from typing import Any

from minicluster.grading.model import Lab

from .common import hook_jobs, rendered_documents
from .environment import psql, run_job, scenario_after, second_run_problem, start_postgres

LAB = Lab(
    id="migrate-validate",
    title="Migrate, then validate: two ordered pre-upgrade hooks",
    summary="Add columns to the agents table before an upgrade, check them in a second hook "
            "that blocks the upgrade when they are missing, and keep the migration re-runnable.",
    starter="06-migrate-validate/chart",
    notebook="06-migrate-validate/migrate-validate.ipynb",
)

RELEASE = "agents"
NEW_COLUMNS = {"embedding_model": "character varying", "parameters": "jsonb"}
# The table as the schema-init lab leaves it: the starting point of this lab's migration.
BASE_TABLE = ("CREATE TABLE agents (id SERIAL PRIMARY KEY, name VARCHAR(255) NOT NULL, "
              "model_id VARCHAR(50), status VARCHAR(50) DEFAULT 'initialized', "
              "created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW())")


def start_database(h: Any) -> None:
    start_postgres(h, "06-migrate-validate")
    psql(h, BASE_TABLE)


def columns(h: Any) -> dict[str, str]:
    rows = psql(h, "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = 'agents' ORDER BY ordinal_position")
    return dict(row.split("|", 1) for row in rows)


def _kind(name: str) -> str | None:
    if "validat" in name:
        return "validate"
    if "migrat" in name:
        return "migrate"
    return None


def _rendered(h: Any, kind: str) -> dict[str, Any] | None:
    jobs = hook_jobs(rendered_documents(h.render()), "pre-upgrade")
    return next((j for j in jobs if _kind(j["metadata"]["name"]) == kind), None)


@LAB.scenario("upgrade")
def upgrade(h: Any) -> dict[str, Any]:
    start_database(h)
    install = h.helm(f"install {RELEASE} CHART")
    step = h.helm(f"upgrade {RELEASE} CHART")
    return {"h": h, "install": install, "upgrade": step, "columns": columns(h)}


@LAB.scenario("validate-alone")
def validate_alone(h: Any) -> dict[str, Any]:
    """The validation Job against a database the migration never touched."""
    start_database(h)
    job = _rendered(h, "validate")
    if job is None:
        return {"problem": "no pre-upgrade hook Job whose name contains 'validate' is rendered"}
    return {"run": run_job(h, job, "validate-alone")}


@LAB.scenario("migrate-twice")
def migrate_twice(h: Any) -> dict[str, Any]:
    start_database(h)
    job = _rendered(h, "migrate")
    if job is None:
        return {"problem": "no pre-upgrade hook Job whose name contains 'migrate' is rendered"}
    runs = []
    for number in (1, 2):
        runs.append(run_job(h, job, f"migrate-run-{number}"))
        runs[-1]["columns"] = columns(h)
    return {"runs": runs}


@LAB.scenario("render")
def render(h: Any) -> dict[str, Any]:
    return {"result": h.render()}


def _upgraded(ctx: Any) -> tuple[dict[str, Any] | None, str | None]:
    return scenario_after(ctx, "upgrade", "install", "upgrade")


@LAB.check("order", points=3, title="The migration runs before the validation",
           hint='Both Jobs are "helm.sh/hook": "pre-upgrade"; Helm runs them by ascending '
                'weight, so give the migration "-5" and the validation "5" (quoted strings).')
def order(ctx: Any) -> str | None:
    run, problem = _upgraded(ctx)
    if problem or run is None:
        return problem
    names = run["h"].hook_names(run["upgrade"], "pre-upgrade")
    kinds = [k for k in (_kind(n) for n in names) if k]
    if sorted(kinds) != ["migrate", "validate"]:
        return (f"during `helm upgrade` the pre-upgrade hooks created were {names}; expected "
                "one migrate Job and one validate Job")
    if kinds != ["migrate", "validate"]:
        return f"the pre-upgrade hooks ran in the order {names}: validation ran before the migration"
    return None


@LAB.check("columns-after-upgrade", points=2,
           title="After the upgrade the new columns exist",
           hint="The migration adds embedding_model VARCHAR(100) and parameters JSONB DEFAULT "
                "'{}' to the agents table; run psql with -v ON_ERROR_STOP=1 so that a failing "
                "statement fails the Job.")
def columns_after_upgrade(ctx: Any) -> str | None:
    run, problem = _upgraded(ctx)
    if problem or run is None:
        return problem
    found = run["columns"]
    for column, data_type in NEW_COLUMNS.items():
        if found.get(column) != data_type:
            return (f"after the upgrade the agents table has the columns {list(found)}; "
                    f"expected {column} ({data_type})")
    return None


@LAB.check("validate-blocks", points=3,
           title="The validation fails when the migration did not happen",
           hint="The validate Job must exit non-zero when the columns are missing: `psql -c` "
                "exits 1 on an SQL error, while psql reading a here-document exits 0 unless "
                "-v ON_ERROR_STOP=1 is set.")
def validate_blocks(ctx: Any) -> str | None:
    run = ctx.scenario("validate-alone")
    if "problem" in run:
        return run["problem"]
    if run["run"]["succeeded"]:
        return ("run against a table without embedding_model and parameters, the validate Job "
                "succeeded: it would let an upgrade through without its migration")
    return None


@LAB.check("idempotent", points=2, title="Running the migration twice is safe",
           hint="Use ALTER TABLE ... ADD COLUMN IF NOT EXISTS: a failed upgrade runs the "
                "migration again on the next attempt.")
def idempotent(ctx: Any) -> str | None:
    run = ctx.scenario("migrate-twice")
    if "problem" in run:
        return run["problem"]
    first, second = run["runs"]
    return second_run_problem(first, second, "migration Job", "columns")
