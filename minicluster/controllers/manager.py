"""Wires the reconcilers to the API server's watch and owns the few adapters they share."""

from __future__ import annotations

from typing import Any

from minicluster.controllers.base import Controller
from minicluster.controllers.cronjob import CronJobController
from minicluster.controllers.daemonset import DaemonSetController
from minicluster.controllers.deployment import DeploymentController
from minicluster.controllers.endpoints import EndpointsController
from minicluster.controllers.job import JobController
from minicluster.controllers.kubelet import Kubelet
from minicluster.controllers.replicaset import ReplicaSetController
from minicluster.controllers.scheduler import Scheduler
from minicluster.controllers.statefulset import StatefulSetController
from minicluster.controllers.ttl import TtlAfterFinishedController
from minicluster.controllers.volumes import PersistentVolumeController
from minicluster.core.errors import MiniclusterError


class ControllerManager:
    """The controllers of the cluster. Watch events reach the kubelet first, then every
    reconciler in a fixed order; each only queues work on the clock."""

    def __init__(self, api: Any, clock: Any, rand: Any, runtime: Any) -> None:
        self.api = api
        self.clock = clock
        self.rand = rand
        self.runtime = runtime
        if getattr(runtime, "clock", False) is None:
            runtime.clock = clock  # a test runtime built before the cluster's clock existed
        self.kubelet = Kubelet(self)
        self.scheduler = Scheduler(self)
        self.jobs = JobController(self)
        self.ttl = TtlAfterFinishedController(self)
        self.deployments = DeploymentController(self)
        self.replicasets = ReplicaSetController(self)
        self.statefulsets = StatefulSetController(self)
        self.daemonsets = DaemonSetController(self)
        self.endpoints = EndpointsController(self)
        self.cronjobs = CronJobController(self)
        self.volumes = PersistentVolumeController(self)
        self.controllers: list[Controller] = [
            self.scheduler,
            self.jobs,
            self.ttl,
            self.deployments,
            self.replicasets,
            self.statefulsets,
            self.daemonsets,
            self.endpoints,
            self.cronjobs,
            self.volumes,
        ]
        self._unsubscribe = api.watch(self._on_event)

    def _on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        if obj.get("kind") == "Event":
            return
        self.kubelet.on_event(event_type, obj, old)
        for controller in self.controllers:
            controller.on_event(event_type, obj, old)

    def close(self) -> None:
        self._unsubscribe()

    # -- adapters over the API server ----------------------------------------------------------
    def record_event(
        self,
        involved: dict[str, Any],
        type_: str,
        reason: str,
        message: str,
        component: str,
        host: str | None = None,
        field_path: str | None = None,
    ) -> None:
        try:
            self.api.record_event(
                involved, type_, reason, message, component, host=host, field_path=field_path
            )
        except MiniclusterError:
            # client-go's recorder drops an event it cannot write (a namespace being deleted,
            # an object already gone): events never fail the work that records them.
            pass

    def finish_pod_deletion(self, namespace: str, name: str, uid: str) -> None:
        """The kubelet's last word on a deleted pod: remove it now that nothing runs."""
        pod = self.api.try_get("Pod", name, namespace)
        if pod is None or (pod.get("metadata") or {}).get("uid") != uid:
            return
        try:
            self.api.delete("Pod", name, namespace, grace_period_seconds=0)
        except MiniclusterError:
            pass
