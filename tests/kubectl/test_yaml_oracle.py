"""`-o yaml` / `-o json` printing compared with real kubectl's printers (`label --local`)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from minicluster.kubectl.printing.serialize import to_json, to_yaml

DATA = Path(__file__).parent / "data" / "yaml_strings.json"
KUBECONFIG = ("apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \"https://127.0.0.1:1\"}\n"
              "  name: c\ncontexts:\n- context: {cluster: c, user: u}\n  name: c\n"
              "current-context: c\nusers:\n- name: u\n  user: {token: x}\n")


def _ours():
    obj = json.loads(DATA.read_text())
    obj["metadata"]["labels"] = {"x": "y"}  # what `kubectl label ... x=y` adds
    return obj


def test_tricky_strings_are_quoted_like_go_yaml():
    text = to_yaml(_ours())
    assert '    "y": "y"\n' in text and '    ts: "2026-03-02T09:00:00Z"\n' in text
    assert "    colon: 'a: b'\n" in text and "    mlnoend: |-\n      line1\n" in text


@pytest.mark.oracle
@pytest.mark.skipif(shutil.which("kubectl") is None, reason="real kubectl not installed")
@pytest.mark.parametrize(("fmt", "render"), [("yaml", to_yaml), ("json", to_json)])
def test_against_real_kubectl(tmp_path, fmt, render):
    (tmp_path / "config").write_text(KUBECONFIG)
    env = {**os.environ, "KUBECONFIG": str(tmp_path / "config")}
    real = subprocess.run(["kubectl", "label", "--local", "-f", str(DATA), "x=y", "-o", fmt],
                          capture_output=True, text=True, env=env, timeout=60)
    assert real.returncode == 0, real.stderr
    assert render(_ours()) == real.stdout
