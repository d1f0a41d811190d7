"""`helm lint`'s deprecated-API warnings (rules/deprecations.go over k8s.io/apiserver's
deprecation package). The lifecycle data (deprecated in, removed in, replacement) comes from
k8s.io/api v0.36's generated prerelease-lifecycle functions, limited to the API groups of
client-go's scheme, as Helm 4.2 is built with them: see deprecations.json."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, dict[str, Any]]]:
    data = json.loads(resources.files(__package__).joinpath("deprecations.json").read_text())
    return data["apis"]


def deprecation_warning(api_version: str, kind: str, major: int, minor: int) -> str | None:
    """The warning for a deprecated type at Kubernetes major.minor, or None."""
    if not api_version or not kind:
        return None
    info = _table().get(api_version, {}).get(kind)
    if info is None:
        return None
    dep_major, dep_minor = info["deprecated"]
    if (dep_major, dep_minor) == (0, 0) or (dep_major, dep_minor) > (major, minor):
        return None
    msg = f"{api_version} {kind} is deprecated in v{dep_major}.{dep_minor}+"
    removed = info.get("removed")
    if removed and tuple(removed) != (0, 0):
        msg += f", unavailable in v{removed[0]}.{removed[1]}+"
    replacement = info.get("replacement")
    if replacement:
        msg += f"; use {replacement[0]} {replacement[1]}"
    return msg
