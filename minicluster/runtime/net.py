"""The containers' listening ports. Programs that serve (the services engineer's postgres,
redis, demo web apps) register a Listener here; HTTP and TCP probes and client programs (curl,
psql...) find them through it. Nothing here opens a real socket."""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    def http(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        """Answer one HTTP request: status, headers, body."""
        ...


class Network:
    def __init__(self) -> None:
        self.listeners: dict[tuple[str, int], object] = {}

    def listen(self, container_id: str, port: int, listener: object) -> None:
        self.listeners[(container_id, port)] = listener

    def close(self, container_id: str, port: int | None = None) -> None:
        for key in list(self.listeners):
            if key[0] == container_id and (port is None or key[1] == port):
                del self.listeners[key]

    def listener(self, container_id: str, port: int) -> object | None:
        return self.listeners.get((container_id, port))

    def http_ok(self, container_id: str, port: int, path: str) -> bool:
        listener = self.listener(container_id, port)
        handler = getattr(listener, "http", None)
        if handler is None:
            return False
        status, _, _ = handler("GET", path, {"User-Agent": "kube-probe/1.32"}, b"")
        return 200 <= status < 400
