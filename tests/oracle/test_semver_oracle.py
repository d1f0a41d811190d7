"""Version constraints (Masterminds/semver as Helm uses it), observed through real Helm: a
dependency whose `version` range accepts the subchart in charts/ is aliased; one that does not
leaves the subchart under its own name."""

from __future__ import annotations

import pytest

from minicluster.helm.chart import load_chart
from minicluster.helm.chart.capabilities import OFFLINE_KUBE_VERSION
from minicluster.helm.render import render_chart
from minicluster.templates.gosemver import is_compatible_range

CONSTRAINTS = [
    ">=1.20.0", "<1.20", "~1.36", "^1.30", "1.36.x", ">=1.37.0-0", "1.20 - 1.40", ">1.0 <2.0",
    "!=1.36.0", "=1.36.0", "*", "1.x || 2.x", ">=v1.36", "~>1.35", "^0.1", "<=1.36", "<=1.35.x",
    ">1.36.x", "1.36", "~1", ">= 1.20.0, < 1.37.0", "foo", "", "1.36.0-0 - 2", "^1.36.0-alpha",
    ">1.36.0-rc.0", "~1.36.0-rc", "1.36.0-rc.1", "x", "<2", "!=1.x", "2.x || >=1.36 <1.37",
]


@pytest.mark.parametrize("version", ["1.36.0", "1.36.0-rc.1"])
def test_dependency_version_ranges_match_helm(helm, tmp_path, version):
    sub = tmp_path / "kv" / "charts" / "sub"
    (sub / "templates").mkdir(parents=True)
    (sub / "Chart.yaml").write_text(f"apiVersion: v2\nname: sub\nversion: {version}\n")
    (sub / "templates" / "t.yaml").write_text("name: {{ .Chart.Name }}\n")
    mismatches = []
    for constraint in CONSTRAINTS:
        (tmp_path / "kv" / "Chart.yaml").write_text(
            "apiVersion: v2\nname: kv\nversion: 0.1.0\ndependencies:\n"
            f"- name: sub\n  version: {constraint!r}\n  repository: ''\n  alias: aliased\n")
        want = sorted(helm.Chart.load(str(tmp_path / "kv")).render({}))
        got = sorted(render_chart(load_chart(str(tmp_path / "kv")), {}, release_name="r",
                                  namespace="n", kube_version=OFFLINE_KUBE_VERSION).rendered)
        if got != want:
            mismatches.append((constraint, want, got))
    assert mismatches == []


def test_constraint_basics():
    assert is_compatible_range(">=1.20.0-0", "v1.32.0-gke.1")
    assert not is_compatible_range(">=1.20.0", "v1.32.0-gke.1")
    assert is_compatible_range("~1.2.3", "1.2.9") and not is_compatible_range("~1.2.3", "1.3.0")
    assert is_compatible_range("^0.2.3", "0.2.9") and not is_compatible_range("^0.2.3", "0.3.0")
    assert not is_compatible_range("not a range", "1.0.0")
