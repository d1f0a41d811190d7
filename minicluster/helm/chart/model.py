"""A loaded chart: metadata, default values, templates, other files and subcharts."""

from __future__ import annotations

import base64
import copy
from dataclasses import dataclass, field
from typing import Any

from minicluster.templates.gotypes import Values as GoValues

from .metadata import Metadata

NOTES_SUFFIX = "NOTES.txt"


@dataclass
class ChartFile:
    name: str  # chart-relative, with `/`
    data: bytes

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


@dataclass
class Chart:
    metadata: Metadata
    values: dict[str, Any] = field(default_factory=dict)
    templates: list[ChartFile] = field(default_factory=list)
    files: list[ChartFile] = field(default_factory=list)  # what .Files sees
    raw: list[ChartFile] = field(default_factory=list)  # every loaded file, for helm show
    schema: bytes | None = None
    dependencies: list[Chart] = field(default_factory=list)
    parent: Chart | None = field(default=None, repr=False)
    lock: dict[str, Any] | None = None
    path: str = ""  # where it was loaded from (for messages)

    @property
    def name(self) -> str:
        return self.metadata.name

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @property
    def is_library(self) -> bool:
        return self.metadata.type.lower() == "library"

    def full_path(self) -> str:
        """ChartFullPath: `parent/charts/name` down from the root chart."""
        if self.parent is None:
            return self.name
        return f"{self.parent.full_path()}/charts/{self.name}"

    def add_dependency(self, *charts: Chart) -> None:
        for chart in charts:
            chart.parent = self
            self.dependencies.append(chart)

    def set_dependencies(self, *charts: Chart) -> None:
        self.dependencies = []
        self.add_dependency(*charts)

    def raw_file(self, name: str) -> ChartFile | None:
        for f in self.raw:
            if f.name == name:
                return f
        return None

    def crd_objects(self) -> list[tuple[str, ChartFile]]:
        """(filename as `helm template --include-crds` prints it, file), chart then subcharts."""
        out = []
        for f in self.files:
            if f.name.startswith("crds/") and f.name.endswith((".yaml", ".yml", ".json")):
                out.append((f"{self.full_path()}/{f.name}", f))
        for dep in self.dependencies:
            out.extend(dep.crd_objects())
        return out

    def to_json(self) -> dict[str, Any]:
        """The chart as Helm serialises it inside a stored release (chart.Chart's JSON).

        File modification times are left out (Helm writes the host's mtimes; a simulator that
        replays deterministically cannot), and schemamodtime is Go's zero time."""
        from .metadata import to_json as metadata_json

        def files(items: list[ChartFile]) -> list[dict[str, str]]:
            return [{"name": f.name, "data": base64.b64encode(f.data).decode()} for f in items]

        return {
            "metadata": metadata_json(self.metadata),
            "lock": self.lock,
            "templates": files(self.templates),
            "values": self.values,
            "schema": base64.b64encode(self.schema).decode() if self.schema is not None else None,
            "schemamodtime": "0001-01-01T00:00:00Z",
            "files": files(self.files),
        }

    def deep_copy(self) -> Chart:
        """A copy whose metadata, values and dependency tree can be changed freely."""
        clone = copy.copy(self)
        clone.metadata = copy.deepcopy(self.metadata)
        from .coalesce import deep_copy

        clone.values = deep_copy(self.values)
        clone.dependencies = []
        clone.parent = None
        for dep in self.dependencies:
            clone.add_dependency(dep.deep_copy())
        return clone


# The chart scope's `.Values` type (Helm's common.Values), kept here for older imports.
Values = GoValues
