"""What a scenario works with: a fresh cluster, the learner's chart, and observations that
checks can read without parsing text (hook order, objects present, release history)."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from typing import Any

from minicluster.core.result import CommandResult


@dataclass
class Step:
    """One helm/kubectl command of a scenario and what the cluster looked like right after it."""

    command: str
    result: CommandResult
    log_start: int
    log_end: int
    jobs: list[str] = field(default_factory=list)  # Job names present right after the step


class Harness:
    def __init__(self, chart_dir: str, seed: int = 0, helm_version: int | None = None) -> None:
        from minicluster.cluster import Cluster

        self.chart_dir = os.path.abspath(chart_dir)
        self.cluster = Cluster(seed=seed, helm_version=helm_version,
                               cwd=os.path.dirname(self.chart_dir))
        self.steps: list[Step] = []

    @property
    def chart(self) -> str:
        return shlex.quote(self.chart_dir)

    def helm(self, command: str) -> Step:
        return self._record(command, self.cluster.helm)

    def kubectl(self, command: str) -> Step:
        return self._record(command, self.cluster.kubectl)

    def _record(self, command: str, run: Any) -> Step:
        start = len(self.cluster.api.action_log)
        result = run(command.replace("CHART", self.chart))
        step = Step(command, result, start, len(self.cluster.api.action_log),
                    jobs=sorted(j["metadata"]["name"] for j in self.cluster.api.list("Job")))
        self.steps.append(step)
        return step

    # -- observations ----------------------------------------------------------------------------
    def created(self, step: Step, kind: str | None = None, actor: str = "helm") -> list[tuple[str, str]]:
        """(kind, name) of the objects helm created during a step, in creation order."""
        return [(a.kind, a.name) for a in self.cluster.api.action_log[step.log_start:step.log_end]
                if a.verb == "create" and a.actor == actor and (kind is None or a.kind == kind)
                and not (a.kind == "Secret" and a.name.startswith("sh.helm.release."))]

    def hook_names(self, step: Step, event: str | None = None) -> list[str]:
        """Names of hook objects helm created during a step, in the order it created them."""
        names = []
        for a in self.cluster.api.action_log[step.log_start:step.log_end]:
            if a.verb != "create" or a.actor != "helm":
                continue
            notes = ((a.obj or {}).get("metadata") or {}).get("annotations") or {}
            events = [e.strip() for e in notes.get("helm.sh/hook", "").split(",") if e.strip()]
            if events and (event is None or event in events):
                names.append(a.name)
        return names

    def exists(self, kind: str, name: str, namespace: str = "default") -> bool:
        return self.cluster.api.try_get(kind, name, namespace) is not None

    def history(self, release: str) -> list[dict[str, Any]]:
        import json

        result = self.cluster.helm(f"history {release} -o json")
        return json.loads(result.stdout) if result.exit_code == 0 and result.stdout.strip() else []

    def render(self, values: str = "") -> CommandResult:
        return self.cluster.helm(f"template check {self.chart} {values}")
