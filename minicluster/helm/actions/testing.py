"""`helm test` (helm-hooks-semantics.md section 8.5; pkg/action/release_testing.go).

Runs the `test` hooks of the newest revision, whatever its status, stores their last runs and
never changes the release status. Helm 4 (4.1+) defers the hook deletions until status and logs
are printed; Helm 3 deletes first, so `--logs` may find the pod gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg
from minicluster.helm.actions.base import ActionConfig, ActionError, validate_name
from minicluster.helm.kube import LEGACY, WATCHER
from minicluster.helm.manifests import TEST, execution_order
from minicluster.helm.release import Release

_NOT_NAME = re.compile(r"^!\s?name=")


@dataclass
class TestOptions:
    name: str
    timeout: float = 300.0
    filters: list[str] = field(default_factory=list)


@dataclass
class TestOutcome:
    release: Release | None
    error: str | None
    shutdown: Callable[[], str | None]
    include: list[str]
    exclude: list[str]


def parse_filters(filters: list[str]) -> tuple[list[str], list[str]]:
    include, exclude = [], []
    for item in filters:
        if item.startswith("name="):
            include.append(item[len("name="):])
        elif _NOT_NAME.match(item):
            exclude.append(_NOT_NAME.sub("", item))
    return include, exclude


def run_tests(cfg: ActionConfig, opts: TestOptions) -> TestOutcome:
    if validate_name(opts.name) is not None:
        raise ActionError(f"releaseTest: Release name is invalid: {opts.name}")
    history = cfg.storage.history(opts.name)
    if not history:
        raise ActionError(msg.RELEASE_NOT_FOUND)
    rel = history[-1]
    include, exclude = parse_filters(opts.filters)
    skipped = []
    if exclude:
        skipped = [h for h in rel.hooks if h.name in exclude]
        rel.hooks = [h for h in rel.hooks if h.name not in exclude]
    if include:
        skipped += [h for h in rel.hooks if h.name not in include]
        rel.hooks = [h for h in rel.hooks if h.name in include]
    strategy = WATCHER if cfg.helm_version >= 4 else LEGACY
    engine = cfg.hook_engine(strategy, opts.timeout, server_side=rel.apply_method == "ssa")
    shutdown, error = engine.execute_deferred(rel, TEST)
    if cfg.helm_version < 4:
        # Helm 3 runs the hook deletions inside the hook run, before any log is read.
        shutdown_error = shutdown()
        if shutdown_error is not None:
            error = shutdown_error
        shutdown = _nothing
    rel.hooks = skipped + rel.hooks
    try:
        cfg.storage.update(rel)
    except MiniclusterError as exc:
        if error is None:
            error = exc.message
    return TestOutcome(rel, error, shutdown, include, exclude)


def _nothing() -> str | None:
    return None


def pod_logs(cfg: ActionConfig, outcome: TestOutcome) -> tuple[str, str | None]:
    """The `--logs` text for every test hook in weight/name order, and the first error."""
    rel = outcome.release
    assert rel is not None
    out: list[str] = []
    kubelet = getattr(getattr(cfg.cluster, "controllers", None), "kubelet", None)
    for hook in execution_order(rel.hooks, TEST):
        if hook.name in outcome.exclude or (outcome.include and hook.name not in outcome.include):
            continue
        pod = cfg.cluster.api.try_get("Pod", hook.name, cfg.namespace)
        if pod is None:
            return "".join(out), (f"unable to get pod {hook.name}: "
                                  f'pods "{hook.name}" not found')
        containers = (pod.get("spec") or {}).get("containers") or []
        if cfg.helm_version >= 4:
            containers = ((pod.get("spec") or {}).get("initContainers") or []) + containers
        else:
            containers = containers[:1]
        for container in containers:
            lines = kubelet.logs(cfg.namespace, hook.name, container["name"]) if kubelet else []
            text = "".join(line.text + "\n" for line in lines)
            header = (f"POD LOGS: {hook.name} ({container['name']})" if cfg.helm_version >= 4
                      else f"POD LOGS: {hook.name}")
            out.append(f"{header}\n{text}\n")
    return "".join(out), None
