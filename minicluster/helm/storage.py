"""Releases stored the way Helm's default Secrets driver stores them (section 11.1).

One Secret per revision, `sh.helm.release.v1.<name>.v<revision>` in the release namespace, type
`helm.sh/release.v1`, labels name/owner/status/version plus createdAt (on create) or modifiedAt
(on update), and `data.release` = base64(gzip(JSON)) -- which the API base64-encodes once more,
so `kubectl get secret -o yaml` shows exactly what a real cluster shows.
"""

from __future__ import annotations

import base64
import gzip
import json
import weakref
from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.helm.release import DEPLOYED, Release, release_from_json, release_to_json

SECRET_TYPE = "helm.sh/release.v1"
OWNER = "helm"
SYSTEM_LABELS = ("name", "owner", "status", "version", "createdAt", "modifiedAt")
DEFAULT_HISTORY_MAX = 10

# Decoded releases per API server, keyed by (namespace, Secret name, resourceVersion): every
# helm command builds a new ReleaseStorage, and without this each one would gunzip and parse
# the whole history again. A hand-edited Secret gets a new resourceVersion, so it is re-read.
_DECODED: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, str], Release]] = (
    weakref.WeakKeyDictionary())


class StorageError(MiniclusterError):
    pass


def secret_name(name: str, version: int) -> str:
    return f"sh.helm.release.v1.{name}.v{version}"


def encode_release(payload: dict[str, Any]) -> str:
    """JSON -> gzip (best compression) -> base64, as Helm's encodeRelease."""
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    # Go's encoding/json escapes <, > and & for HTML safety; match it so decoders see the same.
    raw = raw.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode()


def decode_release(data: str) -> dict[str, Any]:
    raw = base64.b64decode(data)
    if raw[:3] == b"\x1f\x8b\x08":
        raw = gzip.decompress(raw)
    return json.loads(raw)


def _decoded_cache(api: Any) -> dict[tuple[str, str, str], Release]:
    try:
        return _DECODED.setdefault(api, {})
    except TypeError:  # an API object that cannot be weakly referenced: cache per storage
        return {}


class ReleaseStorage:
    """Release history of one namespace (or every namespace, for `helm list -A`)."""

    def __init__(self, cluster: Any, namespace: str | None, helm_version: int = 4) -> None:
        self.cluster = cluster
        self.api = cluster.api
        self.clock = cluster.clock
        self.namespace = namespace
        self.helm_version = helm_version
        # Decoding a release means base64 + gunzip + JSON; remember it per resourceVersion.
        self._decoded = _decoded_cache(self.api)

    # -- encoding ---------------------------------------------------------------------------
    def _secret(self, rel: Release, stamp_label: str) -> dict[str, Any]:
        labels = {k: v for k, v in rel.labels.items() if k not in SYSTEM_LABELS}
        labels[stamp_label] = str(int(self.clock.datetime().timestamp()))
        labels.update(name=rel.name, owner=OWNER, status=rel.status, version=str(rel.version))
        payload = release_to_json(rel, self.clock.epoch, self.helm_version)
        encoded = encode_release(payload)
        return {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": secret_name(rel.name, rel.version),
                         "namespace": rel.namespace, "labels": labels},
            "type": SECRET_TYPE,
            "data": {"release": base64.b64encode(encoded.encode()).decode()},
        }

    def _decode(self, secret: dict[str, Any]) -> Release:
        meta = secret["metadata"]
        key = (meta.get("namespace", ""), meta["name"], str(meta.get("resourceVersion", "")))
        cached = self._decoded.get(key)
        if cached is not None:
            return cached.copy()
        labels = {k: v for k, v in (meta.get("labels") or {}).items() if k not in SYSTEM_LABELS}
        try:
            encoded = base64.b64decode((secret.get("data") or {})["release"]).decode()
            rel = release_from_json(decode_release(encoded), self.clock.epoch, labels)
        except (KeyError, ValueError, TypeError, OSError) as exc:
            # A record someone edited by hand: Helm's driver fails the same way, per Secret.
            raise StorageError(f"{meta['name']}: cannot decode the release record: {exc}") from None
        self._decoded[key] = rel
        return rel.copy()

    # -- writes -----------------------------------------------------------------------------
    def create(self, rel: Release, history_max: int = DEFAULT_HISTORY_MAX) -> None:
        if history_max > 0:
            self._remove_least_recent(rel.name, rel.namespace, history_max - 1)
        with self.api.actor("helm"):
            self.api.create(self._secret(rel, "createdAt"), namespace=rel.namespace)

    def update(self, rel: Release) -> None:
        """Replace the revision's Secret (unconditionally, as Helm's driver does)."""
        obj = self._secret(rel, "modifiedAt")
        try:
            with self.api.actor("helm"):
                self.api.update(obj)
        except MiniclusterError as exc:
            raise StorageError(f"update: failed to update: {exc.message}") from None

    def delete(self, name: str, version: int, namespace: str) -> None:
        with self.api.actor("helm"):
            self.api.delete("Secret", secret_name(name, version), namespace)
        gone = (namespace, secret_name(name, version))
        for key in [k for k in self._decoded if k[:2] == gone]:
            del self._decoded[key]

    # -- reads ------------------------------------------------------------------------------
    def _secrets(self, selector: str, namespace: str | None) -> list[dict[str, Any]]:
        secrets = self.api.list("Secret", namespace=namespace, label_selector=selector)
        return [s for s in secrets if s.get("type") == SECRET_TYPE]

    def history(self, name: str, namespace: str | None = None) -> list[Release]:
        """Every stored revision, oldest first."""
        ns = namespace if namespace is not None else self.namespace
        rels = [self._decode(s) for s in self._secrets(f"name={name},owner={OWNER}", ns)]
        return sorted(rels, key=lambda r: r.version)

    def get(self, name: str, version: int, namespace: str | None = None) -> Release | None:
        ns = namespace if namespace is not None else self.namespace
        secret = self.api.try_get("Secret", secret_name(name, version), ns or "default")
        return self._decode(secret) if secret is not None else None

    def last(self, name: str) -> Release | None:
        history = self.history(name)
        return history[-1] if history else None

    def deployed(self, name: str) -> Release | None:
        history = [r for r in self.history(name) if r.status == DEPLOYED]
        return history[-1] if history else None

    def all_releases(self) -> list[Release]:
        """Every stored revision of every release in scope; callers filter."""
        return [rel for rel, _ in self.all_with_labels()]

    def all_with_labels(self) -> list[tuple[Release, dict[str, str]]]:
        """Every stored revision with its Secret's full label set (what `helm list -l` sees)."""
        return [(self._decode(s), dict(s["metadata"].get("labels") or {}))
                for s in self._secrets(f"owner={OWNER}", self.namespace)]

    # -- pruning ----------------------------------------------------------------------------
    def _remove_least_recent(self, name: str, namespace: str, maximum: int) -> None:
        history = self.history(name, namespace)
        if len(history) <= maximum:
            return
        deployed = [r for r in history if r.status == DEPLOYED]
        keep_version = deployed[-1].version if deployed else None
        doomed: list[Release] = []
        for rel in history:
            if len(history) - len(doomed) == maximum:
                break
            if rel.version != keep_version:
                doomed.append(rel)
        for rel in doomed:
            self.delete(name, rel.version, namespace)
