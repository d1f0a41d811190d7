"""Pod and pod template validation (pkg/apis/core/validation: ValidatePodSpec and friends)."""

from __future__ import annotations

from typing import Any

from minicluster.api import messages as m
from minicluster.api.clone import as_dict, as_list

from . import field as f
from . import names, quantity
from .gostruct import POD_SPEC, Renderer
from .meta import validate_annotations, validate_labels

FE = list[f.FieldError]


def _ports(ports: Any, path: str) -> FE:
    errs: FE = []
    for i, port in enumerate(as_list(ports)):
        if not isinstance(port, dict):
            continue
        p = f"{path}[{i}]"
        number = port.get("containerPort")
        if not number:
            errs.append(f.required(f"{p}.containerPort"))
        elif not 1 <= number <= 65535:
            errs.append(f.invalid(f"{p}.containerPort", number, m.PORT_RANGE))
        protocol = port.get("protocol")
        if protocol not in (None, "TCP", "UDP", "SCTP"):
            errs.append(f.not_supported(f"{p}.protocol", protocol, m.PROTOCOL_VALUES))
    return errs


def _env(env: Any, path: str) -> FE:
    errs: FE = []
    for i, var in enumerate(as_list(env)):
        if isinstance(var, dict) and not var.get("name"):
            errs.append(f.required(f"{path}[{i}].name"))
    return errs


def _mounts(mounts: Any, volumes: set[str], path: str) -> FE:
    errs: FE = []
    seen: set[str] = set()
    for i, mount in enumerate(as_list(mounts)):
        if not isinstance(mount, dict):
            continue
        p = f"{path}[{i}]"
        name = mount.get("name") or ""
        if not name:
            errs.append(f.required(f"{p}.name"))
        elif name not in volumes:
            errs.append(f.FieldError(f"{p}.name", m.NOT_FOUND_TYPE, name))
        mount_path = mount.get("mountPath") or ""
        if not mount_path:
            errs.append(f.required(f"{p}.mountPath"))
        elif mount_path in seen:
            errs.append(f.invalid(f"{p}.mountPath", mount_path, m.MUST_BE_UNIQUE))
        seen.add(mount_path)
    return errs


def _resources(resources: Any, path: str) -> FE:
    errs: FE = []
    limits = as_dict(as_dict(resources).get("limits"))
    for name, request in sorted(as_dict(as_dict(resources).get("requests")).items()):
        if name not in limits or quantity.error(request) or quantity.error(limits[name]):
            continue
        wanted, fmt = quantity.parse(str(request))
        limit, limit_fmt = quantity.parse(str(limits[name]))
        if wanted > limit:
            errs.append(f.invalid(f"{path}.requests", quantity.canonical(wanted, fmt),
                                  m.REQUEST_OVER_LIMIT.format(
                                      resource=name, limit=quantity.canonical(limit, limit_fmt))))
    return errs


def _container(c: dict[str, Any], path: str, volumes: set[str]) -> FE:
    errs: FE = []
    name = c.get("name") or ""
    if not name:
        errs.append(f.required(f"{path}.name"))
    else:
        errs.extend(f.invalid(f"{path}.name", name, msg) for msg in names.dns1123_label(name))
    if not c.get("image"):
        errs.append(f.required(f"{path}.image"))
    policy = c.get("terminationMessagePolicy")
    if policy not in (None, "File", "FallbackToLogsOnError"):
        errs.append(f.not_supported(f"{path}.terminationMessagePolicy", policy,
                                    '"File", "FallbackToLogsOnError"'))
    errs.extend(_ports(c.get("ports"), f"{path}.ports"))
    errs.extend(_env(c.get("env"), f"{path}.env"))
    errs.extend(_mounts(c.get("volumeMounts"), volumes, f"{path}.volumeMounts"))
    errs.extend(_resources(c.get("resources"), f"{path}.resources"))
    pull = c.get("imagePullPolicy")
    if pull not in (None, "Always", "IfNotPresent", "Never"):
        errs.append(f.not_supported(f"{path}.imagePullPolicy", pull, m.IMAGE_PULL_POLICY_VALUES))
    return errs


def _containers(containers: Any, path: str, volumes: set[str], required: bool = True) -> FE:
    if not containers:
        return [f.required(path)] if required else []
    errs: FE = []
    seen: set[str] = set()
    for i, c in enumerate(containers):
        if not isinstance(c, dict):
            continue
        p = f"{path}[{i}]"
        errs.extend(_container(c, p, volumes))
        name = c.get("name") or ""
        if name in seen:
            errs.append(f.duplicate(f"{p}.name", name))
        seen.add(name)
    return errs


def _volumes(volumes: Any, path: str) -> FE:
    errs: FE = []
    seen: set[str] = set()
    for i, vol in enumerate(as_list(volumes)):
        if not isinstance(vol, dict):
            continue
        name = vol.get("name") or ""
        if not name:
            errs.append(f.required(f"{path}[{i}].name"))
        else:
            errs.extend(f.invalid(f"{path}[{i}].name", name, msg)
                        for msg in names.dns1123_label(name))
            if name in seen:
                errs.append(f.duplicate(f"{path}[{i}].name", name))
        seen.add(name)
    return errs


def validate_pod_spec(spec: Any, path: str) -> FE:
    if not isinstance(spec, dict):
        return [f.required(f"{path}.containers")]
    errs: FE = []
    errs.extend(_volumes(spec.get("volumes"), f"{path}.volumes"))
    volumes = {str(v["name"]) for v in as_list(spec.get("volumes"))
               if isinstance(v, dict) and isinstance(v.get("name"), str)}
    errs.extend(_containers(spec.get("containers"), f"{path}.containers", volumes))
    errs.extend(_containers(spec.get("initContainers"), f"{path}.initContainers", volumes,
                            required=False))
    restart = spec.get("restartPolicy") or ""
    if not restart:
        errs.append(f.required(f"{path}.restartPolicy"))
    elif restart not in ("Always", "OnFailure", "Never"):
        errs.append(f.not_supported(f"{path}.restartPolicy", restart,
                                    m.POD_RESTART_POLICY_VALUES))
    dns = spec.get("dnsPolicy")
    if dns not in (None, "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"):
        errs.append(f.not_supported(f"{path}.dnsPolicy", dns, m.DNS_POLICY_VALUES))
    errs.extend(validate_labels(spec.get("nodeSelector"), f"{path}.nodeSelector"))
    account = spec.get("serviceAccountName") or ""
    if account:
        errs.extend(f.invalid(f"{path}.serviceAccountName", account, msg)
                    for msg in names.dns1123_subdomain(account))
    deadline = spec.get("activeDeadlineSeconds")
    if isinstance(deadline, int) and not 1 <= deadline <= 4294967295:
        errs.append(f.invalid(f"{path}.activeDeadlineSeconds", deadline,
                              m.ACTIVE_DEADLINE_RANGE))
    grace = spec.get("terminationGracePeriodSeconds")
    if isinstance(grace, int) and grace < 0:
        errs.append(f.invalid(f"{path}.terminationGracePeriodSeconds", grace,
                              m.MUST_BE_NON_NEGATIVE))
    return errs


def validate_pod_template(template: Any, path: str) -> FE:
    """ValidatePodTemplateSpec: template labels/annotations sit at `<path>.labels`."""
    if not isinstance(template, dict):
        return [f.required(path)]
    meta = template.get("metadata") or {}
    errs: FE = []
    errs.extend(validate_labels(meta.get("labels"), f"{path}.labels"))
    errs.extend(validate_annotations(meta.get("annotations"), f"{path}.annotations"))
    errs.extend(validate_pod_spec(template.get("spec"), f"{path}.spec"))
    return errs


def validate_pod_update(new: dict[str, Any], old: dict[str, Any]) -> FE:
    """ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and a negative
    grace period raised to 1 may change in a running pod's spec."""
    new_spec, old_spec = as_dict(new.get("spec")), as_dict(old.get("spec"))
    munged = dict(new_spec)
    for key in ("containers", "initContainers"):
        mine, theirs = as_list(new_spec.get(key)), as_list(old_spec.get(key))
        if key in new_spec and len(mine) == len(theirs):
            munged[key] = [dict(c, image=o.get("image")) if isinstance(c, dict)
                           and isinstance(o, dict) else c for c, o in zip(mine, theirs)]
    if "activeDeadlineSeconds" in old_spec or "activeDeadlineSeconds" in new_spec:
        deadline = new_spec.get("activeDeadlineSeconds")
        old_deadline = old_spec.get("activeDeadlineSeconds")
        if deadline is not None and (old_deadline is None or deadline <= old_deadline):
            munged["activeDeadlineSeconds"] = old_deadline
            if old_deadline is None:
                munged.pop("activeDeadlineSeconds")
    old_tolerations = as_list(old_spec.get("tolerations"))
    new_tolerations = as_list(new_spec.get("tolerations"))
    if all(t in new_tolerations for t in old_tolerations):
        if old_tolerations:
            munged["tolerations"] = old_tolerations
        else:
            munged.pop("tolerations", None)
    if (old_spec.get("terminationGracePeriodSeconds") or 0) < 0 and \
            new_spec.get("terminationGracePeriodSeconds") == 1:
        munged["terminationGracePeriodSeconds"] = old_spec["terminationGracePeriodSeconds"]
    if munged == old_spec:
        return []
    detail = m.POD_UPDATE_FORBIDDEN + "\n" + pod_spec_diff(old_spec, munged)
    return [f.forbidden("spec", detail)]


def pod_spec_diff(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A go-cmp style diff of two pod specs, field by field in the internal type's order."""
    renderer = Renderer("diff")
    lines = ["  core.PodSpec{"]
    same = 0
    for go_name, json_name, field_type in POD_SPEC:
        before, after = old.get(json_name), new.get(json_name)
        if before == after:
            same += 1
            continue
        if same:
            lines.append(f"  \t... // {same} identical fields")
            same = 0
        lines.append(f"- \t{go_name}: {renderer.value(field_type, before)},")
        lines.append(f"+ \t{go_name}: {renderer.value(field_type, after)},")
    if same:
        lines.append(f"  \t... // {same} identical fields")
    lines.append("  }")
    return "\n".join(lines) + "\n"
