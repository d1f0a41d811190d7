"""Server-side tables (metav1.Table) and cli-runtime's table printer.

The real apiserver builds a Table per request from its per-kind printers (printers.go) and
kubectl prints it: headers upper-cased, priority-1 columns only with `-o wide`, a NAMESPACE
column with `-A`, a LABELS column with `--show-labels`, `kind/name` in the name column when
several kinds are printed together. Row builders register per Kind with `@table_row`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .humanize import rfc3339


@dataclass(frozen=True)
class Column:
    name: str
    priority: int = 0


@dataclass
class RowContext:
    now: datetime
    wide: bool = False


RowBuilder = Callable[[dict[str, Any], RowContext], list[Any]]


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[Column, ...]
    row: RowBuilder
    name_index: int = 0  # the column of Format "name" (events: the wide NAME column)


TABLES: dict[str, TableSpec] = {}


def table_row(kind: str, *columns: str | tuple[str, int],
              name_index: int = 0) -> Callable[[RowBuilder], RowBuilder]:
    """Register the row builder of a Kind; columns are names or (name, priority)."""
    cols = tuple(Column(c) if isinstance(c, str) else Column(c[0], c[1]) for c in columns)

    def register(fn: RowBuilder) -> RowBuilder:
        TABLES[kind] = TableSpec(cols, fn, name_index)
        return fn

    return register


def _default_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    meta = obj.get("metadata") or {}
    return [meta.get("name", ""), rfc3339(meta.get("creationTimestamp"))]


# The apiserver's default table for kinds without a printer (Role, ClusterRole...).
DEFAULT_TABLE = TableSpec((Column("Name"), Column("Created At")), _default_row)


def spec_for(kind: str) -> TableSpec:
    _load_rows()
    return TABLES.get(kind, DEFAULT_TABLE)


_loaded = False


def _load_rows() -> None:
    global _loaded
    if not _loaded:
        from . import rows_core, rows_misc, rows_workloads  # noqa: F401  (registration)

        _loaded = True


@dataclass
class TableOptions:
    wide: bool = False
    no_headers: bool = False
    with_namespace: bool = False
    kind_prefix: str | None = None  # "job.batch" when several kinds are printed together
    show_labels: bool = False
    label_columns: list[str] = field(default_factory=list)


def format_labels(labels: dict[str, str] | None) -> str:
    """labels.FormatLabels: sorted `k=v,k=v`, `<none>` when there are none."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    text = str(cell)
    for i, ch in enumerate(text):
        if ch in "\n\r\f":
            return text[:i] + "..."
    return text


def table_lines(kind: str, objects: list[dict[str, Any]], now: datetime,
                options: TableOptions, header: bool = True) -> str:
    """The tab-separated text kubectl feeds its tabwriter for these objects (may be '')."""
    spec = spec_for(kind)
    ctx = RowContext(now=now, wide=options.wide)
    shown = [i for i, c in enumerate(spec.columns) if options.wide or c.priority == 0]
    out: list[str] = []
    if header and not options.no_headers and objects:
        names = [spec.columns[i].name.upper() for i in shown]
        if options.with_namespace:
            names.insert(0, "NAMESPACE")
        names.extend(key.rsplit("/", 1)[-1].upper() for key in options.label_columns)
        if options.show_labels:
            names.append("LABELS")
        out.append("\t".join(names))
    for obj in objects:
        cells = spec.row(obj, ctx)
        meta = obj.get("metadata") or {}
        row = []
        for i in shown:
            text = _cell_text(cells[i] if i < len(cells) else None)
            if i == spec.name_index and options.kind_prefix:
                text = f"{options.kind_prefix}/{text}"
            row.append(text)
        if options.with_namespace:
            row.insert(0, meta.get("namespace", ""))
        labels = meta.get("labels") or {}
        row.extend(labels.get(key, "") for key in options.label_columns)
        if options.show_labels:
            row.append(format_labels(labels))
        out.append("\t".join(row))
    return "".join(line + "\n" for line in out)
