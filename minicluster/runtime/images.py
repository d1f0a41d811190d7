"""The image catalog: which images exist, what they contain, and how long they take to pull.

Images register with `register_image`; an image reference (`busybox:1.36`,
`docker.io/library/busybox:latest`, `alpine@sha256:...`) is looked up by repository and checked
against the tags that repository accepts. An unknown reference is not known: the kubelet turns
that into ErrImagePull, as with a typo on a real cluster."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .programs.registry import program_file


@dataclass(frozen=True)
class ImageRef:
    registry: str
    repository: str  # "busybox", "bitnami/kubectl" (Docker Hub's library/ prefix dropped)
    tag: str | None
    digest: str | None

    @property
    def display(self) -> str:
        text = self.repository
        if self.tag:
            text += ":" + self.tag
        if self.digest:
            text += "@" + self.digest
        return text


_REF = re.compile(
    r"^(?:(?P<registry>[a-zA-Z0-9.-]+(?::\d+)?)/)?(?P<path>[a-z0-9]+(?:[._-]+[a-z0-9]+)*"
    r"(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*)(?::(?P<tag>[\w][\w.-]{0,127}))?"
    r"(?:@(?P<digest>sha256:[0-9a-f]{64}))?$"
)
DOCKER_HUB = ("docker.io", "index.docker.io", "registry-1.docker.io")


def parse_reference(reference: str) -> ImageRef | None:
    """Split an image reference; None when it is not a valid reference at all."""
    text = reference.strip()
    m = _REF.match(text)
    if not m:
        return None
    registry = m.group("registry")
    path = m.group("path")
    # The first component is a registry only if it looks like a host (has . or :, or localhost).
    if registry is not None and not ("." in registry or ":" in registry or registry == "localhost"):
        path = registry + "/" + path
        registry = None
    registry = registry or "docker.io"
    if registry in DOCKER_HUB:
        registry = "docker.io"
        if path.startswith("library/"):
            path = path[len("library/"):]
    return ImageRef(registry, path, m.group("tag"), m.group("digest"))


@dataclass(frozen=True)
class Image:
    repository: str
    tag_pattern: str  # regular expression of the tags that exist
    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]
    shell: str  # "dash" | "ash" | "bash": what /bin/sh is
    flavor: str  # "busybox" | "gnu": whose coreutils messages
    size_bytes: int
    files: Mapping[str, bytes] = field(default_factory=dict)
    programs: Mapping[str, str] = field(default_factory=dict)  # path -> registered program
    symlinks: Mapping[str, str] = field(default_factory=dict)
    dirs: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    working_dir: str = "/"
    registry: str = "docker.io"
    description: str = ""
    groups: str = "0(root)"  # what `id` prints after groups=

    def with_programs(self, programs: Mapping[str, str], **changes: object) -> Image:
        """A derived image (the services engineer's postgres on top of debian, for example)."""
        merged = dict(self.programs)
        merged.update(programs)
        return replace(self, programs=merged, **changes)  # type: ignore[arg-type]

    def layer_files(self) -> dict[str, bytes]:
        files = dict(self.files)
        for path, name in self.programs.items():
            files[path] = program_file(name)
        return files


_IMAGES: dict[tuple[str, str], Image] = {}


def register_image(image: Image) -> Image:
    _IMAGES[(image.registry, image.repository)] = image
    return image


def find_image(reference: str) -> Image | None:
    ref = parse_reference(reference)
    if ref is None:
        return None
    image = _IMAGES.get((ref.registry, ref.repository))
    if image is None:
        return None
    tag = ref.tag or ("latest" if ref.digest is None else None)
    if tag is not None and not re.fullmatch(image.tag_pattern, tag):
        return None
    return image


def image_known(reference: str) -> bool:
    return find_image(reference) is not None


def pull_seconds(reference: str) -> float:
    """Deterministic: a second of setup plus the compressed size at 20 MB/s."""
    image = find_image(reference)
    if image is None:
        return 0.0
    return round(1.0 + image.size_bytes / 20_000_000, 3)


def catalog() -> list[Image]:
    return sorted(_IMAGES.values(), key=lambda i: (i.registry, i.repository))


from . import image_catalog as _catalog  # noqa: E402,F401  (registers the base images)
