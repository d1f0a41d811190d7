"""The notebook magics, called as IPython would call them."""

from __future__ import annotations

from pathlib import Path

import pytest

from minicluster.notebook import magics, session


@pytest.fixture(autouse=True)
def fresh_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    session.set_cluster(None)
    session.set_chart_root(str(tmp_path / "chart"))


def test_chartfile_writes_inside_the_chart_and_refuses_escapes(tmp_path: Path) -> None:
    result = magics.chartfile("Chart.yaml", "apiVersion: v2\nname: x\nversion: 0.1.0\n")
    assert result.exit_code == 0 and result.stdout == "Writing chart/Chart.yaml\n"
    assert (tmp_path / "chart" / "Chart.yaml").exists()
    again = magics.chartfile("Chart.yaml", "apiVersion: v2\nname: x\nversion: 0.1.1\n")
    assert again.stdout == "Overwriting chart/Chart.yaml\n"
    escape = magics.chartfile("../../etc/evil", "x")
    assert escape.exit_code == 1 and "outside the chart" in escape.stderr
    assert not (tmp_path.parent / "etc").exists()


def test_helm_and_kubectl_share_one_cluster_per_kernel(tmp_path: Path) -> None:
    magics.chartfile("Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n")
    magics.chartfile("templates/cm.yaml",
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-chart\n")
    assert magics.helm("install demo ./chart").exit_code == 0
    listing = magics.kubectl("get configmaps -o name")
    assert "configmap/from-chart" in listing.stdout
    html = listing._repr_html_()
    assert "configmap/from-chart" in html and "mc-stdout" in html


def test_minicluster_magic_advances_resets_and_reports_usage() -> None:
    first = session.get_cluster()
    assert "09:05:00Z" in magics.minicluster("advance 5m").stdout
    assert magics.minicluster("time").stdout == "2026-03-02T09:05:00Z\n"
    magics.minicluster("reset --seed 3")
    assert session.get_cluster() is not first and session.get_cluster().seed == 3
    bad = magics.minicluster("frobnicate")
    assert bad.exit_code == 2 and "usage: %minicluster" in bad.stderr


def test_failed_command_shows_stderr_and_exit_code() -> None:
    result = magics.kubectl("get jobs nope")
    assert result.exit_code == 1
    html = result._repr_html_()
    assert "mc-stderr" in html and "exit code 1" in html


def test_progress_line_appears_only_for_slow_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    from minicluster.notebook import progress as progress_module

    shown: list[str] = []

    class Line:
        def __init__(self, text: str) -> None:
            self.value = text
            shown.append(text)

        def close(self) -> None:
            shown.append("closed")

    cluster = session.get_cluster()
    ticks = iter([0.0, 0.1, 1.0, 1.1, 2.0, 2.1, 3.0])
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(ticks, 9.0))
    with progress_module.progress(cluster, "helm install x", display=Line):
        for _ in range(4):
            cluster.clock.call_later(10, lambda: None)
            cluster.clock.run_until_idle()
    assert shown[0].startswith("⏳ helm install x — ") and shown[-1] == "closed"
    assert cluster.clock.observers == []
