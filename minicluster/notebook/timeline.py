"""The hook timeline: every hook and manifest resource of each helm command on the virtual time
axis, with create / start / complete / fail / delete marks, weights and delete policies.

It is derived from two records the cluster keeps anyway: the API server's action log (every
create, update and delete, with who did it and the object afterwards) and the list of helm
invocations with the slice of the log each one wrote. Nothing here asks helm what it did, so
the timeline shows what happened in the cluster, which is what a learner would see with kubectl.
"""

from __future__ import annotations

import html
import shlex
from dataclasses import dataclass, field
from typing import Any

HOOK_ANNOTATION = "helm.sh/hook"
WEIGHT_ANNOTATION = "helm.sh/hook-weight"
POLICY_ANNOTATION = "helm.sh/hook-delete-policy"
RELEASE_SECRET_PREFIX = "sh.helm.release.v1."


@dataclass
class Mark:
    time: float
    what: str  # created | started | completed | failed | deleted | updated


@dataclass
class Lane:
    kind: str
    name: str
    namespace: str
    hook_events: list[str]
    weight: str
    policies: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.kind.lower()}/{self.name}"

    @property
    def is_hook(self) -> bool:
        return bool(self.hook_events)

    def first(self, what: str) -> float | None:
        return next((m.time for m in self.marks if m.what == what), None)


@dataclass
class ActionGroup:
    command: str
    release: str | None
    start: float
    end: float
    exit_code: int
    lanes: list[Lane]
    outcome: str  # e.g. "revision 2: deployed"


def _release_of(argv: list[str]) -> str | None:
    words = [a for a in argv if not a.startswith("-")]
    if len(words) >= 2 and words[0] in ("install", "upgrade", "rollback", "uninstall", "test",
                                        "delete", "un", "del"):
        return words[1]
    return None


def _annotations(obj: dict[str, Any]) -> dict[str, str]:
    return (obj.get("metadata") or {}).get("annotations") or {}


def _events(notes: dict[str, str]) -> list[str]:
    return [e.strip() for e in str(notes.get(HOOK_ANNOTATION, "")).split(",") if e.strip()]


def _outcome(log: list[Any], start: int, end: int) -> str:
    for action in reversed(log[start:end]):
        if action.kind == "Secret" and action.name.startswith(RELEASE_SECRET_PREFIX):
            labels = ((action.obj or {}).get("metadata") or {}).get("labels") or {}
            if action.verb == "delete":
                return f"revision {labels.get('version', '?')}: record deleted"
            return f"revision {labels.get('version', '?')}: {labels.get('status', '?')}"
    return ""


def _job_marks(obj: dict[str, Any]) -> list[str]:
    status = obj.get("status") or {}
    found = []
    if status.get("startTime"):
        found.append("started")
    for cond in status.get("conditions") or []:
        if cond.get("status") == "True" and cond.get("type") in ("Complete", "Failed"):
            found.append("completed" if cond["type"] == "Complete" else "failed")
    return found


def _pod_marks(obj: dict[str, Any]) -> list[str]:
    phase = (obj.get("status") or {}).get("phase")
    return {"Running": ["started"], "Succeeded": ["started", "completed"],
            "Failed": ["started", "failed"]}.get(phase or "", [])


def _lanes(log: list[Any], start: int, end: int) -> list[Lane]:
    lanes: dict[tuple[str, str, str], Lane] = {}
    for action in log[start:end]:
        obj = action.obj or {}
        key = (action.kind, action.namespace or "", action.name)
        if action.kind in ("Event", "Endpoints", "ReplicaSet") or (
            action.kind == "Secret" and action.name.startswith(RELEASE_SECRET_PREFIX)
        ):
            continue
        if action.kind == "Pod":
            owners = (obj.get("metadata") or {}).get("ownerReferences") or []
            owner = next((o for o in owners if o.get("kind") == "Job"), None)
            if owner and ("Job", action.namespace or "", owner.get("name")) in lanes:
                continue  # a hook Job's pod: the Job's lane shows its progress
        lane = lanes.get(key)
        if lane is None and action.verb == "delete" and action.actor == "helm" and \
                _annotations(obj).get(HOOK_ANNOTATION):
            # A hook left by an earlier command, removed before it is created again
            # (before-hook-creation): its lane starts with the deletion.
            notes = _annotations(obj)
            lane = lanes[key] = Lane(action.kind, action.name, action.namespace or "",
                                     _events(notes), notes.get(WEIGHT_ANNOTATION, "0"),
                                     notes.get(POLICY_ANNOTATION, ""))
            lane.marks.append(Mark(action.time, "deleted"))
            continue
        if lane is None:
            if action.verb != "create" or action.actor != "helm":
                continue  # made by a controller, or older than this command
            notes = _annotations(obj)
            lane = lanes[key] = Lane(action.kind, action.name, action.namespace or "",
                                     _events(notes),
                                     notes.get(WEIGHT_ANNOTATION, "0"),
                                     notes.get(POLICY_ANNOTATION, ""))
            lane.marks.append(Mark(action.time, "created"))
            continue
        if action.verb == "delete":
            lane.marks.append(Mark(action.time, "deleted"))
            continue
        if action.verb == "create":
            lane.marks.append(Mark(action.time, "created"))
            continue
        found = _job_marks(obj) if action.kind == "Job" else (
            _pod_marks(obj) if action.kind == "Pod" else [])
        for what in found:
            if lane.first(what) is None:
                lane.marks.append(Mark(action.time, what))
    return list(lanes.values())


@dataclass
class Timeline:
    groups: list[ActionGroup]

    # -- text, for terminals -------------------------------------------------------------------
    def text(self) -> str:
        if not self.groups:
            return "No helm commands have run in this cluster yet.\n"
        out = []
        for group in self.groups:
            status = f"exit {group.exit_code}" + (f", {group.outcome}" if group.outcome else "")
            out.append(f"$ helm {group.command}    [{_t(group.start)} -> {_t(group.end)}] "
                       f"({status})")
            for lane in group.lanes:
                what = ",".join(lane.hook_events) if lane.is_hook else "manifest"
                extra = ""
                if lane.is_hook:
                    extra = f" weight={lane.weight}"
                    extra += f" policy={lane.policies}" if lane.policies else " policy=(default)"
                marks = "  ".join(f"{m.what} {_t(m.time)}" for m in lane.marks)
                out.append(f"  {what:<26} {lane.label:<36}{extra}\n      {marks}")
            out.append("")
        return "\n".join(out) + "\n"

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text().rstrip("\n"))

    # -- HTML/SVG, for notebooks and exported pages --------------------------------------------
    def _repr_html_(self) -> str:
        from .render import render_timeline_html

        return render_timeline_html(self)

    def to_dict(self) -> dict[str, Any]:
        return {"groups": [
            {"command": g.command, "release": g.release, "start": g.start, "end": g.end,
             "exit_code": g.exit_code, "outcome": g.outcome,
             "lanes": [{"kind": lane.kind, "name": lane.name, "namespace": lane.namespace,
                        "hook_events": lane.hook_events, "weight": lane.weight,
                        "policies": lane.policies,
                        "marks": [{"time": m.time, "what": m.what} for m in lane.marks]}
                       for lane in g.lanes]}
            for g in self.groups]}


def _t(seconds: float) -> str:
    return f"{seconds:g}s"


def build_timeline(cluster: Any, release: str | None = None) -> Timeline:
    log = cluster.api.action_log
    groups = []
    for inv in getattr(cluster, "helm_invocations", []):
        rel = _release_of(inv.argv)
        if release is not None and rel != release:
            continue
        if rel is None and not any(w in inv.argv for w in ("install", "upgrade")):
            continue  # status, history, template...: nothing happened in the cluster
        groups.append(ActionGroup(
            command=shlex.join(inv.argv), release=rel, start=inv.start, end=inv.end,
            exit_code=inv.result.exit_code, lanes=_lanes(log, inv.log_start, inv.log_end),
            outcome=_outcome(log, inv.log_start, inv.log_end)))
    return Timeline(groups)


def escape(text: str) -> str:
    return html.escape(text, quote=True)
