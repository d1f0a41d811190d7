"""`kubectl apply -f` and `kubectl create -f`: the learner's manifests into the cluster."""

from __future__ import annotations

from typing import Any

from minicluster.api.errors import ApiError, NoKindMatchError
from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import AggregateError, KubectlError, RawError, with_source
from minicluster.kubectl.manifests import Manifest, object_namespace, read_manifests
from minicluster.kubectl.output import name_line, parse_output, print_objects

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MISSING_ANNOTATION = (
    "Warning: resource {resource}/{name} is missing the "
    "kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl "
    "apply. kubectl apply should only be used on resources created declaratively by either "
    "kubectl create --save-config or kubectl apply. The missing annotation will be patched "
    "automatically.\n"
)


def file_flags(fs: FlagSet) -> None:
    fs.slice("filename", short="f")
    fs.bool("recursive", short="R")
    fs.string("output", "", short="o")
    fs.string("dry-run", "none", no_opt_default="unchanged")
    # kubectl's --validate: strict (or true, the default), warn, ignore (or false).
    fs.string("validate", "strict", no_opt_default="strict")
    fs.string("field-manager", "kubectl-client-side-apply")
    fs.bool("save-config")
    fs.string("selector", "", short="l")
    fs.string("kustomize", "", short="k")
    fs.bool("server-side")
    fs.bool("force-conflicts")
    fs.bool("prune")
    fs.bool("overwrite", True)
    fs.bool("wait")
    fs.bool("allow-missing-template-keys", True)
    fs.bool("show-managed-fields")
    fs.string("template", "")
    fs.bool("edit")
    fs.bool("windows-line-endings")
    fs.bool("force")
    fs.int("grace-period", -1)
    fs.string("timeout", "0s")
    fs.bool("openapi-patch", True)
    fs.string("cascade", "background", no_opt_default="background")


def _dry_run(flags: ParsedFlags) -> str:
    value = flags["dry-run"]
    if value == "unchanged":
        return "client"
    if value not in ("none", "client", "server"):
        raise KubectlError(f'Invalid dry-run value ({value}). Must be "none", "server", or '
                           '"client".')
    return value


def _manifests(ctx: KubectlContext, flags: ParsedFlags) -> list[Manifest]:
    if flags["kustomize"]:
        raise KubectlError("minicluster does not run kustomize; apply the rendered files")
    if not flags["filename"]:
        raise KubectlError(m.MUST_SPECIFY_F)
    manifests = read_manifests(ctx, flags["filename"], flags["recursive"])
    if not manifests:
        raise KubectlError(m.NO_OBJECTS_PASSED.format(verb=ctx.command_path.split()[-1]))
    return manifests


def _info(ctx: KubectlContext, manifest: Manifest) -> Any:
    obj = manifest.obj
    try:
        return ctx.api.kinds.for_object(obj.get("apiVersion", ""), obj.get("kind", ""))
    except NoKindMatchError as exc:
        meta = obj.get("metadata") or {}
        raise RawError("error: " + m.RESOURCE_MAPPING.format(
            name=meta.get("name", ""), namespace=meta.get("namespace", ""),
            source=manifest.source, error=exc.message)) from None


def _suffix(dry_run: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")


def _report(ctx: KubectlContext, flags: ParsedFlags, done: list[tuple[Any, dict[str, Any]]],
            lines: list[str]) -> None:
    fmt = parse_output(flags["output"], flags["template"])
    if fmt.kind in ("table", "wide"):
        ctx.write("".join(lines))
    elif done:
        ctx.write(print_objects(fmt, done, single=len(done) == 1))


def _field_validation(flags: ParsedFlags) -> str:
    value = str(flags["validate"]).lower()
    mode = {"true": "Strict", "strict": "Strict", "warn": "Warn", "false": "Ignore",
            "ignore": "Ignore"}.get(value)
    if mode is None:
        raise KubectlError(f'invalid - validate option "{flags["validate"]}"; must be one of: '
                           "strict (or true), warn, ignore (or false)")
    return mode


@kubectl_command("apply", "Apply a configuration to a resource by file name or stdin",
                 flags=file_flags)
def apply(ctx: KubectlContext, flags: ParsedFlags) -> int:
    dry_run = _dry_run(flags)
    validation = _field_validation(flags)
    parse_output(flags["output"], flags["template"])
    manifests = _manifests(ctx, flags)
    errors: list[Exception] = []
    done: list[tuple[Any, dict[str, Any]]] = []
    lines: list[str] = []
    for manifest in manifests:
        try:
            info = _info(ctx, manifest)
            ns = object_namespace(ctx, info, manifest.obj)
            meta = manifest.obj.get("metadata") or {}
            current = ctx.api.try_get(info.kind, meta.get("name", ""), ns) \
                if meta.get("name") else None
            if current is not None and LAST_APPLIED not in (
                    (current.get("metadata") or {}).get("annotations") or {}):
                ctx.warn(MISSING_ANNOTATION.format(resource=info.group_resource,
                                                   name=meta.get("name")))
            if dry_run == "client":
                obj, op = manifest.obj, "created" if current is None else "configured"
            elif dry_run == "server":
                obj = ctx.api.create(manifest.obj, namespace=ns, dry_run=True) \
                    if current is None else manifest.obj
                op = "created" if current is None else "configured"
            else:
                try:
                    # Client-side apply reads top-level annotations through
                    # Unstructured.GetAnnotations, which drops a non-string value silently.
                    obj, op = ctx.api.apply(manifest.obj, namespace=ns,
                                            field_validation=validation,
                                            drop_unreadable_annotations=True)
                except ApiError as exc:
                    verb = "creating" if current is None else "patching"
                    raise with_source(exc, verb, manifest.source) from None
            ctx.server_warnings()
            done.append((info, obj))
            lines.append(name_line(info, obj, op + _suffix(dry_run)))
        except (ApiError, KubectlError) as exc:
            ctx.server_warnings()
            errors.append(exc)
    _report(ctx, flags, done, lines)
    if errors:
        raise AggregateError(errors)
    return 0


def create_flags(fs: FlagSet) -> None:
    from minicluster.kubectl.commands.create_generators import add_generator_flags

    file_flags(fs)
    add_generator_flags(fs)


@kubectl_command("create", "Create a resource from a file or from stdin", flags=create_flags)
def create(ctx: KubectlContext, flags: ParsedFlags) -> int:
    if flags.positionals:
        from minicluster.kubectl.commands.create_generators import create_generated

        return create_generated(ctx, flags)
    dry_run = _dry_run(flags)
    validation = _field_validation(flags)
    parse_output(flags["output"], flags["template"])
    manifests = _manifests(ctx, flags)
    errors: list[Exception] = []
    done: list[tuple[Any, dict[str, Any]]] = []
    lines: list[str] = []
    for manifest in manifests:
        try:
            info = _info(ctx, manifest)
            ns = object_namespace(ctx, info, manifest.obj)
            if dry_run == "client":
                obj = manifest.obj
            else:
                try:
                    obj = ctx.api.create(manifest.obj, namespace=ns,
                                         dry_run=dry_run == "server",
                                         field_validation=validation)
                except ApiError as exc:
                    raise with_source(exc, "creating", manifest.source) from None
            ctx.server_warnings()
            done.append((info, obj))
            lines.append(name_line(info, obj, "created" + _suffix(dry_run)))
        except (ApiError, KubectlError) as exc:
            ctx.server_warnings()
            errors.append(exc)
    _report(ctx, flags, done, lines)
    if errors:
        raise AggregateError(errors)
    return 0
