"""The release record, and its JSON form as Helm stores it (helm-hooks-semantics.md section 11.2).

Times are virtual seconds on the cluster clock; they become RFC 3339 (nanosecond) text only in
the JSON. Helm 4 omits zero times; Helm 3 writes them as "" (and always writes `info.deleted`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from minicluster.helm.manifests import Hook, LastRun

UNKNOWN = "unknown"
DEPLOYED = "deployed"
UNINSTALLED = "uninstalled"
SUPERSEDED = "superseded"
FAILED = "failed"
UNINSTALLING = "uninstalling"
PENDING_INSTALL = "pending-install"
PENDING_UPGRADE = "pending-upgrade"
PENDING_ROLLBACK = "pending-rollback"
PENDING = (PENDING_INSTALL, PENDING_UPGRADE, PENDING_ROLLBACK)

PHASE_UNKNOWN, PHASE_RUNNING = "Unknown", "Running"
PHASE_SUCCEEDED, PHASE_FAILED = "Succeeded", "Failed"


@dataclass
class Release:
    name: str
    namespace: str
    version: int
    status: str
    description: str = ""
    first_deployed: float | None = None
    last_deployed: float | None = None
    deleted: float | None = None
    notes: str = ""
    chart: dict[str, Any] = field(default_factory=dict)  # JSON-shaped chart (metadata, values...)
    config: dict[str, Any] = field(default_factory=dict)  # user-supplied values
    manifest: str = ""
    hooks: list[Hook] = field(default_factory=list)
    apply_method: str = ""  # Helm 4: "ssa" | "csa"
    labels: dict[str, str] = field(default_factory=dict)  # user labels (not in the JSON)

    @property
    def chart_metadata(self) -> dict[str, Any]:
        return self.chart.get("metadata") or {}

    @property
    def chart_name(self) -> str:
        return str(self.chart_metadata.get("name", ""))

    @property
    def chart_version(self) -> str:
        return str(self.chart_metadata.get("version", ""))

    @property
    def chart_label(self) -> str:
        """`NAME-VERSION` as `helm list` and `helm history` show the chart."""
        return f"{self.chart_name}-{self.chart_version}"

    @property
    def app_version(self) -> str:
        return str(self.chart_metadata.get("appVersion", "") or "")

    def copy(self) -> Release:
        import copy as _copy

        from minicluster.api.clone import clone as json_clone

        clone = _copy.copy(self)
        clone.hooks = [h.copy() for h in self.hooks]
        # chart and config are JSON-shaped: a JSON clone is several times faster than deepcopy
        clone.chart = json_clone(self.chart)
        clone.config = json_clone(self.config)
        clone.labels = dict(self.labels)
        return clone


# -- JSON --------------------------------------------------------------------------------------
def go_time(epoch: datetime, at: float) -> str:
    """Go's RFC3339Nano text of a time (trailing zeros of the fraction dropped)."""
    moment = epoch + timedelta(seconds=at)
    moment = moment.astimezone(timezone.utc)
    nanos = round((at - int(at)) * 1e9) % 1_000_000_000 if at >= 0 else 0
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if nanos:
        text += "." + f"{nanos:09d}".rstrip("0")
    return text + "Z"


def parse_go_time(epoch: datetime, text: str | None) -> float | None:
    if not text:
        return None
    base, _, frac = text.rstrip("Z").partition(".")
    # fromisoformat is ~10x faster than strptime; Go's RFC 3339 seconds part fits it.
    moment = datetime.fromisoformat(base).replace(tzinfo=timezone.utc)
    seconds = (moment - epoch).total_seconds()
    if frac:
        seconds += int(frac.ljust(9, "0")[:9]) / 1e9
    return seconds


def _time_field(out: dict[str, Any], key: str, at: float | None, epoch: datetime,
                helm_version: int) -> None:
    if at is not None:
        out[key] = go_time(epoch, at)
    elif helm_version < 4:
        out[key] = ""


def hook_to_json(hook: Hook, epoch: datetime, helm_version: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if hook.name:
        out["name"] = hook.name
    if hook.kind:
        out["kind"] = hook.kind
    if hook.path:
        out["path"] = hook.path
    if hook.manifest:
        out["manifest"] = hook.manifest
    if hook.events:
        out["events"] = list(hook.events)
    last_run: dict[str, Any] = {}
    _time_field(last_run, "started_at", hook.last_run.started_at, epoch, helm_version)
    _time_field(last_run, "completed_at", hook.last_run.completed_at, epoch, helm_version)
    last_run["phase"] = hook.last_run.phase
    out["last_run"] = last_run
    if hook.weight:
        out["weight"] = hook.weight
    if hook.delete_policies:
        out["delete_policies"] = list(hook.delete_policies)
    if hook.output_log_policies:
        out["output_log_policies"] = list(hook.output_log_policies)
    return out


def hook_from_json(data: dict[str, Any], epoch: datetime) -> Hook:
    last = data.get("last_run") or {}
    return Hook(
        name=data.get("name", ""), kind=data.get("kind", ""), path=data.get("path", ""),
        manifest=data.get("manifest", ""), events=list(data.get("events") or []),
        weight=int(data.get("weight", 0)),
        delete_policies=list(data.get("delete_policies") or []),
        output_log_policies=list(data.get("output_log_policies") or []),
        last_run=LastRun(parse_go_time(epoch, last.get("started_at")),
                         parse_go_time(epoch, last.get("completed_at")), last.get("phase", "")),
    )


def release_to_json(rel: Release, epoch: datetime, helm_version: int = 4) -> dict[str, Any]:
    info: dict[str, Any] = {}
    _time_field(info, "first_deployed", rel.first_deployed, epoch, helm_version)
    _time_field(info, "last_deployed", rel.last_deployed, epoch, helm_version)
    if rel.deleted is not None or helm_version < 4:
        info["deleted"] = go_time(epoch, rel.deleted) if rel.deleted is not None else ""
    if rel.description:
        info["description"] = rel.description
    if rel.status:
        info["status"] = rel.status
    if rel.notes:
        info["notes"] = rel.notes
    out: dict[str, Any] = {"name": rel.name, "info": info}
    if rel.chart:
        out["chart"] = rel.chart
    if rel.config:
        out["config"] = rel.config
    if rel.manifest:
        out["manifest"] = rel.manifest
    if rel.hooks:
        out["hooks"] = [hook_to_json(h, epoch, helm_version) for h in rel.hooks]
    if rel.version:
        out["version"] = rel.version
    if rel.namespace:
        out["namespace"] = rel.namespace
    if rel.apply_method and helm_version >= 4:
        out["apply_method"] = rel.apply_method
    return out


def release_from_json(data: dict[str, Any], epoch: datetime,
                      labels: dict[str, str] | None = None) -> Release:
    info = data.get("info") or {}
    return Release(
        name=data.get("name", ""), namespace=data.get("namespace", ""),
        version=int(data.get("version", 0)), status=info.get("status", ""),
        description=info.get("description", ""),
        first_deployed=parse_go_time(epoch, info.get("first_deployed")),
        last_deployed=parse_go_time(epoch, info.get("last_deployed")),
        deleted=parse_go_time(epoch, info.get("deleted")),
        notes=info.get("notes", ""), chart=data.get("chart") or {},
        config=data.get("config") or {}, manifest=data.get("manifest", ""),
        hooks=[hook_from_json(h, epoch) for h in data.get("hooks") or []],
        apply_method=data.get("apply_method", ""), labels=dict(labels or {}),
    )
