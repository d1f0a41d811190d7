"""Class reports: CSV, JSON, JUnit XML and Gradescope's results format."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from .model import Report


def to_csv(reports: list[Report]) -> str:
    out = io.StringIO()
    check_ids = [r.id for r in reports[0].results] if reports else []
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["submission", "score", "max_score", *check_ids, "problem"])
    for report in reports:
        earned = {r.id: r.earned for r in report.results}
        writer.writerow([report.submission, report.score, report.max_score,
                         *[earned.get(i, 0) for i in check_ids], report.problem])
    return out.getvalue()


def to_json(reports: list[Report]) -> str:
    return json.dumps([r.to_dict() for r in reports], indent=2) + "\n"


def to_junit(reports: list[Report]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    for report in reports:
        failures = sum(1 for r in report.results if not r.passed)
        lines.append(f"  <testsuite name={quoteattr(report.submission)} "
                     f"tests=\"{len(report.results)}\" failures=\"{failures}\">")
        for r in report.results:
            lines.append(f"    <testcase classname={quoteattr(report.lab)} name={quoteattr(r.id)}>")
            if not r.passed:
                lines.append(f"      <failure message={quoteattr(r.message)}>"
                             f"{escape(r.hint)}</failure>")
            lines.append("    </testcase>")
        lines.append("  </testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"


def to_gradescope(reports: list[Report]) -> str:
    """One Gradescope results object per submission, keyed by submission name."""
    result = {}
    for report in reports:
        result[report.submission] = {
            "score": report.score,
            "tests": [{"name": r.title, "number": r.id, "score": r.earned,
                       "max_score": r.points,
                       "output": "" if r.passed else f"{r.message}\nhint: {r.hint}",
                       "visibility": "after_published" if r.hidden else "visible"}
                      for r in report.results],
        }
    return json.dumps(result, indent=2) + "\n"


FORMATS = {"csv": to_csv, "json": to_json, "junit": to_junit, "gradescope": to_gradescope}
