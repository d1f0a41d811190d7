"""`kubectl version` and `kubectl api-resources`."""

from __future__ import annotations

import json

from minicluster.core.flags import FlagSet, ParsedFlags
from minicluster.kubectl import messages as m
from minicluster.kubectl.commands import kubectl_command
from minicluster.kubectl.context import KubectlContext
from minicluster.kubectl.errors import KubectlError
from minicluster.kubectl.printing.serialize import to_yaml
from minicluster.kubectl.printing.tabwriter import kubectl_table_writer


def version_flags(fs: FlagSet) -> None:
    fs.bool("client")
    fs.string("output", "", short="o")


def _info(version: str) -> dict[str, str]:
    major, minor = version.lstrip("v").split(".")[:2]
    return {"major": major, "minor": minor, "gitVersion": version,
            "gitCommit": "minicluster", "gitTreeState": "clean",
            "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.8", "compiler": "gc",
            "platform": "linux/amd64"}


@kubectl_command("version", "Print the client and server version information",
                 flags=version_flags)
def version(ctx: KubectlContext, flags: ParsedFlags) -> int:
    output = flags["output"]
    if output not in ("", "yaml", "json"):
        raise KubectlError("--output must be 'yaml' or 'json'")
    data: dict[str, object] = {"clientVersion": _info(m.CLIENT_VERSION),
                               "kustomizeVersion": m.KUSTOMIZE_VERSION}
    if not flags["client"]:
        data["serverVersion"] = _info(m.SERVER_VERSION)
    if output == "json":
        ctx.write(json.dumps(data, indent=2) + "\n")
    elif output == "yaml":
        ctx.write(to_yaml(data) + "\n")
    else:
        lines = [f"Client Version: {m.CLIENT_VERSION}", f"Kustomize Version: {m.KUSTOMIZE_VERSION}"]
        if not flags["client"]:
            lines.append(f"Server Version: {m.SERVER_VERSION}")
        ctx.write("\n".join(lines) + "\n")
    return 0


def api_resources_flags(fs: FlagSet) -> None:
    fs.string("output", "", short="o")
    fs.bool("namespaced", True)
    fs.string("api-group", "")
    fs.bool("no-headers")
    fs.string("sort-by", "")
    fs.slice("verbs")
    fs.bool("cached")
    fs.string("categories", "")


_VERBS = "create,delete,deletecollection,get,list,patch,update,watch"


@kubectl_command("api-resources", "Print the supported API resources on the server",
                 flags=api_resources_flags)
def api_resources(ctx: KubectlContext, flags: ParsedFlags) -> int:
    output = flags["output"]
    if output not in ("", "wide", "name"):
        raise KubectlError(f"--output {output} is not available")
    kinds = list(ctx.api.kinds.all())
    if "namespaced" in flags.changed:
        kinds = [k for k in kinds if k.namespaced == flags["namespaced"]]
    if "api-group" in flags.changed:
        kinds = [k for k in kinds if k.group == flags["api-group"]]
    if flags["categories"]:
        wanted = set(flags["categories"].split(","))
        kinds = [k for k in kinds if wanted & set(k.categories)]
    if flags["sort-by"] == "name":
        kinds.sort(key=lambda k: k.plural)
    elif flags["sort-by"] == "kind":
        kinds.sort(key=lambda k: k.kind)
    if output == "name":
        ctx.write("".join(f"{k.plural}.{k.group}\n" if k.group else f"{k.plural}\n"
                          for k in kinds))
        return 0
    writer = kubectl_table_writer()
    header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    if output == "wide":
        header += ["VERBS", "CATEGORIES"]
    if not flags["no-headers"]:
        writer.write("\t".join(header) + "\n")
    for k in kinds:
        row = [k.plural, ",".join(k.short_names), k.api_version,
               "true" if k.namespaced else "false", k.kind]
        if output == "wide":
            row += [f"[{_VERBS.replace(',', ' ')}]", ",".join(k.categories)]
        writer.write("\t".join(row) + "\n")
    ctx.write(writer.getvalue())
    return 0
