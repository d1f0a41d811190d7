"""Rendering whole charts: minicluster's render_chart against real Helm's engine output."""

from __future__ import annotations

from pathlib import Path

import pytest

from minicluster.helm.chart import load_chart
from minicluster.helm.chart.capabilities import OFFLINE_KUBE_VERSION
from minicluster.helm.render import render_chart
from minicluster.helm.scaffold import create_chart

from .charts import discovered_charts, fixture_charts

VALUE_SETS = [
    {},
    {"replicaCount": 3, "ingress": {"enabled": True}, "autoscaling": {"enabled": True},
     "serviceAccount": {"create": False}, "httpRoute": {"enabled": True}},
]


def _compare(helm, path: Path, values: dict, name: str = "rel", namespace: str = "ns",
             **kw) -> None:
    want = helm.Chart.load(str(path)).render(values, name=name, namespace=namespace, **kw)
    got = render_chart(load_chart(str(path)), values, release_name=name, namespace=namespace,
                       kube_version=OFFLINE_KUBE_VERSION, revision=kw.get("revision", 1),
                       is_install=kw.get("is_install", True),
                       is_upgrade=kw.get("is_upgrade", False))
    assert got.rendered == want


@pytest.mark.parametrize("values", VALUE_SETS, ids=["defaults", "everything-on"])
def test_helm_create_chart(helm, tmp_path, values):
    chart_dir, _ = create_chart("webapp", str(tmp_path))
    _compare(helm, Path(chart_dir), values)


def test_helm_create_chart_as_upgrade(helm, tmp_path):
    chart_dir, _ = create_chart("webapp", str(tmp_path))
    _compare(helm, Path(chart_dir), {"image": {"tag": "v2"}}, revision=4, is_install=False,
             is_upgrade=True)


@pytest.mark.parametrize("path", fixture_charts(), ids=lambda p: p.name)
def test_fixture_charts(helm, path):
    if "type: library" in (path / "Chart.yaml").read_text():
        pytest.skip("library charts are not renderable on their own")
    _compare(helm, path, {})


@pytest.mark.parametrize("values", [
    {"db": {"enabled": False}},
    {"tags": {"replicas": False}, "cache": {"enabled": True}},
    {"global": {"cacheOn": True, "env": None}, "cache": {"enabled": "yes"}},
    {"fromdb": {"level": None}, "replica": {"port": 1}, "nullMe": None},
    {"global": {"registry": {"port": None}}, "db": {"port": None}},
], ids=["db-off", "tags-off-cache-on", "global-condition", "nulls", "global-null"])
def test_umbrella_with_values(helm, values):
    _compare(helm, next(p for p in fixture_charts() if p.name == "umbrella"), values)


@pytest.mark.parametrize("path", discovered_charts(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_lab_and_solution_charts(helm, path):
    _compare(helm, path, {})


def test_discovery_finds_the_lab_charts():
    # There is at least one lab chart in the repository; if discovery breaks, the
    # parametrized test above would silently cover nothing.
    assert discovered_charts(), "no charts found under labs/ or solutions/"


@pytest.mark.parametrize("values", [
    {"other": {"on": True}},
    {"kid": {"greeting": None}, "global": {"shared": None}},
    {"tplText": "{{ .Values.name }}-{{ .Chart.Name }}", "name": "n"},
], ids=["alias-enabled", "nulls", "tpl-override"])
def test_tricky_with_values(helm, values):
    _compare(helm, next(p for p in fixture_charts() if p.name == "tricky"), values)
