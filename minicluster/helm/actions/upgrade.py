"""`helm upgrade` (helm-hooks-semantics.md section 8.2; pkg/action/upgrade.go)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minicluster.helm import messages as msg
from minicluster.helm.actions import chartio
from minicluster.helm.actions.base import ActionConfig, ActionError
from minicluster.helm.actions.install import _ctx, reserved_labels_error, resource_label
from minicluster.helm.hooks import HookError
from minicluster.helm.kube import (
    HOOK_ONLY,
    KubeError,
    WaitError,
    identity,
    ownership_error,
    set_release_metadata,
    update_all,
)
from minicluster.helm.manifests import POST_UPGRADE, PRE_UPGRADE
from minicluster.helm.release import (
    DEPLOYED,
    FAILED,
    PENDING,
    PENDING_UPGRADE,
    SUPERSEDED,
    Release,
)
from minicluster.helm.storage import DEFAULT_HISTORY_MAX, SYSTEM_LABELS


@dataclass
class UpgradeOptions:
    name: str
    chart: Any
    values: dict[str, Any] = field(default_factory=dict)
    no_hooks: bool = False
    timeout: float = 300.0
    wait: str = HOOK_ONLY
    wait_for_jobs: bool = False
    rollback_on_failure: bool = False
    cleanup_on_fail: bool = False
    reuse_values: bool = False
    reset_values: bool = False
    reset_then_reuse_values: bool = False
    dry_run: bool = False
    description: str = ""
    history_max: int = DEFAULT_HISTORY_MAX
    server_side: str = "auto"  # "true" | "false" | "auto"
    take_ownership: bool = False
    labels: dict[str, str] = field(default_factory=dict)


def _values(opts: UpgradeOptions, current: Release) -> tuple[dict[str, Any], Any]:
    """Helm's reuseValues: which user values the new revision gets, and the chart to render."""
    new, chart = opts.values, opts.chart
    if opts.reset_values:
        return new, chart
    if opts.reuse_values:
        # The new chart is rendered with the old release's computed values as its defaults.
        old_defaults = chartio.coalesce_tables(dict(current.config),
                                               current.chart.get("values") or {})
        chartio.set_chart_values(chart, old_defaults)
        return chartio.coalesce_tables(dict(new), current.config), chart
    if opts.reset_then_reuse_values:
        return chartio.coalesce_tables(dict(new), current.config), chart
    if not new and current.config:
        return dict(current.config), chart
    return new, chart


def _server_side(option: str, previous_method: str, helm_version: int) -> bool:
    if helm_version < 4:
        return False
    if option == "auto":
        return previous_method == "ssa"
    return option == "true"


def upgrade(cfg: ActionConfig, opts: UpgradeOptions) -> Release:
    history = cfg.storage.history(opts.name)
    if not history:
        raise ActionError(msg.no_deployed_releases(opts.name))
    last = history[-1]
    if last.status in PENDING:
        raise ActionError(msg.IN_PROGRESS)
    current = last if last.status == DEPLOYED else next(
        (r for r in reversed(history) if r.status == DEPLOYED), None)
    if current is None:
        if last.status in (FAILED, SUPERSEDED):
            current = last
        else:
            raise ActionError(msg.no_deployed_releases(opts.name))
    values, chart = _values(opts, current)
    if any(key in SYSTEM_LABELS for key in opts.labels):
        raise ActionError(reserved_labels_error())
    revision = last.version + 1
    rendered = chartio.render(_ctx(cfg), chart, values, release_name=opts.name,
                              namespace=current.namespace, revision=revision,
                              is_install=False, is_upgrade=True)
    cfg.stderr.extend(line + "\n" for line in rendered.log)
    server_side = _server_side(opts.server_side, last.apply_method, cfg.helm_version)
    rel = Release(name=opts.name, namespace=current.namespace, version=revision,
                  status=PENDING_UPGRADE, description=msg.PREPARING_UPGRADE,
                  first_deployed=current.first_deployed, last_deployed=cfg.now(),
                  chart=chartio.chart_json(chart), config=values, manifest=rendered.manifest,
                  hooks=rendered.hooks, notes=rendered.notes,
                  labels={**last.labels, **opts.labels},
                  apply_method=("ssa" if server_side else "csa") if cfg.helm_version >= 4 else "")
    try:
        originals = cfg.kube.build(current.manifest)
        targets = cfg.kube.build(rel.manifest)
    except KubeError as exc:
        raise ActionError(f"unable to build kubernetes objects from new release manifest: "
                          f"{exc.message}", rel) from None
    for obj in targets:
        set_release_metadata(obj, rel.name, rel.namespace)
    known = {identity(o) for o in originals}
    for obj in targets:
        if identity(obj) in known:
            continue
        live = cfg.kube.get(obj)
        if live is None:
            continue
        problem = None if opts.take_ownership else ownership_error(live, rel.name, rel.namespace)
        if problem is not None:
            raise ActionError(f"unable to continue with update: {resource_label(obj)} exists and "
                              f"cannot be imported into the current release: {problem}", rel)
        originals.append(live)
    if opts.dry_run:
        rel.description = opts.description or msg.DRY_RUN_COMPLETE
        return rel
    cfg.storage.create(rel, history_max=opts.history_max)
    strategy = opts.wait
    engine = cfg.hook_engine(strategy, opts.timeout, server_side)
    created: list[dict[str, Any]] = []
    try:
        if not opts.no_hooks:
            try:
                engine.execute(rel, PRE_UPGRADE)
            except HookError as exc:
                raise ActionError(msg.failed_hook_phase(PRE_UPGRADE, exc.message)) from None
        result, error = update_all(cfg.kube, originals, targets, server_side, cfg.stderr)
        created = result.created
        cfg.record.created.extend(identity(o) for o in result.created)
        cfg.record.updated.extend(identity(o) for o in result.updated)
        cfg.record.deleted.extend(identity(o) for o in result.deleted)
        if error is not None:
            cfg.record_release(current)
            raise ActionError(error)
        try:
            cfg.kube.wait(targets, opts.timeout, strategy, opts.wait_for_jobs)
        except WaitError as exc:
            cfg.record_release(current)
            raise ActionError(exc.message) from None
        if not opts.no_hooks:
            try:
                engine.execute(rel, POST_UPGRADE)
            except HookError as exc:
                raise ActionError(msg.failed_hook_phase(POST_UPGRADE, exc.message)) from None
    except ActionError as exc:
        return _fail(cfg, opts, rel, created, exc.message, strategy)
    current.status = SUPERSEDED
    cfg.record_release(current)
    rel.status = DEPLOYED
    rel.description = opts.description or msg.UPGRADE_COMPLETE
    cfg.record_release(rel)
    return rel


def _fail(cfg: ActionConfig, opts: UpgradeOptions, rel: Release, created: list[dict[str, Any]],
          error: str, strategy: str) -> Release:
    cfg.log("WARN", "upgrade failed", name=rel.name, error=error)
    rel.status = FAILED
    rel.description = msg.upgrade_failed(rel.name, error)
    cfg.record_release(rel)
    if opts.cleanup_on_fail and created:
        errors = [e for e in (cfg.kube.delete(o) for o in created) if e is not None]
        if errors:
            raise ActionError(msg.cleanup_failed("upgrade", error, errors), rel)
    if opts.rollback_on_failure:
        from minicluster.helm.actions.rollback import RollbackOptions, rollback

        candidates = [r for r in cfg.storage.history(rel.name)
                      if r.status in (SUPERSEDED, DEPLOYED)]
        if not candidates:
            raise ActionError(msg.no_successful_release(error), rel)
        try:
            rollback(cfg, RollbackOptions(rel.name, revision=candidates[-1].version,
                                          no_hooks=opts.no_hooks, timeout=opts.timeout,
                                          wait=strategy, wait_for_jobs=opts.wait_for_jobs,
                                          history_max=opts.history_max))
        except ActionError as exc:
            raise ActionError(msg.atomic_rollback_failed(error, exc.message), rel) from None
        raise ActionError(msg.rolled_back_due_to_flag(rel.name, error, cfg.helm_version), rel)
    raise ActionError(error, rel)
