"""`helm lint`: Helm's rules (rules.py) plus minicluster's hook checks (hooks.py)."""

from __future__ import annotations

import os
import tarfile
import tempfile
from dataclasses import dataclass, field
from typing import Any

from . import hooks, rules
from .support import ERROR, INFO, WARNING, Linter, Message

__all__ = ["ERROR", "INFO", "WARNING", "LintResult", "Message", "lint_chart", "run_all"]


@dataclass
class LintResult:
    path: str
    messages: list[Message] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what makes the chart count as failed
    linted: bool = True

    @property
    def helm_messages(self) -> list[Message]:
        return [m for m in self.messages if not m.minicluster]

    @property
    def has_warnings_or_errors(self) -> bool:
        return any(m.severity > INFO for m in self.helm_messages) or bool(self.errors)


def run_all(chart_dir: str, values: dict[str, Any], namespace: str = "default",
            kube_version: str | None = None, skip_schema: bool = False,
            hook_checks: bool = True) -> Linter:
    """lint.RunAll over a chart directory, then the hook checks on what rendered."""
    linter = Linter(os.path.abspath(chart_dir))
    rules.chartfile(linter)
    rules.values(linter, values, skip_schema)
    rendered: dict[str, Any] = {}
    rules.templates(linter, namespace, values, kube_version, skip_schema, rendered)
    rules.dependencies(linter)
    rules.crds(linter)
    if hook_checks and "result" in rendered:
        hooks.check_rendered(linter, rendered["result"].templates)
    return linter


def lint_chart(path: str, values: dict[str, Any], *, namespace: str = "default",
               kube_version: str | None = None, skip_schema: bool = False,
               strict: bool = False, hook_checks: bool = True) -> LintResult:
    """action.Lint for one path (directory or .tgz)."""
    result = LintResult(path)
    with tempfile.TemporaryDirectory(prefix="helm-lint") as tmp:
        chart_dir = path
        if path.endswith((".tgz", ".tar.gz")):
            try:
                with tarfile.open(path, "r:gz") as tar:
                    tar.extractall(tmp, filter="data")
            except (OSError, tarfile.TarError) as exc:
                result.errors.append(f"unable to extract tarball: {exc}")
                result.linted = False
                return result
            entries = sorted(os.listdir(tmp))
            chart_dir = os.path.join(tmp, entries[0]) if entries else tmp
        if not os.path.exists(os.path.join(chart_dir, "Chart.yaml")):
            result.errors.append("unable to check Chart.yaml file in chart: stat "
                                 f"{os.path.join(chart_dir, 'Chart.yaml')}: no such file or directory")
            result.linted = False
            return result
        linter = run_all(chart_dir, values, namespace, kube_version, skip_schema, hook_checks)
    lowest = WARNING if strict else ERROR
    result.messages = linter.messages
    result.errors = [m.text for m in linter.messages if not m.minicluster and m.severity >= lowest]
    return result
