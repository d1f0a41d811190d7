"""Every example is a chart that lints and renders, with a README of its own."""

from __future__ import annotations

import pytest

from tests.seeds.kit import EXAMPLES, new_cluster

CHARTS = sorted(d.name for d in EXAMPLES.iterdir() if (d / "Chart.yaml").is_file())


def test_every_pattern_is_here():
    assert CHARTS == ["cache-bust", "hook-cleanup", "init-configmap", "intentional-failure",
                      "notify-webhook", "pre-delete-backup", "pre-upgrade-migration",
                      "schema-init", "service-registration", "smoke-test",
                      "three-step-sequence"]


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_lints_and_renders(chart):
    assert (EXAMPLES / chart / "README.md").read_text().startswith("# ")
    c = new_cluster()
    linted = c.helm(f"lint ./{chart}")
    assert linted.exit_code == 0, linted.stdout
    assert linted.stdout.endswith("1 chart(s) linted, 0 chart(s) failed\n")
    rendered = c.helm(f"template my-app ./{chart}")
    assert rendered.exit_code == 0 and rendered.stderr == ""
