"""Hidden checks of the intentional-failure lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("not-on-install", points=1, hidden=True,
               title="The failing check runs on upgrades only",
               hint="The Job is a pre-upgrade hook: an install should not run it.")
    def not_on_install(ctx: Any) -> str | None:
        run = ctx.scenario("passing-upgrade")
        names = [n for n in run["h"].hook_names(run["install"])
                 if "debug" in n or "fail" in n]
        if names:
            return f"`helm install` already ran {names}: the hook is annotated for install too"
        return None

    @lab.check("fails-fast", points=1, hidden=True,
               title="The failing hook Job is not retried",
               hint="Set backoffLimit: 0: a hook that fails on purpose should fail at once, not "
                    "after six retries with growing delays.")
    def fails_fast(ctx: Any) -> str | None:
        from minicluster.grading.labs.common import hook_jobs, rendered_documents

        jobs = hook_jobs(rendered_documents(ctx.scenario("render")["failing"]), "pre-upgrade")
        if not jobs:
            return "no pre-upgrade hook Job is rendered"
        for job in jobs:
            limit = (job.get("spec") or {}).get("backoffLimit")
            if limit is None or limit > 1:
                return (f"Job {job['metadata']['name']} has backoffLimit {limit} "
                        "(Kubernetes defaults to 6)")
        return None
