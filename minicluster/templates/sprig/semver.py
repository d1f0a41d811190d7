"""Sprig's semver and semverCompare (Masterminds/semver v3 rules, see templates/gosemver.py)."""

from __future__ import annotations

from minicluster.templates.functions import template_function
from minicluster.templates.gosemver import SemverError, Version, parse_constraints, parse_version

from ._core import FunctionError


@template_function("semver")
def semver(version: str) -> Version:
    try:
        return parse_version(version)
    except SemverError as err:
        raise FunctionError(str(err)) from None


@template_function("semverCompare")
def semver_compare(constraint: str, version: str) -> bool:
    try:
        constraints = parse_constraints(constraint)
        return constraints.check(parse_version(version))
    except SemverError as err:
        raise FunctionError(str(err)) from None
