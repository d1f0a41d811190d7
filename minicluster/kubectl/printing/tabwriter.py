"""Go's text/tabwriter (with the RememberWidths flag of the fork kubectl uses).

Cells are tab-terminated; the text after a line's last tab is not part of any column. A column
block is a run of consecutive lines that all have a cell in that column; its width is the widest
cell plus the padding, at least `minwidth`. With `remember_widths`, a column never gets narrower
across flushes, which keeps `kubectl get -w` rows aligned with the header printed earlier.
"""

from __future__ import annotations


class TabWriter:
    def __init__(self, minwidth: int = 0, padding: int = 1, remember_widths: bool = False) -> None:
        self.minwidth = minwidth
        self.padding = padding
        self.remember_widths = remember_widths
        self._pending = ""
        self._out: list[str] = []
        self._max_widths: list[int] = []

    def write(self, text: str) -> None:
        self._pending += text

    def flush(self) -> None:
        if not self._pending:
            return
        text, self._pending = self._pending, ""
        trailing_newline = text.endswith("\n")
        raw_lines = text.split("\n")
        if trailing_newline:
            raw_lines = raw_lines[:-1]
        lines = [line.split("\t") for line in raw_lines]
        widths: list[int] = []
        rendered: list[str] = []
        self._format(lines, 0, len(lines), widths, rendered)
        self._out.append("\n".join(rendered) + ("\n" if trailing_newline else ""))

    def set_remembered_widths(self, widths: list[int] | None) -> None:
        self._max_widths = list(widths or [])

    def getvalue(self) -> str:
        self.flush()
        return "".join(self._out)

    def take(self) -> str:
        """Flush and return what was produced since the last take()."""
        self.flush()
        out, self._out = "".join(self._out), []
        return out

    # -- Go's recursive column-block algorithm --------------------------------------------------
    def _format(self, lines: list[list[str]], line0: int, line1: int, widths: list[int],
                rendered: list[str]) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            self._write_lines(lines, line0, this, widths, rendered)
            line0 = this
            width = self.minwidth
            while this < line1 and column < len(lines[this]) - 1:
                width = max(width, len(lines[this][column]) + self.padding)
                this += 1
            if self.remember_widths:
                if len(self._max_widths) < len(widths):
                    self._max_widths.extend(widths[len(self._max_widths):])
                if len(self._max_widths) == len(widths):
                    self._max_widths.append(width)
                elif self._max_widths[len(widths)] > width:
                    width = self._max_widths[len(widths)]
                else:
                    self._max_widths[len(widths)] = width
            widths.append(width)
            self._format(lines, line0, this, widths, rendered)
            widths.pop()
            line0 = this
        self._write_lines(lines, line0, line1, widths, rendered)

    @staticmethod
    def _write_lines(lines: list[list[str]], line0: int, line1: int, widths: list[int],
                     rendered: list[str]) -> None:
        for cells in lines[line0:line1]:
            parts = []
            for j, cell in enumerate(cells):
                if j < len(widths):
                    parts.append(cell + " " * max(0, widths[j] - len(cell)))
                else:
                    parts.append(cell)
            rendered.append("".join(parts))


def kubectl_table_writer() -> TabWriter:
    """cli-runtime's GetNewTabWriter: minwidth 6, padding 3, RememberWidths."""
    return TabWriter(minwidth=6, padding=3, remember_widths=True)


def describe_writer() -> TabWriter:
    """describe's tabbedString: minwidth 0, padding 2."""
    return TabWriter(minwidth=0, padding=2)
