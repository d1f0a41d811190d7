"""Lab checks: scenarios run a learner's chart in fresh clusters; checks judge the outcomes.

The same checks run from a notebook cell, `minicluster lab check` and `minicluster grade`.
"""

from .model import Check, CheckResult, Lab, Report

__all__ = ["Check", "CheckResult", "Lab", "Report", "check"]


def check(lab_id: str, chart_dir: str | None = None) -> Report:
    """Run a lab's public checks on a chart (by default the chart the notebook writes to)."""
    from minicluster.notebook.session import chart_root

    from .registry import get_lab
    from .runner import run_checks

    return run_checks(get_lab(lab_id), chart_dir or chart_root()).visible()
