"""Hidden checks of the three-step-sequence lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("not-on-install", points=1, hidden=True,
               title="The sequence runs on upgrades only",
               hint="The three Jobs are pre-upgrade hooks; a fresh install has nothing to back "
                    "up or migrate.")
    def not_on_install(ctx: Any) -> str | None:
        run = ctx.scenario("upgrade")
        names = run["h"].hook_names(run["install"])
        steps = [n for n in names if any(s in n for s in ("backup", "migrate", "verify"))]
        if steps:
            return f"`helm install` already ran {steps}: they are annotated for install too"
        return None

    @lab.check("bounded-retries", points=1, hidden=True,
               title="Each hook Job gives up quickly",
               hint="Set backoffLimit to 0 or 1 on hook Jobs: a failing step should fail the "
                    "upgrade fast instead of retrying six times with growing delays.")
    def bounded_retries(ctx: Any) -> str | None:
        from minicluster.grading.labs.common import hook_jobs, rendered_documents

        docs = rendered_documents(ctx.scenario("render")["result"])
        for job in hook_jobs(docs, "pre-upgrade"):
            limit = (job.get("spec") or {}).get("backoffLimit")
            if limit is None or limit > 1:
                return (f"Job {job['metadata']['name']} has backoffLimit {limit} "
                        "(Kubernetes defaults to 6)")
        return None
