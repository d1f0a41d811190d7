"""`helm lint` messages and `helm show` output against real Helm."""

from __future__ import annotations

from pathlib import Path

import pytest

from minicluster.helm.chart import load_chart
from minicluster.helm.commands.show import show_text
from minicluster.helm.lint import lint_chart
from minicluster.helm.scaffold import create_chart

from .charts import discovered_charts, fixture_charts

BROKEN = {
    "no-icon-bad-version": ("apiVersion: v2\nname: c\nversion: 1.0\nappVersion: 1.10\n", {}),
    "bad-semver": ("apiVersion: v2\nname: c\nversion: one\n", {}),
    "not-strict-semver": ("apiVersion: v2\nname: c\nversion: v1.2\nicon: https://x.io/i.png\n", {}),
    # one Masterminds semver serves Sprig and Helm: segment overflow and leading zeros count
    "semver-overflow": ("apiVersion: v2\nname: c\nversion: 99999999999999999999.0.0\n", {}),
    "semver-pre-leading-zero": ("apiVersion: v2\nname: c\nversion: 1.0.0-01\n", {}),
    "semver-bad-metadata": ("apiVersion: v2\nname: c\nversion: 1.0.0+a_b\n", {}),
    "unknown-field": ("apiVersion: v2\nname: c\nversion: 0.1.0\nfoo: bar\n", {}),
    "v1-with-type": ("apiVersion: v1\nname: c\nversion: 0.1.0\ntype: application\n", {}),
    "bad-apiversion": ("apiVersion: v9\nname: c\nversion: 0.1.0\n", {}),
    "maintainer": ("apiVersion: v2\nname: c\nversion: 0.1.0\nmaintainers:\n- email: a@b.co\n", {}),
    "bad-template-yaml": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
                          {"templates/t.yaml": "a: 1\nb: [x][y]\n"}),
    "indent-and-names": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
                         {"templates/t.yaml": "  apiVersion: v1\n  kind: Service\n  metadata:\n"
                                              "    name: Bad_Name\n",
                          "templates/d.yaml": "apiVersion: apps/v1\nkind: Deployment\n"
                                              "metadata:\n  name: web\nspec: {}\n",
                          "templates/x.json": "{}", "values.yaml": "a: 1\n"}),
    "render-error": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
                     {"templates/t.yaml": "{{ .Values.a.b.c }}\n"}),
    "required-and-fail": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
                          {"templates/t.yaml": "a: {{ required \"need a\" .Values.a }}\n"
                                               "b: {{ fail \"stop\" }}\n"}),
    "lint-release-name": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
                          {"templates/t.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n"
                                               "  name: {{ .Release.Name }}-{{ .Release.Namespace }}\n"}),
    "deprecated-apis": ("apiVersion: v2\nname: c\nversion: 0.1.0\n", {
        f"templates/{i}.yaml": f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: x{i}\n"
                               "spec:\n  selector:\n    matchLabels: {a: b}\n"
        for i, (api, kind) in enumerate([
            ("batch/v1beta1", "CronJob"), ("policy/v1beta1", "PodDisruptionBudget"),
            ("extensions/v1beta1", "Ingress"), ("autoscaling/v2beta2", "HorizontalPodAutoscaler"),
            ("apps/v1beta2", "Deployment"), ("rbac.authorization.k8s.io/v1beta1", "RoleBinding"),
            ("resource.k8s.io/v1beta1", "DeviceClass"), ("batch/v1", "Job"),
            ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema"), ("example.com/v1", "Widget"),
            ("storage.k8s.io/v1beta1", "CSIStorageCapacity"), ("v1", "ConfigMap")])}),
    "bad-values": ("apiVersion: v2\nname: c\nversion: 0.1.0\n", {"values.yaml": "a: [\n"}),
    "schema": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
               {"values.yaml": "port: x\n",
                "values.schema.json": '{"properties": {"port": {"type": "integer"}}}'}),
    "missing-dep": ("apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: d\n"
                    "  version: 1.0.0\n  repository: file://d\n", {}),
    "crds": ("apiVersion: v2\nname: c\nversion: 0.1.0\n",
             {"crds/x.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"}),
}


def _write(root: Path, chart_yaml: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    (root / "Chart.yaml").write_text(chart_yaml)
    (root / "templates").mkdir()
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _messages(helm, path: Path, values: dict | None = None):
    want = helm.lint(str(path), values or {})
    got = lint_chart(str(path), values or {}, namespace="")  # the SDK lints with no namespace
    mine = [(m.severity, m.path, m.text) for m in got.helm_messages]
    theirs = [(m["severity"], m["path"], m["error"]) for m in want["messages"]]
    return sorted(mine), sorted(theirs), got, want


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_lint_messages_match_helm(helm, tmp_path, case):
    chart_yaml, files = BROKEN[case]
    path = _write(tmp_path / "c", chart_yaml, files)
    mine, theirs, got, want = _messages(helm, path)
    assert mine == theirs
    assert len(got.errors) == len(want["errors"])


@pytest.mark.parametrize("path", [*fixture_charts(), *discovered_charts()], ids=lambda p: p.name)
def test_lint_repository_charts(helm, path):
    mine, theirs, _, _ = _messages(helm, path)
    assert mine == theirs


def test_lint_helm_create_chart(helm, tmp_path):
    chart_dir, _ = create_chart("webapp", str(tmp_path))
    mine, theirs, got, _ = _messages(helm, Path(chart_dir), {"replicaCount": 2.0})
    assert mine == theirs == [(1, "Chart.yaml", "icon is recommended")]
    assert not got.errors


@pytest.mark.parametrize("what", ["all", "chart", "values", "readme", "crds"])
@pytest.mark.parametrize("name", ["umbrella", "webapp"])
def test_show_matches_helm(helm, tmp_path, what, name):
    if name == "webapp":
        path = Path(create_chart("webapp", str(tmp_path))[0])
        (path / "README.md").write_text("# webapp\n\nA readme.\n")
    else:
        path = next(p for p in fixture_charts() if p.name == name)
    assert show_text(load_chart(str(path)), what) == helm.show(str(path), output_format=what)


def test_create_matches_helm(helm, tmp_path):
    (tmp_path / "a").mkdir()
    mine = Path(create_chart("my-app", str(tmp_path / "a"))[0])
    (tmp_path / "b").mkdir()
    helm.Chart.create("my-app", str(tmp_path / "b"))
    theirs = tmp_path / "b" / "my-app"
    mine_files = sorted(p.relative_to(mine) for p in mine.rglob("*"))
    their_files = sorted(p.relative_to(theirs) for p in theirs.rglob("*"))
    assert mine_files == their_files
    for rel in their_files:
        if (theirs / rel).is_file():
            assert (mine / rel).read_bytes() == (theirs / rel).read_bytes(), rel


@pytest.mark.parametrize("values", [
    {"db": {"port": {"a": 1.0}}}, {"global": "flat", "list": {"x": 1.0}}, {"message": {"a": 1.0}},
], ids=["sub-table", "globals", "top-table"])
def test_lint_logs_coalescing_warnings_like_helm(helm, values):
    from minicluster.helm.chart.coalesce import collect_warnings

    from .charts import helm_logged

    path = next(p for p in fixture_charts() if p.name == "umbrella")
    outcome, helm_log = helm_logged(lambda: helm.lint(str(path), values))
    with collect_warnings() as log:
        result = lint_chart(str(path), values, namespace="")
    assert sorted(log) == sorted(helm_log) and helm_log
    mine = sorted((m.severity, m.path, m.text) for m in result.helm_messages)
    assert mine == sorted((m["severity"], m["path"], m["error"]) for m in outcome["messages"])


@pytest.mark.parametrize("app_version", ["16777217.0", "6948674.738744654", "1.10", "123456789"])
def test_numeric_app_version_is_a_float32_text_like_helm(helm, tmp_path, app_version):
    path = _write(tmp_path / "c", f"apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: {app_version}\n", {})
    assert show_text(load_chart(str(path)), "chart") == helm.show(str(path), output_format="chart")
