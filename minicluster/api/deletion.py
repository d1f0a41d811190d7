"""Deletion: grace periods, finalizers, namespaces, and the garbage collector's three
propagation policies (Background, Foreground, Orphan)."""

from __future__ import annotations

from typing import Any

from . import bootstrap
from . import errors as e
from . import messages as m
from .clone import as_dict, as_list, clone, dicts
from .kinds import KindInfo

Obj = dict[str, Any]
# The ApiServer these methods are mixed into (typed loosely: the mixins and the server
# reference each other's members).
Server = Any


class DeletionMixin:
    # -- delete and garbage collection ------------------------------------------------------------------
    def delete(self: Server, kind: str, name: str, namespace: str | None = "default",
               propagation: str | None = "Background", grace_period_seconds: int | None = None,
               dry_run: bool = False) -> Obj:
        """Delete an object. propagation: Background | Foreground | Orphan | None (the kind's
        default: Orphan for batch/v1 Jobs, with the apiserver's warning). Returns the object as
        it was removed, or as marked for deletion when finalizers or a grace period keep it."""
        info = self._info(kind)
        current = self._current(info, name, namespace)
        if info.kind == "Namespace" and name in bootstrap.IMMORTAL_NAMESPACES:
            raise e.forbidden("namespaces", name, m.NAMESPACE_IMMORTAL)
        if dry_run:
            return clone(current)
        if propagation is None:
            propagation = "Orphan" if info.kind == "Job" else "Background"
            if info.kind == "Job":
                self.warnings.append(m.JOB_ORPHAN_WARNING)
        return self._delete(info, current, propagation, grace_period_seconds)

    def _grace(self: Server, info: KindInfo, obj: Obj, requested: int | None) -> int:
        if info.kind != "Pod":
            return 0
        spec, status = obj.get("spec") or {}, obj.get("status") or {}
        # Unscheduled and finished pods have nothing to stop: no grace period.
        if not spec.get("nodeName") or status.get("phase") in ("Succeeded", "Failed"):
            return 0
        if requested is not None:
            return max(0, requested)
        return int(spec.get("terminationGracePeriodSeconds", 30))

    def _delete(self: Server, info: KindInfo, current: Obj, propagation: str,
                grace_period_seconds: int | None) -> Obj:
        meta = current["metadata"]
        if info.kind == "CustomResourceDefinition":
            # The customresourcecleanup finalizer: the custom resources go first.
            self._forget_custom_kind(current)
        grace = self._grace(info, current, grace_period_seconds)
        if meta.get("deletionTimestamp"):
            return self._shorten_grace(info, current, grace)
        if propagation == "Orphan":
            self._orphan_dependents(meta.get("uid", ""))
        finalizers = list(as_list(meta.get("finalizers")))
        if propagation == "Foreground" and "foregroundDeletion" not in finalizers:
            finalizers.append("foregroundDeletion")
        if info.kind == "Namespace":
            return self._delete_namespace(info, current)
        if not finalizers and grace == 0:
            return self._remove(info, current, "delete")
        new = clone(current)
        new_meta = new["metadata"]
        new_meta["deletionTimestamp"] = self.clock.timestamp(self.clock.now() + grace)
        new_meta["deletionGracePeriodSeconds"] = grace
        if finalizers:
            new_meta["finalizers"] = finalizers
        new_meta["resourceVersion"] = self._next_rv()
        self._store.put(new)
        self._log("delete", info, new)
        self._notify("MODIFIED", new, current)
        if propagation == "Foreground":
            with self.actor("garbage-collector"):
                for dependent in self._store.dependents(new_meta.get("uid", "")):
                    self._collect_dependent(dependent)
                self._finish_foreground(new_meta.get("uid", ""))
        return clone(self._store.get(*_key(info, new)) or new)

    def _shorten_grace(self: Server, info: KindInfo, current: Obj, grace: int) -> Obj:
        meta = current["metadata"]
        if info.kind != "Pod" or grace >= int(meta.get("deletionGracePeriodSeconds") or 0):
            return clone(current)
        new = clone(current)
        new["metadata"]["deletionTimestamp"] = self.clock.timestamp(self.clock.now() + grace)
        new["metadata"]["deletionGracePeriodSeconds"] = grace
        if grace == 0 and not meta.get("finalizers"):
            return self._remove(info, new, "delete")
        return self._commit_change(info, new, current, "delete")

    def _remove(self: Server, info: KindInfo, obj: Obj, verb: str) -> Obj:
        meta = obj["metadata"]
        ns = meta.get("namespace", "") if info.namespaced else ""
        self._store.remove(info.kind, ns, meta.get("name", ""))
        gone = clone(obj)
        gone["metadata"]["resourceVersion"] = self._next_rv()
        self._log(verb, info, gone, removed=True)
        self._notify("DELETED", gone, None)
        if info.kind == "CustomResourceDefinition":
            self._forget_custom_kind(gone)
        uid = meta.get("uid", "")
        with self.actor("garbage-collector"):
            for dependent in self._store.dependents(uid):
                self._collect_dependent(dependent)
            for ref in dicts(meta.get("ownerReferences")):
                self._finish_foreground(ref.get("uid", ""))
        if ns:
            self._finish_namespace(ns)
        return gone

    def _owner_states(self: Server, dependent: Obj) -> tuple[list[Obj], list[Obj], list[Obj]]:
        solid, waiting, dangling = [], [], []
        for ref in dicts(as_dict(dependent.get("metadata")).get("ownerReferences")):
            owner = self._store.by_uid(ref.get("uid", ""))
            if owner is None:
                dangling.append(ref)
            elif "foregroundDeletion" in as_list(owner["metadata"].get("finalizers")) and \
                    owner["metadata"].get("deletionTimestamp"):
                waiting.append(ref)
            else:
                solid.append(ref)
        return solid, waiting, dangling

    def _collect_dependent(self: Server, dependent: Obj) -> None:
        """The garbage collector's attemptToDeleteItem for one dependent."""
        info = self.kinds.get(dependent["kind"])
        current = self._store.get(*_key(info, dependent))
        if current is None or current["metadata"].get("deletionTimestamp"):
            return
        solid, waiting, dangling = self._owner_states(current)
        if solid:
            if dangling or waiting:
                drop = {r.get("uid") for r in dangling + waiting}
                new = clone(current)
                new["metadata"]["ownerReferences"] = [
                    r for r in new["metadata"]["ownerReferences"] if r.get("uid") not in drop]
                self._commit_change(info, new, current, "patch")
            return
        finalizers = as_list(current["metadata"].get("finalizers"))
        if waiting and self._store.dependents(current["metadata"].get("uid", "")):
            policy = "Foreground"
        elif "orphan" in finalizers:
            policy = "Orphan"
        elif "foregroundDeletion" in finalizers:
            policy = "Foreground"
        else:
            policy = "Background"
        self._delete(info, current, policy, None)

    def _finish_foreground(self: Server, uid: str) -> None:
        owner = self._store.by_uid(uid)
        if owner is None:
            return
        meta = owner["metadata"]
        if not meta.get("deletionTimestamp") or "foregroundDeletion" not in (
                as_list(meta.get("finalizers"))):
            return
        blocking = [d for d in self._store.dependents(uid)
                    if any(r.get("uid") == uid and r.get("blockOwnerDeletion")
                           for r in dicts(d["metadata"].get("ownerReferences")))]
        if blocking:
            return
        info = self.kinds.get(owner["kind"])
        new = clone(owner)
        new["metadata"]["finalizers"] = [f for f in meta["finalizers"]
                                         if f != "foregroundDeletion"]
        if not new["metadata"]["finalizers"]:
            del new["metadata"]["finalizers"]
        with self.actor("garbage-collector"):
            self._commit_change(info, new, owner, "update")

    def _orphan_dependents(self: Server, uid: str) -> None:
        with self.actor("garbage-collector"):
            for dependent in self._store.dependents(uid):
                info = self.kinds.get(dependent["kind"])
                new = clone(dependent)
                refs = [r for r in dicts(new["metadata"].get("ownerReferences"))
                        if r.get("uid") != uid]
                if refs:
                    new["metadata"]["ownerReferences"] = refs
                else:
                    new["metadata"].pop("ownerReferences", None)
                self._commit_change(info, new, dependent, "patch")

    def _delete_namespace(self: Server, info: KindInfo, current: Obj) -> Obj:
        new = clone(current)
        new["metadata"]["deletionTimestamp"] = self.clock.timestamp()
        new["metadata"]["deletionGracePeriodSeconds"] = 0
        new.setdefault("status", {})["phase"] = "Terminating"
        # The namespace controller holds it (spec.finalizers) until its content is gone.
        new["metadata"]["resourceVersion"] = self._next_rv()
        self._store.put(new)
        self._log("delete", info, new)
        self._notify("MODIFIED", new, current)
        name = current["metadata"]["name"]
        with self.actor("namespace-controller"):
            for kind in self._store.kinds():
                kind_info = self.kinds.get(kind)
                if not kind_info.namespaced:
                    continue
                for obj in list(self._store.iter(kind, name)):
                    if not obj["metadata"].get("deletionTimestamp"):
                        self._delete(kind_info, obj, "Background", None)
        self._finish_namespace(name)
        return clone(self._store.get("Namespace", "", name) or new)

    def _finish_namespace(self: Server, name: str) -> None:
        namespace = self._store.get("Namespace", "", name)
        if namespace is None or not namespace["metadata"].get("deletionTimestamp"):
            return
        for kind in self._store.kinds():
            if self.kinds.get(kind).namespaced and next(self._store.iter(kind, name), None):
                return
        with self.actor("namespace-controller"):
            self._remove(self.kinds.get("Namespace"), namespace, "delete")


def _key(info: KindInfo, obj: Obj) -> tuple[str, str, str]:
    meta = obj["metadata"]
    return (info.kind, meta.get("namespace", "") if info.namespaced else "", meta.get("name", ""))
