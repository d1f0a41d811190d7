"""The timeline's HTML renders to something visible in a real browser (headless Chromium)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from minicluster import Cluster
from minicluster.cli.tour import CHART_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _browser_or_fail() -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: scripts/test installs Debian's chromium package")
        pytest.skip("Chromium is not installed here (apt-get install chromium)")


def test_timeline_renders_in_headless_chromium(tmp_path: Path) -> None:
    _browser_or_fail()
    from playwright.sync_api import sync_playwright

    shutil.copytree(CHART_DIR, tmp_path / "agents")
    cluster = Cluster(seed=0, cwd=str(tmp_path))
    assert cluster.helm("install agents ./agents").exit_code == 0
    assert cluster.helm("upgrade agents ./agents").exit_code == 0
    page_file = tmp_path / "timeline.html"
    page_file.write_text("<!doctype html><html><body>" + cluster.timeline()._repr_html_()
                         + "</body></html>")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.goto(page_file.as_uri())
        boxes = [page.locator("svg").nth(i).bounding_box() for i in range(2)]
        circles = page.locator("circle").count()
        labels = page.locator("svg text").all_text_contents()
        shot = page.screenshot(full_page=True)
        browser.close()
    (tmp_path / "timeline.png").write_bytes(shot)
    assert all(box and box["width"] > 500 and box["height"] > 40 for box in boxes), boxes
    assert circles >= 10
    assert any("agents-step-1-backup" in text for text in labels)
    assert len(shot) > 10_000  # a blank page compresses to far less
