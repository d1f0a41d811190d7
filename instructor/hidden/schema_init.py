"""Hidden checks of the schema-init lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("password-from-secret", points=1, hidden=True,
               title="The password comes from the Secret",
               hint="Set PGPASSWORD with valueFrom.secretKeyRef (name from "
                    ".Values.postgres.secretName, key password); never write it in the chart.")
    def password_from_secret(ctx: Any) -> str | None:
        from minicluster.grading.labs.common import hook_jobs, rendered_documents

        jobs = hook_jobs(rendered_documents(ctx.scenario("render")["enabled"]))
        if not jobs:
            return "no hook Job is rendered"
        containers = jobs[0]["spec"]["template"]["spec"].get("containers") or []
        for container in containers:
            for env in container.get("env") or []:
                if env.get("name") == "PGPASSWORD":
                    ref = (env.get("valueFrom") or {}).get("secretKeyRef") or {}
                    if ref.get("name") == "agents-db" and ref.get("key") == "password":
                        return None
                    return "PGPASSWORD is not read from the Secret agents-db (key password)"
        return "the Job sets no PGPASSWORD: the database refuses the connection"

    @lab.check("weight-first", points=1, hidden=True,
               title="The schema hook has a low weight",
               hint='A schema Job should run before other pre-install hooks: weight "-10".')
    def weight_first(ctx: Any) -> str | None:
        from minicluster.grading.labs.common import hook_jobs, rendered_documents

        jobs = hook_jobs(rendered_documents(ctx.scenario("render")["enabled"]))
        if not jobs:
            return "no hook Job is rendered"
        weight = jobs[0]["metadata"]["annotations"].get("helm.sh/hook-weight", "0")
        try:
            if int(str(weight)) < 0:
                return None
        except ValueError:
            pass
        return f"the schema hook's weight is {weight!r}; give it a negative weight such as \"-10\""
