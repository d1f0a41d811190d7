"""Shared steps for the seed-example tests: a cluster rooted at examples/, the lab database,
and helpers that read helm's tables and the cluster's state the way a learner would."""

from __future__ import annotations

import re
from pathlib import Path

from minicluster import Cluster
from minicluster.core.result import CommandResult

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POSTGRES_MANIFEST = EXAMPLES.parent / "labs" / "01-schema-init" / "postgres.yaml"


def new_cluster(helm_version: int = 4) -> Cluster:
    return Cluster(seed=0, cwd=str(EXAMPLES), helm_version=helm_version)


def ok(result: CommandResult) -> CommandResult:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def start_postgres(c: Cluster) -> None:
    c.apply(POSTGRES_MANIFEST.read_text())
    ok(c.kubectl("rollout status statefulset/postgres --timeout=120s"))


def psql(c: Cluster, sql: str) -> list[str]:
    result = ok(c.kubectl(["exec", "postgres-0", "--", "psql", "-U", "agents", "-d", "agents",
                           "-At", "-c", sql]))
    return [line for line in result.stdout.splitlines() if line]


def columns(c: Cluster, table: str) -> list[str]:
    return psql(c, "SELECT column_name FROM information_schema.columns "
                   f"WHERE table_name = '{table}' ORDER BY ordinal_position")


def history(c: Cluster, release: str) -> list[tuple[str, str, str]]:
    """(revision, status, description) of each row of `helm history`."""
    out = ok(c.helm(f"history {release}")).stdout.splitlines()
    assert out[0].split() == ["REVISION", "UPDATED", "STATUS", "CHART", "APP", "VERSION",
                              "DESCRIPTION"]
    rows: list[tuple[str, str, str]] = []
    for line in out[1:]:
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 6:  # a multi-line description (Helm 3's multierror) goes on
            rows[-1] = (rows[-1][0], rows[-1][1], rows[-1][2] + "\n" + line.rstrip())
            continue
        rows.append((cells[0], cells[2], cells[5]))
    return [(number, status, text.rstrip()) for number, status, text in rows]


def names(c: Cluster, kind: str) -> list[str]:
    """`kubectl get <kind> -o name` without the kind prefix."""
    out = ok(c.kubectl(f"get {kind} -o name")).stdout.split()
    return [name.split("/", 1)[1] for name in out]


def status_block(name: str, status: str, revision: int, description: str,
                 helm_version: int, tests: str = "TEST SUITE: None\n") -> str:
    """Helm's status block with LAST DEPLOYED masked (see without_time); H3 prints no
    DESCRIPTION line after install or upgrade."""
    described = f"DESCRIPTION: {description}\n" if helm_version == 4 else ""
    return (f"NAME: {name}\nLAST DEPLOYED: <T>\nNAMESPACE: default\nSTATUS: {status}\n"
            f"REVISION: {revision}\n{described}{tests}")


def without_time(text: str) -> str:
    return re.sub(r"(?m)^LAST DEPLOYED: .*$", "LAST DEPLOYED: <T>", text)


def pods_of_job(c: Cluster, job: str) -> list[str]:
    return names(c, f"pods -l job-name={job}")


def run_pod(c: Cluster, name: str, image: str, script: str, claim: str | None = None,
            mount: str = "/data") -> CommandResult:
    """Run `script` in a one-off pod (mounting `claim` at `mount`) and return its logs."""
    volume = (f"      volumeMounts:\n        - name: v\n          mountPath: {mount}\n"
              f"  volumes:\n    - name: v\n      persistentVolumeClaim:\n"
              f"        claimName: {claim}\n") if claim else ""
    indented = "\n".join("          " + line for line in script.splitlines())
    c.apply(f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n"
            f"  restartPolicy: Never\n  containers:\n    - name: main\n      image: {image}\n"
            f"      command:\n        - /bin/sh\n        - -c\n        - |\n{indented}\n{volume}")
    c.advance("30s")
    phase = c.api.get("Pod", name, "default").get("status", {}).get("phase")
    assert phase in ("Succeeded", "Failed"), phase
    return c.kubectl(f"logs {name}")
