"""Time travel: kubectl get as it was at an earlier instant of the action log."""

from __future__ import annotations

import shutil
from pathlib import Path

from minicluster import Cluster
from minicluster.cli.tour import CHART_DIR
from minicluster.notebook.explorer import explorer, snapshot


def _cluster(tmp_path: Path) -> Cluster:
    shutil.copytree(CHART_DIR, tmp_path / "agents")
    cluster = Cluster(seed=0, cwd=str(tmp_path), runtime="scripted")
    assert cluster.helm("install agents ./agents").exit_code == 0
    return cluster


def test_snapshot_shows_a_hook_job_that_is_gone_now(tmp_path: Path) -> None:
    cluster = _cluster(tmp_path)
    created = next(a for a in cluster.api.action_log
                   if a.verb == "create" and a.name == "agents-db-init")
    then = snapshot(cluster, created.time, "get jobs")
    assert then.exit_code == 0 and "agents-db-init" in then.stdout
    now = cluster.kubectl("get jobs")
    assert "agents-db-init" not in now.stdout + now.stderr


def test_snapshot_refuses_to_change_anything(tmp_path: Path) -> None:
    cluster = _cluster(tmp_path)
    result = snapshot(cluster, 1.0, "delete job agents-db-init")
    assert result.exit_code == 1 and "only reads" in result.stderr


def test_explorer_widget_steps_through_the_log(tmp_path: Path) -> None:
    cluster = _cluster(tmp_path)
    box = explorer(cluster, "get jobs")
    slider, caption, query, output = box.children
    slider.value = 0
    first = output.value
    slider.value = slider.max
    assert first != output.value
    assert "helm" in caption.value or "controller" in caption.value or "kubelet" in caption.value
