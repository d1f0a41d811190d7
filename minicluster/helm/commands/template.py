"""`helm template [NAME] [CHART]`: render locally and print what Helm 4 prints.

Output (pkg/cmd/template.go, action.go renderResources): the release manifest (CRDs first with
--include-crds, then resources in install order, each `---\\n# Source: PATH\\nDOC\\n`), trimmed
and newline-terminated, then every hook the same way (unless --no-hooks; --skip-tests drops
`test` hooks). NOTES.txt is never printed. `--show-only` re-splits that text and prints the
matching documents as `---\\nDOC\\n` in the order the patterns were given.

`--output-dir` writes those files like Helm does, but only inside the learner's working
directory (the cluster's cwd): minicluster never writes elsewhere on the host.
"""

from __future__ import annotations

import os
import re
from typing import Any

from minicluster.core.errors import MiniclusterError
from minicluster.core.flags import FlagSet
from minicluster.core.result import CommandResult
from minicluster.helm import manifests as _manifests
from minicluster.helm.actions.cli import help_text
from minicluster.helm.chart import ChartError, load_chart
from minicluster.helm.chart.capabilities import (
    OFFLINE_KUBE_VERSION,
    make_capabilities,
    parse_kube_version,
)
from minicluster.helm.chart.coalesce import collect_warnings
from minicluster.helm.chart.dependencies import check_dependencies
from minicluster.helm.chart.ignore import BadPattern, go_match
from minicluster.helm.chart.loader import locate_chart
from minicluster.helm.chart.valueopts import add_value_flags, host_reader, values_from_flags
from minicluster.helm.messages import slog_line
from minicluster.helm.render import KubeVersionError, check_installable, render_chart
from minicluster.templates.errors import RenderError

from . import helm_command

_RELEASE_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_INVALID_NAME = (
    "invalid release name, must match regex "
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
    " and the length must not be longer than 53"
)
_DEBUG_HINT = "\n\nUse --debug flag to render out invalid YAML"
_SOURCE = re.compile(r"# Source: [^/]+/(.+)")


def template_flags() -> FlagSet:
    fs = FlagSet("template")
    for name in ("create-namespace", "force-replace", "force", "force-conflicts", "no-hooks",
                 "replace", "wait-for-jobs", "devel", "dependency-update",
                 "disable-openapi-validation", "rollback-on-failure", "atomic", "skip-crds",
                 "render-subchart-notes", "skip-schema-validation", "enable-dns", "hide-notes",
                 "take-ownership", "verify", "insecure-skip-tls-verify", "plain-http",
                 "pass-credentials", "validate", "include-crds", "skip-tests", "is-upgrade",
                 "release-name"):
        fs.bool(name)
    fs.bool("server-side", True)
    fs.bool("generate-name", short="g")
    fs.duration("timeout", 300.0)
    for name in ("name-template", "description", "version", "keyring", "repo", "username",
                 "password", "cert-file", "key-file", "ca-file", "output-dir", "kube-version",
                 "post-renderer"):
        fs.string(name)
    fs.string("wait", "hookOnly", no_opt_default="watcher")
    fs.string("dry-run", "client", no_opt_default="unset")
    fs.slice("labels", short="l")
    fs.array("show-only", short="s", help="only show manifests rendered from the given templates")
    fs.slice("api-versions", short="a", help="Kubernetes api versions used for "
             "Capabilities.APIVersions (multiple can be specified)")
    fs.array("post-renderer-args")
    return add_value_flags(fs)


def _name_and_chart(args: list[str], flags: Any) -> tuple[str, str]:
    if len(args) > 2:
        raise ChartError(f"expected at most two arguments, unexpected arguments: {', '.join(args[2:])}")
    if len(args) == 2:
        if flags["generate-name"]:
            raise ChartError("cannot set --generate-name and also specify a name")
        if flags["name-template"]:
            raise ChartError("cannot set --name-template and also specify a name")
        return args[0], args[1]
    if flags["name-template"]:
        raise ChartError("--name-template is not supported by minicluster")
    return "release-name", args[0]


def validate_release_name(name: str) -> None:
    if not name:
        raise ChartError('release name check failed: release name "": no name provided')
    if len(name) > 53 or not _RELEASE_NAME.fullmatch(name):
        raise ChartError(f'release name check failed: release name "{name}": {_INVALID_NAME}')


def _show_only(text: str, patterns: list[str]) -> str:
    docs = [d.lstrip() for d in re.split(r"(?m)^---[ \t]*", text.lstrip()) if d.strip()]
    out = []
    for pattern in patterns:
        pattern = pattern.replace("\\", "/")
        found = False
        for doc in docs:
            m = _SOURCE.search(doc)
            if not m:
                continue
            try:
                matched = go_match(pattern, m.group(1))
            except BadPattern:
                matched = False
            if matched:
                out.append(f"---\n{doc}\n")
                found = True
        if not found:
            raise ChartError(f"could not find template {pattern} in chart")
    return "".join(out)


class _OutputDir:
    """--output-dir, confined to the learner's working directory."""

    def __init__(self, ctx: Any, raw: str, release: str | None) -> None:
        base = os.path.realpath(ctx.resolve_path("."))
        target = os.path.realpath(ctx.resolve_path(raw))
        if target != base and not target.startswith(base + os.sep):
            raise ChartError(
                f"--output-dir {raw}: minicluster only writes inside the working directory {base}")
        self.root = os.path.join(target, release) if release else target
        self.shown = os.path.join(raw, release) if release else raw
        self.written: set[str] = set()
        self.lines: list[str] = []

    def write(self, name: str, data: str) -> None:
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "a" if name in self.written else "w"
        with open(path, mode, encoding="utf-8") as fh:
            fh.write(f"---\n# Source: {name}\n{data}\n")
        self.written.add(name)
        self.lines.append(f"wrote {self.shown}/{name}\n")


@helm_command("template", summary="locally render templates")
def template(ctx: Any, argv: list[str]) -> CommandResult:
    # Coalescing conflicts are logged as they happen, so they precede everything else on
    # stderr, the final error included.
    with collect_warnings() as coalesce_log:
        try:
            result = _template(ctx, argv)
        except MiniclusterError as exc:
            if not coalesce_log:
                raise
            lines = "".join(slog_line("INFO", w) + "\n" for w in coalesce_log)
            return CommandResult(stderr=f"{lines}Error: {exc.message}\n", exit_code=1)
    ctx.warnings[:0] = [slog_line("INFO", w) for w in coalesce_log]
    return result


def _template(ctx: Any, argv: list[str]) -> CommandResult:
    fs = template_flags()
    flags = ctx.parse(fs, argv)
    if flags["help"]:
        return CommandResult(stdout=help_text("locally render templates",
                                              "helm template [NAME] [CHART] [flags]", fs,
                                              "template"))
    for name in ("post-renderer", "verify", "validate"):
        if flags[name]:
            raise ChartError(f"--{name} is not supported by minicluster's helm template")
    if flags["dry-run"] == "server":
        raise ChartError("--dry-run=server is not supported by minicluster's helm template")
    args = flags.positionals
    if len(args) < 1:
        raise ChartError('"helm template" requires at least 1 argument\n\n'
                         "Usage:  helm template [NAME] [CHART] [flags]")
    caps_version = OFFLINE_KUBE_VERSION
    if flags["kube-version"]:
        try:
            parse_kube_version(flags["kube-version"])
        except ChartError as exc:
            raise ChartError(f"invalid kube version '{flags['kube-version']}': {exc.message}") from None
        caps_version = flags["kube-version"]
    name, chart_ref = _name_and_chart(args, flags)
    chart_path = locate_chart(chart_ref, ctx.resolve_path(chart_ref))
    reader = host_reader(ctx.resolve_path("."), getattr(ctx, "stdin", None))
    user_values = values_from_flags(flags, reader)
    chart = load_chart(chart_path)
    check_installable(chart)
    if chart.metadata.dependencies:
        check_dependencies(chart)
    validate_release_name(name)
    capabilities = make_capabilities(caps_version, flags["api-versions"])
    try:
        rendered = render_chart(
            chart, user_values, release_name=name, namespace=ctx.namespace,
            is_install=not flags["is-upgrade"], is_upgrade=flags["is-upgrade"],
            capabilities=capabilities, skip_schema_validation=flags["skip-schema-validation"],
            clock=getattr(ctx.cluster, "clock", None), rand=_rand(ctx),
        )
    except (RenderError, KubeVersionError) as exc:
        # Helm returns a (failed) release for render-phase errors, hence the --debug hint.
        if ctx.debug:
            return CommandResult(stdout="\n", stderr=f"Error: {exc.message}\n", exit_code=1)
        raise ChartError(exc.message + _DEBUG_HINT) from None
    log: list[str] = []
    try:
        split = _manifests.split_manifests(rendered.templates, capabilities.KubeVersion.Version,
                                           capabilities.APIVersions,
                                           helm_version=ctx.helm_version, log=log)
    except _manifests.ManifestError as exc:
        if ctx.debug:
            blob = "".join(f"---\n# Source: {k}\n{v}\n" for k, v in sorted(rendered.templates.items())
                           if v.strip())
            return CommandResult(stdout=blob.strip() + "\n", stderr=f"Error: {exc.message}\n",
                                 exit_code=1)
        raise ChartError(exc.message + _DEBUG_HINT) from None
    ctx.warnings.extend(log)
    out_dir = _OutputDir(ctx, flags["output-dir"], name if flags["release-name"] else None) \
        if flags["output-dir"] else None
    manifest = ""
    if flags["include-crds"]:
        for filename, f in rendered.chart.crd_objects() if rendered.chart else []:
            if out_dir:
                out_dir.write(filename, f.text)
            else:
                manifest += f"---\n# Source: {filename}\n{f.text}\n"
    for m in split.manifests:
        if out_dir:
            out_dir.write(m.path, m.content)
        else:
            manifest += f"---\n# Source: {m.path}\n{m.content}\n"
    text = manifest.strip() + "\n"
    if not flags["no-hooks"]:
        for hook in split.hooks:
            if flags["skip-tests"] and "test" in hook.events:
                continue
            if out_dir:
                out_dir.write(hook.path, hook.manifest)
            else:
                text += f"---\n# Source: {hook.path}\n{hook.manifest}\n"
    if flags["show-only"]:
        return CommandResult(stdout=_show_only(text, flags["show-only"]))
    if out_dir:
        return CommandResult(stdout="".join(out_dir.lines))
    return CommandResult(stdout=text)


def _rand(ctx: Any) -> Any:
    rand = getattr(ctx.cluster, "rand", None)
    return rand.stream("helm-template") if rand is not None and hasattr(rand, "stream") else None
