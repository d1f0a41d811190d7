"""The 140 cases of ../shared/reference/gotemplate-cases.yaml, each confirmed with real Helm 4.2.3.

The scope is built as the corpus header describes: chart `mychart` 0.1.0 (appVersion 1.2.3),
release `rel` in `default`, values decoded through JSON (every number a float64), optional
chart values.yaml coalesced under the user values, optional extra chart files for `.Files`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from minicluster.templates.engine import Template, render
from minicluster.templates.errors import RenderError
from minicluster.templates.gotypes import Values

CORPUS = Path(
    os.environ.get("MINICLUSTER_GOTEMPLATE_CORPUS", "/work/shared/reference/gotemplate-cases.yaml")
)
if not CORPUS.exists():  # the corpus travels with the repository's reference notes
    CORPUS = Path(__file__).resolve().parents[3] / "shared/reference/gotemplate-cases.yaml"

CASES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text()) if CORPUS.exists() else []

CHART_YAML = "apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: \"1.2.3\"\n"

CHART_MAP = {
    "Name": "mychart",
    "Version": "0.1.0",
    "AppVersion": "1.2.3",
    "Description": "",
    "Home": "",
    "Icon": "",
    "APIVersion": "v2",
    "Condition": "",
    "Tags": "",
    "KubeVersion": "",
    "Type": "",
    "Deprecated": False,
    "Keywords": [],
    "Sources": [],
    "Maintainers": [],
    "Annotations": {},
    "Dependencies": [],
    "IsRoot": True,
}


def _float64(value: Any) -> Any:
    """encoding/json into interface{}: every number is a float64."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _float64(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_float64(v) for v in value]
    return value


def build_scope(case: dict[str, Any]) -> dict[str, Any]:
    from minicluster.helm.chart import ChartFile, coalesce_values
    from minicluster.helm.chart.capabilities import make_capabilities
    from minicluster.helm.chart.files import Files
    from minicluster.helm.chart.loader import load_files

    values = _float64(json.loads(json.dumps(case.get("values") or {})))
    if case.get("chart_values_yaml"):
        chart = load_files(
            [
                ChartFile("Chart.yaml", CHART_YAML.encode()),
                ChartFile("values.yaml", case["chart_values_yaml"].encode()),
            ]
        )
        values = coalesce_values(chart, values)
    files = {k: v.encode() for k, v in (case.get("files") or {}).items()}
    return {
        "Values": Values(values),
        "Release": {
            "Name": "rel",
            "Namespace": "default",
            "IsInstall": True,
            "IsUpgrade": False,
            "Revision": 1,
            "Service": "Helm",
        },
        "Chart": dict(CHART_MAP),
        "Capabilities": make_capabilities(),
        "Files": Files(files),
        "Subcharts": {},
    }


def render_case(case: dict[str, Any]) -> str:
    scope = build_scope(case)
    templates = [Template(f"mychart/{path}", text, scope) for path, text in case["templates"].items()]
    return render(templates)["mychart/templates/t.yaml"]


@pytest.mark.skipif(not CASES, reason="corpus not found")
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_corpus_case(case: dict[str, Any]) -> None:
    if "expect" in case:
        assert render_case(case) == case["expect"]
        return
    with pytest.raises(RenderError) as info:
        render_case(case)
    message = str(info.value)
    if "expect_error" in case:
        assert message == case["expect_error"]
    else:
        assert case["expect_error_contains"] in message


def test_corpus_is_complete() -> None:
    assert len(CASES) == 140
