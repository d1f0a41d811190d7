"""What every helm subcommand receives: the cluster, the global flags, and the Helm major."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from minicluster.core.flags import FlagSet, ParsedFlags


def add_global_flags(fs: FlagSet) -> FlagSet:
    """Helm's persistent flags, accepted anywhere on the command line."""
    fs.string("namespace", "", short="n", help="namespace scope for this request")
    fs.bool("debug", help="enable verbose output")
    fs.string("kube-context", "", help="name of the kubeconfig context to use")
    fs.string("kubeconfig", "", help="path to the kubeconfig file")
    fs.int("burst-limit", 100, help="client-side default throttling limit")
    fs.string("qps", "0", help="queries per second used when communicating with the Kubernetes API")
    fs.bool("help", short="h", help="help for this command")
    return fs


@dataclass
class HelmContext:
    cluster: Any
    namespace: str = "default"
    namespace_given: bool = False
    debug: bool = False
    helm_version: int = 4
    # What the caller piped to helm, for `-f -`; None means no stdin was provided.
    stdin: str | None = None
    # Extra lines a command wants on stderr before its result (warnings), in order.
    warnings: list[str] = field(default_factory=list)

    def parse(self, fs: FlagSet, argv: list[str]) -> ParsedFlags:
        """Parse a subcommand's argv together with the global flags; apply the globals."""
        parsed = add_global_flags(fs).parse(argv)
        if "namespace" in parsed.changed:
            self.namespace = parsed["namespace"]
            self.namespace_given = True
        self.debug = bool(parsed["debug"])
        return parsed

    def resolve_path(self, path: str) -> str:
        """A chart or values path as the learner typed it, resolved against the cluster's cwd."""
        base = getattr(self.cluster, "cwd", None) or os.getcwd()
        return path if os.path.isabs(path) else os.path.normpath(os.path.join(base, path))
