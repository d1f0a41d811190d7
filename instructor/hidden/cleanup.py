"""Hidden checks of the cleanup lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("no-leftovers", points=1, hidden=True,
               title="No Job of an earlier run is left behind",
               hint="Keep the hook's name stable (no .Release.Revision in it): "
                    "before-hook-creation only replaces an object of the same name.")
    def no_leftovers(ctx: Any) -> str | None:
        run = ctx.scenario("failure-then-retry")
        if run["retry"].result.exit_code != 0:
            return None  # the rerun-after-failure check reports a failed retry
        current = set(run["h"].hook_names(run["retry"]))
        old = [name for name in run["retry"].jobs
               if ("cleanup" in name or "work" in name) and name not in current]
        if old:
            return f"after the successful upgrade the Job {old[0]} of the failed run is still there"
        return None

    @lab.check("bounded-retries", points=1, hidden=True,
               title="The hook Job gives up quickly",
               hint="Set backoffLimit to 0 or 1 so a failing hook fails fast.")
    def bounded_retries(ctx: Any) -> str | None:
        from minicluster.grading.labs.common import hook_jobs, rendered_documents

        jobs = hook_jobs(rendered_documents(ctx.scenario("render")["result"]))
        if not jobs:
            return "no hook Job is rendered"
        for job in jobs:
            limit = (job.get("spec") or {}).get("backoffLimit")
            if limit is None or limit > 1:
                return (f"Job {job['metadata']['name']} has backoffLimit {limit} "
                        "(Kubernetes defaults to 6)")
        return None
