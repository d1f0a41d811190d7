"""Label selector parse errors compared with real kubectl 1.32, which parses selectors with the
same apimachinery code (`kubectl set selector --local` reports the parser's error)."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from minicluster.api.selectors import SelectorError, parse_label_selector

SELECTORS = [
    "app in", "app in (a", "app=web,", "=web", "app web", "app=a b", "!app=x", "n>x",
    "a/b/c=d", "app in ()", "app notin (a,,b)", "app in (a b)", "x=", ",a", "a,,b", "a!",
    "a==", "a!=b!", "app in (a),", "!", "a in (b,c", "a=b)", "A_B.c/d=e", "a=-b", "a in (-x)",
    "k=" + "v" * 64, "n<5,n>", "a in (,)", "a notin ()", "tier in (a, b), !x", "a.b/c-d=e_f",
]
MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
PREFIX = "error: couldn't parse the selector string "


def real_error(selector: str, manifest: str) -> str | None:
    out = subprocess.run(["kubectl", "set", "selector", "--local", "-f", manifest, selector,
                          "-o", "name"], capture_output=True, text=True, timeout=30)
    text = out.stderr.strip()
    if not text.startswith(PREFIX):
        return None  # parsed; kubectl then refuses the ConfigMap for unrelated reasons
    quoted = f'"{selector}": '
    return text[len(PREFIX) + len(quoted):]


@pytest.mark.oracle
@pytest.mark.skipif(shutil.which("kubectl") is None, reason="real kubectl not installed")
def test_parse_errors_match_real_kubectl(tmp_path) -> None:
    manifest = tmp_path / "cm.yaml"
    manifest.write_text(MANIFEST)
    with ThreadPoolExecutor(max_workers=4) as pool:
        reals = list(pool.map(lambda s: real_error(s, str(manifest)), SELECTORS))
    mismatches = []
    for selector, real in zip(SELECTORS, reals):
        try:
            parse_label_selector(selector)
            ours = None
        except SelectorError as exc:
            ours = str(exc)
        if ours != real:
            mismatches.append((selector, real, ours))
    assert mismatches == []
