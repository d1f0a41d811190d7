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

from minicluster.core import yamlio
from minicluster.core.clock import VirtualClock
from minicluster.core.errors import MiniclusterError
from minicluster.core.rand import SeededRandom

from . import admission, bootstrap, crds
from . import errors as e
from . import messages as m
from .clone import as_dict, as_list, clone, dicts
from .defaults import apply_defaults
from .kinds import KindInfo, KindRegistry
from .patch import PatchError, json_patch, merge_patch, strategic_merge_patch, three_way_merge
from .selectors import (
    FieldSelector,
    LabelSelector,
    SelectorError,
    from_label_selector,
    parse_field_selector,
    parse_label_selector,
)
from .store import Action, Store, replay
from .validation import names
from .validation.decode import first_decode_error
from .validation.fields import unknown_fields
from .validation.registry import validate_create, validate_update

Obj = dict[str, Any]
WatchCallback = Callable[[str, Obj, "Obj | None"], None]
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
GENERATED_NAME_ATTEMPTS = 8  # apiserver RetryGenerateName (GA in 1.32)
GENERATE_NAME_PREFIX_MAX = 58  # 63 minus the 5 random characters
EVENT_TTL = 3600.0  # kube-apiserver --event-ttl: etcd drops an Event an hour after its last write


class ManifestError(MiniclusterError):
    """A manifest that is not YAML or not a Kubernetes object."""


def _meta(obj: Obj) -> Obj:
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = obj["metadata"] = {}
    return meta


class _Reader:
    """get/try_get/list over a Store; shared by the live server and its past views."""

    kinds: KindRegistry
    _store: Store

    def _info(self, kind: str) -> KindInfo:
        return self.kinds.get(kind) if kind in self.kinds else self.kinds.lookup(kind)

    def try_get(self, kind: str, name: str, namespace: str | None = "default") -> Obj | None:
        info = self._info(kind)
        obj = self._store.get(info.kind, (namespace or "default") if info.namespaced else "",
                              name)
        return clone(obj) if obj is not None else None

    def get(self, kind: str, name: str, namespace: str | None = "default") -> Obj:
        obj = self.try_get(kind, name, namespace)
        if obj is None:
            info = self._info(kind)
            raise e.not_found(info.group_resource, name, info.group, info.plural)
        return obj

    def list(self, kind: str, namespace: str | None = None,
             label_selector: str | Obj | LabelSelector | None = None,
             field_selector: str | FieldSelector | None = None) -> list[Obj]:
        """Objects in key order (namespace, name). `namespace=None` lists every namespace."""
        info = self._info(kind)
        try:
            if isinstance(label_selector, dict):
                labels = from_label_selector(label_selector)
            elif isinstance(label_selector, LabelSelector):
                labels = label_selector
            else:
                labels = parse_label_selector(label_selector)
            fields = (field_selector if isinstance(field_selector, FieldSelector)
                      else parse_field_selector(field_selector, info.kind))
        except SelectorError as exc:
            raise e.bad_request(str(exc)) from None
        # "" lists every namespace, as an empty namespace in the request path does.
        return self._store.select(info.kind, (namespace or None) if info.namespaced else None,
                                  labels, fields)

    def all_objects(self) -> Iterator[Obj]:
        for kind in self._store.kinds():
            for obj in self._store.iter(kind):
                yield clone(obj)


class StoreView(_Reader):
    """The store as it was at some moment: read-only."""

    def __init__(self, store: Store, kinds: KindRegistry, time: float) -> None:
        self._store = store
        self.kinds = kinds
        self.time = time


class ApiServer(_Reader):
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
        meta = _meta(obj)
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
        meta = _meta(obj)
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
        meta = _meta(new)
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
        self._check_version(info, _meta(new), current)
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

    # -- apply ----------------------------------------------------------------------------------------
    @staticmethod
    def last_applied(obj: Obj) -> str:
        """The annotation client-side apply writes: the manifest as sorted compact JSON, its
        own annotation removed (leaving `"annotations":{}`), HTML-escaped, newline-terminated."""
        doc = clone(obj)
        meta = _meta(doc)
        annotations = meta.get("annotations")
        annotations = dict(annotations) if isinstance(annotations, dict) else {}
        annotations.pop(LAST_APPLIED, None)
        meta["annotations"] = annotations
        text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                              ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
            text = text.replace(char, escaped)
        return text + "\n"

    def apply(self, obj: Obj, namespace: str | None = None,
              drop_unreadable_annotations: bool = False,
              field_validation: str = "Ignore") -> tuple[Obj, str]:
        """Client-side `kubectl apply`: ("created" | "configured" | "unchanged").

        `drop_unreadable_annotations`: what kubectl itself does before sending anything. It
        reads `metadata.annotations` as a string map; when one value is not a string (YAML
        `weight: 5`) the read yields nothing and kubectl replaces all top-level annotations
        with just its own, silently (kubectl util.GetModifiedConfiguration)."""
        obj = clone(obj)
        info = self._kind_of(obj)
        meta = _meta(obj)
        annotations = meta.get("annotations")
        if drop_unreadable_annotations and isinstance(annotations, dict) and any(
                not isinstance(v, str) for v in annotations.values()):
            meta["annotations"] = {}
        self._decode(info, obj, field_validation)
        ns = self._namespace_for(info, meta, namespace)
        annotation = self.last_applied(obj)
        annotations = meta.get("annotations")
        if not isinstance(annotations, dict):
            annotations = meta["annotations"] = {}
        annotations[LAST_APPLIED] = annotation
        current = self._store.get(info.kind, ns, meta.get("name", "")) if meta.get("name") else None
        if current is None:
            return self.create(obj, namespace=ns or None), "created"
        previous = (as_dict(current.get("metadata")).get("annotations") or {}).get(LAST_APPLIED)
        original = None
        if previous:
            try:
                original = json.loads(previous)
            except ValueError:
                original = None
        desired = three_way_merge(original, obj, current)
        desired["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"]
        self._decode(info, desired)
        result = self._replace(info, desired, current, "patch")
        changed = result["metadata"]["resourceVersion"] != current["metadata"]["resourceVersion"]
        return result, "configured" if changed else "unchanged"

    def apply_manifest(self, yaml_text: str, namespace: str | None = "default",
                       field_validation: str = "Strict",
                       drop_unreadable_annotations: bool = True) -> list[Obj]:
        """Apply every document of a (multi-document) YAML stream as `kubectl apply -f` does
        (strict field validation, kubectl's annotation handling); `kind: List` is unpacked."""
        try:
            docs = yamlio.load_all(yaml_text)
        except yamlio.YAMLError as exc:
            raise ManifestError(m.YAML_TO_JSON.format(error=exc)) from None
        objects: list[Obj] = []
        for doc in docs:
            items = doc.get("items") if isinstance(doc, dict) and doc.get("kind") == "List" \
                else [doc]
            for item in items or []:
                if not isinstance(item, dict) or not item.get("kind"):
                    shown = json.dumps(item, separators=(",", ":"))
                    raise ManifestError(m.KIND_MISSING.format(doc=shown))
                objects.append(self.apply(
                    item, namespace=namespace, field_validation=field_validation,
                    drop_unreadable_annotations=drop_unreadable_annotations)[0])
        return objects

    # -- delete and garbage collection ------------------------------------------------------------------
    def delete(self, kind: str, name: str, namespace: str | None = "default",
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

    def _grace(self, info: KindInfo, obj: Obj, requested: int | None) -> int:
        if info.kind != "Pod":
            return 0
        spec, status = obj.get("spec") or {}, obj.get("status") or {}
        # Unscheduled and finished pods have nothing to stop: no grace period.
        if not spec.get("nodeName") or status.get("phase") in ("Succeeded", "Failed"):
            return 0
        if requested is not None:
            return max(0, requested)
        return int(spec.get("terminationGracePeriodSeconds", 30))

    def _delete(self, info: KindInfo, current: Obj, propagation: str,
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

    def _shorten_grace(self, info: KindInfo, current: Obj, grace: int) -> Obj:
        meta = current["metadata"]
        if info.kind != "Pod" or grace >= int(meta.get("deletionGracePeriodSeconds") or 0):
            return clone(current)
        new = clone(current)
        new["metadata"]["deletionTimestamp"] = self.clock.timestamp(self.clock.now() + grace)
        new["metadata"]["deletionGracePeriodSeconds"] = grace
        if grace == 0 and not meta.get("finalizers"):
            return self._remove(info, new, "delete")
        return self._commit_change(info, new, current, "delete")

    def _remove(self, info: KindInfo, obj: Obj, verb: str) -> Obj:
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

    def _owner_states(self, dependent: Obj) -> tuple[list[Obj], list[Obj], list[Obj]]:
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

    def _collect_dependent(self, dependent: Obj) -> None:
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

    def _finish_foreground(self, uid: str) -> None:
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

    def _orphan_dependents(self, uid: str) -> None:
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

    def _delete_namespace(self, info: KindInfo, current: Obj) -> Obj:
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

    def _finish_namespace(self, name: str) -> None:
        namespace = self._store.get("Namespace", "", name)
        if namespace is None or not namespace["metadata"].get("deletionTimestamp"):
            return
        for kind in self._store.kinds():
            if self.kinds.get(kind).namespaced and next(self._store.iter(kind, name), None):
                return
        with self.actor("namespace-controller"):
            self._remove(self.kinds.get("Namespace"), namespace, "delete")

    # -- events ------------------------------------------------------------------------------------------
    def record_event(self, involved: Obj, type_: str, reason: str, message: str,
                     component: str, host: str | None = None,
                     field_path: str | None = None) -> Obj:
        """A core/v1 Event as client-go's recorder writes it; an identical repeat (same source,
        object, type, reason and message) bumps count and lastTimestamp of the existing one."""
        ref = _reference(involved, field_path)
        ns = ref.get("namespace") or "default"
        key = (component, host or "", ref.get("kind"), ns, ref.get("name"),
               ref.get("fieldPath", ""), ref.get("uid", ""), ref.get("apiVersion"),
               type_, reason, message)
        now = self.clock.timestamp()
        with self.actor(component):
            known = self._event_names.get(key)
            existing = self._store.get("Event", known[0], known[1]) if known else None
            if existing is not None:
                new = clone(existing)
                new["count"] = int(existing.get("count") or 1) + 1
                new["lastTimestamp"] = now
                updated = self._commit_change(self.kinds.get("Event"), new, existing, "patch")
                self._expire_later(updated)
                return updated
            name = self._event_name(ref.get("name", ""), ns)
            source = {"component": component}
            if host:
                source["host"] = host
            event = {
                "apiVersion": "v1", "kind": "Event",
                "metadata": {"name": name, "namespace": ns},
                "involvedObject": ref, "reason": reason, "message": message,
                "source": source, "firstTimestamp": now, "lastTimestamp": now,
                "count": 1, "type": type_, "eventTime": None,
                "reportingComponent": component, "reportingInstance": host or "",
            }
            created = self.create(event)
            self._event_names[key] = (ns, name)
            self._expire_later(created)
            return created

    def _expire_later(self, event: Obj) -> None:
        meta = event["metadata"]
        self.clock.call_background(EVENT_TTL, self._expire_event, meta["namespace"],
                                   meta["name"], meta["resourceVersion"])

    def _expire_event(self, namespace: str, name: str, resource_version: str) -> None:
        current = self._store.get("Event", namespace, name)
        if current is not None and current["metadata"]["resourceVersion"] == resource_version:
            with self.actor("kube-apiserver"):
                self._remove(self.kinds.get("Event"), current, "delete")

    def _event_name(self, involved_name: str, ns: str) -> str:
        # client-go names events `<object>.<UnixNano in hex>`; nanoseconds only move forward
        # here so that names (and so list order) follow recording order.
        nanos = int(round((self.clock.epoch.timestamp() + self.clock.now()) * 1e9))
        nanos = max(nanos, self._last_event_nanos + 1)
        while self._store.get("Event", ns, f"{involved_name}.{nanos:x}") is not None:
            nanos += 1
        self._last_event_nanos = nanos
        return f"{involved_name}.{nanos:x}"


def _key(info: KindInfo, obj: Obj) -> tuple[str, str, str]:
    meta = obj["metadata"]
    return (info.kind, meta.get("namespace", "") if info.namespaced else "", meta.get("name", ""))


def _reference(involved: Obj, field_path: str | None) -> Obj:
    """An ObjectReference from an object (or from a reference given as is)."""
    if "metadata" in involved:
        meta = involved["metadata"]
        ref = {"apiVersion": involved.get("apiVersion", ""), "kind": involved.get("kind", ""),
               "name": meta.get("name", ""), "namespace": meta.get("namespace", ""),
               "resourceVersion": meta.get("resourceVersion", ""), "uid": meta.get("uid", "")}
    else:
        ref = {k: v for k, v in involved.items()
               if k in ("apiVersion", "kind", "name", "namespace", "resourceVersion", "uid",
                        "fieldPath")}
    if field_path:
        ref["fieldPath"] = field_path
    return {k: v for k, v in ref.items() if v != ""}
