"""Manifests and helpers for the whole-cluster services tests (the seeds' Jobs as written)."""

from __future__ import annotations

import json
import re
from typing import Any

PLATFORM = """
apiVersion: v1
kind: Secret
metadata: {name: db-secret}
stringData: {password: s3cret, url: "postgresql://app:s3cret@postgres:5432/agents"}
---
apiVersion: v1
kind: Service
metadata: {name: postgres}
spec:
  selector: {app: postgres}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: postgres}
spec:
  serviceName: postgres
  replicas: 1
  selector: {matchLabels: {app: postgres}}
  template:
    metadata: {labels: {app: postgres}}
    spec:
      containers:
      - name: postgres
        image: postgres:15
        env:
        - {name: POSTGRES_USER, value: app}
        - {name: POSTGRES_DB, value: agents}
        - name: POSTGRES_PASSWORD
          valueFrom: {secretKeyRef: {name: db-secret, key: password}}
        ports: [{containerPort: 5432}]
        readinessProbe:
          exec: {command: [pg_isready, -U, app]}
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata: {name: redis-cache}
spec:
  selector: {app: redis}
  ports: [{port: 6379}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: redis}
spec:
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      containers:
      - name: redis
        image: redis:7
        readinessProbe:
          tcpSocket: {port: 6379}
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata: {name: service-registry}
spec:
  selector: {app: registry}
  ports: [{port: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: service-registry}
spec:
  selector: {matchLabels: {app: registry}}
  template:
    metadata: {labels: {app: registry}}
    spec:
      containers:
      - name: registry
        image: service-registry:1.0
        readinessProbe:
          httpGet: {path: /health, port: 8080}
          periodSeconds: 5
"""

APP = """
apiVersion: v1
kind: Service
metadata: {name: my-app}
spec:
  selector: {app: my-app}
  ports: [{port: 8000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: my-app}
spec:
  selector: {matchLabels: {app: my-app}}
  template:
    metadata: {labels: {app: my-app}}
    spec:
      containers:
      - name: app
        image: my-app:%(tag)s
        env:
        - name: DATABASE_URL
          valueFrom: {secretKeyRef: {name: db-secret, key: url}}
        readinessProbe:
          httpGet: {path: /health, port: 8000}
          periodSeconds: 5
        livenessProbe:
          tcpSocket: {port: 8000}
          periodSeconds: 10
"""

DB_ENV = [{"name": "DB_HOST", "value": "postgres"}, {"name": "DB_USER", "value": "app"},
          {"name": "DB_NAME", "value": "agents"},
          {"name": "PGPASSWORD", "valueFrom": {"secretKeyRef": {"name": "db-secret",
                                                               "key": "password"}}}]
PG_ENV = [{"name": "PGHOST", "value": "postgres"}, {"name": "PGUSER", "value": "app"},
          {"name": "PGDATABASE", "value": "agents"},
          {"name": "PGPASSWORD", "valueFrom": {"secretKeyRef": {"name": "db-secret",
                                                               "key": "password"}}}]


def job(name: str, image: str, command: list[str], env: list[dict[str, Any]] | None = None,
        ) -> str:
    """A Job manifest as JSON (valid YAML), backoffLimit 0 so one run decides it."""
    return json.dumps({
        "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
        "spec": {"backoffLimit": 0, "template": {"spec": {
            "restartPolicy": "Never",
            "containers": [{"name": "main", "image": image, "command": command,
                            "env": env or []}]}}}})


def run_job(cluster: Any, name: str, image: str, script: str | list[str],
            env: list[dict[str, Any]] | None = None, seconds: float = 60) -> tuple[str, str]:
    """Run a Job to its end; (job status word, logs)."""
    command = ["/bin/sh", "-c", script] if isinstance(script, str) else script
    cluster.apply(job(name, image, command, env))
    cluster.advance(seconds)
    obj = cluster.api.get("Job", name)
    conditions = {c["type"] for c in (obj.get("status") or {}).get("conditions") or []
                  if c.get("status") == "True"}
    state = "Complete" if "Complete" in conditions else (
        "Failed" if "Failed" in conditions else "Running")
    logs = cluster.kubectl(["logs", f"job/{name}"]).stdout
    return state, logs


def pod_ready(cluster: Any, label: str) -> bool:
    pods = cluster.api.list("Pod", namespace="default", label_selector=label)
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for p in pods for c in (p.get("status") or {}).get("conditions") or [])


METER = re.compile(r"^(  % Total    % Received.*|\s+Dload  Upload.*|\s*\d+\s+\d+\s+\d+\s+\d+\s+0"
                   r"\s+0\s+0\s+0 --:--:-- --:--:-- --:--:--\s+0)$")


def without_meter(logs: str) -> str:
    """curl's progress meter lines removed (they go to stderr, mixed into the pod log)."""
    return "".join(line + "\n" for line in logs.splitlines() if not METER.match(line))
