"""Real services for containers: PostgreSQL (one embedded server, a database per pod), Redis
(fakeredis), HTTP between pods and to a webhook sink, and the demo apps. Importing this
package registers their programs and images."""

from . import (  # noqa: F401
    apps,
    curl,
    images,
    netclients,
    pgtools,
    postgres_program,
    psql,
    redis,
)
from .http_net import WebhookSink, webhook_sink
from .postgres_server import SERVER, get_postgres

__all__ = ["SERVER", "WebhookSink", "get_postgres", "webhook_sink"]
