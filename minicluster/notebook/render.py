"""Static HTML/SVG for the timeline, from a jinja2 template shipped with the package.

Static markup (no JavaScript) so it works the same in JupyterLab, classic Notebook, VS Code and
exported HTML."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

LANE_HEIGHT = 34
LABEL_WIDTH = 380
CHART_WIDTH = 540
AXIS_HEIGHT = 22
COLOURS = {"created": "#1f77b4", "started": "#9467bd", "completed": "#2ca02c",
           "failed": "#d62728", "deleted": "#7f7f7f", "updated": "#ff7f0e"}


@lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("minicluster.notebook", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
    )
    return env.get_template("timeline.html.j2")


def render_timeline_html(timeline: Any) -> str:
    groups = []
    for group in timeline.groups:
        span = max(group.end - group.start, 1.0)

        def x(t: float, start: float = group.start, span: float = span) -> float:
            return round(LABEL_WIDTH + (t - start) / span * CHART_WIDTH, 1)

        lanes = []
        for lane in group.lanes:
            begin = lane.first("created") or group.start
            finish = lane.first("deleted") or group.end
            lanes.append({
                "label": lane.label,
                "kind": ",".join(lane.hook_events) if lane.is_hook else "manifest",
                "detail": (f"weight {lane.weight} · {lane.policies or 'before-hook-creation (default)'}"
                           if lane.is_hook else ""),
                "x0": x(begin), "x1": max(x(finish), x(begin) + 2),
                "failed": lane.first("failed") is not None,
                "marks": [{"x": x(m.time), "what": m.what, "time": m.time,
                           "colour": COLOURS.get(m.what, "#000")} for m in lane.marks],
            })
        ticks = [{"x": x(group.start + span * i / 4), "label": f"{round(group.start + span * i / 4, 1):g}s"}
                 for i in range(5)]
        groups.append({"command": group.command, "start": group.start, "end": group.end,
                       "exit_code": group.exit_code, "outcome": group.outcome, "lanes": lanes,
                       "ticks": ticks, "axis_y": LANE_HEIGHT * len(lanes) + 6,
                       "height": LANE_HEIGHT * len(lanes) + AXIS_HEIGHT + 8})
    return _template().render(groups=groups, lane_height=LANE_HEIGHT, label_width=LABEL_WIDTH,
                              chart_width=CHART_WIDTH, colours=COLOURS)
