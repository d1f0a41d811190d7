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


def render_with_helm(snippets: list[str], values: dict[str, Any], chunk: int = 24) -> list[str]:
    """Each snippet's output, or a HelmFailure holding Helm's error.

    Snippets are rendered in charts of `chunk` templates. Helm executes templates in reverse
    name order and stops at the first failure, so when file N fails every file after it in
    that order (index > N) is known to succeed: those are rendered together at the end, and
    only the files below N are tried again."""
    results: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        (directory / "templates").mkdir()
        (directory / "Chart.yaml").write_text(CHART_YAML)
        for first in range(0, len(snippets), chunk):
            indices = list(range(first, min(first + chunk, len(snippets))))
            results.update(_render_isolating_failures(directory, snippets, indices, values))
    return [results[i] for i in range(len(snippets))]


def _render_isolating_failures(
    directory: Path, snippets: list[str], pending: list[int], values: dict[str, Any]
) -> dict[int, str]:
    results: dict[int, str] = {}
    succeeded: list[int] = []
    while pending:
        outcome = _render(directory, {i: snippets[i] for i in pending}, values)
        if not isinstance(outcome, Exception):
            for index in pending:
                results[index] = outcome[f"mychart/templates/t{index:04d}.yaml"]
            break
        match = re.search(r"templates/t(\d{4})\.yaml", str(outcome))
        if not match or int(match.group(1)) not in pending:
            raise RuntimeError(f"cannot attribute Helm failure: {outcome}")
        failed = int(match.group(1))
        results[failed] = HelmFailure(str(outcome))
        succeeded += [i for i in pending if i > failed]
        pending = [i for i in pending if i < failed]
    if succeeded:
        outcome = _render(directory, {i: snippets[i] for i in succeeded}, values)
        if isinstance(outcome, Exception):
            raise RuntimeError(f"a snippet failed only in company of others: {outcome}")
        for index in succeeded:
            results[index] = outcome[f"mychart/templates/t{index:04d}.yaml"]
    return results


def cached_helm_outputs(
    cache: Any, key: str, snippets: list[str], values: dict[str, Any]
) -> list[str]:
    """render_with_helm, remembered in pytest's cache under a digest of the inputs and Helm's
    version (real Helm output either way; the cache only saves minutes on a loaded machine)."""
    import hashlib
    import json

    import helm_python

    digest = hashlib.sha256(
        json.dumps([snippets, values, helm_python.__version__], sort_keys=True).encode()
    ).hexdigest()[:16]
    entry = f"minicluster/{key}-{digest}"
    stored = cache.get(entry, None) if cache is not None else None
    if stored is not None:
        return [HelmFailure(text) if failed else text for failed, text in stored]
    outputs = render_with_helm(snippets, values)
    if cache is not None:
        cache.set(entry, [[isinstance(o, HelmFailure), str(o)] for o in outputs])
    return outputs


def function_error(helm_error: str) -> str | None:
    """The `error calling NAME: ...` part of a Helm error, if a function failed."""
    match = re.search(r"error calling \w+: .*", helm_error, flags=re.S)
    return match.group(0) if match else None
