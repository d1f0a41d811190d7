"""describe for Jobs and Deployments (describeJob, describeDeployment)."""

from __future__ import annotations

from typing import Any

from minicluster.kubectl.describe import describer
from minicluster.kubectl.describe.pods import describe_pod_template
from minicluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    controlled_by,
    describe_events,
    events_for,
    labels_multiline,
)
from minicluster.kubectl.printing.humanize import between, rfc1123z
from minicluster.kubectl.printing.rows_workloads import format_selector


def _selector(spec: dict[str, Any]) -> str:
    """labels.Selector.String() of a LabelSelector: `` for an empty one."""
    text = format_selector(spec.get("selector"))
    return "" if text == "<none>" else text


@describer("Job")
def describe_job(ctx: Any, job: dict[str, Any]) -> str:
    meta, spec, status = job.get("metadata") or {}, job.get("spec") or {}, job.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    w.write(0, f"Selector:\t{_selector(spec)}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    owner = controlled_by(job)
    if owner:
        w.write(0, f"Controlled By:\t{owner}\n")
    if spec.get("parallelism") is not None:
        w.write(0, f"Parallelism:\t{spec['parallelism']}\n")
    if spec.get("completions") is not None:
        w.write(0, f"Completions:\t{spec['completions']}\n")
    else:
        w.write(0, "Completions:\t<unset>\n")
    if spec.get("completionMode") is not None:
        w.write(0, f"Completion Mode:\t{spec['completionMode']}\n")
    if spec.get("suspend") is not None:
        w.write(0, f"Suspend:\t{'true' if spec['suspend'] else 'false'}\n")
    if spec.get("backoffLimit") is not None:
        w.write(0, f"Backoff Limit:\t{spec['backoffLimit']}\n")
    if spec.get("ttlSecondsAfterFinished") is not None:
        w.write(0, f"TTL Seconds After Finished:\t{spec['ttlSecondsAfterFinished']}\n")
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    if status.get("completionTime"):
        w.write(0, f"Completed At:\t{rfc1123z(status['completionTime'])}\n")
    if status.get("startTime") and status.get("completionTime"):
        w.write(0, f"Duration:\t{between(status['startTime'], status['completionTime'])}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{spec['activeDeadlineSeconds']}s\n")
    active, succeeded = int(status.get("active") or 0), int(status.get("succeeded") or 0)
    failed = int(status.get("failed") or 0)
    if status.get("ready") is None:
        w.write(0, f"Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")
    else:
        w.write(0, f"Pods Statuses:\t{active} Active ({status['ready']} Ready) / {succeeded} "
                   f"Succeeded / {failed} Failed\n")
    if spec.get("completionMode") == "Indexed":
        indexes = status.get("completedIndexes") or ""
        if not indexes:
            shown = "<none>"
        else:
            cut = 50
            while cut < len(indexes) and indexes[cut] != ",":
                cut += 1
            shown = indexes if cut >= len(indexes) else indexes[:cut + 1] + "..."
        w.write(0, f"Completed Indexes:\t{shown}\n")
    describe_pod_template(w, spec.get("template"))
    describe_events(w, events_for(ctx.api, job), ctx.now())
    return w.getvalue()


def _replica_sets(ctx: Any, deployment: dict[str, Any]) -> tuple[list[dict[str, Any]],
                                                                  list[dict[str, Any]]]:
    uid = (deployment.get("metadata") or {}).get("uid")
    namespace = (deployment.get("metadata") or {}).get("namespace")
    owned = [rs for rs in ctx.api.list("ReplicaSet", namespace=namespace)
             if any(ref.get("uid") == uid and ref.get("controller")
                    for ref in (rs.get("metadata") or {}).get("ownerReferences") or [])]
    template = ((deployment.get("spec") or {}).get("template") or {})
    wanted = _template_key(template)
    new = [rs for rs in owned if _template_key((rs.get("spec") or {}).get("template") or {})
           == wanted][:1]
    old = [rs for rs in owned if rs not in new and
           int((rs.get("spec") or {}).get("replicas") or 0) > 0]
    return old, new


def _template_key(template: dict[str, Any]) -> Any:
    labels = dict((template.get("metadata") or {}).get("labels") or {})
    labels.pop("pod-template-hash", None)
    return (repr(sorted(labels.items())), repr(template.get("spec")))


def _rs_list(replica_sets: list[dict[str, Any]]) -> str:
    parts = [f"{(rs.get('metadata') or {}).get('name')} "
             f"({int((rs.get('status') or {}).get('replicas') or 0)}/"
             f"{(rs.get('spec') or {}).get('replicas', 1)} replicas created)"
             for rs in replica_sets]
    return ", ".join(parts) or "<none>"


@describer("Deployment")
def describe_deployment(ctx: Any, dep: dict[str, Any]) -> str:
    meta, spec, status = dep.get("metadata") or {}, dep.get("spec") or {}, dep.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    w.write(0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'))}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"Selector:\t{_selector(spec)}\n")
    w.write(0, f"Replicas:\t{spec.get('replicas', 1)} desired | "
               f"{int(status.get('updatedReplicas') or 0)} updated | "
               f"{int(status.get('replicas') or 0)} total | "
               f"{int(status.get('availableReplicas') or 0)} available | "
               f"{int(status.get('unavailableReplicas') or 0)} unavailable\n")
    strategy = spec.get("strategy") or {}
    w.write(0, f"StrategyType:\t{strategy.get('type', 'RollingUpdate')}\n")
    w.write(0, f"MinReadySeconds:\t{spec.get('minReadySeconds', 0)}\n")
    rolling = strategy.get("rollingUpdate")
    if rolling is not None:
        w.write(0, f"RollingUpdateStrategy:\t{rolling.get('maxUnavailable', '25%')} max "
                   f"unavailable, {rolling.get('maxSurge', '25%')} max surge\n")
    describe_pod_template(w, spec.get("template"))
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for cond in conditions:
            w.write(1, f"{cond.get('type')} \t{cond.get('status')}\t{cond.get('reason', '')}\n")
    old, new = _replica_sets(ctx, dep)
    if old or new:
        w.write(0, f"OldReplicaSets:\t{_rs_list(old)}\n")
        w.write(0, f"NewReplicaSet:\t{_rs_list(new)}\n")
    describe_events(w, events_for(ctx.api, dep), ctx.now())
    return w.getvalue()
