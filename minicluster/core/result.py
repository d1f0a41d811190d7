"""The result of one command (`helm ...`, `kubectl ...`), shared by every front end."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CommandResult:
    stdout: str = ""
    stderr: str = ""
    exit_code: int = 0
    # A structured record of what the command did (hooks run, objects touched), for the
    # timeline and the graders. Front ends never print it.
    record: Any = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def __str__(self) -> str:
        return self.stdout + self.stderr

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # What IPython shows as text/plain: the terminal view, not the dataclass fields.
        text = self.stdout + self.stderr
        if self.exit_code:
            text += f"(exit code {self.exit_code})"
        printer.text(text.rstrip("\n"))

    def _repr_html_(self) -> str:
        parts = []
        if self.stdout:
            parts.append(f'<pre class="mc-stdout">{html.escape(self.stdout)}</pre>')
        if self.stderr:
            parts.append(
                f'<pre class="mc-stderr" style="color:#b00020">{html.escape(self.stderr)}</pre>'
            )
        if self.exit_code:
            parts.append(f'<div class="mc-exit">exit code {self.exit_code}</div>')
        return "".join(parts) or "<pre></pre>"
