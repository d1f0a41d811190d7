"""Image pulls as the kubelet's image manager does them: pull policies, serialized pulls, the
Pulling/Pulled events, and ErrImagePull -> ImagePullBackOff with the doubling back-off."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minicluster.controllers import messages as msg
from minicluster.controllers.backoff import image_pull_delay
from minicluster.controllers.images import image_size, pull_error
from minicluster.controllers.podutil import default_pull_policy
from minicluster.controllers.podworker import ContainerRun, PodWorker

if TYPE_CHECKING:
    from minicluster.controllers.kubelet import Kubelet

# The kubelet notices a failed pull's back-off state at its next sync, about a second later.
RELIST_SECONDS = 1.0
# The pod worker re-syncs a pod whose last sync failed after this long.
SYNC_RETRY_SECONDS = 10.0


class ImagePuller:
    def __init__(self, kubelet: Kubelet) -> None:
        self.kubelet = kubelet

    def ensure(self, worker: PodWorker, c: ContainerRun, then: Callable[[bool], None]) -> None:
        image = c.spec.get("image", "")
        policy = c.spec.get("imagePullPolicy") or default_pull_policy(image)
        present = image in self.kubelet.images.present
        if policy == "Never" or (policy == "IfNotPresent" and present):
            if present:
                self.kubelet.event(
                    worker, c, "Normal", "Pulled", msg.ALREADY_PRESENT.format(image=image)
                )
                then(True)
                return
            text = msg.NEVER_PULL.format(image=image)
            self.kubelet.event(worker, c, "Warning", "ErrImageNeverPull", text)
            c.state = {"waiting": {"reason": "ErrImageNeverPull", "message": text}}
            self.kubelet.write_status(worker)
            then(False)
            return
        requested = self.kubelet.clock.now()
        self.kubelet.event(worker, c, "Normal", "Pulling", msg.PULLING.format(image=image))
        plan = self.kubelet.images.plan_pull(image, requested)
        # Pulls that retry a failed pull, or restart a crash loop nobody waits for, are part
        # of an endless cycle: they must not keep the cluster busy.
        endless = c.pull_failures > 0 or (
            c.restart_count > 0 and not self.kubelet.job_owned(worker)
        )
        self.kubelet.later(
            worker,
            plan.end - requested,
            self._pulled,
            worker,
            c,
            plan,
            requested,
            then,
            background=endless,
        )

    def _pulled(
        self,
        worker: PodWorker,
        c: ContainerRun,
        plan: Any,
        requested: float,
        then: Callable[[bool], None],
    ) -> None:
        image = c.spec.get("image", "")
        if plan.known:
            self.kubelet.images.present.add(image)
            c.pull_failures = 0
            pull, total = plan.durations(requested)
            text = msg.PULLED.format(
                image=image, pull=pull, total=total, size=image_size(self.kubelet.runtime, image)
            )
            self.kubelet.event(worker, c, "Normal", "Pulled", text)
            then(True)
            return
        c.pull_failures += 1
        error = pull_error(self.kubelet.runtime, image)
        self.kubelet.event(
            worker, c, "Warning", "Failed", msg.FAILED_TO_PULL.format(image=image, error=error)
        )
        self.kubelet.event(
            worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason="ErrImagePull")
        )
        c.state = {"waiting": {"reason": "ErrImagePull", "message": error}}
        self.kubelet.write_status(worker)
        # The first switch to ImagePullBackOff is part of what a user waits to see; the
        # retries after it go on forever and must not keep the cluster busy.
        self.kubelet.later(
            worker, RELIST_SECONDS, self._image_backoff, worker, c, background=c.pull_failures > 1
        )
        then(False)

    def _image_backoff(self, worker: PodWorker, c: ContainerRun, due: float | None = None) -> None:
        """A sync inside the pull back-off window: BackOff and Failed again; the pull is
        retried once the window (10 s doubling, from the failure) has passed."""
        if worker.stopping:
            return
        now = self.kubelet.clock.now()
        if due is None:
            due = now - RELIST_SECONDS + image_pull_delay(c.pull_failures)
        if due - now <= 1e-6:
            self._retry_pull(worker, c)
            return
        image = c.spec.get("image", "")
        text = msg.BACKOFF_PULLING.format(image=image)
        self.kubelet.event(worker, c, "Normal", "BackOff", text)
        self.kubelet.event(
            worker, c, "Warning", "Failed", msg.ERROR_REASON.format(reason="ImagePullBackOff")
        )
        c.state = {"waiting": {"reason": "ImagePullBackOff", "message": text}}
        self.kubelet.write_status(worker)
        # The pod worker re-syncs a failed pod every 10 s until the window has passed.
        self.kubelet.later(
            worker,
            min(due - now, SYNC_RETRY_SECONDS),
            self._image_backoff,
            worker,
            c,
            due,
            background=True,
        )

    def _retry_pull(self, worker: PodWorker, c: ContainerRun) -> None:
        if worker.stopping:
            return
        c.busy = False
        if c.init:
            self.kubelet.advance(worker)
        else:
            c.busy = False
            self.kubelet.start_sequence(worker, [c])
