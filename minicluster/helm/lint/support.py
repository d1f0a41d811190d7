"""Lint messages and their severities (helm pkg/chart/v2/lint/support)."""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN, INFO, WARNING, ERROR = 0, 1, 2, 3
SEVERITY_NAMES = ("UNKNOWN", "INFO", "WARNING", "ERROR")


@dataclass
class Message:
    severity: int
    path: str
    text: str
    minicluster: bool = False  # a check real Helm does not make

    def __str__(self) -> str:
        return f"[{SEVERITY_NAMES[self.severity]}] {self.path}: {self.text}"


@dataclass
class Linter:
    chart_dir: str
    messages: list[Message] = field(default_factory=list)
    highest: int = UNKNOWN

    def rule(self, severity: int, path: str, error: str | None) -> bool:
        """RunLinterRule: record `error` (if any); True when the rule passed."""
        if error is None:
            return True
        self.messages.append(Message(severity, path, error))
        self.highest = max(self.highest, severity)
        return False

    def extra(self, severity: int, path: str, text: str) -> None:
        """A minicluster addition: shown, marked, never counted as a Helm failure."""
        self.messages.append(Message(severity, path, text, minicluster=True))
