"""`minicluster tour`: a narrated, headless run through the hook lifecycle.

It installs the kit's demo chart in a fresh in-memory cluster and walks through an install with
pre/post hooks, an upgrade with a weighted three-step migration, an upgrade whose verification
hook fails, a rollback, `helm test` and an uninstall, printing each command, its output and the
hook timeline."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from typing import Any

CHART_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tour_chart")

# (narration, [commands]) - commands starting with "helm " or "kubectl " run in the cluster,
# "timeline RELEASE" prints the hook timeline of the last helm command.
STEPS: list[tuple[str, list[str]]] = [
    ("Install. Helm renders the chart, runs the pre-install hook (db-init) and waits for it to "
     "finish, creates the ConfigMap and the Deployment, then runs the post-install hook.",
     ["helm install agents ./agents", "timeline"]),
    ("Both hooks carry the hook-succeeded delete policy, so Helm removed their Jobs once they "
     "succeeded. Only the app's own objects remain.",
     ["kubectl get jobs", "kubectl get deployments,configmaps"]),
    ("Upgrade. Three pre-upgrade hooks run one after the other, in ascending order of their "
     "weights (-10, 0, 10), each waited for before the next starts; then the manifest is "
     "updated and the post-upgrade hook flushes the cache.",
     ["helm upgrade agents ./agents --set image.tag=1.37", "timeline"]),
    ("A failing pre-upgrade hook. The verification step exits 1. Helm stops the upgrade before "
     "touching the app and marks the new revision failed. It does NOT roll back by itself "
     "(some tutorials say it does): the app keeps running revision 2.",
     ["helm upgrade agents ./agents --set migration.failVerify=true", "helm history agents",
      "kubectl get jobs", "kubectl logs job/agents-step-3-verify"]),
    ("Roll back to revision 2. Rollback makes a new revision (4) from revision 2's chart and "
     "runs that revision's rollback hooks.",
     ["helm rollback agents 2", "helm history agents"]),
    ("helm test runs the hooks annotated `test` and reports each one.",
     ["helm test agents"]),
    ("Uninstall. The pre-delete hook runs first; it has no delete policy, so the default "
     "(before-hook-creation) applies, which only acts before the hook is created again: the "
     "hook's Job outlives the release. Helm never deletes hook objects on uninstall.",
     ["helm uninstall agents", "kubectl get jobs", "helm list --all"]),
]


def _print_command(out: Any, command: str) -> None:
    out.write(f"\n$ {command}\n")


def run_tour(args: list[str], out: Any = None) -> int:
    from minicluster.cluster import Cluster

    out = out or sys.stdout
    if args and args[0] in ("-h", "--help"):
        out.write("usage: minicluster tour [--helm-version 3|4]\n\n" + (__doc__ or "") + "\n")
        return 0
    helm_version = 4
    if len(args) == 2 and args[0] == "--helm-version" and args[1] in ("3", "4"):
        helm_version = int(args[1])
    elif args:
        sys.stderr.write("usage: minicluster tour [--helm-version 3|4]\n")
        return 2
    with tempfile.TemporaryDirectory(prefix="minicluster-tour-") as tmp:
        shutil.copytree(CHART_DIR, os.path.join(tmp, "agents"))
        cluster = Cluster(seed=0, helm_version=helm_version, cwd=tmp)
        out.write(f"A fresh in-memory cluster (Helm {helm_version} behaviour). "
                  "Time is virtual: waiting costs nothing.\n")
        failures = 0
        for number, (narration, commands) in enumerate(STEPS, 1):
            out.write(f"\n== Step {number}. {narration}\n")
            last_release = "agents"
            for command in commands:
                if command == "timeline":
                    out.write("\n-- hook timeline of that command --\n")
                    timeline = cluster.timeline(last_release)
                    if timeline.groups:
                        from minicluster.notebook.timeline import Timeline

                        out.write(Timeline(timeline.groups[-1:]).text())
                    continue
                _print_command(out, command)
                tool, _, rest = command.partition(" ")
                result = cluster.helm(rest) if tool == "helm" else cluster.kubectl(rest)
                out.write(result.stdout)
                out.write(result.stderr)
                expect_failure = "failVerify=true" in command
                if (result.exit_code != 0) != expect_failure:
                    failures += 1
        out.write(f"\nThe tour took {cluster.clock.now():g} seconds of virtual time.\n")
        if failures:
            out.write(f"({failures} step(s) did not behave as the tour expects: "
                      "please report this as a bug.)\n")
        return 1 if failures else 0
