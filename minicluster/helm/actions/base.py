"""What every release action shares: storage, kube client, the hook engine, the record.

An action raises `ActionError` with Helm's error text (without the CLI's `Error: ` and without
the command's `INSTALLATION FAILED: ` prefix, which the command adds) and keeps the in-memory
release so that `helm test` can still print its status block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg
from minicluster.helm.hooks import HookEngine, HookRun
from minicluster.helm.kube import HOOK_ONLY, LEGACY, WATCHER, KubeClient
from minicluster.helm.release import Release
from minicluster.helm.storage import ReleaseStorage

_VALID_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
INVALID_NAME = ("invalid release name, must match regex "
                "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ "
                "and the length must not be longer than 53")


class ActionError(MiniclusterError):
    def __init__(self, message: str, release: Release | None = None) -> None:
        super().__init__(message)
        self.release = release


@dataclass
class ActionRecord:
    """What one helm action did, for the timeline and the graders (never printed)."""

    action: str
    release: str
    namespace: str
    started_at: float
    finished_at: float | None = None
    revision: int | None = None
    status: str | None = None
    hooks: list[HookRun] = field(default_factory=list)
    created: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, namespace, name)
    updated: list[tuple[str, str, str]] = field(default_factory=list)
    deleted: list[tuple[str, str, str]] = field(default_factory=list)
    error: str | None = None

    def hook_order(self, event: str | None = None) -> list[str]:
        return [h.name for h in self.hooks if event is None or h.event == event]


def validate_name(name: str) -> str | None:
    if name == "":
        return "no name provided"
    if len(name) > 53 or not _VALID_NAME.match(name):
        return INVALID_NAME
    return None


class ActionConfig:
    """Helm's action.Configuration for one command run against one cluster."""

    def __init__(self, cluster: Any, namespace: str | None, helm_version: int, action: str,
                 release: str) -> None:
        self.cluster = cluster
        # None only for `helm list -A`, whose storage view spans every namespace.
        self.namespace: str = namespace or "default"
        self.helm_version = helm_version
        self.clock = cluster.clock
        self.storage = ReleaseStorage(cluster, namespace, helm_version)
        self.kube = KubeClient(cluster, namespace or "default", helm_version)
        self.stderr: list[str] = []  # diagnostics in the order Helm prints them
        self.record = ActionRecord(action, release, namespace or "", cluster.clock.now())

    @property
    def epoch(self) -> Any:
        return self.clock.epoch

    def now(self) -> float:
        return self.clock.now()

    def log(self, level: str, text: str, **attrs: str) -> None:
        """A slog record as Helm 4's CLI prints it (Helm 3 prints nothing for these)."""
        if self.helm_version >= 4:
            self.stderr.append(msg.slog_line(level, text, **attrs) + "\n")

    def record_release(self, rel: Release) -> None:
        """cfg.recordRelease: a storage Update whose failure is only logged."""
        try:
            self.storage.update(rel)
        except MiniclusterError:
            pass

    def hook_engine(self, strategy: str, timeout: float, server_side: bool) -> HookEngine:
        engine = HookEngine(self.kube, self.record_release, helm_version=self.helm_version,
                            strategy=strategy, timeout=timeout, server_side=server_side,
                            stderr=self.stderr, runs=self.record.hooks)
        return engine

    def finish(self, rel: Release | None, error: str | None = None) -> ActionRecord:
        self.record.finished_at = self.now()
        if rel is not None:
            self.record.revision = rel.version
            self.record.status = rel.status
        self.record.error = error
        return self.record


def wait_strategy(helm_version: int, raw: str | None, rollback_on_failure: bool,
                  warnings: list[str]) -> str:
    """The effective wait strategy of an action from its `--wait` flag.

    Helm 3's `--wait` is a boolean about manifest resources only; it maps to LEGACY (wait) or
    HOOK_ONLY (no manifest wait). `--atomic` implies `--wait` there."""
    if helm_version < 4:
        wanted = raw not in (None, "", "false") or rollback_on_failure
        return LEGACY if wanted else HOOK_ONLY
    value = raw or HOOK_ONLY
    if value == "true":
        warnings.append(msg.slog_line(
            "WARN", "--wait=true is deprecated (boolean value) and can be replaced with "
            "--wait=watcher") + "\n")
        value = WATCHER
    elif value == "false":
        warnings.append(msg.slog_line(
            "WARN", "--wait=false is deprecated (boolean value) and can be replaced with "
            "--wait=hookOnly") + "\n")
        value = HOOK_ONLY
    if value not in (WATCHER, HOOK_ONLY, LEGACY):
        raise ActionError(f'invalid argument "{value}" for "--wait" flag: invalid wait input '
                          f'"{value}". Valid inputs are watcher, hookOnly, and legacy')
    if value == HOOK_ONLY and rollback_on_failure:
        value = WATCHER
    return value
