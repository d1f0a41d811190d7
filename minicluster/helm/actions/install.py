"""`helm install` (helm-hooks-semantics.md section 8.1; pkg/action/install.go)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg
from minicluster.helm.actions import chartio
from minicluster.helm.actions.base import ActionConfig, ActionError, validate_name
from minicluster.helm.hooks import HookError
from minicluster.helm.kube import (
    HOOK_ONLY,
    KubeError,
    WaitError,
    create_all,
    identity,
    ownership_error,
    set_release_metadata,
    update_all,
)
from minicluster.helm.manifests import POST_INSTALL, PRE_INSTALL
from minicluster.helm.release import (
    DEPLOYED,
    FAILED,
    PENDING_INSTALL,
    SUPERSEDED,
    UNINSTALLED,
    UNKNOWN,
    Release,
)
from minicluster.helm.storage import SYSTEM_LABELS


@dataclass
class InstallOptions:
    name: str
    chart: Any
    values: dict[str, Any] = field(default_factory=dict)
    no_hooks: bool = False
    timeout: float = 300.0
    wait: str = HOOK_ONLY  # effective strategy (see base.wait_strategy)
    wait_for_jobs: bool = False
    rollback_on_failure: bool = False
    replace: bool = False
    create_namespace: bool = False
    dry_run: bool = False
    description: str = ""
    server_side: bool = True
    labels: dict[str, str] = field(default_factory=dict)
    take_ownership: bool = False


def reserved_labels_error() -> str:
    return ("user supplied labels contains system reserved label name. System labels: "
            f"[{' '.join(SYSTEM_LABELS)}]")


def resource_label(obj: dict[str, Any]) -> str:
    kind, ns, name = identity(obj)
    return f'{kind} "{name}" in namespace "{ns}"'


def existing_conflicts(cfg: ActionConfig, objs: list[dict[str, Any]], name: str,
                       namespace: str, take_ownership: bool = False) -> list[dict[str, Any]]:
    """Objects that already exist and belong to this release (to adopt); raise for others.
    With --take-ownership every existing object is adopted, whoever owned it."""
    adopt = []
    for obj in objs:
        live = cfg.kube.get(obj)
        if live is None:
            continue
        problem = None if take_ownership else ownership_error(live, name, namespace)
        if problem is not None:
            raise ActionError(f"{resource_label(obj)} exists and cannot be imported into the "
                              f"current release: {problem}")
        adopt.append(obj)
    return adopt


def _available_name(cfg: ActionConfig, opts: InstallOptions) -> None:
    problem = validate_name(opts.name)
    if problem is not None:
        text = f'release name "{opts.name}": {problem}'
        cfg.log("ERROR", "release name check failed", error=text)
        raise ActionError(f"release name check failed: {text}" if cfg.helm_version >= 4 else text)
    if opts.dry_run:
        return
    history = cfg.storage.history(opts.name)
    if not history:
        return
    if opts.replace and history[-1].status in (UNINSTALLED, FAILED):
        return
    text = "cannot reuse a name that is still in use"
    cfg.log("ERROR", "release name check failed", error=text)
    raise ActionError(msg.name_in_use(cfg.helm_version))


def install(cfg: ActionConfig, opts: InstallOptions) -> Release:
    _available_name(cfg, opts)
    strategy = opts.wait
    server_side = opts.server_side and cfg.helm_version >= 4
    if any(key in SYSTEM_LABELS for key in opts.labels):
        raise ActionError(reserved_labels_error())
    rendered = chartio.render(_ctx(cfg), opts.chart, opts.values, release_name=opts.name,
                              namespace=cfg.namespace, revision=1, is_install=True,
                              is_upgrade=False)
    cfg.stderr.extend(line + "\n" for line in rendered.log)
    now = cfg.now()
    rel = Release(name=opts.name, namespace=cfg.namespace, version=1, status=UNKNOWN,
                  first_deployed=now, last_deployed=now, chart=chartio.chart_json(opts.chart),
                  config=opts.values, manifest=rendered.manifest, hooks=rendered.hooks,
                  notes=rendered.notes, labels=dict(opts.labels),
                  apply_method=("ssa" if server_side else "csa") if cfg.helm_version >= 4 else "")
    rel.status, rel.description = PENDING_INSTALL, msg.INSTALL_UNDERWAY
    try:
        resources = cfg.kube.build(rel.manifest)
    except KubeError as exc:
        raise ActionError(f"unable to build kubernetes objects from release manifest: {exc.message}",
                          rel) from None
    for obj in resources:
        set_release_metadata(obj, rel.name, rel.namespace)
    adopt: list[dict[str, Any]] = []
    if not opts.dry_run and resources:
        try:
            adopt = existing_conflicts(cfg, resources, rel.name, rel.namespace,
                                       opts.take_ownership)
        except ActionError as exc:
            prefix = ("unable to continue with install: " if cfg.helm_version >= 4 else
                      "rendered manifests contain a resource that already exists. "
                      "Unable to continue with install: ")
            raise ActionError(prefix + exc.message, rel) from None
    if opts.dry_run:
        rel.description = msg.DRY_RUN_COMPLETE
        return rel
    if opts.create_namespace:
        _create_namespace(cfg, server_side)
    if opts.replace:
        _replace(cfg, rel)
    try:
        cfg.storage.create(rel, history_max=0)
    except MiniclusterError as exc:
        raise ActionError(f"create: failed to create: {exc.message}", rel) from None
    try:
        _perform(cfg, opts, rel, resources, adopt, strategy, server_side)
    except ActionError as exc:
        return _fail(cfg, opts, rel, exc.message, strategy)
    return rel


def _ctx(cfg: ActionConfig) -> Any:
    from minicluster.helm.context import HelmContext

    return HelmContext(cluster=cfg.cluster, namespace=cfg.namespace,
                       helm_version=cfg.helm_version)


def _create_namespace(cfg: ActionConfig, server_side: bool) -> None:
    obj = {"apiVersion": "v1", "kind": "Namespace",
           "metadata": {"name": cfg.namespace, "labels": {"name": cfg.namespace}}}
    if cfg.cluster.api.try_get("Namespace", cfg.namespace, "") is not None:
        return
    try:
        cfg.kube.create(obj, server_side=False)
    except MiniclusterError as exc:
        if getattr(exc, "reason", "") != "AlreadyExists":
            raise ActionError(exc.message) from None


def _replace(cfg: ActionConfig, rel: Release) -> None:
    history = cfg.storage.history(rel.name)
    if not history:
        return
    last = history[-1]
    rel.version = last.version + 1
    if last.status == FAILED:
        return
    last.status, last.description = SUPERSEDED, msg.SUPERSEDED_BY_NEW
    cfg.record_release(last)


def _perform(cfg: ActionConfig, opts: InstallOptions, rel: Release,
             resources: list[dict[str, Any]], adopt: list[dict[str, Any]], strategy: str,
             server_side: bool) -> None:
    engine = cfg.hook_engine(strategy, opts.timeout, server_side)
    if not opts.no_hooks:
        try:
            engine.execute(rel, PRE_INSTALL)
        except HookError as exc:
            raise ActionError(msg.failed_hook_phase(PRE_INSTALL, exc.message)) from None
    if not adopt and resources:
        try:
            create_all(cfg.kube, resources, server_side)
        except KubeError as exc:
            raise ActionError(exc.message) from None
        cfg.record.created.extend(identity(o) for o in resources)
    elif resources:
        result, error = update_all(cfg.kube, adopt, resources, server_side, cfg.stderr)
        cfg.record.created.extend(identity(o) for o in result.created)
        cfg.record.updated.extend(identity(o) for o in result.updated)
        if error is not None:
            raise ActionError(error)
    try:
        cfg.kube.wait(resources, opts.timeout, strategy, opts.wait_for_jobs)
    except WaitError as exc:
        raise ActionError(exc.message) from None
    if not opts.no_hooks:
        try:
            engine.execute(rel, POST_INSTALL)
        except HookError as exc:
            raise ActionError(msg.failed_hook_phase(POST_INSTALL, exc.message)) from None
    rel.status = DEPLOYED
    rel.description = opts.description or msg.INSTALL_COMPLETE
    cfg.record_release(rel)


def _fail(cfg: ActionConfig, opts: InstallOptions, rel: Release, error: str,
          strategy: str) -> Release:
    rel.status = FAILED
    rel.description = msg.release_failed(opts.name, error)
    if opts.rollback_on_failure:
        from minicluster.helm.actions.uninstall import UninstallOptions, uninstall

        try:
            uninstall(cfg, UninstallOptions(opts.name, no_hooks=opts.no_hooks,
                                            keep_history=False, timeout=opts.timeout,
                                            wait=strategy))
        except ActionError as exc:
            raise ActionError(msg.atomic_uninstall_failed(error, exc.message), rel) from None
        raise ActionError(msg.uninstalled_due_to_flag(opts.name, error, cfg.helm_version), rel)
    cfg.record_release(rel)
    raise ActionError(error, rel)
