"""psql's result printing: the aligned table (border 1), unaligned output, tuples-only, the
row-count footer, and error reports with libpq's LINE/caret excerpt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Types psql right-aligns (int2, int4, int8, oid, xid, cid, float4, float8, money, numeric).
NUMERIC_OIDS = {20, 21, 23, 26, 28, 29, 700, 701, 790, 1700}
DISPLAY_SIZE = 60
MIN_RIGHT_CUT = 10


@dataclass
class PrintOptions:
    aligned: bool = True
    tuples_only: bool = False
    field_sep: str = "|"
    record_sep: str = "\n"
    footer: bool = True
    expanded: bool = False  # \x
    csv: bool = False  # --csv


def format_table(headers: list[str], rows: list[list[str | None]], numeric: list[bool],
                 opts: PrintOptions, title: str | None = None) -> str:
    if opts.csv:
        return _csv(headers, rows, opts)
    cells = [["" if v is None else v for v in row] for row in rows]
    if opts.expanded and opts.aligned:
        return _expanded(headers, cells, opts, title)
    if not opts.aligned:
        return _unaligned(headers, cells, opts, title)
    # The aligned format shows a tab as spaces up to the next multiple of 8.
    cells = [["\n".join(line.expandtabs(8) for line in v.split("\n")) for v in row]
             for row in cells]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], *(_width(line) for line in value.split("\n")))
    out: list[str] = []
    if not opts.tuples_only:
        total = sum(w + 2 for w in widths) + len(widths) - 1
        if title is not None:
            pad = (total - len(title)) // 2 if len(title) < total else 0
            out.append(" " * pad + title)
        head = []
        for h, w in zip(headers, widths):
            left = (w - len(h)) // 2
            head.append(" " * left + h + " " * (w - len(h) - left))
        out.append(" " + " | ".join(head) + " ")
        out.append("+".join("-" * (w + 2) for w in widths))
    last = len(widths) - 1
    for row in cells:
        split = [value.split("\n") for value in row]
        for n in range(max(len(lines) for lines in split) if split else 0):
            parts = []
            for i, lines in enumerate(split):
                text = lines[n] if n < len(lines) else ""
                more = n + 1 < len(lines)
                pad = widths[i] - _width(text)
                if i == last and not more:
                    # A continuation filler is not padded; an empty value is.
                    filler = n >= len(lines)
                    parts.append(" " * pad + text if numeric[i] and not filler else text)
                    continue
                cell = " " * pad + text if numeric[i] else text + " " * pad
                parts.append(cell + ("+" if more else " "))
            out.append(" " + "| ".join(parts))
    if not opts.tuples_only and opts.footer:
        out.append(_rows_footer(len(cells)))
    out.append("")
    return "\n".join(out) + "\n"


def _expanded(headers: list[str], cells: list[list[str]], opts: PrintOptions,
              title: str | None) -> str:
    """\\x: one `-[ RECORD n ]` block per row, no row-count footer unless there is no row."""
    if not cells:
        return "" if opts.tuples_only else ("(0 rows)\n\n" if opts.footer else "\n")
    hwidth = max(len(h) for h in headers)
    dwidth = max(max((_width(line) for line in v.split("\n")), default=0)
                 for row in cells for v in row)
    out: list[str] = [] if title is None or opts.tuples_only else [title]
    for n, row in enumerate(cells, 1):
        if not opts.tuples_only:
            head = f"-[ RECORD {n} ]"
            out.append(head + "-" * max(0, hwidth + 3 + dwidth - len(head)))
        for header, value in zip(headers, row):
            lines = value.expandtabs(8).split("\n")
            for i, line in enumerate(lines):
                name = header if i == 0 else ""
                more = "+" if i + 1 < len(lines) else ""
                text = (line + " " * (dwidth - _width(line)) + more) if more else line
                out.append(f"{name:<{hwidth}} | {text}")
    out.append("")
    return "\n".join(out) + "\n"


def _csv(headers: list[str], rows: list[list[str | None]], opts: PrintOptions) -> str:
    """--csv: a header line unless -t, fields quoted when they hold `,` `"` or a line break."""
    def field(value: str | None) -> str:
        if value is None:
            return ""
        if any(ch in value for ch in ',"\r\n') or value == "\\.":
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [] if opts.tuples_only else [",".join(field(h) for h in headers)]
    lines.extend(",".join(field(v) for v in row) for row in rows)
    return "".join(line + "\n" for line in lines)


def _unaligned(headers: list[str], cells: list[list[str]], opts: PrintOptions,
               title: str | None) -> str:
    out: list[str] = []
    if not opts.tuples_only:
        if title is not None:
            out.append(title)
        out.append(opts.field_sep.join(headers))
    out.extend(opts.field_sep.join(row) for row in cells)
    if not opts.tuples_only and opts.footer:
        out.append(_rows_footer(len(cells)))
    return "".join(line + opts.record_sep for line in out)


def _rows_footer(count: int) -> str:
    return "(1 row)" if count == 1 else f"({count} rows)"


def _width(text: str) -> int:
    return len(text)


def error_report(fields: dict[str, str], query: str | None, prefix: str = "") -> str:
    """The lines psql prints for an ErrorResponse or NoticeResponse at default verbosity."""
    severity = fields.get("S", "ERROR")
    lines = [f"{prefix}{severity}:  {fields.get('M', '')}"]
    position = fields.get("P")
    if position and query is not None:
        lines.extend(_position_excerpt(query, int(position)))
    for key, label in (("D", "DETAIL"), ("H", "HINT")):
        if key in fields:
            lines.append(f"{label}:  {fields[key]}")
    if "W" in fields and severity in ("ERROR", "FATAL", "PANIC"):
        lines.append(f"CONTEXT:  {fields['W']}")
    return "\n".join(lines) + "\n"


def _position_excerpt(query: str, position: int) -> list[str]:
    """libpq's reportErrorPosition: the statement line holding the error, and a caret."""
    loc = min(max(position - 1, 0), len(query))
    line_start = query.rfind("\n", 0, loc) + 1
    line_no = query.count("\n", 0, line_start) + 1
    line_end = query.find("\n", loc)
    line_end = len(query) if line_end < 0 else line_end
    line = query[line_start:line_end].replace("\t", " ").rstrip("\r")
    offset = loc - line_start
    beg_dots = end_dots = False
    if len(line) > DISPLAY_SIZE:
        if offset + MIN_RIGHT_CUT < DISPLAY_SIZE:
            line, end_dots = line[:DISPLAY_SIZE], True
        elif len(line) <= offset + MIN_RIGHT_CUT:
            cut = len(line) - DISPLAY_SIZE
            line, offset, beg_dots = line[cut:], offset - cut, True
        else:
            end = offset + MIN_RIGHT_CUT
            cut = end - DISPLAY_SIZE
            line, offset, beg_dots, end_dots = line[cut:end], offset - cut, True, True
    head = f"LINE {line_no}: "
    text = head + ("..." if beg_dots else "") + line + ("..." if end_dots else "")
    caret = " " * (len(head) + (3 if beg_dots else 0) + offset) + "^"
    return [text, caret]


def numeric_columns(columns: list[dict[str, Any]]) -> list[bool]:
    return [c.get("type_oid") in NUMERIC_OIDS for c in columns]
