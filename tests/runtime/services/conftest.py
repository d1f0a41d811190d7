from __future__ import annotations

import pytest

from .helpers import Net

POSTGRES_ENV = {"POSTGRES_USER": "app", "POSTGRES_PASSWORD": "s3cret", "POSTGRES_DB": "agents"}
CLIENT_ENV = {"PGHOST": "postgres", "PGUSER": "app", "PGDATABASE": "agents",
              "PGPASSWORD": "s3cret"}


@pytest.fixture(scope="session")
def pg_net() -> Net:
    """One network with a running postgres pod, shared by the session (one server start)."""
    net = Net()
    net.serve("postgres", "postgres:15", POSTGRES_ENV)
    return net
