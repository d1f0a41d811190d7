"""Short learner-facing forms of long tool errors (used by labs 03-07)."""

from __future__ import annotations

import re
from typing import Any

from .common import first_error_line

MAX_CHARS = 300
# The API server quotes a whole Go struct when a Job's pod template changes; the reason that
# matters to a learner is the field and the verdict after it.
_IMMUTABLE = re.compile(r'(\w+\.batch \\?"[^"\\]+\\?" is invalid: spec\.template): Invalid value: .*'
                        r'(field is immutable)')


def brief_error(result: Any) -> str:
    """The first line of a failed command's output, shortened for a check's message."""
    text = (result.stderr or result.stdout).strip()
    # Helm 4 logs a WARN line before its "Error: ..." line; the latter is what users read.
    errors = [line for line in text.splitlines() if line.startswith("Error:")]
    line = errors[0] if errors else first_error_line(result)
    line = _IMMUTABLE.sub(r"\1: … \2", line)
    return line if len(line) <= MAX_CHARS else line[:MAX_CHARS] + " …"
