"""The miniature apiserver: create/get/list/update/patch/apply/delete over an in-memory store,
with the real server's metadata, defaults, validation, garbage collection, watches, events and
an action log of every mutation (who did what, when) that can be replayed for time travel.

Objects are plain JSON-shaped dicts. The store copies on the way in and out; objects handed to
watch callbacks are copies shared by all callbacks of one event (copy before changing them).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from minicluster.core.clock import VirtualClock
from minicluster.core.rand import SeededRandom

from . import admission, bootstrap, crds
from . import errors as e
from . import messages as m
from .applying import LAST_APPLIED, ApplyMixin, ManifestError
from .clone import as_dict, as_list, clone
from .defaults import apply_defaults
from .deletion import DeletionMixin
from .events import EventRecorderMixin
from .kinds import KindInfo, KindRegistry
from .patch import PatchError, json_patch, merge_patch, strategic_merge_patch
from .reader import Reader, StoreView, meta_of
from .store import Action, Store, replay
from .validation import names
from .validation.decode import first_decode_error
from .validation.fields import unknown_fields
from .validation.registry import validate_create, validate_update

Obj = dict[str, Any]
WatchCallback = Callable[[str, Obj, "Obj | None"], None]
__all__ = ["LAST_APPLIED", "ApiServer", "ManifestError", "StoreView"]

GENERATED_NAME_ATTEMPTS = 8  # apiserver RetryGenerateName (GA in 1.32)
GENERATE_NAME_PREFIX_MAX = 58  # 63 minus the 5 random characters


class ApiServer(Reader, ApplyMixin, DeletionMixin, EventRecorderMixin):
    def __init__(self, clock: VirtualClock, rand: SeededRandom) -> None:
        self.clock = clock
        self.rand = rand
        self._uid_rand = rand.stream("uid")
        self._name_rand = rand.stream("generate-name")
        self._volume_rand = rand.stream("kube-api-access")
        self._ips = admission.IpAllocator(rand.stream("service-ips"))
        self.kinds = KindRegistry()
        self._store = Store()
        self.action_log: list[Action] = []
        self.warnings: list[str] = []
        self._rv = 0
        self._watchers: list[tuple[WatchCallback, frozenset[str] | None]] = []
        self._queue: deque[tuple[str, Obj, Obj | None]] = deque()
        self._dispatching = False
        self._actors = ["system"]
        self._event_names: dict[tuple[Any, ...], tuple[str, str]] = {}
        self._last_event_nanos = 0
        self._bootstrap()

    # -- who acts --------------------------------------------------------------------------------
    @contextmanager
    def actor(self, name: str) -> Iterator[None]:
        self._actors.append(name)
        try:
            yield
        finally:
            self._actors.pop()

    @property
    def current_actor(self) -> str:
        return self._actors[-1]

    def _bootstrap(self) -> None:
        with self.actor("kube-apiserver"):
            for ns in bootstrap.SYSTEM_NAMESPACES:
                self.create(bootstrap.namespace(ns))
            self.create(bootstrap.node(self.clock.timestamp()))
            self.create(bootstrap.kubernetes_service())

    # -- watches -----------------------------------------------------------------------------------
    def watch(self, callback: WatchCallback, kinds: list[str] | None = None) -> Callable[[], None]:
        """Call `callback(event_type, obj, old)` after every change, in order. ADDED / MODIFIED /
        DELETED. A change made by a callback is delivered after the current event reached all
        callbacks, so every watcher sees the same order."""
        entry = (callback, frozenset(kinds) if kinds else None)
        self._watchers.append(entry)

        def unsubscribe() -> None:
            if entry in self._watchers:
                self._watchers.remove(entry)

        return unsubscribe

    def _notify(self, event_type: str, obj: Obj, old: Obj | None) -> None:
        kind = obj.get("kind")
        if not any(kinds is None or kind in kinds for _, kinds in self._watchers):
            return
        self._queue.append((event_type, clone(obj), clone(old) if old is not None else None))
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._queue:
                event_type, obj, old = self._queue.popleft()
                for callback, kinds in list(self._watchers):
                    if kinds is None or obj.get("kind") in kinds:
                        callback(event_type, obj, old)
        finally:
            self._dispatching = False
            self._queue.clear()

    # -- time travel -----------------------------------------------------------------------------
    def as_of(self, time: float) -> StoreView:
        return StoreView(replay(self.action_log, time), self.kinds, time)

    # -- helpers -----------------------------------------------------------------------------------
    def _next_rv(self) -> str:
        self._rv += 1
        return str(self._rv)

    def _log(self, verb: str, info: KindInfo, obj: Obj, removed: bool = False,
             subresource: str = "") -> None:
        meta = obj["metadata"]
        self.action_log.append(Action(
            self.clock.now(), verb, info.kind, meta.get("namespace") if info.namespaced else None,
            meta.get("name", ""), self.current_actor, clone(obj), removed, subresource))

    def _kind_of(self, obj: Any) -> KindInfo:
        if not isinstance(obj, dict):
            raise ManifestError(m.NOT_A_MAPPING)
        return self.kinds.for_object(str(obj.get("apiVersion", "")), str(obj.get("kind", "")))

    def _decode(self, info: KindInfo, obj: Obj, field_validation: str = "Ignore") -> None:
        """Fit the object to the Go types: type errors always fail; unknown fields fail with
        field_validation="Strict" (kubectl's default) and become warnings with "Warn"."""
        error = first_decode_error(obj)
        if error:
            raise e.decode_error(info.kind, info.version, error)
        if field_validation not in ("Strict", "Warn"):
            return
        unknown = [m.UNKNOWN_FIELD.format(path=path) for path in unknown_fields(obj)]
        if not unknown:
            return
        if field_validation == "Strict":
            raise e.decode_error(info.kind, info.version,
                                 m.STRICT_DECODING.format(fields=", ".join(unknown)))
        self.warnings.extend(unknown)

    def _namespace_for(self, info: KindInfo, meta: Obj, namespace: str | None) -> str:
        if not info.namespaced:
            meta.pop("namespace", None)
            return ""
        own = meta.get("namespace")
        if own and namespace and own != namespace:
            raise e.bad_request(m.NAMESPACE_MISMATCH)
        ns = own or namespace or "default"
        meta["namespace"] = ns
        return ns

    def _require_namespace(self, info: KindInfo, ns: str, name: str) -> None:
        namespace = self._store.get("Namespace", "", ns)
        if namespace is None:
            raise e.not_found("namespaces", ns, "", "namespaces")
        if as_dict(namespace.get("metadata")).get("deletionTimestamp"):
            raise e.forbidden(info.group_resource, name,
                              m.NAMESPACE_TERMINATING.format(namespace=ns))

    def _invalid(self, info: KindInfo, name: str, errs: list[Any]) -> e.ApiError:
        return e.invalid(info.group_kind, info.kind, info.group, name, [x.cause() for x in errs])

    # -- create ------------------------------------------------------------------------------------
    def create(self, obj: Obj, namespace: str | None = None, dry_run: bool = False,
               field_validation: str = "Ignore") -> Obj:
        obj = clone(obj)
        info = self._kind_of(obj)
        self._decode(info, obj, field_validation)
        meta = meta_of(obj)
        ns = self._namespace_for(info, meta, namespace)
        shown_name = meta.get("name") or meta.get("generateName") or ""
        if info.namespaced:
            self._require_namespace(info, ns, shown_name)
        for key in ("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink"):
            meta.pop(key, None)
        if info.kind == "Pod":
            self._admit_service_account(obj, ns, shown_name)
        generated = not meta.get("name") and bool(meta.get("generateName"))
        attempts = GENERATED_NAME_ATTEMPTS if generated else 1
        for attempt in range(1, attempts + 1):
            if generated:
                prefix = str(meta["generateName"])[:GENERATE_NAME_PREFIX_MAX]
                meta["name"] = prefix + self._name_rand.string(5)
            candidate = self._prepare_create(info, clone(obj))
            name = candidate["metadata"].get("name", "")
            if self._store.get(info.kind, ns, name) is None:
                break
            if attempt == attempts:
                raise e.already_exists(info.group_resource, name, info.group, info.plural,
                                       generated=generated)
        if dry_run:
            return candidate
        return self._commit_new(info, candidate)

    def _admit_service_account(self, obj: Obj, ns: str, name: str) -> None:
        spec = as_dict(obj.get("spec"))
        account = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
        if isinstance(account, str) and self._store.get("ServiceAccount", ns, account) is None:
            raise e.forbidden("pods", name,
                              m.SERVICE_ACCOUNT_MISSING.format(namespace=ns, name=account))

    def _prepare_create(self, info: KindInfo, obj: Obj) -> Obj:
        meta = obj["metadata"]
        apply_defaults(obj)
        meta["uid"] = self._uid_rand.uuid4()
        meta["creationTimestamp"] = self.clock.timestamp()
        if info.has_generation:
            meta["generation"] = 1
        if info.custom:
            # Custom resources start without status; a status subresource owns it.
            if info.has_status:
                obj.pop("status", None)
        elif info.has_status and info.kind != "Node":
            obj["status"] = admission.initial_status(info.kind, obj)
        if info.kind == "Job":
            admission.generate_job_selector(obj)
        elif info.kind == "Pod":
            admission.admit_pod(obj, self._volume_rand)
        elif info.kind == "Secret":
            admission.merge_string_data(obj)
        errs = validate_create(info.kind, info.namespaced, obj)
        if info.kind == "CustomResourceDefinition":
            errs.extend(crds.validate(obj))
            obj["status"] = crds.established_status(obj, self.clock.timestamp())
        if errs:
            raise self._invalid(info, meta.get("name", ""), errs)
        if info.kind == "Job":
            self._warn_job_name(meta.get("name", ""))
            # Job defaulting runs again whenever the stored object is read, so a Job created
            # without labels is seen with the generated template labels (not validated).
            apply_defaults(obj)
        if info.kind == "Service":
            self._ips.allocate(obj)
        return obj

    def _warn_job_name(self, name: str) -> None:
        problems = names.dns1123_label(name)
        if problems and not names.dns1123_subdomain(name):
            self.warnings.append(m.JOB_NAME_LABEL_WARNING.format(msgs=", ".join(problems)))

    def _commit_new(self, info: KindInfo, obj: Obj) -> Obj:
        obj["metadata"]["resourceVersion"] = self._next_rv()
        self._store.put(obj)
        self._log("create", info, obj)
        if info.kind == "Namespace":
            self._populate_namespace(obj["metadata"]["name"])
        elif info.kind == "CustomResourceDefinition":
            self._serve_custom_kind(obj)
        self._notify("ADDED", obj, None)
        return clone(obj)

    def _serve_custom_kind(self, crd: Obj) -> None:
        custom = crds.kind_info(crd)
        if custom is not None and (custom.kind not in self.kinds
                                   or self.kinds.get(custom.kind).custom):
            self.kinds.register(custom)

    def _forget_custom_kind(self, crd: Obj) -> None:
        custom = crds.kind_info(crd)
        if custom is None or custom.kind not in self.kinds or \
                not self.kinds.get(custom.kind).custom:
            return
        info = self.kinds.get(custom.kind)
        with self.actor("apiextensions-apiserver"):
            for obj in list(self._store.iter(info.kind)):
                self._remove(info, obj, "delete")
        self.kinds.unregister(custom.kind)

    def _populate_namespace(self, name: str) -> None:
        with self.actor("kube-controller-manager"):
            for item in bootstrap.namespace_contents(name):
                info = self._kind_of(item)
                if self._store.get(info.kind, name, item["metadata"]["name"]) is None:
                    self._commit_new(info, self._prepare_create(info, clone(item)))

    # -- update / patch ------------------------------------------------------------------------------
    def _current(self, info: KindInfo, name: str, namespace: str | None) -> Obj:
        ns = (namespace or "default") if info.namespaced else ""
        current = self._store.get(info.kind, ns, name)
        if current is None:
            raise e.not_found(info.group_resource, name, info.group, info.plural)
        return current

    def update(self, obj: Obj, dry_run: bool = False, field_validation: str = "Ignore") -> Obj:
        """Replace the object (PUT). Conflict when its resourceVersion is stale."""
        obj = clone(obj)
        info = self._kind_of(obj)
        self._decode(info, obj, field_validation)
        meta = meta_of(obj)
        current = self._current(info, meta.get("name", ""), meta.get("namespace"))
        self._check_version(info, meta, current)
        return self._replace(info, obj, current, "update", dry_run=dry_run)

    def _check_version(self, info: KindInfo, meta: Obj, current: Obj) -> None:
        rv = meta.get("resourceVersion")
        if rv and rv != current["metadata"]["resourceVersion"]:
            raise e.conflict(info.group_resource, meta.get("name", ""))

    def _replace(self, info: KindInfo, new: Obj, current: Obj, verb: str,
                 dry_run: bool = False) -> Obj:
        cur_meta = current["metadata"]
        meta = meta_of(new)
        if info.namespaced:
            meta["namespace"] = meta.get("namespace") or cur_meta.get("namespace")
        else:
            meta.pop("namespace", None)
        for key in ("uid", "creationTimestamp", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "generation", "resourceVersion"):
            if key in cur_meta:
                meta[key] = cur_meta[key]
            else:
                meta.pop(key, None)
        if info.has_status:
            if "status" in current:
                new["status"] = clone(current["status"])
            else:
                new.pop("status", None)
        apply_defaults(new)
        if info.kind == "Secret":
            admission.merge_string_data(new)
        elif info.kind == "Service":
            self._keep_allocations(new, current)
        errs = validate_update(info.kind, info.namespaced, new, current)
        if errs:
            raise self._invalid(info, meta.get("name", ""), errs)
        if info.has_generation and new.get("spec") != current.get("spec"):
            meta["generation"] = int(cur_meta.get("generation", 0)) + 1
        if new == current or dry_run:
            return clone(new)
        return self._commit_change(info, new, current, verb)

    @staticmethod
    def _keep_allocations(new: Obj, current: Obj) -> None:
        spec, old = new.get("spec"), current.get("spec") or {}
        if not isinstance(spec, dict):
            return
        for key in ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"):
            if not spec.get(key) and old.get(key):
                spec[key] = clone(old[key])
        old_ports = {p.get("port"): p for p in as_list(old.get("ports")) if isinstance(p, dict)}
        for port in as_list(spec.get("ports")):
            previous = old_ports.get(port.get("port")) if isinstance(port, dict) else None
            if previous and previous.get("nodePort") and not port.get("nodePort"):
                port["nodePort"] = previous["nodePort"]

    def _commit_change(self, info: KindInfo, new: Obj, current: Obj, verb: str,
                       subresource: str = "") -> Obj:
        meta = new["metadata"]
        meta["resourceVersion"] = self._next_rv()
        if (meta.get("deletionTimestamp") and not meta.get("finalizers")
                and not meta.get("deletionGracePeriodSeconds") and info.kind != "Namespace"):
            # The last finalizer is gone from an object marked for deletion: it goes now.
            return self._remove(info, new, verb)
        self._store.put(new)
        self._log(verb, info, new, subresource=subresource)
        if info.kind == "CustomResourceDefinition" and not subresource:
            self._serve_custom_kind(new)
        self._notify("MODIFIED", new, current)
        return clone(new)

    def update_status(self, obj: Obj) -> Obj:
        """The status subresource: only `status` changes; no generation bump."""
        info = self._kind_of(obj)
        meta = obj.get("metadata") or {}
        current = self._current(info, meta.get("name", ""), meta.get("namespace"))
        self._check_version(info, meta, current)
        return self._write_status(info, current, clone(obj.get("status")))

    def _write_status(self, info: KindInfo, current: Obj, status: Any) -> Obj:
        new = clone(current)
        if status is None:
            new.pop("status", None)
        else:
            new["status"] = status
        if new == current:
            return clone(current)
        return self._commit_change(info, new, current, "update", subresource="status")

    def patch(self, kind: str, name: str, namespace: str | None, patch: Any,
              patch_type: str = "merge", subresource: str = "") -> Obj:
        """patch_type: merge (RFC 7386) | strategic | json (RFC 6902). subresource: "" | status."""
        info = self._info(kind)
        current = self._current(info, name, namespace)
        if isinstance(patch, (str, bytes)):
            try:
                patch = json.loads(patch)
            except ValueError as exc:
                raise e.bad_request(m.PATCH_DECODE.format(error=exc)) from None
        try:
            if patch_type == "merge":
                new = merge_patch(current, patch)
            elif patch_type == "strategic":
                new = strategic_merge_patch(current, patch)
            elif patch_type == "json":
                new = json_patch(current, patch)
            else:
                raise e.ApiError(415, "UnsupportedMediaType", m.UNSUPPORTED_PATCH)
        except PatchError as exc:
            raise e.ApiError(422, "Invalid", str(exc)) from None
        if not isinstance(new, dict):
            raise e.bad_request(m.PATCH_NOT_OBJECT)
        if subresource == "status":
            return self._write_status(info, current, new.get("status"))
        self._decode(info, new)
        self._check_version(info, meta_of(new), current)
        return self._replace(info, new, current, "patch")

    def bind(self, name: str, namespace: str, node: str) -> Obj:
        """The pods/binding subresource the scheduler writes: spec.nodeName and PodScheduled."""
        info = self.kinds.get("Pod")
        current = self._current(info, name, namespace)
        if current.get("spec", {}).get("nodeName"):
            raise e.conflict("pods/binding", name, m.ALREADY_ASSIGNED.format(
                name=name, node=current["spec"]["nodeName"]))
        new = clone(current)
        new.setdefault("spec", {})["nodeName"] = node
        conditions = [c for c in as_list(new.setdefault("status", {}).get("conditions"))
                      if c.get("type") != "PodScheduled"]
        conditions.append({"lastProbeTime": None, "lastTransitionTime": self.clock.timestamp(),
                           "status": "True", "type": "PodScheduled"})
        new["status"]["conditions"] = conditions
        return self._commit_change(info, new, current, "update", subresource="binding")
