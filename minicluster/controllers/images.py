"""The node's image store and its serialized pulls (the kubelet pulls one image at a time)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from minicluster.core.duration import format_duration


@dataclass
class PullPlan:
    start: float  # when the pull begins (after the pulls queued before it)
    end: float
    known: bool

    def durations(self, requested: float) -> tuple[str, str]:
        """Go durations of the pull itself and of the pull including waiting, to the ms."""
        pull = round(self.end - self.start, 3)
        total = round(self.end - requested, 3)
        return format_duration(pull), format_duration(total)


def image_id(image: str) -> str:
    digest = hashlib.sha256(("image:" + image).encode()).hexdigest()
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    repo = name if ":" not in last else name.rsplit(":", 1)[0]
    if "/" not in repo:
        repo = "docker.io/library/" + repo
    elif "." not in repo.split("/", 1)[0]:
        repo = "docker.io/" + repo
    return f"{repo}@sha256:{digest}"


def image_size(runtime: Any, image: str) -> int:
    sizer = getattr(runtime, "image_size", None)
    if sizer is not None:
        return int(sizer(image))
    return 1_000_000 + int(hashlib.sha256(image.encode()).hexdigest()[:8], 16) % 100_000_000


def pull_error(runtime: Any, image: str) -> str:
    describe = getattr(runtime, "pull_error", None)
    if describe is not None:
        return str(describe(image))
    return f'failed to pull and unpack image "{image}": not found'


class ImageStore:
    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime
        self.present: set[str] = set()
        self._busy_until = 0.0

    def plan_pull(self, image: str, now: float) -> PullPlan:
        start = max(now, self._busy_until)
        known = self.runtime.image_known(image)
        seconds = float(self.runtime.pull_seconds(image))
        if image in self.present:
            # A re-pull only checks the manifest: a fraction of the first pull.
            seconds = max(0.05, round(seconds * 0.25, 3))
        end = start + seconds
        self._busy_until = end
        return PullPlan(start, end, known)
