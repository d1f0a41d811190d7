"""Where labs come from: one module per lab under grading/labs/, plus hidden checks that an
instructor keeps outside the package (never shipped to learners, never echoed in feedback)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil

from minicluster.core.errors import MiniclusterError

from .model import Lab


class LabNotFound(MiniclusterError):
    pass


def all_labs() -> dict[str, Lab]:
    from . import labs

    found: dict[str, Lab] = {}
    for info in sorted(pkgutil.iter_modules(labs.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{labs.__name__}.{info.name}")
        lab = getattr(module, "LAB", None)
        if isinstance(lab, Lab):
            found[lab.id] = lab
    return found


def get_lab(lab_id: str) -> Lab:
    labs = all_labs()
    if lab_id not in labs:
        known = ", ".join(labs) or "none"
        raise LabNotFound(f'error: unknown lab "{lab_id}" (labs: {known})')
    return labs[lab_id]


def add_hidden_checks(lab: Lab, hidden_dir: str) -> int:
    """Load `<hidden_dir>/<lab id>.py` (if present); its `register(lab)` adds hidden checks."""
    path = os.path.join(hidden_dir, lab.id.replace("-", "_") + ".py")
    if not os.path.exists(path):
        return 0
    spec = importlib.util.spec_from_file_location(f"minicluster_hidden_{lab.id}", path)
    if spec is None or spec.loader is None:
        raise MiniclusterError(f"error: cannot load hidden checks from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = len(lab.checks)
    module.register(lab)
    for check in lab.checks[before:]:
        if not check.hidden:
            raise MiniclusterError(f"error: {path}: check {check.id} must be declared hidden=True")
    return len(lab.checks) - before
