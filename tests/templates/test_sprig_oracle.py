"""Differential test: each snippet of sprig_oracle_cases.py rendered by real Helm 4 and by us.

Helm renders all snippets once per session (one chart, one template per snippet). Our side uses
the Go template engine when it is importable, else the single-action snippet evaluator. Where
Helm fails inside a function, the `error calling NAME: ...` text must match ours exactly.
"""

from __future__ import annotations

import pytest

try:
    from . import sprig_oracle_cases as cases
    from .sprig_oracle_support import HelmFailure, function_error, render_with_helm
    from .sprig_snippet_eval import SnippetError, render
except ImportError:  # the tests directory is not a package
    import sprig_oracle_cases as cases  # type: ignore[no-redef]
    from sprig_oracle_support import (  # type: ignore[no-redef]
        HelmFailure,
        function_error,
        render_with_helm,
    )
    from sprig_snippet_eval import SnippetError, render  # type: ignore[no-redef]

helm_python = pytest.importorskip("helm_python")
pytestmark = pytest.mark.oracle


@pytest.fixture(scope="session")
def helm_outputs() -> list[str]:
    return render_with_helm(cases.CASES, cases.VALUES)


def ours(template: str) -> str:
    try:
        return render(template, cases.VALUES)
    except SnippetError as err:
        return HelmFailure(str(err))


@pytest.mark.parametrize("index", range(len(cases.CASES)), ids=lambda i: f"{i:03d}")
def test_matches_helm(index: int, helm_outputs: list[str]) -> None:
    template = cases.CASES[index]
    expected = helm_outputs[index]
    actual = ours(template)
    if isinstance(expected, HelmFailure):
        wanted = function_error(expected)
        if wanted is None:
            pytest.skip(f"Helm failed outside a function (engine territory): {expected}")
        assert isinstance(actual, HelmFailure), (
            f"{template}\nHelm failed: {wanted}\nwe gave: {actual!r}"
        )
        assert str(actual) == wanted, template
    else:
        assert not isinstance(actual, HelmFailure), f"{template}\nHelm gave {expected!r}"
        assert actual == expected, template
