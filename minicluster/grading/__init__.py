"""Lab checks: scenarios run a learner's chart in fresh clusters; checks judge the outcomes.

The same checks run from a notebook cell, `minicluster lab check` and `minicluster grade`.
"""

from .model import Check, CheckResult, Lab, Report

__all__ = ["Check", "CheckResult", "Lab", "Report"]
