"""Hidden checks of the migrate-validate lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("password-from-secret", points=1, hidden=True,
               title="Both Jobs read the password from the Secret",
               hint="Set PGPASSWORD with valueFrom.secretKeyRef (name from "
                    ".Values.postgres.secretName, key password) in each Job.")
    def password_from_secret(ctx: Any) -> str | None:
        from minicluster.grading.labs.common import hook_jobs, rendered_documents

        jobs = hook_jobs(rendered_documents(ctx.scenario("render")["result"]), "pre-upgrade")
        if not jobs:
            return "no pre-upgrade hook Job is rendered"
        for job in jobs:
            containers = job["spec"]["template"]["spec"].get("containers") or []
            env = [e for c in containers for e in c.get("env") or []
                   if e.get("name") == "PGPASSWORD"]
            ref = ((env[0].get("valueFrom") or {}).get("secretKeyRef") or {}) if env else {}
            if ref.get("name") != "agents-db" or ref.get("key") != "password":
                return (f"Job {job['metadata']['name']}: PGPASSWORD is not read from the "
                        "Secret agents-db (key password)")
        return None

    @lab.check("not-on-install", points=1, hidden=True,
               title="Migration and validation run on upgrades only",
               hint="Both Jobs are pre-upgrade hooks: a fresh install has nothing to migrate.")
    def not_on_install(ctx: Any) -> str | None:
        run = ctx.scenario("upgrade")
        names = [n for n in run["h"].hook_names(run["install"])
                 if "migrat" in n or "validat" in n]
        if names:
            return f"`helm install` already ran {names}: they are annotated for install too"
        return None
