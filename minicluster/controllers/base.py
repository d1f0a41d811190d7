"""The shape every reconciler shares: a work queue of object keys drained on the virtual clock.

Watch callbacks only enqueue; the work runs in a clock callback, under the controller's actor
name, so that the API server's action log says who did what. A key queued twice before it runs
is synced once (as client-go's work queue does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from minicluster.controllers.manager import ControllerManager

Key = tuple[str, str]  # (namespace, name)


def key_of(obj: dict[str, Any]) -> Key:
    meta = obj.get("metadata") or {}
    return (meta.get("namespace") or "", meta.get("name", ""))


def controller_owner(obj: dict[str, Any], kind: str | None = None) -> dict[str, Any] | None:
    for ref in (obj.get("metadata") or {}).get("ownerReferences") or ():
        if ref.get("controller") and (kind is None or ref.get("kind") == kind):
            return ref
    return None


class Controller:
    name = "controller"
    # Whether timers this controller asks for keep the cluster busy (run_until_idle waits).
    foreground = True

    def __init__(self, manager: ControllerManager) -> None:
        self.manager = manager
        self.api = manager.api
        self.clock = manager.clock
        self._soon: set[Key] = set()
        self._later: dict[Key, Any] = {}  # key -> timer handle of the earliest delayed sync

    # -- queueing -------------------------------------------------------------------------
    def enqueue(self, key: Key) -> None:
        if key in self._soon:
            return
        self._soon.add(key)
        self.clock.call_soon(self._run, key, True)

    def enqueue_after(self, key: Key, delay: float, background: bool = False) -> None:
        if delay <= 0:
            self.enqueue(key)
            return
        when = self.clock.now() + delay
        existing = self._later.get(key)
        if existing is not None and not existing.cancelled and existing.when <= when:
            return
        if existing is not None:
            existing.cancel()
        if background or not self.foreground:
            handle = self.clock.call_background(delay, self._run, key, False)
        else:
            handle = self.clock.call_later(delay, self._run, key, False)
        self._later[key] = handle

    def forget(self, key: Key) -> None:
        """Drop the delayed syncs of an object that is gone, so they keep nobody waiting."""
        handle = self._later.pop(key, None)
        if handle is not None:
            handle.cancel()

    def _run(self, key: Key, soon: bool) -> None:
        if soon:
            self._soon.discard(key)
        else:
            self._later.pop(key, None)
        with self.api.actor(self.name):
            self.sync(key)

    # -- to implement ---------------------------------------------------------------------
    def on_event(self, event_type: str, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        """Called synchronously for every API change; enqueue what needs a sync."""

    def sync(self, key: Key) -> None:
        raise NotImplementedError

    # -- helpers --------------------------------------------------------------------------
    def event(self, obj: dict[str, Any], type_: str, reason: str, message: str) -> None:
        self.manager.record_event(obj, type_, reason, message, self.name)
