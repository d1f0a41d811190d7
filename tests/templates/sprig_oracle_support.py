"""Rendering many template snippets with real Helm 4 (helm_python) in one chart.

One chart holds one template per snippet, so a few hundred snippets cost one render. A snippet
that fails aborts Helm's whole render; the failing file is named in the error, so it is set
aside with its error and the rest is rendered again.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

CHART_YAML = "apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: 1.2.3\n"


class HelmFailure(str):
    """Helm's error text for a snippet (a str subclass so results compare simply)."""


def _render(directory: Path, snippets: dict[int, str], values: dict[str, Any]) -> Any:
    import helm_python

    templates = directory / "templates"
    for old in templates.glob("*.yaml"):
        old.unlink()
    for index, text in snippets.items():
        (templates / f"t{index:04d}.yaml").write_text(text)
    chart = helm_python.Chart.load(str(directory))
    try:
        return chart.render(values, name="rel", namespace="default")
    except Exception as err:  # noqa: BLE001 - any Helm failure is data here
        return err


def render_with_helm(snippets: list[str], values: dict[str, Any]) -> list[str]:
    """Each snippet's output, or a HelmFailure holding Helm's error."""
    results: dict[int, str] = {}
    pending = dict(enumerate(snippets))
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        (directory / "templates").mkdir()
        (directory / "Chart.yaml").write_text(CHART_YAML)
        while pending:
            outcome = _render(directory, pending, values)
            if not isinstance(outcome, Exception):
                for index in pending:
                    results[index] = outcome[f"mychart/templates/t{index:04d}.yaml"]
                break
            match = re.search(r"templates/t(\d{4})\.yaml", str(outcome))
            if not match or int(match.group(1)) not in pending:
                raise RuntimeError(f"cannot attribute Helm failure: {outcome}")
            index = int(match.group(1))
            results[index] = HelmFailure(str(outcome))
            del pending[index]
    return [results[i] for i in range(len(snippets))]


def function_error(helm_error: str) -> str | None:
    """The `error calling NAME: ...` part of a Helm error, if a function failed."""
    match = re.search(r"error calling \w+: .*", helm_error, flags=re.S)
    return match.group(0) if match else None
