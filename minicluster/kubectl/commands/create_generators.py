"""`kubectl create job|namespace|configmap NAME ...`: objects built by kubectl itself."""

from __future__ import annotations

import copy
from typing import Any

from minicluster.api.errors import ApiError
from minicluster.core.flags import ParsedFlags
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import KubectlError, RawError, UsageError
from minicluster.kubectl.output import name_line, parse_output, print_objects


def add_generator_flags(fs: Any) -> None:
    fs.string("image", "")
    fs.string("from", "")
    fs.array("from-literal")
    fs.array("from-file")
    fs.array("from-env-file")
    fs.bool("append-hash")


def _name(ctx: KubectlContext, args: list[str], sub: str) -> str:
    if len(args) != 1:
        raise UsageError(f"exactly one NAME is required, got {len(args)}",
                         f"kubectl create {sub}")
    return args[0]


def _job(ctx: KubectlContext, flags: ParsedFlags, name: str, command: list[str]
         ) -> dict[str, Any]:
    image, source = flags["image"], flags["from"]
    if not image and not source:
        raise KubectlError("either --image or --from must be specified")
    if image and source:
        raise KubectlError("--image and --from are mutually exclusive")
    if source:
        kind, _, cron_name = source.partition("/")
        if ctx.api.kinds.lookup(kind).kind != "CronJob":
            raise KubectlError(f"unknown object type {ctx.api.kinds.lookup(kind).kind}")
        cron = ctx.api.get("CronJob", cron_name, ctx.namespace)
        template = copy.deepcopy((cron.get("spec") or {}).get("jobTemplate") or {})
        meta = template.get("metadata") or {}
        annotations = dict(meta.get("annotations") or {})
        annotations["cronjob.kubernetes.io/instantiate"] = "manual"
        cron_meta = cron.get("metadata") or {}
        return {"apiVersion": "batch/v1", "kind": "Job",
                "metadata": {"name": name, "annotations": annotations,
                             "labels": meta.get("labels") or {},
                             "ownerReferences": [{
                                 "apiVersion": "batch/v1", "kind": "CronJob",
                                 "name": cron_meta.get("name"), "uid": cron_meta.get("uid"),
                                 "controller": True}]},
                "spec": template.get("spec") or {}}
    container: dict[str, Any] = {"image": image, "name": name, "resources": {}}
    if command:
        container["command"] = command
    return {"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"creationTimestamp": None, "name": name},
            "spec": {"template": {"metadata": {"creationTimestamp": None},
                                  "spec": {"containers": [container],
                                           "restartPolicy": "Never"}}},
            "status": {}}


def _configmap(flags: ParsedFlags, name: str) -> dict[str, Any]:
    data: dict[str, str] = {}
    for literal in flags["from-literal"]:
        key, eq, value = literal.partition("=")
        if not eq or not key:
            raise KubectlError(f"invalid literal source {literal}, expected key=value")
        if key in data:
            raise KubectlError(f'cannot add key "{key}", another key by that name already '
                               "exists in Data for ConfigMap \"" + name + '"')
        data[key] = value
    if flags["from-file"] or flags["from-env-file"]:
        raise KubectlError("minicluster's kubectl create configmap takes --from-literal only; "
                           "write a manifest for file contents")
    cm: dict[str, Any] = {"apiVersion": "v1", "kind": "ConfigMap",
                          "metadata": {"creationTimestamp": None, "name": name}}
    if data:
        cm["data"] = data
    return cm


def create_generated(ctx: KubectlContext, flags: ParsedFlags) -> int:
    args = list(flags.positionals)
    command = ctx.after_dash or []
    if command:
        args = args[: len(args) - len(command)]
    sub, rest = args[0], args[1:]
    aliases = {"ns": "namespace", "cm": "configmap"}
    sub = aliases.get(sub, sub)
    if sub == "job":
        obj = _job(ctx, flags, _name(ctx, rest, sub), command)
        info = ctx.api.kinds.get("Job")
    elif sub == "namespace":
        obj = {"apiVersion": "v1", "kind": "Namespace",
               "metadata": {"creationTimestamp": None, "name": _name(ctx, rest, sub)},
               "spec": {}, "status": {}}
        info = ctx.api.kinds.get("Namespace")
    elif sub == "configmap":
        obj = _configmap(flags, _name(ctx, rest, sub))
        info = ctx.api.kinds.get("ConfigMap")
    else:
        raise UsageError(f"Unexpected args: [{' '.join(args)}]", "kubectl create")
    if info.namespaced and ctx.explicit_namespace:
        obj["metadata"]["namespace"] = ctx.namespace
    fmt = parse_output(flags["output"], flags["template"])
    dry_run = flags["dry-run"]
    if dry_run == "unchanged":
        dry_run = "client"
    if dry_run == "client":
        result = obj
    else:
        try:
            result = ctx.api.create(obj, namespace=ctx.namespace if info.namespaced else None,
                                    dry_run=dry_run == "server")
        except ApiError as exc:
            if sub == "job" and exc.reason == "AlreadyExists":
                raise RawError(f"error: failed to create job: {exc.message}") from None
            raise
        ctx.server_warnings()
    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")
    if fmt.human:
        ctx.write(name_line(info, result, "created" + suffix))
    else:
        ctx.write(print_objects(fmt, [(info, result)], single=True))
    return 0
