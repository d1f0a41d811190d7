"""What a lab is (scenarios and checks) and what grading one chart produces (a report)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A check returns None when the chart passes, or the learner-facing reason it does not: a
# sentence naming the hook, event, phase or policy involved.
CheckFn = Callable[[Any], "str | None"]
ScenarioFn = Callable[[Any], Any]


@dataclass(frozen=True)
class Check:
    id: str
    points: int
    title: str
    hint: str
    fn: CheckFn
    hidden: bool = False


@dataclass
class Lab:
    id: str
    title: str
    summary: str
    starter: str  # path of the starter chart, relative to the repository's labs/ directory
    notebook: str  # the lab notebook, relative to labs/
    seed: int = 0
    scenarios: dict[str, ScenarioFn] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    def scenario(self, name: str) -> Callable[[ScenarioFn], ScenarioFn]:
        def register(fn: ScenarioFn) -> ScenarioFn:
            self.scenarios[name] = fn
            return fn

        return register

    def check(self, id: str, points: int, title: str, hint: str,
              hidden: bool = False) -> Callable[[CheckFn], CheckFn]:
        def register(fn: CheckFn) -> CheckFn:
            if any(c.id == id for c in self.checks):
                raise ValueError(f"lab {self.id}: check {id!r} declared twice")
            self.checks.append(Check(id, points, title, hint, fn, hidden))
            return fn

        return register

    def public_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.hidden]


@dataclass
class CheckResult:
    id: str
    title: str
    points: int
    earned: int
    message: str  # "" when passed
    hint: str
    hidden: bool = False
    error: bool = False  # the check itself broke (a kit bug), not the learner's chart

    @property
    def passed(self) -> bool:
        return self.earned == self.points and not self.error


@dataclass
class Report:
    lab: str
    submission: str
    results: list[CheckResult]
    problem: str = ""  # a reason no check could run (chart missing, grading timed out...)

    @property
    def score(self) -> int:
        return sum(r.earned for r in self.results)

    @property
    def max_score(self) -> int:
        return sum(r.points for r in self.results)

    @property
    def passed(self) -> bool:
        return not self.problem and all(r.passed for r in self.results)

    def visible(self) -> Report:
        """The report a learner may see: hidden checks removed, never echoed."""
        return Report(self.lab, self.submission, [r for r in self.results if not r.hidden],
                      self.problem)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lab": self.lab, "submission": self.submission, "score": self.score,
            "max_score": self.max_score, "passed": self.passed, "problem": self.problem,
            "checks": [{"id": r.id, "title": r.title, "points": r.points, "earned": r.earned,
                        "passed": r.passed, "message": r.message, "hint": r.hint,
                        "hidden": r.hidden, "error": r.error} for r in self.results],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def text(self) -> str:
        lines = [f"Lab {self.lab}: {self.score}/{self.max_score} points"]
        if self.problem:
            lines.append(f"  ✗ {self.problem}")
        for r in self.results:
            mark = "✓" if r.passed else "✗"
            lines.append(f"  {mark} [{r.earned}/{r.points}] {r.title}")
            if not r.passed:
                lines.append(f"      {r.message}")
                if r.hint:
                    lines.append(f"      hint: {r.hint}")
        lines.append("All checks pass." if self.passed else "Some checks fail: see above.")
        return "\n".join(lines) + "\n"

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text().rstrip("\n"))

    def _repr_html_(self) -> str:
        rows = []
        for r in self.results:
            colour = "#2ca02c" if r.passed else "#d62728"
            detail = "" if r.passed else (
                f"<div>{html.escape(r.message)}</div>"
                + (f"<div style='color:#555'>hint: {html.escape(r.hint)}</div>" if r.hint else ""))
            rows.append(f"<tr><td style='color:{colour}'>{'✓' if r.passed else '✗'}</td>"
                        f"<td>{r.earned}/{r.points}</td><td><b>{html.escape(r.title)}</b>"
                        f"{detail}</td></tr>")
        problem = f"<p style='color:#d62728'>{html.escape(self.problem)}</p>" if self.problem else ""
        return (f"<div class='mc-report'><h4>Lab {html.escape(self.lab)}: {self.score}/"
                f"{self.max_score}</h4>{problem}<table>{''.join(rows)}</table></div>")
