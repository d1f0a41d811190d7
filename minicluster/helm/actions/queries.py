"""Read-only release queries: `helm status`, `helm get`, `helm list`."""

from __future__ import annotations

import re

from minicluster.api.selectors import SelectorError, parse_label_selector
from minicluster.helm import messages as msg
from minicluster.helm.actions.base import ActionConfig, ActionError, validate_name
from minicluster.helm.release import (
    DEPLOYED,
    FAILED,
    PENDING,
    SUPERSEDED,
    UNINSTALLED,
    UNINSTALLING,
    Release,
)


def release_content(cfg: ActionConfig, name: str, revision: int = 0) -> Release:
    if validate_name(name) is not None:
        raise ActionError(f"releaseContent: Release name is invalid: {name}")
    if revision <= 0:
        last = cfg.storage.last(name)
        if last is None:
            raise ActionError(msg.RELEASE_NOT_FOUND)
        return last
    rel = cfg.storage.get(name, revision)
    if rel is None:
        raise ActionError(msg.RELEASE_NOT_FOUND)
    return rel


STATE_FLAGS = {
    "deployed": (DEPLOYED,), "failed": (FAILED,), "pending": PENDING,
    "superseded": (SUPERSEDED,), "uninstalled": (UNINSTALLED,),
    "uninstalling": (UNINSTALLING,),
}


def list_releases(cfg: ActionConfig, *, states: set[str] | None, filter_regex: str = "",
                  by_date: bool = False, reverse: bool = False, limit: int = 256,
                  offset: int = 0, selector: str = "") -> list[Release]:
    """Latest revision of every release in scope, filtered by state as `helm list` does.
    `states=None` means everything (`-a`)."""
    pattern = re.compile(filter_regex) if filter_regex else None
    latest: dict[tuple[str, str], Release] = {}
    only_superseded = states == {SUPERSEDED}
    stored = cfg.storage.all_with_labels()
    labels_of = {(r.namespace, r.name, r.version): labels for r, labels in stored}
    everything = [r for r, _ in stored]
    if pattern is not None:
        everything = [r for r in everything if pattern.search(r.name)]
    if only_superseded:
        chosen = everything
    else:
        for rel in everything:
            key = (rel.namespace, rel.name)
            if key not in latest or latest[key].version < rel.version:
                latest[key] = rel
        chosen = list(latest.values())
    if states is not None:
        chosen = [r for r in chosen if r.status in states]
    if selector:
        try:
            wanted = parse_label_selector(selector)
        except SelectorError as exc:
            raise ActionError(str(exc)) from None
        chosen = [r for r in chosen if wanted.matches(labels_of[(r.namespace, r.name, r.version)])]
    if by_date:
        chosen.sort(key=lambda r: (r.last_deployed or 0.0))
        chosen.reverse()
    else:
        chosen.sort(key=lambda r: r.name)
    if reverse:
        chosen.reverse()
    if offset:
        chosen = chosen[offset:]
    if limit > 0:
        chosen = chosen[:limit]
    return chosen
