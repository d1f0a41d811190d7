"""Hook checks real `helm lint` does not make (minicluster additions).

Each finding says what real Helm would silently do, because that silence is what makes hook
mistakes hard to see: an unknown event drops the resource, a bad weight becomes 0, an unknown
delete policy is stored and never acts, a misspelled annotation key is just an annotation.
They are printed after Helm's own messages, marked `(minicluster)`, and never make
`helm lint` fail, so exit codes stay those of real Helm.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from minicluster.helm import manifests as m
from minicluster.helm.chart import goyaml
from minicluster.helm.chart.errors import YamlError

from .support import INFO, WARNING, Linter

KNOWN_KEYS = (m.HOOK_ANNOTATION, m.HOOK_WEIGHT_ANNOTATION, m.HOOK_DELETE_ANNOTATION,
              m.HOOK_OUTPUT_LOG_ANNOTATION, m.RESOURCE_POLICY_ANNOTATION)
DELETE_POLICIES = (m.BEFORE_HOOK_CREATION, m.HOOK_SUCCEEDED, m.HOOK_FAILED)
OUTPUT_LOG_POLICIES = (m.HOOK_SUCCEEDED, m.HOOK_FAILED)
_PREFIX = "(minicluster) "


def _closest(word: str, options: tuple[str, ...] | list[str]) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.75)
    if found:
        return found[0]
    prefixed = [o for o in options if o.startswith(word) or word.startswith(o)]
    return prefixed[0] if prefixed else None


def _suggest(word: str, options: tuple[str, ...] | list[str]) -> str:
    best = _closest(word, options)
    return f' (did you mean "{best}"?)' if best else ""


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _docs(text: str) -> list[str]:
    return m.split_documents(text)


def check_document(linter: Linter, path: str, doc: dict[str, Any]) -> None:
    meta = _as_dict(doc.get("metadata"))
    annotations = _as_dict(meta.get("annotations"))
    kind = str(doc.get("kind") or "")
    name = str(meta.get("name") or "")
    what = f'{kind} "{name}"' if name else kind or "resource"

    def warn(text: str, severity: int = WARNING) -> None:
        linter.extra(severity, path, _PREFIX + text)

    for key in annotations:
        if not isinstance(key, str) or key in KNOWN_KEYS or not key.startswith("helm.sh/"):
            continue
        best = _closest(key, KNOWN_KEYS)
        if best:
            warn(f'{what}: annotation "{key}" is not a Helm annotation (did you mean "{best}"?); '
                 "real Helm treats it as an ordinary annotation and ignores it")

    if m.HOOK_ANNOTATION not in annotations:
        return
    raw_events = annotations[m.HOOK_ANNOTATION]
    events_text = raw_events if isinstance(raw_events, str) else str(raw_events)
    for part in events_text.split(","):
        event = part.strip().lower()
        if event not in m.EVENTS:
            shown = part.strip()
            warn(f'{what}: unknown hook event "{shown}"{_suggest(event, list(m.EVENTS))}; real Helm '
                 "silently drops the whole resource: it is neither installed nor run as a hook")
    _check_weight(annotations, what, warn)
    _check_policies(annotations, m.HOOK_DELETE_ANNOTATION, DELETE_POLICIES, what, warn,
                    "delete policy", "stores it and never acts on it, and the default "
                    "before-hook-creation no longer applies")
    _check_policies(annotations, m.HOOK_OUTPUT_LOG_ANNOTATION, OUTPUT_LOG_POLICIES, what, warn,
                    "output-log policy", "stores it and never acts on it")
    if kind == "Job":
        _check_job(doc, what, warn)


def _check_weight(annotations: dict[str, Any], what: str, warn: Any) -> None:
    if m.HOOK_WEIGHT_ANNOTATION not in annotations:
        return
    weight = annotations[m.HOOK_WEIGHT_ANNOTATION]
    if not isinstance(weight, str):
        kind = "bool" if isinstance(weight, bool) else "number" if isinstance(
            weight, (int, float)) else "null" if weight is None else "collection"
        shown = "null" if weight is None else str(weight).lower() if isinstance(
            weight, bool) else str(weight)
        warn(f"{what}: hook weight is a YAML {kind} ({shown}), not a string; "
             "annotation values must be strings, so the API server rejects the object (real "
             "Helm reads the weight but cannot create the hook). Quote it: \"5\"")
        return
    if not re.fullmatch(r"[+-]?[0-9]+", weight):
        warn(f'{what}: hook weight "{weight}" is not an integer; real Helm silently uses '
             "weight 0")


def _check_policies(annotations: dict[str, Any], key: str, known: tuple[str, ...], what: str,
                    warn: Any, noun: str, consequence: str) -> None:
    if key not in annotations:
        return
    raw = annotations[key]
    for part in str(raw).split(","):
        policy = part.strip().lower()
        if policy not in known:
            warn(f'{what}: unknown hook {noun} "{part.strip()}"{_suggest(policy, known)}; real '
                 f"Helm {consequence}")


def _check_job(doc: dict[str, Any], what: str, warn: Any) -> None:
    spec = _as_dict(doc.get("spec"))
    pod_spec = _as_dict(_as_dict(spec.get("template")).get("spec"))
    if "restartPolicy" not in pod_spec:
        warn(f"{what}: hook Job without spec.template.spec.restartPolicy; Kubernetes rejects "
             'it (a Job needs "Never" or "OnFailure") and the hook fails before it runs')
    missing = [f for f in ("backoffLimit", "activeDeadlineSeconds") if f not in spec]
    if missing:
        warn(f"{what}: hook Job without {' or '.join(missing)}; a failing hook is retried "
             "(backoffLimit defaults to 6) and Helm waits for it up to --timeout (5m0s by "
             "default)", INFO)


def check_rendered(linter: Linter, templates: dict[str, str]) -> None:
    """Run the hook checks over rendered templates (path -> text)."""
    for path in sorted(templates):
        text = templates[path]
        if path.rsplit("/", 1)[-1].startswith("_") or not text.strip():
            continue
        for doc_text in _docs(text):
            try:
                doc = goyaml.decode_go(goyaml.compose(doc_text))
            except YamlError:
                continue  # Helm's own checks report unparsable YAML
            if isinstance(doc, dict):
                check_document(linter, path.split("/", 1)[1] if "/" in path else path, doc)
