"""The sandbox's shell against the real dash (/bin/sh on Debian) on a corpus of safe scripts:
same stdout, stderr and exit status. Only the test runs dash; the runtime never spawns."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from dash_corpus import CORPUS  # noqa: E402
from helpers import run_container  # noqa: E402

DASH = shutil.which("dash")
pytestmark = pytest.mark.skipif(DASH is None, reason="dash is not installed")


def real_dash(script: str, tmp_path) -> tuple[str, str, int]:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, timeout=10, cwd=tmp_path,
        env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root"},
        executable=DASH,
    )
    return done.stdout, done.stderr, done.returncode


@pytest.mark.parametrize("script", CORPUS)
def test_same_as_dash(script: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    expected_out, expected_err, expected_status = real_dash(script, tmp_path)
    result = run_container(["sh", "-c", script], "debian:12")
    assert (result.stdout, result.stderr, result.status) == (
        expected_out, expected_err, expected_status
    )


BASH = shutil.which("bash")
BASH_CORPUS = [block.strip("\n") for block in
               (pathlib.Path(__file__).parent / "bash_corpus.txt").read_text().split("\n====\n")
               if block.strip()]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize("script", BASH_CORPUS)
def test_same_as_bash(script: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=10, cwd=tmp_path,
        env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root"},
        executable=BASH,
    )
    result = run_container(["bash", "-c", script], "debian:12", working_dir="/work")
    assert (result.stdout, result.stderr, result.status) == (done.stdout, done.stderr, done.returncode)
