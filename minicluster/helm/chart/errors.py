"""Errors raised while loading charts and values; messages carry Helm's wording."""

from __future__ import annotations

from minicluster.core.errors import MiniclusterError


class ChartError(MiniclusterError):
    """A chart cannot be loaded or used (Helm's `Error: ...` text in `message`)."""


class YamlError(ChartError):
    """YAML that sigs.k8s.io/yaml would refuse; the message is the Go error text."""


class ValuesError(ChartError):
    """Values flags (`--set`, `-f`...) that Helm would refuse."""


class SchemaError(ChartError):
    """Values that do not satisfy a chart's values.schema.json."""
