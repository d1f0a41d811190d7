"""Observations several labs share."""

from __future__ import annotations

from typing import Any

from minicluster.core import yamlio


def rendered_documents(result: Any) -> list[dict[str, Any]]:
    """The documents of a `helm template` result."""
    if result.exit_code != 0:
        return []
    return [d for d in yamlio.load_all(result.stdout) if isinstance(d, dict)]


def hook_jobs(docs: list[dict[str, Any]], event: str | None = None) -> list[dict[str, Any]]:
    """Rendered Jobs annotated as hooks (of `event`, or of any event)."""
    found = []
    for doc in docs:
        notes = (doc.get("metadata") or {}).get("annotations") or {}
        events = [e.strip() for e in str(notes.get("helm.sh/hook", "")).split(",") if e.strip()]
        if doc.get("kind") == "Job" and events and (event is None or event in events):
            found.append(doc)
    return found


def first_error_line(result: Any) -> str:
    text = (result.stderr or result.stdout).strip()
    return text.splitlines()[0] if text else f"exit code {result.exit_code}"
