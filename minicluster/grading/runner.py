"""Run one lab's checks against one chart."""

from __future__ import annotations

import copy
import os
from typing import Any

from minicluster.core.errors import MiniclusterError

from .harness import Harness
from .model import CheckResult, Lab, Report


class ScenarioFailed(Exception):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason


class Context:
    """What a check receives: the chart and the scenarios, each run once on demand in a fresh
    cluster with the lab's fixed seed (so the same chart always gets the same result)."""

    def __init__(self, lab: Lab, chart_dir: str) -> None:
        self.lab = lab
        self.chart_dir = chart_dir
        self._runs: dict[str, Any] = {}
        self._failures: dict[str, str] = {}

    def harness(self, helm_version: int | None = None) -> Harness:
        return Harness(self.chart_dir, seed=self.lab.seed, helm_version=helm_version)

    def scenario(self, name: str) -> Any:
        if name in self._failures:
            raise ScenarioFailed(name, self._failures[name])
        if name not in self._runs:
            try:
                self._runs[name] = self.lab.scenarios[name](self.harness())
            except MiniclusterError as exc:
                self._failures[name] = exc.message
                raise ScenarioFailed(name, exc.message) from None
        return self._runs[name]


def find_chart(path: str) -> str | None:
    """A submission is a chart directory, or a folder holding exactly one chart."""
    if os.path.isfile(os.path.join(path, "Chart.yaml")):
        return path
    if not os.path.isdir(path):
        return None
    candidates = [os.path.join(path, d) for d in sorted(os.listdir(path))
                  if os.path.isfile(os.path.join(path, d, "Chart.yaml"))]
    return candidates[0] if len(candidates) == 1 else None


def run_checks(lab: Lab, chart_path: str, include_hidden: bool = False,
               submission: str | None = None) -> Report:
    name = submission or os.path.basename(os.path.abspath(chart_path))
    chart_dir = find_chart(chart_path)
    checks = lab.checks if include_hidden else lab.public_checks()
    if chart_dir is None:
        results = [CheckResult(c.id, c.title, c.points, 0, "no chart to grade", c.hint, c.hidden)
                   for c in checks]
        return Report(lab.id, name, results,
                      problem=f"no Chart.yaml found in {chart_path} (or in exactly one folder in it)")
    ctx = Context(lab, chart_dir)
    results = []
    for check in checks:
        error = False
        try:
            message = check.fn(ctx)
        except ScenarioFailed as exc:
            message = f"the '{exc.name}' scenario could not run: {exc.reason}"
        except MiniclusterError as exc:
            message = exc.message
        except Exception as exc:  # a bug in the kit or in the check, never the learner's fault
            message = f"internal error in check {check.id}: {exc.__class__.__name__}: {exc}"
            error = True
        earned = check.points if message is None else 0
        results.append(CheckResult(check.id, check.title, check.points, earned, message or "",
                                   check.hint, check.hidden, error))
    return Report(lab.id, name, results)


def fresh_lab(lab: Lab) -> Lab:
    """A copy that hidden checks can be added to without touching the registered lab."""
    clone = copy.copy(lab)
    clone.checks = list(lab.checks)
    clone.scenarios = dict(lab.scenarios)
    return clone
