"""`helm uninstall` (helm-hooks-semantics.md section 8.4; pkg/action/uninstall.go)."""

from __future__ import annotations

from dataclasses import dataclass

from minicluster.core.errors import MiniclusterError
from minicluster.helm import messages as msg
from minicluster.helm.actions.base import ActionConfig, ActionError, validate_name
from minicluster.helm.hooks import HookError
from minicluster.helm.kube import HOOK_ONLY, KubeError, WaitError, identity
from minicluster.helm.manifests import (
    POST_DELETE,
    PRE_DELETE,
    RESOURCE_POLICY_ANNOTATION,
    split_documents,
    split_manifests,
    uninstall_order,
)
from minicluster.helm.release import DEPLOYED, SUPERSEDED, UNINSTALLED, UNINSTALLING, Release


@dataclass
class UninstallOptions:
    name: str
    no_hooks: bool = False
    keep_history: bool = False
    timeout: float = 300.0
    wait: str = HOOK_ONLY
    description: str = ""
    cascade: str = "background"


@dataclass
class UninstallResult:
    release: Release
    kept: str = ""  # "These resources were kept..." block, or ""


def _purge(cfg: ActionConfig, history: list[Release]) -> None:
    for rel in history:
        cfg.storage.delete(rel.name, rel.version, rel.namespace)


def uninstall(cfg: ActionConfig, opts: UninstallOptions) -> UninstallResult:
    if validate_name(opts.name) is not None:
        raise ActionError(f"uninstall: Release name is invalid: {opts.name}")
    history = cfg.storage.history(opts.name)
    if not history:
        raise ActionError(f"uninstall: Release not loaded: {opts.name}: {msg.RELEASE_NOT_FOUND}")
    rel = history[-1]
    if rel.status == UNINSTALLED:
        if not opts.keep_history:
            _purge(cfg, history)
            return UninstallResult(rel)
        raise ActionError(msg.already_deleted(opts.name))
    rel.status = UNINSTALLING
    rel.deleted = cfg.now()
    rel.description = msg.DELETION_IN_PROGRESS
    # Helm 4 always applies uninstall hooks server-side.
    engine = cfg.hook_engine(opts.wait, opts.timeout, server_side=cfg.helm_version >= 4)
    if not opts.no_hooks:
        try:
            engine.execute(rel, PRE_DELETE)
        except HookError as exc:
            raise ActionError(exc.message, rel) from None
    cfg.record_release(rel)
    deleted, kept, errors = _delete_release(cfg, rel, opts.cascade)
    if errors:
        raise ActionError(f"failed to delete release: {opts.name}", rel)
    kept_text = msg.KEPT_RESOURCES + kept if kept else ""
    problems: list[str] = []
    try:
        cfg.kube.wait_for_delete(deleted, opts.timeout, opts.wait)
    except WaitError as exc:
        problems.append(exc.message)
    if not opts.no_hooks:
        try:
            engine.execute(rel, POST_DELETE)
        except HookError as exc:
            problems.append(exc.message)
    rel.status = UNINSTALLED
    rel.description = opts.description or msg.UNINSTALL_COMPLETE
    if not opts.keep_history:
        try:
            _purge(cfg, history)
        except MiniclusterError as exc:
            problems.append(f"uninstall: Failed to purge the release: {exc.message}")
    else:
        cfg.record_release(rel)
        for other in cfg.storage.history(opts.name):
            if other.status == DEPLOYED:
                other.status = SUPERSEDED
                cfg.record_release(other)
    if problems:
        raise ActionError(msg.uninstall_with_errors(problems), rel)
    return UninstallResult(rel, kept_text)


def _delete_release(cfg: ActionConfig, rel: Release, cascade: str
                    ) -> tuple[list[dict], str, list[str]]:
    # Helm re-splits the stored manifest as one file whose documents are keyed
    # "manifest-0", "manifest-1"... and sorts those keys as strings before the kind sort, so
    # "manifest-10" comes before "manifest-2" among resources of the same kind.
    docs = split_documents(rel.manifest, cfg.helm_version)
    files = {f"manifest-{i}": doc for i, doc in enumerate(docs)}
    _, manifests = split_manifests(files, helm_version=cfg.helm_version)
    order = {kind: i for i, kind in enumerate(uninstall_order(cfg.helm_version))}
    manifests.sort(key=lambda m: (order[m.kind], "") if m.kind in order else (len(order), m.kind))
    kept, remaining = [], []
    for m in manifests:
        if RESOURCE_POLICY_ANNOTATION not in m.annotations:
            remaining.append(m)
        elif m.annotations[RESOURCE_POLICY_ANNOTATION].strip().lower() == "keep":
            kept.append(m)
        # any other value: neither deleted nor reported, as Helm does
    kept_text = "".join(f"[{m.kind}] {m.name}\n" for m in kept)
    try:
        objs = cfg.kube.build("\n---\n".join(m.content for m in remaining))
    except KubeError as exc:
        return [], "", [f"unable to build kubernetes objects for delete: {exc.message}"]
    propagation = {"orphan": "Orphan", "foreground": "Foreground"}.get(cascade, "Background")
    errors = []
    for obj in objs:
        error = cfg.kube.delete(obj, propagation)
        if error is not None:
            errors.append(error)
        else:
            cfg.record.deleted.append(identity(obj))
    return objs, kept_text, errors
