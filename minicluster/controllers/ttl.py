"""The TTL-after-finished controller: deletes finished Jobs ttlSecondsAfterFinished after they
finished (pkg/controller/ttlafterfinished), with Foreground propagation so pods go first."""

from __future__ import annotations

from typing import Any

from minicluster.controllers.base import Controller, Key, key_of
from minicluster.controllers.podutil import condition
from minicluster.core.errors import MiniclusterError


class TtlAfterFinishedController(Controller):
    """Deletes finished Jobs ttlSecondsAfterFinished after they finished (Foreground)."""

    name = "ttl-after-finished-controller"

    def expire_at(self, job: dict[str, Any], when: float) -> None:
        self.enqueue_after(key_of(job), max(0.0, when - self.clock.now()))

    def sync(self, key: Key) -> None:
        namespace, name = key
        job = self.api.try_get("Job", name, namespace)
        if job is None or (job.get("metadata") or {}).get("deletionTimestamp"):
            return
        ttl = (job.get("spec") or {}).get("ttlSecondsAfterFinished")
        finished = condition(job, "Complete") or condition(job, "Failed")
        if ttl is None or finished is None or finished.get("status") != "True":
            return
        due = self.clock.parse_timestamp(finished["lastTransitionTime"]) + float(ttl)
        if due - self.clock.now() > 1e-6:
            self.enqueue_after(key, due - self.clock.now())
            return
        try:
            self.api.delete("Job", name, namespace, propagation="Foreground")
        except MiniclusterError:
            pass
