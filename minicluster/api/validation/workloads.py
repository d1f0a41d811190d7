"""Job, CronJob and apps/v1 workload validation (pkg/apis/batch, pkg/apis/apps)."""

from __future__ import annotations

from typing import Any

from minicluster.api import messages as m
from minicluster.api.clone import as_dict
from minicluster.api.selectors import SelectorError, from_label_selector

from . import field as f
from . import names
from .cron import schedule_errors
from .gostruct import pod_template
from .pod import validate_pod_template

FE = list[f.FieldError]
CONTROLLER_UID = "batch.kubernetes.io/controller-uid"
JOB_NAME = "batch.kubernetes.io/job-name"
LEGACY_CONTROLLER_UID = "controller-uid"
LEGACY_JOB_NAME = "job-name"


def _nonnegative(spec: dict[str, Any], key: str, path: str) -> FE:
    value = spec.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        return [f.invalid(f"{path}.{key}", value, m.MUST_BE_NON_NEGATIVE)]
    return []


def go_label_selector(selector: Any) -> str:
    """A *metav1.LabelSelector as Go's %#v shows it in field errors."""
    if not isinstance(selector, dict):
        return "null"
    labels = selector.get("matchLabels")
    shown = f.go_value(labels) if labels else "map[string]string(nil)"
    exprs = selector.get("matchExpressions")
    if exprs:
        items = ", ".join(
            "v1.LabelSelectorRequirement{Key:" + f.go_quote(e.get("key", ""))
            + ", Operator:" + f.go_quote(e.get("operator", "")) + ", Values:"
            + (f.go_value(e.get("values")) if e.get("values") else "[]string(nil)") + "}"
            for e in exprs)
        exprs_shown = "[]v1.LabelSelectorRequirement{" + items + "}"
    else:
        exprs_shown = "[]v1.LabelSelectorRequirement(nil)"
    return f"v1.LabelSelector{{MatchLabels:{shown}, MatchExpressions:{exprs_shown}}}"


def _raw_invalid(path: str, text: str, detail: str) -> f.FieldError:
    return f.invalid(path, f.GoRaw(text), detail)


def _template_labels(spec: dict[str, Any]) -> dict[str, str]:
    return (as_dict(spec.get("template")).get("metadata") or {}).get("labels") or {}


def _selector_matches_template(spec: dict[str, Any], path: str) -> FE:
    try:
        selector = from_label_selector(spec.get("selector"))
    except SelectorError:
        return []
    if selector is None or selector.empty():
        return []
    labels = _template_labels(spec)
    if not selector.matches(labels):
        return [f.invalid(f"{path}.template.metadata.labels", labels, m.SELECTOR_DOES_NOT_MATCH)]
    return []


# -- Job ----------------------------------------------------------------------------------------
def validate_job_spec(spec: Any, path: str = "spec") -> FE:
    if not isinstance(spec, dict):
        spec = {}
    errs: FE = []
    for key in ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
                "ttlSecondsAfterFinished"):
        errs.extend(_nonnegative(spec, key, path))
    indexed = spec.get("completionMode") == "Indexed"
    if spec.get("backoffLimitPerIndex") is not None:
        errs.extend(_nonnegative(spec, "backoffLimitPerIndex", path))
        if not indexed:
            errs.append(f.invalid(f"{path}.backoffLimitPerIndex", spec["backoffLimitPerIndex"],
                                  m.REQUIRES_INDEXED))
    if spec.get("maxFailedIndexes") is not None:
        errs.extend(_nonnegative(spec, "maxFailedIndexes", path))
        if spec.get("backoffLimitPerIndex") is None:
            errs.append(f.required(f"{path}.backoffLimitPerIndex",
                                   m.MAX_FAILED_INDEXES_NEEDS_LIMIT))
    mode = spec.get("completionMode")
    if mode is not None:
        if mode not in ("NonIndexed", "Indexed"):
            errs.append(f.not_supported(f"{path}.completionMode", mode,
                                        m.COMPLETION_MODE_VALUES))
        if indexed and spec.get("completions") is None:
            errs.append(f.required(f"{path}.completions", m.COMPLETIONS_REQUIRED_INDEXED))
    errs.extend(validate_pod_template(spec.get("template"), f"{path}.template"))
    restart = (as_dict(spec.get("template")).get("spec") or {}).get("restartPolicy") or ""
    rp_path = f"{path}.template.spec.restartPolicy"
    if restart in ("", "Always"):
        errs.append(f.required(rp_path, m.JOB_RESTART_POLICY_REQUIRED))
    elif restart not in ("OnFailure", "Never"):
        errs.append(f.not_supported(rp_path, restart, m.JOB_RESTART_POLICY_VALUES))
    elif spec.get("podFailurePolicy") is not None and restart != "Never":
        errs.append(f.invalid(rp_path, restart, m.ONLY_NEVER_WITH_POD_FAILURE_POLICY))
    if spec.get("selector") is None:
        errs.append(f.required(f"{path}.selector"))
    errs.extend(_selector_matches_template(spec, path))
    return errs


def _has_label(labels: dict[str, str], key: str, value: str) -> FE:
    path = f"spec.template.metadata.labels[{key}]"
    if key not in labels:
        return [f.required(path, m.MUST_BE_LABEL_VALUE.format(value=value))]
    if labels[key] != value:
        return [f.invalid(path, labels, m.MUST_BE_LABEL_VALUE.format(value=value))]
    return []


def validate_job(obj: dict[str, Any]) -> FE:
    meta = obj.get("metadata") or {}
    spec = as_dict(obj.get("spec"))
    name, uid = meta.get("name") or "", meta.get("uid") or ""
    errs: FE = []
    completions = spec.get("completions")
    if spec.get("completionMode") == "Indexed" and isinstance(completions, int) and completions > 0:
        longest = f"{name}-{completions - 1}"
        if names.dns1123_label(longest):
            errs.append(f.invalid("metadata.name", name,
                                  m.INDEXED_POD_NAME_INVALID.format(name=longest)))
    if not spec.get("manualSelector") and spec.get("selector") is not None:
        labels = _template_labels(spec)
        errs.extend(_has_label(labels, LEGACY_CONTROLLER_UID, uid))
        errs.extend(_has_label(labels, LEGACY_JOB_NAME, name))
        errs.extend(_has_label(labels, CONTROLLER_UID, uid))
        errs.extend(_has_label(labels, JOB_NAME, name))
        if spec.get("selector") != {"matchLabels": {CONTROLLER_UID: uid}}:
            errs.append(_raw_invalid("spec.selector", go_label_selector(spec.get("selector")),
                                     m.SELECTOR_NOT_AUTO_GENERATED))
    errs.extend(validate_job_spec(spec))
    return errs


def _template_value(template: Any, seed: str) -> str:
    # 1.32 prints the internal core.PodTemplateSpec with %#v.
    return pod_template(template, seed)


def validate_job_update(new: dict[str, Any], old: dict[str, Any]) -> FE:
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    errs: FE = []
    if ns.get("selector") != os_.get("selector"):
        errs.append(_raw_invalid("spec.selector", go_label_selector(ns.get("selector")),
                                 m.FIELD_IMMUTABLE))
    if ns.get("template") != os_.get("template"):
        seed = as_dict(new.get("metadata")).get("resourceVersion") or ""
        errs.append(_raw_invalid("spec.template", _template_value(ns.get("template"), seed),
                                 m.FIELD_IMMUTABLE))
    if ns.get("completions") != os_.get("completions") and ns.get("completionMode") != "Indexed":
        errs.append(f.invalid("spec.completions", ns.get("completions"), m.FIELD_IMMUTABLE))
    if ns.get("completionMode") != os_.get("completionMode"):
        errs.append(f.invalid("spec.completionMode", ns.get("completionMode"),
                              m.FIELD_IMMUTABLE))
    return errs


# -- CronJob ------------------------------------------------------------------------------------
def validate_cronjob(obj: dict[str, Any]) -> FE:
    meta = obj.get("metadata") or {}
    spec = as_dict(obj.get("spec"))
    errs: FE = []
    name = meta.get("name") or ""
    if len(name) > 52:
        errs.append(f.invalid("metadata.name", name, m.MAX_LEN.format(n=52)))
    schedule = spec.get("schedule")
    if not schedule:
        errs.append(f.required("spec.schedule"))
    elif isinstance(schedule, str):
        errs.extend(f.invalid("spec.schedule", schedule, msg)
                    for msg in schedule_errors(schedule, spec.get("timeZone")))
    policy = spec.get("concurrencyPolicy")
    if policy not in (None, "Allow", "Forbid", "Replace"):
        errs.append(f.not_supported("spec.concurrencyPolicy", policy,
                                    m.CONCURRENCY_POLICY_VALUES))
    for key in ("successfulJobsHistoryLimit", "failedJobsHistoryLimit",
                "startingDeadlineSeconds"):
        errs.extend(_nonnegative(spec, key, "spec"))
    job_spec = as_dict(spec.get("jobTemplate")).get("spec") or {}
    job_errs = validate_job_spec(dict(job_spec, selector=job_spec.get("selector") or {}),
                                 "spec.jobTemplate.spec")
    errs.extend(job_errs)
    return errs


# -- apps/v1 ------------------------------------------------------------------------------------
def _replicaset_template(spec: dict[str, Any], path: str) -> FE:
    errs: FE = []
    template = spec.get("template")
    if not isinstance(template, dict):
        return [f.required(f"{path}.template")]
    errs.extend(_selector_matches_template(spec, path))
    errs.extend(validate_pod_template(template, f"{path}.template"))
    restart = as_dict(template.get("spec")).get("restartPolicy")
    if restart != "Always":
        errs.append(f.not_supported(f"{path}.template.spec.restartPolicy", restart or "",
                                    '"Always"'))
    if as_dict(template.get("spec")).get("activeDeadlineSeconds") is not None:
        errs.append(f.forbidden(f"{path}.template.spec.activeDeadlineSeconds",
                                m.REPLICASET_ACTIVE_DEADLINE))
    return errs


def _selector_required(spec: dict[str, Any], path: str, what: str) -> FE:
    selector = spec.get("selector")
    if selector is None:
        return [f.required(f"{path}.selector")]
    if not (selector.get("matchLabels") or selector.get("matchExpressions")):
        return [_raw_invalid(f"{path}.selector", go_label_selector(selector),
                             m.EMPTY_SELECTOR_FOR.format(what=what))]
    return []


def validate_deployment(obj: dict[str, Any]) -> FE:
    spec = as_dict(obj.get("spec"))
    errs: FE = []
    errs.extend(_nonnegative(spec, "replicas", "spec"))
    errs.extend(_selector_required(spec, "spec", "deployment"))
    errs.extend(_replicaset_template(spec, "spec"))
    strategy = spec.get("strategy") or {}
    kind = strategy.get("type")
    if kind not in (None, "Recreate", "RollingUpdate"):
        errs.append(f.not_supported("spec.strategy.type", kind, m.DEPLOYMENT_STRATEGY_VALUES))
    if kind == "Recreate" and strategy.get("rollingUpdate") is not None:
        errs.append(f.forbidden("spec.strategy.rollingUpdate",
                                m.RECREATE_WITH_ROLLING))
    errs.extend(_nonnegative(spec, "minReadySeconds", "spec"))
    errs.extend(_nonnegative(spec, "revisionHistoryLimit", "spec"))
    return errs


def validate_replicaset(obj: dict[str, Any]) -> FE:
    spec = as_dict(obj.get("spec"))
    errs = _nonnegative(spec, "replicas", "spec")
    errs.extend(_selector_required(spec, "spec", "replicaset"))
    errs.extend(_replicaset_template(spec, "spec"))
    return errs


def validate_statefulset(obj: dict[str, Any]) -> FE:
    spec = as_dict(obj.get("spec"))
    errs = _nonnegative(spec, "replicas", "spec")
    errs.extend(_selector_required(spec, "spec", "statefulset"))
    errs.extend(_replicaset_template(spec, "spec"))
    return errs


def validate_daemonset(obj: dict[str, Any]) -> FE:
    spec = as_dict(obj.get("spec"))
    errs = _selector_required(spec, "spec", "daemonset")
    errs.extend(_replicaset_template(spec, "spec"))
    return errs


def validate_selector_immutable(new: dict[str, Any], old: dict[str, Any]) -> FE:
    selector = as_dict(new.get("spec")).get("selector")
    if selector != as_dict(old.get("spec")).get("selector"):
        return [_raw_invalid("spec.selector", go_label_selector(selector), m.FIELD_IMMUTABLE)]
    return []
