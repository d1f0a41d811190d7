"""Resource arguments as cli-runtime's resource.Builder reads them, and fetching them.

`TYPE`, `TYPE NAME...`, `TYPE/NAME...`, `TYPE1,TYPE2`, `TYPE1,TYPE2 NAME` (every type with
every name), and categories (`all`) expand in discovery order. A `Request` is one GET or LIST
the real kubectl would send; each yields an `Info` with its objects, or an error kept for the
end (kubectl continues on errors and reports them after printing what it found).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import messages as m
from .errors import KubectlError


@dataclass
class Request:
    info: Any  # api.kinds.KindInfo
    name: str | None = None


@dataclass
class Result:
    request: Request
    objects: list[dict[str, Any]] = field(default_factory=list)
    error: Exception | None = None


def _split_types(arg: str) -> list[str]:
    return [part for part in arg.split(",") if part]


def expand_categories(api: Any, types: list[str]) -> list[Any]:
    """Kinds for type words, `all` expanding to the kinds of the `all` category."""
    kinds: list[Any] = []
    for word in types:
        if word == "all":
            kinds.extend(info for info in api.kinds.all() if "all" in info.categories)
        else:
            kinds.append(api.kinds.lookup(word))
    return kinds


def parse_resource_args(api: Any, args: list[str]) -> list[Request]:
    """ResourceTypeOrNameArgs: the requests the arguments stand for, in order."""
    if not args:
        return []
    if len(args) >= 2 and len(_split_types(args[0])) > 1 and "/" not in args[0]:
        args = [f"{t}/{n}" for t in _split_types(args[0]) for n in args[1:]]
    slashed = sum(1 for a in args if "/" in a)
    if slashed and slashed != len(args):
        raise KubectlError(m.RESOURCE_SEPARATE_TYPE)
    if slashed:
        requests = []
        for arg in args:
            parts = arg.split("/")
            if len(parts) != 2:
                raise KubectlError(m.RESOURCE_SLASHES)
            resource, name = parts
            if not resource or not name or len(_split_types(resource)) != 1:
                raise KubectlError(m.RESOURCE_SINGLE)
            requests.append((resource, name))
        by_word = {r: api.kinds.lookup(r) for r, _ in requests}
        return [Request(by_word[r], n) for r, n in requests]
    kinds = expand_categories(api, _split_types(args[0]))
    names = args[1:]
    if names:
        return [Request(k, n) for k in kinds for n in names]
    return [Request(k) for k in kinds]


def fetch(api: Any, requests: list[Request], namespace: str | None,
          label_selector: str | None = None, field_selector: str | None = None
          ) -> list[Result]:
    """Run each request (namespace None = all namespaces); errors are kept per request."""
    results = []
    for req in requests:
        ns = namespace if req.info.namespaced else None
        result = Result(req)
        try:
            if req.name is not None:
                if req.info.namespaced and namespace is None:
                    raise KubectlError(m.NAME_ACROSS_NAMESPACES)
                result.objects = [api.get(req.info.kind, req.name, namespace=ns or "")]
            else:
                result.objects = api.list(req.info.kind, namespace=ns,
                                          label_selector=label_selector or None,
                                          field_selector=field_selector or None)
        except Exception as exc:  # noqa: BLE001 - kubectl reports them after the output
            if not isinstance(exc, (KubectlError,)) and not hasattr(exc, "reason"):
                raise
            result.error = exc
        results.append(result)
    return results
