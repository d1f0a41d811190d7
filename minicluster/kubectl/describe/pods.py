"""describe for pods and pod templates (describePod, describeContainers, describeVolumes)."""

from __future__ import annotations

from typing import Any

from minicluster.kubectl.describe import describer
from minicluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    controlled_by,
    describe_events,
    events_for,
    labels_multiline,
    tolerations_multiline,
)
from minicluster.kubectl.printing.humanize import rfc1123z, since


def _ports(ports: list[dict[str, Any]], key: str) -> str:
    return ", ".join(f"{p.get(key, 0)}/{p.get('protocol', 'TCP')}" for p in ports)


def _state(w: PrefixWriter, title: str, state: dict[str, Any]) -> None:
    if "running" in state:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z((state['running'] or {}).get('startedAt'))}\n")
    elif "waiting" in state:
        w.write(2, f"{title}:\tWaiting\n")
        reason = (state["waiting"] or {}).get("reason")
        if reason:
            w.write(3, f"Reason:\t{reason}\n")
    elif "terminated" in state:
        term = state["terminated"] or {}
        w.write(2, f"{title}:\tTerminated\n")
        if term.get("reason"):
            w.write(3, f"Reason:\t{term['reason']}\n")
        if term.get("message"):
            w.write(3, f"Message:\t{term['message']}\n")
        w.write(3, f"Exit Code:\t{term.get('exitCode', 0)}\n")
        if term.get("signal"):
            w.write(3, f"Signal:\t{term['signal']}\n")
        w.write(3, f"Started:\t{rfc1123z(term.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(term.get('finishedAt'))}\n")
    else:
        w.write(2, f"{title}:\tWaiting\n")


def _probe(probe: dict[str, Any]) -> str:
    attrs = (f"delay={probe.get('initialDelaySeconds', 0)}s "
             f"timeout={probe.get('timeoutSeconds', 1)}s period={probe.get('periodSeconds', 10)}s "
             f"#success={probe.get('successThreshold', 1)} "
             f"#failure={probe.get('failureThreshold', 3)}")
    if "exec" in probe:
        return f"exec [{' '.join((probe['exec'] or {}).get('command') or [])}] {attrs}"
    if "httpGet" in probe:
        get = probe["httpGet"] or {}
        scheme = (get.get("scheme") or "HTTP").lower()
        return f"http-get {scheme}://{get.get('host', '')}:{get.get('port')}{get.get('path', '')} {attrs}"
    if "tcpSocket" in probe:
        sock = probe["tcpSocket"] or {}
        return f"tcp-socket {sock.get('host', '')}:{sock.get('port')} {attrs}"
    return f"unknown {attrs}"


def _env(w: PrefixWriter, container: dict[str, Any]) -> None:
    env_from = container.get("envFrom") or []
    if env_from:
        w.write(2, "Environment Variables from:\n")
        for source in env_from:
            kind, ref = ("ConfigMap", source.get("configMapRef")) if source.get("configMapRef") \
                else ("Secret", source.get("secretRef") or {})
            ref = ref or {}
            optional = "true" if ref.get("optional") else "false"
            if source.get("prefix"):
                w.write(3, f"{ref.get('name', '')}\t{kind} with prefix '{source['prefix']}'\t"
                           f"Optional: {optional}\n")
            else:
                w.write(3, f"{ref.get('name', '')}\t{kind}\tOptional: {optional}\n")
    env = container.get("env") or []
    w.write(2, "Environment:" + ("" if env else "\t<none>") + "\n")
    for var in env:
        source = var.get("valueFrom")
        if source is None:
            for i, part in enumerate(str(var.get("value", "")).split("\n")):
                w.write(3, f"{var.get('name')}:\t{part}\n" if i == 0 else f"\t{part}\n")
        elif "fieldRef" in source:
            ref = source["fieldRef"] or {}
            w.write(3, f"{var.get('name')}:\t ({ref.get('apiVersion', 'v1')}:"
                       f"{ref.get('fieldPath', '')})\n")
        elif "secretKeyRef" in source:
            ref = source["secretKeyRef"] or {}
            optional = "true" if ref.get("optional") else "false"
            w.write(3, f"{var.get('name')}:\t<set to the key '{ref.get('key')}' in secret "
                       f"'{ref.get('name')}'>\tOptional: {optional}\n")
        elif "configMapKeyRef" in source:
            ref = source["configMapKeyRef"] or {}
            optional = "true" if ref.get("optional") else "false"
            w.write(3, f"{var.get('name')}:\t<set to the key '{ref.get('key')}' of config map "
                       f"'{ref.get('name')}'>\tOptional: {optional}\n")
        elif "resourceFieldRef" in source:
            ref = source["resourceFieldRef"] or {}
            w.write(3, f"{var.get('name')}:\t ({ref.get('resource')})\n")


def _mounts(w: PrefixWriter, container: dict[str, Any]) -> None:
    mounts = container.get("volumeMounts") or []
    w.write(2, "Mounts:" + ("" if mounts else "\t<none>") + "\n")
    for mount in sorted(mounts, key=lambda m: m.get("mountPath", "")):
        flags = ["ro" if mount.get("readOnly") else "rw"]
        if mount.get("subPath"):
            flags.append(f'path="{mount["subPath"]}"')
        w.write(3, f"{mount.get('mountPath')} from {mount.get('name')} ({','.join(flags)})\n")


def _resources(w: PrefixWriter, resources: dict[str, Any] | None, level: int) -> None:
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = (resources or {}).get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted(values):
            w.write(level + 1, f"{name}:\t{values[name]}\n")


def describe_containers(w: PrefixWriter, label: str, containers: list[dict[str, Any]],
                        statuses: list[dict[str, Any]] | None, space: str) -> None:
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    indent = " " if space else ""
    for c in containers:
        status = by_name.get(c.get("name")) if statuses is not None else None
        w.write(1, f"{indent}{c.get('name')}:\n")
        if status is not None:
            w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
        w.write(2, f"Image:\t{c.get('image', '')}\n")
        if status is not None:
            w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
        ports = c.get("ports") or []
        port_text = _ports(ports, "containerPort")
        host_text = _ports(ports, "hostPort")
        w.write(2, f"Ports:\t{port_text}\n" if "," in port_text
                else f"Port:\t{port_text or '<none>'}\n")
        w.write(2, f"Host Ports:\t{host_text}\n" if "," in host_text
                else f"Host Port:\t{host_text or '<none>'}\n")
        for title, key in (("Command", "command"), ("Args", "args")):
            if c.get(key):
                w.write(2, f"{title}:\n")
                for item in c[key]:
                    for part in str(item).split("\n"):
                        w.write(3, f"{part}\n")
        if status is not None:
            _state(w, "State", status.get("state") or {})
            last = status.get("lastState") or {}
            if last.get("terminated"):
                _state(w, "Last State", last)
            w.write(2, f"Ready:\t{'True' if status.get('ready') else 'False'}\n")
            w.write(2, f"Restart Count:\t{status.get('restartCount', 0)}\n")
        _resources(w, c.get("resources"), 2)
        for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"),
                           ("Startup", "startupProbe")):
            if c.get(key):
                w.write(2, f"{title}:\t{_probe(c[key])}\n")
        _env(w, c)
        _mounts(w, c)


def describe_volumes(w: PrefixWriter, volumes: list[dict[str, Any]], space: str) -> None:
    if not volumes:
        w.write(0, f"{space}Volumes:\t<none>\n")
        return
    w.write(0, f"{space}Volumes:\n")
    indent = " " if space else ""
    for vol in volumes:
        w.write(1, f"{indent}{vol.get('name')}:\n")
        if "emptyDir" in vol:
            scratch = vol["emptyDir"] or {}
            w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                       f"    Medium:\t{scratch.get('medium', '')}\n"
                       f"    SizeLimit:\t{scratch.get('sizeLimit') or '<unset>'}\n")
        elif "configMap" in vol:
            cm = vol["configMap"] or {}
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
                       f"    Name:\t{cm.get('name', '')}\n"
                       f"    Optional:\t{'true' if cm.get('optional') else 'false'}\n")
        elif "secret" in vol:
            sec = vol["secret"] or {}
            w.write(2, "Type:\tSecret (a volume populated by a Secret)\n"
                       f"    SecretName:\t{sec.get('secretName', '')}\n"
                       f"    Optional:\t{'true' if sec.get('optional') else 'false'}\n")
        elif "persistentVolumeClaim" in vol:
            pvc = vol["persistentVolumeClaim"] or {}
            w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in "
                       "the same namespace)\n"
                       f"    ClaimName:\t{pvc.get('claimName', '')}\n"
                       f"    ReadOnly:\t{'true' if pvc.get('readOnly') else 'false'}\n")
        elif "hostPath" in vol:
            hp = vol["hostPath"] or {}
            w.write(2, "Type:\tHostPath (bare host directory volume)\n"
                       f"    Path:\t{hp.get('path', '')}\n"
                       f"    HostPathType:\t{hp.get('type') or '<none>'}\n")
        elif "projected" in vol:
            w.write(2, "Type:\tProjected (a volume that contains injected data from multiple "
                       "sources)\n")
            for source in (vol["projected"] or {}).get("sources") or []:
                if "serviceAccountToken" in source:
                    seconds = (source["serviceAccountToken"] or {}).get("expirationSeconds", 3600)
                    w.write(2, f"TokenExpirationSeconds:\t{seconds}\n")
                elif "configMap" in source:
                    cm = source["configMap"] or {}
                    optional = cm.get("optional")
                    w.write(2, f"ConfigMapName:\t{cm.get('name', '')}\n"
                               f"    ConfigMapOptional:\t"
                               f"{'<nil>' if optional is None else str(optional).lower()}\n")
                elif "downwardAPI" in source:
                    w.write(2, "DownwardAPI:\ttrue\n")
                elif "secret" in source:
                    sec = source["secret"] or {}
                    w.write(2, f"SecretName:\t{sec.get('name', '')}\n"
                               f"    SecretOptionalName:\t{sec.get('optional', '<nil>')}\n")
        else:
            w.write(1, "<unknown>\n")


def describe_pod_template(w: PrefixWriter, template: dict[str, Any] | None) -> None:
    w.write(0, "Pod Template:\n")
    if template is None:
        w.write(1, "<unset>")
        return
    meta = template.get("metadata") or {}
    spec = template.get("spec") or {}
    labels_multiline(w, "  Labels", meta.get("labels"))
    if meta.get("annotations"):
        annotations_multiline(w, "  Annotations", meta.get("annotations"))
    if spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{spec['serviceAccountName']}\n")
    if spec.get("initContainers"):
        describe_containers(w, "Init Containers", spec["initContainers"], None, "  ")
    describe_containers(w, "Containers", spec.get("containers") or [], None, "  ")
    describe_volumes(w, spec.get("volumes") or [], "  ")
    if spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    labels_multiline(w, "  Node-Selectors", spec.get("nodeSelector"))
    tolerations_multiline(w, "  Tolerations", spec.get("tolerations"))


def _qos(pod: dict[str, Any]) -> str:
    spec = pod.get("spec") or {}
    containers = (spec.get("containers") or []) + (spec.get("initContainers") or [])
    requests = [((c.get("resources") or {}).get("requests") or {}) for c in containers]
    limits = [((c.get("resources") or {}).get("limits") or {}) for c in containers]
    if not any(requests) and not any(limits):
        return "BestEffort"
    guaranteed = all(
        lim.get("cpu") and lim.get("memory") and req.get("cpu", lim.get("cpu")) == lim.get("cpu")
        and req.get("memory", lim.get("memory")) == lim.get("memory")
        for req, lim in zip(requests, limits))
    return "Guaranteed" if guaranteed else "Burstable"


@describer("Pod")
def describe_pod(ctx: Any, pod: dict[str, Any]) -> str:
    now = ctx.now()
    meta, spec, status = pod.get("metadata") or {}, pod.get("spec") or {}, pod.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    if spec.get("priority") is not None:
        w.write(0, f"Priority:\t{spec['priority']}\n")
    if spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
    node = spec.get("nodeName")
    w.write(0, f"Node:\t{node}/{status.get('hostIP', '')}\n" if node else "Node:\t<none>\n")
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    phase = status.get("phase", "")
    if meta.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {since(meta['deletionTimestamp'], now)})\n")
        w.write(0, f"Termination Grace Period:\t{meta.get('deletionGracePeriodSeconds', 30)}s\n")
    else:
        w.write(0, f"Status:\t{phase}\n")
    if status.get("reason"):
        w.write(0, f"Reason:\t{status['reason']}\n")
    if status.get("message"):
        w.write(0, f"Message:\t{status['message']}\n")
    w.write(0, f"IP:\t{status.get('podIP', '')}\n")
    ips = status.get("podIPs") or []
    if not ips:
        w.write(0, "IPs:\t<none>\n")
    else:
        w.write(0, "IPs:\n")
        for ip in ips:
            w.write(1, f"IP:\t{ip.get('ip', '')}\n")
    owner = controlled_by(pod)
    if owner:
        w.write(0, f"Controlled By:\t{owner}\n")
    if status.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")
    if spec.get("initContainers"):
        describe_containers(w, "Init Containers", spec["initContainers"],
                            status.get("initContainerStatuses") or [], "")
    describe_containers(w, "Containers", spec.get("containers") or [],
                        status.get("containerStatuses") or [], "")
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for cond in conditions:
            w.write(1, f"{cond.get('type')} \t{cond.get('status')} \n")
    describe_volumes(w, spec.get("volumes") or [], "")
    w.write(0, f"QoS Class:\t{status.get('qosClass') or _qos(pod)}\n")
    labels_multiline(w, "Node-Selectors", spec.get("nodeSelector"))
    tolerations_multiline(w, "Tolerations", spec.get("tolerations"))
    describe_events(w, events_for(ctx.api, pod, with_kind=False), now)
    return w.getvalue()
