"""Rows of the workload kinds (apps/v1, batch/v1), per printers.go."""

from __future__ import annotations

from typing import Any

from .humanize import between, human_duration, parse_time, since
from .table import RowContext, format_labels, table_row


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("metadata") or {}


def _age(obj: dict[str, Any], ctx: RowContext) -> str:
    return since(_meta(obj).get("creationTimestamp"), ctx.now)


def containers_cells(pod_spec: dict[str, Any]) -> tuple[str, str]:
    containers = pod_spec.get("containers") or []
    return (",".join(c.get("name", "") for c in containers),
            ",".join(c.get("image", "") for c in containers))


def format_selector(selector: dict[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: `<none>` for nil/empty, `k=v,k in (a,b)`..."""
    if not selector:
        return "<none>"
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for expr in selector.get("matchExpressions") or []:
        op = expr.get("operator")
        values = ",".join(sorted(expr.get("values") or []))
        key = expr.get("key", "")
        if op == "In":
            parts.append(f"{key} in ({values})")
        elif op == "NotIn":
            parts.append(f"{key} notin ({values})")
        elif op == "Exists":
            parts.append(key)
        elif op == "DoesNotExist":
            parts.append(f"!{key}")
    text = ",".join(parts)
    return text or "<none>"


def _template_spec(obj: dict[str, Any]) -> dict[str, Any]:
    return ((obj.get("spec") or {}).get("template") or {}).get("spec") or {}


def has_condition(obj: dict[str, Any], type_: str) -> bool:
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if cond.get("type") == type_:
            return cond.get("status") == "True"
    return False


def job_status(job: dict[str, Any]) -> str:
    if has_condition(job, "Complete"):
        return "Complete"
    if has_condition(job, "Failed"):
        return "Failed"
    if _meta(job).get("deletionTimestamp"):
        return "Terminating"
    if has_condition(job, "Suspended"):
        return "Suspended"
    if has_condition(job, "FailureTarget"):
        return "FailureTarget"
    return "Running"


@table_row("Job", "Name", "Status", "Completions", "Duration", "Age", ("Containers", 1),
           ("Images", 1), ("Selector", 1))
def job_row(job: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = job.get("spec") or {}, job.get("status") or {}
    succeeded = int(status.get("succeeded") or 0)
    if spec.get("completions") is not None:
        completions = f"{succeeded}/{spec['completions']}"
    elif int(spec.get("parallelism") or 0) > 1:
        completions = f"{succeeded}/1 of {spec['parallelism']}"
    else:
        completions = f"{succeeded}/1"
    duration = ""
    if status.get("startTime"):
        if status.get("completionTime"):
            duration = between(status["startTime"], status["completionTime"])
        else:
            start = parse_time(status["startTime"])
            duration = human_duration((ctx.now - start).total_seconds()) if start else ""
    names, images = containers_cells(_template_spec(job))
    return [_meta(job).get("name", ""), job_status(job), completions, duration, _age(job, ctx),
            names, images, format_selector(spec.get("selector"))]


@table_row("CronJob", "Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule",
           "Age", ("Containers", 1), ("Images", 1), ("Selector", 1))
def cronjob_row(cj: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = cj.get("spec") or {}, cj.get("status") or {}
    last = status.get("lastScheduleTime")
    suspend = spec.get("suspend")
    job_spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    names, images = containers_cells((job_spec.get("template") or {}).get("spec") or {})
    return [_meta(cj).get("name", ""), spec.get("schedule", ""), spec.get("timeZone") or "<none>",
            "<unset>" if suspend is None else ("True" if suspend else "False"),
            len(status.get("active") or []), since(last, ctx.now) if last else "<none>",
            _age(cj, ctx), names, images, format_selector(job_spec.get("selector"))]


@table_row("Deployment", "Name", "Ready", "Up-to-date", "Available", "Age", ("Containers", 1),
           ("Images", 1), ("Selector", 1))
def deployment_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    names, images = containers_cells(_template_spec(obj))
    replicas = spec.get("replicas", 1)
    return [_meta(obj).get("name", ""), f"{int(status.get('readyReplicas') or 0)}/{replicas}",
            int(status.get("updatedReplicas") or 0), int(status.get("availableReplicas") or 0),
            _age(obj, ctx), names, images, format_selector(spec.get("selector"))]


@table_row("ReplicaSet", "Name", "Desired", "Current", "Ready", "Age", ("Containers", 1),
           ("Images", 1), ("Selector", 1))
def replicaset_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    names, images = containers_cells(_template_spec(obj))
    return [_meta(obj).get("name", ""), spec.get("replicas", 1),
            int(status.get("replicas") or 0), int(status.get("readyReplicas") or 0),
            _age(obj, ctx), names, images, format_selector(spec.get("selector"))]


@table_row("StatefulSet", "Name", "Ready", "Age", ("Containers", 1), ("Images", 1))
def statefulset_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    names, images = containers_cells(_template_spec(obj))
    return [_meta(obj).get("name", ""),
            f"{int(status.get('readyReplicas') or 0)}/{spec.get('replicas', 1)}",
            _age(obj, ctx), names, images]


@table_row("DaemonSet", "Name", "Desired", "Current", "Ready", "Up-to-date", "Available",
           "Node Selector", "Age", ("Containers", 1), ("Images", 1), ("Selector", 1))
def daemonset_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    names, images = containers_cells(_template_spec(obj))
    return [_meta(obj).get("name", ""), int(status.get("desiredNumberScheduled") or 0),
            int(status.get("currentNumberScheduled") or 0), int(status.get("numberReady") or 0),
            int(status.get("updatedNumberScheduled") or 0),
            int(status.get("numberAvailable") or 0),
            format_labels(_template_spec(obj).get("nodeSelector")), _age(obj, ctx), names,
            images, format_selector(spec.get("selector"))]
