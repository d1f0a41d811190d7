"""Charts: loading (directory or .tgz), Chart.yaml, values typing, user values, coalescing,
dependencies (conditions, tags, aliases, import-values), schema validation, `.Files` and
`.Capabilities`. Everything here follows Helm 4's own behaviour and error texts."""

from __future__ import annotations

from .coalesce import (
    coalesce_tables,
    coalesce_values,
    merge_tables,
    merge_user_values,
    merge_values,
)
from .dependencies import check_dependencies, process_dependencies
from .errors import ChartError, SchemaError, ValuesError, YamlError
from .loader import load_chart
from .model import Chart, ChartFile
from .valueopts import host_reader, parse_value_flags

__all__ = [
    "Chart",
    "ChartError",
    "ChartFile",
    "SchemaError",
    "ValuesError",
    "YamlError",
    "check_dependencies",
    "coalesce_tables",
    "coalesce_values",
    "host_reader",
    "load_chart",
    "merge_tables",
    "merge_user_values",
    "merge_values",
    "parse_value_flags",
    "process_dependencies",
]
