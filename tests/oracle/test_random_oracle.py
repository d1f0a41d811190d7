"""Seeded random charts (values.yaml text, user overrides, templates) rendered by real Helm and
by minicluster. Bounded: a fixed number of cases per seed, a few seconds in all."""

from __future__ import annotations

import random

import pytest

from minicluster.helm.chart import load_chart
from minicluster.helm.chart.capabilities import OFFLINE_KUBE_VERSION
from minicluster.helm.chart.coalesce import collect_warnings
from minicluster.helm.render import render_chart

from .charts import helm_render_logged

KEYS = ["a", "b", "name", "y", "on", "yes", "No", "0755", "1.5", "port", "tag", "x_y", "Z"]
SCALARS = ["1", "1.5", "1e3", "0x10", "0755", "yes", "n", "on", "~", "null", '"quoted"',
           "'single'", "2020-01-01", "-0", "1000000", "12345678", "0.1", "text with spaces",
           '"a: b"', "true", "FALSE", "+.5", "1_000", "[1, two, 3.0]", "{}", "[]", '""',
           '"{{ .Release.Name }}"', "0o17", "9007199254740993", '"0755"', "08"]
OVERRIDES = [None, 0.0, 2.5, "s", True, False, [1.0, "x"], {"k": "v"}, {"a": None}]


def _values(rng: random.Random, depth: int = 0) -> tuple[str, dict]:
    """YAML text and the shape (key -> nested shape or None for a leaf)."""
    lines, shape = [], {}
    for key in rng.sample(KEYS, rng.randint(1, 4)):
        indent = "  " * depth
        if depth < 2 and rng.random() < 0.35:
            text, sub = _values(rng, depth + 1)
            lines.append(f"{indent}{key}:\n{text}")
            shape[key] = sub
        else:
            lines.append(f"{indent}{key}: {rng.choice(SCALARS)}")
            shape[key] = None
    return "\n".join(lines), shape


def _paths(shape: dict, prefix: tuple = ()) -> list[tuple]:
    out = []
    for key, sub in shape.items():
        out.append(prefix + (key,))
        if sub:
            out.extend(_paths(sub, prefix + (key,)))
    return out


def _ref(path: tuple) -> str:
    return "(index .Values " + " ".join(f'"{p}"' for p in path) + ")"


def _snippets(rng: random.Random, paths: list[tuple]) -> list[str]:
    forms = [
        "{{ REF }}", "{{ REF | quote }}", "{{ toYaml REF }}", "{{ toJson REF }}",
        "{{ REF | default \"d\" }}", "{{ typeOf REF }}", "{{ kindOf REF }}",
        "{{ if REF }}T{{ else }}F{{ end }}", "{{ printf \"%v|%T\" REF REF }}",
        "{{ REF | toString | upper }}", "{{ empty REF }}", "{{ REF | toYaml | indent 2 }}",
    ]
    out = ["{{ toJson .Values }}", "{{ toYaml .Values }}"]
    for _ in range(6):
        path = rng.choice(paths)
        out.append(rng.choice(forms).replace("REF", _ref(path)))
    return out


def _overrides(rng: random.Random, shape: dict) -> dict:
    out: dict = {}
    for key, sub in shape.items():
        if rng.random() < 0.3:
            out[key] = rng.choice(OVERRIDES)
        elif sub and rng.random() < 0.5:
            out[key] = _overrides(rng, sub)
    return out


def _case(rng: random.Random, root) -> tuple[dict, str]:
    text, shape = _values(rng)
    (root / "values.yaml").write_text(text + "\n")
    body = "\n---\n".join(_snippets(rng, _paths(shape)))
    (root / "templates" / "t.yaml").write_text(body)
    return _overrides(rng, shape), text


@pytest.mark.parametrize("seed", range(8))
def test_random_values_and_templates(helm, tmp_path, seed):
    rng = random.Random(seed)
    root = tmp_path / "rnd"
    (root / "templates").mkdir(parents=True)
    (root / "Chart.yaml").write_text("apiVersion: v2\nname: rnd\nversion: 0.1.0\n")
    for _ in range(6):
        overrides, text = _case(rng, root)
        outcome, helm_log = helm_render_logged(helm, root, overrides, name="r", namespace="n")
        want = ("error", type(outcome).__name__) if isinstance(outcome, Exception) else outcome
        with collect_warnings() as log:
            try:
                got = render_chart(load_chart(str(root)), overrides, release_name="r",
                                   namespace="n", kube_version=OFFLINE_KUBE_VERSION).rendered
            except Exception as exc:  # noqa: BLE001
                got = ("error", str(exc))
        # Go logs map entries in random order: compare the warnings as multisets.
        assert sorted(log) == sorted(helm_log), f"values.yaml:\n{text}\noverrides: {overrides}"
        if isinstance(want, tuple):
            assert isinstance(got, tuple), f"Helm refused, minicluster did not:\n{text}"
            continue
        assert got == want, f"values.yaml:\n{text}\noverrides: {overrides}"
