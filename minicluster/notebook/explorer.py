"""Time travel through a cluster's history: step through the API server's action log and see
`kubectl get` as it was at each instant (an ipywidgets slider in notebooks; `snapshot()` from
Python)."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterator
from typing import Any

from minicluster.core.clock import VirtualClock
from minicluster.core.result import CommandResult

DEFAULT_QUERY = "get jobs,pods,deployments,configmaps"
# Reads that never change anything; the frozen cluster refuses everything else.
READ_ONLY_VERBS = ("get", "describe")


class _ReadOnlyApi:
    """The store as it was at one moment, with the parts of the API kubectl reads."""

    def __init__(self, view: Any) -> None:
        self._view = view

    def __getattr__(self, name: str) -> Any:
        return getattr(self._view, name)

    @contextlib.contextmanager
    def actor(self, name: str) -> Iterator[None]:
        yield


class FrozenCluster:
    """Enough of a Cluster for kubectl's read commands, frozen at `time`."""

    def __init__(self, cluster: Any, time: float) -> None:
        self.api = _ReadOnlyApi(cluster.api.as_of(time))
        self.clock = VirtualClock(epoch=cluster.clock.epoch, start=time)
        self.cwd = cluster.cwd
        self.helm_version = cluster.helm_version
        self.controllers = None


def snapshot(cluster: Any, time: float, query: str = DEFAULT_QUERY) -> CommandResult:
    """`kubectl <query>` as it would have printed at virtual time `time`."""
    import shlex

    from minicluster.kubectl.main import run_kubectl

    argv = shlex.split(query)
    if not argv or argv[0] not in READ_ONLY_VERBS:
        return CommandResult(stderr="error: time travel only reads: use get or describe\n",
                             exit_code=1)
    return run_kubectl(FrozenCluster(cluster, time), argv)


def _describe(action: Any) -> str:
    where = f"{action.namespace}/" if action.namespace else ""
    return (f"t={action.time:g}s  {action.actor or '?'} {action.verb} "
            f"{action.kind.lower()}/{where}{action.name}")


def explorer(cluster: Any, query: str = DEFAULT_QUERY) -> Any:
    """An ipywidgets explorer: a slider over the action log and the cluster as it was then."""
    import ipywidgets as widgets

    log = [a for a in cluster.api.action_log if a.kind != "Event"]
    if not log:
        return widgets.HTML("<p>Nothing has happened in this cluster yet.</p>")
    slider = widgets.IntSlider(value=len(log) - 1, min=0, max=len(log) - 1,
                               description="step", continuous_update=False,
                               layout=widgets.Layout(width="90%"))
    text = widgets.Text(value=query, description="kubectl",
                        layout=widgets.Layout(width="90%"))
    caption = widgets.HTML()
    output = widgets.HTML()

    def show(_: Any = None) -> None:
        action = log[slider.value]
        caption.value = f"<code>{html.escape(_describe(action))}</code>"
        result = snapshot(cluster, action.time, text.value)
        output.value = result._repr_html_()

    slider.observe(show, names="value")
    text.observe(show, names="value")
    show()
    return widgets.VBox([slider, caption, text, output])
