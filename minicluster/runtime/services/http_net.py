"""HTTP between containers: a URL's host is resolved through the cluster's DNS (Service ->
ready pods -> the container's listener on the port); a few well-known external webhook hosts
reach an in-process webhook sink that records every request and answers 200; any other
host does not resolve."""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# External hosts a teaching cluster pretends to reach (notification hooks, example APIs).
WEBHOOK_HOSTS = frozenset({
    "hooks.slack.com", "api.example.com", "example.com", "www.example.com",
    "webhook.site", "discord.com", "hooks.zapier.com", "httpbin.org", "api.github.com",
})
WEBHOOK_IP = "93.184.215.14"


class NetError(Exception):
    def __init__(self, kind: str, host: str, port: int, ip: str | None = None) -> None:
        super().__init__(kind)
        self.kind = kind  # "resolve" | "refused" | "timeout"
        self.host = host
        self.port = port
        self.ip = ip


@dataclass
class WebhookRequest:
    time: float
    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    source: str  # the container id that sent it

    def json(self) -> Any:
        return json.loads(self.body.decode() or "null")


@dataclass
class WebhookSink:
    """Every request to an external webhook host, for tests and graders to read."""

    requests: list[WebhookRequest] = field(default_factory=list)

    def http(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[
            int, dict[str, str], bytes]:
        return 200, {"Content-Type": "text/plain"}, b"ok"


_SINKS: weakref.WeakKeyDictionary[Any, WebhookSink] = weakref.WeakKeyDictionary()


def webhook_sink(runtime: Any) -> WebhookSink:
    """The sink of one runtime (one Cluster): `webhook_sink(cluster.runtime).requests`."""
    sink = _SINKS.get(runtime)
    if sink is None:
        sink = _SINKS[runtime] = WebhookSink()
    return sink


@dataclass
class Url:
    scheme: str
    host: str
    port: int
    path: str  # with the query string

    @property
    def text(self) -> str:
        default = 443 if self.scheme == "https" else 80
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{self.host}{port}{self.path}"


def parse_url(text: str) -> Url | None:
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Url(parts.scheme, parts.hostname, port, path)


def find_listener(ctx: Any, host: str, port: int) -> tuple[Any, str]:
    """The listener behind host:port and the address it resolved to; raises NetError."""
    h = ctx.host
    if host in ("localhost", "127.0.0.1", "::1"):
        listener = h.net.listener(h.container_id, port)
        if listener is None:
            raise NetError("refused", host, port, "127.0.0.1")
        return listener, "127.0.0.1"
    services = ctx.services
    ids = services.resolve(host, h.spec.namespace) if services is not None else None
    if ids is None:
        if host.lower().rstrip(".") in WEBHOOK_HOSTS:
            return webhook_sink(getattr(h, "runtime", None)), WEBHOOK_IP
        if _is_ip(host):
            raise NetError("timeout", host, port, host)
        raise NetError("resolve", host, port)
    ip = services.pod_ip(host, h.spec.namespace) or host
    for cid in ids:
        listener = h.net.listener(cid, port)
        if listener is not None:
            return listener, ip
    raise NetError("refused", host, port, ip)


def request(ctx: Any, url: Url, method: str, headers: dict[str, str], body: bytes) -> tuple[
        int, dict[str, str], bytes, str]:
    """One HTTP exchange: (status, headers, body, ip); raises NetError."""
    listener, ip = find_listener(ctx, url.host, url.port)
    if isinstance(listener, WebhookSink):
        listener.requests.append(WebhookRequest(ctx.clock.now(), method, url.text, dict(headers),
                                                body, ctx.host.container_id))
    handler = getattr(listener, "http", None)
    if handler is None:
        # Something listens but does not speak HTTP (postgres, redis): the peer hangs up.
        return 0, {}, b"", ip
    status, resp_headers, resp_body = handler(method, url.path, headers, body)
    return status, resp_headers, resp_body, ip


def _is_ip(host: str) -> bool:
    parts = host.split(".")
    return len(parts) == 4 and all(p.isdigit() for p in parts)


REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently",
           302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
           404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
