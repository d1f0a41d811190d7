"""Hidden checks of the cache-bust lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("not-on-install", points=1, hidden=True,
               title="The cache is left alone on install",
               hint="The flush is a post-upgrade hook only: a fresh install has no stale cache, "
                    "and the cache may be shared with other releases.")
    def not_on_install(ctx: Any) -> str | None:
        run = ctx.scenario("upgrade")
        names = [n for n in run["h"].hook_names(run["install"])
                 if any(w in n for w in ("cache", "bust", "flush"))]
        if names:
            return f"`helm install` already ran {names}: the hook is annotated for install too"
        if run["after_install"] == 0:
            return "the cache was emptied by `helm install`"
        return None

    @lab.check("bounded-retries", points=1, hidden=True,
               title="The flush Job gives up quickly",
               hint="Set backoffLimit to 0 or 1: retrying a flush six times delays the failure "
                    "report by minutes.")
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
