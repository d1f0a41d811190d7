"""How a server program waits: until the container is killed, or, when it is the container's
main process, until SIGTERM/SIGINT, which servers handle by shutting down cleanly (so a
deleted pod ends at once with status 0 instead of waiting for SIGKILL after the grace)."""

from __future__ import annotations

import math
from typing import Any

SHUTDOWN_SIGNALS = (2, 15)


def serve_forever(ctx: Any) -> int | None:
    """Block; returns the signal number that asked for a shutdown (None if never)."""
    host = ctx.host
    job = host.current()
    received: list[int] = []
    if job is host.main_job and host.signal_handler is None:
        def on_signal(signum: int) -> bool:
            if signum in SHUTDOWN_SIGNALS:
                received.append(signum)
                return True
            return False

        host.signal_handler = on_signal
    while not received:
        job.interruptible = True
        try:
            ctx.sleep(math.inf)
        finally:
            job.interruptible = False
    return received[0]
