"""`helm rollback` (helm-hooks-semantics.md section 8.3; pkg/action/rollback.go)."""

from __future__ import annotations

from dataclasses import dataclass

from minicluster.helm import messages as msg
from minicluster.helm.actions.base import ActionConfig, ActionError, validate_name
from minicluster.helm.hooks import HookError
from minicluster.helm.kube import (
    HOOK_ONLY,
    KubeError,
    WaitError,
    identity,
    set_release_metadata,
    update_all,
)
from minicluster.helm.manifests import POST_ROLLBACK, PRE_ROLLBACK
from minicluster.helm.release import DEPLOYED, FAILED, PENDING_ROLLBACK, SUPERSEDED, Release
from minicluster.helm.storage import DEFAULT_HISTORY_MAX


@dataclass
class RollbackOptions:
    name: str
    revision: int = 0
    no_hooks: bool = False
    timeout: float = 300.0
    wait: str = HOOK_ONLY
    wait_for_jobs: bool = False
    cleanup_on_fail: bool = False
    dry_run: bool = False
    history_max: int = DEFAULT_HISTORY_MAX
    server_side: str = "auto"


def rollback(cfg: ActionConfig, opts: RollbackOptions) -> Release:
    if validate_name(opts.name) is not None:
        raise ActionError(f"prepareRollback: Release name is invalid: {opts.name}")
    if opts.revision < 0:
        raise ActionError(msg.INVALID_REVISION)
    history = cfg.storage.history(opts.name)
    if not history:
        raise ActionError(msg.RELEASE_NOT_FOUND)
    current = history[-1]
    wanted = opts.revision or current.version - 1
    previous = next((r for r in history if r.version == wanted), None)
    if previous is None:
        raise ActionError(msg.has_no_version(wanted))
    if cfg.helm_version >= 4:
        server_side = previous.apply_method == "ssa" if opts.server_side == "auto" else \
            opts.server_side == "true"
    else:
        server_side = False
    target = Release(
        name=opts.name, namespace=current.namespace, version=current.version + 1,
        status=PENDING_ROLLBACK, description=msg.rollback_to(wanted),
        first_deployed=current.first_deployed, last_deployed=cfg.now(), notes=previous.notes,
        chart=previous.chart, config=previous.config, manifest=previous.manifest,
        hooks=previous.hooks, labels=dict(previous.labels),
        apply_method=("ssa" if server_side else "csa") if cfg.helm_version >= 4 else "",
    )
    if opts.dry_run:
        return target
    cfg.storage.create(target, history_max=opts.history_max)
    try:
        originals = cfg.kube.build(current.manifest)
    except KubeError as exc:
        raise ActionError("unable to build kubernetes objects from current release manifest: "
                          + exc.message, target) from None
    try:
        targets = cfg.kube.build(target.manifest)
    except KubeError as exc:
        raise ActionError("unable to build kubernetes objects from new release manifest: "
                          + exc.message, target) from None
    engine = cfg.hook_engine(opts.wait, opts.timeout, server_side)
    if not opts.no_hooks:
        try:
            engine.execute(target, PRE_ROLLBACK)
        except HookError as exc:
            # The new revision is never updated: it stays pending-rollback.
            raise ActionError(exc.message, target) from None
    for obj in targets:
        set_release_metadata(obj, target.name, target.namespace)
    result, error = update_all(cfg.kube, originals, targets, server_side, cfg.stderr)
    cfg.record.created.extend(identity(o) for o in result.created)
    cfg.record.updated.extend(identity(o) for o in result.updated)
    cfg.record.deleted.extend(identity(o) for o in result.deleted)
    if error is not None:
        text = msg.rollback_failed(target.name, error)
        cfg.log("WARN", text)
        current.status = SUPERSEDED
        target.status, target.description = FAILED, text
        cfg.record_release(current)
        cfg.record_release(target)
        if opts.cleanup_on_fail:
            errors = [e for e in (cfg.kube.delete(o) for o in result.created) if e is not None]
            if errors:
                raise ActionError("an error occurred while cleaning up resources. original "
                                  f"rollback error: unable to cleanup resources: {', '.join(errors)}",
                                  target)
        raise ActionError(error, target)
    try:
        cfg.kube.wait(targets, opts.timeout, opts.wait, opts.wait_for_jobs)
    except WaitError as exc:
        target.status = FAILED
        target.description = msg.release_failed(target.name, exc.message)
        cfg.record_release(current)
        cfg.record_release(target)
        raise ActionError(f"release {target.name} failed: {exc.message}", target) from None
    if not opts.no_hooks:
        try:
            engine.execute(target, POST_ROLLBACK)
        except HookError as exc:
            raise ActionError(exc.message, target) from None
    for rel in cfg.storage.history(opts.name):
        if rel.status == DEPLOYED:
            rel.status = SUPERSEDED
            cfg.record_release(rel)
    target.status = DEPLOYED
    cfg.record_release(target)
    return target
