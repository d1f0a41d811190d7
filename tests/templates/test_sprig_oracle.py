"""Differential test: each snippet of sprig_oracle_cases.py rendered by real Helm 4 and by us.

Helm renders all snippets once per session (one chart, one template per snippet). Our side is
the template engine, each snippet under the same file name Helm used, so outputs and error
messages must be identical, byte for byte.
"""

from __future__ import annotations

import json

import pytest

from minicluster.templates.engine import Template, render
from minicluster.templates.errors import RenderError
from minicluster.templates.gotypes import Values

try:
    from . import sprig_oracle_cases as cases
    from .sprig_oracle_support import HelmFailure, cached_helm_outputs
except ImportError:  # the tests directory is not a package
    import sprig_oracle_cases as cases  # type: ignore[no-redef]
    from sprig_oracle_support import (  # type: ignore[no-redef]
        HelmFailure,
        cached_helm_outputs,
    )

helm_python = pytest.importorskip("helm_python")
pytestmark = pytest.mark.oracle


@pytest.fixture(scope="session")
def helm_outputs(request: pytest.FixtureRequest) -> list[str]:
    return cached_helm_outputs(
        getattr(request.config, "cache", None), "sprig-oracle", cases.CASES, cases.VALUES
    )


def render_ours(index: int) -> str:
    # Values reach templates through JSON, so every number is a float64.
    values = json.loads(json.dumps(cases.VALUES), parse_int=float)
    name = f"mychart/templates/t{index:04d}.yaml"
    try:
        return render([Template(name, cases.CASES[index], {"Values": Values(values)})])[name]
    except RenderError as err:
        return HelmFailure(str(err))


@pytest.mark.parametrize("index", range(len(cases.CASES)), ids=lambda i: f"{i:03d}")
def test_matches_helm(index: int, helm_outputs: list[str]) -> None:
    expected = helm_outputs[index]
    actual = render_ours(index)
    assert type(actual) is type(expected), f"{cases.CASES[index]}\nHelm: {expected}\nours: {actual}"
    assert actual == expected, cases.CASES[index]
