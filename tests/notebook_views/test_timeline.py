"""The hook timeline: built from the action log, shown as text, static SVG, and a dict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minicluster import Cluster
from minicluster.cli.tour import CHART_DIR


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Cluster:
    work = tmp_path_factory.mktemp("timeline")
    shutil.copytree(CHART_DIR, work / "agents")
    cluster = Cluster(seed=0, cwd=str(work))
    assert cluster.helm("install agents ./agents").exit_code == 0
    assert cluster.helm("upgrade agents ./agents").exit_code == 0
    assert cluster.helm("upgrade agents ./agents --set migration.failVerify=true").exit_code == 1
    cluster.helm("status agents")  # a read-only command adds no group
    return cluster


def test_groups_follow_the_helm_commands(cluster: Cluster) -> None:
    timeline = cluster.timeline("agents")
    assert [g.command for g in timeline.groups] == [
        "install agents ./agents", "upgrade agents ./agents",
        "upgrade agents ./agents --set migration.failVerify=true"]
    assert [g.exit_code for g in timeline.groups] == [0, 0, 1]
    assert timeline.groups[2].outcome == "revision 3: failed"


def test_lanes_show_hook_order_marks_and_policies(cluster: Cluster) -> None:
    upgrade = cluster.timeline("agents").groups[1]
    hooks = [lane for lane in upgrade.lanes if lane.is_hook]
    assert [lane.name for lane in hooks] == [
        "agents-step-1-backup", "agents-step-2-migrate", "agents-step-3-verify",
        "agents-cache-bust"]
    assert [lane.weight for lane in hooks[:3]] == ["-10", "0", "10"]
    backup, migrate = hooks[0], hooks[1]
    # Each hook of an event completes before the next is created.
    assert backup.first("completed") <= migrate.first("created")
    # hook-succeeded deletes only after the whole event succeeded.
    assert backup.first("deleted") == hooks[2].first("deleted")
    assert all(lane.kind == "Job" for lane in hooks)
    assert not any(lane.kind == "Pod" for lane in upgrade.lanes)


def test_failed_hook_is_marked_and_kept(cluster: Cluster) -> None:
    failed = cluster.timeline("agents").groups[2]
    verify = next(lane for lane in failed.lanes if lane.name == "agents-step-3-verify")
    assert verify.first("failed") is not None and verify.first("deleted") is None
    backup = next(lane for lane in failed.lanes if lane.name == "agents-step-1-backup")
    assert backup.first("deleted") is not None  # earlier succeeded hooks are cleaned up


def test_text_html_and_dict_views(cluster: Cluster) -> None:
    timeline = cluster.timeline("agents")
    text = timeline.text()
    assert "$ helm upgrade agents ./agents" in text
    assert "weight=-10 policy=before-hook-creation,hook-succeeded" in text
    html = timeline._repr_html_()
    assert html.count("<svg") == 3 and "job/agents-step-2-migrate" in html
    assert "<script" not in html  # static markup: renders in any notebook front end
    data = timeline.to_dict()
    assert data["groups"][0]["lanes"][0]["marks"][0]["what"] == "created"


def test_an_empty_cluster_says_so() -> None:
    timeline = Cluster(seed=0, runtime="scripted").timeline()
    assert timeline.text() == "No helm commands have run in this cluster yet.\n"
    assert "No helm commands" in timeline._repr_html_()


def test_a_hook_replaced_by_before_hook_creation_shows_its_deletion(tmp_path: Path) -> None:
    chart = tmp_path / "c"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 0.1.0\n")
    (chart / "templates" / "hook.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: marker\n  annotations:\n"
        '    "helm.sh/hook": pre-install,pre-upgrade\n')
    cluster = Cluster(seed=0, cwd=str(tmp_path), runtime="scripted")
    assert cluster.helm("install c ./c").exit_code == 0
    assert cluster.helm("upgrade c ./c").exit_code == 0
    lane = cluster.timeline("c").groups[1].lanes[0]
    assert [m.what for m in lane.marks] == ["deleted", "created"]
