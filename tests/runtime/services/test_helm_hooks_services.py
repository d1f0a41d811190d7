"""Hooks that use the real services through `helm install/upgrade`: a post-install schema Job
(psql here-doc, PG* variables from a Secret) and a pre-upgrade migration that is not
idempotent, so the second upgrade fails with ON_ERROR_STOP, as on a real cluster."""

from __future__ import annotations

from pathlib import Path

from .helpers import make_cluster

CHART = {
    "Chart.yaml": "apiVersion: v2\nname: agents\nversion: 0.1.0\nappVersion: \"1.0.0\"\n",
    "values.yaml": "postgres: {host: postgres, user: app, database: agents, secretName: db}\n",
    "templates/db.yaml": """apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {password: s3cret}
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
          valueFrom: {secretKeyRef: {name: db, key: password}}
        readinessProbe:
          exec: {command: [pg_isready, -U, app]}
          periodSeconds: 2
""",
    "templates/hooks.yaml": """{{- define "pgenv" }}
        env:
        - {name: PGHOST, value: {{ .Values.postgres.host }}}
        - {name: PGUSER, value: {{ .Values.postgres.user }}}
        - {name: PGDATABASE, value: {{ .Values.postgres.database }}}
        - name: PGPASSWORD
          valueFrom: {secretKeyRef: {name: {{ .Values.postgres.secretName }}, key: password}}
{{- end }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-db-init
  annotations: {"helm.sh/hook": post-install}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: init
        image: postgres:15
{{- include "pgenv" . }}
        command:
        - /bin/sh
        - -c
        - |
          until pg_isready -q; do sleep 2; done
          psql <<EOF
          CREATE TABLE IF NOT EXISTS agents (
          id SERIAL PRIMARY KEY,
          name VARCHAR(255) NOT NULL
          );
          EOF
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    "helm.sh/hook": pre-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: postgres:15
{{- include "pgenv" . }}
        command:
        - /bin/sh
        - -c
        - |
          psql -v ON_ERROR_STOP=1 <<EOF
          ALTER TABLE agents ADD COLUMN status VARCHAR(50) DEFAULT 'active';
          EOF
""",
}


def test_hooks_run_psql_against_the_release_database(tmp_path: Path) -> None:
    for name, text in CHART.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    cluster = make_cluster()
    installed = cluster.helm(["install", "demo", str(tmp_path)])
    assert installed.exit_code == 0, installed.stderr
    assert cluster.kubectl(["logs", "job/demo-db-init"]).stdout == "CREATE TABLE\n"
    first = cluster.helm(["upgrade", "demo", str(tmp_path)])
    assert first.exit_code == 0, first.stderr
    assert cluster.kubectl(["logs", "job/demo-migrate"]).stdout == "ALTER TABLE\n"
    second = cluster.helm(["upgrade", "demo", str(tmp_path)])
    assert second.exit_code == 1
    assert "UPGRADE FAILED" in second.stderr
    assert cluster.kubectl(["logs", "job/demo-migrate"]).stdout == (
        'ERROR:  column "status" of relation "agents" already exists\n')
    described = cluster.kubectl(["exec", "postgres-0", "--", "psql", "-U", "app", "-d",
                                 "agents", "-c", "\\d agents"])
    assert described.stdout.splitlines()[3:6] == [
        " id     | integer                |           | not null | "
        "nextval('agents_id_seq'::regclass)",
        " name   | character varying(255) |           | not null | ",
        " status | character varying(50)  |           |          | "
        "'active'::character varying",
    ]
