"""kubectl's --validate (strict by default) reaches the API server as field validation."""

from __future__ import annotations

from pathlib import Path

from minicluster import Cluster

TYPO = """apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    weight: 5
data:
  a: "1"
dta:
  b: "2"
"""


def _cluster(tmp_path: Path) -> Cluster:
    (tmp_path / "cm.yaml").write_text(TYPO)
    return Cluster(seed=0, cwd=str(tmp_path), runtime="scripted")


def test_unknown_field_is_refused_by_default(tmp_path: Path) -> None:
    result = _cluster(tmp_path).kubectl("apply -f cm.yaml")
    assert result.exit_code == 1
    assert 'unknown field "dta"' in result.stderr


def test_validate_false_ignores_it_and_apply_drops_the_numeric_annotation(tmp_path: Path) -> None:
    cluster = _cluster(tmp_path)
    result = cluster.kubectl("apply -f cm.yaml --validate=false")
    assert (result.exit_code, result.stdout) == (0, "configmap/settings created\n")
    notes = cluster.api.get("ConfigMap", "settings")["metadata"].get("annotations") or {}
    assert "weight" not in notes


def test_bad_validate_value(tmp_path: Path) -> None:
    result = _cluster(tmp_path).kubectl("apply -f cm.yaml --validate=maybe")
    assert result.exit_code == 1
    assert 'invalid - validate option "maybe"' in result.stderr
